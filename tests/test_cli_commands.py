"""The ``companion`` command line as an admin and an operator use it."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app

runner = CliRunner()
SETTINGS_READ = (
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_BOT_USERNAME",
    "DATABASE_URL",
    "CLINIC_TIMEZONE",
    "WEBHOOK_URL",
    "WEBHOOK_SECRET_TOKEN",
)


@pytest.fixture(autouse=True)
def _fresh_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test runs in an empty folder with no .env and no inherited settings."""
    monkeypatch.chdir(tmp_path)
    for name in SETTINGS_READ:
        monkeypatch.delenv(name, raising=False)


def test_run_without_a_token_explains_how_to_get_one_without_a_traceback() -> None:
    result = runner.invoke(app, ["run"])
    assert result.exit_code == 1
    assert "@BotFather" in result.output and "companion demo" in result.output
    assert "Traceback" not in result.output


def test_a_bad_setting_stops_start_up_with_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLINIC_TIMEZONE", "Mars/Olympus")
    result = runner.invoke(app, ["run"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == [
        "Configuration error: CLINIC_TIMEZONE: 'Mars/Olympus' is not a time zone name. Use the "
        "IANA name of the clinic's zone, Area/City: America/Toronto (Ontario, Quebec), "
        "America/Winnipeg, America/Edmonton, America/Vancouver, America/Halifax or "
        "America/St_Johns"
    ]


def test_settings_are_read_from_a_dot_env_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("LOG_LEVEL=loud\n")
    result = runner.invoke(app, ["run"])
    assert result.exit_code == 2 and "LOG_LEVEL" in result.output


def test_an_admin_sets_up_a_clinic_staff_and_a_patient_invite_as_json(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_USERNAME", "ottawa_rehab_bot")
    clinic = runner.invoke(
        app, ["clinic", "create", "--id", "ottawa", "--name", "Ottawa", "--json"]
    )
    assert clinic.exit_code == 0, clinic.output
    assert json.loads(clinic.stdout)["timezone"] == "America/Toronto"
    staff = runner.invoke(
        app, ["staff", "invite", "--role", "clinician", "--handle", "dr-lee", "--json"]
    )
    assert staff.exit_code == 0, staff.output
    assert json.loads(staff.stdout)["staff"] == "dr-lee"
    invite = runner.invoke(app, ["invite", "create", "--clinician", "dr-lee", "--json"])
    assert invite.exit_code == 0, invite.output
    data = json.loads(invite.stdout)
    code = data["code"]
    assert data["link"] == f"https://t.me/ottawa_rehab_bot?start={code.replace('-', '')}"
    assert data["clinician"] == "dr-lee"


def test_a_clinic_timezone_is_given_as_a_city_and_a_wrong_one_is_refused_with_cities() -> None:
    made = runner.invoke(
        app, ["clinic", "create", "--id", "west", "--name", "West", "--timezone", "Vancouver"]
    )
    assert made.exit_code == 0, made.output
    assert "(America/Vancouver)" in made.output
    wrong = runner.invoke(
        app, ["clinic", "create", "--id", "far", "--name", "Far", "--timezone", "Atlantis"]
    )
    assert wrong.exit_code == 1
    assert "'Atlantis' is not a timezone I know" in wrong.output and "Toronto" in wrong.output
    assert "America/" not in wrong.output


def test_an_invite_for_an_unknown_clinician_is_refused_clearly() -> None:
    runner.invoke(app, ["clinic", "create", "--id", "ottawa", "--name", "Ottawa"])
    result = runner.invoke(app, ["invite", "create", "--clinician", "dr-nobody"])
    assert result.exit_code == 1
    assert "No active staff member 'dr-nobody'" in result.output


def test_db_upgrade_then_status_reports_up_to_date() -> None:
    upgraded = runner.invoke(app, ["db", "upgrade"])
    assert upgraded.exit_code == 0, upgraded.output
    status = runner.invoke(app, ["db", "status"])
    assert "up to date" in status.output


def test_python_dash_m_bot_runs_the_same_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--help"], capture_output=True, text=True, check=True
    )
    assert "companion" in result.stdout or "demo" in result.stdout


# What the scripted week must show happening by itself, on time, by the simulated clock.
TIMED_STEPS = [
    "today's session arrived unprompted at Mon 09:30, the reminder time",
    "the snooze came back at Mon ",
    "still not done: the follow-up came at Mon 12:30",
    "unacknowledged for 15 min, it climbed to the backup, dr-roy",
    "15 min later still nobody: it climbed to the admin, front-desk",
    "the next morning, at Tue 09:00, the bot asked: has the pain settled?",
    "a week after enrolment, at Mon 09:30, the weekly check-in came",
]


def test_the_scripted_demo_plays_a_week_on_the_real_tick_and_checks_each_timed_step(
    api_schema_path: Path,
) -> None:
    command = ["demo", "--script", "--speed", "600", "--schema", str(api_schema_path)]
    result = subprocess.run(
        [sys.executable, "-m", "bot", *command],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    missing = [step for step in TIMED_STEPS if f"✓ {step}" not in out]
    assert not missing, out
    assert "✗" not in out and "every step happened" in out
    # Both sides of the conversation, each line stamped with the simulated local time.
    assert re.search(r"^09:3\d  bot → patient: Time for today's exercises", out, re.MULTILINE)
    assert re.search(r"^\d\d:\d\d    patient > \[8\]$", out, re.MULTILINE)
    assert "── Tuesday 8 December 2026 ──" in out and "── Monday 14 December 2026 ──" in out
    assert "Traceback" not in result.stderr


def test_run_without_a_token_and_without_a_terminal_exits_1_with_the_advice(
    tmp_path: Path,
) -> None:
    """Under a service manager or a script nobody can chat: no emulator, just the advice."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "@BotFather" in result.stderr and "companion demo" in result.stderr
    assert "emulator" not in result.stdout + result.stderr
    assert not (tmp_path / "rehab-companion.sqlite3").exists()


def test_run_without_a_token_at_a_terminal_chats_on_the_emulator(tmp_path: Path) -> None:
    """A newcomer's first command: at a terminal, `companion run` with no token opens the
    demo chat on the emulator, says it is not Telegram, and how to get a token."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    terminal = Terminal.start([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env)
    try:
        intro = terminal.read_until("Type a message, a button number, or /quit.")
        assert "NOT connected to Telegram" in intro and "@BotFather" in intro
        code = re.search(r"/start ([A-Z0-9]{5}-[A-Z0-9]{5})", intro)
        assert code is not None, intro
        terminal.type(f"/start {code[1]}")
        answer = terminal.read_until("Quelle langue")
        assert re.search(r"\[Mon 07:\d\d\] bot: Which language do you prefer\?", answer)
        terminal.type("/quit")
        terminal.read_until("Bye.")
        assert terminal.wait() == 0
    finally:
        terminal.close()
    assert not (tmp_path / "rehab-companion.sqlite3").exists()  # the demo keeps nothing


class Terminal:
    """A child process on a pseudo-terminal: what a person at a real terminal would see."""

    def __init__(self, process: subprocess.Popen[bytes], master: int) -> None:
        self.process, self.master, self.seen = process, master, ""

    @classmethod
    def start(cls, command: list[str], cwd: Path, env: dict[str, str]) -> Terminal:
        master, slave = pty.openpty()
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdin=slave, stdout=slave, stderr=slave
        )
        os.close(slave)
        return cls(process, master)

    def read_until(self, marker: str, timeout: float = 90.0) -> str:
        """Everything printed from the last marker up to and including ``marker``."""
        deadline = time.monotonic() + timeout
        while marker not in self.seen:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"{marker!r} did not appear; the terminal shows:\n{self.seen}")
            readable, _, _ = select.select([self.master], [], [], remaining)
            if readable:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the child closed the terminal
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"the program ended before {marker!r}:\n{self.seen}")
                self.seen += chunk.decode(errors="replace").replace("\r\n", "\n")
        shown, _, self.seen = self.seen.partition(marker)
        return shown + marker

    def type(self, line: str) -> None:
        os.write(self.master, (line + "\n").encode())

    def wait(self, timeout: float = 60.0) -> int:
        """The exit code, reading (and dropping) whatever is printed on the way out."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            readable, _, _ = select.select([self.master], [], [], 0.5)
            if readable:
                try:
                    os.read(self.master, 65536)
                except OSError:
                    break
        return self.process.wait(timeout=max(deadline - time.monotonic(), 1.0))

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)
        os.close(self.master)


def test_run_webhook_without_its_settings_names_what_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    result = runner.invoke(app, ["run", "--webhook"])
    assert result.exit_code == 1
    assert "WEBHOOK_URL and WEBHOOK_SECRET_TOKEN" in result.output
    assert "Traceback" not in result.output


def test_a_webhook_url_that_telegram_cannot_use_is_refused_at_start_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "http://companion.clinic.example")
    result = runner.invoke(app, ["run", "--webhook"])
    assert result.exit_code == 2 and "WEBHOOK_URL: must start with https://" in result.output


def test_a_webhook_secret_telegram_would_refuse_is_refused_at_start_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WEBHOOK_SECRET_TOKEN", "has spaces!")
    result = runner.invoke(app, ["run", "--webhook"])
    assert result.exit_code == 2 and "WEBHOOK_SECRET_TOKEN: must be 1-256" in result.output


def test_a_wrong_choice_reads_as_a_plain_sentence_not_the_parsers_value_error() -> None:
    assert runner.invoke(app, ["clinic", "create", "--id", "east", "--name", "East"]).exit_code == 0
    result = runner.invoke(app, ["staff", "invite", "--role", "boss", "--handle", "q"])
    assert result.exit_code == 2
    assert "Value error" not in result.output
    assert result.output.strip() == "--role must be clinician or admin, not 'boss'."
