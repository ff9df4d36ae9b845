"""Answers to the scheduled questions: the next-morning pain check and the weekly check-in.

The weekly check-in asks pain (NPRS 0-10), then a 0-10 score for each of the patient's own
three PSFS activities (Stratford 1995), which they name, in their words, at the first
check-in. Every answer is stored as it is given and checked against the row it names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.db.models import (
    AwaitedAnswer,
    CheckinStep,
    MorningCheck,
    Patient,
    PsfsActivity,
    PsfsScore,
    WeeklyCheckin,
)
from bot.services.feedback import answers as feedback
from bot.services.outgoing import Button, Message, Reply
from bot.services.programmes import progression

AWAITING_ACTIVITY = AwaitedAnswer.PSFS_ACTIVITY
PSFS_ACTIVITIES = 3
SETTLED_ANSWERS = ("yes", "bit", "no")


@dataclass(frozen=True)
class WeekScore:
    """One week of the trend a clinician sees."""

    local_date: date
    pain: int | None
    activities: dict[str, int]  # activity label -> 0-10

    @property
    def psfs_average(self) -> float | None:
        scores = list(self.activities.values())
        return round(sum(scores) / len(scores), 1) if scores else None


def morning_question(
    content: Content, patient: Patient, check: MorningCheck, *, late: bool = False
) -> Message:
    """Has yesterday's exercise pain settled? yes / a bit / no."""
    lang = patient.language
    row = tuple(
        Button(content.label(lang, f"settled_{a}"), callbacks.data(callbacks.SETTLED, check.id, a))
        for a in SETTLED_ANSWERS
    )
    key = "morning_check_late" if late else "morning_check"
    return Message(patient.chat_id, content.render(lang, key), (row,))


MORNING_ANSWER_WAITS = timedelta(hours=24)  # a typed "yes" the day after is not taken as it


def waiting_morning_check(db: Session, clock: Clock, patient: Patient) -> MorningCheck | None:
    """The next-morning question asked in the last day and not answered yet, if any."""
    return db.exec(
        select(MorningCheck)
        .where(
            MorningCheck.patient_id == patient.id,
            col(MorningCheck.settled).is_(None),
            MorningCheck.asked_at >= clock.now() - MORNING_ANSWER_WAITS,
        )
        .order_by(col(MorningCheck.asked_at).desc())
    ).first()


def answer_settled(
    db: Session, clock: Clock, content: Content, patient: Patient, check_id: int, answer: str
) -> Reply:
    """Store the next-morning answer; it feeds the pain model."""
    check = db.get(MorningCheck, check_id)
    lang = patient.language
    if check is None or check.patient_id != patient.id or answer not in SETTLED_ANSWERS:
        return Reply(toast=content.render(lang, "stale_button"), clear_buttons=True)
    if check.settled is not None:
        return Reply(toast=content.render(lang, "already_answered"), clear_buttons=True)
    check.settled = answer
    check.answered_at = clock.now()
    db.add(check)
    db.flush()
    key = "morning_thanks_settled" if answer == "yes" else "morning_thanks_not_settled"
    reply = Reply(clear_buttons=True, toast=content.render(lang, "choice_saved"))
    reply.send(patient.chat_id, content.render(lang, key))
    # The pain model decides again with this answer (bot/services/programmes/progression.py).
    reply.messages += progression.after_morning(db, clock, content, patient, check)
    return reply


def pain_question(content: Content, patient: Patient, checkin: WeeklyCheckin) -> Message:
    """The weekly pain question, 0 to 10."""
    scores = [
        Button(str(n), callbacks.data(callbacks.CHECKIN_PAIN, checkin.id, n)) for n in range(11)
    ]
    rows = (tuple(scores[:6]), tuple(scores[6:]))
    return Message(patient.chat_id, content.render(patient.language, "checkin_pain"), rows)


def answer_pain(
    db: Session, clock: Clock, content: Content, patient: Patient, checkin_id: int, pain: int
) -> Reply:
    """Store the week's pain, then name the activities (first time) or score them."""
    checkin = _own_checkin(db, patient, checkin_id)
    lang = patient.language
    if checkin is None or checkin.step != CheckinStep.PAIN or not 0 <= pain <= 10:
        return Reply(toast=content.render(lang, "already_answered"), clear_buttons=True)
    checkin.pain = pain
    reply = Reply(clear_buttons=True, toast=content.render(lang, "choice_saved"))
    if len(_activities(db, patient)) < PSFS_ACTIVITIES:
        checkin.step = CheckinStep.ACTIVITIES
        patient.awaiting_text = AWAITING_ACTIVITY
        db.add(patient)
        reply.send(patient.chat_id, _ask_activity(content, patient, len(_activities(db, patient))))
    else:
        checkin.step = CheckinStep.SCORES
        reply.messages.append(_next_score_question(db, content, patient, checkin))
    db.add(checkin)
    db.flush()
    # The week's pain is the new baseline (bot/services/feedback/answers.py).
    reply.messages += feedback.baseline_from_checkin(db, clock, content, patient, checkin)
    return reply


