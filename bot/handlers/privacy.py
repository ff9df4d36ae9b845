"""The patient's rights in Telegram: /mydata, and the answer to a new consent notice."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.context import button_args
from bot.handlers.delivery import respond
from bot.services.enrolment import consent
from bot.services.staff import patient_record


async def my_data(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/mydata``: the patient's record as a JSON file and a readable HTML file."""
    await respond(update, context, patient_record.my_data)


async def reconsent(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """ "I agree" / "No thanks" under a new version of the consent notice."""
    await respond(update, context, consent.answer, button_args(update) == ["yes"])
