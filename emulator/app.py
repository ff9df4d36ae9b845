"""HTTP routes: the Bot API under ``/bot{token}/{method}``, the user side under ``/_emulator``."""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from emulator.errors import ApiError, UploadedFile
from emulator.methods import dispatch
from emulator.records import FAULT_KINDS, BotMessage
from emulator.world import World

logger = logging.getLogger(__name__)
ATTACH = "attach://"
MAX_WAIT_SECONDS = 60.0


def create_app(world: World) -> Starlette:
    """The Starlette application serving ``world``."""

    async def bot_method(request: Request) -> JSONResponse:
        method = request.path_params["method"]
        try:
            params = await read_params(request)
            result = await dispatch(world, request.path_params["token"], method, params)
        except ApiError as error:
            return JSONResponse(error.envelope(), status_code=error.code)
        except Exception:
            logger.exception("emulator failed while handling %s", method)
            failure = ApiError(500, "Internal Server Error: emulator failure")
            return JSONResponse(failure.envelope(), status_code=500)
        return JSONResponse({"ok": True, "result": result})

    async def user_message(request: Request) -> JSONResponse:
        body = await _json_body(request)
        user_id: int = request.path_params["user_id"]
        if "text" not in body:
            return _user_error('"text" is required')
        if "first_name" in body:
            world.add_user(user_id, str(body["first_name"]), world.user(user_id).language_code)
        language = body.get("language_code")
        message = await world.send_text(user_id, str(body["text"]), language_code=language)
        return JSONResponse({"ok": True, "result": message})

    async def user_add(request: Request) -> JSONResponse:
        body = await _json_body(request)
        user_id: int = request.path_params["user_id"]
        user = world.add_user(
            user_id,
            str(body.get("first_name", "Pat")),
            str(body.get("language_code", "en")),
            started=body.get("started") is True,
        )
        result = {
            "id": user.id,
            "first_name": user.first_name,
            "language_code": user.language_code,
            "started": user.started,
        }
        return JSONResponse({"ok": True, "result": result})

    async def user_press(request: Request) -> JSONResponse:
        body = await _json_body(request)
        user_id: int = request.path_params["user_id"]
        try:
            query_id = await world.press_button(
                user_id, int(body["message_id"]), data=body.get("data"), index=body.get("index")
            )
        except (KeyError, ValueError, TypeError) as error:
            return _user_error(str(error))
        return JSONResponse({"ok": True, "result": {"callback_query_id": query_id}})

    async def chat_messages(request: Request) -> JSONResponse:
        chat_id: int = request.path_params["chat_id"]
        query = request.query_params
        try:
            after = int(query.get("after", "0"))
            since_version = int(query["since"]) if "since" in query else None
            wait = min(float(query.get("wait", "0")), MAX_WAIT_SECONDS)
        except ValueError:
            return _user_error('"after" and "since" must be integers, "wait" a number')

        def changed() -> list[BotMessage] | None:
            found = [
                m
                for m in world.bot_messages(chat_id)
                if m.message_id > after and (since_version is None or m.version > since_version)
            ]
            return found or None

        found = await world.wait_until(changed, wait) if wait > 0 else changed()
        payload = [message_to_json(m) for m in found or []]
        return JSONResponse({"ok": True, "version": world.version, "messages": payload})

    async def all_messages(request: Request) -> JSONResponse:
        query = request.query_params
        try:
            since_version = int(query.get("since", "0"))
            wait = min(float(query.get("wait", "0")), MAX_WAIT_SECONDS)
        except ValueError:
            return _user_error('"since" must be an integer, "wait" a number')

        def changed() -> list[BotMessage] | None:
            found = [
                world.snapshot(m)
                for chat in world.messages.values()
                for m in chat.values()
                if m.from_bot and m.version > since_version
            ]
            return sorted(found, key=lambda m: m.version) or None

        found = await world.wait_until(changed, wait) if wait > 0 else changed()
        payload = [message_to_json(m) for m in found or []]
        return JSONResponse({"ok": True, "version": world.version, "messages": payload})

    async def faults(request: Request) -> JSONResponse:
        body = await _json_body(request)
        kind = str(body.get("kind"))
        if "method" not in body or kind not in FAULT_KINDS:
            return _user_error(f'need "method" and "kind" (one of {sorted(FAULT_KINDS)})')
        try:
            count = int(body.get("count", 1))
            retry_after = int(body.get("retry_after", 1))
            delay = float(body.get("delay", 0.0))
        except (TypeError, ValueError):
            return _user_error('"count" and "retry_after" must be integers, "delay" a number')
        if count < 1 or retry_after < 0 or not 0 <= delay <= MAX_WAIT_SECONDS:
            return _user_error(
                f'need "count" >= 1, "retry_after" >= 0 and 0 <= "delay" <= {MAX_WAIT_SECONDS}'
            )
        world.inject_fault(
            str(body["method"]), kind, count=count, retry_after=retry_after, delay=delay
        )
        return JSONResponse({"ok": True})

    async def commands(request: Request) -> JSONResponse:
        result = [
            {"scope": scope, "language_code": language, "commands": items}
            for (scope, language), items in world.commands.items()
        ]
        return JSONResponse({"ok": True, "result": result})

    routes = [
        Route("/bot{token}/{method}", bot_method, methods=["GET", "POST"]),
        Route("/_emulator/users/{user_id:int}", user_add, methods=["POST"]),
        Route("/_emulator/users/{user_id:int}/messages", user_message, methods=["POST"]),
        Route("/_emulator/users/{user_id:int}/press", user_press, methods=["POST"]),
        Route("/_emulator/chats/{chat_id:int}/messages", chat_messages, methods=["GET"]),
        Route("/_emulator/messages", all_messages, methods=["GET"]),
        Route("/_emulator/faults", faults, methods=["POST"]),
        Route("/_emulator/commands", commands, methods=["GET"]),
    ]
    return Starlette(routes=routes)


