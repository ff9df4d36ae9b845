"""``companion run`` on the wall clock sends the daily session by itself, on time.

The release that passed every test yet never sent a session drove the tick by hand in
each test; here nothing drives it but the running program.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from process_harness import Deploy
from process_steps import (
    PATIENT,
    reach_reminder_time,
    session_content,
    session_intro,
    set_up_clinic_and_start_bot,
    type_reminder_time,
)

pytestmark = pytest.mark.process

LEAD = timedelta(seconds=15)  # the typed time is at least this far ahead when it is sent


def daytime_zone(now: datetime) -> str:
    """An ``Etc/GMT`` zone where it is 13:xx now: daytime, far from quiet hours (21:00-08:00)
    and from midnight, whatever hour the tests run at. (``Etc/GMT-3`` is UTC+3.)"""
    east = 13 - now.astimezone(UTC).hour
    return "Etc/GMT" if east == 0 else f"Etc/GMT{-east:+d}"


def test_a_time_typed_a_minute_ahead_brings_todays_session_unprompted_within_that_minute(
    deploy: Deploy,
) -> None:
    deployment = deploy()
    zone_name = daytime_zone(datetime.now(UTC))
    zone = ZoneInfo(zone_name)
    # rotator-cuff's first phase is done 7 days a week, so today is a training day.
    codes = set_up_clinic_and_start_bot(deployment, timezone=zone_name, programme="rotator-cuff")
    emulator = deployment.emulator

    question = reach_reminder_time(emulator, PATIENT, codes.patient)
    now = datetime.now(zone)
    due = (now + LEAD + timedelta(minutes=1)).replace(second=0, microsecond=0)
    type_reminder_time(emulator, PATIENT, question, f"{due:%H:%M}")
    mark = emulator.mark()
    wait = (due - datetime.now(zone)).total_seconds() + 90
    intro = emulator.next_message(PATIENT, mark, session_intro, "today's session", timeout=wait)
    exercises = emulator.next_message(PATIENT, mark, session_content, "today's exercises")

    delay = intro.seen_at - due.timestamp()
    figure = (
        f"daily session due {due:%H:%M} ({zone_name}, typed at {now:%H:%M:%S}): "
        f"delivered {delay:+.1f} s after the due minute"
    )
    print(f"\n[process] {figure}")
    assert 0 <= delay < 60, figure
    assert exercises.seen_at - due.timestamp() < 60, figure
