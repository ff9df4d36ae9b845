"""The scheduler's handlers for alerts: each ladder step, the reminder, the daily digest.

Every kind runs however late it is (``grace=None``): after downtime an alert is still sent,
never marked missed. A step and a reminder are decided in their row's one transaction,
with their messages added to the outbox (``bot.services.outbox``) in it, keyed by the row
(``source=due.key``): ``Post`` sends those committed rows after the commit, and a handler
run again after a crash finds them instead of adding a second copy. Whether each person
was reached is recorded as its message goes out (``escalation.step_delivered``,
``step_unreachable``). The digest still offers itself reader by reader through ``Reach``,
which sends one message and says whether its person could be reached (``False`` for a 403);
any other failure raises, so the tick retries the row.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from sqlmodel import Session

from bot.clock import Clock
from bot.content import Content
from bot.db.engine import SessionFactory
from bot.services import outbox
from bot.services.alerts import escalation
from bot.services.alerts import raising as alerts
from bot.services.outgoing import Message
from scheduler import Due, Kind

Reach = Callable[[Message], Awaitable[bool]]
Post = Callable[[Sequence[str]], Awaitable[None]]  # sends committed outbox rows, by key


def alert_kinds(
    open_db: SessionFactory, clock: Clock, content: Content, reach: Reach, post: Post
) -> list[Kind]:
    """The three alert kinds: steps and reminders through the outbox and ``post``, the
    digest through ``reach``."""

    async def step(due: Due) -> bool:
        with open_db() as db:  # the step's decision and its messages: one commit
            number = escalation.step_of(due.key)
            messages = escalation.run_step(db, clock, content, due.subject_id, number)
            keys = committed_rows(db, clock, messages, due.key)
        await post(keys)
        return bool(keys)

    async def remind(due: Due) -> bool:
        number = escalation.step_of(due.key)
        with open_db() as db:
            messages = escalation.reminder(db, clock, content, due.subject_id, number)
            keys = committed_rows(db, clock, messages, due.key)
        await post(keys)
        return bool(keys)

    async def digest(due: Due) -> bool:
        with open_db() as db:
            found = escalation.digest(db, content, due.subject_id)
        if found is None:
            return False
        failed: list[int] = []
        reader: int | None = None
        for staff_id, message in found.offers:
            if await reach(message):
                reader = staff_id
                break
            failed.append(staff_id)
        with open_db() as db:
            escalation.digest_read(db, clock, found, reader, failed)
        return reader is not None

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
