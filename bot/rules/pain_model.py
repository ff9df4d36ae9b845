"""The pain-monitoring model (clinical-rules section 3): progress, hold or step down one
exercise, and when pain must reach the clinician.

Pure rules: plain dataclasses in, a decision with its reasons out. Every number is a
``PainThresholds`` field, read from ``content/rules/pain.yaml`` (each with its ``source:``);
a clinic overrides any of them there, and a clinician for one patient (``overridden``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Protocol

from bot.rules.levels import AlertLevel


class _Valued(Protocol):
    """One threshold as the content gives it: its number (its source stays in the content)."""

    @property
    def value(self) -> int: ...


class PainRules(Protocol):
    """The shape of ``content/rules/pain.yaml`` these rules read: plain data, any loader."""

    @property
    def alert_urgent_at(self) -> int: ...

    @property
    def thresholds(self) -> Mapping[str, _Valued]: ...

    @property
    def clinics(self) -> Mapping[str, Mapping[str, _Valued]]: ...


@dataclass(frozen=True)
class PainThresholds:
    """The numbers of the model. Pain is on the 0-10 scale; counts are sessions or days."""

    pain_safe_max: int  # 0-2 is safe
    pain_acceptable_max: int  # up to 5 is acceptable, above is too much
    good_sessions_to_progress: int  # progress after 2-3 good sessions in a row
    difficulty_easy_max: int  # a 0-10 difficulty rating this low counts as easy
    morning_rise_points: int  # weekly morning pain up this much is "rising"
    alert_urgent_at: int  # pain this high is an URGENT alert
    urgent_rise_over_baseline: int  # pain this far above baseline in a day is URGENT
    step_downs_for_routine: int  # this many step-downs in a row is a ROUTINE notice
    baseline_rise_points: int  # baseline up this much...
    baseline_rise_days: int  # ...for this many days is a ROUTINE notice

    def __post_init__(self) -> None:
        for name in ("pain_safe_max", "pain_acceptable_max", "difficulty_easy_max"):
            _check_range(name, getattr(self, name), 0, 10)
        for name in ("alert_urgent_at", "urgent_rise_over_baseline", "baseline_rise_points"):
            _check_range(name, getattr(self, name), 1, 10)
        for name in ("good_sessions_to_progress", "step_downs_for_routine", "morning_rise_points"):
            _check_range(name, getattr(self, name), 1, 10)
        _check_range("baseline_rise_days", self.baseline_rise_days, 1, 60)
        if self.pain_safe_max > self.pain_acceptable_max:
            raise ValueError("pain_safe_max must not be above pain_acceptable_max")

    @classmethod
    def from_values(cls, values: Mapping[str, int]) -> PainThresholds:
        """Thresholds from a complete name -> value mapping; a missing or unknown name fails."""
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - names)
        missing = sorted(names - set(values))
        if unknown:
            raise ValueError(f"unknown pain threshold(s): {', '.join(unknown)}")
        if missing:
            raise ValueError(f"missing pain threshold(s): {', '.join(missing)}")
        return cls(**dict(values))

    def overridden(self, *overrides: Mapping[str, int] | None) -> PainThresholds:
        """These thresholds with overrides applied in order (clinic first, then patient).

        An unknown name is an error, so a typo never silently keeps the default.
        """
        names = {f.name for f in fields(self)}
        result = self
        for layer in overrides:
            if not layer:
                continue
            unknown = sorted(set(layer) - names)
            if unknown:
                raise ValueError(f"unknown pain threshold(s): {', '.join(unknown)}")
            result = replace(result, **dict(layer))
        return result


THRESHOLD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(PainThresholds))


def thresholds_for(
    rules: PainRules, clinic: str | None = None, patient: Mapping[str, int] | None = None
) -> PainThresholds:
    """The thresholds for one patient: shipped values, then the clinic's, then the patient's."""
    if "alert_urgent_at" in rules.thresholds:
        raise ValueError("alert_urgent_at is set once, at the top of pain.yaml")
    shipped = {name: t.value for name, t in rules.thresholds.items()}
    shipped["alert_urgent_at"] = rules.alert_urgent_at
    clinic_values = {name: t.value for name, t in rules.clinics.get(clinic or "", {}).items()}
    return PainThresholds.from_values(shipped).overridden(clinic_values, patient)


class Difficulty(StrEnum):
    """How hard the session felt: the three buttons (``bot.callbacks.DIFFICULTIES``)."""

    EASY = "easy"
    RIGHT = "right"
    HARD = "hard"


@dataclass(frozen=True)
class SessionReport:
    """What the patient said about one session of one exercise."""

    pain: int  # during the exercise, 0-10
    difficulty: Difficulty | None = None
    all_sets_done: bool = True
    difficulty_rating: int | None = None  # optional 0-10 rating
    settled_next_morning: bool | None = None  # None: not answered yet

    def __post_init__(self) -> None:
        _check_range("pain", self.pain, 0, 10)
        if self.difficulty_rating is not None:
            _check_range("difficulty_rating", self.difficulty_rating, 0, 10)


class Action(StrEnum):
    PROGRESS = "progress"
    HOLD = "hold"
    STEP_DOWN = "step_down"


class Reason(StrEnum):
    """Why the model decided what it did, in words a clinician's summary can use."""

    PAIN_ABOVE_ACCEPTABLE = "pain_above_acceptable"
    NOT_SETTLED_BY_MORNING = "not_settled_by_morning"
    MORNING_PAIN_RISING = "morning_pain_rising"
    PATIENT_SAYS_TOO_HARD = "patient_says_too_hard"
    PAIN_IN_HOLD_BAND = "pain_in_hold_band"
    AWAITING_NEXT_MORNING = "awaiting_next_morning"
    GOOD_SESSIONS_IN_A_ROW = "good_sessions_in_a_row"
    NOT_ENOUGH_GOOD_SESSIONS = "not_enough_good_sessions"
    AT_HARDEST_LEVEL = "at_hardest_level"
    AT_EASIEST_LEVEL = "at_easiest_level"


