"""Feedback buttons: the baseline pain, no note, change my answers, and the clinician's approval."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.context import button_args, deps, visitor
from bot.handlers.delivery import deliver, respond
from bot.services import feedback, progression
from bot.services.outgoing import Reply
from bot.services.patients import patient_by_telegram


async def baseline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The usual pain, 0 to 10, at the end of onboarding."""
    (score,) = button_args(update)
    await as_patient(update, context, feedback.answer_baseline, int(score))


async def no_note(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """No note after today's answers."""
    session_id, _ = button_args(update)
    await as_patient(update, context, feedback.skip_note, int(session_id))


async def correct_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Change my answers, under the saved session."""
    (session_id,) = button_args(update)
    await as_patient(update, context, feedback.correct, int(session_id))


async def correct_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/correct``: change the last session's answers, within the hour."""
    await as_patient(update, context, feedback.correct)


async def approve_level(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The clinician's Approve button under a proposed level change."""
    (decision_id,) = button_args(update)
    await respond(update, context, progression.approve, int(decision_id))


async def as_patient(
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
