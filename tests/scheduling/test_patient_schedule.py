"""A patient's schedule through the real tick: session, follow-up, snooze, holds and downtime."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, time, timedelta

from scheduling_world import Scheduling
from sqlmodel import select

from bot.db.models import ExerciseSession, OnboardingStep, SessionStep
from bot.rules import schedule
from bot.services.reminders import scheduled as reminders
from bot.services.scheduling import planning
from bot.services.sessions import today as sessions
from scheduler import DueWork

TIME_FOR = "Time for today's exercises"
NUDGE = "A gentle nudge"
SNOOZED = "Here is the reminder you asked for"
LATE = "Sorry, this reminder is late"
MORNING = "Good morning! You did your exercises yesterday."

MONDAY_6PM = datetime(2026, 11, 30, 23, 0, tzinfo=UTC)  # 18:00 in Ottawa


def started_with(texts: list[str], prefix: str) -> int:
    return sum(text.startswith(prefix) for text in texts)


def finish_today(s: Scheduling, patient_id: int) -> None:
    """The patient did today's exercises and answered the questions."""
    with s.db() as db:
        patient = s.patient(patient_id)
        session = db.exec(
            select(ExerciseSession).where(
                ExerciseSession.patient_id == patient_id,
                ExerciseSession.local_date == sessions.local_today(s.clock, patient),
            )
        ).one()
        session.step = SessionStep.COMPLETE
        session.completed_at = session.pain_at = s.clock.now()
        session.pain = 3
        db.add(session)
        db.commit()


def rows(s: Scheduling, patient_id: int) -> list[DueWork]:
    with s.db() as db:
        return list(db.exec(select(DueWork).where(DueWork.subject_id == patient_id)))


async def test_the_daily_session_arrives_at_the_local_reminder_time_once(s: Scheduling) -> None:
    s.enrol()
    await s.run_until(MONDAY_6PM - timedelta(minutes=5))
    assert s.outbox.take() == []
    await s.run_until(MONDAY_6PM + timedelta(minutes=30))
    texts = s.outbox.take()
    assert started_with(texts, TIME_FOR) == 1
    assert s.outbox.messages == []


async def test_one_gentle_follow_up_comes_when_the_session_is_not_done(s: Scheduling) -> None:
    s.enrol()
    await s.run_until(MONDAY_6PM + timedelta(hours=4))
    texts = s.outbox.take()
    assert started_with(texts, TIME_FOR) == 1 and started_with(texts, NUDGE) == 1


async def test_no_follow_up_comes_once_the_session_is_done(s: Scheduling) -> None:
    patient_id = s.enrol()
    await s.run_until(MONDAY_6PM + timedelta(minutes=10))
    finish_today(s, patient_id)
    await s.run_until(MONDAY_6PM + timedelta(hours=4))
    assert started_with(s.outbox.texts(), NUDGE) == 0


async def test_snooze_for_30_minutes_reminds_again_30_minutes_later(s: Scheduling) -> None:
    patient_id = s.enrol()
    await s.run_until(MONDAY_6PM)
    s.outbox.take()
    with s.db() as db:
        reply = reminders.snooze(db, s.clock, s.content, s.patient(patient_id), "30")
    assert reply.toast == "OK! I'll remind you at 6:30 PM."
    await s.run_until(MONDAY_6PM + timedelta(minutes=25))
    assert s.outbox.take() == []
    await s.run_until(MONDAY_6PM + timedelta(minutes=35))
    assert started_with(s.outbox.take(), SNOOZED) == 1


async def test_snooze_buttons_offer_30_minutes_1_hour_and_this_evening(s: Scheduling) -> None:
    s.enrol(at=time(12, 0))
    await s.run_until(datetime(2026, 11, 30, 17, 0, tzinfo=UTC))  # noon in Ottawa
    intro = next(m for m in s.outbox.messages if m.text.startswith(TIME_FOR))
    labels = [b.label for b in intro.buttons[-1]]  # the last row, under the session's
    assert labels == ["In 30 min", "In 1 hour", "This evening"]


