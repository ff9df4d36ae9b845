"""End to end through the real PTB Application and the emulator: invite code to alert."""

from __future__ import annotations

from datetime import timedelta

from journey_steps import enrol_patient, link_clinician
from sqlmodel import Session, select

from bot.db.models import Alert, AlertState, ExerciseSession, OnboardingStep, Patient
from bot.demo import CLINICIAN_USER_ID as NURSE
from bot.demo import PATIENT_USER_ID as PAT
from bot.demo import finish_exercises, play_journey


async def test_the_scripted_demo_journey_completes(live) -> None:  # type: ignore[no-untyped-def]
    await play_journey(live.talk, live.codes)
    with Session(live.engine) as db:
        patient = db.exec(select(Patient)).one()
        session = db.exec(select(ExerciseSession)).one()
        alert = db.exec(select(Alert)).one()
    assert patient.onboarding_step == OnboardingStep.ENROLLED
    assert (session.pain, session.difficulty) == (8, "right")
    assert alert.state == AlertState.ACKNOWLEDGED and alert.notified_at is not None
    assert not [r for r in live.world.requests if r.method == "sendMessage" and "Pat" in str(r)]


async def test_the_command_menu_is_published_at_start(live) -> None:  # type: ignore[no-untyped-def]
    request = await live.world.wait_for_request("setMyCommands")
    names = [c["command"] for c in request.params["commands"]]
    assert names == [
        "today",
        "warning",
        "correct",
        "settings",
        "pause",
        "resume",
        "mydata",
        "help",
        "stop",
    ]


async def test_an_unknown_code_gets_a_clear_answer(live) -> None:  # type: ignore[no-untyped-def]
    (reply,) = await live.talk.send(PAT, "/start ZZZZZ-ZZZZZ", "patient")
    assert "don't know that code" in (reply.text or "")


async def test_an_expired_code_gets_a_clear_answer(live) -> None:  # type: ignore[no-untyped-def]
    live.clock.advance(timedelta(days=15))
    (reply,) = await live.talk.send(PAT, f"/start {live.codes.patient_code}", "patient")
    assert "expired" in (reply.text or "")


async def test_a_used_code_is_refused_to_another_account(live) -> None:  # type: ignore[no-untyped-def]
    await live.talk.send(PAT, f"/start {live.codes.patient_code}", "patient")
    (reply,) = await live.talk.send(4242, f"/start {live.codes.patient_code}", "someone")
    assert "already been used" in (reply.text or "")


async def test_text_where_a_button_is_expected_gets_the_question_again(live) -> None:  # type: ignore[no-untyped-def]
    await live.talk.send(PAT, f"/start {live.codes.patient_code}", "patient")
    hint, question = await live.talk.send(PAT, "sure", "patient", replies=2)
    assert "tap one of the buttons" in (hint.text or "")
    assert [text for text, _ in question.buttons_flat()] == ["English", "Français"]


async def test_a_button_pressed_twice_is_answered_once(live) -> None:  # type: ignore[no-untyped-def]
    consent = await enrol_patient(live, stop_before_consent=True)
    await live.talk.press(PAT, consent, "I agree", "patient")
    data = consent.buttons_flat()[0][1]
    assert data is not None
    # The keyboard is gone after the first press; an old client can still send the press.
    cleared = live.world.bot_messages(PAT)[0]
    assert cleared.buttons == []
    live.world.messages[PAT][consent.message_id].reply_markup = consent.raw["reply_markup"]
    before = live.world.last_message_id(PAT)
    query = await live.world.press_button(PAT, consent.message_id, data=data)
    answer = await live.world.wait_for_callback_answer(query)
    assert answer.text is not None and "already answered" in answer.text
    assert live.world.last_message_id(PAT) == before


async def test_the_warning_sign_button_shows_911_first_and_alerts_the_clinician(live) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    session = await enrol_patient(live)
    nurse_after = live.world.last_message_id(NURSE)
    (checklist,) = await live.talk.press(PAT, session, "Warning sign ⚠️", "patient")
    assert (checklist.text or "").lstrip("<b>").startswith("If you are in danger")
    sign = "Chest pain, pressure or tightness"
    advice, told = await live.talk.press(PAT, checklist, sign, "patient", replies=2)
    assert "911" in (advice.text or "") and "told your clinician" in (told.text or "")
    (alert,) = await live.talk.expect(NURSE, nurse_after, 1, "clinician")
    assert "EMERGENCY" in (alert.text or "") and sign in (alert.text or "")


async def test_slash_today_resumes_an_unfinished_session(live) -> None:  # type: ignore[no-untyped-def]
    session = await enrol_patient(live)
    (step,) = await live.talk.press(PAT, session, "Start ▶️", "patient")
    await finish_exercises(live.talk, step, PAT)
    (again,) = await live.talk.send(PAT, "/today", "patient")
    assert "How much pain" in (again.text or "")
    assert len(again.buttons_flat()) == 11
