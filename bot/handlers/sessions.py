"""/today and the buttons of a session: done, pain, difficulty, warning sign."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.context import button_args, deps, visitor
from bot.handlers.delivery import deliver
from bot.services import sessions
from bot.services.outgoing import Reply
from bot.services.patients import patient_by_telegram


async def today(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/today`` or the "start today's session" button."""
    await _as_patient(update, context, sessions.today)


async def done(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The Done button under today's exercises."""
    (session_id,) = button_args(update)
    await _as_patient(update, context, sessions.mark_done, int(session_id))


async def pain(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A pain score button, 0 to 10."""
    session_id, score = button_args(update)
    await _as_patient(update, context, sessions.record_pain, int(session_id), int(score))


async def difficulty(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Too easy / about right / too hard."""
    session_id, answer = button_args(update)
    await _as_patient(update, context, sessions.record_difficulty, int(session_id), answer)


async def warning_sign(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The warning-sign button, inside a session or outside one (session id 0)."""
    (session_id,) = button_args(update)
    await _as_patient(update, context, sessions.report_warning_sign, int(session_id) or None)


async def _as_patient(
    update: Update, context: ContextTypes.DEFAULT_TYPE, action: Callable[..., Reply], *args: Any
) -> None:
    """Run ``action`` for the enrolled patient who sent the update, or say how to join."""
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
