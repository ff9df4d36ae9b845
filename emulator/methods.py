"""The bot side of the Bot API: authentication, faults, validation and each method."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from emulator.errors import ApiError, UploadedFile
from emulator.formatting import visible_text
from emulator.objects import (
    EmuUser,
    StoredFile,
    StoredMessage,
    bot_user_json,
    message_json,
)
from emulator.params import Params
from emulator.records import BotRequest, CallbackAnswer, Webhook
from emulator.webhook import start_delivery
from emulator.world import World

Handler = Callable[[World, Params], Awaitable[Any]]
HANDLERS: dict[str, Handler] = {}
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
MAX_TEXT, MAX_CAPTION, MAX_CALLBACK_DATA = 4096, 1024, 64
# Telegram stops accepting answerCallbackQuery about 15 s after the press.
CALLBACK_ANSWER_WINDOW = 15.0


def _method(name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        HANDLERS[name.lower()] = handler
        return handler

    return register


async def dispatch(world: World, token: str, method: str, raw: dict[str, Any]) -> Any:
    """Answer one bot request, or raise the :class:`ApiError` Telegram would send."""
    if world.token is not None and token != world.token:
        raise ApiError(401, "Unauthorized")
    handler = HANDLERS.get(method.lower())
    known = world.schema.canonical_method(method) if world.schema else None
    if handler is None and known is None:
        raise ApiError(404, "Not Found")
    name = known or method
    raw, attached = _attachments(raw)
    try:
        params = world.schema.validate(name, raw) if world.schema and known else raw
        invalid: ApiError | None = None
    except ApiError as error:
        params, invalid = raw, error
    world.log_request(BotRequest(name, dict(params)))
    fault = world.take_fault(name)
    if fault is not None:
        if fault.kind == "delay":
            await world.wait_until(lambda: None, fault.delay)  # cut short by shutdown
        elif fault.kind == "429":
            raise ApiError(
                429,
                f"Too Many Requests: retry after {fault.retry_after}",
                {"retry_after": fault.retry_after},
            )
        elif fault.kind == "500":
            raise ApiError(500, "Internal Server Error")
        else:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
    limits = world.limits
    if limits is not None:
        await world.wait_until(lambda: None, limits.transit())  # the way in
        wait = limits.admit(name, params.get("chat_id"))
        if wait is not None:
            raise ApiError(429, f"Too Many Requests: retry after {wait}", {"retry_after": wait})
    if invalid is not None:
        raise invalid
    if handler is None:
        raise ApiError(501, f"Not Implemented: the emulator does not support {name}")
    if attached:
        params = {**params, "_attached": attached}
    result = await handler(world, Params(params))
    if limits is not None:
        await world.wait_until(lambda: None, limits.transit())  # the way back
    return result


def _attachments(raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    """Uploads that a JSON field names as ``attach://<name>``, set apart from the parameters.

    Telegram accepts these only where a field refers to them (an album's ``media``); any
    other unknown upload stays a parameter, so the schema refuses it.
    """
    text = " ".join(str(value) for value in raw.values() if isinstance(value, str))
    attached = {
        key: value
        for key, value in raw.items()
        if isinstance(value, UploadedFile) and f"attach://{key}" in text
    }
    return {k: v for k, v in raw.items() if k not in attached}, attached


# -- helpers ------------------------------------------------------------------------------


def _chat(world: World, params: Params) -> EmuUser:
    chat_id = params.chat_id()
    if chat_id is None or chat_id not in world.users:
        raise ApiError.bad_request("chat not found")
    user = world.users[chat_id]
    if not user.started:
        raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
    return user


def _target(world: World, params: Params) -> tuple[EmuUser, StoredMessage | None]:
    if params.has("inline_message_id"):
        raise ApiError.bad_request("inline messages are not supported by the emulator")
    user = _chat(world, params)
    message = world.messages[user.id].get(params.integer("message_id"))
    return user, None if message is None or message.deleted else message


def _editable(world: World, params: Params) -> tuple[EmuUser, StoredMessage]:
    user, message = _target(world, params)
    if message is None:
        raise ApiError.bad_request("message to edit not found")
    if not message.from_bot:
        raise ApiError.bad_request("message can't be edited")
    return user, message


def _markup(params: Params) -> dict[str, Any] | None:
    markup = params.json_object("reply_markup")
    if markup is None:
        return None
    for row in markup.get("inline_keyboard") or []:
        for button in row:
            data = button.get("callback_data") if isinstance(button, dict) else None
            if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA:
                raise ApiError.bad_request("BUTTON_DATA_INVALID")
    return markup


def _text(params: Params) -> str:
    text = visible_text(params.string("text", ""), params.optional_string("parse_mode"))
    if not text.strip():
        raise ApiError.bad_request("message text is empty")
    if len(text) > MAX_TEXT:
        raise ApiError.bad_request("message is too long")
    return text


def _caption(params: Params) -> str | None:
    raw = params.optional_string("caption")
    if raw is None:
        return None
    caption = visible_text(raw, params.optional_string("parse_mode"))
    if len(caption) > MAX_CAPTION:
        raise ApiError.bad_request("message caption is too long")
    return caption


def _file(world: World, value: Any, kind: str | None = None) -> StoredFile:
    """An uploaded file (stored now), a file id sent before, or a URL.

    A file id is only good for the kind of file it was sent as: like Telegram, a photo's
    id is refused by ``sendAnimation``.
    """
    if isinstance(value, UploadedFile):
        number = world.next_id()
        stored = StoredFile(
            file_id=f"EMU-{number:06d}-{value.field_name}",
            file_unique_id=f"emu{number:06d}",
            filename=value.filename or None,
            mime_type=value.content_type or None,
            data=value.data,
            kind=kind,
        )
        world.files[stored.file_id] = stored
        return stored
    if isinstance(value, str) and value in world.files:
        found = world.files[value]
        if kind is not None and found.kind is not None and found.kind != kind:
            raise ApiError.bad_request(f"can't use file of type {found.kind.title()} as {kind}")
        return found
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        number = world.next_id()
        stored = StoredFile(f"EMU-{number:06d}-url", f"emu{number:06d}", None, None, None, value)
        world.files[stored.file_id] = stored
        return stored
    raise ApiError.bad_request("wrong file identifier/HTTP URL specified")


def _scope_key(params: Params) -> tuple[str, str]:
    scope = params.json_object("scope") or {"type": "default"}
    parts = [str(scope.get("type", "default"))]
    parts += [str(scope[key]) for key in ("chat_id", "user_id") if key in scope]
    return ":".join(parts), params.string("language_code", "")


# -- methods ------------------------------------------------------------------------------


@_method("getMe")
async def get_me(world: World, params: Params) -> Any:
    return bot_user_json(world.bot, full=True)


@_method("getUpdates")
async def get_updates(world: World, params: Params) -> Any:
    if world.webhook is not None:
        raise ApiError(
            409,
            "Conflict: can't use getUpdates method while webhook is active; "
            "use deleteWebhook to delete the webhook first",
        )
    offset = params.optional_integer("offset")
    before = len(world.updates)
    if offset is not None and offset > 0:
        world.updates[:] = [u for u in world.updates if u["update_id"] >= offset]
    elif offset is not None and offset < 0:
        world.updates[:] = world.updates[offset:]
    if len(world.updates) < before:  # confirmed: Telegram forgets them for good
        world.notify()
    limit = min(max(params.optional_integer("limit") or 100, 1), 100)
    timeout = max(params.optional_integer("timeout") or 0, 0)
    # Telegram lets one getUpdates run at a time: a new one ends the one still waiting.
    world.polls += 1
    mine = world.polls
    if world.polls_waiting:  # wake the one waiting, so that it answers 409
        world.notify()
    if not world.updates and timeout > 0:

        def answered() -> bool | None:
            return True if world.updates or world.polls != mine else None

        world.polls_waiting += 1
        try:
            await world.wait_until(answered, float(timeout))
        finally:
            world.polls_waiting -= 1
    if world.polls != mine:
        raise ApiError(
            409,
            "Conflict: terminated by other getUpdates request; "
            "make sure that only one bot instance is running",
        )
    return world.updates[:limit]


@_method("sendMessage")
async def send_message(world: World, params: Params) -> Any:
    user = _chat(world, params)
    text, markup = _text(params), _markup(params)
    message = world.store_message(user.id, from_bot=True, text=text, reply_markup=markup)
    return message_json(message, user, world.bot)


async def _send_file(world: World, params: Params, key: str, kind: str) -> Any:
    user = _chat(world, params)
    if not params.has(key):
        raise ApiError.bad_request(f'parameter "{key}" is required')
    caption, markup = _caption(params), _markup(params)
    stored = _file(world, params.raw(key), kind)
    message = world.store_message(
        user.id, from_bot=True, kind=kind, caption=caption, reply_markup=markup, file=stored
    )
    return message_json(message, user, world.bot)


@_method("sendPhoto")
async def send_photo(world: World, params: Params) -> Any:
    return await _send_file(world, params, "photo", "photo")


@_method("sendAnimation")
async def send_animation(world: World, params: Params) -> Any:
    return await _send_file(world, params, "animation", "animation")


@_method("sendMediaGroup")
async def send_media_group(world: World, params: Params) -> Any:
    """An album: 2 to 10 photos (or videos), each with its own caption, and no buttons."""
    user = _chat(world, params)
    media = params.raw("media")
    if not isinstance(media, list) or not 2 <= len(media) <= 10:
        raise ApiError.bad_request("wrong number of media: an album needs 2 to 10")
    attached: dict[str, UploadedFile] = params.raw("_attached") or {}
    group = f"{world.next_id()}"
    sent = []
    for item in media:
        if item.get("type") != "photo":
            raise ApiError.bad_request("the emulator's albums hold photos only")
        source = str(item["media"])
        if source.startswith("attach://"):
            upload = attached.get(source.removeprefix("attach://"))
            if upload is None:
                raise ApiError.bad_request(f"no file was attached for {source}")
            stored = _file(world, upload, "photo")
        else:
            stored = _file(world, source, "photo")
        caption = None
        if item.get("caption") is not None:
            caption = visible_text(str(item["caption"]), item.get("parse_mode"))
            if len(caption) > MAX_CAPTION:
                raise ApiError.bad_request("message caption is too long")
        sent.append(
            world.store_message(
                user.id,
                from_bot=True,
                kind="photo",
                caption=caption,
                file=stored,
                media_group_id=group,
            )
        )
    return [message_json(message, user, world.bot) for message in sent]


@_method("sendDocument")
async def send_document(world: World, params: Params) -> Any:
    return await _send_file(world, params, "document", "document")


@_method("sendChatAction")
async def send_chat_action(world: World, params: Params) -> Any:
    _chat(world, params)
    return True


def _not_modified() -> ApiError:
    return ApiError.bad_request(
        "message is not modified: specified new message content and reply markup are "
        "exactly the same as a current content and reply markup of the message"
    )


@_method("editMessageText")
async def edit_message_text(world: World, params: Params) -> Any:
    user, message = _editable(world, params)
    if message.kind != "text":
        raise ApiError.bad_request("there is no text in the message to edit")
    text, markup = _text(params), _markup(params)
    if text == message.text and markup == message.reply_markup:
        raise _not_modified()
    message.text, message.reply_markup, message.edit_date = text, markup, world.now()
    message.entities = []
    world.touch(message)
    return message_json(message, user, world.bot)


@_method("editMessageCaption")
async def edit_message_caption(world: World, params: Params) -> Any:
    user, message = _editable(world, params)
    if message.kind == "text":
        raise ApiError.bad_request("there is no caption in the message to edit")
    caption, markup = _caption(params), _markup(params)
    if caption == message.caption and markup == message.reply_markup:
        raise _not_modified()
    message.caption, message.reply_markup, message.edit_date = caption, markup, world.now()
    world.touch(message)
    return message_json(message, user, world.bot)


@_method("editMessageReplyMarkup")
async def edit_message_reply_markup(world: World, params: Params) -> Any:
    user, message = _editable(world, params)
    markup = _markup(params)
    if markup == message.reply_markup:
        raise _not_modified()
    message.reply_markup, message.edit_date = markup, world.now()
    world.touch(message)
    return message_json(message, user, world.bot)


@_method("deleteMessage")
async def delete_message(world: World, params: Params) -> Any:
    _, message = _target(world, params)
    if message is None:
        raise ApiError.bad_request("message to delete not found")
    message.deleted = True
    world.touch(message)
    return True


@_method("answerCallbackQuery")
async def answer_callback_query(world: World, params: Params) -> Any:
    query_id = params.string("callback_query_id", "")
    pending = world.callbacks.get(query_id)
    expired = (
        pending is not None and world.answer_time() - pending.pressed_at > CALLBACK_ANSWER_WINDOW
    )
    if pending is None or pending.answered or expired:
        raise ApiError.bad_request(
            "query is too old and response timeout expired or query ID is invalid"
        )
    pending.answered = True
    world.callback_answers.append(
        CallbackAnswer(
            callback_query_id=query_id,
            user_id=pending.user_id,
            text=params.optional_string("text"),
            show_alert=params.boolean("show_alert"),
            url=params.optional_string("url"),
        )
    )
    world.notify()
    return True


@_method("setMyCommands")
async def set_my_commands(world: World, params: Params) -> Any:
    commands = params.json_array("commands")
    for command in commands:
        if not isinstance(command, dict) or not _COMMAND.fullmatch(str(command.get("command"))):
            raise ApiError.bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", ""))) <= 256:
            raise ApiError.bad_request("command description must be 1-256 characters")
    world.commands[_scope_key(params)] = [
        {"command": c["command"], "description": c["description"]} for c in commands
    ]
    return True


@_method("getMyCommands")
async def get_my_commands(world: World, params: Params) -> Any:
    return world.commands.get(_scope_key(params), [])


@_method("deleteMyCommands")
async def delete_my_commands(world: World, params: Params) -> Any:
    world.commands.pop(_scope_key(params), None)
    return True


@_method("setWebhook")
async def set_webhook(world: World, params: Params) -> Any:
    url = params.string("url", "")
    if params.boolean("drop_pending_updates"):
        world.updates.clear()
    if not url:
        world.webhook = None
        return True
    secret_token = params.optional_string("secret_token")
    if secret_token is not None and not _SECRET_TOKEN.fullmatch(secret_token):
        raise ApiError.bad_request("secret token contains unallowed characters")
    allowed = params.json_array("allowed_updates") if params.has("allowed_updates") else None
    world.webhook = Webhook(
        url=url,
        secret_token=secret_token,
        max_connections=params.optional_integer("max_connections") or 40,
        allowed_updates=[str(item) for item in allowed] if allowed is not None else None,
        ip_address=params.optional_string("ip_address"),
    )
    start_delivery(world)
    world.notify()
    return True


@_method("deleteWebhook")
async def delete_webhook(world: World, params: Params) -> Any:
    if params.boolean("drop_pending_updates"):
        world.updates.clear()
    world.webhook = None
    world.notify()
    return True


@_method("getWebhookInfo")
async def get_webhook_info(world: World, params: Params) -> Any:
    hook = world.webhook
    info: dict[str, Any] = {
        "url": hook.url if hook else "",
        "has_custom_certificate": False,
        "pending_update_count": len(world.updates),
    }
    if hook is not None:
        info["max_connections"] = hook.max_connections
        optional = {
            "ip_address": hook.ip_address,
            "allowed_updates": hook.allowed_updates,
            "last_error_date": hook.last_error_date,
            "last_error_message": hook.last_error_message,
        }
        info.update({key: value for key, value in optional.items() if value is not None})
    return info