async def test_the_daily_session_is_one_message_opened_by_the_reminder_with_snoozes_last(
    s: Scheduling,
) -> None:
    """One message a session, not two: a batch of sessions (a restart's) goes out at
    Telegram's 30 messages a second in half the time."""
    s.enrol()
    await s.run_until(MONDAY_6PM + timedelta(minutes=1))
    (session,) = s.outbox.messages
    assert session.text.startswith(TIME_FOR) and "Today's session" in session.text
    actions = [[b.data.split(":")[0] for b in row] for row in session.buttons]
    assert actions == [["go"], ["fmt"], ["warn"], ["snz", "snz", "snz"]]


async def test_snoozing_into_quiet_hours_is_refused_kindly(s: Scheduling) -> None:
    patient_id = s.enrol(at=time(21, 0))
    await s.run_until(datetime(2026, 12, 1, 3, 40, tzinfo=UTC))  # 21:40 in Ottawa
    with s.db() as db:
        reply = reminders.snooze(db, s.clock, s.content, s.patient(patient_id), "30")
    assert "won't send another reminder today" in reply.messages[0].text


async def test_a_reminder_time_in_quiet_hours_is_sent_when_they_end(s: Scheduling) -> None:
    s.enrol(at=time(23, 30))
    await s.run_until(datetime(2026, 12, 1, 12, 55, tzinfo=UTC))  # Tuesday 07:55
    assert s.outbox.take() == []  # enrolled at 09:00 Monday: Monday's 08:00 had gone
    await s.run_until(datetime(2026, 12, 1, 13, 5, tzinfo=UTC))  # Tuesday 08:05
    assert started_with(s.outbox.take(), TIME_FOR) == 1


async def test_nothing_routine_is_sent_while_paused_and_resume_plans_at_once(
    s: Scheduling,
) -> None:
    patient_id = s.enrol()
    with s.db() as db:
        planning.pause(db, s.clock, s.patient(patient_id))
    assert [r for r in rows(s, patient_id) if r.status == "pending"] == []
    await s.run_until(MONDAY_6PM + timedelta(days=2))
    assert s.outbox.take() == []
    with s.db() as db:
        planning.resume(db, s.clock, s.patient(patient_id))
    assert schedule.SESSION in {r.kind for r in rows(s, patient_id) if r.status == "pending"}
    await s.run_until(MONDAY_6PM + timedelta(days=3))
    assert started_with(s.outbox.take(), TIME_FOR) == 1


async def test_a_timed_pause_ends_by_itself(s: Scheduling) -> None:
    patient_id = s.enrol()
    with s.db() as db:
        planning.pause(db, s.clock, s.patient(patient_id), until=MONDAY_6PM + timedelta(days=1))
    await s.run_until(MONDAY_6PM + timedelta(days=1, minutes=10))
    texts = s.outbox.take()
    assert started_with(texts, TIME_FOR) == 0  # Monday and Tuesday 18:00 fall in the pause
    await s.run_until(MONDAY_6PM + timedelta(days=2, minutes=10))
    assert started_with(s.outbox.take(), TIME_FOR) == 1


async def test_a_warning_sign_hold_stops_routine_messages_until_released(s: Scheduling) -> None:
    patient_id = s.enrol()
    with s.db() as db:
        planning.hold(db, s.clock, s.patient(patient_id), reason="warning_sign")
    await s.run_until(MONDAY_6PM + timedelta(days=1, hours=4))
    assert s.outbox.take() == []
    with s.db() as db:
        planning.release_hold(db, s.clock, s.patient(patient_id))
    await s.run_until(MONDAY_6PM + timedelta(days=2, minutes=5))
    assert started_with(s.outbox.take(), TIME_FOR) == 1


