"""The tick's urgent lane: urgent rows are claimed on their own, in small batches, while a
routine batch runs; stopping, leases and outcomes are as for the routine tick."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.clock import ManualClock
from bot.db.engine import session_factory
from scheduler import Due, DueWork, Kind, Lane, Policy, Tick, store
from scheduler.models import ROUTINE, URGENT
from scheduler.store import Planned

NOON = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)
T = TypeVar("T")


def plan(engine: Engine, kind: str, count: int, priority: int, first: int = 0) -> None:
    rows = [
        Planned(kind, n, f"{kind}:{n}", NOON - timedelta(minutes=1), priority)
        for n in range(first, first + count)
    ]
    with session_factory(engine)() as db:
        store.add(db, rows, NOON - timedelta(hours=1))
        db.commit()


def statuses(engine: Engine, kind: str) -> Counter[str]:
    with Session(engine) as db:
        return Counter(r.status for r in db.exec(select(DueWork).where(DueWork.kind == kind)))


class Gate:
    """A handler that blocks until opened, noting how many have started."""

    def __init__(self, expected: int) -> None:
        self.started: list[int] = []
        self.all_started = asyncio.Event()
        self.open = asyncio.Event()
        self.expected = expected

    async def run(self, due: Due) -> bool:
        self.started.append(due.subject_id)
        if len(self.started) >= self.expected:
            self.all_started.set()
        await self.open.wait()
        return True


class Arrivals:
    """A handler that notes each row; ``arrived`` is set once ``expected`` have run."""

    def __init__(self, expected: int = 1) -> None:
        self.subjects: list[int] = []
        self.arrived = asyncio.Event()
        self.expected = expected

    async def run(self, due: Due) -> bool:
        self.subjects.append(due.subject_id)
        if len(self.subjects) >= self.expected:
            self.arrived.set()
        return True


async def test_an_urgent_row_due_during_a_routine_batch_runs_in_the_lane_before_it_ends(
    engine: Engine,
) -> None:
    routine = Gate(expected=4)
    alerts = Arrivals()
    plan(engine, "session", 40, ROUTINE)
    tick = Tick(
        session_factory(engine),
        ManualClock(NOON),
        [Kind("session", routine.run), Kind("step", alerts.run, grace=None)],
        Policy(batch_size=40, concurrency=4),
        lane=Lane(batch_size=2, concurrency=2),
    )
    batch = asyncio.create_task(tick())
    await asyncio.wait_for(routine.all_started.wait(), timeout=10)
    plan(engine, "step", 3, URGENT)  # falls due with 36 routine rows still waiting
    report = await asyncio.wait_for(tick.run_lane(), timeout=10)
    assert report.outcomes == {"done": 3}
    assert sorted(alerts.subjects) == [0, 1, 2]
    assert not batch.done() and len(routine.started) == 4  # the batch is still in its start
    routine.open.set()
    assert (await asyncio.wait_for(batch, timeout=10)).outcomes == {"done": 40}
    assert statuses(engine, "step") == {"done": 3}


async def test_the_lane_claims_only_urgent_rows_and_leaves_routine_ones_to_the_tick(
    engine: Engine,
) -> None:
    alerts, routine = Arrivals(expected=2), Arrivals()
    plan(engine, "session", 5, ROUTINE)
    plan(engine, "send", 2, URGENT)
    plan(engine, "send", 2, ROUTINE, first=10)  # the same kind, routine rows: not the lane's
    tick = Tick(
        session_factory(engine),
        ManualClock(NOON),
        [Kind("session", routine.run), Kind("send", alerts.run, grace=None)],
        lane=Lane(every_seconds=0.05),
    )
    tick.start(every_seconds=3600)  # the routine tick does not run in this test
    try:
        assert tick._apscheduler is not None and len(tick._apscheduler.get_jobs()) == 2
        await asyncio.wait_for(alerts.arrived.wait(), timeout=10)
    finally:
        await tick.stop()
    assert sorted(alerts.subjects) == [0, 1] and routine.subjects == []
    assert statuses(engine, "session") == {"pending": 5}
    assert statuses(engine, "send") == {"done": 2, "pending": 2}


async def test_stopping_lets_the_lanes_sends_in_flight_finish_and_hands_back_the_rest(
    engine: Engine,
) -> None:
    gate = Gate(expected=2)
    plan(engine, "step", 8, URGENT)
    tick = Tick(
        session_factory(engine),
        ManualClock(NOON),
        [Kind("step", gate.run, grace=None)],
        lane=Lane(batch_size=8, concurrency=2),
    )
    lane = asyncio.create_task(tick.run_lane())
    await asyncio.wait_for(gate.all_started.wait(), timeout=10)
    stopping = asyncio.create_task(tick.stop())
    await asyncio.sleep(0)  # let stop() mark the tick as stopping
    assert tick._stopping
    assert not stopping.done()  # stop waits for the lane's sends in flight
    gate.open.set()
    report = await asyncio.wait_for(lane, timeout=10)
    await asyncio.wait_for(stopping, timeout=10)
    assert report.outcomes == {"done": 2, "released": 6}
    assert statuses(engine, "step") == {"done": 2, "pending": 6}


async def test_the_lanes_database_work_runs_where_the_lane_says(engine: Engine) -> None:
    """The bot runs the lane's claims and marks as a person's work, never queued behind
    the composition of a broadcast in its background threads."""
    used: Counter[str] = Counter()

    def counted(name: str) -> Callable[[Callable[[], Any]], Any]:
        async def off(work: Callable[[], T]) -> T:
            used[name] += 1
            return await asyncio.to_thread(work)

        return off

    plan(engine, "step", 2, URGENT)
    tick = Tick(
        session_factory(engine),
        ManualClock(NOON),
        [Kind("step", Arrivals().run, grace=None)],
        off_the_loop=counted("background"),
        lane=Lane(off_the_loop=counted("lane")),
    )
    assert (await tick.run_lane()).outcomes == {"done": 2}
    assert used["lane"] >= 3 and used["background"] == 0  # claims, then each row's mark
