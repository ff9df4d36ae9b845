"""A pain press, end to end, costs a small, fixed number of SQL statements and commits.

Counted on the engine for the whole press as the real bot handles it through the emulator:
the update stored before it is queued, the use case's one transaction (its outbox rows
included), each committed row taken, sent and marked done, and the update marked handled.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from journey_steps import enrol_patient, link_clinician
from query_plans import full_scans
from sqlalchemy import Engine, event, func
from sqlmodel import Session, col, select

from bot.db.engine import make_engine
from bot.db.models import ReceivedUpdate
from bot.demo import CLINICIAN_USER_ID as NURSE
from bot.demo import PATIENT_USER_ID as PAT
from bot.demo import button_data, finish_exercises
from bot.services import outbox
from scheduler import DueWork, WorkStatus

# What a press costs today (it was 16 statements in 6 commits, and 33 in 11 for pain 9);
# a change that costs more must say why (docs/benchmarks.md, "Fast feedback").
# Live keyboards (branch typing) cost one statement per message with buttons sent: its
# message id is recorded (``keyboards.sent``) in the commit that marks its row done, so a
# typed press clears the very message it pressed. Pain 3 sends one (the difficulty
# question): 10 -> 11; pain 9 two (the patient's question and the clinician's alert card):
# 24 -> 26. No commit more. The keyboard's read and write became the pressed one's DELETE
# (with the chat's keyboards beyond the newest five) and the new one's INSERT.
MOST_FOR_PAIN_3 = {"statements": 11, "commits": 5}
MOST_FOR_PAIN_9 = {"statements": 26, "commits": 9}


@dataclass
class Tally:
    statements: list[str] = field(default_factory=list)
    parameters: list[Any] = field(default_factory=list)
    commits: int = 0

    def shown(self) -> list[str]:
        return [" ".join(s.split())[:160] for s in self.statements]


@contextmanager
def tallied(engine: Engine) -> Iterator[Tally]:
    """Every statement and commit the engine runs inside the block, from any thread."""
    tally = Tally()

    def statement(_conn: object, _cursor: object, text: str, parameters: Any, *_: Any) -> None:
        tally.statements.append(text)
        tally.parameters.append(parameters)

    def commit(_conn: object) -> None:
        tally.commits += 1

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "commit", commit)
    try:
        yield tally
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "commit", commit)


def newest_update(watcher: Engine) -> tuple[int, bool]:
    """The newest update's id, and whether it is over: marked handled (in its use case's
    commit) and every outbox row it decided sent and marked, keyboards' ids included."""
    with Session(watcher) as db:
        newest = db.exec(select(func.max(ReceivedUpdate.update_id))).one() or 0
        row = db.get(ReceivedUpdate, newest)
        sending = db.exec(
            select(func.count())
            .select_from(DueWork)
            .where(
                DueWork.kind == outbox.KIND,
                col(DueWork.status).in_([WorkStatus.PENDING, WorkStatus.CLAIMED]),
            )
        ).one()
        return newest, row is not None and row.handled_at is not None and sending == 0


async def all_handled(watcher: Engine, after: int = 0) -> int:
    """Wait until the newest update (newer than ``after``) is over (``newest_update``); its
    id."""
    deadline = time.monotonic() + 30
    while True:
        newest, handled = newest_update(watcher)
        if newest > after and handled:
            return newest
        assert time.monotonic() < deadline, "the update was never marked handled"
        await asyncio.sleep(0.02)


async def press_counted(live: Any, pain: int) -> Tally:
    """Open today's session, finish it, then press ``pain``: counted until the update is
    marked handled, which is after every message it decided was sent."""
    session = await enrol_patient(live)
    (step,) = await live.talk.press(PAT, session, "Start ▶️", "patient")
    question = await finish_exercises(live.talk, step, PAT)
    watcher = make_engine(str(live.engine.url))  # its reads are not the bot's: not counted
    try:
        before = await all_handled(watcher)  # the last Done press's own work is over
        with tallied(live.engine) as tally:
            await live.world.press_button(
                PAT, question.message_id, data=button_data(question, str(pain))
            )
            await all_handled(watcher, before)
    finally:
        watcher.dispose()
    asked = live.world.bot_messages(PAT)[-1]
    assert "How hard" in (asked.text or ""), asked.text  # the press was taken: the next question
    # Every row the press finds (the patient, the session, the keyboard, the outbox row,
    # the alert, the update) is found by an index: no statement reads a whole table.
    assert full_scans(live.engine, tally.statements, tally.parameters) == []
    return tally


async def test_a_pain_3_press_costs_at_most_eleven_statements_in_five_commits(live) -> None:  # type: ignore[no-untyped-def]
    tally = await press_counted(live, 3)
    assert len(tally.statements) <= MOST_FOR_PAIN_3["statements"], tally.shown()
    assert tally.commits <= MOST_FOR_PAIN_3["commits"]


async def test_a_pain_9_press_that_alerts_the_clinician_stays_within_its_bound(live) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    nurse_before = live.world.last_message_id(NURSE)
    tally = await press_counted(live, 9)
    assert live.world.last_message_id(NURSE) > nurse_before  # the clinician was alerted
    assert len(tally.statements) <= MOST_FOR_PAIN_9["statements"], tally.shown()
    assert tally.commits <= MOST_FOR_PAIN_9["commits"]
