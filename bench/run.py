"""The scheduling benchmark: ``python -m bench.run [--patients 100000] [--due 10000]``.

1. Start-up time and peak RSS with 0 and with N patients, for the tick design and for the
   naive design (one PTB ``run_daily`` job per patient), each in fresh processes (the
   median of ``--repeat`` runs).
2. One tick with N enrolled patients, ``--due`` of them due in the same minute: claim and
   dispatch time per row, (a) with a handler that does nothing, to time the scheduler
   itself, and (b) with the bot's real handler (re-plan, compose the session) and the send
   to the emulator stubbed out.

Prints a Markdown table (docs/benchmarks.md keeps the figures).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

from bench import population
from bot.clock import ManualClock
from bot.content import Content, load_content
from bot.db.engine import make_engine, session_factory
from bot.rules import schedule
from bot.services.outgoing import Message
from bot.services.reminders.jobs import routine_kinds
from scheduler import Due, Kind, Tick


def startup(design: str, url: str, repeat: int) -> dict[str, float]:
    """Run ``bench.startup`` in ``repeat`` fresh processes; the median of each figure."""
    runs = []
    for _ in range(repeat):
        output = subprocess.run(
            [sys.executable, "-m", "bench.startup", design, url],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        ).stdout
        runs.append(json.loads(output.strip().splitlines()[-1]))
    return {
        name: statistics.median(run[name] for run in runs) for name in ("seconds", "peak_rss_mb")
    }


async def one_tick(url: str, content: Content, real_handler: bool) -> tuple[int, float]:
    """Claim and dispatch everything due at the benchmark minute; (rows, seconds)."""
    engine = make_engine(url)
    open_db = session_factory(engine)
    clock = ManualClock(population.SAME_MINUTE + timedelta(seconds=30))

    async def stub_send(_messages: Sequence[Message]) -> None:
        """Sending to the emulator, stubbed out."""

    async def nothing(_due: Due) -> bool:
        return True

    if real_handler:
        kinds = routine_kinds(open_db, clock, content, stub_send, timedelta(hours=2))
    else:
        kinds = [Kind(name, nothing) for name in schedule.ROUTINE_KINDS]
    tick = Tick(open_db, clock, kinds)
    started = time.perf_counter()
    report = await tick()
    seconds = time.perf_counter() - started
    engine.dispose()
    return report.claimed, seconds


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="start-ups per figure (median)")
    args = parser.parse_args(argv)
    content = load_content()
    folder = Path(tempfile.mkdtemp(prefix="companion-bench-"))
    try:
        print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs, SQLite", flush=True)
        empty = f"sqlite:///{folder / 'empty.sqlite3'}"
        full_file = folder / "full.sqlite3"
        full = f"sqlite:///{full_file}"
        population.build(empty, content, 0, 0)
        began = time.perf_counter()
        population.build(full, content, args.patients, args.due)
        print(f"built {args.patients} patients in {time.perf_counter() - began:.0f} s", flush=True)
        shutil.copy(full_file, folder / "copy.sqlite3")

        print("\n| Design | Patients | Start-up (s) | Peak RSS (MB) |")
        print("| --- | --- | --- | --- |")
        for design in ("tick", "naive"):
            for label, url in (("0", empty), (f"{args.patients:,}", full)):
                figures = startup(design, url, args.repeat)
                row = f"| {design} | {label} | {figures['seconds']} | {figures['peak_rss_mb']} |"
                print(row, flush=True)

        print("\n| Tick handler | Rows claimed | Total (s) | Per row (ms) |")
        print("| --- | --- | --- | --- |")
        for label, url, real in (
            ("does nothing (the scheduler alone)", full, False),
            ("the bot's, send stubbed", f"sqlite:///{folder / 'copy.sqlite3'}", True),
        ):
            rows, seconds = asyncio.run(one_tick(url, content, real))
            per_row = seconds / rows * 1000 if rows else float("nan")
            print(f"| {label} | {rows:,} | {seconds:.2f} | {per_row:.3f} |", flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
