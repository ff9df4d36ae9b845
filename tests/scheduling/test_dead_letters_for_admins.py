"""An admin sees dead-lettered work from the command line, and can send it again."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import Session
from typer.testing import CliRunner

from bot.cli import app
from bot.db import migrate
from bot.db.engine import make_engine
from scheduler import Policy, store
from scheduler.store import Planned

runner = CliRunner()
NOON = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'companion.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = make_engine(url)
    migrate.upgrade(engine)
    with Session(engine) as db:
        store.add(db, [Planned("session", 7, "session:7:2026-11-30", NOON)], NOON)
        db.commit()
        (due,) = store.claim(db, NOON, limit=1, lease=Policy().lease, worker="test")
        store.retry_later(db, due, NOON, error="TimedOut", wait=None)
    return url


def test_the_admin_sees_a_dead_letter_with_its_kind_tries_and_error(database: str) -> None:
    result = runner.invoke(app, ["scheduler", "dead", "--json"])
    assert result.exit_code == 0, result.output
    (dead,) = json.loads(result.stdout)["dead"]
    assert (dead["kind"], dead["subject_id"], dead["attempts"], dead["error"]) == (
        "session",
        7,
        1,
        "TimedOut",
    )
    status = runner.invoke(app, ["scheduler", "status"])
    assert "dead: 1" in status.stdout


def test_the_admin_can_retry_a_dead_letter(database: str) -> None:
    result = runner.invoke(app, ["scheduler", "retry", "1"])
    assert result.exit_code == 0 and "tried again" in result.stdout
    assert "pending: 1" in runner.invoke(app, ["scheduler", "status"]).stdout
    again = runner.invoke(app, ["scheduler", "retry", "1"])
    assert again.exit_code == 1 and "no dead-lettered row #1" in again.output
