"""The clinician's side of an alert."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.context import button_args, deps, visitor
from bot.handlers.delivery import deliver
from bot.services import alerts


async def acknowledge(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The Acknowledge button under an alert."""
    d = deps(context)
    alert_id = int(button_args(update)[0])
    with d.open_db() as db:
        reply = alerts.acknowledge(
            db, d.clock, d.content, visitor(update).telegram_user_id, alert_id
        )
    await deliver(update, context, reply)
