"""Planning in the patient's local time with zoneinfo, stored in UTC, correct across DST."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.rules import schedule
from bot.rules.schedule import Routine

NO_QUIET = time(0, 0)  # quiet hours from 00:00 to 00:00: none


def routine(zone: str, at: time, **changes: object) -> Routine:
    values: dict[str, object] = {
        "zone": ZoneInfo(zone),
        "reminder": at,
        "training_weekdays": frozenset(range(7)),
        "quiet_start": NO_QUIET,
        "quiet_end": NO_QUIET,
        "follow_up": timedelta(hours=3),
        "checkin_weekday": 0,
        "starts_on": date(2026, 1, 1),
    }
    values.update(changes)
    return Routine(**values)  # type: ignore[arg-type]


def sessions(plan: list[schedule.Occurrence]) -> list[schedule.Occurrence]:
    return [o for o in plan if o.kind == schedule.SESSION]


def local(o: schedule.Occurrence, zone: str) -> str:
    return o.due_at.astimezone(ZoneInfo(zone)).strftime("%a %d %H:%M %Z")


@pytest.mark.parametrize(
    ("zone", "first_day", "expected"),
    [
        # America/Toronto springs forward on Sunday 8 March 2026.
        ("America/Toronto", date(2026, 3, 5),
         ["Thu 05 02:30 EST", "Fri 06 02:30 EST", "Sat 07 02:30 EST", "Sun 08 03:30 EDT",
          "Mon 09 02:30 EDT", "Tue 10 02:30 EDT", "Wed 11 02:30 EDT"]),
        # Europe/Paris springs forward on Sunday 29 March 2026.
        ("Europe/Paris", date(2026, 3, 26),
         ["Thu 26 02:30 CET", "Fri 27 02:30 CET", "Sat 28 02:30 CET", "Sun 29 03:30 CEST",
          "Mon 30 02:30 CEST", "Tue 31 02:30 CEST", "Wed 01 02:30 CEST"]),
    ],
)  # fmt: skip
def test_a_0230_reminder_on_the_spring_forward_day_happens_once_at_0330(
    zone: str, first_day: date, expected: list[str]
) -> None:
    plan = sessions(schedule.week_of_occurrences(routine(zone, time(2, 30)), first_day))
    assert [local(o, zone) for o in plan] == expected


@pytest.mark.parametrize(
    ("zone", "first_day", "at", "fall_back_day"),
    [
        ("America/Toronto", date(2026, 10, 29), time(1, 30), date(2026, 11, 1)),
        ("Europe/Paris", date(2026, 10, 22), time(2, 30), date(2026, 10, 25)),
    ],
)
def test_a_reminder_in_the_repeated_hour_on_the_fall_back_day_happens_once(
    zone: str, first_day: date, at: time, fall_back_day: date
) -> None:
    plan = sessions(schedule.week_of_occurrences(routine(zone, at), first_day))
    days = [o.due_at.astimezone(ZoneInfo(zone)).date() for o in plan]
    assert len(plan) == 7 and len(set(days)) == 7
    (on_the_day,) = [o for o in plan if o.local_date == fall_back_day]
    local_time = on_the_day.due_at.astimezone(ZoneInfo(zone))
    assert local_time.time() == at and local_time.fold == 0  # the first of the two


@pytest.mark.parametrize(
    ("zone", "utc_times"),
    [
        ("America/Toronto", {"23:00"}),  # EST, UTC-5 in winter
        ("Europe/Paris", {"17:00"}),  # CET, UTC+1
        ("Asia/Kolkata", {"12:30"}),  # IST, UTC+5:30, no DST
    ],
)
def test_patients_in_different_timezones_each_get_their_own_6pm(
    zone: str, utc_times: set[str]
) -> None:
    plan = sessions(schedule.week_of_occurrences(routine(zone, time(18, 0)), date(2026, 11, 30)))
    assert len(plan) == 7
    assert {o.due_at.astimezone(UTC).strftime("%H:%M") for o in plan} == utc_times
    assert {o.due_at.astimezone(ZoneInfo(zone)).strftime("%H:%M") for o in plan} == {"18:00"}


def test_a_week_in_kolkata_is_seven_sessions_24_hours_apart_across_a_dst_weekend() -> None:
    plan = sessions(schedule.week_of_occurrences(routine("Asia/Kolkata", time(7, 0)),
                                                 date(2026, 3, 5)))  # fmt: skip
    gaps = {b.due_at - a.due_at for a, b in itertools.pairwise(plan)}
    assert gaps == {timedelta(hours=24)}


def test_sessions_fall_on_the_programmes_training_days_only() -> None:
    weekdays = schedule.training_weekdays(3)
    plan = schedule.week_of_occurrences(
        routine("America/Toronto", time(18, 0), training_weekdays=weekdays), date(2026, 11, 30)
    )
    assert [o.local_date.strftime("%a") for o in sessions(plan)] == ["Mon", "Wed", "Fri"]
    checks = [o.local_date.strftime("%a") for o in plan if o.kind == schedule.MORNING_CHECK]
    assert checks == ["Tue", "Thu", "Sat"]  # the morning after each session day


def test_a_reminder_inside_quiet_hours_moves_to_their_end() -> None:
    late = routine("America/Toronto", time(23, 0), quiet_start=time(22), quiet_end=time(8))
    (first, *_) = sessions(schedule.week_of_occurrences(late, date(2026, 11, 30)))
    assert local(first, "America/Toronto") == "Mon 30 08:00 EST"


def test_the_follow_up_comes_three_hours_later_or_just_before_quiet_hours() -> None:
    quiet = {"quiet_start": time(22), "quiet_end": time(8)}
    for at, expected in ((time(12), "15:00"), (time(18), "21:00"), (time(20), "21:30")):
        plan = schedule.week_of_occurrences(
            routine("America/Toronto", at, **quiet), date(2026, 11, 30), days=1
        )
        (follow_up,) = [o for o in plan if o.kind == schedule.FOLLOW_UP]
        assert follow_up.due_at.astimezone(ZoneInfo("America/Toronto")).strftime("%H:%M") == (
            expected
        )
    plan = schedule.week_of_occurrences(
        routine("America/Toronto", time(21, 45), **quiet), date(2026, 11, 30), days=1
    )
    assert [o.kind for o in plan if o.kind == schedule.FOLLOW_UP] == []  # no room for one


def test_the_weekly_checkin_waits_a_week_then_comes_every_week() -> None:
    weekly = routine("America/Toronto", time(18), starts_on=date(2026, 11, 30))
    plan = schedule.week_of_occurrences(weekly, date(2026, 11, 30), days=21)
    days = [o.local_date.isoformat() for o in plan if o.kind == schedule.WEEKLY_CHECKIN]
    assert days == ["2026-12-07", "2026-12-14"]


def test_a_timed_pause_plans_nothing_before_it_ends() -> None:
    now = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)
    paused = routine("America/Toronto", time(18), not_before=now + timedelta(days=3))
    upcoming = schedule.next_occurrences(paused, now)
    assert min(o.due_at for o in upcoming) > now + timedelta(days=3)


@given(
    zone=st.sampled_from(["America/Toronto", "Europe/Paris", "Asia/Kolkata", "America/St_Johns"]),
    at=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    first=st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31)),
)
def test_every_local_date_gets_exactly_one_session_at_or_just_after_its_time(
    zone: str, at: time, first: date
) -> None:
    plan = sessions(schedule.week_of_occurrences(routine(zone, at), first))
    assert [o.local_date for o in plan] == [first + timedelta(days=n) for n in range(7)]
    for o in plan:
        shown = o.due_at.astimezone(ZoneInfo(zone))
        assert shown.date() == o.local_date
        wall = datetime.combine(o.local_date, at)
        assert timedelta(0) <= shown.replace(tzinfo=None) - wall <= timedelta(hours=1)


QUIET = {"quiet_start": time(21, 0), "quiet_end": time(8, 0)}


@pytest.mark.parametrize(
    ("chosen", "offered"),
    [
        (time(22, 30), (time(20, 30), time(8, 0))),  # late evening: half an hour before 21:00
        (time(6, 0), (time(8, 0), time(20, 30))),  # early morning: the end of quiet hours
        (time(21, 0), (time(20, 30), time(8, 0))),
        (time(18, 0), ()),  # allowed: nothing to offer
    ],
)
def test_a_time_in_quiet_hours_gets_the_nearest_allowed_times_nearest_first(
    chosen: time, offered: tuple[time, ...]
) -> None:
    assert schedule.nearest_allowed(chosen, time(21, 0), time(8, 0)) == offered


@given(
    start=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    end=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    chosen=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
)
def test_the_times_offered_instead_of_a_quiet_hour_are_never_quiet(
    start: time, end: time, chosen: time
) -> None:
    offered = schedule.nearest_allowed(chosen, start, end)
    assert not any(schedule.in_quiet_hours(t, start, end) for t in offered)
    assert bool(offered) <= schedule.in_quiet_hours(chosen, start, end)


WEEKDAYS = frozenset(range(5))
FRIDAY_NOON = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)  # 12:00 in Ottawa


def test_the_session_after_fridays_is_on_monday_for_a_five_day_programme() -> None:
    five = routine("America/Toronto", time(18), training_weekdays=WEEKDAYS)
    found = schedule.first_session_after(five, FRIDAY_NOON, after=date(2026, 12, 4))
    assert found is not None and local(found, "America/Toronto") == "Mon 07 18:00 EST"


def test_a_session_still_ahead_today_is_the_next_one_unless_today_is_skipped() -> None:
    five = routine("America/Toronto", time(18), training_weekdays=WEEKDAYS)
    ahead = schedule.first_session_after(five, FRIDAY_NOON, after=date(2026, 12, 3))
    assert ahead is not None and local(ahead, "America/Toronto") == "Fri 04 18:00 EST"


def test_the_next_session_after_a_timed_pause_is_the_first_training_day_after_it() -> None:
    paused = routine(
        "America/Toronto",
        time(18),
        training_weekdays=WEEKDAYS,
        not_before=datetime(2026, 12, 19, 5, 0, tzinfo=UTC),  # Saturday, Dec 19, local midnight
    )
    found = schedule.first_session_after(paused, FRIDAY_NOON, after=date(2026, 12, 4))
    assert found is not None and local(found, "America/Toronto") == "Mon 21 18:00 EST"


def test_the_next_session_moves_to_the_end_of_quiet_hours_as_the_plan_does() -> None:
    late = routine("America/Toronto", time(22, 30), **QUIET)
    found = schedule.first_session_after(late, FRIDAY_NOON, after=date(2026, 12, 4))
    assert found is not None and local(found, "America/Toronto") == "Sat 05 08:00 EST"
