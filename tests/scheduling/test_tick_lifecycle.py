"""The tick's life in a process: shutdown hands work back, leases are kept, lost claims
and late work are reported, and every instance's heartbeat is visible to admins."""

from __future__ import annotations

import asyncio
import json
import logging
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from typer.testing import CliRunner

import scheduler.tick
from bot.cli import app
from bot.clock import ManualClock
from bot.db.engine import session_factory
from scheduler import Due, DueWork, Kind, Policy, Tick, WorkStatus, store, tick_health, workers
from scheduler.models import SchedulerInstance
from scheduler.store import Planned

NOON = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)


def plan(engine: Engine, count: int, due: datetime = NOON) -> None:
    with session_factory(engine)() as db:
        store.add(db, [Planned("ping", n, f"ping:{n}", due) for n in range(count)], due)
        db.commit()


def rows(engine: Engine) -> list[DueWork]:
    with Session(engine) as db:
        return list(db.exec(select(DueWork).order_by(DueWork.id)))


class Gate:
    """A handler that blocks until released, counting how many have started."""

    def __init__(self, expected: int) -> None:
        self.started = 0
        self.all_started = asyncio.Event()
        self.open = asyncio.Event()
        self.expected = expected

    async def run(self, due: Due) -> bool:
        self.started += 1
        if self.started >= self.expected:
            self.all_started.set()
        await self.open.wait()
        return True


async def test_stopping_mid_batch_finishes_sends_in_flight_and_hands_back_the_rest(
    engine: Engine,
) -> None:
    clock = ManualClock(NOON)
    gate = Gate(expected=4)
    plan(engine, 10)
    tick = Tick(session_factory(engine), clock, [Kind("ping", gate.run)], Policy(concurrency=4))
    running = asyncio.create_task(tick())
    await asyncio.wait_for(gate.all_started.wait(), timeout=10)
    stopping = asyncio.create_task(tick.stop())
    await asyncio.sleep(0)  # let stop() mark the tick as stopping
    gate.open.set()
    report = await asyncio.wait_for(running, timeout=10)
    await asyncio.wait_for(stopping, timeout=10)
    assert report.outcomes == {"done": 4, "released": 6}
    found = rows(engine)
    assert sorted(r.status for r in found).count(WorkStatus.DONE) == 4
    handed_back = [r for r in found if r.status == WorkStatus.PENDING]
    assert len(handed_back) == 6
    assert all(r.attempts == 0 and r.claimed_by is None and r.run_at <= NOON for r in handed_back)


async def test_a_slow_send_keeps_its_lease_so_no_other_instance_takes_it(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scheduler.tick, "RENEW_POLL_SECONDS", 0.01)
    clock = ManualClock(NOON)
    gate = Gate(expected=1)
    plan(engine, 1)
    policy = Policy(lease=timedelta(seconds=30))
    tick = Tick(session_factory(engine), clock, [Kind("ping", gate.run)], policy, worker="a")
    running = asyncio.create_task(tick())
    await asyncio.wait_for(gate.all_started.wait(), timeout=10)
    for _ in range(6):  # a minute of retries, twice the lease
        clock.advance(timedelta(seconds=11))
        await _until(lambda: rows(engine)[0].run_at > clock.now() + timedelta(seconds=15))
        with session_factory(engine)() as db:
            assert store.claim(db, clock.now(), limit=5, lease=policy.lease, worker="b") == []
    gate.open.set()
    assert (await asyncio.wait_for(running, timeout=10)).outcomes == {"done": 1}


