"""Kill -9 probe: ``python -m bench.faults.kill [--patients 2000]``.

Runs the process test that kills ``companion run`` with SIGKILL in the middle of a batch
of due sessions and restarts it (tests/process/test_stopping_in_the_middle_of_a_batch.py),
with ``--patients`` due at once (the emulator taking ``--send-delay`` per send), and the
restart given the lease plus ``--deadline`` to send the rest. Prints its figure: how many
were served at the kill, when the restart sent the rest, and how many were lost, repeated
or half-sent.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEST = (
    "tests/process/test_stopping_in_the_middle_of_a_batch.py::"
    "test_after_sigkill_mid_batch_a_restart_sends_all_that_was_due_repeating_only_sends_in_flight"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=2000)
    parser.add_argument("--send-delay", type=float, default=0.02, help="emulator, per send")
    parser.add_argument("--deadline", type=float, default=60.0, help="seconds after the lease")
    args = parser.parse_args()
    env = {
        **os.environ,
        "KILL_PATIENTS": str(args.patients),
        "KILL_SEND_DELAY": str(args.send_delay),
        "KILL_DEADLINE": str(args.deadline),
    }
    command = [sys.executable, "-m", "pytest", TEST, "-q", "-s", "-p", "no:cacheprovider"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    figures = [line for line in done.stdout.splitlines() if line.startswith("[process]")]
    print("\n".join(figures) or done.stdout[-2000:])
    return done.returncode


if __name__ == "__main__":
    raise SystemExit(main())
