"""End to end through the real PTB Application and the emulator: invite code to alert."""

from __future__ import annotations

import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from journey_steps import enrol_patient, link_clinician
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.app import TickSettings
from bot.clock import FastForwardClock, ManualClock
from bot.content import Content
from bot.db.models import Alert, AlertEvent, AlertState, OnboardingStep, Patient, Staff
from bot.demo import CLINICIAN_USER_ID as NURSE
from bot.demo import (
    DEMO_PEOPLE,
    DEMO_START,
    DEMO_TOKEN,
    Conversation,
    finish_exercises,
    live_bot,
    seed_demo_clinic,
    sent_at,
)
from bot.demo import PATIENT_USER_ID as PAT
from bot.demo_journey import Journey, play_journey
from bot.rules import schedule
from emulator.world import World
from scheduler import DueWork
from scheduler.models import WorkStatus


async def test_the_scripted_demo_week_happens_on_time_through_the_real_tick(
    api_schema_path: Path, engine: Engine, content: Content
) -> None:
    """The demo's journey in this process: the periodic tick sends every timed message on a
    fast-forward clock, and the database shows the ladder and the week as they happened."""
    clock = FastForwardClock(DEMO_START, 600)
    world = World(
        token=DEMO_TOKEN,
        schema_path=api_schema_path,
        clock=lambda: clock.now().timestamp(),
        answer_clock=time.monotonic,
    )
    codes = seed_demo_clinic(engine, ManualClock(DEMO_START), content)
    talk = Conversation(world, clock=clock, names=DEMO_PEOPLE)
    async with live_bot(world, engine, clock, content, tick=TickSettings(every_seconds=0.1)):
        await play_journey(Journey(talk, codes, clock, engine, content))

    with Session(engine) as db:
        patient = db.exec(select(Patient)).one()
        alert = db.exec(select(Alert)).one()
        handles = {s.id: s.handle for s in db.exec(select(Staff))}
        told = [
            (e.step, handles.get(e.target_staff_id))
            for e in db.exec(select(AlertEvent).order_by(col(AlertEvent.id)))
            if e.state == "notified"
        ]
        rows = Counter((w.kind, w.status) for w in db.exec(select(DueWork)))
    assert patient.onboarding_step == OnboardingStep.ENROLLED
    assert told == [(0, "dr-lee"), (1, "dr-roy"), (2, "front-desk")]
    assert alert.state == AlertState.RESOLVED and alert.acknowledged_by_id is not None
    assert handles[alert.acknowledged_by_id] == "front-desk"
    # Nothing was missed, retried to death or sent twice while time ran 600 times faster.
    assert not [r for r in rows if r[1] in (WorkStatus.MISSED, WorkStatus.DEAD)]
    # One session a training day (Monday to Friday), each on its own day, none doubled.
    sessions = [m for m in world.bot_messages(PAT) if (m.text or "").startswith("Time for today")]
    monday = talk.local(DEMO_START).date()
    weekdays = [monday + timedelta(days=n) for n in (0, 1, 2, 3, 4, 7)]
    assert [talk.local(sent_at(m)).date() for m in sessions] == weekdays
    assert rows[(schedule.SESSION, WorkStatus.DONE)] == len(weekdays)


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
    # the language is not known yet: the hint is in both, like the question
    assert "tap your language" in (hint.text or "") and "Touchez votre langue" in (hint.text or "")
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
    assert (checklist.text or "").lstrip("<b>").startswith("In danger, or an emergency? Call 911")
    sign = "Chest pain, pressure or tightness"  # in full in the message, short on its button
    assert sign in (checklist.text or "")
    advice, told = await live.talk.press(PAT, checklist, "Chest pain", "patient", replies=2)
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


async def test_a_typed_ack_on_the_card_then_the_patient_is_asked_to_call_the_demo_clinic(
    live,
) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    session = await enrol_patient(live)
    nurse_after = live.world.last_message_id(NURSE)
    (checklist,) = await live.talk.press(PAT, session, "Warning sign ⚠️", "patient")
    await live.talk.press(PAT, checklist, "Chest pain", "patient", replies=2)
    (card,) = await live.talk.expect(NURSE, nurse_after, 1, "clinician")
    lines = (card.text or "").splitlines()
    assert any(line.endswith("Chest pain, pressure or tightness") for line in lines)
    pat_after = live.world.last_message_id(PAT)
    (done,) = await live.talk.send(NURSE, "Ack", "clinician")  # the card is on screen
    assert "Acknowledged" in (done.text or "")
    (seen,) = await live.talk.expect(PAT, pat_after, 1, "patient")
    assert "Someone from the clinic has seen your report." in (seen.text or "")
    assert "If it is happening now, call 911." in (seen.text or "")
    pat_after = live.world.last_message_id(PAT)
    await live.talk.press(NURSE, card, "Ask patient to call us", "clinician", replies=0)
    (call,) = await live.talk.expect(PAT, pat_after, 1, "patient")
    assert "+1 613 555 0199" in (call.text or "") and "911" in (call.text or "")
