"""The pain model applied to a patient's programme: progress, hold, step down, approval."""

from __future__ import annotations

from datetime import timedelta

import pytest
from progression_people import (
    LEE,
    ROY,
    People,
    clinic_with_two_clinicians,
    enrolled_patient,
    good_day,
    levels,
    next_morning,
    play_session,
    texts_to,
)
from sqlmodel import Session, select

from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import Alert, LevelDecision, LevelDecisionState, WeeklyCheckin
from bot.services.programmes import progression
from bot.services.programmes.changes import PlanChange, change_plan


@pytest.fixture
def people(db: Session, clock: ManualClock) -> People:
    return clinic_with_two_clinicians(db, clock)


def test_three_good_sessions_in_a_row_progress_each_exercise_and_the_patient_is_told(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee)
    good_day(db, clock, content, patient)
    good_day(db, clock, content, patient)
    assert levels(db, patient) == [1, 1, 1]
    sent = good_day(db, clock, content, patient)
    assert levels(db, patient) == [2, 2, 2]
    told = texts_to(sent, patient.chat_id)
    assert "Nice work! 💪 From your next session: Sit to stand, one level up." in told
    assert db.exec(select(Alert)).first() is None


def test_the_patient_is_told_in_french_too(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee, language="fr")
    sent = [m for _ in range(3) for m in good_day(db, clock, content, patient)]
    assert any(t.startswith("Beau travail!") for t in texts_to(sent, patient.chat_id))


def test_a_level_never_moves_until_the_next_morning_answer_is_in(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee)
    good_day(db, clock, content, patient)
    good_day(db, clock, content, patient)
    play_session(db, clock, content, patient, pain=0, difficulty="easy")
    assert levels(db, patient) == [1, 1, 1]


def test_pain_above_5_steps_down_one_level_at_once(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee, level=3)
    _, sent = play_session(db, clock, content, patient, pain=6, difficulty="right")
    assert levels(db, patient) == [2, 2, 2]
    assert any("one level down" in t for t in texts_to(sent, patient.chat_id))


def test_a_step_down_and_a_bad_morning_are_still_only_one_level_for_that_session(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee, level=3)
    session, _ = play_session(db, clock, content, patient, pain=7, difficulty="right")
    next_morning(db, clock, content, patient, session, "no")
    assert levels(db, patient) == [2, 2, 2]


def test_pain_that_has_not_settled_by_the_morning_steps_down(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee, level=2)
    session, _ = play_session(db, clock, content, patient, pain=4, difficulty="right")
    assert levels(db, patient) == [2, 2, 2]  # pain 3-5 holds
    reply = next_morning(db, clock, content, patient, session, "no")
    assert levels(db, patient) == [1, 1, 1]
    assert any("one level down" in t for t in texts_to(reply.messages, patient.chat_id))


def test_a_bit_settled_holds_the_level(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee, level=2)
    for _ in range(3):
        session, _ = play_session(db, clock, content, patient, pain=1, difficulty="easy")
        next_morning(db, clock, content, patient, session, "bit")
        clock.advance(timedelta(hours=9))
    assert levels(db, patient) == [2, 2, 2]


def test_too_hard_holds_the_level_and_tells_the_clinician(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee, level=2)
    _, sent = play_session(db, clock, content, patient, pain=1, difficulty="hard")
    assert levels(db, patient) == [2, 2, 2]
    (to_lee,) = texts_to(sent, 1001)
    assert (
        to_lee == f"P-{patient.id} said today's session was too hard. Their levels stay the same."
    )
    rows = db.exec(select(LevelDecision)).all()
    assert {(r.action, r.state) for r in rows} == {("hold", LevelDecisionState.KEPT)}


def test_pain_of_3_to_5_that_settles_holds_the_level(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee, level=2)
    for _ in range(4):
        session, _ = play_session(db, clock, content, patient, pain=4, difficulty="easy")
        next_morning(db, clock, content, patient, session, "yes")
        clock.advance(timedelta(hours=9))
    assert levels(db, patient) == [2, 2, 2]


def test_a_proposing_programme_waits_for_the_clinicians_one_button_approval(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee, programme_id="rotator-cuff")
    sent = [m for _ in range(3) for m in good_day(db, clock, content, patient)]
    assert levels(db, patient) == [1, 1, 1]  # nothing changes on its own
    assert not any("one level up" in t for t in texts_to(sent, patient.chat_id))
    proposals = [m for m in sent if m.chat_id == 1001 and m.buttons]
    assert len(proposals) == 3  # one per exercise
    first = proposals[0]
    assert "suggests Arm pendulum up from level 1 to 2" in first.text
    (button,) = first.buttons[0]
    assert button.label == "Approve ✅"
    decision_id = int(button.data.split(":")[1])

    refused = progression.approve(db, clock, content, ROY, decision_id)
    assert refused.toast is not None and "Only this patient's clinician" in refused.toast
    assert levels(db, patient) == [1, 1, 1]

    approved = progression.approve(db, clock, content, LEE, decision_id)
    assert levels(db, patient) == [2, 1, 1]
    (told,) = texts_to(approved.messages, patient.chat_id)
    assert told == "Nice work! 💪 From your next session: Arm pendulum, one level up."
    again = progression.approve(db, clock, content, LEE, decision_id)
    assert again.messages == [] and levels(db, patient) == [2, 1, 1]
    row = db.get(LevelDecision, decision_id)
    assert row is not None and row.approved_by_id == people.lee.id


def test_a_proposal_is_stale_once_the_clinician_changed_the_level_by_hand(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee, programme_id="rotator-cuff")
    sent = [m for _ in range(3) for m in good_day(db, clock, content, patient)]
    decision_id = int(next(m for m in sent if m.buttons).buttons[0][0].data.split(":")[1])
    row = db.get(LevelDecision, decision_id)
    assert row is not None
    change_plan(
        db,
        clock,
        content,
        people.lee,
        row.patient_id,
        PlanChange("level", row.exercise_id, level=3),
    )
    stale = progression.approve(db, clock, content, LEE, decision_id)
    assert stale.messages == [] and levels(db, patient)[0] == 3


def _weekly_pain(
    db: Session, clock: ManualClock, patient_id: int, pain: int, days_ago: int
) -> None:
    moment = clock.now() - timedelta(days=days_ago)
    db.add(
        WeeklyCheckin(patient_id=patient_id, local_date=moment.date(), asked_at=moment, pain=pain)
    )
    db.commit()


def test_weekly_pain_rising_steps_each_exercise_down_once(
    db: Session, clock: ManualClock, content: Content, people: People
) -> None:
    patient = enrolled_patient(db, clock, content, people.lee)
    assert patient.id is not None
    for _ in range(6):
        good_day(db, clock, content, patient)
    assert levels(db, patient) == [3, 3, 3]
    _weekly_pain(db, clock, patient.id, pain=2, days_ago=7)
    _weekly_pain(db, clock, patient.id, pain=4, days_ago=0)  # up 2 points on last week
    good_day(db, clock, content, patient)
    assert levels(db, patient) == [2, 2, 2]
    good_day(db, clock, content, patient)  # the same rise is not counted twice
    assert levels(db, patient) == [2, 2, 2]
    reasons = [d.reasons for d in db.exec(select(LevelDecision)) if "morning" in d.reasons]
    assert reasons
