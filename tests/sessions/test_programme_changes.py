"""A clinician changes one patient's programme: it shows in that patient's next session only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from session_people import Clinic
from sqlmodel import Session, select

from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import AuditEvent
from bot.services.patients import Visitor
from bot.services.programmes import changes as programmes
from bot.services.programmes.changes import PlanChange, PlanError, change_plan, parse_change
from bot.services.sessions import today as sessions

LEE = Visitor(telegram_user_id=1001, chat_id=1001)
ROY = Visitor(telegram_user_id=1002, chat_id=1002)


def _overview(db: Session, clock: ManualClock, content: Content, clinic: Clinic, who: str) -> str:
    patient = clinic.patient if who == "patient" else clinic.other
    return sessions.today(db, clock, content, patient).messages[0].text


def test_a_swap_shows_in_that_patients_next_session_and_nobody_elses(
    db: Session, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    assert clinic.patient.id is not None
    change_plan(
        db,
        clock,
        content,
        clinic.lee,
        clinic.patient.id,
        PlanChange("swap", "heel-raise", "calf-stretch", level=2),
    )
    mine = _overview(db, clock, content, clinic, "patient")
    theirs = _overview(db, clock, content, clinic, "other")
    assert "Calf stretch standing at a wall" in mine and "Heel raises" not in mine
    assert "Montées sur la pointe des pieds" in theirs


def test_a_change_after_todays_session_started_waits_for_tomorrow(
    db: Session, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    assert clinic.patient.id is not None
    _overview(db, clock, content, clinic, "patient")
    change_plan(
        db, clock, content, clinic.lee, clinic.patient.id, PlanChange("remove", "heel-raise")
    )
    assert "Heel raises" in _overview(db, clock, content, clinic, "patient")
    clock.advance(timedelta(days=1))
    tomorrow = _overview(db, clock, content, clinic, "patient")
    assert "Heel raises" not in tomorrow and "2 exercises" in tomorrow


def test_level_and_dosage_set_for_one_patient_show_in_their_session(
    db: Session, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    assert clinic.patient.id is not None
    pid = clinic.patient.id
    change_plan(db, clock, content, clinic.lee, pid, PlanChange("level", "sit-to-stand", level=2))
    change_plan(
        db, clock, content, clinic.lee, pid, PlanChange("dose", "sit-to-stand", sets=4, reps=6)
    )
    text = _overview(db, clock, content, clinic, "patient")
    assert "Sit to stand, arms crossed: 4 sets of 6 reps" in text


def test_a_clinician_cannot_change_another_clinicians_patient(
    db: Session, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    assert clinic.other.id is not None
    with pytest.raises(PlanError) as refused:
        change_plan(
            db, clock, content, clinic.lee, clinic.other.id, PlanChange("remove", "heel-raise")
        )
    assert refused.value.key == "plan_not_yours"
    assert "Montées sur la pointe des pieds" in _overview(db, clock, content, clinic, "other")
    denied = db.exec(select(AuditEvent).where(AuditEvent.outcome == "denied")).one()
    assert denied.staff_id == clinic.lee.id


def test_changes_that_do_not_fit_the_library_are_refused_with_a_reason(
    db: Session, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    assert clinic.patient.id is not None
    pid = clinic.patient.id
    cases = {
        "plan_unknown_exercise": PlanChange("add", "no-such-exercise"),
        "plan_bad_level": PlanChange("level", "heel-raise", level=9),
        "plan_already_there": PlanChange("add", "heel-raise"),
        "plan_bad_dosage": PlanChange("dose", "heel-raise", sets=99),
    }
    for key, change in cases.items():
        with pytest.raises(PlanError) as refused:
            change_plan(db, clock, content, clinic.lee, pid, change)
        assert refused.value.key == key


def test_a_session_is_kept_to_five_exercises(
    db: Session, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    assert clinic.patient.id is not None
    pid = clinic.patient.id
    for exercise in ("calf-stretch", "toe-raise"):
        change_plan(db, clock, content, clinic.lee, pid, PlanChange("add", exercise))
    with pytest.raises(PlanError) as refused:
        change_plan(db, clock, content, clinic.lee, pid, PlanChange("add", "bridge"))
    assert refused.value.key == "plan_too_many"


def test_assigning_a_programme_phase_replaces_the_exercises(
    db: Session, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    assert clinic.patient.id is not None
    change_plan(
        db, clock, content, clinic.lee, clinic.patient.id, PlanChange("assign", "knee-oa", level=2)
    )
    text = _overview(db, clock, content, clinic, "patient")
    assert "4 exercises" in text and "Mini squats holding a counter" in text


def test_plan_typed_in_telegram_by_the_clinician_changes_the_programme(
    db: Session, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    pid = str(clinic.patient.id)
    reply = programmes.plan_command(
        db, clock, content, LEE, [f"P-{pid}", "swap", "heel-raise", "toe-raise"]
    )
    assert "Toe raises sitting [toe-raise], level 1 of 3" in reply.messages[0].text
    refused = programmes.plan_command(db, clock, content, ROY, [pid, "remove", "toe-raise"])
    assert "not one of your patients" in refused.messages[0].text
    usage = programmes.plan_command(db, clock, content, LEE, [pid, "juggle"])
    assert usage.messages[0].text.startswith("To see a patient's programme: /plan ID")


def test_plan_words_are_read_into_a_change() -> None:
    assert parse_change(["12", "dose", "bridge", "sets=3", "hold=20"]) == (
        12,
        PlanChange("dose", "bridge", sets=3, hold_seconds=20),
    )
    assert parse_change(["p-7"]) == (7, PlanChange("show"))
