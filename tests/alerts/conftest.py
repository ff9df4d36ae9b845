"""The ward fixture: a seeded clinic, a movable clock, an outbox and the tick."""

from __future__ import annotations

import pytest
from alert_ward import MONDAY_9AM, Outbox, Ward, make_tick, seed_clinic
from sqlalchemy import Engine
from ward_in_telegram import bot, seeded, world  # noqa: F401  (the clinic in Telegram)

from bot.clock import ManualClock
from bot.content import Content
from bot.db.engine import session_factory


@pytest.fixture
def ward(engine: Engine, content: Content) -> Ward:
    clock = ManualClock(MONDAY_9AM)
    outbox = Outbox()
    with session_factory(engine)() as db:
        patient_id, staff = seed_clinic(db, clock, content)
    return Ward(
        engine, clock, content, outbox, make_tick(engine, clock, content, outbox), patient_id, staff
    )
