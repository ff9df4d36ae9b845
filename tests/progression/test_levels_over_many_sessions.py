"""Property: whatever the patient answers, day after day, a level moves one step at most per
session, stays on the ladder, and never goes up after a session with pain above 5."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from progression_people import (
    clinic_with_two_clinicians,
    enrolled_patient,
    levels,
    next_morning,
    play_session,
)
from sqlmodel import Session, SQLModel

from bot.clock import ManualClock
from bot.content import Content
from bot.db.engine import make_engine, session_factory

DAY = st.tuples(
    st.integers(min_value=0, max_value=10),
    st.sampled_from(["easy", "right", "hard"]),
    st.sampled_from(["yes", "bit", "no"]),
)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(days=st.lists(DAY, min_size=1, max_size=8), start_level=st.integers(1, 3))
def test_a_level_moves_one_step_at_most_per_session_and_never_up_after_pain_above_5(
    clock: ManualClock, content: Content, days: list[tuple[int, str, str]], start_level: int
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'p.sqlite3'}")
        SQLModel.metadata.create_all(engine)
        local = ManualClock(clock.now())
        with session_factory(engine)() as db:
            _play(db, local, content, days, start_level)
        engine.dispose()


def _play(
    db: Session,
    clock: ManualClock,
    content: Content,
    days: list[tuple[int, str, str]],
    start_level: int,
) -> None:
    people = clinic_with_two_clinicians(db, clock)
    patient = enrolled_patient(db, clock, content, people.lee, level=start_level)
    tops = [
        len(content.exercises[i.exercise].levels) for i in content.programmes["starter"].exercises
    ]
    for pain, difficulty, settled in days:
        before = levels(db, patient)
        session, _ = play_session(db, clock, content, patient, pain=pain, difficulty=difficulty)
        next_morning(db, clock, content, patient, session, settled)
        after = levels(db, patient)
        for old, new, top in zip(before, after, tops, strict=True):
            assert abs(new - old) <= 1
            assert 1 <= new <= top
            if pain > 5 or difficulty == "hard" or settled != "yes":
                assert new <= old
        clock.advance(timedelta(hours=9))
