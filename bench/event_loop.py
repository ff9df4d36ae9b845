"""Does a button press stay fast while 10,000 daily sessions are composed?

On demand, from the repository root (not part of the test suite):

    .venv/bin/python -m bench.event_loop --due 10000

It builds a database of ``--due`` patients whose daily session is due in the same minute,
plus one more patient, the presser. Then, twice on copies of that database, in the same run:
the tick's handler for daily rows composes every due session (the send to Telegram stubbed
out, as in ``bench/run.py``), while the presser taps a button through the real PTB
Application polling the emulator, one press at a time. Each press is timed from the tap
to the arrival of the bot's reply to it (the warning-sign checklist).

- **on the loop**: ``bot.db.engine.DB_OFF_THE_LOOP = False``, the database work of the
  compose, of the tick and of the press runs on the event loop (the design before issue 10);
- **off the loop, no priority**: ``PATIENTS_FIRST = False``; every database call runs in a
  worker thread with a session of its own (``asyncio.to_thread`` for people, two threads
  for the tick), and a press competes with the composition for SQLite's write lock and
  for the GIL;
- **patients first**: the same, but the tick's background work (composing a row,
  claiming, marking) waits to start while a person's database call is in flight;
- **patients first, GC settled**: the default; the same, and the bot's start-up freezes
  what it built out of the garbage collector's full collections (``bot.app.settle_memory``);
- then variations of that (3): a lower GIL switch interval while composing, one composing
  thread instead of two, composing in worker processes (``ComposerPool``), and **patients
  first for the whole update** (7, ``WHOLE_UPDATE_FIRST``): no composition starts while a
  person's update is handled, not only while one of its database calls runs.

It prints, for each, p50 and p99 of the press times, the presses whose answer never came
(within Telegram's 15 s for answering a press), the worst stall of the event loop (a
timer due every 10 ms, how late it ran), and the compose time.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from sqlalchemy import text

import bot.app
import bot.db.engine
from bench import population
from bot import callbacks
from bot.app import settle_memory as settled
from bot.clock import ManualClock
from bot.content import Content
from bot.content.library import load_content
from bot.db.engine import make_engine, session_factory
from bot.demo import DEMO_TOKEN, live_bot
from bot.jobs import in_background
from bot.services.outgoing import Message
from bot.services.reminders.composer import ComposerPool
from bot.services.reminders.jobs import routine_kinds
from emulator.world import World
from scheduler import Policy, Tick

TARGET_P99_MS = 200.0
IDLE_PRESSES = 20
ANSWER_WITHIN_SECONDS = 15.0  # Telegram refuses an answerCallbackQuery after this


@dataclass(frozen=True)
class Design:
    """One way of running the database work (a row of the table)."""

    name: str
    off_the_loop: bool = True  # bot.db.engine.DB_OFF_THE_LOOP
    patients_first: bool = True  # bot.db.engine.PATIENTS_FIRST
    settled: bool = True  # bot.app.settle_memory at start (gc.freeze)
    whole_update: bool = False  # bot.db.engine.WHOLE_UPDATE_FIRST
    threads: int = 2  # background threads (bot.db.engine.use_background_threads)
    processes: int = 0  # compose in this many worker processes (ComposerPool)
    nice: int = 0  # the workers' lower CPU priority
    switch_interval: float | None = None  # sys.setswitchinterval while composing


DESIGNS = (
    Design("on the loop (before issue 10)", False, False, False),
    Design("off the loop, no priority", patients_first=False, settled=False),
    Design("off the loop, patients first", settled=False),
    Design("patients first, GC settled (the default)"),
    Design("3, with a 0.5 ms GIL switch interval", switch_interval=0.0005),
    Design("3, composed in 2 worker processes at nice 10", processes=2, nice=10),
    Design("3, one composing thread", threads=1),
    Design("3, patients first for the whole update", whole_update=True),
    Design("3, composed in 1 worker process", processes=1),
    Design("7, one composing thread", whole_update=True, threads=1),
    Design("7, composed in 1 worker process", whole_update=True, processes=1),
)


@dataclass
class Run:
    """What one design measured."""

    times: list[float] = field(default_factory=list)  # ms from tap to the answer
    idle: list[float] = field(default_factory=list)  # the same, before composing starts
    lost: int = 0  # presses with no answer within ANSWER_WITHIN_SECONDS
    stall: float = 0.0  # ms: the longest the event loop was held up
    seconds: float = 0.0  # composing every due row
    rows: int = 0


async def measure(url: str, content: Content, schema: Path, design: Design) -> Run:
    """The presses and the composition, on one copy of the database."""
    engine = make_engine(url)
    open_db = session_factory(engine)
    clock = ManualClock(population.SAME_MINUTE + timedelta(seconds=30))
    world = World(token=DEMO_TOKEN, schema_path=schema)
    presser = 10_000_000 + _presser_index(engine)
    world.add_user(presser, started=True)

    async def stub_send(_messages: Sequence[Message]) -> None:
        """Sending to Telegram, stubbed out: only the composition is measured."""

    composers = None
    if design.processes:
        composers = ComposerPool(url, content, workers=design.processes, nice=design.nice)
        composers.start()  # before the presses: a bot starts its workers with itself
    kinds = routine_kinds(
        open_db, clock, content, stub_send, timedelta(hours=2), composers=composers
    )
    tick = Tick(open_db, clock, kinds, Policy(), off_the_loop=in_background)  # as the bot's
    run = Run()
    async with live_bot(world, engine, clock, content):
        await world.send_text(presser, "/today")
        shown = await world.wait_for_bot_message(
            presser, after_message_id=0, predicate=lambda m: bool(m.buttons_flat()), timeout=60
        )
        buttons = [d for _label, d in shown.buttons_flat() if d is not None]
        data = next((d for d in buttons if d.startswith(callbacks.WARNING)), buttons[0])
        for _ in range(IDLE_PRESSES):  # the same presses with nothing composed: the floor
            last = world.last_message_id(presser)
            pressed = time.perf_counter()
            await world.press_button(presser, shown.message_id, data=data)
            await world.wait_for_bot_message(presser, after_message_id=last, timeout=60)
            run.idle.append((time.perf_counter() - pressed) * 1000)
            await asyncio.sleep(0.05)
        started = time.perf_counter()
        switch = sys.getswitchinterval()
        if design.switch_interval is not None:
            sys.setswitchinterval(design.switch_interval)
        ticking = asyncio.create_task(tick())
        watching = asyncio.create_task(_watch_the_loop(run, ticking))
        while not ticking.done():
            last = world.last_message_id(presser)
            pressed = time.perf_counter()
            await world.press_button(presser, shown.message_id, data=data)
            # Answered: the bot's reply to the press (the checklist) has arrived.
            try:
                await world.wait_for_bot_message(
                    presser, after_message_id=last, timeout=ANSWER_WITHIN_SECONDS
                )
            except TimeoutError:
                run.lost += 1  # its outbox row waits for the tick's retry (the clock is held)
            else:
                run.times.append((time.perf_counter() - pressed) * 1000)
            await asyncio.sleep(0.05)  # a person taps, reads, taps again
        report = await ticking
        run.seconds = time.perf_counter() - started
        sys.setswitchinterval(switch)
        run.rows = report.claimed
        await watching
    engine.dispose()
    if composers is not None:
        composers.close()
    return run


async def _watch_the_loop(run: Run, composing: asyncio.Task[object]) -> None:
    """How late a timer due every 10 ms runs, at worst, while the composition lasts."""
    while not composing.done():
        due = time.perf_counter() + 0.01
        await asyncio.sleep(0.01)
        run.stall = max(run.stall, (time.perf_counter() - due) * 1000)


def _unsettled() -> None:
    """The designs before: the garbage collector left as Python starts it."""


def _presser_index(engine: object) -> int:
    with session_factory(engine)() as db:  # type: ignore[arg-type]
        return int(db.execute(text("SELECT max(id) FROM patient")).scalar_one()) - 1


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--due", type=int, default=10_000, help="sessions due in the minute")
    parser.add_argument("--schema", default="../shared/telegram-bot-api/api.json")
    parser.add_argument(
        "--designs",
        default="",
        help="only these rows, in this order (37, or 7,3,10); all by default",
    )
    args = parser.parse_args(argv)
    content = load_content()
    with tempfile.TemporaryDirectory() as folder:
        built = Path(folder) / "built.sqlite3"
        engine = population.build(f"sqlite:///{built}", content, args.due + 1, args.due)
        with engine.connect() as connection:
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        engine.dispose()
        print(f"{args.due:,} daily sessions due in the same minute, one patient pressing")
        print(
            "| DB work | Idle p50 (ms) | Presses | p50 (ms) | p99 (ms) | Lost "
            "| Loop stall (ms) | Compose (s) | Rows |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        chosen = args.designs.split(",") if "," in args.designs else list(args.designs)
        numbers = [int(n) for n in chosen] if args.designs else range(len(DESIGNS))
        for number in numbers:  # in the order given: "7,3" runs 7 first
            design = DESIGNS[number]
            copy = Path(folder) / f"design{number}.sqlite3"
            shutil.copy(built, copy)
            bot.db.engine.DB_OFF_THE_LOOP = design.off_the_loop
            bot.db.engine.PATIENTS_FIRST = design.patients_first
            bot.db.engine.WHOLE_UPDATE_FIRST = design.whole_update
            bot.db.engine.use_background_threads(design.threads)
            bot.app.settle_memory = settled if design.settled else _unsettled
            url = f"sqlite:///{copy}"
            run = asyncio.run(measure(url, content, Path(args.schema), design))
            gc.unfreeze()
            p50 = statistics.median(run.times) if run.times else float("nan")
            p99 = _percentile(run.times, 0.99) if run.times else float("nan")
            idle, presses = statistics.median(run.idle), len(run.times) + run.lost
            print(
                f"| {number}. {design.name} | {idle:.0f} | {presses} | {p50:.1f} | {p99:.1f} "
                f"| {run.lost} | {run.stall:.0f} | {run.seconds:.1f} | {run.rows:,} |",
                flush=True,
            )
        bot.db.engine.DB_OFF_THE_LOOP, bot.db.engine.PATIENTS_FIRST = True, True
        bot.db.engine.WHOLE_UPDATE_FIRST = False
        bot.db.engine.use_background_threads(2)
        bot.app.settle_memory = settled
    print(f"target: p99 under {TARGET_P99_MS:.0f} ms")


if __name__ == "__main__":
    main()
