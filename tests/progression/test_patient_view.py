"""What a clinician sees with /patient: adherence, pain, the weekly trend, current levels."""

from __future__ import annotations

from datetime import date

import pytest
from progression_people import (
    LEE,
    ROY,
    People,
    clinic_with_two_clinicians,
    enrolled_patient,
    good_day,
)
from sqlmodel import Session

from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import PsfsActivity, PsfsScore, WeeklyCheckin
from bot.rules.adherence import adherence, planned_days
from bot.services.staff.patient_view import patient_view


@pytest.fixture
def people(db: Session, clock: ManualClock) -> People:
    return clinic_with_two_clinicians(db, clock)


def test_planned_days_follow_the_training_weekdays() -> None:
    monday, sunday = date(2026, 11, 30), date(2026, 12, 6)
    assert [d.weekday() for d in planned_days("024", monday, sunday)] == [0, 2, 4]
    assert adherence({monday, date(2026, 12, 1)}, "024", monday, sunday) == (1, 3)


def test_the_clinician_sees_adherence_pain_and_the_weekly_trend_but_no_typed_text(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee)
    assert patient.id is not None
    for _ in range(3):
        good_day(db, clock, content, patient)
    checkin = WeeklyCheckin(
        patient_id=patient.id, local_date=clock.now().date(), asked_at=clock.now(), pain=3
    )
    activity = PsfsActivity(
        patient_id=patient.id, position=0, label="carry my grandson", created_at=clock.now()
    )
    db.add_all([checkin, activity])
    db.flush()
    assert checkin.id is not None and activity.id is not None
    db.add(PsfsScore(checkin_id=checkin.id, activity_id=activity.id, score=6, at=clock.now()))
    db.commit()
    chart, shown = patient_view(db, clock, content, LEE, [f"P-{patient.id}"]).messages
    assert isinstance(chart.photo, bytes) and chart.photo.startswith(b"\x89PNG")
    assert "last 7 days 3 of" in shown.text
    assert "Pain after sessions</b> (oldest first): 1, 1, 1" in shown.text
    assert "pain 3 · activities 6 (avg 6.0)" in shown.text
    assert "Sit to stand" in shown.text and "level 2" in shown.text
    assert "grandson" not in shown.text


def test_another_clinicians_patient_is_not_shown(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee)
    (refused,) = patient_view(db, clock, content, ROY, [f"P-{patient.id}"]).messages
    assert "can't do that" in refused.text and "Sessions" not in refused.text


def test_an_unknown_patient_number_gets_the_same_refusal(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    (refused,) = patient_view(db, clock, content, LEE, ["P-999"]).messages
    assert "can't do that" in refused.text
