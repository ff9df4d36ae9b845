"""Several bot instances on one PostgreSQL: each claims with FOR UPDATE SKIP LOCKED.

These tests need a real server: ``bash .ci/test`` starts a throwaway one and sets
``TEST_POSTGRES_URL``. Without it they are skipped, with the reason shown.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from multiprocessing import get_context

import httpx
from postgres_database import needs_postgres
from sqlalchemy import Engine, text

from bot.clock import ManualClock
from bot.db.engine import make_engine, session_factory
from emulator.server import EmulatorServer
from emulator.world import World
from scheduler import Due, Kind, Policy, Tick, WorkStatus, store
from scheduler.models import URGENT
from scheduler.store import Planned

TOKEN = "123456:postgres-claims"
ROWS = 10_000
INSTANCES = 3
CHATS = 50
NOON = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)
pytestmark = needs_postgres


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
    postgres_url: str,
) -> None:
    """Instance a takes a send row and stalls (a send stuck in rate-limit retries) past its
    lease; instance b's tick takes the row over and sends it. When a wakes up, the row is no
    longer its own: reading what to send (``payload_of``, the fence every outbox send reads
    first) gives nothing, so the row is sent once, by b."""
    engine = make_engine(postgres_url)
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
    engine.dispose()


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
