"""Several bot instances on one PostgreSQL: each claims with FOR UPDATE SKIP LOCKED; and
an instance stalled past its lease never sends a row another took over.

The PostgreSQL tests need a real server: ``bash .ci/test`` starts a throwaway one and sets
``TEST_POSTGRES_URL``. Without it they are skipped, with the reason shown. The tests of a
stalled send run on SQLite as well.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from multiprocessing import get_context
from pathlib import Path

import httpx
import pytest
from postgres_database import needs_postgres
from sqlalchemy import Engine, text
from sqlmodel import Session, select
from telegram.ext import CallbackContext

from bot.app import build_application
from bot.clock import ManualClock
from bot.content import Content
from bot.db.engine import make_engine, session_factory
from bot.handlers import delivery
from bot.sender import Priority, Sender
from bot.services import outbox
from bot.services.outgoing import Message
from emulator.server import EmulatorServer
from emulator.world import World
from scheduler import Due, DueWork, Kind, Policy, Tick, WorkStatus, store
from scheduler.models import URGENT
from scheduler.store import Planned

TOKEN = "123456:postgres-claims"
ROWS = 10_000
INSTANCES = 3
CHATS = 50
NOON = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)
PATIENT = 42
DEADLINE = 60.0  # real seconds, for a loaded machine


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=needs_postgres)])
def shared(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """The database two instances share: SQLite (one writer), then PostgreSQL."""
    if request.param == "sqlite":
        yield request.getfixturevalue("engine")
        return
    engine = make_engine(request.getfixturevalue("postgres_url"))
    yield engine
    engine.dispose()


def instance(url: str, base_url: str, name: str) -> Counter[str]:
    """One bot process (a real OS process): its own connections, tick and HTTP client."""

    async def run() -> Counter[str]:
        engine = make_engine(url)
        send_message = f"{base_url}/bot{TOKEN}/sendMessage"
        async with httpx.AsyncClient(limits=httpx.Limits(max_connections=32)) as client:

            async def deliver(due: Due) -> bool:
                chat_id = 1 + due.subject_id % CHATS
                answer = await client.post(send_message, json={"chat_id": chat_id, "text": due.key})
                answer.raise_for_status()
                return True

            tick = Tick(
                session_factory(engine),
                ManualClock(NOON),
                [Kind("ping", deliver)],
                Policy(batch_size=100, concurrency=2),  # the emulator is the bottleneck
                worker=name,
            )
            report = await tick()
        engine.dispose()
        return report.outcomes

    return asyncio.run(run())


def plan_rows(engine: Engine) -> None:
    with session_factory(engine)() as db:
        planned = [Planned("ping", n, f"ping:{n}", NOON) for n in range(ROWS)]
        store.add(db, planned, NOON)
        db.commit()


@needs_postgres
async def test_instances_claiming_10000_rows_at_once_deliver_each_exactly_once(
    postgres_url: str,
) -> None:
    engine = make_engine(postgres_url)
    plan_rows(engine)
    world = World(token=TOKEN)
    for chat in range(1, CHATS + 1):
        world.add_user(chat, started=True)
    async with EmulatorServer(world) as server:
        loop = asyncio.get_running_loop()
        with ProcessPoolExecutor(INSTANCES, mp_context=get_context("spawn")) as processes:
            reports = await asyncio.gather(
                *(
                    loop.run_in_executor(
                        processes, instance, postgres_url, server.base_url, f"bot-{n}"
                    )
                    for n in range(INSTANCES)
                )
            )
    delivered = Counter(m.text for chat in range(1, CHATS + 1) for m in world.bot_messages(chat))
    assert len(delivered) == ROWS and set(delivered.values()) == {1}
    assert all(report["done"] > 0 for report in reports)  # every instance took a share
    with session_factory(engine)() as db:
        assert store.counts(db) == {"done": ROWS}
    engine.dispose()


@needs_postgres
def test_the_claim_uses_skip_locked_on_postgresql(postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    statements: list[str] = []
    from sqlalchemy import event

    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    with session_factory(engine)() as db:
        store.claim(db, NOON, limit=5, lease=Policy().lease, worker="w")
    assert any("FOR UPDATE SKIP LOCKED" in s for s in statements)
    engine.dispose()


async def test_an_instance_stalled_past_its_lease_never_sends_the_row_another_took_over(
    shared: Engine,
) -> None:
    """Instance a takes a send row and stalls (a send stuck in rate-limit retries) past its
    lease; instance b's tick takes the row over and sends it. When a wakes up, the row is no
    longer its own: reading what to send (``payload_of``, the fence every outbox send reads
    first) gives nothing, so the row is sent once, by b. The same, through the bot's own
    send right after a commit, is below."""
    engine = shared
    with session_factory(engine)() as db:
        store.add(db, [Planned("send", 1, "send:one", NOON, payload='["hello"]')], NOON)
        db.commit()
    clock = ManualClock(NOON)
    sent: list[str] = []

    async def send(due: Due, who: str) -> bool:
        with session_factory(engine)() as db:
            payload = store.payload_of(db, due)
        if payload is not None:
            sent.append(who)
        return payload is not None

    with session_factory(engine)() as db:
        stalled = store.take(db, "send:one", clock.now(), lease=Policy().lease, worker="a")
    assert stalled is not None
    clock.advance(Policy().lease * 2)  # a is stuck; its lease runs out
    b = Tick(session_factory(engine), clock, [Kind("send", lambda d: send(d, "b"))], worker="b")
    assert (await b()).outcomes == {"done": 1}
    assert not await send(stalled, "a")  # a wakes up: not its row any more
    with session_factory(engine)() as db:
        assert not store.finish(db, stalled, WorkStatus.DONE, clock.now())
    assert sent == ["b"]


@needs_postgres
def test_the_urgent_lane_claims_only_urgent_rows_past_a_routine_claim_in_progress(
    postgres_url: str,
) -> None:
    """On PostgreSQL the lane's claim skips rows another instance's claim has locked, takes
    only urgent rows, and finds them by an index."""
    engine = make_engine(postgres_url)
    lease = Policy().lease
    with session_factory(engine)() as db:
        routine = [Planned("session", n, f"session:{n}", NOON) for n in range(50)]
        urgent = [Planned("step", n, f"step:{n}", NOON, URGENT) for n in range(6)]
        store.add(db, [*routine, *urgent], NOON)
        db.commit()
    holding = engine.connect()  # another instance, in the middle of its claim
    transaction = holding.begin()
    locked = holding.execute(
        text(
            "SELECT id FROM duework WHERE key IN ('step:0', 'step:1') ORDER BY id "
            "FOR UPDATE SKIP LOCKED"
        )
    ).all()
    assert len(locked) == 2
    with session_factory(engine)() as db:
        first = store.claim(db, NOON, limit=3, lease=lease, worker="a", priority_at_most=URGENT)
    with session_factory(engine)() as db:
        second = store.claim(db, NOON, limit=3, lease=lease, worker="b", priority_at_most=URGENT)
    transaction.rollback()
    holding.close()
    claimed = [due.key for due in (*first, *second)]
    assert sorted(claimed) == [f"step:{n}" for n in range(2, 6)]  # none twice, none locked
    assert all(due.priority == URGENT for due in (*first, *second))
    with engine.connect() as connection:  # a tiny table: forbid the scan the planner prefers
        connection.execute(text("SET enable_seqscan = off"))
        plan = " ".join(
            row[0]
            for row in connection.execute(
                text(
                    "EXPLAIN SELECT id FROM duework WHERE status IN ('pending', 'claimed') "
                    "AND run_at <= now() AND priority IN (0) ORDER BY priority, run_at LIMIT 8"
                )
            )
        )
    assert "Seq Scan" not in plan, plan  # by an index, whichever the planner prefers
    engine.dispose()


class SenderTime:
    """The sender's clock and sleep (``Sender(clock=..., sleep=...)``): a wait of a second or
    more (a 429's pause) is handed to ``pause``, which moves the bot's clock on with it."""

    def __init__(self, pause: Callable[[float], Awaitable[None]]) -> None:
        self.now = 0.0
        self.pause = pause

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        if seconds >= 1:
            await self.pause(seconds)
        self.now += seconds
        await asyncio.sleep(0)


@asynccontextmanager
async def instance_a(
    engine: Engine,
    clock: ManualClock,
    content: Content,
    world: World,
    pause: Callable[[float], Awaitable[None]],
) -> AsyncIterator[CallbackContext]:  # type: ignore[type-arg]
    """Instance a: the real bot and its sender, against the emulator."""
    time = SenderTime(pause)
    async with EmulatorServer(world) as emulator:
        application = build_application(
            token=TOKEN,
            api_base_url=emulator.base_url,
            open_db=session_factory(engine),
            clock=clock,
            content=content,
            sender=Sender(clock=time.clock, sleep=time.sleep),
        )
        async with application:
            yield CallbackContext(application)


def instance_b(engine: Engine, clock: ManualClock, sent: list[str]) -> Tick:
    """Instance b's tick, retrying outbox rows as ``bot.jobs`` does on another instance:
    it sends what the row holds, read while the claim is b's."""

    async def retry_send(due: Due) -> bool:
        with session_factory(engine)() as db:
            sent.extend(m.text for m in outbox.decode(store.payload_of(db, due)))
        return True

    kinds = [Kind(outbox.KIND, retry_send, grace=None)]
    return Tick(session_factory(engine), clock, kinds, worker="b")


def committed_row(engine: Engine, clock: ManualClock) -> str:
    """A reply's outbox row, committed with its use case; the bot sends it next."""
    with session_factory(engine)() as db:
        (key,) = outbox.enqueue(db, clock, [Message(PATIENT, "hello")])
    return key


def the_row(engine: Engine) -> DueWork:
    with Session(engine) as db:
        return db.exec(select(DueWork)).one()


def patient_chat(api_schema_path: Path) -> World:
    world = World(token=TOKEN, schema_path=api_schema_path)
    world.add_user(PATIENT, started=True)
    return world


async def _until(condition: Callable[[], bool], within: float = 5.0) -> None:
    """Wait for ``condition()`` to hold, polling, with a deadline."""
    deadline = asyncio.get_running_loop().time() + within
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "condition never held"
        await asyncio.sleep(0.01)


async def test_an_instance_frozen_in_a_429_pause_past_its_lease_sends_nothing_another_took_over(
    shared: Engine, api_schema_path: Path, content: Content, caplog: pytest.LogCaptureFixture
) -> None:
    """The bot's own send right after a commit (``delivery._send_now``), through the real
    sender: Telegram answers 429, retry after 60 s. While instance a waits, its process
    freezes (its event loop is blocked: no keeper runs) past its lease, and instance b's
    tick takes the row over and sends it. When a wakes, the sender's last check before the
    retry finds the claim lost: a sends nothing, the log says so in counts, and the row
    stays b's."""
    clock = ManualClock(NOON)
    key = committed_row(shared, clock)
    by_b: list[str] = []
    taken_over: list[Counter[str]] = []

    async def frozen(seconds: float) -> None:
        clock.advance(timedelta(seconds=seconds))

        def b_meanwhile() -> Counter[str]:  # another instance: its own loop and thread
            async def tick() -> Counter[str]:
                return (await instance_b(shared, clock, by_b)()).outcomes

            return asyncio.run(tick())

        with ThreadPoolExecutor(1) as other:  # a's loop waits on it, blocked: a is frozen
            taken_over.append(other.submit(b_meanwhile).result(DEADLINE))

    world = patient_chat(api_schema_path)
    world.inject_fault("sendMessage", "429", retry_after=60)
    with caplog.at_level(logging.INFO):
        async with instance_a(shared, clock, content, world, frozen) as context:
            sending = delivery._send_now(context, key, Priority.ANSWER)
            assert await asyncio.wait_for(sending, DEADLINE) is False
    assert taken_over == [{WorkStatus.DONE: 1}]
    assert by_b == ["hello"]
    assert world.bot_messages(PATIENT) == []  # nothing from a: its only try was the 429
    assert [r.method for r in world.requests].count("sendMessage") == 1
    assert "claim lost" in caplog.text and "after 0 of its 1 messages" in caplog.text
    assert "hello" not in caplog.text
    row = the_row(shared)
    assert row.status == WorkStatus.DONE and row.claimed_by == "b"


async def test_a_send_held_a_minute_in_429_pauses_keeps_its_lease_and_goes_once(
    shared: Engine, api_schema_path: Path, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same send, its message held in the sender by three 429s of 20 s each (twice its
    lease) while instance a runs: a's keeper renews the row's lease as the time passes, so
    b's tick finds nothing to take, and the message goes once, from a."""
    monkeypatch.setattr(delivery, "RENEW_POLL_SECONDS", 0.01)
    clock = ManualClock(NOON)
    key = committed_row(shared, clock)
    by_b: list[str] = []
    b = instance_b(shared, clock, by_b)
    waited = timedelta()

    async def running(seconds: float) -> None:
        nonlocal waited
        left = timedelta(seconds=seconds)
        while left > timedelta():
            step = min(left, timedelta(seconds=11))
            clock.advance(step)
            left -= step
            waited += step
            # renewed within the last third of the lease: at least 20 s of it left
            await _until(lambda: the_row(shared).run_at >= clock.now() + timedelta(seconds=20))
            assert (await b()).outcomes == {}

    world = patient_chat(api_schema_path)
    world.inject_fault("sendMessage", "429", count=3, retry_after=20)
    async with instance_a(shared, clock, content, world, running) as context:
        sending = delivery._send_now(context, key, Priority.ANSWER)
        assert await asyncio.wait_for(sending, DEADLINE) is True
    assert waited >= 2 * delivery.SEND_LEASE - timedelta(seconds=1)
    assert [m.text for m in world.bot_messages(PATIENT)] == ["hello"]
    assert by_b == []
    assert the_row(shared).status == WorkStatus.DONE
