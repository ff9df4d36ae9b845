"""Fuzzing probe: ``python -m bench.faults.fuzz [--updates 2400]``.

The real bot on the emulator, two clinics and a stranger; hypothesis draws typed texts,
commands and presses of forged or well-formed-but-foreign callback data
(``tests/faults/fuzz_two_clinics.py``). Prints how many updates were sent, the errors
logged, and every crossing of patients or clinics and every leak into the DEBUG log.
Exits 1 if there was any.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for folder in ("tests", "tests/alerts", "tests/faults"):
    sys.path.insert(0, str(ROOT / folder))

from alert_ward import MONDAY_9AM  # noqa: E402
from fuzz_two_clinics import ACTIONS, FuzzedClinics  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from bot.clock import ManualClock  # noqa: E402
from bot.content import load_content  # noqa: E402
from bot.db import migrate  # noqa: E402
from bot.db.engine import make_engine  # noqa: E402
from bot.demo import DEMO_TOKEN  # noqa: E402
from emulator.schema import default_schema_path  # noqa: E402
from emulator.world import World  # noqa: E402

PER_EXAMPLE = 40


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=2400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'fuzz.sqlite3'}")
        migrate.upgrade(engine)
        world = World(token=DEMO_TOKEN, schema_path=default_schema_path())
        clinics = FuzzedClinics(world, engine, ManualClock(MONDAY_9AM), load_content())
        started = time.monotonic()

        @settings(
            max_examples=max(1, args.updates // PER_EXAMPLE),
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(st.lists(ACTIONS, min_size=PER_EXAMPLE, max_size=PER_EXAMPLE))
        def run(actions: list[tuple[int, str, str, str, str]]) -> None:
            for action in actions:
                clinics.act(*action)

        try:
            run()
        finally:
            clinics.close()
        problems = clinics.figures.problems + clinics.database_problems()
        print(f"fuzz: {clinics.figures.line()} in {time.monotonic() - started:.0f} s")
        for problem in sorted(set(problems))[:20]:
            print(f"  {problem}")
        return 1 if problems or clinics.figures.errors_logged else 0


if __name__ == "__main__":
    raise SystemExit(main())
