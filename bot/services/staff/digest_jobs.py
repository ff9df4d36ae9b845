"""The scheduler's handler for the clinicians' weekly digest (bot/services/staff/digest.py).

A digest row runs however late it is within a day: after downtime the clinician still
gets this week's digest, once; a day later it is skipped and the next week's is planned.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

from bot.clock import Clock
from bot.content import Content
from bot.db.engine import SessionFactory
from bot.db.models import Staff
from bot.services.outgoing import Message
from bot.services.scheduling import digest_times
from bot.services.staff import digest
from scheduler import Due, Kind

Reach = Callable[[Message], Awaitable[bool]]
GRACE = timedelta(hours=24)


def digest_kinds(
    open_db: SessionFactory, clock: Clock, content: Content, reach: Reach
) -> list[Kind]:
    """The weekly digest kind, sending through ``reach`` (``False`` for a 403)."""

    async def run(due: Due) -> bool:
        with open_db() as db:
            messages = digest.compose(db, clock, content, due.subject_id, due.due_at)
        sent = False
        for message in messages:
            sent = await reach(message) or sent
        return sent

    def missed(due: Due) -> None:
        with open_db() as db:
            staff = db.get(Staff, due.subject_id)
            if staff is not None:
                digest_times.plan(db, clock, staff)

    return [Kind(digest_times.KIND, run, GRACE, missed)]
