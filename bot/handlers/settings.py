"""/settings, /pause, /resume and /stop for patients, and their buttons."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.context import button_args
from bot.handlers.delivery import respond
from bot.services.enrolment import patient_settings


async def settings_menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/settings``."""
    await respond(update, context, patient_settings.open_menu)


async def settings_choice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reminder time, language or timezone, chosen from the settings menu."""
    (what,) = button_args(update)
    await respond(update, context, patient_settings.choose, what)


async def timezone(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A timezone button."""
    await respond(update, context, patient_settings.choose_timezone, ":".join(button_args(update)))


async def stop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/stop``: asks to confirm first."""
    await respond(update, context, patient_settings.ask_stop)


async def stop_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Yes, stop / No, keep going."""
    await respond(update, context, patient_settings.confirm_stop, button_args(update) == ["yes"])


async def pause(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/pause`` or ``/pause <date>``."""
    await respond(update, context, patient_settings.pause, " ".join(context.args or []))


async def resume(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/resume``."""
    await respond(update, context, patient_settings.resume)
