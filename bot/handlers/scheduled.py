"""Buttons under scheduled messages: snooze, the next-morning check, the weekly check-in."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.context import button_args
from bot.handlers.delivery import as_patient
from bot.services.feedback import checkins
from bot.services.reminders import scheduled as reminders


async def snooze(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In 30 min / in 1 hour / this evening."""
    (choice,) = button_args(update)
    await as_patient(update, context, reminders.snooze, choice)


async def settled(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Has yesterday's exercise pain settled? yes / a bit / no."""
    check_id, answer = button_args(update)
    await as_patient(update, context, checkins.answer_settled, int(check_id), answer)


async def checkin_pain(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The weekly pain score, 0 to 10."""
    checkin_id, score = button_args(update)
    await as_patient(update, context, checkins.answer_pain, int(checkin_id), int(score))


async def psfs_score(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A 0-10 score for one of the patient's PSFS activities."""
    checkin_id, activity_id, score = button_args(update)
    await as_patient(
        update, context, checkins.answer_psfs, int(checkin_id), int(activity_id), int(score)
    )
