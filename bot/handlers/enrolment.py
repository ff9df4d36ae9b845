"""/start and the onboarding answers: language, consent, readiness, reminder time; typed text."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.context import button_args, deps
from bot.handlers.delivery import respond
from bot.services import conversation, readiness
from bot.services.enrolment import onboarding as enrolment


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/start`` or ``/start CODE`` (the deep link fills the code in)."""
    payload = " ".join(context.args or [])
    await respond(update, context, enrolment.start, payload, deps(context).invite_policy)


async def language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A language button, during onboarding or from /settings."""
    (lang,) = button_args(update)
    await respond(update, context, enrolment.choose_language, lang)


async def consent(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The "I agree" / "No thanks" buttons under the consent notice."""
    await respond(update, context, enrolment.answer_consent, button_args(update) == ["yes"])


async def readiness_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Yes or No to one readiness question."""
    check_id, index, answer = button_args(update)
    await respond(
        update, context, enrolment.answer_readiness, int(check_id), int(index), answer == "y"
    )


async def clearance(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The clinician's "Clear to start" / "Keep on hold" under a readiness review."""
    check_id, decision = button_args(update)
    await respond(update, context, readiness.decide, int(check_id), decision == "clear")


async def reminder_time(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A preset reminder time, or "another time"."""
    await respond(update, context, enrolment.choose_reminder_time, ":".join(button_args(update)))


async def text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any typed text that is not a command."""
    assert update.effective_message is not None
    await respond(update, context, conversation.text_received, update.effective_message.text or "")
