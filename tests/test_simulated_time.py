"""Simulated time is for demos and process tests: a clinic's real bot never runs on it."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import AcceleratedClock
from bot.settings import SettingsError, load_settings

START = "2026-12-07T07:55:00-05:00"


def test_the_accelerated_clock_runs_speed_times_faster_from_its_start() -> None:
    real = [100.0]
    clock = AcceleratedClock(datetime(2026, 12, 7, 12, 0, tzinfo=UTC), 3600, lambda: real[0])
    assert clock.now() == datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    real[0] += 2.5
    assert clock.now() == datetime(2026, 12, 7, 14, 30, tzinfo=UTC)
    assert clock.real_seconds(timedelta(hours=1)) == 1.0


@pytest.mark.parametrize(
    "base_url",
    ["https://api.telegram.org", "http://10.0.0.5:8081", "https://bot-api.clinic.example"],
)
def test_simulated_time_is_refused_when_the_bot_api_is_not_on_this_machine(
    base_url: str,
) -> None:
    with pytest.raises(SettingsError, match="TESTING_CLOCK_START"):
        load_settings(testing_clock_start=START, telegram_api_base_url=base_url)


def test_simulated_time_is_refused_with_the_default_bot_api_too() -> None:
    with pytest.raises(SettingsError, match="never against Telegram"):
        load_settings(testing_clock_start=START)


@pytest.mark.parametrize(
    "base_url", ["http://127.0.0.1:8081", "http://localhost:9", "http://[::1]:1"]
)
def test_simulated_time_is_accepted_against_a_local_emulator(base_url: str) -> None:
    config = load_settings(testing_clock_start=START, telegram_api_base_url=base_url)
    assert config.simulated_time


def test_a_start_without_a_utc_offset_is_refused() -> None:
    with pytest.raises(SettingsError, match="UTC offset"):
        load_settings(
            testing_clock_start="2026-12-07T07:55:00", telegram_api_base_url="http://127.0.0.1:1"
        )


def companion_run(folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The shipped entry point, run in ``folder`` with only ``env`` as its settings."""
    return subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_companion_run_on_simulated_time_against_telegram_exits_before_connecting(
    tmp_path: Path,
) -> None:
    """The shipped entry point, with a clinic's settings plus the testing clock: refused."""
    env = {
        "PATH": str(Path(sys.executable).parent),
        "TELEGRAM_BOT_TOKEN": "123456:not-a-real-token",
        "TESTING_CLOCK_START": START,
        "TESTING_CLOCK_SPEED": "3600",
    }
    result = companion_run(tmp_path, env)
    assert result.returncode == 2
    assert "TESTING_CLOCK_START" in result.stderr and "never against Telegram" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "rehab-companion.sqlite3").exists()  # stopped before anything


def test_processes_given_one_anchor_agree_on_the_simulated_time() -> None:
    start = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    first = AcceleratedClock(start, 60, real=lambda: 1_000.0, anchor=990.0)
    restarted = AcceleratedClock(start, 60, real=lambda: 1_000.0, anchor=990.0)
    assert first.now() == restarted.now() == start + timedelta(minutes=10)


def test_companion_run_that_cannot_reach_the_bot_api_says_so_in_one_clear_line(
    tmp_path: Path,
) -> None:
    env = {
        "PATH": str(Path(sys.executable).parent),
        "TELEGRAM_BOT_TOKEN": "123456:not-a-real-token",
        "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9",  # nothing listens there
    }
    result = companion_run(tmp_path, env)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Could not reach the Bot API at http://127.0.0.1:9")
