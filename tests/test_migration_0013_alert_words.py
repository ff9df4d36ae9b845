"""Migration 0013_alert_words on a database built by 0012: an alert written before it keeps
every value and reads back with no words; a new alert keeps its patient's words; and the
downgrade takes the column away again."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from sqlalchemy import Engine
from sqlmodel import select

from bot.db import migrate
from bot.db.engine import make_engine, session_factory
from bot.db.models import Alert, AlertState

BEFORE = "0012_urgent_claims"
NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def _migrate_to(engine: Engine, revision: str) -> None:
    config = migrate.alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _columns(engine: Engine) -> set[str]:
    return {c["name"] for c in sa.inspect(engine).get_columns("alert")}


def _old_database(tmp_path: Path) -> Engine:
    """A database at 0012 with a clinic, a clinician, a patient and one alert."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    _migrate_to(engine, BEFORE)
    assert "words" not in _columns(engine)
    with engine.begin() as connection:
        for table, values in (
            ("clinic", {"slug": "ottawa", "name": "Ottawa", "timezone": "UTC"}),
            ("staff", {"clinic_id": 1, "role": "clinician", "handle": "dr-lee"}),
            ("patient", {"clinic_id": 1, "clinician_id": 1, "onboarding_step": "enrolled"}),
        ):
            _insert(connection, table, **values)
        _insert(
            connection,
            "alert",
            clinic_id=1,
            patient_id=1,
            clinician_id=1,
            level="urgent",
            reason="pain_high",
            state="open",
            details='{"pain": 9}',
        )
    return engine


def _insert(connection: sa.Connection, table: str, **values: object) -> None:
    reflected = sa.Table(table, sa.MetaData(), autoload_with=connection)
    row: dict[str, object] = {}
    for column in reflected.columns:
        if column.nullable or column.server_default is not None or column.name == "id":
            continue
        kind = column.type
        if isinstance(kind, sa.Integer):
            row[column.name] = 1
        elif isinstance(kind, sa.Boolean):
            row[column.name] = False
        elif isinstance(kind, sa.DateTime):
            row[column.name] = NOW
        elif isinstance(kind, sa.Time):
            row[column.name] = datetime(2026, 1, 1, 18, 0).time()
        elif isinstance(kind, sa.Date):
            row[column.name] = NOW.date()
        else:
            row[column.name] = "x"
    connection.execute(reflected.insert().values({"id": 1, **row, **values}))


def test_0013_adds_the_words_and_an_old_alert_reads_back_unchanged_with_none(
    tmp_path: Path,
) -> None:
    engine = _old_database(tmp_path)
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision() == "0015_onboarding_steps"
    assert "words" in _columns(engine)
    with session_factory(engine)() as db:
        old = db.exec(select(Alert)).one()
        assert old.words is None and old.details == '{"pain": 9}'
        assert old.state is AlertState.OPEN and old.reason == "pain_high"
        db.add(
            Alert(
                clinic_id=1,
                patient_id=1,
                clinician_id=1,
                level="emergency",
                reason="signs",
                created_at=NOW,
                words='my chest hurts "a lot" & I feel sick',
            )
        )
        db.commit()
    with session_factory(engine)() as db:
        new = db.exec(select(Alert).where(Alert.reason == "signs")).one()
        assert new.words == 'my chest hurts "a lot" & I feel sick'
    engine.dispose()


def test_0013_downgrades_to_0012_without_the_column(tmp_path: Path) -> None:
    engine = _old_database(tmp_path)
    migrate.upgrade(engine)
    migrate.downgrade(engine, BEFORE)
    assert migrate.current_revision(engine) == BEFORE
    assert "words" not in _columns(engine)
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT reason FROM alert")).scalar_one() == "pain_high"
    engine.dispose()
