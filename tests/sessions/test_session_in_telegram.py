"""The daily session end to end: the real bot on the emulator, in English and in French."""

from __future__ import annotations

from pathlib import Path

import pytest
from session_people import Clinic
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import Alert, ExerciseLog, ExerciseSession, SessionStep
from bot.demo import DEMO_TOKEN, Conversation, live_bot
from bot.handlers.sessions import SLEEP_KEY
from emulator.world import World

LABELS = {
    "en": {
        "start": "Start ▶️",
        "done": "Done ✅",
        "skip": "Skip",
        "pain": "Pain",
        "warn": "Warning sign ⚠️",
        "timer": "Start timer ⏱",
    },
    "fr": {
        "start": "Commencer ▶️",
        "done": "Terminé ✅",
        "skip": "Passer",
        "pain": "Douleur",
        "warn": "Signe d'alerte ⚠️",
        "timer": "Lancer le minuteur ⏱",
    },
}
TEXTS = {
    "en": {
        "overview": "3 exercises",
        "first": "1 of 3. Sit to stand",
        "resumed": "Welcome back",
        "third": "3 of 3. One-leg stand",
        "pain": "How much pain",
        "over": "Time's up",
    },
    "fr": {
        "overview": "3 exercices",
        "first": "1 sur 3. Assis-debout",
        "resumed": "Bon retour",
        "third": "3 sur 3. Sur une jambe",
        "pain": "Quelle douleur",
        "over": "C'est fini",
    },
}
NURSE = 1001


@pytest.fixture
def world(api_schema_path: Path) -> World:
    world = World(token=DEMO_TOKEN, schema_path=api_schema_path)
    world.add_user(NURSE, "Lee", started=True)  # the clinician has talked to the bot before
    return world


@pytest.fixture
def clinic(engine: Engine, clock: ManualClock, content: Content) -> Clinic:
    from session_people import clinic_with_two_clinicians, enrolled_patient

    with Session(engine, expire_on_commit=False) as db:
        lee, roy = clinic_with_two_clinicians(db, clock)
        patient = enrolled_patient(db, clock, content, lee, 2001)
        other = enrolled_patient(db, clock, content, lee, 2002, language="fr")
    return Clinic(lee, roy, patient, other)


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_a_session_steps_through_done_and_skip_resumes_after_a_restart_and_a_sign_ends_it(
    lang: str,
    world: World,
    engine: Engine,
    clock: ManualClock,
    content: Content,
    clinic: Clinic,
) -> None:
    user = 2001 if lang == "en" else 2002
    label, text = LABELS[lang], TEXTS[lang]
    async with live_bot(world, engine, clock, content):
        talk = Conversation(world)
        (overview,) = await talk.send(user, "/today", "patient")
        assert text["overview"] in (overview.text or "")
        (first,) = await talk.press(user, overview, label["start"], "patient")
        assert first.kind == "animation" and text["first"] in (first.text or "")
        assert world.files  # the drawing was uploaded with sendAnimation
        (second,) = await talk.press(user, first, label["done"], "patient")
        (why,) = await talk.press(user, second, label["skip"], "patient")
        (third,) = await talk.press(user, why, label["pain"], "patient")
        assert text["third"] in (third.text or "")
    # The bot restarts: nothing of the session lived in memory.
    async with live_bot(world, engine, clock, content):
        talk = Conversation(world)
        (again,) = await talk.send(user, "/today", "patient")
        assert (again.text or "").startswith(text["resumed"]) and text["third"] in (
            again.text or ""
        )
        nurse_after = world.last_message_id(NURSE)
        (checklist,) = await talk.press(user, again, label["warn"], "patient")
        assert "911" in (checklist.text or "")
        sign = content.warning_signs.button("sudden-injury", lang)  # its short button
        await talk.press(user, checklist, sign, "patient", replies=2)  # advice, then "told"
        (alert,) = await talk.expect(NURSE, nurse_after, 1, "clinician")
        assert f"P-{user - 2001 + 1}" in (alert.text or "")
        # The sign ended the session: its Done no longer moves on to the pain question.
        refused = await talk.tap(user, again, label["done"], "patient")
        assert refused == content.render(lang, "already_answered")
    with Session(engine) as db:
        logs = db.exec(
            select(ExerciseLog)
            .where(ExerciseLog.patient_id == (1 if lang == "en" else 2))
            .order_by(col(ExerciseLog.position))
        ).all()
        assert [(log.outcome, log.skip_reason) for log in logs] == [
            ("done", None),
            ("skipped", "pain"),
            ("pending", None),
        ]
        assert db.exec(select(Alert)).one().reason == "signs"
        session = db.exec(select(ExerciseSession)).all()
        assert [s.step for s in session if s.patient_id == (1 if lang == "en" else 2)] == [
            SessionStep.STOPPED
        ]


async def test_start_timer_counts_down_in_one_edited_message(
    world: World, engine: Engine, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    waits: list[float] = []

    async def instant(seconds: float) -> None:
        waits.append(seconds)

    async with live_bot(world, engine, clock, content) as (_, application):
        application.bot_data[SLEEP_KEY] = instant
        talk = Conversation(world)
        (step,) = await talk.send(2001, "/today", "patient")
        (step,) = await talk.press(2001, step, "Start ▶️", "patient")
        for _ in range(2):
            (step,) = await talk.press(2001, step, "Done ✅", "patient")
        (counting,) = await talk.press(2001, step, "Start timer ⏱", "patient")
        assert "10 s" in (counting.text or "")
        over = await world.wait_for_bot_message(
            2001,
            after_message_id=counting.message_id - 1,
            predicate=lambda m: "Time's up" in (m.text or ""),
        )
    assert over.message_id == counting.message_id and over.edited
    assert sum(waits) == 10 and all(wait <= 5 for wait in waits)
    edits = [r for r in world.requests if r.method == "editMessageText"]
    assert len(edits) == len(waits)


async def test_a_plan_change_from_telegram_shows_in_that_patients_next_session(
    world: World, engine: Engine, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    async with live_bot(world, engine, clock, content):
        talk = Conversation(world)
        (plan,) = await talk.send(NURSE, "/plan 1 swap heel-raise calf-stretch", "clinician")
        assert "Calf stretch" in (plan.text or "")
        (mine,) = await talk.send(2001, "/today", "patient")
        (theirs,) = await talk.send(2002, "/today", "patient")
    assert "Calf stretch" in (mine.text or "") and "Heel raises" not in (mine.text or "")
    assert "Montées sur la pointe des pieds" in (theirs.text or "")
