"""The ``companion`` command line as an admin and an operator use it."""

from __future__ import annotations

import json
import subprocess
import sys
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
        "Configuration error: CLINIC_TIMEZONE: 'Mars/Olympus' is not a known IANA timezone, "
        "e.g. America/Toronto"
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


def test_demo_script_plays_the_whole_journey_and_exits_0(api_schema_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "demo", "--script", "--schema", str(api_schema_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "✓ the acknowledgement reached the patient" in result.stdout
    assert "patient > [8]" in result.stdout and "bot → clinician" in result.stdout


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
