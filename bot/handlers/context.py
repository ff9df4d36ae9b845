"""What every handler needs, kept in ``bot_data`` once at start-up."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Update
from telegram.ext import ContextTypes

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.db.engine import SessionFactory
from bot.services.enrolment.invites import DEFAULT_POLICY, InvitePolicy
from bot.services.patients import Visitor

DEPS_KEY = "deps"
MARKED_KEY = "updates_marked_handled"  # ids whose use case's commit marked them handled
MARKED_AT_MOST = 1000


@dataclass(frozen=True)
class Deps:
    """The database, the clock and the content: the only things services need."""

    open_db: SessionFactory
    clock: Clock
    content: Content
    invite_policy: InvitePolicy = DEFAULT_POLICY
    invite_valid_days: int = 14


def deps(context: ContextTypes.DEFAULT_TYPE) -> Deps:
    """The dependencies registered on the application."""
    found = context.bot_data[DEPS_KEY]
    assert isinstance(found, Deps)
    return found


def marked_handled(context: ContextTypes.DEFAULT_TYPE, update_id: int) -> None:
    """The use case's own commit marked ``update_id`` handled: the application need not
    mark it again once the update is processed (one statement less per press). An id of a
    handler that does not block (the timer) may never be taken back out: the set is emptied
    when it grows large, which only costs a second, harmless mark of those updates."""
    marked: set[int] = context.bot_data.setdefault(MARKED_KEY, set())
    if len(marked) >= MARKED_AT_MOST:
        marked.clear()
    marked.add(update_id)


def visitor(update: Update) -> Visitor:
    """The sender of an update, as the services know them."""
    user = update.effective_user
    chat = update.effective_chat
    assert user is not None and chat is not None
    return Visitor(user.id, chat.id, user.language_code)


def button_args(update: Update) -> list[str]:
    """The arguments carried by the pressed button's callback data."""
    assert update.callback_query is not None
    return callbacks.parts(update.callback_query.data or "")
