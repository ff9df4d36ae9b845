"""The clinician's side of an alert."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.context import button_args
from bot.handlers.delivery import respond
from bot.services import alerts


async def acknowledge(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The Acknowledge button under an alert."""
    (alert_id,) = button_args(update)
    await respond(update, context, alerts.acknowledge, int(alert_id))
