"""Database work off the event loop, a person's first: the tick's background work waits
between rows while a person's call is in flight, and never longer than its bound;
an update is stored once, off the loop; and, with ``WHOLE_UPDATE_FIRST``, no composition
starts while a person's update is being handled."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

import pytest
from sqlalchemy import Engine
from sqlmodel import Session
from telegram import Update

from bot import durable_updates
from bot.clock import ManualClock
from bot.content import Content
from bot.db import engine as db_engine
from bot.db.engine import off_the_loop, session_factory
from bot.db.models import Clinic, Staff, StaffRole
from bot.services.alerts import raising
from bot.services.alerts.jobs import alert_kinds
from bot.services.scheduling import digest_times
from bot.services.staff.digest_jobs import digest_kinds
from bot.update_order import OnePerChat
from scheduler import Due, Kind, Tick, store
from scheduler.store import Planned

NOON = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)
T = TypeVar("T")
DEADLINE = 10.0  # real seconds, for a loaded machine


def _blocked_until(release: threading.Event, started: threading.Event) -> None:
    started.set()
    assert release.wait(DEADLINE)


async def test_background_work_waits_while_a_persons_call_is_in_flight(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(db_engine, "LONGEST_YIELD_SECONDS", DEADLINE)
    release, person_in, background_in = threading.Event(), threading.Event(), threading.Event()
    person = asyncio.create_task(off_the_loop(lambda: _blocked_until(release, person_in)))
    assert await asyncio.to_thread(person_in.wait, DEADLINE)
    background = asyncio.create_task(off_the_loop(background_in.set, background=True))
    # While the person's call runs, the background work has not started...
    assert not await asyncio.to_thread(background_in.wait, 0.3)
    release.set()
    await person
    # ...and once it is done, it starts.
    await asyncio.wait_for(background, DEADLINE)
    assert background_in.is_set()


async def test_background_work_waits_no_longer_than_its_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(db_engine, "LONGEST_YIELD_SECONDS", 0.05)
    release, person_in = threading.Event(), threading.Event()
    person = asyncio.create_task(off_the_loop(lambda: _blocked_until(release, person_in)))
    assert await asyncio.to_thread(person_in.wait, DEADLINE)
    try:  # a stream of presses slows the composition; it never stops it
        assert await asyncio.wait_for(off_the_loop(lambda: 42, background=True), DEADLINE) == 42
    finally:
        release.set()
        await person


async def test_without_patients_first_background_work_does_not_wait(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(db_engine, "LONGEST_YIELD_SECONDS", DEADLINE)
    monkeypatch.setattr(db_engine, "PATIENTS_FIRST", False)
    release, person_in = threading.Event(), threading.Event()
    person = asyncio.create_task(off_the_loop(lambda: _blocked_until(release, person_in)))
    assert await asyncio.to_thread(person_in.wait, DEADLINE)
    try:
        assert await asyncio.wait_for(off_the_loop(lambda: 42, background=True), 5.0) == 42
    finally:
        release.set()
        await person


async def test_the_ticks_own_database_work_runs_off_the_event_loop(engine: Engine) -> None:
    with session_factory(engine)() as db:
        store.add(db, [Planned("ping", 1, "ping:1", NOON)], NOON)
    loop_thread = threading.get_ident()
    threads: list[int] = []

    async def off(work: Callable[[], T]) -> T:
        def noted() -> T:
            threads.append(threading.get_ident())
            return work()

        return await asyncio.to_thread(noted)

    async def ping(_due: Due) -> bool:
        return True

    tick = Tick(session_factory(engine), ManualClock(NOON), [Kind("ping", ping)], off_the_loop=off)
    report = await tick()
    assert report.outcomes == {"done": 1}
    # the heartbeat, the overdue check, the claims (one found, one empty) and the mark
    assert len(threads) >= 5
    assert loop_thread not in threads


async def test_an_update_is_stored_once_and_off_the_event_loop(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored_in: list[int] = []
    receive = durable_updates.received_updates.receive

    def noted(*args: Any) -> bool:
        stored_in.append(threading.get_ident())
        return receive(*args)

    monkeypatch.setattr(durable_updates.received_updates, "receive", noted)
    queue = durable_updates.DurableUpdateQueue(session_factory(engine), ManualClock(NOON))
    await queue.put(Update(update_id=7))
    assert queue.qsize() == 1
    assert len(stored_in) == 1  # not a second time through asyncio.Queue.put's put_nowait
    assert stored_in[0] != threading.get_ident()


async def test_with_the_whole_update_gate_background_work_waits_while_an_update_is_handled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Between a press's database calls (its HTTP calls, its reply), no composition starts.
    monkeypatch.setattr(db_engine, "LONGEST_YIELD_SECONDS", DEADLINE)
    monkeypatch.setattr(db_engine, "WHOLE_UPDATE_FIRST", True)
    handling, done = asyncio.Event(), asyncio.Event()

    async def handle() -> None:
        handling.set()
        await done.wait()  # the update awaits something that is not the database

    processor = OnePerChat()
    person = asyncio.create_task(processor.do_process_update(Update(update_id=8), handle()))
    await asyncio.wait_for(handling.wait(), DEADLINE)
    background_in = threading.Event()
    background = asyncio.create_task(off_the_loop(background_in.set, background=True))
    assert not await asyncio.to_thread(background_in.wait, 0.3)
    done.set()
    await person
    await asyncio.wait_for(background, DEADLINE)
    assert background_in.is_set()


async def test_without_the_whole_update_gate_background_work_runs_between_calls(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(db_engine, "LONGEST_YIELD_SECONDS", DEADLINE)
    monkeypatch.setattr(db_engine, "WHOLE_UPDATE_FIRST", False)
    handling, done = asyncio.Event(), asyncio.Event()

    async def handle() -> None:
        handling.set()
        await done.wait()

    person = asyncio.create_task(OnePerChat().do_process_update(Update(update_id=9), handle()))
    await asyncio.wait_for(handling.wait(), DEADLINE)
    try:
        assert await asyncio.wait_for(off_the_loop(lambda: 42, background=True), 5.0) == 42
    finally:
        done.set()
        await person


async def test_the_digests_read_and_write_their_database_off_the_event_loop(
    engine: Engine, content: Content
) -> None:
    """The weekly digest (a clinician's week of patients) and the daily alert digest open
    their sessions in worker threads, never on the loop that answers presses."""
    clock = ManualClock(NOON)
    opened_in: list[int] = []

    def open_db() -> Session:
        opened_in.append(threading.get_ident())
        return session_factory(engine)()

    with session_factory(engine)() as db:
        clinic = Clinic(slug="ottawa", name="Ottawa", timezone="America/Toronto", created_at=NOON)
        db.add(clinic)
        db.flush()
        assert clinic.id is not None
        staff = Staff(
            clinic_id=clinic.id,
            role=StaffRole.CLINICIAN,
            handle="dr-lee",
            telegram_user_id=1001,
            created_at=NOON,
        )
        db.add(staff)
        db.commit()
        assert staff.id is not None
        staff_id = staff.id
    posted: list[str] = []

    async def post(keys: Sequence[str]) -> None:
        posted.extend(keys)

    kinds = {
        kind.name: kind
        for kind in (
            *alert_kinds(open_db, clock, content, post),
            *digest_kinds(open_db, clock, content, post),
        )
    }
    weekly = Due(1, digest_times.KIND, staff_id, f"{digest_times.KIND}:{staff_id}:w", NOON, 1)
    daily = Due(2, raising.DIGEST_KIND, staff_id, f"{raising.DIGEST_KIND}:{staff_id}:d", NOON, 1)
    assert await kinds[digest_times.KIND].run(weekly)  # "all quiet": the digest still goes
    assert not await kinds[raising.DIGEST_KIND].run(daily)  # no alert waits: nothing to say
    assert len(posted) == 1
    assert len(opened_in) == 2
    assert threading.get_ident() not in opened_in
