"""The staff side of an alert: its buttons. The alert's messages are sent as every other
message is, from the outbox (``bot.handlers.delivery``), in the sender's alert lane."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.context import button_args
from bot.handlers.delivery import respond
from bot.services.alerts import raising as alerts


async def acknowledge(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The Acknowledge button under an alert."""
    (alert_id,) = button_args(update)
    await respond(update, context, alerts.acknowledge, int(alert_id))


async def contacted(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Contacted patient."""
    (alert_id,) = button_args(update)
    await respond(update, context, alerts.contacted, int(alert_id))


async def resolve(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Resolve (a note may be typed next)."""
    (alert_id,) = button_args(update)
    await respond(update, context, alerts.resolve, int(alert_id))


async def no_note(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Resolved without a note."""
    (alert_id,) = button_args(update)
    await respond(update, context, alerts.no_note, int(alert_id))


async def message_patient(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Message patient: the next typed text is relayed."""
    (alert_id,) = button_args(update)
    await respond(update, context, alerts.message_patient, int(alert_id))


async def ask_to_call(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Call me: the patient is asked to phone the clinic."""
    (alert_id,) = button_args(update)
    await respond(update, context, alerts.ask_to_call, int(alert_id))


async def release_hold(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Resume routine messages for the alert's patient."""
    (alert_id,) = button_args(update)
    await respond(update, context, alerts.release_hold, int(alert_id))
