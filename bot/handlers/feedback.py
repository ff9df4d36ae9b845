"""Feedback buttons: the baseline pain, no note, change my answers, and the clinician's approval."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.context import button_args
from bot.handlers.delivery import as_patient, respond
from bot.services.feedback import answers as feedback
from bot.services.programmes import progression


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
