"""When routine messages are due: planned in the patient's local time, stored in UTC.

Pure functions: plain data in, instants out. The wall-clock rules, including daylight
saving time (``zoneinfo`` and PEP 495 ``fold``):

- a local time that does not exist (02:30 on the spring-forward day) happens once, at the
  same distance after the gap: 03:30;
- a local time that happens twice (01:30 on the fall-back day) happens once, the first time;
- each kind happens at most once per local date: its key carries that date.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SESSION = "session"
FOLLOW_UP = "follow_up"
MORNING_CHECK = "morning_check"
WEEKLY_CHECKIN = "weekly_checkin"
SNOOZE = "snooze"
PLANNED_KINDS = (SESSION, FOLLOW_UP, MORNING_CHECK, WEEKLY_CHECKIN)
ROUTINE_KINDS = (*PLANNED_KINDS, SNOOZE)

MORNING_CHECK_AT = time(9, 0)
QUIET_MARGIN = timedelta(minutes=30)  # a follow-up pulled before quiet hours keeps this gap
HORIZON_DAYS = 9  # far enough to find the next occurrence of every kind, weekly included

# Weekdays (Monday = 0) for a programme done N days a week: spread out, weekends last.
_TRAINING_WEEKDAYS = {
    1: (2,),
    2: (1, 4),
    3: (0, 2, 4),
    4: (0, 1, 3, 4),
    5: (0, 1, 2, 3, 4),
    6: (0, 1, 2, 3, 4, 5),
    7: (0, 1, 2, 3, 4, 5, 6),
}


@dataclass(frozen=True)
class Routine:
    """What planning needs to know about one patient, and nothing else."""

    zone: ZoneInfo
    reminder: time
    training_weekdays: frozenset[int]
    quiet_start: time
    quiet_end: time
    follow_up: timedelta
    checkin_weekday: int
    starts_on: date  # no weekly check-in before a week has passed
    not_before: datetime | None = None  # the end of a timed pause


@dataclass(frozen=True)
class Occurrence:
    """One planned message: its kind, the patient's local date it belongs to, and when."""

    kind: str
    local_date: date
    due_at: datetime  # UTC


def training_weekdays(days_per_week: int) -> frozenset[int]:
    """The weekdays of a programme done ``days_per_week`` days a week."""
    return frozenset(_TRAINING_WEEKDAYS[max(1, min(7, days_per_week))])


def at_local(day: date, moment: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of ``moment`` on ``day`` in ``zone`` (DST rules in the module doc)."""
    local = datetime.combine(day, moment, tzinfo=zone).replace(fold=0)
    return local.astimezone(UTC)


def in_quiet_hours(moment: time, start: time, end: time) -> bool:
    """Whether a local time of day falls in quiet hours (which may span midnight)."""
    if start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


def session_time(routine: Routine) -> time:
    """The daily session's local time: the reminder time, or the end of quiet hours."""
    if in_quiet_hours(routine.reminder, routine.quiet_start, routine.quiet_end):
        return routine.quiet_end
    return routine.reminder


def nearest_allowed(moment: time, start: time, end: time) -> tuple[time, ...]:
    """For a time of day in quiet hours, the allowed times nearest to it, nearest first.

    They are the last one a margin before quiet hours start, and the end of quiet hours;
    a time outside quiet hours has no alternatives (``()``).
    """
    if not in_quiet_hours(moment, start, end):
        return ()
    before = (datetime.combine(date(2000, 1, 2), start) - QUIET_MARGIN).time()  # any day
    found = [t for t in (before, end) if not in_quiet_hours(t, start, end)]
    return tuple(sorted(found, key=lambda t: _minutes_apart(moment, t)))


def first_session_after(routine: Routine, now: datetime, after: date) -> Occurrence | None:
    """The first session planned on a local date after ``after`` that is still ahead.

    The same rule as ``next_occurrences`` (training days, quiet hours, a timed pause),
    looking past the day a session was just done; ``None`` when none is within a week.
    """
    earliest = max(now, routine.not_before) if routine.not_before else now
    first_day = max(after + timedelta(days=1), earliest.astimezone(routine.zone).date())
    for occurrence in week_of_occurrences(routine, first_day, days=8):
        if occurrence.kind == SESSION and occurrence.due_at > earliest:
            return occurrence
    return None


def next_occurrences(routine: Routine, now: datetime) -> list[Occurrence]:
    """The next occurrence of each planned kind that is still ahead of ``now``."""
    earliest = max(now, routine.not_before) if routine.not_before else now
    today = now.astimezone(routine.zone).date()
    found: dict[str, Occurrence] = {}
    for day in (today + timedelta(days=n) for n in range(-1, HORIZON_DAYS)):
        for occurrence in _on(routine, day):
            if occurrence.kind not in found and occurrence.due_at > earliest:
                found[occurrence.kind] = occurrence
    return sorted(found.values(), key=lambda o: (o.due_at, o.kind))


def week_of_occurrences(routine: Routine, first_day: date, days: int = 7) -> list[Occurrence]:
    """Every occurrence on ``days`` local dates from ``first_day``: the plan of a week."""
    return [o for n in range(days) for o in _on(routine, first_day + timedelta(days=n))]


def _minutes_apart(one: time, other: time) -> int:
    """How far apart two times of day are, either way round the clock."""
    gap = abs((one.hour * 60 + one.minute) - (other.hour * 60 + other.minute))
    return min(gap, 24 * 60 - gap)


def _follow_up(routine: Routine, day: date, session_at: datetime) -> datetime | None:
    """Session time plus the delay; moved earlier to stay before quiet hours, if it can."""
    follow_up = session_at + routine.follow_up
    local = follow_up.astimezone(routine.zone)
    if local.date() == day and not in_quiet_hours(
        local.time(), routine.quiet_start, routine.quiet_end
    ):
        return follow_up
    latest = at_local(day, routine.quiet_start, routine.zone) - QUIET_MARGIN
    return latest if latest >= session_at + QUIET_MARGIN else None


def _on(routine: Routine, day: date) -> Iterator[Occurrence]:
    zone = routine.zone
    session_at = at_local(day, session_time(routine), zone)
    if day.weekday() in routine.training_weekdays:
        yield Occurrence(SESSION, day, session_at)
        follow_up = _follow_up(routine, day, session_at)
        if follow_up is not None:
            yield Occurrence(FOLLOW_UP, day, follow_up)
    if (day - timedelta(days=1)).weekday() in routine.training_weekdays:
        morning = max(MORNING_CHECK_AT, routine.quiet_end)
        if not in_quiet_hours(morning, routine.quiet_start, routine.quiet_end):
            yield Occurrence(MORNING_CHECK, day, at_local(day, morning, zone))
    if day.weekday() == routine.checkin_weekday and day >= routine.starts_on + timedelta(days=7):
        yield Occurrence(WEEKLY_CHECKIN, day, session_at)
