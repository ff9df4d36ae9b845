"""The scheduler's handlers for alerts: each ladder step, the reminder, the daily digest.

Every kind runs however late it is (``grace=None``): after downtime an alert is still sent,
never marked missed. Each is decided in its row's one transaction, with its messages added
to the outbox (``bot.services.outbox``) in it, keyed by the row (``source=due.key``):
``Post`` sends those committed rows after the commit, and a handler run again after a crash
finds them instead of adding a second copy. Whether each person was reached is recorded as
its message goes out (``escalation.reached``, ``could_not_reach``): a ladder step moves on,
and a digest goes to its next reader, when someone cannot be reached for good.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from sqlmodel import Session

from bot.clock import Clock
from bot.content import Content
from bot.db.engine import SessionFactory, off_the_loop
from bot.services import outbox
from bot.services.alerts import escalation
from bot.services.alerts import raising as alerts
from bot.services.outgoing import Message
from scheduler import Due, Kind

Post = Callable[[Sequence[str]], Awaitable[None]]  # sends committed outbox rows, by key


def alert_kinds(open_db: SessionFactory, clock: Clock, content: Content, post: Post) -> list[Kind]:
    """The three alert kinds, their messages sent from the outbox through ``post``."""

    def decide_step(due: Due) -> list[str]:
        with open_db() as db:  # the step's decision and its messages: one commit
            number = escalation.step_of(due.key)
            messages = escalation.run_step(db, clock, content, due.subject_id, number)
            return committed_rows(db, clock, messages, due.key)

    def decide_reminder(due: Due) -> list[str]:
        number = escalation.step_of(due.key)
        with open_db() as db:
            messages = escalation.reminder(db, clock, content, due.subject_id, number)
            return committed_rows(db, clock, messages, due.key)

    def decide_digest(due: Due) -> list[str]:
        with open_db() as db:  # offered to its first reader, as an outbox row: one commit
            messages = escalation.digest_offer(db, content, due.subject_id)
            return committed_rows(db, clock, messages, due.key)

    # Decided off the event loop, in the alert threads (never behind a broadcast's
    # composition or the presses): SQLite's one writer may be busy, the loop must not wait.
    async def step(due: Due) -> bool:
        keys = await off_the_loop(lambda: decide_step(due), urgent=True)
        await post(keys)
        return bool(keys)

    async def remind(due: Due) -> bool:
        keys = await off_the_loop(lambda: decide_reminder(due), urgent=True)
        await post(keys)
        return bool(keys)

    # The daily digest lists routine alerts (its row is routine): decided off the loop
    # too, as background work, as the routine reminders are, behind any person's call.
    async def digest(due: Due) -> bool:
        keys = await off_the_loop(lambda: decide_digest(due), background=True)
        await post(keys)
        return bool(keys)

    return [
        Kind(alerts.STEP_KIND, step, grace=None),
        Kind(alerts.REMIND_KIND, remind, grace=None),
        Kind(alerts.DIGEST_KIND, digest, grace=None),
    ]


def committed_rows(
    db: Session, clock: Clock, messages: Sequence[Message], source: str
) -> list[str]:
    """The outbox rows of a due row's messages, added in its transaction; when its handler
    runs again and decides nothing new (the decision was committed before a crash cut the
    send), the rows committed then that are still waiting, so they are sent now."""
    if messages:
        return outbox.enqueue(db, clock, messages, source)
    return outbox.left_from(db, source)
