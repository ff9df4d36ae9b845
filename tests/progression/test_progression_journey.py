"""End to end through the real PTB Application and the emulator: feedback, the pain model and
the clinician's approval, with the next-morning questions sent by the real scheduler tick.

Nothing waits on real time: the test moves the clock and runs the tick the APScheduler job
runs; every press goes through the emulator to the real handlers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from bot import jobs
from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import Alert, PatientExercise
from bot.demo import (
    CLINICIAN_USER_ID,
    DEMO_TOKEN,
    PATIENT_USER_ID,
    Conversation,
    DemoClinic,
    finish_exercises,
    live_bot,
    seed_demo_clinic,
)
from emulator.records import BotMessage
from emulator.world import World
from scheduler.models import DueWork
from scheduler.store import RUNNABLE
from scheduler.tick import Tick

PAT, NURSE = PATIENT_USER_ID, CLINICIAN_USER_ID
OTTAWA = ZoneInfo("America/Toronto")


@dataclass
class Live:
    world: World
    talk: Conversation
    codes: DemoClinic
    engine: Engine
    clock: ManualClock
    tick: Tick

    async def run_until(self, moment: datetime) -> None:
        """Move the clock to ``moment``, ticking whenever due work falls due on the way."""
        while (due := self._next_due()) is not None and due <= moment:
            self.clock.set(max(due, self.clock.now()))
            await self.tick()
        self.clock.set(max(moment, self.clock.now()))
        await self.tick()

    def _next_due(self) -> datetime | None:
        with Session(self.engine) as db:
            found = db.exec(
                select(func.min(DueWork.run_at)).where(col(DueWork.status).in_(RUNNABLE))
            ).one()
        return found


@pytest.fixture
async def live(
    api_schema_path: Path, engine: Engine, clock: ManualClock, content: Content
) -> AsyncIterator[Live]:
    world = World(token=DEMO_TOKEN, schema_path=api_schema_path)
    codes = seed_demo_clinic(engine, clock, content)
    async with live_bot(world, engine, clock, content) as (_server, application):
        yield Live(world, Conversation(world), codes, engine, clock, jobs.build_tick(application))


async def enrol(live: Live, *, baseline: str) -> BotMessage:
    """The clinician links; the patient enrols at 18:00 and gives their usual pain."""
    await live.talk.send(NURSE, f"/start {live.codes.staff_code}", "clinician")
    (language,) = await live.talk.send(PAT, f"/start {live.codes.patient_code}", "patient")
    (consent,) = await live.talk.press(PAT, language, "English", "patient")
    (first,) = await live.talk.press(PAT, consent, "I agree", "patient")
    question = await live.talk.answer_all(PAT, first, ["No"] * 7, "patient")
    (enrolled,) = await live.talk.press(PAT, question, "6:00 PM", "patient")
    assert "on a usual day, how much pain" in (enrolled.text or "")
    (saved,) = await live.talk.press(PAT, enrolled, baseline, "patient")
    assert "I saved it" in (saved.text or "")
    return saved


async def session(live: Live, *, pain: str, difficulty: str, replies: int = 1) -> list[BotMessage]:
    """Today's session through the buttons; the messages after the difficulty answer."""
    (overview,) = await live.talk.send(PAT, "/today", "patient")
    (step,) = await live.talk.press(PAT, overview, "Start ▶️", "patient")
    question = await finish_exercises(live.talk, step, PAT)
    (asked,) = await live.talk.press(PAT, question, pain, "patient")
    return await live.talk.press(PAT, asked, difficulty, "patient", replies=replies)


async def morning(live: Live, answer: str, *, replies: int = 1) -> list[BotMessage]:
    """The next morning at 9:00 the scheduler asks "has it settled?"; the patient answers."""
    tomorrow = live.clock.now().astimezone(OTTAWA).date() + timedelta(days=1)
    after = live.world.last_message_id(PAT)
    await live.run_until(datetime(tomorrow.year, tomorrow.month, tomorrow.day, 9, 1, tzinfo=OTTAWA))
    asked = [
        m
        for m in live.world.bot_messages(PAT)
        if m.message_id > after and (m.text or "").startswith("Good morning!")
    ]
    assert len(asked) == 1
    return await live.talk.press(PAT, asked[0], answer, "patient", replies=replies)


def levels(live: Live) -> list[int]:
    with Session(live.engine) as db:
        rows = db.exec(select(PatientExercise).order_by(col(PatientExercise.position))).all()
        return [row.level for row in rows]


