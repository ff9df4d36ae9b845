"""The due-work table and the tick: claimed atomically, done only after success, never doubled."""

from __future__ import annotations

import asyncio
import itertools
import threading
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.clock import ManualClock
from bot.db import migrate
from bot.db.engine import make_engine, session_factory
from scheduler import Due, DueWork, Kind, Policy, Tick, WorkStatus, store
from scheduler.store import Planned

NOON = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)


def plan(engine: Engine, count: int, due: datetime = NOON, kind: str = "ping") -> None:
    with session_factory(engine)() as db:
        store.add(db, [Planned(kind, n, f"{kind}:{n}", due) for n in range(count)], due)
        db.commit()


def statuses(engine: Engine) -> Counter[str]:
    with Session(engine) as db:
        return Counter(row.status for row in db.exec(select(DueWork)))


class Outbox:
    """Stands in for Telegram: records what each handler sent."""

    def __init__(self) -> None:
        self.sent: list[int] = []

    async def send(self, due: Due) -> bool:
        self.sent.append(due.subject_id)
        return True


def tick_for(engine: Engine, clock: ManualClock, *kinds: Kind, **policy: object) -> Tick:
    return Tick(session_factory(engine), clock, kinds, Policy(**policy))  # type: ignore[arg-type]


async def test_due_rows_run_once_and_are_marked_done(engine: Engine) -> None:
    clock = ManualClock(NOON - timedelta(minutes=1))
    outbox = Outbox()
    plan(engine, 3)
    tick = tick_for(engine, clock, Kind("ping", outbox.send))
    assert (await tick()).claimed == 0  # not due yet
    clock.advance(timedelta(minutes=1))
    report = await tick()
    assert sorted(outbox.sent) == [0, 1, 2]
    assert report.outcomes == {"done": 3}
    assert (await tick()).claimed == 0
    assert statuses(engine) == {"done": 3}


async def test_planning_the_same_key_twice_adds_one_row(engine: Engine) -> None:
    plan(engine, 1)
    plan(engine, 1)
    assert statuses(engine) == {"pending": 1}


async def test_a_handler_with_nothing_to_send_marks_the_row_skipped(engine: Engine) -> None:
    async def nothing(_due: Due) -> bool:
        return False

    plan(engine, 1)
    await tick_for(engine, ManualClock(NOON), Kind("ping", nothing))()
    assert statuses(engine) == {"skipped": 1}


async def test_a_failing_handler_is_retried_with_backoff_then_dead_lettered(
    engine: Engine,
) -> None:
    clock = ManualClock(NOON)
    tries: list[datetime] = []

    async def broken(_due: Due) -> bool:
        tries.append(clock.now())
        raise ConnectionError("telegram unreachable")

    plan(engine, 1)
    tick = tick_for(engine, clock, Kind("ping", broken), max_attempts=4)
    for _ in range(40):
        await tick()
        clock.advance(timedelta(seconds=15))
    gaps = [later - earlier for earlier, later in itertools.pairwise(tries)]
    assert len(tries) == 4
    assert gaps == [timedelta(seconds=30), timedelta(seconds=60), timedelta(seconds=120)]
    with Session(engine) as db:
        (dead,) = store.dead_letters(db)
    assert dead.status == WorkStatus.DEAD and dead.attempts == 4
    assert dead.last_error == "ConnectionError"  # the type only, never the text


async def test_a_dead_letter_can_be_revived_by_an_admin(engine: Engine) -> None:
    clock = ManualClock(NOON)
    plan(engine, 1, kind="unknown")
    await tick_for(engine, clock, Kind("ping", Outbox().send))()
    with Session(engine) as db:
        (dead,) = store.dead_letters(db)
        assert dead.last_error == "no handler for this kind"
        assert store.revive(db, dead.id or 0, clock.now())
    outbox = Outbox()
    await tick_for(engine, clock, Kind("unknown", outbox.send))()
    assert outbox.sent == [0]


async def test_after_downtime_work_inside_the_grace_window_is_sent_late(engine: Engine) -> None:
    outbox = Outbox()
    plan(engine, 1)
    clock = ManualClock(NOON + timedelta(hours=1, minutes=59))
    report = await tick_for(engine, clock, Kind("ping", outbox.send))()
    assert outbox.sent == [0] and report.outcomes == {"done": 1}


