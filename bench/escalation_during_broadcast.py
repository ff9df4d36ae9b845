"""An alert's escalation step, from due to sent, while the tick broadcasts the day's sessions.

Run on demand from the repository root (not part of the test suite):

    .venv/bin/python -m bench.escalation_during_broadcast --patients 600 --steps 10

The real bot and its real tick (every second), on an emulator that adds 40-80 ms to each
request and enforces 30 new messages a second overall (a strict 1-second window, then a
token bucket) and one a second per chat, with Telegram's limits in the bot's sender.
``--patients`` patients have today's session due in the same minute (bench/population.py),
so the tick claims, composes and sends them all. ``--steps`` other patients have an URGENT
alert that their clinician has not acknowledged; the ladder's next step (tell the backup
clinician) falls due at even intervals over the broadcast's expected span. Each step is
timed from its due time to its message's arrival at the emulator, and the broadcast's rate
is counted over its own span.

Three lines per limit model, in the same run: the steps as the bot has them (urgent, in
the tick's urgent lane, claimed every half second apart from the batch of sessions); the
same urgent steps without the lane (claimed first, but only at the tick's next claim, after
its batch in progress: before the lane); and the baseline, the same steps claimed as
routine rows (the due row's ``priority`` set to ``ROUTINE``), so only their due time orders
them among the sessions, as before issue 12.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import tempfile
import time
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine, update
from sqlmodel import Session, col

from bench import population
from bench.alert_during_broadcast import p99
from bot import jobs
from bot.app import TickSettings, build_application
from bot.clock import AcceleratedClock
from bot.content import load_content
from bot.db.engine import session_factory
from bot.db.models import Alert, AlertState, Patient, Staff, StaffRole
from bot.rules.levels import AlertLevel
from bot.sender import Sender
from bot.services.alerts import raising
from emulator.limits import Limits
from emulator.server import EmulatorServer
from emulator.world import World
from scheduler import store
from scheduler.models import ROUTINE, URGENT, DueWork

TOKEN = "123456:bench-escalation"
NURSE, BACKUP = 1, 2
FIRST = 10_000_000  # population's first patient's Telegram id
PATIENT_SHOWN = re.compile(r"P-(\d+)")


def seed(path: Path, patients: int, steps: int, priority: int) -> tuple[Engine, list[float]]:
    """The population, the backup clinician, and ``steps`` alerts whose step 1 falls due
    over the broadcast; returns the engine and each step's due time, in seconds from the
    start (the same minute)."""
    content = load_content()
    engine = population.build(f"sqlite:///{path}", content, patients + steps, due_now=patients)
    start = population.SAME_MINUTE
    span = patients / 30.0  # the broadcast's least duration at 30 messages a second
    offsets = [span * (k + 1) / (steps + 1) for k in range(steps)]
    with Session(engine) as db:
        db.execute(update(Staff).values(telegram_user_id=NURSE))
        backup = Staff(clinic_id=1, role=StaffRole.CLINICIAN, handle="dr-backup",
                       telegram_user_id=BACKUP, created_at=start)  # fmt: skip
        db.add(backup)
        db.flush()
        db.execute(update(Patient).values(backup_clinician_id=backup.id))
        alerted = range(patients + 1, patients + steps + 1)  # patients not in the broadcast
        for n, patient_id in enumerate(alerted, start=1):
            db.add(
                Alert(
                    id=n,
                    clinic_id=1,
                    patient_id=patient_id,
                    clinician_id=1,
                    level=AlertLevel.URGENT.value,
                    reason="pain_high",
                    state=AlertState.OPEN,
                    created_at=start - timedelta(minutes=15),
                    notified_at=start - timedelta(minutes=15),
                    step=0,
                    details=json.dumps({"pain": 9, "baseline": 3}),
                )
            )
        db.flush()
        rows = [
            raising.step_row(n, 1, start + timedelta(seconds=offset))
            for n, offset in enumerate(offsets, start=1)
        ]
        store.add(db, rows, start - timedelta(minutes=15))
        db.execute(
            update(DueWork).where(col(DueWork.kind) == raising.STEP_KIND).values(priority=priority)
        )
        db.commit()
    return engine, offsets


async def run(
    model: Literal["window", "bucket"], priority: int, patients: int, steps: int, lane: bool
) -> dict[str, float]:
    shipped = jobs.ALERT_LANE
    jobs.ALERT_LANE = shipped if lane else None
    try:
        return await _run(model, priority, patients, steps)
    finally:
        jobs.ALERT_LANE = shipped


async def _run(
    model: Literal["window", "bucket"], priority: int, patients: int, steps: int
) -> dict[str, float]:
    limits = Limits(model=model, latency=(0.04, 0.08), seed=7)
    world = World(token=TOKEN, limits=limits)
    for user in (NURSE, BACKUP, *range(FIRST, FIRST + patients + steps)):
        world.add_user(user, started=True)
    folder = Path(tempfile.mkdtemp(prefix="bench-escalation-"))
    engine, offsets = seed(folder / "bench.sqlite3", patients, steps, priority)
    sent_at: dict[int, float] = {}
    async with EmulatorServer(world) as server:
        started = time.monotonic()
        clock = AcceleratedClock(population.SAME_MINUTE, speed=1.0)
        application = build_application(
            token=TOKEN,
            api_base_url=server.base_url,
            open_db=session_factory(engine),
            clock=clock,
            content=load_content(),
            tick=TickSettings(every_seconds=1.0),
            sender=Sender(),  # Telegram's limits, as `companion run` has them
        )
        async with application:
            assert application.post_init is not None
            await application.post_init(application)  # the menus, then the tick starts
            await application.start()

            def sessions_sent() -> int:
                return sum(
                    any(m.from_bot for m in world.messages.get(FIRST + n, {}).values())
                    for n in range(patients)
                )

            seen = 0
            shown = 0
            deadline = time.monotonic() + 900
            while time.monotonic() < deadline:
                texts = [m.text or "" for m in world.messages[BACKUP].values() if m.from_bot]
                for text in texts[seen:]:
                    found = PATIENT_SHOWN.search(text)
                    if found:
                        sent_at.setdefault(int(found[1]), time.monotonic())
                seen = len(texts)
                done = sessions_sent()
                if done - shown >= max(1, patients // 5):
                    print(f"  ... {done}/{patients} sessions, {len(sent_at)} steps", flush=True)
                    shown = done
                if done == patients and len(sent_at) >= steps:
                    break
                await asyncio.sleep(0.01)
            ended = time.monotonic()
            assert application.post_stop is not None
            await application.post_stop(application)
            await application.stop()
    # The patient shown in a step's message is P-<patient id>; alert n is patient P+n's.
    waits = [
        sent_at[patients + n] - (started + offsets[n - 1])
        for n in range(1, steps + 1)
        if patients + n in sent_at
    ]
    accepted = [at for at in limits.accepted if at <= ended]
    rate = (len(accepted) - 1) / (accepted[-1] - accepted[0])
    return {
        "share": rate / limits.per_second,
        "refused": limits.refused,
        "steps": len(waits),
        "p50": statistics.median(waits),
        "p99": p99(waits),
        "seconds": ended - started,
    }


async def main_async(patients: int, steps: int) -> None:
    rows = []
    for model in ("window", "bucket"):
        for name, priority, lane in (
            ("urgent, in the urgent lane", URGENT, True),
            ("urgent, claimed first, no lane (before)", URGENT, False),
            ("routine, by due time (baseline)", ROUTINE, False),
        ):
            print(f"{model}, steps {name}: {patients} sessions, {steps} steps", flush=True)
            got = await run(model, priority, patients, steps, lane)
            rows.append(
                f"| {model} | {name} | {got['share']:.1%} | {got['refused']:.0f} "
                f"| {got['steps']:.0f} of {steps} | {got['p50']:.2f} s | {got['p99']:.2f} s |"
            )
            print(rows[-1], f"({got['seconds']:.0f} s)", flush=True)
    print()
    print(
        "| Limit model | Escalation steps | All new messages, share of limit | 429s "
        "| Steps sent | Due to sent p50 | p99 |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--patients", type=int, default=600)
    parser.add_argument("--steps", type=int, default=10)
    args = parser.parse_args(argv)
    asyncio.run(main_async(args.patients, args.steps))


if __name__ == "__main__":
    main()
