"""Network probe: ``python -m bench.faults.network [--due 400]``.

Issue 11's probe: ``--due`` sessions due in the same minute, then 30 x 429, 40 x 500,
6 timeouts and a minute's outage (60 x 500 in a row) on ``sendMessage``, while a patient
reports a warning sign (``tests/faults/network_faults.py``). Prints sessions delivered,
duplicates and dead letters, and whether the alert and the advice arrived.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "faults"))

from network_faults import Faults, probe  # noqa: E402

from bot.content import load_content  # noqa: E402
from emulator.schema import default_schema_path  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--due", type=int, default=400)
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        outcome = asyncio.run(
            probe(Path(folder), default_schema_path(), load_content(), args.due, Faults())
        )
    print(f"network faults: {outcome.line()} ({time.monotonic() - started:.0f} s)")
    complete = outcome.delivered == outcome.due and outcome.dead == 0
    return (
        0 if complete and outcome.alert_reached_clinician and outcome.advice_reached_patient else 1
    )


if __name__ == "__main__":
    raise SystemExit(main())
