"""Fault probes: the real bot on the emulator with Telegram failing in the ways it does.

The people are those of the alert tests (``tests/alerts/alert_ward.py``): dr-lee the
clinician, dr-roy the backup, front-desk the admin and one patient."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "alerts"))
sys.path.insert(0, str(ROOT))  # the bench package: its population of due patients

from ward_in_telegram import bot, seeded, world  # noqa: E402, F401  (the alert tests' clinic)
