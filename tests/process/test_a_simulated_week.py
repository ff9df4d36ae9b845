"""A week of one patient's routine, played by ``companion run`` on the accelerated clock.

The patient (written straight into the database, enrolled on Tuesday 1 December at noon,
reminder 08:00, the starter programme: Monday to Friday) and their linked clinician:

- Wednesday 08:00 the session comes; nobody starts it, so the follow-up comes at 11:00
  (3 hours later). The patient then does the session.
- Thursday 09:00 the next-morning check asks whether the pain settled (it comes only
  after a day whose exercises were done).
- Tuesday 8 December 08:00, a week after enrolment, the weekly check-in. The patient
  answers it, then reports night pain (a ROUTINE warning sign: no alert ladder).
- At the next 08:30 (clinic time) the clinician's daily digest lists it.

The clock runs 8640 times real time: a day in 10 s, the week in about 80 s. Each message
must come at its time (never early, at most the routine grace window late) and in order.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from datetime import time as clock_time
from zoneinfo import ZoneInfo

import pytest
from process_harness import Deploy, Emulator, Match, Running, Seen, SimulatedClock
from process_steps import CLINICIAN, alert_raised, follow_up, seed_population, session_content

from bot.content import Content
from bot.rules.levels import AlertLevel

pytestmark = pytest.mark.process

TORONTO = ZoneInfo("America/Toronto")
SPEED = 4320.0  # a simulated day per 20 real seconds: a stall of 1.6 s is still within the grace
ENROLLED = datetime(2026, 12, 1, 12, 0, tzinfo=TORONTO)  # a Tuesday
START = datetime(2026, 12, 1, 20, 0, tzinfo=TORONTO)  # the clock's reading at its anchor
STARTUP = 3.0  # real seconds between launching the bot and the clock reaching START
PATIENT = 2001
LATEST = timedelta(hours=2)  # DUE_GRACE_MINUTES: later than this, routine work is missed
DIGEST_AT = clock_time(8, 30)  # content/rules/escalation.yaml digest_at


def is_morning_check(message: Seen) -> bool:
    return message.has("settled:")


def is_weekly_checkin(message: Seen) -> bool:
    return message.has("wpain:")


def is_digest(message: Seen) -> bool:
    return message.has("ack:")


def next_digest(after: datetime) -> datetime:
    local = after.astimezone(TORONTO)
    at = datetime.combine(local.date(), DIGEST_AT, tzinfo=TORONTO)
    return at if at > local else at + timedelta(days=1)


def test_over_a_simulated_week_the_follow_up_morning_check_weekly_checkin_and_digest_come_in_order(
    deploy: Deploy, content: Content
) -> None:
    deployment = deploy()
    seed_population(deployment, content, patients=1, first_user_id=PATIENT,
                    seeded_at=ENROLLED, reminder=clock_time(8, 0))  # fmt: skip
    # The clock reaches START a little after the bot is launched, wherever the machine is.
    clock = deployment.clock = SimulatedClock(START, SPEED, anchor=time.time() + STARTUP)
    bot = deployment.start_bot()
    emulator = deployment.emulator

    def until(when: datetime) -> float:
        """Real seconds from now to ``when`` on the clock, plus the time it may be late."""
        return clock.real(when + LATEST) - time.time() + 10

    due = {
        "follow-up": datetime(2026, 12, 2, 11, 0, tzinfo=TORONTO),
        "morning check": datetime(2026, 12, 3, 9, 0, tzinfo=TORONTO),
        "weekly check-in": datetime(2026, 12, 8, 8, 0, tzinfo=TORONTO),
    }
    arrived: dict[str, Seen] = {}
    arrived["follow-up"] = wait(emulator, bot, follow_up, "the follow-up", until(due["follow-up"]))
    do_todays_session(emulator, arrived["follow-up"])
    arrived["morning check"] = wait(
        emulator, bot, is_morning_check, "the morning check", until(due["morning check"])
    )
    arrived["weekly check-in"] = wait(
        emulator, bot, is_weekly_checkin, "the weekly check-in", until(due["weekly check-in"])
    )
    report_night_pain(emulator, arrived["weekly check-in"])
    due["digest"] = next_digest(alert_raised(deployment, AlertLevel.ROUTINE))
    arrived["digest"] = wait(
        emulator, bot, is_digest, "the digest", until(due["digest"]), chat=CLINICIAN
    )

    late = {kind: clock.at(arrived[kind].seen_at) - due[kind] for kind in due}
    figure = "a simulated week (due, then late by, in simulated minutes): " + "; ".join(
        f"{kind} {due[kind]:%a %d %H:%M} +{late[kind].total_seconds() / 60:.0f}" for kind in due
    )
    print(f"\n[process] {figure}")
    assert all(timedelta(0) <= late[kind] <= LATEST for kind in due), figure
    order = sorted(due, key=lambda kind: arrived[kind].seen_at)
    assert order == ["follow-up", "morning check", "weekly check-in", "digest"], figure


def wait(
    emulator: Emulator,
    bot: Running,
    match: Match,
    what: str,
    timeout: float,
    *,
    chat: int = PATIENT,
) -> Seen:
    def find() -> Seen | None:
        return next(iter(emulator.messages(chat, match)), None)

    found: Seen = emulator.wait_for(what, find, timeout, watch=[bot])
    return found


def do_todays_session(emulator: Emulator, nudge: Seen) -> None:
    """Start from the follow-up, in one message (compact), done, pain 2, "about right"."""
    message = press_then(emulator, nudge, "today", session_content)
    message = press_then(emulator, message, message.button("fmt:"), lambda m: m.has("done:"))
    message = press_then(emulator, message, message.button("done:"), lambda m: m.has("pain:"))
    message = press_then(emulator, message, message.button("pain:")[:-1] + "2",
                         lambda m: m.has("diff:"))  # fmt: skip
    press_then(emulator, message, message.button("diff:").rsplit(":", 1)[0] + ":right",
               lambda m: m.has("fix:"))  # fmt: skip


def press_then(emulator: Emulator, message: Seen, data: str, reply: Match) -> Seen:
    """The patient taps ``data`` under ``message``; returns the reply that ``reply`` matches."""
    mark = emulator.mark()
    emulator.press(PATIENT, message, data)
    return emulator.next_message(PATIENT, mark, reply, f"the answer to {data.split(':')[0]}")


def report_night_pain(emulator: Emulator, checkin: Seen) -> None:
    """Pain 4 for the week, then /warning and the ROUTINE sign "night pain, weight loss"."""
    mark = emulator.mark()
    emulator.press(PATIENT, checkin, checkin.button("wpain:").rsplit(":", 1)[0] + ":4")
    emulator.next_message(PATIENT, mark, lambda _m: True, "the check-in's next question")
    mark = emulator.mark()
    emulator.say(PATIENT, "/warning")
    checklist = emulator.next_message(PATIENT, mark, lambda m: m.has("sign:"), "the checklist")
    mark = emulator.mark()
    emulator.press(PATIENT, checklist, checklist.button("sign:0:night-pain"))
    emulator.next_message(PATIENT, mark, lambda _m: True, "the answer to the sign")