class StepMode(StrEnum):
    """A programme setting: apply a level change at once, or propose it to the clinician."""

    AUTOMATIC = "automatic"
    PROPOSE = "propose"


@dataclass(frozen=True)
class ExerciseHistory:
    """One exercise of one patient: its level, and its sessions at that level, oldest first."""

    level: int
    top_level: int
    sessions: Sequence[SessionReport]
    weekly_morning_pain: Sequence[float] = ()  # average morning pain per week, oldest first
    step_mode: StepMode = StepMode.AUTOMATIC

    def __post_init__(self) -> None:
        _check_range("level", self.level, 1, self.top_level)


@dataclass(frozen=True)
class Decision:
    """What happens to the exercise's level, and why."""

    action: Action
    from_level: int
    to_level: int
    reasons: tuple[Reason, ...]
    needs_approval: bool  # the programme proposes level changes to the clinician
    tell_clinician: bool  # the patient said "too hard": the clinician is told

    @property
    def changes_level(self) -> bool:
        return self.to_level != self.from_level


def is_good_session(report: SessionReport, limits: PainThresholds) -> bool:
    """A session that counts towards progress: every set done, easy, pain acceptable, settled."""
    easy = report.difficulty is Difficulty.EASY or (
        report.difficulty is not Difficulty.HARD
        and report.difficulty_rating is not None
        and report.difficulty_rating <= limits.difficulty_easy_max
    )
    return (
        report.all_sets_done
        and easy
        and report.pain <= limits.pain_acceptable_max
        and report.settled_next_morning is True
    )


def morning_pain_rising(weekly_morning_pain: Sequence[float], limits: PainThresholds) -> bool:
    """Whether the latest week's morning pain is up on the week before (by the threshold)."""
    if len(weekly_morning_pain) < 2:
        return False
    return weekly_morning_pain[-1] - weekly_morning_pain[-2] >= limits.morning_rise_points


