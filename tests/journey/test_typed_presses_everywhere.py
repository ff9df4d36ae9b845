"""Every keyboard still on screen can be pressed by typing its words, not only the newest,
and a typed press or answer clears the question's buttons exactly as the tap does; a
command typed in words while an answer is awaited loses neither; a warning sign typed at a
keyboard is always a warning sign. Through the real bot on the emulator."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from journey_steps import enrol_patient, give_usual_pain, link_clinician
from sqlmodel import select

from bot import jobs
from bot.db.engine import session_factory
from bot.db.models import Alert, ExerciseSession, Patient, ThreadMessage
from bot.demo import PATIENT_USER_ID as PAT
from bot.demo import button_data, finish_exercises
from bot.handlers.sessions import SLEEP_KEY
from emulator.records import BotMessage


def _now(live: Any, message: BotMessage) -> BotMessage:
    """``message`` as the patient sees it now (its buttons after any edit)."""
    (found,) = [m for m in live.world.bot_messages(PAT) if m.message_id == message.message_id]
    return found


def _labels(message: BotMessage) -> list[str]:
    return [label for label, _ in message.buttons_flat()]


def _notes_for_the_care_team(live: Any) -> list[str]:
    with session_factory(live.engine)() as db:
        return [m.text for m in db.exec(select(ThreadMessage)).all()]


async def _step(live: Any, session: BotMessage) -> BotMessage:
    (step,) = await live.talk.press(PAT, session, "Start ▶️", "patient")
    return step


async def test_typed_start_timer_plays_the_timer_as_the_tap_does(live) -> None:  # type: ignore[no-untyped-def]
    waits: list[float] = []

    async def instant(seconds: float) -> None:
        waits.append(seconds)

    live.application.bot_data[SLEEP_KEY] = instant
    step = await _step(live, await enrol_patient(live))
    for _ in range(2):
        (step,) = await live.talk.press(PAT, step, "Done ✅", "patient")
    assert "Start timer ⏱" in _labels(step)
    (counting,) = await live.talk.send(PAT, "start timer", "patient")
    assert "10 s" in (counting.text or "")
    over = await live.world.wait_for_bot_message(
        PAT,
        after_message_id=counting.message_id - 1,
        predicate=lambda m: "Time's up" in (m.text or ""),
    )
    assert over.message_id == counting.message_id and sum(waits) == 10
    assert "Done ✅" in _labels(_now(live, step))  # the step's buttons stay, as after a tap
    assert _notes_for_the_care_team(live) == []  # not a message for the clinician


async def test_done_typed_presses_yesterdays_open_session_under_a_newer_keyboard(live) -> None:  # type: ignore[no-untyped-def]
    session = await enrol_patient(live)
    (listed,) = await live.talk.press(
        PAT, session, "All in one message", "patient", reply=lambda m: "Done ✅" in _labels(m)
    )
    assert "Done ✅" in _labels(listed)
    live.clock.advance(timedelta(days=1))
    (menu,) = await live.talk.send(PAT, "/settings", "patient")  # the newest keyboard
    assert "Done ✅" not in _labels(menu)
    (pain,) = await live.talk.send(PAT, "done", "patient")
    assert "pain" in (pain.text or "").lower()
    assert _labels(_now(live, listed)) == []  # cleared as a tap would
    assert _labels(_now(live, menu)) != []  # the other keyboard is untouched
    with session_factory(live.engine)() as db:
        (row,) = db.exec(select(ExerciseSession)).all()
        assert row.completed_at is not None
    assert _notes_for_the_care_team(live) == []


async def test_a_typo_in_a_short_label_still_presses_it(live) -> None:  # type: ignore[no-untyped-def]
    step = await _step(live, await enrol_patient(live))
    (following,) = await live.talk.send(PAT, "doen", "patient")
    assert following.message_id != step.message_id
    assert _labels(_now(live, step)) == []
    assert _notes_for_the_care_team(live) == []


async def test_typed_no_clears_the_yes_no_buttons_as_the_tap_does(live) -> None:  # type: ignore[no-untyped-def]
    consent = await enrol_patient(live, stop_before_consent=True)
    (first,) = await live.talk.press(PAT, consent, "I agree", "patient")
    assert _labels(first) == ["Yes", "No"]
    (second,) = await live.talk.send(PAT, "no", "patient")
    assert second.message_id != first.message_id
    assert _labels(_now(live, first)) == []
    (third,) = await live.talk.send(PAT, "nope", "patient")  # a typed answer, not a label
    assert third.message_id != second.message_id
    assert _labels(_now(live, second)) == []


async def test_typed_start_clears_the_session_message_as_the_tap_does(live) -> None:  # type: ignore[no-untyped-def]
    session = await enrol_patient(live)
    assert "Start ▶️" in _labels(session)
    (step,) = await live.talk.send(PAT, "start", "patient")
    assert "Done ✅" in _labels(step)
    assert _labels(_now(live, session)) == []


async def test_help_typed_at_the_reminder_time_question_shows_help_then_asks_again(live) -> None:  # type: ignore[no-untyped-def]
    await enrol_patient(live)
    (menu,) = await live.talk.send(PAT, "/settings", "patient")
    (asked,) = await live.talk.press(PAT, menu, "Reminder time", "patient")
    helped, again = await live.talk.send(PAT, "help", "patient", replies=2)
    assert "What I can do for you" in (helped.text or "")
    assert "What time would you like" in (again.text or "") and _labels(again)
    assert _labels(_now(live, asked)) == []  # the old question gave way to the new one
    (saved,) = await live.talk.send(PAT, "7:30 pm", "patient")
    assert "7:30" in (saved.text or "")
    assert _labels(_now(live, again)) == []
    with session_factory(live.engine)() as db:
        patient = db.exec(select(Patient)).one()
        assert (str(patient.reminder_time)[:5], patient.awaiting_text) == ("19:30", None)


async def test_today_typed_while_a_note_is_awaited_runs_it_and_asks_for_the_note_again(
    live,
) -> None:  # type: ignore[no-untyped-def]

    step = await _step(live, await enrol_patient(live))
    question = await finish_exercises(live.talk, step, PAT)
    (difficulty,) = await live.talk.press(PAT, question, "3", "patient")
    await live.world.press_button(
        PAT, difficulty.message_id, data=button_data(difficulty, "About right")
    )
    await live.world.wait_for_bot_message(
        PAT, after_message_id=difficulty.message_id, predicate=lambda m: "No note" in str(m)
    )
    got = await live.talk.send(PAT, "today", "patient", replies=2)
    assert "clinician anything" in (got[-1].text or "")  # the note question again
    (saved,) = await live.talk.send(PAT, "my knee felt fine", "patient")
    with session_factory(live.engine)() as db:
        (row,) = db.exec(select(ExerciseSession)).all()
        assert row.note == "my knee felt fine"
    assert saved.text


async def test_a_warning_sign_typed_at_the_checklist_is_taken_as_typed_words_first(live) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    await enrol_patient(live)
    (checklist,) = await live.talk.send(PAT, "/warning", "patient")
    assert "Chest pain" in _labels(checklist)
    got = await live.talk.send(PAT, "chest pain", "patient", replies=2)
    assert any("911" in (m.text or "") for m in got)
    with session_factory(live.engine)() as db:
        (alert,) = db.exec(select(Alert)).all()
        assert alert.words == "chest pain"  # the safety net read it, not the button


async def test_a_typed_snooze_drops_only_the_snooze_row_and_start_clears_the_rest(live) -> None:  # type: ignore[no-untyped-def]
    tick = jobs.build_tick(live.application)
    (language,) = await live.talk.send(PAT, f"/start {live.codes.patient_code}", "patient")
    (consent,) = await live.talk.press(PAT, language, "English", "patient")
    (first,) = await live.talk.press(PAT, consent, "I agree", "patient")
    question = await live.talk.answer_all(PAT, first, ["No"] * 7, "patient")
    (enrolled,) = await live.talk.press(PAT, question, "6:00 PM", "patient")
    await give_usual_pain(live, enrolled)
    with session_factory(live.engine)() as db:
        zone = ZoneInfo(db.exec(select(Patient)).one().timezone)
    local = live.clock.now().astimezone(zone)
    due = local.replace(hour=18, minute=1, second=0, microsecond=0)
    live.clock.advance((due if due > local else due + timedelta(days=1)) - local)
    mark = live.world.last_message_id(PAT)
    await tick()
    reminder = await live.world.wait_for_bot_message(
        PAT, after_message_id=mark, predicate=lambda m: "In 30 min" in _labels(m)
    )
    assert "Start ▶️" in _labels(reminder)
    (snoozed,) = await live.talk.send(PAT, "in 30 min", "patient")
    assert "remind you" in (snoozed.text or "")  # the tap's notice, said in the chat
    left = _labels(_now(live, reminder))
    assert "Start ▶️" in left and not {"In 30 min", "In 1 hour"} & set(left)
    (step,) = await live.talk.send(PAT, "start", "patient")
    assert "Done ✅" in _labels(step)
    assert _labels(_now(live, reminder)) == []


async def test_help_typed_at_the_stop_question_ends_it_so_a_later_yes_stops_nothing(live) -> None:  # type: ignore[no-untyped-def]
    await enrol_patient(live)
    (asked,) = await live.talk.send(PAT, "/stop", "patient")
    assert "Yes, stop" in _labels(asked)
    (helped,) = await live.talk.send(PAT, "help", "patient")  # no question asked again
    assert "What I can do for you" in (helped.text or "")
    await live.talk.send(PAT, "yes", "patient")
    with session_factory(live.engine)() as db:
        patient = db.exec(select(Patient)).one()
        assert (patient.withdrawn_at, patient.awaiting_text) == (None, None)


async def test_a_french_typo_in_a_short_label_presses_it(live) -> None:  # type: ignore[no-untyped-def]
    live.world.add_user(PAT, "Pat", "fr")
    (language,) = await live.talk.send(PAT, f"/start {live.codes.patient_code}", "patient")
    (consent,) = await live.talk.press(PAT, language, "Français", "patient")
    (first,) = await live.talk.press(PAT, consent, "J'accepte", "patient")
    question = await live.talk.answer_all(PAT, first, ["Non"] * 7, "patient")
    (enrolled,) = await live.talk.press(PAT, question, "18 h", "patient")
    (saved,) = await live.talk.press(PAT, enrolled, "2", "patient")
    (session,) = await live.talk.press(PAT, saved, "Commencer la séance", "patient")
    (step,) = await live.talk.press(PAT, session, "Commencer ▶️", "patient")
    assert "Terminé ✅" in _labels(step)
    (following,) = await live.talk.send(PAT, "tremine", "patient")
    assert following.message_id != step.message_id
    assert _labels(_now(live, step)) == []
    assert _notes_for_the_care_team(live) == []
