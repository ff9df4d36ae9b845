"""A clinician can set a pain-model threshold for one of their patients, and only theirs."""

from __future__ import annotations

import pytest
from progression_people import (
    LEE,
    ROY,
    People,
    clinic_with_two_clinicians,
    enrolled_patient,
    good_day,
    levels,
    play_session,
)
from sqlmodel import Session

from bot.clock import ManualClock
from bot.content import Content
from bot.services.alerts.pain_alerts import limits_for
from bot.services.feedback.thresholds import set_threshold


@pytest.fixture
def people(db: Session, clock: ManualClock) -> People:
    return clinic_with_two_clinicians(db, clock)


def test_a_lower_acceptable_pain_for_one_patient_steps_them_down_at_pain_4(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    strict = enrolled_patient(db, clock, content, people.lee, 2001)
    usual = enrolled_patient(db, clock, content, people.lee, 2002)
    for _ in range(3):
        good_day(db, clock, content, strict)
        good_day(db, clock, content, usual)
    reply = set_threshold(db, clock, content, LEE, [f"P-{strict.id}", "pain_acceptable_max", "3"])
    assert "pain_acceptable_max = 3 *" in reply.messages[0].text
    play_session(db, clock, content, strict, pain=4)
    play_session(db, clock, content, usual, pain=4)
    assert levels(db, strict) == [1, 1, 1]  # pain 4 is too much for this patient
    assert levels(db, usual) == [2, 2, 2]  # and only acceptable for everyone else


def test_default_drops_the_override(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee)
    ref = f"P-{patient.id}"
    set_threshold(db, clock, content, LEE, [ref, "alert_urgent_at", "7"])
    assert limits_for(db, content, patient).alert_urgent_at == 7
    set_threshold(db, clock, content, LEE, [ref, "alert_urgent_at", "default"])
    assert limits_for(db, content, patient).alert_urgent_at == 8


def test_another_clinicians_patient_is_refused(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee)
    reply = set_threshold(db, clock, content, ROY, [f"P-{patient.id}", "alert_urgent_at", "5"])
    assert "can't do that" in reply.messages[0].text
    assert limits_for(db, content, patient).alert_urgent_at == 8


def test_a_value_outside_the_models_range_is_refused_with_the_reason(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee)
    ref = f"P-{patient.id}"
    reply = set_threshold(db, clock, content, LEE, [ref, "pain_safe_max", "9"])
    assert "not saved" in reply.messages[0].text and "pain_safe_max" in reply.messages[0].text
    unknown = set_threshold(db, clock, content, LEE, [ref, "pain_max", "4"])
    assert "Example: /threshold" in unknown.messages[0].text
    assert limits_for(db, content, patient).pain_safe_max == 2
