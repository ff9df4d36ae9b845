"""Enrolment: invite codes are single use and expire; each step is stored as it happens."""

from __future__ import annotations

from datetime import time, timedelta

from service_people import CLINICIAN, PATIENT, STRANGER, Seeded, answer_readiness
from sqlmodel import Session, select

from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import (
    AuditEvent,
    InviteCode,
    OnboardingStep,
    Patient,
    PatientExercise,
    ReadinessCheck,
    Staff,
    StaffRole,
)
from bot.rules.invite_codes import code_hash
from bot.services import clinics, conversation, readiness
from bot.services.enrolment import assignments
from bot.services.enrolment import onboarding as enrolment
from bot.services.enrolment.invites import InvitePolicy
from bot.services.sessions import today as sessions
from bot.services.staff import desk as staff_desk


def _patient(db: Session) -> Patient:
    found = db.exec(select(Patient)).one()
    db.refresh(found)
    return found


def _to_consent(db: Session, clock: ManualClock, content: Content, seeded: Seeded) -> None:
    enrolment.start(db, clock, content, PATIENT, seeded.patient_code)
    enrolment.choose_language(db, clock, content, PATIENT, "en")


def test_only_a_hash_of_each_invite_code_is_stored(db: Session, seeded: Seeded) -> None:
    stored = {row.code_hash for row in db.exec(select(InviteCode))}
    assert stored == {code_hash(seeded.staff_code), code_hash(seeded.patient_code)}
    for row in db.exec(select(InviteCode)):
        assert seeded.patient_code.replace("-", "") not in repr(row.model_dump()).upper()


