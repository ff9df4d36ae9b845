"""What a patient types is understood, through the real bot on the emulator: a command's words
without the slash are that command, a pain score in words is the score, a number off the scale
gets a clear answer, and /start under a warning-sign hold says what is happening."""

from __future__ import annotations

from journey_steps import enrol_patient, link_clinician
from sqlmodel import select

from bot.db.engine import session_factory
from bot.db.models import ExerciseSession
from bot.demo import PATIENT_USER_ID

PAT = PATIENT_USER_ID


async def test_today_and_help_typed_without_the_slash_answer_as_the_commands(live) -> None:  # type: ignore[no-untyped-def]
    await enrol_patient(live)
    (by_command,) = await live.talk.send(PAT, "/today", "patient")
    (by_words,) = await live.talk.send(PAT, "Today", "patient")
    assert by_words.text == by_command.text
    (help_command,) = await live.talk.send(PAT, "/help", "patient")
    (help_words,) = await live.talk.send(PAT, "hepl", "patient")
    assert help_words.text == help_command.text


async def test_a_pain_score_in_words_is_recorded_and_one_off_the_scale_is_explained(live) -> None:  # type: ignore[no-untyped-def]
    overview = await enrol_patient(live)
    (step,) = await live.talk.press(PAT, overview, "Start ▶️", "patient")
    while any(label == "Done ✅" for label, _ in step.buttons_flat()):
        (step,) = await live.talk.press(PAT, step, "Done ✅", "patient")
    told = await live.talk.send(PAT, "11", "patient", replies=2)
    assert "0 to 10" in (told[0].text or "")
    await live.talk.send(PAT, "about a three", "patient")
    with session_factory(live.engine)() as db:
        (session,) = db.exec(select(ExerciseSession)).all()
        assert session.pain == 3


async def test_start_under_a_warning_sign_hold_says_the_exercises_are_stopped(live) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    await enrol_patient(live)
    (checklist,) = await live.talk.send(PAT, "/warning", "patient")
    await live.talk.press(PAT, checklist, "Swollen, painful calf", "patient", replies=2)
    (started,) = await live.talk.send(PAT, "/start", "patient")
    assert "stopped" in (started.text or "") and "/today" not in (started.text or "")
