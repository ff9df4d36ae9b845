"""The next-morning pain check and the weekly check-in (NPRS, then the patient's own PSFS)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from scheduling_world import Scheduling
from sqlmodel import select
from test_patient_schedule import MONDAY_6PM, finish_today

from bot.db.models import MorningCheck, Patient
from bot.services import conversation
from bot.services.feedback import checkins
from bot.services.patients import Visitor

TUESDAY_9AM = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
NEXT_MONDAY_6PM = MONDAY_6PM + timedelta(days=7)


def buttons(s: Scheduling) -> list[str]:
    return [b.data for m in s.outbox.messages for row in m.buttons for b in row]


async def test_the_morning_after_a_session_asks_if_the_pain_has_settled(s: Scheduling) -> None:
    patient_id = s.enrol()
    await s.run_until(MONDAY_6PM + timedelta(minutes=20))
    finish_today(s, patient_id)
    s.outbox.take()
    await s.run_until(TUESDAY_9AM + timedelta(minutes=1))
    question = next(m for m in s.outbox.messages if m.text.startswith("Good morning!"))
    assert [b.label for row in question.buttons for b in row] == ["Yes", "A bit", "No"]
    check_id = int(question.buttons[0][0].data.split(":")[1])
    with s.db() as db:
        reply = checkins.answer_settled(db, s.clock, s.content, s.patient(patient_id),
                                        check_id, "no")  # fmt: skip
        again = checkins.answer_settled(db, s.clock, s.content, s.patient(patient_id),
                                        check_id, "yes")  # fmt: skip
        stored = db.exec(select(MorningCheck)).one()
    assert "Your clinician can see your answer" in reply.messages[0].text
    assert again.toast == "You already answered this. Thank you!"
    assert stored.settled == "no"


async def test_a_typed_answer_to_the_morning_check_is_taken_like_its_button(
    s: Scheduling,
) -> None:
    patient_id = s.enrol()
    await s.run_until(MONDAY_6PM + timedelta(minutes=20))
    finish_today(s, patient_id)
    await s.run_until(TUESDAY_9AM + timedelta(minutes=1))
    who = Visitor(2001, 2001, "en")
    with s.db() as db:
        reply = conversation.text_received(db, s.clock, s.content, who, "a bit")
        stored = db.exec(select(MorningCheck)).one()
        assert stored.settled == "bit"
        assert "Your clinician can see your answer" in reply.messages[0].text
        later = conversation.text_received(db, s.clock, s.content, who, "yes")
        assert db.exec(select(MorningCheck)).one().settled == "bit"  # answered once
    assert not any("already answered" in m.text for m in later.messages)


async def test_a_typed_warning_sign_at_the_morning_check_is_not_taken_as_an_answer(
    s: Scheduling,
) -> None:
    patient_id = s.enrol()
    await s.run_until(MONDAY_6PM + timedelta(minutes=20))
    finish_today(s, patient_id)
    await s.run_until(TUESDAY_9AM + timedelta(minutes=1))
    with s.db() as db:
        conversation.text_received(
            db, s.clock, s.content, Visitor(2001, 2001, "en"), "no, I have chest pain"
        )
        assert db.exec(select(MorningCheck)).one().settled is None


async def test_no_morning_check_after_a_day_without_exercise(s: Scheduling) -> None:
    s.enrol()
    await s.run_until(TUESDAY_9AM + timedelta(hours=1))
    assert not [t for t in s.outbox.texts() if t.startswith("Good morning!")]


async def test_the_first_weekly_checkin_asks_pain_then_three_activities_then_scores(
    s: Scheduling,
) -> None:
    patient_id = s.enrol(days="0")  # Mondays only, to keep the outbox short
    await s.run_until(NEXT_MONDAY_6PM + timedelta(minutes=1))
    pain = next(m for m in s.outbox.messages if m.text.startswith("Weekly check-in"))
    checkin_id = int(pain.buttons[0][0].data.split(":")[1])
    who = Visitor(2001, 2001, "en")
    with s.db() as db:
        patient = s.patient(patient_id)
        first = checkins.answer_pain(db, s.clock, s.content, patient, checkin_id, 6)
        assert "(1 of 3)" in first.messages[0].text
        for activity in ("climbing stairs", "gardening", "walking the dog"):
            reply = conversation.text_received(db, s.clock, s.content, who, activity)
        score_question = reply.messages[-1]
        assert "climbing stairs" in score_question.text
        for score in (3, 5, 7):
            _, activity_id, _ = score_question.buttons[0][0].data.split(":")[1:]
            done = checkins.answer_psfs(db, s.clock, s.content, s.patient(patient_id),
                                        checkin_id, int(activity_id), score)  # fmt: skip
            score_question = done.messages[-1]
        assert done.messages[-1].text.startswith("Thank you! Your check-in is saved")
        (week,) = checkins.trend(db, patient_id)
        assert db.get(Patient, patient_id).awaiting_text is None  # type: ignore[union-attr]
    assert week.local_date == date(2026, 12, 7) and week.pain == 6
    assert week.activities == {"climbing stairs": 3, "gardening": 5, "walking the dog": 7}
    assert week.psfs_average == 5.0


async def test_later_checkins_score_the_same_activities_without_asking_again(
    s: Scheduling,
) -> None:
    patient_id = s.enrol(days="0")
    for week in range(2):
        await s.run_until(NEXT_MONDAY_6PM + timedelta(days=7 * week, minutes=1))
        pain = next(m for m in s.outbox.messages if m.text.startswith("Weekly check-in"))
        s.outbox.take()
        checkin_id = int(pain.buttons[0][0].data.split(":")[1])
        with s.db() as db:
            reply = checkins.answer_pain(db, s.clock, s.content, s.patient(patient_id),
                                         checkin_id, 4 - week)  # fmt: skip
            if week == 0:
                for activity in ("stairs", "kneeling", "running"):
                    reply = conversation.text_received(
                        db, s.clock, s.content, Visitor(2001, 2001, "en"), activity
                    )
            for _ in range(3):
                data = reply.messages[-1].buttons[1][-1].data  # a 10
                _, activity_id, score = data.split(":")[1:]
                reply = checkins.answer_psfs(db, s.clock, s.content, s.patient(patient_id),
                                             checkin_id, int(activity_id), int(score))  # fmt: skip
    with s.db() as db:
        trend = checkins.trend(db, patient_id)
    assert [w.pain for w in trend] == [4, 3]
    assert [w.psfs_average for w in trend] == [10.0, 10.0]