async def test_a_claim_lost_to_another_instance_is_logged_with_counts(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    clock = ManualClock(NOON)
    policy = Policy(lease=timedelta(seconds=30))

    async def stalled_past_its_lease(due: Due) -> bool:
        clock.advance(timedelta(minutes=1))
        with session_factory(engine)() as db:  # meanwhile, instance b takes the row over
            assert len(store.claim(db, clock.now(), limit=1, lease=policy.lease, worker="b"))
        return True

    plan(engine, 1)
    tick = Tick(session_factory(engine), clock, [Kind("ping", stalled_past_its_lease)], policy)
    with caplog.at_level(logging.WARNING, logger="scheduler.tick"):
        await tick()
    assert "1 of 1 finished rows were no longer ours" in caplog.text
    assert rows(engine)[0].claimed_by == "b"  # b's claim stands, a did not overwrite it


async def test_a_failure_after_the_claim_was_lost_leaves_the_row_to_its_new_claimant(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    clock = ManualClock(NOON)
    policy = Policy(lease=timedelta(seconds=30))

    async def stalled_then_failed(due: Due) -> bool:
        clock.advance(timedelta(minutes=1))
        with session_factory(engine)() as db:  # meanwhile, instance b takes the row over
            assert len(store.claim(db, clock.now(), limit=1, lease=policy.lease, worker="b"))
        raise TimeoutError

    plan(engine, 1)
    tick = Tick(session_factory(engine), clock, [Kind("ping", stalled_then_failed)], policy)
    with caplog.at_level(logging.WARNING, logger="scheduler.tick"):
        assert (await tick()).outcomes == {"lost": 1}
    assert "1 failed row was no longer ours (claim lost)" in caplog.text
    (row,) = rows(engine)
    assert row.claimed_by == "b" and row.status == WorkStatus.CLAIMED  # no retry from a
    assert row.last_error is None


async def test_work_running_late_is_reported_in_the_log_with_counts_only(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    clock = ManualClock(NOON + timedelta(minutes=12))
    plan(engine, 3)

    async def send(due: Due) -> bool:
        return True

    tick = Tick(session_factory(engine), clock, [Kind("ping", send, grace=None)])
    with caplog.at_level(logging.WARNING, logger="scheduler.tick"):
        await tick()
    assert "3 due rows are overdue; the oldest is 12 min late" in caplog.text


async def test_a_running_tick_shows_its_heartbeat_and_an_idle_start_is_flagged(
    engine: Engine,
) -> None:
    clock = ManualClock(NOON)
    tick = Tick(session_factory(engine), clock, [], worker="host-a:1")
    with session_factory(engine)() as db:
        store.instance_started(db, "host-b:2", NOON - timedelta(minutes=2), tick_seconds=5)
    tick.start(every_seconds=0.05)
    try:
        await _until(lambda: _instance(engine, "host-a:1").last_tick_at is not None)
        with session_factory(engine)() as db:
            health = tick_health.read(db, clock.now())
    finally:
        await tick.stop()
    states = {i.worker: i.state for i in health.instances}
    assert states == {"host-a:1": "ticking", "host-b:2": "never ticked"}
    assert "host-b:2: NEVER TICKED since it started 2 min ago" in health.as_text()
    assert _instance(engine, "host-a:1").stopped_at == NOON


def test_the_admin_sees_each_instance_overdue_work_and_the_last_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: Engine
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", str(engine.url))
    now = datetime.now(UTC)
    with session_factory(engine)() as db:
        store.instance_started(db, "clinic-1:77", now - timedelta(minutes=5), tick_seconds=5)
        store.instance_ticked(db, "clinic-1:77", now - timedelta(minutes=3))
        store.add(db, [Planned("ping", 1, "late", now - timedelta(minutes=7))], now)
        store.add(db, [Planned("ping", 2, "sent", now - timedelta(hours=1))], now)
        db.commit()
        (due,) = store.claim(
            db, now - timedelta(minutes=30), limit=1, lease=Policy().lease, worker="x"
        )
        store.finish(db, due, WorkStatus.DONE, now - timedelta(minutes=30))
    result = CliRunner().invoke(app, ["scheduler", "status"])
    assert result.exit_code == 0, result.output
    assert "clinic-1:77: last tick 3 min ago: NOT TICKING" in result.stdout
    assert "Overdue: 1 rows; the oldest is 7 min late." in result.stdout
    assert "Last 24 hours: 1 done, 0 skipped, 0 missed, 0 dead." in result.stdout
    data = json.loads(CliRunner().invoke(app, ["scheduler", "status", "--json"]).stdout)
    assert data["instances"][0]["state"] == "not ticking"
    assert data["overdue"]["rows"] == 1 and 419 <= data["overdue"]["oldest_seconds"] <= 430


def _instance(engine: Engine, worker: str) -> SchedulerInstance:
    with Session(engine) as db:
        found = db.get(SchedulerInstance, worker)
        assert found is not None
        return found


async def _until(condition: object, within: float = 10) -> None:
    """Wait for ``condition()`` to hold, polling, with a deadline."""
    assert callable(condition)
    deadline = asyncio.get_running_loop().time() + within
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError("condition never held")
        await asyncio.sleep(0.01)


async def test_stopping_the_started_tick_lets_a_send_in_flight_finish_uncancelled(
    engine: Engine,
) -> None:
    """APScheduler's own shutdown cancels a running job; the tick must not let it."""
    clock = ManualClock(NOON)
    gate = Gate(expected=1)
    plan(engine, 1)
    tick = Tick(session_factory(engine), clock, [Kind("ping", gate.run)])
    tick.start(every_seconds=0.05)
    await asyncio.wait_for(gate.all_started.wait(), timeout=10)
    stopping = asyncio.create_task(tick.stop())
    await asyncio.sleep(0.1)  # the stop is under way while the send is still in flight
    assert not stopping.done()
    gate.open.set()
    await asyncio.wait_for(stopping, timeout=10)
    assert [r.status for r in rows(engine)] == [WorkStatus.DONE]


class CountedLock(asyncio.Lock):
    """The tick's lock, telling when the scheduler has found it held a few times."""

    def __init__(self, times: int) -> None:
        super().__init__()
        self.found_held = 0
        self.enough = asyncio.Event()
        self.times = times

    def locked(self) -> bool:
        held = super().locked()
        if held:
            self.found_held += 1
            if self.found_held >= self.times:
                self.enough.set()
        return held


async def test_a_batch_longer_than_the_interval_logs_no_skipped_run_and_runs_once(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    """A broadcast outlasts many intervals: the runs that find it going return at once,
    instead of APScheduler warning "maximum number of running instances" every second."""
    clock = ManualClock(NOON)
    gate = Gate(expected=1)
    plan(engine, 1)
    tick = Tick(session_factory(engine), clock, [Kind("ping", gate.run)])
    lock = CountedLock(times=5)
    tick._running = lock
    with caplog.at_level(logging.WARNING, logger="apscheduler"):
        tick.start(every_seconds=0.02)
        await asyncio.wait_for(gate.all_started.wait(), timeout=10)
        await asyncio.wait_for(lock.enough.wait(), timeout=10)  # 5 runs came meanwhile
        gate.open.set()
        await tick.stop()
    assert gate.started == 1
    assert [r.status for r in rows(engine)] == [WorkStatus.DONE]
    assert not [r for r in caplog.records if "running instances" in r.getMessage()]


async def test_the_claims_of_an_instance_that_went_silent_are_taken_over_before_their_lease(
    engine: Engine,
) -> None:
    """A killed process has a new id when it restarts (``host:pid``): its claims come back
    once its heartbeat is ``Policy.silence`` old, not at the end of their lease."""
    clock = ManualClock(NOON)
    plan(engine, 3)
    with session_factory(engine)() as db:  # instance a beats, claims, and is killed
        store.instance_started(db, "host:1", clock.now(), tick_seconds=5)
        store.instance_ticked(db, "host:1", clock.now())
        assert store.take(
            db, "ping:2", clock.now(), lease=timedelta(minutes=5), worker="host:1:send"
        )
        claimed = store.claim(db, clock.now(), limit=2, lease=timedelta(minutes=5), worker="host:1")
        assert len(claimed) == 2
    sent: list[int] = []

    async def send(due: Due) -> bool:
        sent.append(due.subject_id)
        return True

    restarted = Tick(session_factory(engine), clock, [Kind("ping", send)], worker="host:2")
    restarted.start(every_seconds=3600)
    try:
        clock.advance(Policy().silence - timedelta(seconds=1))  # a beat may still come
        assert (await restarted()).claimed == 0
        clock.advance(timedelta(seconds=2))  # silent: killed
        assert (await restarted()).outcomes == {"done": 3}  # minutes before the lease ends
    finally:
        await restarted.stop()
    assert sorted(sent) == [0, 1, 2]
    with session_factory(engine)() as db:  # the silent instance can no longer finish them
        assert not store.finish(db, claimed[0], WorkStatus.DONE, clock.now())


async def test_a_stopped_or_beating_instance_keeps_its_claims_until_their_lease_ends(
    engine: Engine,
) -> None:
    clock = ManualClock(NOON)
    plan(engine, 3)
    with session_factory(engine)() as db:
        for worker in ("beating:1", "stopped:1"):
            store.instance_started(db, worker, clock.now(), tick_seconds=5)
        store.claim(db, clock.now(), limit=1, lease=timedelta(minutes=5), worker="beating:1")
        store.claim(db, clock.now(), limit=1, lease=timedelta(minutes=5), worker="stopped:1")
        store.instance_started(db, "slow:1", clock.now(), tick_seconds=60)
        store.claim(db, clock.now(), limit=1, lease=timedelta(minutes=5), worker="slow:1")
        clock.advance(timedelta(minutes=2))
        store.instance_ticked(db, "beating:1", clock.now())
        store.instance_stopped(db, "stopped:1", clock.now())  # its claims: released or leased
        # Two minutes without a beat: "slow:1" ticks once a minute, so it is not silent yet.
        assert store.take_over_silent(db, clock.now(), silent_for=timedelta(seconds=15)) == 0
    assert [r.status for r in rows(engine)] == [WorkStatus.CLAIMED] * 3


def test_a_running_instance_never_takes_over_its_own_claims_when_its_beat_looks_old(
    engine: Engine,
) -> None:
    """Its urgent lane's rows are in flight while its routine tick looks for silent
    instances; a clock that jumps (the demo week) or a stalled loop must not hand them to
    a second run, which would send an alert card twice."""
    clock = ManualClock(NOON)
    plan(engine, 1)
    with session_factory(engine)() as db:
        store.instance_started(db, "me:1", clock.now(), tick_seconds=1)
        store.claim(db, clock.now(), limit=1, lease=timedelta(minutes=5), worker="me:1")
        clock.advance(timedelta(hours=1))
        silence = timedelta(seconds=15)
        assert store.take_over_silent(db, clock.now(), silent_for=silence, alive="me:1") == 0
        assert [r.status for r in rows(engine)] == [WorkStatus.CLAIMED]
        # Seen by another instance, the same beat is silent: its claim is taken over.
        assert store.take_over_silent(db, clock.now(), silent_for=silence, alive="other:1") == 1


async def test_a_restart_takes_back_its_own_stale_claims_without_waiting_for_the_lease(
    engine: Engine,
) -> None:
    clock = ManualClock(NOON)
    plan(engine, 3)
    with session_factory(engine)() as db:  # worker a claims, then is killed: no finish
        assert store.take(db, "ping:2", clock.now(), lease=timedelta(minutes=5), worker="a:send")
        assert len(store.claim(db, clock.now(), limit=2, lease=timedelta(minutes=5), worker="a"))
    sent: list[int] = []

    async def send(due: Due) -> bool:
        sent.append(due.subject_id)
        return True

    restarted = Tick(session_factory(engine), clock, [Kind("ping", send)], worker="a")
    restarted.start(every_seconds=3600)
    try:
        assert (await restarted()).outcomes == {"done": 3}  # not five minutes later
    finally:
        await restarted.stop()
    assert sorted(sent) == [0, 1, 2]
    with session_factory(engine)() as db:  # another worker's claim is left to its lease
        assert store.take_back(db, "b", clock.now()) == 0


async def test_started_with_first_at_once_the_tick_runs_at_once_not_one_interval_later(
    engine: Engine,
) -> None:
    """``companion run`` starts the tick this way: a restart sends what is due (and what a
    killed process left) as soon as it starts, not after the tick's first interval."""
    clock = ManualClock(NOON)
    plan(engine, 2)
    ran = asyncio.Event()
    sent: list[int] = []

    async def send(due: Due) -> bool:
        sent.append(due.subject_id)
        if len(sent) == 2:
            ran.set()
        return True

    tick = Tick(session_factory(engine), clock, [Kind("ping", send)])
    tick.start(every_seconds=3600, first_at_once=True)  # the next interval is an hour away
    try:
        await asyncio.wait_for(ran.wait(), timeout=10)
    finally:
        await tick.stop()
    assert sorted(sent) == [0, 1]
    assert [r.status for r in rows(engine)] == [WorkStatus.DONE] * 2


def ended_pid() -> int:
    """The pid of a process of ours that has ended (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait(timeout=30)
    return child.pid


async def test_at_start_the_claims_of_a_process_that_ended_on_this_host_are_taken_over_at_once(
    engine: Engine,
) -> None:
    """A killed process's id is ``host:boot:pid-namespace:pid``: a restart on the same host,
    boot and namespace sees its pid gone and runs its claims at once, its sender's too,
    without waiting for their lease or the dead instance's heartbeat to go silent."""
    clock = ManualClock(NOON)
    plan(engine, 3)
    here = workers.this_process()
    dead = replace(here, pid=ended_pid()).id
    assert workers.ended(dead)
    with session_factory(engine)() as db:  # the dead process had just beaten and claimed
        store.instance_started(db, dead, clock.now(), tick_seconds=5)
        store.instance_ticked(db, dead, clock.now())
        lease = timedelta(minutes=5)
        assert store.take(db, "ping:2", clock.now(), lease=lease, worker=f"{dead}:send")
        assert len(store.claim(db, clock.now(), limit=2, lease=lease, worker=dead)) == 2
    sent: list[int] = []

    async def send(due: Due) -> bool:
        sent.append(due.subject_id)
        return True

    restarted = Tick(session_factory(engine), clock, [Kind("ping", send)])
    assert workers.parse(restarted.worker) == here
    restarted.start(every_seconds=3600)
    try:
        assert (await restarted()).outcomes == {"done": 3}  # no time has passed at all
    finally:
        await restarted.stop()
    assert sorted(sent) == [0, 1, 2]


async def test_a_dead_pid_in_another_pid_namespace_boot_or_an_old_id_keeps_its_claims(
    engine: Engine,
) -> None:
    """Containers can share a hostname, each with its own pid namespace: a pid missing here
    may run there. Another boot, another host or an id without boot and namespace are
    unknown too: their claims wait for the heartbeat to go silent or the lease to end."""
    clock = ManualClock(NOON)
    here = workers.this_process()
    pid = ended_pid()
    others = [
        replace(here, pid=pid, namespace=here.namespace + 1).id,  # another container
        replace(here, pid=pid, boot="0123456789ab").id,  # before a reboot
        replace(here, pid=pid, host="elsewhere").id,  # another machine
        f"{here.host}:{pid}",  # the former host:pid id
    ]
    assert not any(workers.ended(worker) for worker in others)
    plan(engine, len(others))
    with session_factory(engine)() as db:
        for worker in others:
            store.instance_started(db, worker, clock.now(), tick_seconds=5)
            store.claim(db, clock.now(), limit=1, lease=timedelta(minutes=5), worker=worker)

    async def send(due: Due) -> bool:
        return True

    restarted = Tick(session_factory(engine), clock, [Kind("ping", send)])
    restarted.start(every_seconds=3600)
    try:
        assert (await restarted()).claimed == 0
    finally:
        await restarted.stop()
    assert [r.status for r in rows(engine)] == [WorkStatus.CLAIMED] * len(others)


def test_a_live_process_or_a_zombie_is_told_apart_by_its_pid() -> None:
    """A process still running is never taken for ended; one killed and not yet reaped by
    its parent (a zombie, as right after ``kill -9``) is."""
    here = workers.this_process()
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert not workers.ended(replace(here, pid=child.pid).id)
        child.kill()
        deadline = time.monotonic() + 10
        while not workers.ended(replace(here, pid=child.pid).id):
            assert time.monotonic() < deadline, "the killed child never looked ended"
            time.sleep(0.01)
    finally:
        child.kill()
        child.wait(timeout=10)
    assert not workers.ended(here.id)  # our own id: take_back's, never taken over
