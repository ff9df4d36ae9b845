"""The scheduler's handlers for alerts: each ladder step, the reminder, the daily digest.

Every kind runs however late it is (``grace=None``): after downtime an alert is still sent,
never marked missed. ``Reach`` sends one message and says whether its person could be
reached (``False`` for a 403: blocked, or never started the bot); any other failure raises,
so the tick retries the row.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.clock import Clock
from bot.content import Content
from bot.db.engine import SessionFactory
from bot.services.alerts import escalation
from bot.services.alerts import raising as alerts
from bot.services.outgoing import Message
from scheduler import Due, Kind

Reach = Callable[[Message], Awaitable[bool]]


def alert_kinds(
    open_db: SessionFactory, clock: Clock, content: Content, reach: Reach
) -> list[Kind]:
    """The three alert kinds, sending through ``reach``."""

    async def step(due: Due) -> bool:
        with open_db() as db:
            plan = escalation.plan_step(db, content, due.subject_id, escalation.step_of(due.key))
        if plan is None:
            return False
        notices: list[Message] = []
        while plan is not None:  # a step where nobody could be reached moves on at once
            reached: list[int] = []
            failed: list[int] = []
            for staff_id, message in plan.sends:
                (reached if await reach(message) else failed).append(staff_id)
            with open_db() as db:
                outcome = escalation.record_step(db, clock, content, plan, reached, failed)
            notices += outcome.notices
            plan = outcome.next_plan
        for notice in notices:  # after the alert itself has reached someone
            await reach(notice)
        return True

    async def remind(due: Due) -> bool:
        number = escalation.step_of(due.key)
        with open_db() as db:
            messages = escalation.reminder(db, clock, content, due.subject_id, number)
        for message in messages:
            await reach(message)
        return bool(messages)

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
