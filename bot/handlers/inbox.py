"""The clinician's inbox in Telegram: /inbox, and the Reply / Mark read / Open buttons."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.context import button_args
from bot.handlers.delivery import respond
from bot.services.inbox import threads as inbox
from bot.services.inbox import view as inbox_view


async def inbox_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/inbox``: unread threads of the sender's patients, most urgent first."""
    await respond(update, context, inbox_view.inbox)


async def reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply under a patient's message: the clinician's next text goes to that patient."""
    (message_id,) = button_args(update)
    await respond(update, context, inbox.start_reply, int(message_id))


async def mark_read(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Mark read under a patient's message."""
    (message_id,) = button_args(update)
    await respond(update, context, inbox.mark_read, int(message_id))


async def open_thread(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Open P-n under /inbox: the thread's latest messages."""
    (patient_id,) = button_args(update)
    await respond(update, context, inbox_view.open_thread, int(patient_id))
