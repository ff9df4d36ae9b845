"""The ``s`` fixture: a clinic with a tick that records what it sends."""

from __future__ import annotations

from datetime import timedelta

import pytest
from scheduling_world import MONDAY_9AM, Outbox, Scheduling
from sqlalchemy import Engine

from bot.clock import ManualClock
from bot.content import Content
from bot.db.engine import session_factory
from bot.db.models import Clinic, Staff, StaffRole
from bot.services.reminders.jobs import routine_kinds
from scheduler import Tick


@pytest.fixture
def s(engine: Engine, content: Content) -> Scheduling:
    clock = ManualClock(MONDAY_9AM)
    outbox = Outbox()
    open_db = session_factory(engine)
    with open_db() as db:
        clinic = Clinic(
            slug="ottawa", name="Ottawa Physio", timezone="America/Toronto", created_at=clock.now()
        )
        db.add(clinic)
        db.flush()
        assert clinic.id is not None
        staff = Staff(
            clinic_id=clinic.id,
            role=StaffRole.CLINICIAN,
            handle="dr-lee",
            telegram_user_id=1001,
            created_at=clock.now(),
        )
        db.add(staff)
        db.commit()
        assert staff.id is not None
        clinic_id, staff_id = clinic.id, staff.id
    kinds = routine_kinds(open_db, clock, content, outbox.send, timedelta(hours=2))
    tick = Tick(open_db, clock, kinds)
    return Scheduling(engine, clock, content, outbox, tick, clinic_id, staff_id)
