"""Turning a service's reply into Telegram calls."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, CallbackContext, ContextTypes

from bot.handlers import media
from bot.handlers.context import deps, visitor
from bot.handlers.menus import publish_staff_menu
from bot.handlers.unreachable import cannot_reach
from bot.sender import Priority, lane, with_lanes
from bot.services import alerts, inbox
from bot.services.outgoing import Edit, Message, Reply
from bot.services.patients import language_of, patient_by_telegram, staff_by_telegram

log = logging.getLogger(__name__)


async def respond(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    action: Callable[..., Reply],
    *args: Any,
    **kwargs: Any,
) -> None:
    """Run a service as the person who sent the update, then deliver its reply.

    ``action`` is called as ``action(db, clock, content, visitor, *args, **kwargs)``.
    """
    found = deps(context)
    with found.open_db() as db:
        reply = action(db, found.clock, found.content, visitor(update), *args, **kwargs)
    await deliver(update, context, reply)


async def as_patient(
    update: Update, context: ContextTypes.DEFAULT_TYPE, action: Callable[..., Any], *args: Any
) -> Any:
    """Run ``action`` for the enrolled patient who sent the update, or say how to join.

    ``action`` is called as ``action(db, clock, content, patient, *args)``. A ``Reply`` is
    delivered here; anything else it returns (a countdown to play) is handed back.
    """
    found = deps(context)
    who = visitor(update)
    with found.open_db() as db:
        patient = patient_by_telegram(db, who.telegram_user_id)
        if patient is None:
            # Staff are told the command is a patient's, in their own language.
            lang = language_of(db, found.content, who)
            staff = staff_by_telegram(db, who.telegram_user_id) is not None
            text = found.content.render(lang, "for_patients_only" if staff else "not_enrolled")
            reply = Reply(toast=text) if update.callback_query else Reply().send(who.chat_id, text)
        else:
            result = action(db, found.clock, found.content, patient, *args)
            if not isinstance(result, Reply):
                return result
            reply = result
    await deliver(update, context, reply)
    return None


async def deliver(update: Update, context: ContextTypes.DEFAULT_TYPE, reply: Reply) -> None:
    """Answer the button press (if any), then send each message in order.

    The services have already committed everything these messages depend on.
    """
    query = update.callback_query
    if query is not None:
        # Answering or tidying the pressed button can fail (a press from before a restart is
        # "too old"); the messages below matter more, so they are sent regardless.
        try:
            await query.answer(reply.toast)
            if reply.clear_buttons and query.message is not None:
                await query.edit_message_reply_markup(reply_markup=None)
        except TelegramError as error:
            if "not modified" not in error.message:  # else: already cleared by an earlier press
                log.warning("could not answer button press %s: %s", query.id, type(error).__name__)
    for edit in reply.edits:
        await _edit(context, edit)
    delivered = True
    for message in reply.messages:
        if message.needs_previous and not delivered:
            if message.if_undelivered is not None:
                await _send_logged(context, message.if_undelivered)
            continue  # and so the message after this one is held back too
        delivered = await _send_logged(context, message)
    if reply.staff_menu is not None:
        menu = reply.staff_menu
        await publish_staff_menu(
            context.bot, deps(context).content, menu.chat_id, menu.role, menu.language
        )


async def send_unprompted(application: Application, messages: Iterable[Message]) -> None:  # type: ignore[type-arg]
    """Send messages no update asked for (the scheduler's), exactly as replies are sent,
    in the sender's scheduled lane (an alert's message still goes in the alert lane).

    A chat that cannot be reached counts as delivered; any other failure raises, so the
    scheduler retries the whole row later.
    """
    context = CallbackContext(application)
    for message in messages:
        await send(context, message, Priority.SCHEDULED)


async def send(
    context: ContextTypes.DEFAULT_TYPE, message: Message, priority: Priority = Priority.ANSWER
) -> bool:
    """Send one message; ``False`` when the chat cannot be reached (``unreachable``).

    An alert is recorded as delivered once its message has gone out (with the message's
    id, so it can be edited when the alert changes), and so is a thread message. A message
    that notifies a clinician of an alert always goes in the sender's alert lane.
    """
    limits = lane(Priority.ALERT if message.alert_id is not None else priority)
    try:
        if message.album:
            await _album(context, message)
        if message.has_picture:
            sent_id = await _with_picture(context, message)
        elif message.document is not None:
            sent_doc = await context.bot.send_document(
                message.chat_id,
                message.document.data,
                filename=message.document.filename,
                caption=message.text,
                reply_markup=_keyboard(message),
            )
            sent_id = sent_doc.message_id
        else:
            sent = await with_lanes(context.bot).send_message(
                message.chat_id,
                message.text,
                reply_markup=_keyboard(message),
                rate_limit_args=limits,
            )
            sent_id = sent.message_id
    except TelegramError as error:
        if not cannot_reach(error):
            raise
        log.warning("a chat cannot be reached (%s); message not delivered", type(error).__name__)
        if message.alert_id is not None:  # that person can't be reached: escalate now
            found = deps(context)
            with found.open_db() as db:
                alerts.first_send_blocked(db, found.clock, message.alert_id)
        return False
    if message.alert_id is not None:
        found = deps(context)
        with found.open_db() as db:
            alerts.mark_notified(db, found.clock, message.alert_id, message.chat_id, sent_id)
    if message.thread_message_id is not None:
        found = deps(context)
        with found.open_db() as db:
            inbox.mark_delivered(db, found.clock, message.thread_message_id)
    return True


async def _send_logged(context: ContextTypes.DEFAULT_TYPE, message: Message) -> bool:
    """Send one message of a reply; a failure is logged and the next message still goes."""
    try:
        return await send(context, message)
    except TelegramError as error:  # one failed send must not lose the ones after it
        log.warning("a reply message was not delivered: %s", type(error).__name__)
        return False


async def _edit(context: ContextTypes.DEFAULT_TYPE, edit: Edit) -> None:
    """Bring a message already sent up to date; one that cannot be edited is left as it is."""
    try:
        await context.bot.edit_message_text(
            edit.text,
            chat_id=edit.chat_id,
            message_id=edit.message_id,
            reply_markup=_keyboard(edit),
        )
    except TelegramError as error:
        if "not modified" not in error.message:  # else: already up to date
            log.warning("a message could not be edited: %s", type(error).__name__)


async def _album(context: ContextTypes.DEFAULT_TYPE, message: Message) -> None:
    """The album before a message: if it can't be sent, the message still is."""
    try:
        await media.send_album(context, message.chat_id, message.album)
    except (BadRequest, OSError, ValueError) as error:
        log.warning("an album of exercise pictures was not sent: %s", type(error).__name__)


async def _with_picture(context: ContextTypes.DEFAULT_TYPE, message: Message) -> int:
    """The message as a picture's caption; a picture that can't be made or sent gives text.
    Returns the id of the message sent."""
    try:
        return await media.send_picture(context, message, _keyboard(message))
    except (BadRequest, OSError, ValueError) as error:
        log.warning("a picture was not sent, text instead: %s", type(error).__name__)
        sent = await context.bot.send_message(
            message.chat_id, message.text, reply_markup=_keyboard(message)
        )
        return sent.message_id


def _keyboard(message: Message | Edit) -> InlineKeyboardMarkup | None:
    if not message.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.label, callback_data=b.data) for b in row]
            for row in message.buttons
        ]
    )
