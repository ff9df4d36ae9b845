"""What the new-user trial found, played through the real bot on the emulator: /resume after a
warning-sign hold tells the truth (to the patient and the clinician), nothing routine contradicts
the hold, and a typed answer to one of the bot's own questions is taken as the answer, in
English and in French."""

from __future__ import annotations

from datetime import timedelta

import pytest
from journey_steps import enrol_patient, enrolled_in, link_clinician, to_reminder_time
from sqlmodel import select

from bot.db.engine import session_factory
from bot.db.models import AwaitedAnswer, OnboardingStep, Patient, ThreadMessage
from bot.demo import CLINICIAN_USER_ID, PATIENT_USER_ID

PAT, LEE = PATIENT_USER_ID, CLINICIAN_USER_ID
DVT_BUTTON = {"en": "Swollen, painful calf", "fr": "Mollet enflé et douloureux"}
WARNING = {"en": "Warning sign", "fr": "Signe d'alerte"}


def _patient(live) -> Patient:  # type: ignore[no-untyped-def]
    with session_factory(live.engine)() as db:
        return db.exec(select(Patient)).one()


def _thread_texts(live) -> list[str]:  # type: ignore[no-untyped-def]
    with session_factory(live.engine)() as db:
        return [m.text for m in db.exec(select(ThreadMessage)).all()]


async def _report_dvt(live, lang: str) -> None:  # type: ignore[no-untyped-def]
    (checklist,) = await live.talk.send(PAT, "/warning", "patient")
    await live.talk.press(PAT, checklist, DVT_BUTTON[lang], "patient", replies=2)


RESUMED_HELD = {
    "en": ("Your pause is over", "stay stopped", "Your exercises start again"),
    "fr": ("Votre pause est terminée", "restent arrêtés", "Vos exercices reprennent"),
}
TOLD_LEE = {"en": ("ended their pause", "stay on hold", "started their exercises again")}


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_resume_after_an_urgent_warning_sign_says_the_hold_still_stops_exercises(
    live, lang: str
) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    await enrolled_in(live, lang, open_session=True)
    await live.talk.send(PAT, "/pause", "patient")
    await _report_dvt(live, lang)
    lee_after = live.world.last_message_id(LEE)

    (resumed,) = await live.talk.send(PAT, "/resume", "patient")
    over, stopped, lie = RESUMED_HELD[lang]
    assert over in (resumed.text or "") and stopped in (resumed.text or "")
    assert lie not in (resumed.text or "")  # never "your exercises start again"
    (told,) = await live.talk.expect(LEE, lee_after, 1, "clinician")
    ended, held, started = TOLD_LEE["en"]  # the clinician reads English
    assert ended in (told.text or "") and held in (told.text or "")
    assert started not in (told.text or "")

    # The next day nothing offers the exercises while the hold is on: /today, /resume,
    # and no reminder is sent.
    pat_after = live.world.last_message_id(PAT)
    live.clock.advance(timedelta(days=1))
    (today,) = await live.talk.send(PAT, "/today", "patient")
    assert not today.buttons_flat()
    assert ("stopped" if lang == "en" else "arrêtés") in (today.text or "")
    (again,) = await live.talk.send(PAT, "/resume", "patient")
    assert again.text == today.text  # not "your exercises are not paused"
    said = [m for m in live.world.bot_messages(PAT) if m.message_id > pat_after]
    assert [m.message_id for m in said] == [today.message_id, again.message_id]


async def test_a_clinician_releasing_the_hold_lets_today_offer_the_session_again(live) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    await enrol_patient(live)
    lee_after = live.world.last_message_id(LEE)
    await _report_dvt(live, "en")
    (alert,) = await live.talk.expect(LEE, lee_after, 1, "clinician")
    live.clock.advance(timedelta(days=1))
    (held,) = await live.talk.send(PAT, "/today", "patient")
    assert "stopped" in (held.text or "") and not held.buttons_flat()
    release = next(
        t for t, _ in alert.buttons_flat() if "routine" in t.lower() or "resume" in t.lower()
    )
    pat_after = live.world.last_message_id(PAT)
    await live.talk.tap(LEE, alert, release, "clinician")
    (told,) = await live.talk.expect(PAT, pat_after, 1, "patient")
    assert "back on" in (told.text or "")
    (today,) = await live.talk.send(PAT, "/today", "patient")
    assert today.buttons_flat()  # the session is offered again


SETTINGS = {
    "en": {"language": "Language", "time": "Reminder time", "french": "français"},
    "fr": {"language": "Langue", "time": "Heure du rappel", "french": "English"},
}


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_a_typed_answer_to_a_settings_question_changes_the_setting(live, lang: str) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    await enrolled_in(live, lang, open_session=True)
    (menu,) = await live.talk.send(PAT, "/settings", "patient")
    labels = [t for t, _ in menu.buttons_flat()]
    (_time_question,) = await live.talk.press(PAT, menu, _starting(labels, "time", lang), "patient")
    (saved,) = await live.talk.send(PAT, "19h30", "patient")
    assert ("7:30 PM" if lang == "en" else "19 h 30") in (saved.text or "")
    (menu,) = await live.talk.send(PAT, "/settings", "patient")
    (language,) = await live.talk.press(PAT, menu, _starting(labels, "language", lang), "patient")
    at_enrolment = ["English", "Français"] if lang == "en" else ["Français", "English"]
    assert [t for t, _ in language.buttons_flat()] == at_enrolment  # the same order as then
    other = "fr" if lang == "en" else "en"
    typed = "français" if lang == "en" else "anglais"
    await live.talk.send(PAT, typed, "patient")
    assert _patient(live).language == other
    assert _patient(live).awaiting_text is None
    assert _thread_texts(live) == []  # neither answer went to the care team as a message


