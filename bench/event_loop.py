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
  compose and of the press runs on the event loop (the design before issue 10);
- **off the loop**: the default, ``asyncio.to_thread`` with a session per call.

It prints p50 and p99 of the press times, and the compose time, for each.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

from sqlalchemy import text

import bot.db.engine
from bench import population
from bot import callbacks
from bot.clock import ManualClock
from bot.content import Content
from bot.content.library import load_content
from bot.db.engine import make_engine, session_factory
from bot.demo import DEMO_TOKEN, live_bot
from bot.services.outgoing import Message
from bot.services.reminders.jobs import routine_kinds
from emulator.world import World
from scheduler import Policy, Tick

TARGET_P99_MS = 200.0


async def measure(url: str, content: Content, schema: Path) -> tuple[list[float], float, int]:
    """(press times in ms, compose seconds, rows claimed) for one copy of the database."""
    engine = make_engine(url)
    open_db = session_factory(engine)
    clock = ManualClock(population.SAME_MINUTE + timedelta(seconds=30))
    world = World(token=DEMO_TOKEN, schema_path=schema)
    presser = 10_000_000 + _presser_index(engine)
    world.add_user(presser, started=True)

    async def stub_send(_messages: Sequence[Message]) -> None:
        """Sending to Telegram, stubbed out: only the composition is measured."""

    kinds = routine_kinds(open_db, clock, content, stub_send, timedelta(hours=2))
    tick = Tick(open_db, clock, kinds, Policy())
    times: list[float] = []
    async with live_bot(world, engine, clock, content):
        await world.send_text(presser, "/today")
        shown = await world.wait_for_bot_message(
            presser, after_message_id=0, predicate=lambda m: bool(m.buttons_flat()), timeout=60
        )
        buttons = [d for _label, d in shown.buttons_flat()]
        data = next((d for d in buttons if d.startswith(callbacks.WARNING)), buttons[0])
        started = time.perf_counter()
        composing = asyncio.create_task(tick())
        while not composing.done():
            last = world.last_message_id(presser)
            pressed = time.perf_counter()
            await world.press_button(presser, shown.message_id, data=data)
            # Answered: the bot's reply to the press (the checklist) has arrived. (Telegram
            # refuses an answerCallbackQuery after 15 s, which the baseline reaches.)
            await world.wait_for_bot_message(presser, after_message_id=last, timeout=3600)
            times.append((time.perf_counter() - pressed) * 1000)
            await asyncio.sleep(0.05)  # a person taps, reads, taps again
        report = await composing
        seconds = time.perf_counter() - started
    engine.dispose()
    return times, seconds, report.claimed


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
    args = parser.parse_args(argv)
    content = load_content()
    with tempfile.TemporaryDirectory() as folder:
        built = Path(folder) / "built.sqlite3"
        engine = population.build(f"sqlite:///{built}", content, args.due + 1, args.due)
        with engine.connect() as connection:
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        engine.dispose()
        print(f"{args.due:,} daily sessions due in the same minute, one patient pressing")
        print("| DB work | Presses | p50 (ms) | p99 (ms) | Compose (s) | Rows |")
        print("| --- | --- | --- | --- | --- | --- |")
        for name, off in (("on the loop (baseline)", False), ("off the loop", True)):
            copy = Path(folder) / f"{off}.sqlite3"
            shutil.copy(built, copy)
            bot.db.engine.DB_OFF_THE_LOOP = off
            times, seconds, rows = asyncio.run(
                measure(f"sqlite:///{copy}", content, Path(args.schema))
            )
            p50, p99 = statistics.median(times), _percentile(times, 0.99)
            print(f"| {name} | {len(times)} | {p50:.1f} | {p99:.1f} | {seconds:.1f} | {rows:,} |")
        bot.db.engine.DB_OFF_THE_LOOP = True
    print(f"target: p99 under {TARGET_P99_MS:.0f} ms")


if __name__ == "__main__":
    main()
