"""Migration 0015_onboarding_steps on a database built by 0014, with patients at every step
written as the old plain strings: each reads back as an ``OnboardingStep`` member, the
database refuses a step outside the enum from then on, an unknown stored step stops the
migration and names it, and the downgrade gives plain strings back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from postgres_database import needs_postgres
from sqlalchemy import Engine
from sqlmodel import col, select
from test_migration_0009_structure import NOW, _insert, _migrate_to

from bot.db import migrate
from bot.db.engine import make_engine, session_factory
from bot.db.models import OnboardingStep, Patient

BEFORE = "0014_live_keyboards"  # the migration just before 0015
STEPS = [step.value for step in OnboardingStep]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=needs_postgres)])
def old_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database at 0014 holding one patient at each onboarding step, as plain strings."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
        _migrate_to(engine, BEFORE)
    else:  # a fresh database at the head, stepped back to 0014
        engine = make_engine(request.getfixturevalue("postgres_url"))
        migrate.downgrade(engine, BEFORE)
    with engine.begin() as connection:
        _insert(connection, "clinic")
        _insert(connection, "staff", role="clinician")
        for number, step in enumerate(STEPS, start=1):
            _insert_patient(connection, number, step)
    yield engine
    engine.dispose()


def _insert_patient(connection: sa.Connection, number: int, step: str) -> None:
    """Patient ``number``, as the code before 0015 wrote it (its own chat, the clinic's
    first clinician), at onboarding step ``step``."""
    reflected = sa.Table("patient", sa.MetaData(), autoload_with=connection)
    row: dict[str, object] = {}
    for column in reflected.columns:
        if column.nullable or column.server_default is not None or column.name == "id":
            continue
        kind = column.type
        if column.foreign_keys:
            row[column.name] = 1
        elif isinstance(kind, sa.Integer):
            row[column.name] = 1000 + number  # telegram ids, chats: one patient each
        elif isinstance(kind, sa.Boolean):
            row[column.name] = False
        elif isinstance(kind, sa.DateTime):
            row[column.name] = NOW
        elif isinstance(kind, sa.Date):
            row[column.name] = NOW.date()
        elif isinstance(kind, sa.Time):
            row[column.name] = NOW.time()
        else:
            row[column.name] = f"x{number}"
    row.update(id=number, onboarding_step=step)
    connection.execute(reflected.insert().values(row))


def test_0015_keeps_every_patients_step_and_reads_it_back_as_an_enum_member(
    old_database: Engine,
) -> None:
    migrate.upgrade(old_database)
    assert migrate.current_revision(old_database) == migrate.head_revision()
    with session_factory(old_database)() as db:
        patients = db.exec(select(Patient).order_by(col(Patient.id))).all()
    assert [p.onboarding_step for p in patients] == list(OnboardingStep)
    assert all(type(p.onboarding_step) is OnboardingStep for p in patients)


def test_after_0015_the_database_refuses_a_step_outside_the_enum(old_database: Engine) -> None:
    migrate.upgrade(old_database)
    with pytest.raises(sa.exc.IntegrityError), old_database.begin() as connection:
        connection.execute(sa.text("UPDATE patient SET onboarding_step = 'enroled'"))  # a typo


def test_an_unknown_stored_step_stops_0015_and_names_it_changing_nothing(
    old_database: Engine,
) -> None:
    with old_database.begin() as connection:
        connection.execute(sa.text("UPDATE patient SET onboarding_step = 'legacy' WHERE id = 1"))
    with pytest.raises(RuntimeError, match=r"patient\.onboarding_step='legacy'"):
        migrate.upgrade(old_database)
    assert migrate.current_revision(old_database) == BEFORE
    with old_database.connect() as connection:
        kept = connection.execute(
            sa.text("SELECT onboarding_step FROM patient WHERE id = 1")
        ).scalar_one()
    assert kept == "legacy"


def test_0015_downgrades_back_to_plain_strings(old_database: Engine) -> None:
    migrate.upgrade(old_database)
    assert migrate.downgrade(old_database, BEFORE) == BEFORE
    with old_database.begin() as connection:
        connection.execute(sa.text("UPDATE patient SET onboarding_step = 'anything'"))
        found = connection.execute(sa.text("SELECT onboarding_step FROM patient")).scalars()
        assert set(found) == {"anything"}
