"""/start, the consent answer, the reminder time, and typed text."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.context import button_args, deps, visitor
from bot.handlers.delivery import deliver
from bot.services import conversation, enrolment


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/start`` or ``/start CODE`` (the deep link fills the code in)."""
    d = deps(context)
    payload = " ".join(context.args or [])
    with d.open_db() as db:
        reply = enrolment.start(db, d.clock, d.content, visitor(update), payload)
    await deliver(update, context, reply)


async def consent(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The "I agree" / "No thanks" buttons under the consent notice."""
    d = deps(context)
    accepted = button_args(update) == ["yes"]
    with d.open_db() as db:
        reply = enrolment.answer_consent(db, d.clock, d.content, visitor(update), accepted)
    await deliver(update, context, reply)


async def reminder_time(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A preset reminder time, or "another time"."""
    d = deps(context)
    choice = ":".join(button_args(update))
    with d.open_db() as db:
        reply = enrolment.choose_reminder_time(db, d.clock, d.content, visitor(update), choice)
    await deliver(update, context, reply)


async def text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any typed text that is not a command."""
    d = deps(context)
    assert update.effective_message is not None
    typed = update.effective_message.text or ""
    with d.open_db() as db:
        reply = conversation.text_received(db, d.clock, d.content, visitor(update), typed)
    await deliver(update, context, reply)
