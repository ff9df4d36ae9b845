"""What the bot tells a patient about time is what the planner will do, in their language.

Played through the real bot and the emulator, in English and French. The demo clinic is in
Ottawa, quiet hours are 21:00 to 08:00, the starter programme is done 5 days a week, and
the clock starts on Monday, November 30, 2026 at 14:00.
"""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from journey_steps import LABELS, exercises_to_pain, link_clinician, to_reminder_time
from sqlmodel import select

from bot.db.engine import session_factory
from bot.db.models import OnboardingStep, Patient
from bot.demo import CLINICIAN_USER_ID as NURSE
from bot.demo import PATIENT_USER_ID as PAT
from bot.rules import schedule
from bot.services.scheduling import planning
from emulator.records import BotMessage
from scheduler.models import DueWork

OTTAWA = ZoneInfo("America/Toronto")


def _patient(live: Any) -> Patient:
    with session_factory(live.engine)() as db:
        return db.exec(select(Patient)).one()


def _planned_session_times(live: Any) -> set[time]:
    """The local times of the session rows the planner keeps for the patient."""
    with session_factory(live.engine)() as db:
        rows = db.exec(select(DueWork).where(DueWork.kind == schedule.SESSION)).all()
    return {row.due_at.astimezone(OTTAWA).time() for row in rows}


def _labels(message: BotMessage) -> list[str]:
    return [label for label, _ in message.buttons_flat()]


@pytest.mark.parametrize(
    ("lang", "typed", "refusal", "choices", "confirmed"),
    [
        (
            "en",
            "10:30pm",
            "10:30 PM is in quiet hours (9:00 PM to 8:00 AM)",
            ["8:30 PM", "8:00 AM", "Another time"],
            "I'll remind you Monday to Friday at 8:30 PM",
        ),
        (
            "fr",
            "22h30",
            "22 h 30, c'est pendant les heures calmes (de 21 h à 8 h)",
            ["20 h 30", "8 h", "Une autre heure"],
            "Je vous enverrai un rappel du lundi au vendredi à 20 h 30",
        ),
    ],
)
async def test_a_reminder_typed_in_quiet_hours_is_refused_and_the_nearest_allowed_time_is_offered(
    live: Any, lang: str, typed: str, refusal: str, choices: list[str], confirmed: str
) -> None:
    question = await to_reminder_time(live, lang)
    other = choices[-1]
    await live.talk.press(PAT, question, other, "patient")
    (refused,) = await live.talk.send(PAT, typed, "patient")
    assert refusal in (refused.text or "")
    assert _labels(refused) == choices
    patient = _patient(live)
    assert patient.reminder_time is None and patient.onboarding_step == OnboardingStep.REMINDER_TIME
    (enrolled,) = await live.talk.press(PAT, refused, choices[0], "patient")
    assert confirmed in (enrolled.text or "")
    assert _patient(live).reminder_time == time(20, 30)
    assert _planned_session_times(live) == {time(20, 30)}  # said and planned alike


@pytest.mark.parametrize(
    ("lang", "menu", "now", "typed", "choices", "changed"),
    [
        (
            "en",
            "Reminder time",
            "Your reminder comes Monday to Friday at 6:00 PM",
            "6am",
            ["8:00 AM", "8:30 PM", "Another time"],
            "Done. I'll remind you Monday to Friday at 8:00 AM.",
        ),
        (
            "fr",
            "Heure du rappel",
            "Votre rappel arrive du lundi au vendredi à 18 h",
            "6h",
            ["8 h", "20 h 30", "Une autre heure"],
            "C'est fait. Je vous enverrai un rappel du lundi au vendredi à 8 h.",
        ),
    ],
)
async def test_a_quiet_hours_time_chosen_in_settings_is_refused_and_the_old_one_is_kept(
    live: Any, lang: str, menu: str, now: str, typed: str, choices: list[str], changed: str
) -> None:
    question = await to_reminder_time(live, lang)
    await live.talk.press(PAT, question, _six(lang), "patient")
    (settings,) = await live.talk.send(PAT, "/settings", "patient")
    (ask,) = await live.talk.press(PAT, settings, menu, "patient")
    assert now in (ask.text or "")
    await live.talk.press(PAT, ask, choices[-1], "patient")
    (refused,) = await live.talk.send(PAT, typed, "patient")
    assert _labels(refused) == choices  # nearest first: 6 AM is closer to 8 AM
    assert _patient(live).reminder_time == time(18, 0)
    (done,) = await live.talk.press(PAT, refused, choices[0], "patient")
    assert (done.text or "") == changed
    assert _planned_session_times(live) == {time(8, 0)}


