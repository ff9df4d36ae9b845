"""The daily session composed in a worker process (``ComposerPool``, bench.event_loop's
designs 5, 8 and 10): the same one transaction per row, the same message, sent once."""

from __future__ import annotations

from datetime import timedelta

from scheduling_world import Scheduling
from sqlmodel import select
from test_patient_schedule import MONDAY_6PM, TIME_FOR, started_with

from bot.db.engine import session_factory
from bot.db.models import ExerciseSession
from bot.services.reminders.composer import ComposerPool
from bot.services.reminders.jobs import routine_kinds
from scheduler import Tick


async def test_a_daily_session_composed_in_a_worker_process_arrives_once(s: Scheduling) -> None:
    patient_id = s.enrol()
    url = s.engine.url.render_as_string(hide_password=False)
    pool = ComposerPool(url, s.content, workers=1, nice=0)
    try:
        open_db = session_factory(s.engine)
        kinds = routine_kinds(
            open_db, s.clock, s.content, s.outbox.send, timedelta(hours=2), composers=pool
        )
        s.tick = Tick(open_db, s.clock, kinds)
        await s.run_until(MONDAY_6PM + timedelta(minutes=30))
    finally:
        pool.close()
    assert started_with(s.outbox.take(), TIME_FOR) == 1
    with s.db() as db:  # the worker's transaction committed the session it announced
        opened = db.exec(
            select(ExerciseSession).where(ExerciseSession.patient_id == patient_id)
        ).all()
    assert len(opened) == 1
