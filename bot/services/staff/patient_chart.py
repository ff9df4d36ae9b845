"""The picture a clinician gets with /patient: pain, sessions and PSFS over the programme.

``chart_data`` gathers the series from the database (tests check these, not pixels);
``draw`` turns them into a PNG with matplotlib's object API (a ``Figure`` saved by the Agg
renderer: no pyplot, no display, nothing global, safe in a server), in large
type for a phone, with labels in the reader's language and no name: the patient is P-n,
and their PSFS activities are "activity 1, 2, 3", never what they typed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from matplotlib import dates as mdates
from matplotlib.figure import Figure
from sqlmodel import Session, col, select

from bot.clock import Clock
from bot.content import Content
from bot.db.models import (
    ExerciseSession,
    LevelDecision,
    LevelDecisionState,
    Patient,
    PsfsActivity,
    PsfsScore,
    WeeklyCheckin,
)
from bot.rules.adherence import planned_days
from bot.services.sessions.today import local_today


@dataclass(frozen=True)
class LevelChange:
    """An exercise's level changed on ``day`` (applied, not merely proposed)."""

    day: date
    exercise: str
    from_level: int
    to_level: int


@dataclass
class ChartData:
    """The series one patient's chart is drawn from, oldest first."""

    patient_id: int
    session_pain: list[tuple[date, int]] = field(default_factory=list)
    weekly_pain: list[tuple[date, int]] = field(default_factory=list)
    # (Monday of the week, sessions done on planned days, planned days)
    weeks: list[tuple[date, int, int]] = field(default_factory=list)
    psfs: dict[int, list[tuple[date, int]]] = field(default_factory=dict)  # activity number
    level_changes: list[LevelChange] = field(default_factory=list)


def chart_data(
    db: Session, clock: Clock, content: Content, patient: Patient, lang: str
) -> ChartData:
    """Everything the chart shows about ``patient``, from enrolment to today."""
    assert patient.id is not None
    data = ChartData(patient.id)
    today = local_today(clock, patient)
    enrolled = patient.created_at.date()
    sessions = db.exec(
        select(ExerciseSession)
        .where(ExerciseSession.patient_id == patient.id)
        .order_by(col(ExerciseSession.local_date))
    ).all()
    data.session_pain = [(s.local_date, s.pain) for s in sessions if s.pain is not None]
    done = {s.local_date for s in sessions if s.completed_at is not None}
    monday = enrolled - timedelta(days=enrolled.weekday())
    while monday <= today:
        first, last = max(monday, enrolled), min(monday + timedelta(days=6), today)
        planned = planned_days(patient.training_days, first, last)
        data.weeks.append((monday, sum(1 for d in planned if d in done), len(planned)))
        monday += timedelta(days=7)
    checkins = db.exec(
        select(WeeklyCheckin)
        .where(WeeklyCheckin.patient_id == patient.id, col(WeeklyCheckin.pain).is_not(None))
        .order_by(col(WeeklyCheckin.local_date))
    ).all()
    data.weekly_pain = [(c.local_date, c.pain) for c in checkins if c.pain is not None]
    number = {
        a.id: a.position + 1
        for a in db.exec(select(PsfsActivity).where(PsfsActivity.patient_id == patient.id))
    }
    for checkin in checkins:
        for score in db.exec(select(PsfsScore).where(PsfsScore.checkin_id == checkin.id)):
            if score.activity_id in number:
                series = data.psfs.setdefault(number[score.activity_id], [])
                series.append((checkin.local_date, score.score))
    data.psfs = dict(sorted(data.psfs.items()))
    session_day = {s.id: s.local_date for s in sessions}
    for decision in db.exec(
        select(LevelDecision)
        .where(
            LevelDecision.patient_id == patient.id,
            LevelDecision.state == LevelDecisionState.APPLIED,
            LevelDecision.from_level != LevelDecision.to_level,
        )
        .order_by(col(LevelDecision.id))
    ):
        exercise = content.exercises.get(decision.exercise_id)
        name = exercise.name.get(lang, decision.exercise_id) if exercise else decision.exercise_id
        day = session_day.get(decision.session_id, decision.decided_at.date())
        data.level_changes.append(LevelChange(day, name, decision.from_level, decision.to_level))
    return data


def draw(data: ChartData, content: Content, lang: str) -> bytes:
    """The chart as a PNG: three panels sharing the programme's dates."""
    words = {key: content.render(lang, f"chart_{key}") for key in _WORDS}
    figure = Figure(figsize=(9, 12), dpi=100, layout="constrained")
    figure.suptitle(f"P-{data.patient_id}", fontsize=24, fontweight="bold")
    pain, sessions, psfs = figure.subplots(3, 1, sharex=True)
    for axes in (pain, sessions, psfs):
        axes.tick_params(labelsize=14)
        axes.grid(True, alpha=0.3)

    if data.session_pain:
        days, values = zip(*data.session_pain, strict=True)
        pain.plot(days, values, "o-", color="#c0392b", lw=2, ms=7, label=words["session_pain"])
    if data.weekly_pain:
        days, values = zip(*data.weekly_pain, strict=True)
        pain.plot(days, values, "s--", color="#2c3e50", lw=2, ms=9, label=words["weekly_pain"])
    for change in data.level_changes:
        up = change.to_level > change.from_level
        pain.axvline(change.day, color="#27ae60" if up else "#e67e22", ls=":", lw=2)
        pain.annotate(
            f"{'▲' if up else '▼'} {change.to_level}",
            (mdates.date2num(change.day), 11.2),  # type: ignore[no-untyped-call]
            fontsize=13,
            ha="center",
            va="top",
            color="#27ae60" if up else "#e67e22",
        )
    # Room above 10 for the legend (one row) and the level-change marks under it.
    pain.set_ylim(-0.5, 13.5)
    pain.set_yticks(range(0, 11, 2))
    pain.set_title(words["pain_title"], fontsize=18, loc="left")
    if data.session_pain or data.weekly_pain:
        pain.legend(fontsize=13, loc="upper left", ncol=2)

    if data.weeks:
        starts = [w[0] + timedelta(days=3) for w in data.weeks]  # the middle of each week
        sessions.bar(
            starts, [w[2] for w in data.weeks], width=5, color="#d5dbdb", label=words["planned"]
        )
        sessions.bar(
            starts, [w[1] for w in data.weeks], width=3, color="#2980b9", label=words["done"]
        )
        sessions.legend(fontsize=13, loc="upper left")
    sessions.set_title(words["sessions_title"], fontsize=18, loc="left")

    for activity, series in data.psfs.items():
        days, values = zip(*series, strict=True)
        psfs.plot(days, values, "o-", lw=2, ms=7, label=f"{words['activity']} {activity}")
    psfs.set_ylim(-0.5, 12.5)
    psfs.set_yticks(range(0, 11, 2))
    psfs.set_title(words["psfs_title"], fontsize=18, loc="left")
    if data.psfs:
        psfs.legend(fontsize=13, loc="upper left", ncol=3)
    # One tick a week, on Mondays, as the sessions panel counts weeks.
    psfs.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO))  # type: ignore[no-untyped-call]
    psfs.xaxis.set_major_formatter(mdates.DateFormatter("%m-%d"))  # type: ignore[no-untyped-call]

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


_WORDS = (
    "session_pain",
    "weekly_pain",
    "pain_title",
    "planned",
    "done",
    "sessions_title",
    "activity",
    "psfs_title",
)
