"""Migration 0009_structure on a database built by the migration before it (0008), with
rows in the old form: the bare strings become enum-typed columns, the rows read back as
enum members, and the database refuses a value outside its enum from then on."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from postgres_database import needs_postgres
from sqlalchemy import Engine
from sqlmodel import select

from bot.db import migrate
from bot.db.audit_actions import AuditAction
from bot.db.engine import make_engine, session_factory
from bot.db.models import (
    Alert,
    AlertEvent,
    AlertEventKind,
    AlertState,
    AuditEvent,
    AwaitedAnswer,
    ExerciseSession,
    Patient,
    SessionStep,
    Staff,
)

BEFORE = "0008_delivery"  # the migration just before 0009
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def _migrate_to(engine: Engine, revision: str) -> None:
    config = migrate.alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _filler(column: sa.Column[object]) -> object:
    """A value for a required column of the old schema that the test does not care about."""
    kind = column.type
    if isinstance(kind, sa.Integer):
        return 1  # every row is id 1, so each foreign key finds its row
    if isinstance(kind, sa.Boolean):
        return False
    if isinstance(kind, sa.DateTime):
        return NOW
    if isinstance(kind, sa.Date):
        return date(2026, 12, 2)
    if isinstance(kind, sa.Time):
        return time(9, 0)
    return "x"


def _insert(connection: sa.Connection, table: str, **values: object) -> None:
    """One row as the code before 0009 wrote it: plain strings, every required column set."""
    reflected = sa.Table(table, sa.MetaData(), autoload_with=connection)
    row = {
        c.name: _filler(c)
        for c in reflected.columns
        if not c.nullable and c.server_default is None and c.name != "id"
    }
    connection.execute(reflected.insert().values({"id": 1, **row, **values}))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=needs_postgres)])
def old_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database at 0008 holding one row of each table whose strings become enums."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
        _migrate_to(engine, BEFORE)
    else:  # a fresh database at the head, stepped back to 0008
        engine = make_engine(request.getfixturevalue("postgres_url"))
        migrate.downgrade(engine, BEFORE)
    with engine.begin() as connection:
        _insert(connection, "clinic")
        _insert(connection, "staff", role="clinician", awaiting_text="thread_reply")
        _insert(connection, "patient", awaiting_text="psfs_activity", onboarding_step="enrolled")
        _insert(connection, "exercisesession", step="difficulty")
        _insert(connection, "alert", state="acknowledged", level="urgent", reason="pain")
        _insert(connection, "alertevent", state="step_skipped")
        _insert(connection, "auditevent", action="readiness.on_hold", outcome="ok")
    yield engine
    engine.dispose()


def test_0009_keeps_every_old_row_and_reads_it_back_as_enum_members(old_database: Engine) -> None:
    migrate.upgrade(old_database)
    assert migrate.current_revision(old_database) == migrate.head_revision()
    with session_factory(old_database)() as db:
        staff = db.exec(select(Staff)).one()
        patient = db.exec(select(Patient)).one()
        session = db.exec(select(ExerciseSession)).one()
        alert = db.exec(select(Alert)).one()
        event = db.exec(select(AlertEvent)).one()
        audit = db.exec(select(AuditEvent)).one()
    assert staff.awaiting_text is AwaitedAnswer.THREAD_REPLY
    assert patient.awaiting_text is AwaitedAnswer.PSFS_ACTIVITY
    assert session.step is SessionStep.DIFFICULTY
    assert alert.state is AlertState.ACKNOWLEDGED
    assert event.state is AlertEventKind.STEP_SKIPPED
    assert audit.action is AuditAction.READINESS_ON_HOLD


def test_after_0009_the_database_refuses_a_bare_string_outside_the_enum(
    old_database: Engine,
) -> None:
    migrate.upgrade(old_database)
    with pytest.raises(sa.exc.IntegrityError), old_database.begin() as connection:
        connection.execute(sa.text("UPDATE alert SET state = 'acknowleged'"))  # a typo
    with pytest.raises(sa.exc.IntegrityError), old_database.begin() as connection:
        connection.execute(sa.text("UPDATE auditevent SET action = 'something.else'"))


def test_an_awaited_answer_the_bot_no_longer_knows_is_cleared(old_database: Engine) -> None:
    with old_database.begin() as connection:
        connection.execute(sa.text("UPDATE patient SET awaiting_text = 'old_question'"))
    migrate.upgrade(old_database)
    with session_factory(old_database)() as db:
        assert db.exec(select(Patient)).one().awaiting_text is None


def test_an_unknown_audit_action_stops_0009_and_names_it_changing_nothing(
    old_database: Engine,
) -> None:
    with old_database.begin() as connection:
        connection.execute(sa.text("UPDATE auditevent SET action = 'legacy.thing'"))
    with pytest.raises(RuntimeError, match=r"auditevent\.action='legacy\.thing'"):
        migrate.upgrade(old_database)
    assert migrate.current_revision(old_database) == BEFORE
    with old_database.connect() as connection:
        kept = connection.execute(sa.text("SELECT action FROM auditevent")).scalar_one()
    assert kept == "legacy.thing"


def test_0009_downgrades_back_to_plain_strings(old_database: Engine) -> None:
    migrate.upgrade(old_database)
    assert migrate.downgrade(old_database, BEFORE) == BEFORE
    with old_database.begin() as connection:
        connection.execute(sa.text("UPDATE alert SET state = 'anything'"))
        assert connection.execute(sa.text("SELECT state FROM alert")).scalar_one() == "anything"
