"""What a patient changes after enrolment: pause, resume, timezone, stop."""

from __future__ import annotations

from service_people import CLINICIAN, PATIENT, Seeded
from sqlmodel import Session, select

from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import Patient
from bot.services import conversation
from bot.services.enrolment import onboarding as enrolment
from bot.services.enrolment import patient_settings


def _patient(db: Session) -> Patient:
    found = db.exec(select(Patient)).one()
    db.refresh(found)
    return found


def test_pause_until_a_date_tells_the_clinician(
    db: Session, clock: ManualClock, content: Content, enrolled: Seeded
) -> None:
    enrolment.start(db, clock, content, CLINICIAN, enrolled.staff_code)  # already linked: a no-op
    reply = patient_settings.pause(db, clock, content, PATIENT, "2026-12-24")
    patient = _patient(db)
    assert patient.paused_until is not None
    assert f"{patient.paused_until:%Y-%m-%d %H:%M}" == "2026-12-24 05:00"  # local midnight
    assert "until Thursday, December 24" in reply.messages[0].text
    assert any(m.chat_id == CLINICIAN.chat_id and "paused" in m.text for m in reply.messages)


def test_an_unclear_pause_date_is_asked_again_and_nothing_changes(
    db: Session, clock: ManualClock, content: Content, enrolled: Seeded
) -> None:
    reply = patient_settings.pause(db, clock, content, PATIENT, "next thursday-ish")
    assert "didn't understand that date" in reply.messages[0].text
    assert _patient(db).paused_at is None


def test_resume_ends_the_pause(
    db: Session, clock: ManualClock, content: Content, enrolled: Seeded
) -> None:
    patient_settings.pause(db, clock, content, PATIENT, "")
    reply = patient_settings.resume(db, clock, content, PATIENT)
    assert "start again" in reply.messages[0].text
    assert _patient(db).paused_at is None
    again = patient_settings.resume(db, clock, content, PATIENT)
    assert "not paused" in again.messages[0].text


def test_a_typed_timezone_is_forgiving_about_case_and_spaces(
    db: Session, clock: ManualClock, content: Content, enrolled: Seeded
) -> None:
    patient_settings.choose_timezone(db, clock, content, PATIENT, "other")
    bad = conversation.text_received(db, clock, content, PATIENT, "Atlantis/Lost City")
    assert "don't know that place" in bad.messages[0].text
    good = conversation.text_received(db, clock, content, PATIENT, "europe/paris")
    assert "Paris" in good.messages[0].text and "Europe/" not in good.messages[0].text
    assert _patient(db).timezone == "Europe/Paris"


def test_a_city_typed_in_either_language_sets_its_timezone(
    db: Session, clock: ManualClock, content: Content, enrolled: Seeded
) -> None:
    for typed, zone in [("Londres", "Europe/"), ("st johns", "America/St_Johns")]:
        patient_settings.choose_timezone(db, clock, content, PATIENT, "other")
        conversation.text_received(db, clock, content, PATIENT, typed)
        assert _patient(db).timezone.startswith(zone)


def test_timezones_are_offered_as_cities_never_as_iana_names(
    db: Session, clock: ManualClock, content: Content, enrolled: Seeded
) -> None:
    from bot.content.dates import zone_city
    from bot.services.enrolment.patient_settings import TIMEZONE_CHOICES

    cities = [zone_city(zone, "fr") for zone in TIMEZONE_CHOICES]
    assert "St. John's" in cities and not any("/" in city or "_" in city for city in cities)


def test_stop_asks_first_and_keeping_on_changes_nothing(
    db: Session, clock: ManualClock, content: Content, enrolled: Seeded
) -> None:
    ask = patient_settings.ask_stop(db, clock, content, PATIENT)
    assert [b.data for b in ask.messages[0].buttons[0]] == ["stop:yes", "stop:no"]
    kept = patient_settings.confirm_stop(db, clock, content, PATIENT, stop=False)
    assert "Nothing has changed" in kept.messages[0].text
    assert _patient(db).withdrawn_at is None