def message_to_json(message: BotMessage) -> dict[str, Any]:
    """The user-side JSON view of a bot message (see docs/emulator.md)."""
    markup = message.raw.get("reply_markup") or {}
    return {
        "chat_id": message.chat_id,
        "message_id": message.message_id,
        "kind": message.kind,
        "text": message.text,
        "buttons": [
            [
                {
                    "text": b.get("text"),
                    "callback_data": b.get("callback_data"),
                    "url": b.get("url"),
                }
                for b in row
            ]
            for row in markup.get("inline_keyboard", [])
        ],
        "edited": message.edited,
        "deleted": message.deleted,
        "version": message.version,
    }


def _user_error(detail: str) -> JSONResponse:
    return JSONResponse({"ok": False, "error": detail}, status_code=400)


async def _json_body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


async def read_params(request: Request) -> dict[str, Any]:
    """Query string plus a JSON, form-urlencoded or multipart body, as one dict.

    Multipart file parts become :class:`UploadedFile` values under their field name; a
    parameter whose value is ``attach://<name>`` gets the file part ``<name>`` instead.
    """
    params: dict[str, Any] = dict(request.query_params)
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        body = await request.body()
        if not body:
            return params
        try:
            decoded = json.loads(body)
        except ValueError:
            raise ApiError.bad_request("can't parse JSON encoded request body") from None
        if not isinstance(decoded, dict):
            raise ApiError.bad_request("request body must be a JSON object")
        params.update(decoded)
    elif content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        params.update(await _form(request))
    else:
        body = await request.body()
        params.update(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    return params


async def _form(request: Request) -> dict[str, Any]:
    try:
        form = await request.form()
    except HTTPException:
        raise ApiError.bad_request("can't parse multipart request body") from None
    values: dict[str, Any] = {}
    files: dict[str, UploadedFile] = {}
    for name, value in form.multi_items():
        if isinstance(value, str):
            values[name] = value
        else:
            data = await value.read()
            content_type = value.content_type or "application/octet-stream"
            files[name] = UploadedFile(name, value.filename or "", content_type, data)
    await form.close()
    for key, value in list(values.items()):
        if isinstance(value, str) and value.startswith(ATTACH):
            values[key] = files.pop(value.removeprefix(ATTACH), value)
    return {**values, **files}