async def test_three_good_days_progress_the_exercises_and_the_patient_is_told(
    live: Live,
) -> None:
    await enrol(live, baseline="2")
    for _ in range(2):
        await session(live, pain="1", difficulty="Too easy")
        await morning(live, "Yes")
        assert levels(live) == [1, 1, 1]
    await session(live, pain="1", difficulty="Too easy")
    _thanks, *told = await morning(live, "Yes", replies=4)
    assert [m.text for m in told] == [
        "Nice work! 💪 From your next session: Sit to stand, one level up.",
        "Nice work! 💪 From your next session: Heel raises, one level up.",
        "Nice work! 💪 From your next session: Standing on one leg, one level up.",
    ]
    assert levels(live) == [2, 2, 2]


async def test_pain_above_5_steps_down_at_once_and_the_patient_is_told(live: Live) -> None:
    await enrol(live, baseline="4")
    with Session(live.engine) as db:
        first = db.exec(select(PatientExercise).where(PatientExercise.position == 0)).one()
        first.level = 2
        db.add(first)
        db.commit()
    saved, told = await session(live, pain="6", difficulty="About right", replies=2)
    assert "Your answers are saved" in (saved.text or "")
    assert told.text == (
        "That was a lot for your body. From your next session: Sit to stand, one level down, "
        "so it is gentler. That's normal."
    )
    assert levels(live) == [1, 1, 1]


async def test_a_proposing_programme_waits_for_the_clinicians_approve_button(
    live: Live,
) -> None:
    await enrol(live, baseline="2")
    (plan,) = await live.talk.send(NURSE, "/plan 1 assign rotator-cuff", "clinician")
    assert "[pendulum], level 1 of 3" in (plan.text or "")
    for _ in range(2):
        await session(live, pain="0", difficulty="Too easy")
        await morning(live, "Yes")
    await session(live, pain="0", difficulty="Too easy")
    nurse_after = live.world.last_message_id(NURSE)
    await morning(live, "Yes")  # nothing changes on its own
    proposals = await live.talk.expect(NURSE, nurse_after, 3, "clinician")
    assert levels(live) == [1, 1, 1]
    assert "suggests Arm pendulum up from level 1 to 2" in (proposals[0].text or "")
    pat_after = live.world.last_message_id(PAT)
    data = proposals[0].buttons_flat()[0][1]
    assert data is not None
    query = await live.world.press_button(NURSE, proposals[0].message_id, data=data)
    assert (
        await live.world.wait_for_callback_answer(query)
    ).text == "Approved. The patient has been told."
    (told,) = await live.talk.expect(PAT, pat_after, 1, "patient")
    assert told.text == "Nice work! 💪 From your next session: Arm pendulum, one level up."
    assert levels(live) == [2, 1, 1]


async def test_answers_can_be_changed_within_the_hour_and_not_after(live: Live) -> None:
    await enrol(live, baseline="2")
    (saved,) = await session(live, pain="3", difficulty="About right")
    live.clock.advance(timedelta(minutes=30))
    again, question = await live.talk.press(PAT, saved, "Change my answers", "patient", replies=2)
    assert "answer again" in (again.text or "")
    (asked,) = await live.talk.press(PAT, question, "2", "patient")
    (saved,) = await live.talk.press(PAT, asked, "Too easy", "patient")
    live.clock.advance(timedelta(minutes=61))
    (refused,) = await live.talk.send(PAT, "/correct", "patient")
    assert (refused.text or "").startswith("Sorry, answers can be changed for one hour only.")
    (noted,) = await live.talk.send(PAT, "Felt good today", "patient")
    assert "note is saved" in (noted.text or "")


async def test_pain_3_points_over_the_usual_alerts_the_clinician_at_once(live: Live) -> None:
    await enrol(live, baseline="2")
    nurse_after = live.world.last_message_id(NURSE)
    (overview,) = await live.talk.send(PAT, "/today", "patient")
    (step,) = await live.talk.press(PAT, overview, "Start ▶️", "patient")
    question = await finish_exercises(live.talk, step, PAT)
    advice, _difficulty = await live.talk.press(PAT, question, "5", "patient", replies=2)
    assert "That is a lot of pain" in (advice.text or "")
    (alert,) = await live.talk.expect(NURSE, nurse_after, 1, "clinician")
    assert "URGENT" in (alert.text or "") and "usual 2/10" in (alert.text or "")
    with Session(live.engine) as db:
        row = db.exec(select(Alert)).one()
    assert (row.level, row.reason) == ("urgent", "pain_above_baseline")