async def test_after_downtime_work_older_than_the_grace_window_is_missed(engine: Engine) -> None:
    outbox = Outbox()
    missed: list[int] = []
    plan(engine, 1)
    clock = ManualClock(NOON + timedelta(hours=2, minutes=1))
    kind = Kind("ping", outbox.send, missed=lambda due: missed.append(due.subject_id))
    await tick_for(engine, clock, kind)()
    assert outbox.sent == [] and missed == [0]
    assert statuses(engine) == {"missed": 1}


async def test_a_kind_without_grace_is_always_sent(engine: Engine) -> None:
    outbox = Outbox()
    plan(engine, 1)
    clock = ManualClock(NOON + timedelta(days=3))
    await tick_for(engine, clock, Kind("ping", outbox.send, grace=None))()
    assert outbox.sent == [0]


async def test_a_crash_between_send_and_done_repeats_that_one_message_at_most_once(
    engine: Engine,
) -> None:
    clock = ManualClock(NOON)
    plan(engine, 3)
    outbox = Outbox()
    # A process claims the rows, sends the first one, and dies before marking it done.
    with session_factory(engine)() as db:
        claimed = store.claim(db, clock.now(), limit=10, lease=Policy().lease, worker="dead")
    await outbox.send(claimed[0])
    # On restart, a new tick sees nothing until the dead process's claim lease runs out.
    restarted = tick_for(engine, clock, Kind("ping", outbox.send))
    assert (await restarted()).claimed == 0
    clock.advance(Policy().lease)
    await restarted()
    assert Counter(outbox.sent) == {0: 2, 1: 1, 2: 1}  # one repeat, nothing lost
    await restarted()
    assert statuses(engine) == {"done": 3}


async def test_a_late_finish_from_an_expired_claim_does_not_overwrite_the_new_claim(
    engine: Engine,
) -> None:
    clock = ManualClock(NOON)
    plan(engine, 1)
    lease = timedelta(minutes=5)
    with session_factory(engine)() as db:
        (first,) = store.claim(db, clock.now(), limit=1, lease=lease, worker="slow")
        clock.advance(lease)
        (second,) = store.claim(db, clock.now(), limit=1, lease=lease, worker="fresh")
        assert not store.finish(db, first, WorkStatus.DONE, clock.now())
        assert store.finish(db, second, WorkStatus.DONE, clock.now())


def test_the_tick_is_one_apscheduler_job_whatever_the_number_of_rows(engine: Engine) -> None:
    plan(engine, 500)

    async def started() -> int:
        tick = tick_for(engine, ManualClock(NOON), Kind("ping", Outbox().send))
        tick.start(every_seconds=3600)
        assert tick._apscheduler is not None
        jobs = len(tick._apscheduler.get_jobs())
        await tick.stop()
        return jobs

    assert asyncio.run(started()) == 1


def test_two_schedulers_on_one_sqlite_file_never_double_a_row(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    migrate.upgrade(make_engine(url))
    plan(make_engine(url), 600)
    clock = ManualClock(NOON)
    sent: list[int] = []
    lock = threading.Lock()
    claimed_by: Counter[str] = Counter()

    def instance(name: str) -> None:
        async def deliver(due: Due) -> bool:
            with lock:
                sent.append(due.subject_id)
                claimed_by[name] += 1
            await asyncio.sleep(0)  # let the other instance in between rows
            return True

        engine = make_engine(url)  # each instance has its own connections
        tick = Tick(
            session_factory(engine), clock, [Kind("ping", deliver)], Policy(batch_size=25), name
        )
        asyncio.run(tick())
        engine.dispose()

    threads = [threading.Thread(target=instance, args=(f"i{n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(sent) == list(range(600))
    assert statuses(make_engine(url)) == {"done": 600}


@pytest.mark.parametrize("attempts", [1, 2, 5])
def test_the_retry_wait_doubles_from_thirty_seconds(attempts: int) -> None:
    assert Policy(max_attempts=9).retry_wait(attempts) == timedelta(
        seconds=30 * 2 ** (attempts - 1)
    )
    assert Policy(max_attempts=attempts).retry_wait(attempts) is None


async def test_the_started_tick_runs_due_rows_by_itself_with_no_one_calling_it(
    engine: Engine,
) -> None:
    """The interval job APScheduler runs must really await the tick (it once only called
    it, dropping the coroutine, and still reported success)."""
    clock = ManualClock(NOON)
    arrived = asyncio.Event()

    async def send(due: Due) -> bool:
        arrived.set()
        return True

    plan(engine, 1)
    tick = tick_for(engine, clock, Kind("ping", send))
    tick.start(every_seconds=0.05)
    try:
        await asyncio.wait_for(arrived.wait(), timeout=10)
    finally:
        await tick.stop()
    assert statuses(engine) == {"done": 1}