async def test_a_hold_set_after_planning_still_stops_the_message_at_send_time(
    s: Scheduling,
) -> None:
    patient_id = s.enrol()
    with s.db() as db:  # as an alert would set it, without re-planning
        patient = s.patient(patient_id)
        patient.hold_at = s.clock.now()
        db.add(patient)
        db.commit()
    await s.run_until(MONDAY_6PM + timedelta(hours=4))
    assert s.outbox.take() == []


async def test_after_withdrawing_consent_nothing_more_is_sent(s: Scheduling) -> None:
    patient_id = s.enrol()
    with s.db() as db:
        patient = s.patient(patient_id)
        patient.withdrawn_at = s.clock.now()
        patient.onboarding_step = OnboardingStep.WITHDRAWN
        db.add(patient)
        db.commit()
        planning.replan(db, s.clock, patient)
    assert [r for r in rows(s, patient_id) if r.status == "pending"] == []
    await s.run_until(MONDAY_6PM + timedelta(days=8))
    assert s.outbox.take() == []


async def test_changing_the_time_replans_today_without_duplicating(s: Scheduling) -> None:
    patient_id = s.enrol()
    await s.run_until(MONDAY_6PM - timedelta(hours=1))
    with s.db() as db:
        patient = s.patient(patient_id)
        patient.reminder_time = time(20, 0)
        db.add(patient)
        db.commit()
        planning.replan(db, s.clock, patient)
        planning.replan(db, s.clock, patient)
    keys = Counter(r.key for r in rows(s, patient_id))
    assert set(keys.values()) == {1}
    await s.run_until(MONDAY_6PM + timedelta(hours=1, minutes=55))
    assert s.outbox.take() == []
    await s.run_until(MONDAY_6PM + timedelta(hours=2, minutes=5))
    assert started_with(s.outbox.take(), TIME_FOR) == 1


async def test_replanning_never_duplicates_a_row_that_is_already_due(s: Scheduling) -> None:
    patient_id = s.enrol()
    s.clock.set(MONDAY_6PM + timedelta(seconds=30))  # due, not yet ticked
    with s.db() as db:
        planning.replan(db, s.clock, s.patient(patient_id))
    await s.tick()
    assert started_with(s.outbox.take(), TIME_FOR) == 1
    sessions_today = [r for r in rows(s, patient_id) if r.key.endswith("2026-11-30")]
    assert Counter(r.kind for r in sessions_today)[schedule.SESSION] == 1


async def test_after_downtime_a_session_inside_the_grace_window_is_sent_gently(
    s: Scheduling,
) -> None:
    s.enrol()
    s.clock.set(MONDAY_6PM + timedelta(hours=1, minutes=30))  # the bot was down
    await s.tick()
    texts = s.outbox.take()
    assert started_with(texts, LATE) == 1 and started_with(texts, TIME_FOR) == 0


async def test_after_long_downtime_the_session_is_missed_and_tomorrow_still_comes(
    s: Scheduling,
) -> None:
    patient_id = s.enrol(at=time(12, 0))
    s.clock.set(datetime(2026, 11, 30, 19, 30, tzinfo=UTC))  # 14:30: 2.5 h late
    await s.tick()
    assert s.outbox.take() == []
    assert "missed" in {r.status for r in rows(s, patient_id) if r.kind == schedule.SESSION}
    await s.run_until(datetime(2026, 12, 1, 17, 5, tzinfo=UTC))  # Tuesday 12:05
    assert started_with(s.outbox.take(), TIME_FOR) == 1


async def test_a_week_of_routine_messages_in_ottawa(s: Scheduling) -> None:
    s.enrol(days="01234")  # Monday to Friday
    await s.run_until(MONDAY_6PM + timedelta(days=7, hours=4))
    texts = s.outbox.take()
    assert started_with(texts, TIME_FOR) == 6  # Mon-Fri, and next Monday
    assert started_with(texts, NUDGE) == 6  # nothing was done, so one nudge each day
    assert started_with(texts, "Weekly check-in") == 1  # one week after enrolling
    assert started_with(texts, MORNING) == 0  # no exercise was done, so nothing to ask