def test_a_staff_code_links_the_clinicians_telegram_account(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    reply = enrolment.start(db, clock, content, CLINICIAN, seeded.staff_code)
    staff = db.exec(select(Staff)).one()
    assert staff.telegram_user_id == CLINICIAN.telegram_user_id
    assert "linked" in reply.messages[0].text
    assert reply.staff_menu is not None and reply.staff_menu.role == "clinician"


def test_a_patient_code_enrols_the_patient_and_asks_their_language_first(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    reply = enrolment.start(db, clock, content, PATIENT, seeded.patient_code.lower())
    patient = _patient(db)
    exercises = db.exec(select(PatientExercise)).all()
    assert patient.onboarding_step == OnboardingStep.LANGUAGE
    assert patient.timezone == "America/Toronto"
    assert [e.exercise_id for e in exercises] == ["sit-to-stand", "heel-raise", "single-leg-stand"]
    assert [b.data for b in reply.messages[0].buttons[0]] == ["lang:en", "lang:fr"]


def test_a_french_telegram_suggests_french_first(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    francophone = PATIENT.__class__(PATIENT.telegram_user_id, PATIENT.chat_id, "fr-CA")
    reply = enrolment.start(db, clock, content, francophone, seeded.patient_code)
    assert [b.label for b in reply.messages[0].buttons[0]] == ["Français", "English"]
    consent = enrolment.choose_language(db, clock, content, francophone, "fr")
    assert "chiffrées de bout en bout" in consent.messages[0].text
    assert _patient(db).language == "fr"


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


def test_a_revoked_code_is_refused(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    invite = db.exec(select(InviteCode).where(InviteCode.purpose == "patient")).one()
    assert invite.id is not None
    clinics.revoke_invite(db, clock, None, invite.id)
    reply = enrolment.start(db, clock, content, PATIENT, seeded.patient_code)
    assert "cancelled" in reply.messages[0].text


def test_a_bound_code_is_refused_to_a_second_account_and_the_clinician_is_told(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    enrolment.start(db, clock, content, CLINICIAN, seeded.staff_code)
    enrolment.start(db, clock, content, PATIENT, seeded.patient_code)
    reply = enrolment.start(db, clock, content, STRANGER, seeded.patient_code)
    assert "already been used" in reply.messages[0].text
    (notice,) = [m for m in reply.messages if m.chat_id == CLINICIAN.chat_id]
    assert "already used by P-" in notice.text
    assert len(db.exec(select(Patient)).all()) == 1


def test_five_failed_codes_in_a_row_lock_the_account_for_15_minutes(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    for _ in range(5):
        enrolment.start(db, clock, content, PATIENT, "ZZZZZ-ZZZZZ")
        clock.advance(timedelta(seconds=20))
    locked = enrolment.start(db, clock, content, PATIENT, seeded.patient_code)
    assert "wait 15 minutes" in locked.messages[0].text
    assert db.exec(select(Patient)).first() is None
    clock.advance(timedelta(minutes=15))
    enrolment.start(db, clock, content, PATIENT, seeded.patient_code)
    assert db.exec(select(Patient)).first() is not None


def test_the_lockout_is_configurable(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    strict = InvitePolicy(max_failures=2, lockout=timedelta(hours=1))
    for _ in range(2):
        enrolment.start(db, clock, content, PATIENT, "ZZZZZ-ZZZZZ", strict)
    clock.advance(timedelta(minutes=30))
    locked = enrolment.start(db, clock, content, PATIENT, seeded.patient_code, strict)
    assert "wait 60 minutes" in locked.messages[0].text


def test_every_redemption_attempt_is_audited(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    enrolment.start(db, clock, content, STRANGER, "ZZZZZ-ZZZZZ")
    enrolment.start(db, clock, content, PATIENT, seeded.patient_code)
    rows = db.exec(select(AuditEvent).where(AuditEvent.action == "invite.redeem")).all()
    assert [e.outcome for e in rows] == ["unknown", "ok"]


def test_consent_is_recorded_with_its_version_and_time(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    _to_consent(db, clock, content, seeded)
    reply = enrolment.answer_consent(db, clock, content, PATIENT, accepted=True)
    patient = _patient(db)
    assert patient.consent_version == content.consent_version
    assert patient.consent_at == clock.now()
    assert patient.onboarding_step == OnboardingStep.READINESS
    assert "question 1 of 7" in reply.messages[0].text


def test_declining_consent_stops_everything_and_tells_the_clinician(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    enrolment.start(db, clock, content, CLINICIAN, seeded.staff_code)
    _to_consent(db, clock, content, seeded)
    reply = enrolment.answer_consent(db, clock, content, PATIENT, accepted=False)
    assert _patient(db).onboarding_step == OnboardingStep.DECLINED
    assert any(
        m.chat_id == CLINICIAN.chat_id and "chose not to join" in m.text for m in reply.messages
    )
    again = enrolment.start(db, clock, content, PATIENT, "")
    assert "no more messages" in again.messages[0].text


def test_pressing_the_consent_button_twice_changes_nothing(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    _to_consent(db, clock, content, seeded)
    enrolment.answer_consent(db, clock, content, PATIENT, accepted=True)
    second = enrolment.answer_consent(db, clock, content, PATIENT, accepted=False)
    assert second.toast is not None and "already answered" in second.toast
    assert second.messages == []
    assert _patient(db).onboarding_step == OnboardingStep.READINESS


def test_all_no_answers_clear_the_patient_for_12_months(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    _to_consent(db, clock, content, seeded)
    enrolment.answer_consent(db, clock, content, PATIENT, accepted=True)
    last = answer_readiness(db, clock, content, "nnnnnnn")
    assert "What time" in last.messages[-1].text
    patient = _patient(db)
    assert readiness.may_exercise(db, clock, patient)
    clock.advance(timedelta(days=366))
    assert not readiness.may_exercise(db, clock, patient)


def test_any_yes_holds_the_programme_until_the_clinician_clears_it(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    enrolment.start(db, clock, content, CLINICIAN, seeded.staff_code)
    _to_consent(db, clock, content, seeded)
    enrolment.answer_consent(db, clock, content, PATIENT, accepted=True)
    reply = answer_readiness(db, clock, content, "nynnnnn")
    (review,) = [m for m in reply.messages if m.chat_id == CLINICIAN.chat_id]
    assert "chest pain" in review.text
    assert [b.label for b in review.buttons[0]] == ["Clear to start", "Keep on hold"]
    assert any(
        "look at your answers" in m.text for m in reply.messages if m.chat_id == PATIENT.chat_id
    )
    enrolment.choose_reminder_time(db, clock, content, PATIENT, "18:00")
    patient = _patient(db)
    assert not readiness.may_exercise(db, clock, patient)
    check = db.exec(select(ReadinessCheck)).one()
    assert check.id is not None
    cleared = readiness.decide(db, clock, content, CLINICIAN, check.id, cleared=True)
    assert readiness.may_exercise(db, clock, patient)
    assert "can start" in cleared.messages[0].text


def test_a_stranger_cannot_clear_a_readiness_hold(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    _to_consent(db, clock, content, seeded)
    enrolment.answer_consent(db, clock, content, PATIENT, accepted=True)
    answer_readiness(db, clock, content, "yyyyyyy")
    check = db.exec(select(ReadinessCheck)).one()
    assert check.id is not None
    refused = readiness.decide(db, clock, content, STRANGER, check.id, cleared=True)
    assert refused.messages == [] and refused.toast is not None
    assert not readiness.may_exercise(db, clock, _patient(db))


def test_a_typed_reminder_time_completes_enrolment(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    _to_consent(db, clock, content, seeded)
    enrolment.answer_consent(db, clock, content, PATIENT, accepted=True)
    answer_readiness(db, clock, content, "nnnnnnn")
    enrolment.choose_reminder_time(db, clock, content, PATIENT, "other")
    bad = conversation.text_received(db, clock, content, PATIENT, "whenever")
    assert "didn't understand" in bad.messages[0].text
    good = conversation.text_received(db, clock, content, PATIENT, "19h30")
    patient = _patient(db)
    assert patient.reminder_time == time(19, 30)
    assert patient.onboarding_step == OnboardingStep.ENROLLED
    assert "Monday to Friday at <b>7:30 PM</b>" in good.messages[0].text  # starter: 5 days


def test_text_where_a_button_is_expected_repeats_the_question(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    _to_consent(db, clock, content, seeded)
    reply = conversation.text_received(db, clock, content, PATIENT, "yes ok")
    assert "tap one of the buttons" in reply.messages[0].text
    assert reply.messages[1].buttons  # the consent question again
    assert _patient(db).onboarding_step == OnboardingStep.CONSENT


def test_a_code_typed_without_start_works_like_the_link(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    conversation.text_received(db, clock, content, PATIENT, seeded.patient_code)
    assert _patient(db).onboarding_step == OnboardingStep.LANGUAGE


def test_start_again_resumes_at_the_current_step(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    _to_consent(db, clock, content, seeded)
    enrolment.answer_consent(db, clock, content, PATIENT, accepted=True)
    answer_readiness(db, clock, content, "nn")
    reply = enrolment.start(db, clock, content, PATIENT, "")
    assert "question 3 of 7" in reply.messages[0].text


def test_with_a_secret_the_stored_fingerprint_is_keyed(
    db: Session, clock: ManualClock, content: Content
) -> None:
    clinics.create_clinic(db, clock, slug="keyed", name="Keyed", timezone="America/Toronto")
    clinics.invite_staff(
        db, clock, clinic_slug="keyed", role=StaffRole.CLINICIAN, handle="dr-k", valid_days=3
    )
    issued = clinics.create_patient_invite(
        db,
        clock,
        clinic_slug="keyed",
        clinician_handle="dr-k",
        programme_id="starter",
        known_programmes=content.programmes.keys(),
        valid_days=3,
        secret=b"clinic-secret",
    )
    assert issued.invite.code_hash != code_hash(issued.code)  # a plain hash finds nothing
    unkeyed = enrolment.start(db, clock, content, PATIENT, issued.code)
    assert "don't know that code" in unkeyed.messages[0].text
    keyed = InvitePolicy(secret=b"clinic-secret")
    enrolment.start(db, clock, content, STRANGER, issued.code, keyed)
    assert db.exec(select(Patient)).one().telegram_user_id == STRANGER.telegram_user_id


def test_a_patient_who_declined_can_come_back_with_a_new_code(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    _to_consent(db, clock, content, seeded)
    enrolment.answer_consent(db, clock, content, PATIENT, accepted=False)
    fresh = clinics.create_patient_invite(
        db,
        clock,
        clinic_slug=None,
        clinician_handle="dr-lee",
        programme_id="starter",
        known_programmes=content.programmes.keys(),
        valid_days=14,
    )
    reply = enrolment.start(db, clock, content, PATIENT, fresh.code)
    assert [b.data for b in reply.messages[0].buttons[0]] == ["consent:yes", "consent:no"]
    assert _patient(db).onboarding_step == OnboardingStep.CONSENT
    assert len(db.exec(select(Patient)).all()) == 1


def test_a_deactivated_clinicians_invites_stop_working_and_their_chat_is_unlinked(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    enrolment.start(db, clock, content, CLINICIAN, seeded.staff_code)
    left = assignments.deactivate(db, clock, clinic_slug=None, handle="dr-lee")
    assert left.staff.telegram_user_id is None and left.patients == []
    reply = enrolment.start(db, clock, content, PATIENT, seeded.patient_code)
    assert "cancelled" in reply.messages[0].text


def test_an_admin_cannot_clear_a_readiness_hold_only_a_clinician_can(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    admin = clinics.invite_staff(
        db, clock, clinic_slug=None, role=StaffRole.ADMIN, handle="desk", valid_days=14
    )
    enrolment.start(db, clock, content, STRANGER, admin.code)
    enrolment.start(db, clock, content, CLINICIAN, seeded.staff_code)
    _to_consent(db, clock, content, seeded)
    enrolment.answer_consent(db, clock, content, PATIENT, accepted=True)
    answer_readiness(db, clock, content, "ynnnnnn")
    by_admin = readiness.decide_for_patient(db, clock, content, STRANGER, "P-1", cleared=True)
    assert "can't do that" in by_admin.messages[0].text
    assert not readiness.may_exercise(db, clock, _patient(db))
    by_clinician = readiness.decide_for_patient(db, clock, content, CLINICIAN, "p-1", cleared=True)
    assert any("can start" in m.text for m in by_clinician.messages)
    assert readiness.may_exercise(db, clock, _patient(db))


def test_a_hold_waiting_for_a_clinician_is_sent_when_they_link_telegram(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    _to_consent(db, clock, content, seeded)
    enrolment.answer_consent(db, clock, content, PATIENT, accepted=True)
    answer_readiness(db, clock, content, "nnnnnny")  # nobody linked yet: nobody told
    linked = enrolment.start(db, clock, content, CLINICIAN, seeded.staff_code)
    assert any("Readiness check" in m.text and m.buttons for m in linked.messages)


def test_a_clearance_pressed_before_the_check_is_finished_does_nothing(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    enrolment.start(db, clock, content, CLINICIAN, seeded.staff_code)
    _to_consent(db, clock, content, seeded)
    enrolment.answer_consent(db, clock, content, PATIENT, accepted=True)
    answer_readiness(db, clock, content, "yn")
    check = db.exec(select(ReadinessCheck)).one()
    assert check.id is not None
    early = readiness.decide(db, clock, content, CLINICIAN, check.id, cleared=True)
    assert early.messages == [] and check.decision is None


def test_after_twelve_months_the_readiness_questions_are_asked_again(
    db: Session, clock: ManualClock, content: Content, enrolled: Seeded
) -> None:
    clock.advance(timedelta(days=366))
    again = sessions.today(db, clock, content, _patient(db))
    assert "a year" in again.messages[0].text
    assert "question 1 of 7" in again.messages[1].text
    done = answer_readiness(db, clock, content, "nnnnnnn")
    assert "another year" in done.messages[-1].text
    assert _patient(db).onboarding_step == OnboardingStep.ENROLLED


def test_a_french_admin_gets_refusals_in_french(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    admin = clinics.invite_staff(
        db, clock, clinic_slug=None, role=StaffRole.ADMIN, handle="accueil", valid_days=14
    )
    francophone = STRANGER.__class__(STRANGER.telegram_user_id, STRANGER.chat_id, "fr")
    enrolment.start(db, clock, content, francophone, admin.code)
    reply = staff_desk.run(
        db, clock, content, francophone, staff_desk.assign, ["P-77", "dr-lee"], admin_only=True
    )
    assert "Aucun patient P-77 dans ottawa" in reply.messages[0].text


def test_a_typed_oui_at_the_consent_question_is_the_i_agree_button(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    _to_consent(db, clock, content, seeded)
    conversation.text_received(db, clock, content, PATIENT, "ouais")
    assert _patient(db).onboarding_step == OnboardingStep.READINESS


def test_a_typed_no_answers_the_readiness_question_in_front_of_the_patient(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    _to_consent(db, clock, content, seeded)
    conversation.text_received(db, clock, content, PATIENT, "yes")
    for word in ["no", "Non", "nope", "n", "nah", "non", "no."]:
        conversation.text_received(db, clock, content, PATIENT, word)
    assert _patient(db).onboarding_step == OnboardingStep.REMINDER_TIME


def test_a_french_patient_on_an_english_phone_is_answered_in_french(
    db: Session, clock: ManualClock, content: Content, seeded: Seeded
) -> None:
    enrolment.start(db, clock, content, PATIENT, seeded.patient_code)
    enrolment.choose_language(db, clock, content, PATIENT, "fr")  # PATIENT's Telegram says en
    stale = conversation.button_not_taken(db, clock, content, PATIENT, well_formed=True)
    assert stale.toast == content.render("fr", "stale_button")
    hint = conversation.text_received(db, clock, content, PATIENT, "peut-être")
    assert "Touchez un des boutons" in hint.messages[0].text
