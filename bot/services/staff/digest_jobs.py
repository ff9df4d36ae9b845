"""The scheduler's handler for the clinicians' weekly digest (bot/services/staff/digest.py).

A digest row runs however late it is within a day: after downtime the clinician still
gets this week's digest, once; a day later it is skipped and the next week's is planned.
The digest is composed, the next one planned and its message added to the outbox in the
row's one transaction (keyed by the row, so a run again after a crash adds no second copy),
and ``Post`` sends it after the commit.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta

from bot.clock import Clock
from bot.content import Content
from bot.db.engine import SessionFactory, off_the_loop
from bot.db.models import Staff
from bot.services.alerts.jobs import committed_rows
from bot.services.scheduling import digest_times
from bot.services.staff import digest
from scheduler import Due, Kind

Post = Callable[[Sequence[str]], Awaitable[None]]  # sends committed outbox rows, by key
GRACE = timedelta(hours=24)


def digest_kinds(open_db: SessionFactory, clock: Clock, content: Content, post: Post) -> list[Kind]:
    """The weekly digest kind, its message sent from the outbox through ``post``."""

    def decide(due: Due) -> list[str]:
        with open_db() as db:  # composed, planned and in the outbox: one commit
            messages = digest.compose(db, clock, content, due.subject_id, due.due_at)
            return committed_rows(db, clock, messages, due.key)

    async def run(due: Due) -> bool:
        # Off the event loop, as background work (as the routine reminders are): a week
        # of a clinician's patients is read, and a person's press must not wait for it.
        keys = await off_the_loop(lambda: decide(due), background=True)
        await post(keys)
        return bool(keys)

    def missed(due: Due) -> None:
        with open_db() as db:
            staff = db.get(Staff, due.subject_id)
            if staff is not None:
                digest_times.plan(db, clock, staff)

    return [Kind(digest_times.KIND, run, GRACE, missed)]
