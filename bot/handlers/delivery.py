"""Turning a service's reply into Telegram calls."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import ContextTypes

from bot.handlers.context import deps
from bot.services import alerts
from bot.services.outgoing import Message, Reply

log = logging.getLogger(__name__)


async def deliver(update: Update, context: ContextTypes.DEFAULT_TYPE, reply: Reply) -> None:
    """Answer the button press (if any), then send each message in order.

    The services have already committed everything these messages depend on.
    """
    query = update.callback_query
    if query is not None:
        await query.answer(reply.toast)
        if reply.clear_buttons and query.message is not None:
            try:
                await query.edit_message_reply_markup(reply_markup=None)
            except BadRequest as error:
                if "not modified" not in error.message:  # already cleared by an earlier press
                    raise
    for message in reply.messages:
        await send(context, message)


async def send(context: ContextTypes.DEFAULT_TYPE, message: Message) -> None:
    """Send one message; record an alert as delivered once its message has gone out."""
    try:
        await context.bot.send_message(
            message.chat_id, message.text, reply_markup=_keyboard(message)
        )
    except Forbidden:
        log.warning("chat %s has blocked the bot; message not delivered", message.chat_id)
        return
    if message.alert_id is not None:
        found = deps(context)
        with found.open_db() as db:
            alerts.mark_notified(db, found.clock, message.alert_id)


def _keyboard(message: Message) -> InlineKeyboardMarkup | None:
    if not message.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.label, callback_data=b.data) for b in row]
            for row in message.buttons
        ]
    )