def _starting(labels: list[str], what: str, lang: str) -> str:
    words = {"time": {"en": "Reminder", "fr": "Heure"}, "language": {"en": "Lang", "fr": "Lang"}}
    return next(t for t in labels if words[what][lang] in t)


@pytest.mark.parametrize(
    ("lang", "typed", "shown"), [("en", "7:30 pm", "7:30 PM"), ("fr", "19h30", "19 h 30")]
)
async def test_a_typed_time_is_taken_at_the_first_reminder_question(
    live, lang: str, typed: str, shown: str
) -> None:  # type: ignore[no-untyped-def]
    if lang == "fr":
        live.world.add_user(PAT, "Pat", "fr")
    await to_reminder_time(live, lang)
    (enrolled,) = await live.talk.send(PAT, typed, "patient")  # no "another time" first
    assert shown in (enrolled.text or "")
    assert _patient(live).onboarding_step == OnboardingStep.ENROLLED


async def test_a_text_at_the_reminder_question_gets_a_time_hint_not_a_yes_no_one(live) -> None:  # type: ignore[no-untyped-def]
    live.world.add_user(PAT, "Pat", "fr")
    await to_reminder_time(live, "fr")
    hint, question = await live.talk.send(PAT, "je ne sais pas encore", "patient", replies=2)
    assert "heure" in (hint.text or "") and "oui" not in (hint.text or "")
    assert question.buttons_flat()  # the question again, with its times


async def test_the_hint_inside_the_bilingual_language_question_is_bilingual(live) -> None:  # type: ignore[no-untyped-def]
    await live.talk.send(PAT, f"/start {live.codes.patient_code}", "patient")
    hint, again = await live.talk.send(PAT, "hello?", "patient", replies=2)
    assert "English or French" in (hint.text or "") and "français ou anglais" in (hint.text or "")
    assert [t for t, _ in again.buttons_flat()] == ["English", "Français"]
    (consent,) = await live.talk.send(PAT, "Français", "patient")  # typed, it is the answer
    assert "J'accepte" in [t for t, _ in consent.buttons_flat()]


@pytest.mark.parametrize(("lang", "yes"), [("en", "yes"), ("fr", "oui")])
async def test_a_typed_yes_after_stop_is_the_confirmation(live, lang: str, yes: str) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    await enrolled_in(live, lang, open_session=True)
    (_confirm,) = await live.talk.send(PAT, "/stop", "patient")
    assert _patient(live).awaiting_text == AwaitedAnswer.STOP_CONFIRM
    await live.talk.send(PAT, yes, "patient")
    assert _patient(live).onboarding_step == OnboardingStep.WITHDRAWN
    assert _thread_texts(live) == []


async def test_any_other_text_ends_the_stop_question_so_a_later_yes_stops_nothing(live) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    await enrol_patient(live)
    await live.talk.send(PAT, "/stop", "patient")
    await live.talk.send(PAT, "actually, can I ask my clinician something first?", "patient")
    await live.talk.send(PAT, "yes", "patient")
    assert _patient(live).onboarding_step == OnboardingStep.ENROLLED


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_a_typed_city_is_confirmed_as_that_city(live, lang: str) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    await enrolled_in(live, lang, open_session=True)
    (menu,) = await live.talk.send(PAT, "/settings", "patient")
    zone_label = next(t for t, _ in menu.buttons_flat() if t.startswith(("Time", "Fuseau")))
    (_zones,) = await live.talk.press(PAT, menu, zone_label, "patient")
    (done,) = await live.talk.send(PAT, "Montréal", "patient")  # typed at the buttons
    assert "Montréal" in (done.text or "") and "Toronto" not in (done.text or "")
    assert _patient(live).timezone in ("America/Montreal", "America/Toronto")


@pytest.mark.parametrize(("lang", "held"), [("en", "stopped"), ("fr", "arrêtés")])
async def test_a_settings_change_under_a_hold_says_the_reminder_does_not_come(
    live, lang: str, held: str
) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    await enrolled_in(live, lang, open_session=True)
    await _report_dvt(live, lang)
    (menu,) = await live.talk.send(PAT, "/settings", "patient")
    labels = [t for t, _ in menu.buttons_flat()]
    await live.talk.press(PAT, menu, _starting(labels, "time", lang), "patient")
    (saved,) = await live.talk.send(PAT, "19h30", "patient")
    assert ("7:30 PM" if lang == "en" else "19 h 30") in (saved.text or "")
    assert held in (saved.text or "")  # and the hold is named, not hidden behind the time
    # The truth first: the time is saved; no reminder is promised while none comes.
    assert not any(promise in (saved.text or "") for promise in ("I'll remind", "Je vous enverrai"))