@pytest.mark.parametrize(
    ("lang", "preset", "confirmed", "not_said"),
    [
        ("en", "6:00 PM", "I'll remind you Monday to Friday at 6:00 PM", "every day"),
        ("fr", "18 h", "un rappel du lundi au vendredi à 18 h", "chaque jour"),
    ],
)
async def test_a_five_day_programme_is_confirmed_with_the_days_the_planner_plans(
    live: Any, lang: str, preset: str, confirmed: str, not_said: str
) -> None:
    question = await to_reminder_time(live, lang)
    assert _labels(question) == (
        ["8:00 AM", "12:00 PM", "6:00 PM", "Another time"]
        if lang == "en"
        else ["8 h", "12 h", "18 h", "Une autre heure"]
    )
    (enrolled,) = await live.talk.press(PAT, question, preset, "patient")
    assert confirmed in (enrolled.text or "") and not_said not in (enrolled.text or "")
    routine = planning.routine_of(_patient(live))
    assert routine is not None
    week = schedule.week_of_occurrences(routine, live.clock.now().astimezone(OTTAWA).date())
    assert sorted(o.local_date.weekday() for o in week if o.kind == schedule.SESSION) == [
        0,
        1,
        2,
        3,
        4,
    ]


# The checklist buttons are short (the signs in full are in the message above).
@pytest.mark.parametrize(
    ("lang", "sign_words", "held_words", "never"),
    [
        (
            "en",
            "Sudden injury",
            ("stay paused until your clinician", "stopped after the warning sign"),
            ["tomorrow", "See you"],
        ),
        (
            "fr",
            "Blessure soudaine",
            ("restent en pause", "arrêtés après le signe d'alerte"),
            ["demain", "Prochaine séance"],
        ),
    ],
)
async def test_after_pain_9_and_a_warning_sign_hold_no_next_session_is_promised(
    live: Any, lang: str, sign_words: str, held_words: tuple[str, str], never: list[str]
) -> None:
    await link_clinician(live)
    question = await to_reminder_time(live, lang)
    (enrolled,) = await live.talk.press(PAT, question, _six(lang), "patient")
    pain = await exercises_to_pain(live, enrolled, lang)
    _, difficulty = await live.talk.press(PAT, pain, "9", "patient", replies=2)
    (checklist,) = await live.talk.send(PAT, "/warning", "patient")
    sign = next(label for label in _labels(checklist) if label.startswith(sign_words))
    await live.talk.press(PAT, checklist, sign, "patient", replies=2)  # advice, then "told"
    assert _patient(live).hold_at is not None
    (complete,) = await live.talk.press(PAT, difficulty, LABELS[lang]["right"], "patient")
    (today,) = await live.talk.send(PAT, "/today", "patient")
    for message, words in zip((complete, today), held_words, strict=True):
        assert words in (message.text or "")
        assert not any(word in (message.text or "") for word in never)


@pytest.mark.parametrize(
    ("lang", "days_later", "said"),
    [
        ("en", 0, "See you tomorrow at 6:00 PM."),
        ("en", 4, "See you Monday, December 7, at 6:00 PM."),
        ("fr", 0, "Prochaine séance : demain à 18 h."),
        ("fr", 4, "Prochaine séance : le lundi 7 décembre à 18 h."),
    ],
)
async def test_after_a_session_the_bot_names_the_next_training_day_not_always_tomorrow(
    live: Any, lang: str, days_later: int, said: str
) -> None:
    live.clock.advance(timedelta(days=days_later))  # Monday, or Friday of a 5-day programme
    question = await to_reminder_time(live, lang)
    (enrolled,) = await live.talk.press(PAT, question, _six(lang), "patient")
    pain = await exercises_to_pain(live, enrolled, lang)
    (difficulty,) = await live.talk.press(PAT, pain, "2", "patient")
    (complete,) = await live.talk.press(PAT, difficulty, LABELS[lang]["right"], "patient")
    assert said in (complete.text or "")


@pytest.mark.parametrize(
    ("lang", "typed", "paused", "next_one"),
    [
        (
            "en",
            "/pause 5 days",
            "Your exercises are paused until Saturday, December 5.",
            "Your next session: Monday, December 7, at 6:00 PM.",
        ),
        (
            "fr",
            "/pause 5 jours",
            "Vos exercices sont en pause jusqu'au samedi 5 décembre.",
            "Prochaine séance : le lundi 7 décembre à 18 h.",
        ),
    ],
)
async def test_a_pause_end_date_is_written_in_the_patients_language(
    live: Any, lang: str, typed: str, paused: str, next_one: str
) -> None:
    await link_clinician(live)
    question = await to_reminder_time(live, lang)
    await live.talk.press(PAT, question, _six(lang), "patient")
    nurse_after = live.world.last_message_id(NURSE)
    (reply,) = await live.talk.send(PAT, typed, "patient")
    assert paused in (reply.text or "") and next_one in (reply.text or "")
    assert "2026-12-05" not in (reply.text or "")
    (told,) = await live.talk.expect(NURSE, nurse_after, 1, "clinician")
    assert "until Saturday, December 5" in (told.text or "")  # in the clinician's English


def _six(lang: str) -> str:
    """The 18:00 preset button, as each language writes it."""
    return "6:00 PM" if lang == "en" else "18 h"
