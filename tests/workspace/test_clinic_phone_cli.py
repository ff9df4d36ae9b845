"""The clinic's phone number, as an admin sets it from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _fresh_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_BOT_USERNAME", "DATABASE_URL", "CLINIC_TIMEZONE"):
        monkeypatch.delenv(name, raising=False)


def test_a_clinic_is_created_with_its_phone_and_the_phone_can_be_changed_or_removed() -> None:
    made = runner.invoke(
        app,
        [
            "clinic",
            "create",
            "--id",
            "ottawa",
            "--name",
            "Ottawa",
            "--phone",
            "613-555-0100",
            "--json",
        ],
    )
    assert made.exit_code == 0, made.output
    assert json.loads(made.stdout)["phone"] == "613-555-0100"
    changed = runner.invoke(app, ["clinic", "set-phone", "+1 613 555 0199 ext. 4", "--json"])
    assert changed.exit_code == 0, changed.output
    assert json.loads(changed.stdout) == {"clinic": "ottawa", "phone": "+1 613 555 0199 ext. 4"}
    removed = runner.invoke(app, ["clinic", "set-phone", "none"])
    assert removed.exit_code == 0 and "phone not set" in removed.stdout


def test_a_phone_patients_cannot_dial_is_refused_in_one_clear_line() -> None:
    runner.invoke(app, ["clinic", "create", "--id", "ottawa", "--name", "Ottawa"])
    result = runner.invoke(app, ["clinic", "set-phone", "call us"])
    assert result.exit_code != 0
    assert "is not a phone number patients can dial" in result.output
    assert "Traceback" not in result.output
