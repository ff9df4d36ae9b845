"""The patient's side of warning signs: /warning, the checklist's buttons, "I've read this"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.context import button_args, deps, visitor
from bot.handlers.delivery import deliver
from bot.services import alerts, warnings
from bot.services.outgoing import Reply
from bot.services.patients import patient_by_telegram


async def warning_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/warning``: the checklist, outside a session."""
    await _as_patient(update, context, warnings.checklist, None)


async def sign(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A sign chosen from the checklist or confirmed, or "none of these"."""
    session_id, sign_id = button_args(update)
    await _as_patient(update, context, warnings.choose_sign, int(session_id) or None, sign_id)


async def read_advice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The patient confirms they read the emergency advice."""
    (alert_id,) = button_args(update)
    await _as_patient(update, context, alerts.patient_read, int(alert_id))


async def _as_patient(
    update: Update, context: ContextTypes.DEFAULT_TYPE, action: Callable[..., Reply], *args: Any
) -> None:
    """Run ``action`` for the patient who sent the update, or say how to join."""
    d = deps(context)
    who = visitor(update)
    with d.open_db() as db:
        patient = patient_by_telegram(db, who.telegram_user_id)
        if patient is None:
            text = d.content.render(d.content.language_for(who.language_code), "not_enrolled")
            reply = Reply(toast=text) if update.callback_query else Reply().send(who.chat_id, text)
        else:
            reply = action(db, d.clock, d.content, patient, *args)
    await deliver(update, context, reply)
