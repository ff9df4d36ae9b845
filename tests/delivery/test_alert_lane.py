"""The urgent lane end to end: an escalation step that falls due in the middle of a long
broadcast is sent while the broadcast still runs, not after the tick's batch of sessions."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlmodel import Session, col

from bench import escalation_during_broadcast as bench
from bench import population
from bot import jobs
from bot.app import TickSettings, build_application
from bot.clock import AcceleratedClock
from bot.content import Content
from bot.db.engine import session_factory
from bot.sender import Sender
from emulator.limits import Limits
from emulator.server import EmulatorServer
from emulator.world import World
from scheduler.models import URGENT, DueWork

PATIENTS = 150  # at most 30 a second: the broadcast lasts 5 s or more
LATER = population.SAME_MINUTE + timedelta(days=30)


async def test_an_escalation_step_due_during_a_long_broadcast_is_sent_before_it_ends(
    tmp_path: Path, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One batch holds the whole broadcast: without the lane, the step would wait for its end.
    monkeypatch.setattr(jobs, "URGENT_BATCH", 500)
    engine, _ = bench.seed(tmp_path / "lane.sqlite3", PATIENTS, 1, URGENT)
    step_key = f"{bench.raising.STEP_KIND}:1:1"
    with Session(engine) as db:  # not due until the broadcast is under way
        db.execute(
            update(DueWork).where(col(DueWork.key) == step_key).values(due_at=LATER, run_at=LATER)
        )
        db.commit()
    limits = Limits(model="window", latency=(0.04, 0.08), seed=3)
    world = World(token=bench.TOKEN, limits=limits)
    patients = range(bench.FIRST, bench.FIRST + PATIENTS + 1)
    for user in (bench.NURSE, bench.BACKUP, *patients):
        world.add_user(user, started=True)
    clock = AcceleratedClock(population.SAME_MINUTE, speed=1.0)

    def sessions_sent() -> int:
        return sum(
            any(m.from_bot for m in world.messages.get(bench.FIRST + n, {}).values())
            for n in range(PATIENTS)
        )

    async with EmulatorServer(world) as server:
        application = build_application(
            token=bench.TOKEN,
            api_base_url=server.base_url,
            open_db=session_factory(engine),
            clock=clock,
            content=content,
            tick=TickSettings(every_seconds=1.0),
            sender=Sender(),
        )
        async with application:
            assert application.post_init is not None and application.post_stop is not None
            await application.post_init(application)  # the tick starts
            await application.start()
            try:
                assert await world.wait_until(lambda: sessions_sent() >= 20 or None, 120)
                with Session(engine) as db:  # the step falls due now, mid-broadcast
                    now = clock.now()
                    db.execute(
                        update(DueWork)
                        .where(col(DueWork.key) == step_key)
                        .values(due_at=now, run_at=now)
                    )
                    db.commit()
                told = await world.wait_until(lambda: world.bot_messages(bench.BACKUP) or None, 30)
                sent_by_then = sessions_sent()
                assert told, "the backup clinician was not told within 30 s"
                assert sent_by_then < PATIENTS, "the step waited for the whole broadcast"
                await world.wait_until(lambda: sessions_sent() == PATIENTS or None, 120)
            finally:
                await application.post_stop(application)
                await application.stop()
    assert sessions_sent() == PATIENTS
    assert limits.refused == 0
