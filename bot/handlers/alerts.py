"""The staff side of an alert (its buttons), and how the scheduler reaches staff with one."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot.handlers.context import DEPS_KEY, Deps, button_args
from bot.handlers.delivery import respond
from bot.handlers.unreachable import cannot_reach
from bot.sender import Priority, lane
from bot.services.alerts import raising as alerts
from bot.services.outgoing import Message

log = logging.getLogger(__name__)


def deps(application: Application) -> Deps:  # type: ignore[type-arg]
    """The dependencies registered on the application (the tick has no update context)."""
    found = application.bot_data[DEPS_KEY]
    assert isinstance(found, Deps)
    return found


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


async def reach_staff(application: Application, message: Message) -> bool:  # type: ignore[type-arg]
    """Send one alert message, in the sender's alert lane; ``False`` when its person
    cannot be reached (``bot.handlers.unreachable``).

    Any other failure raises, so the scheduler tries the row again later.
    """
    keyboard = None
    if message.buttons:
        keyboard = InlineKeyboardMarkup(
            [
                [InlineKeyboardButton(b.label, callback_data=b.data) for b in row]
                for row in message.buttons
            ]
        )
    try:
        sent = await application.bot.send_message(
            message.chat_id,
            message.text,
            reply_markup=keyboard,
            rate_limit_args=lane(Priority.ALERT),
        )
    except TelegramError as error:
        if not cannot_reach(error):
            raise
        log.warning("an alert could not reach a staff chat (%s); moving on", type(error).__name__)
        return False
    if message.alert_id is not None:  # kept, so the message is edited when the alert changes
        found = deps(application)
        with found.open_db() as db:
            alerts.record_notice(
                db, found.clock, message.alert_id, message.chat_id, sent.message_id
            )
    return True
