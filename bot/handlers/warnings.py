"""The patient's side of warning signs: /warning, the checklist's buttons, "I've read this"."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.context import button_args
from bot.handlers.delivery import as_patient
from bot.services.alerts import raising as alerts
from bot.services.alerts import warnings


async def warning_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/warning``: the checklist, outside a session."""
    await as_patient(update, context, warnings.checklist, None)


async def sign(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A sign chosen from the checklist or confirmed, or "none of these"."""
    session_id, sign_id = button_args(update)
    await as_patient(update, context, warnings.choose_sign, int(session_id) or None, sign_id)


async def read_advice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The patient confirms they read the emergency advice."""
    (alert_id,) = button_args(update)
    await as_patient(update, context, alerts.patient_read, int(alert_id))