def decide(history: ExerciseHistory, limits: PainThresholds) -> Decision:
    """Progress, hold or step down one exercise after its latest session.

    Step down (one level) when pain was above the acceptable limit, had not settled by the
    next morning, or weekly morning pain is rising. Otherwise hold when the patient said
    "too hard", when pain was in the hold band (3-5) or the morning answer is not in yet.
    Otherwise progress (one level) after enough good sessions in a row. Where "hold at 3-5"
    and "progress after good sessions" overlap, hold wins: it is the safer reading.
    """
    if not history.sessions:
        return _decision(history, Action.HOLD, (Reason.NOT_ENOUGH_GOOD_SESSIONS,))
    latest = history.sessions[-1]
    down: list[Reason] = []
    if latest.pain > limits.pain_acceptable_max:
        down.append(Reason.PAIN_ABOVE_ACCEPTABLE)
    if latest.settled_next_morning is False:
        down.append(Reason.NOT_SETTLED_BY_MORNING)
    if morning_pain_rising(history.weekly_morning_pain, limits):
        down.append(Reason.MORNING_PAIN_RISING)
    if down:
        if history.level == 1:
            down.append(Reason.AT_EASIEST_LEVEL)
        return _decision(history, Action.STEP_DOWN, tuple(down))

    hold: list[Reason] = []
    if latest.difficulty is Difficulty.HARD:
        hold.append(Reason.PATIENT_SAYS_TOO_HARD)
    if latest.pain > limits.pain_safe_max:
        hold.append(Reason.PAIN_IN_HOLD_BAND)
    if latest.settled_next_morning is None:
        hold.append(Reason.AWAITING_NEXT_MORNING)
    if hold:
        return _decision(history, Action.HOLD, tuple(hold))

    streak = good_streak(history.sessions, limits)
    if streak < limits.good_sessions_to_progress:
        return _decision(history, Action.HOLD, (Reason.NOT_ENOUGH_GOOD_SESSIONS,))
    if history.level >= history.top_level:
        return _decision(history, Action.HOLD, (Reason.AT_HARDEST_LEVEL,))
    return _decision(history, Action.PROGRESS, (Reason.GOOD_SESSIONS_IN_A_ROW,))


def good_streak(sessions: Sequence[SessionReport], limits: PainThresholds) -> int:
    """How many of the latest sessions in a row were good."""
    count = 0
    for report in reversed(sessions):
        if not is_good_session(report, limits):
            break
        count += 1
    return count


@dataclass(frozen=True)
class Notice:
    """A pain finding for the clinician: its alert level and why."""

    level: AlertLevel
    reason: str


def urgent_pain_alert(
    pain_today: int, baseline: int | None, limits: PainThresholds
) -> Notice | None:
    """URGENT when today's pain is 8 or more, or 3 or more above the patient's baseline."""
    _check_range("pain", pain_today, 0, 10)
    if pain_today >= limits.alert_urgent_at:
        return Notice(AlertLevel.URGENT, "pain_high")
    if baseline is not None and pain_today - baseline >= limits.urgent_rise_over_baseline:
        return Notice(AlertLevel.URGENT, "pain_above_baseline")
    return None


@dataclass(frozen=True)
class BaselineReading:
    """The patient's usual pain as given on ``day``: at onboarding, then at weekly check-ins."""

    day: date
    pain: int


def routine_pain_notice(
    recent_actions: Sequence[Action],
    baseline_readings: Sequence[BaselineReading],
    today: date,
    limits: PainThresholds,
) -> Notice | None:
    """ROUTINE when the latest decisions were step-downs in a row (2 by default), or the
    baseline has stayed at least 2 points above the first one for a week or more."""
    needed = limits.step_downs_for_routine
    if len(recent_actions) >= needed and all(
        a is Action.STEP_DOWN for a in recent_actions[-needed:]
    ):
        return Notice(AlertLevel.ROUTINE, "step_downs_in_a_row")
    readings = sorted(baseline_readings, key=lambda r: r.day)
    if len(readings) < 2:
        return None
    reference = readings[0].pain
    raised_since: date | None = None
    for reading in readings[1:]:
        if reading.pain - reference >= limits.baseline_rise_points:
            raised_since = raised_since or reading.day
        else:
            raised_since = None
    if raised_since is not None and today - raised_since >= timedelta(
        days=limits.baseline_rise_days
    ):
        return Notice(AlertLevel.ROUTINE, "baseline_rising")
    return None


def _decision(history: ExerciseHistory, action: Action, reasons: tuple[Reason, ...]) -> Decision:
    step = {Action.PROGRESS: 1, Action.HOLD: 0, Action.STEP_DOWN: -1}[action]
    to_level = max(1, min(history.top_level, history.level + step))
    return Decision(
        action=action,
        from_level=history.level,
        to_level=to_level,
        reasons=reasons,
        needs_approval=to_level != history.level and history.step_mode is StepMode.PROPOSE,
        tell_clinician=Reason.PATIENT_SAYS_TOO_HARD in reasons,
    )


def _check_range(name: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        raise ValueError(f"{name} must be {low}-{high}, got {value}")
