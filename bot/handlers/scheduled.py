"""Buttons under scheduled messages: snooze, the next-morning check, the weekly check-in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.context import button_args, deps, visitor
from bot.handlers.delivery import deliver
from bot.services import checkins, reminders
from bot.services.outgoing import Reply
from bot.services.patients import patient_by_telegram


async def snooze(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In 30 min / in 1 hour / this evening."""
    (choice,) = button_args(update)
    await _as_patient(update, context, reminders.snooze, choice)


async def settled(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Has yesterday's exercise pain settled? yes / a bit / no."""
    check_id, answer = button_args(update)
    await _as_patient(update, context, checkins.answer_settled, int(check_id), answer)


async def checkin_pain(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The weekly pain score, 0 to 10."""
    checkin_id, score = button_args(update)
    await _as_patient(update, context, checkins.answer_pain, int(checkin_id), int(score))


async def psfs_score(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A 0-10 score for one of the patient's PSFS activities."""
    checkin_id, activity_id, score = button_args(update)
    await _as_patient(
        update, context, checkins.answer_psfs, int(checkin_id), int(activity_id), int(score)
    )


async def _as_patient(
    update: Update, context: ContextTypes.DEFAULT_TYPE, action: Callable[..., Reply], *args: Any
) -> None:
    d = deps(context)
    who = visitor(update)
    with d.open_db() as db:
        patient = patient_by_telegram(db, who.telegram_user_id)
        if patient is None:
            lang = d.content.language_for(who.language_code)
            reply = Reply(toast=d.content.render(lang, "not_enrolled"))
        else:
            reply = action(db, d.clock, d.content, patient, *args)
    await deliver(update, context, reply)