def typed_activity(
    db: Session, clock: Clock, content: Content, patient: Patient, text: str
) -> Reply:
    """The patient typed one of their PSFS activities."""
    lang = patient.language
    label = " ".join(text.split())
    if not 2 <= len(label) <= 120:
        return Reply().send(patient.chat_id, content.render(lang, "checkin_activity_invalid"))
    assert patient.id is not None
    known = _activities(db, patient)
    db.add(
        PsfsActivity(
            patient_id=patient.id, position=len(known), label=label, created_at=clock.now()
        )
    )
    reply = Reply()
    if len(known) + 1 < PSFS_ACTIVITIES:
        db.flush()
        return reply.send(patient.chat_id, _ask_activity(content, patient, len(known) + 1))
    patient.awaiting_text = None
    db.add(patient)
    checkin = _open_checkin(db, patient, CheckinStep.ACTIVITIES)
    if checkin is not None:
        checkin.step = CheckinStep.SCORES
        db.add(checkin)
    db.flush()
    if checkin is not None:
        reply.messages.append(_next_score_question(db, content, patient, checkin))
    return reply


def answer_psfs(
    db: Session,
    clock: Clock,
    content: Content,
    patient: Patient,
    checkin_id: int,
    activity_id: int,
    score: int,
) -> Reply:
    """Store one activity's score; ask the next, or finish the check-in."""
    checkin = _own_checkin(db, patient, checkin_id)
    activity = db.get(PsfsActivity, activity_id)
    lang = patient.language
    answered = checkin is not None and activity_id in _scored(db, checkin)
    if (
        checkin is None
        or checkin.step != CheckinStep.SCORES
        or activity is None
        or activity.patient_id != patient.id
        or answered
        or not 0 <= score <= 10
    ):
        return Reply(toast=content.render(lang, "already_answered"), clear_buttons=True)
    assert checkin.id is not None
    db.add(PsfsScore(checkin_id=checkin.id, activity_id=activity_id, score=score, at=clock.now()))
    db.flush()
    reply = Reply(clear_buttons=True, toast=content.render(lang, "choice_saved"))
    if len(_scored(db, checkin)) >= len(_activities(db, patient)):
        checkin.step = CheckinStep.COMPLETE
        checkin.completed_at = clock.now()
        db.add(checkin)
        db.flush()
        return reply.send(patient.chat_id, content.render(lang, "checkin_done"))
    db.flush()
    reply.messages.append(_next_score_question(db, content, patient, checkin))
    return reply


def trend(db: Session, patient_id: int) -> list[WeekScore]:
    """Pain and PSFS scores week by week, oldest first: what the clinician sees."""
    checkins = db.exec(
        select(WeeklyCheckin)
        .where(WeeklyCheckin.patient_id == patient_id, col(WeeklyCheckin.pain).is_not(None))
        .order_by(col(WeeklyCheckin.local_date))
    ).all()
    labels = {
        a.id: a.label
        for a in db.exec(select(PsfsActivity).where(PsfsActivity.patient_id == patient_id))
    }
    weeks = []
    for checkin in checkins:
        scores = db.exec(select(PsfsScore).where(PsfsScore.checkin_id == checkin.id)).all()
        by_label = {labels[s.activity_id]: s.score for s in scores if s.activity_id in labels}
        weeks.append(WeekScore(checkin.local_date, checkin.pain, by_label))
    return weeks


def activity_asked_again(db: Session, content: Content, patient: Patient) -> Message:
    """The PSFS activity question again, at the activity it waits for."""
    done = len(_activities(db, patient))
    return Message(patient.chat_id, _ask_activity(content, patient, done))


def _ask_activity(content: Content, patient: Patient, done: int) -> str:
    return content.render(patient.language, "checkin_activity_ask", number=done + 1)


def _next_score_question(
    db: Session, content: Content, patient: Patient, checkin: WeeklyCheckin
) -> Message:
    scored = _scored(db, checkin)
    activity = next(a for a in _activities(db, patient) if a.id not in scored)
    scores = [
        Button(str(n), callbacks.data(callbacks.PSFS, checkin.id, activity.id, n))
        for n in range(11)
    ]
    text = content.render(patient.language, "checkin_activity_score", activity=activity.label)
    return Message(patient.chat_id, text, (tuple(scores[:6]), tuple(scores[6:])))


def _activities(db: Session, patient: Patient) -> list[PsfsActivity]:
    return list(
        db.exec(
            select(PsfsActivity)
            .where(PsfsActivity.patient_id == patient.id)
            .order_by(col(PsfsActivity.position))
        ).all()
    )


def _scored(db: Session, checkin: WeeklyCheckin) -> set[int]:
    return set(
        db.exec(select(PsfsScore.activity_id).where(PsfsScore.checkin_id == checkin.id)).all()
    )


def _own_checkin(db: Session, patient: Patient, checkin_id: int) -> WeeklyCheckin | None:
    checkin = db.get(WeeklyCheckin, checkin_id)
    return checkin if checkin is not None and checkin.patient_id == patient.id else None


def _open_checkin(db: Session, patient: Patient, step: CheckinStep) -> WeeklyCheckin | None:
    return db.exec(
        select(WeeklyCheckin)
        .where(WeeklyCheckin.patient_id == patient.id, WeeklyCheckin.step == step)
        .order_by(col(WeeklyCheckin.local_date).desc())
    ).first()
