"""Enrolment: invite codes are single use and expire; each step is stored as it happens."""

from __future__ import annotations

from datetime import time, timedelta

from service_people import CLINICIAN, PATIENT, STRANGER, Seeded
from sqlmodel import Session, select

from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import AuditEvent, InviteCode, OnboardingStep, Patient, PatientExercise, Staff
from bot.services import conversation, enrolment


def _patient(db: Session) -> Patient:
    found = db.exec(select(Patient)).one()
    db.refresh(found)
    return found


def test_only_a_hash_of_each_invite_code_is_stored(db: Session, seeded: Seeded) -> None:
    stored = db.exec(select(InviteCode)).all()
    for code in (seeded.staff_code, seeded.patient_code):
        bare = code.replace("-", "")
        assert all(bare not in row.code_hash.upper() for row in stored)


def test_a_staff_code_links_the_clinicians_telegram_account(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    reply = enrolment.start(db, clock, content, CLINICIAN, seeded.staff_code)
    staff = db.exec(select(Staff)).one()
    assert staff.telegram_user_id == CLINICIAN.telegram_user_id
    assert "linked" in reply.messages[0].text


def test_a_patient_code_enrols_the_patient_with_their_clinician_and_programme(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    reply = enrolment.start(db, clock, content, PATIENT, seeded.patient_code.lower())
    patient = _patient(db)
    exercises = db.exec(select(PatientExercise)).all()
    assert patient.onboarding_step == OnboardingStep.CONSENT
    assert patient.timezone == "America/Toronto"
    assert [e.exercise_id for e in exercises] == ["sit-to-stand", "heel-raise", "single-leg-stand"]
    assert "911" in reply.messages[0].text
    assert [b.data for b in reply.messages[0].buttons[0]] == ["consent:yes", "consent:no"]


def test_an_unknown_code_is_explained(db: Session, clock: ManualClock, content: Content) -> None:
    reply = enrolment.start(db, clock, content, PATIENT, "ZZZZZ-ZZZZZ")
    assert "don't know that code" in reply.messages[0].text
    assert db.exec(select(Patient)).first() is None


def test_an_expired_code_is_refused(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    clock.advance(timedelta(days=14, seconds=1))
    reply = enrolment.start(db, clock, content, PATIENT, seeded.patient_code)
    assert "expired" in reply.messages[0].text
    assert db.exec(select(Patient)).first() is None


def test_a_used_code_is_refused_to_a_second_account(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    enrolment.start(db, clock, content, PATIENT, seeded.patient_code)
    reply = enrolment.start(db, clock, content, STRANGER, seeded.patient_code)
    assert "already been used" in reply.messages[0].text
    assert len(db.exec(select(Patient)).all()) == 1


def test_every_redemption_attempt_is_audited(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    enrolment.start(db, clock, content, STRANGER, "ZZZZZ-ZZZZZ")
    enrolment.start(db, clock, content, PATIENT, seeded.patient_code)
    outcomes = [
        e.outcome for e in db.exec(select(AuditEvent).where(AuditEvent.action == "invite.redeem"))
    ]
    assert outcomes == ["unknown", "ok"]


def test_consent_is_recorded_with_its_version_and_time(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    enrolment.start(db, clock, content, PATIENT, seeded.patient_code)
    reply = enrolment.answer_consent(db, clock, content, PATIENT, accepted=True)
    patient = _patient(db)
    assert patient.consent_version == content.consent_version
    assert patient.consent_at == clock.now()
    assert patient.onboarding_step == OnboardingStep.REMINDER_TIME
    assert "What time" in reply.messages[0].text


def test_declining_consent_stops_everything(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    enrolment.start(db, clock, content, PATIENT, seeded.patient_code)
    enrolment.answer_consent(db, clock, content, PATIENT, accepted=False)
    assert _patient(db).onboarding_step == OnboardingStep.DECLINED
    again = enrolment.start(db, clock, content, PATIENT, "")
    assert "no more messages" in again.messages[0].text


def test_pressing_the_consent_button_twice_changes_nothing(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    enrolment.start(db, clock, content, PATIENT, seeded.patient_code)
    enrolment.answer_consent(db, clock, content, PATIENT, accepted=True)
    second = enrolment.answer_consent(db, clock, content, PATIENT, accepted=False)
    assert second.toast is not None and "already answered" in second.toast
    assert second.messages == []
    assert _patient(db).onboarding_step == OnboardingStep.REMINDER_TIME


def test_a_typed_reminder_time_completes_enrolment(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    enrolment.start(db, clock, content, PATIENT, seeded.patient_code)
    enrolment.answer_consent(db, clock, content, PATIENT, accepted=True)
    enrolment.choose_reminder_time(db, clock, content, PATIENT, "other")
    bad = conversation.text_received(db, clock, content, PATIENT, "whenever")
    assert "didn't understand" in bad.messages[0].text
    good = conversation.text_received(db, clock, content, PATIENT, "19h30")
    patient = _patient(db)
    assert patient.reminder_time == time(19, 30)
    assert patient.onboarding_step == OnboardingStep.ENROLLED
    assert "19:30" in good.messages[0].text


def test_text_where_a_button_is_expected_repeats_the_question(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    enrolment.start(db, clock, content, PATIENT, seeded.patient_code)
    reply = conversation.text_received(db, clock, content, PATIENT, "yes ok")
    assert "tap one of the buttons" in reply.messages[0].text
    assert reply.messages[1].buttons  # the consent question again
    assert _patient(db).onboarding_step == OnboardingStep.CONSENT


def test_a_code_typed_without_start_works_like_the_link(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    conversation.text_received(db, clock, content, PATIENT, seeded.patient_code)
    assert _patient(db).onboarding_step == OnboardingStep.CONSENT


def test_start_again_resumes_at_the_current_step(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    enrolment.start(db, clock, content, PATIENT, seeded.patient_code)
    enrolment.answer_consent(db, clock, content, PATIENT, accepted=True)
    reply = enrolment.start(db, clock, content, PATIENT, "")
    assert "What time" in reply.messages[0].text
