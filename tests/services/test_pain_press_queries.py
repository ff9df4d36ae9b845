"""A pain press costs a bounded, small number of SQL statements (fast feedback)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from query_plans import full_scans
from service_people import PATIENT, Seeded
from sqlalchemy import Engine, event
from sqlmodel import Session, select

from bot.clock import ManualClock
from bot.content import Content
from bot.db.engine import session_factory
from bot.db.models import ExerciseSession, Patient
from bot.services import received_updates
from bot.services.patients import patient_by_telegram
from bot.services.sessions import today as sessions
from scheduler import store


@contextmanager
def counted(engine: Engine, given: list[Any] | None = None) -> Iterator[list[str]]:
    """Every SQL statement the engine runs inside the block (and, in ``given``, its
    parameters)."""
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, parameters: Any, *_: Any) -> None:
        statements.append(statement)
        if given is not None:
            given.append(parameters)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def at_the_pain_question(db: Session, clock: ManualClock, content: Content) -> int:
    patient = db.exec(select(Patient)).one()
    sessions.today(db, clock, content, patient)
    row = db.exec(select(ExerciseSession)).one()
    assert row.id is not None
    sessions.mark_done(db, clock, content, patient, row.id)
    db.commit()  # the test is the use case's edge
    return row.id


def press(
    engine: Engine,
    clock: ManualClock,
    content: Content,
    session_id: int,
    pain: int,
    given: list[Any] | None = None,
) -> list[str]:
    """What ``as_patient`` does for a pain button, in a fresh session, counted."""
    with counted(engine, given) as statements, session_factory(engine)() as db:
        patient = patient_by_telegram(db, PATIENT.telegram_user_id)
        assert patient is not None
        sessions.record_pain(db, clock, content, patient, session_id, pain)
    return statements


def tables_read(statements: list[str]) -> list[str]:
    """The tables each SELECT reads (its FROM and JOINs), statement by statement."""
    return [
        table
        for s in statements
        if s.startswith("SELECT")
        for table in re.findall(r"\s(?:FROM|JOIN)\s+(\w+)", s)
    ]


def test_a_pain_press_reads_the_patient_session_baseline_and_thresholds_once_each(
    engine: Engine, db: Session, clock: ManualClock, content: Content, enrolled: Seeded
) -> None:
    session_id = at_the_pain_question(db, clock, content)
    statements = press(engine, clock, content, session_id, 3)
    assert sorted(tables_read(statements)) == [
        "clinic",  # its slug picks the clinic's thresholds
        "exercisesession",
        "painbaseline",
        "patient",
        "patientthreshold",
    ]
    # The patient (as every patient's update), then one query for the session, its
    # baseline, clinic and thresholds (pain_alerts.for_pain_press), and the one update.
    assert sum(s.startswith("SELECT") for s in statements) == 2, statements
    assert len(statements) == 3, statements  # it was 6 before the joined read


@pytest.mark.parametrize("pain", [8, 10])
def test_a_pain_press_that_alerts_stays_within_a_dozen_statements(
    engine: Engine, db: Session, clock: ManualClock, content: Content, enrolled: Seeded, pain: int
) -> None:
    session_id = at_the_pain_question(db, clock, content)
    statements = press(engine, clock, content, session_id, pain)
    # The reads above, then: no open pain alert for the session (by its index), the alert
    # and its event, the clinician, the escalation's due row, the clinic's phone.
    assert len(statements) <= 12, statements
    assert sum(s.startswith("INSERT INTO alert ") for s in statements) == 1


@pytest.mark.parametrize("pain", [3, 9])
def test_no_statement_of_a_pain_press_scans_a_whole_table(
    engine: Engine, db: Session, clock: ManualClock, content: Content, enrolled: Seeded, pain: int
) -> None:
    session_id = at_the_pain_question(db, clock, content)
    given: list[Any] = []
    statements = press(engine, clock, content, session_id, pain, given)
    assert full_scans(engine, statements, given) == []


def test_claiming_due_work_and_replaying_updates_scan_no_whole_table(
    engine: Engine, clock: ManualClock
) -> None:
    given: list[Any] = []
    with counted(engine, given) as statements, session_factory(engine)() as db:
        store.claim(db, clock.now(), limit=48, lease=timedelta(seconds=60), worker="a")
        received_updates.unhandled(db)
        received_updates.claim(db, 1, clock.now(), timedelta(seconds=60))
        received_updates.handled(db, clock.now(), 1)
        received_updates.prune(db, clock.now())
    assert len(statements) >= 5
    assert full_scans(engine, statements, given) == []
