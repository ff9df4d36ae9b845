"""The daily session composed in a worker process (``ComposerPool``, bench.event_loop's
designs 5, 8 and 10, and ``companion run``'s ``COMPOSER_PROCESSES``): the same one
transaction per row, the same message, sent once; and when a worker dies or hangs, the
row is composed in the bot's process instead, and a new worker takes over."""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Iterator
from datetime import timedelta

import pytest
from scheduling_world import Scheduling
from sqlmodel import select
from test_patient_schedule import MONDAY_6PM, TIME_FOR, started_with

from bot.db.engine import session_factory
from bot.db.models import ExerciseSession
from bot.services.outgoing import Reply
from bot.services.reminders.composer import ComposerPool
from bot.services.reminders.jobs import routine_kinds
from scheduler import Due, Tick

HANG_TIMEOUT = 2.0  # seconds a row may take in a worker in these tests (a row is ~9 ms)


@pytest.fixture
def pool(s: Scheduling) -> Iterator[ComposerPool]:
    """One worker on the test's database, started, with a short timeout."""
    url = s.engine.url.render_as_string(hide_password=False)
    composers = ComposerPool(url, s.content, workers=1, nice=0, timeout=HANG_TIMEOUT)
    composers.start()
    try:
        yield composers
    finally:
        composers.close()


def _composing_in(s: Scheduling, pool: ComposerPool) -> None:
    open_db = session_factory(s.engine)
    kinds = routine_kinds(
        open_db, s.clock, s.content, s.outbox.send, timedelta(hours=2), composers=pool
    )
    s.tick = Tick(open_db, s.clock, kinds)


def _sessions_of(s: Scheduling, patient_id: int) -> int:
    with s.db() as db:
        return len(
            db.exec(select(ExerciseSession).where(ExerciseSession.patient_id == patient_id)).all()
        )


def _nobody_due() -> Due:
    """A session row for a patient who does not exist: composed, it sends nothing."""
    return Due(1, "session", 999_999, "nothing-due", MONDAY_6PM, attempts=1)


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


async def test_when_the_worker_has_died_the_session_is_composed_in_the_bot_and_arrives_once(
    s: Scheduling, pool: ComposerPool, caplog: pytest.LogCaptureFixture
) -> None:
    patient_id = s.enrol()
    _composing_in(s, pool)
    (dead,) = pool.pids
    os.kill(dead, signal.SIGKILL)
    with caplog.at_level(logging.WARNING, logger="bot.services.reminders.composer"):
        await s.run_until(MONDAY_6PM + timedelta(minutes=30))
    assert started_with(s.outbox.take(), TIME_FOR) == 1
    assert _sessions_of(s, patient_id) == 1
    assert pool.counts.deaths == 1 and pool.counts.composed_here == 1
    assert pool.counts.restarts == 1 and dead not in pool.pids and len(pool.pids) == 1
    (line,) = [r.getMessage() for r in caplog.records]
    assert line == (  # counts only: no patient, no row key, no message
        f"composer: a worker process died (timeout {HANG_TIMEOUT:.0f} s); its row is composed "
        "in this process. So far: 1 died, 0 timed out, 1 replaced, 1 row(s) composed here"
    )


async def test_a_worker_that_hangs_over_a_row_is_killed_and_the_row_composed_in_the_bot(
    s: Scheduling, pool: ComposerPool
) -> None:
    patient_id = s.enrol()
    _composing_in(s, pool)
    (stuck,) = pool.pids
    os.kill(stuck, signal.SIGSTOP)  # alive, holding its row, never answering
    await s.run_until(MONDAY_6PM + timedelta(minutes=30))
    assert started_with(s.outbox.take(), TIME_FOR) == 1
    assert _sessions_of(s, patient_id) == 1
    assert pool.counts.timeouts == 1 and pool.counts.composed_here == 1
    assert stuck not in pool.pids
    with pytest.raises(ProcessLookupError):
        os.kill(stuck, 0)  # killed and reaped, not left stopped with its transaction open


async def test_after_a_worker_is_replaced_the_next_rows_are_composed_in_the_new_worker(
    s: Scheduling, pool: ComposerPool
) -> None:
    first = s.enrol()
    _composing_in(s, pool)
    os.kill(pool.pids[0], signal.SIGKILL)
    await s.run_until(MONDAY_6PM + timedelta(minutes=30))
    assert pool.counts.composed_here == 1
    await s.run_until(MONDAY_6PM + timedelta(days=1, minutes=30))  # the next day's session
    assert started_with(s.outbox.take(), TIME_FOR) == 2
    assert pool.counts.composed_here == 1 and pool.counts.restarts == 1
    assert _sessions_of(s, first) == 2


def test_a_worker_ignores_sigterm_and_sigint_the_bot_stops_it(
    s: Scheduling, pool: ComposerPool
) -> None:
    (worker,) = pool.pids
    os.kill(worker, signal.SIGTERM)
    os.kill(worker, signal.SIGINT)
    due = _nobody_due()
    reply, keys = pool.compose(due, MONDAY_6PM, with_outbox=True)
    assert (reply, keys) == (Reply(), [])  # no such patient: nothing to send, in the worker
    assert pool.pids == [worker] and pool.counts.composed_here == 0
    pool.close()
    assert pool.pids == []
    with pytest.raises(ProcessLookupError):
        os.kill(worker, 0)


def test_without_a_way_to_compose_here_a_row_no_worker_could_compose_fails_for_a_retry(
    s: Scheduling,
) -> None:
    url = s.engine.url.render_as_string(hide_password=False)
    pool = ComposerPool(url, s.content, workers=1, nice=0, max_restarts=0)
    try:
        pool.start()
        os.kill(pool.pids[0], signal.SIGKILL)
        due = _nobody_due()
        with pytest.raises(RuntimeError):
            pool.compose(due, MONDAY_6PM, with_outbox=True)
        # No worker left, none replaced: every row from now on is composed here.
        assert pool.pids == [] and pool.compose(
            due, MONDAY_6PM, with_outbox=True, otherwise=lambda: (Reply(), ["here"])
        ) == (Reply(), ["here"])
    finally:
        pool.close()
