"""What a clinician sees of one patient: a chart, then the same numbers in text.

First a picture (bot/services/staff/patient_chart.py): pain after each session and each week,
sessions done against planned by week, PSFS scores, level changes. Then, for screen
readers and for the record, the numbers in text, the programme and levels, the alerts and
their history, and, for the patient's care team only, the last messages of their thread.
The PSFS activities are "activity 1, 2, 3": what the patient named them is not shown.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlmodel import Session, col, select

from bot.clock import Clock
from bot.content import Content
from bot.content.dates import short_date_words
from bot.db.audit_actions import AuditAction
from bot.db.models import (
    Alert,
    AlertEvent,
    Clinic,
    ExerciseSession,
    PatientExercise,
    Staff,
    ThreadSender,
)
from bot.rules.adherence import adherence
from bot.services import audit, readiness
from bot.services.alerts.messages import local_time
from bot.services.feedback import checkins
from bot.services.inbox import threads as inbox
from bot.services.outgoing import MAX_TEXT, Message, Reply, visible_length
from bot.services.patients import (
    Visitor,
    language_of,
    may_handle,
    patient_by_reference,
    staff_by_telegram,
)
from bot.services.sessions.today import local_today
from bot.services.staff import patient_chart

WEEKS_SHOWN = 8
PAINS_SHOWN = 10
ALERTS_SHOWN = 5
MESSAGES_SHOWN = 5


def patient_view(
    db: Session, clock: Clock, content: Content, who: Visitor, args: list[str]
) -> Reply:
    """``/patient P-12``: the patient's adherence and pain trends, for their clinicians."""
    staff = staff_by_telegram(db, who.telegram_user_id)
    lang = language_of(db, content, who)
    patient = patient_by_reference(db, args[0]) if args else None
    if staff is None or patient is None or not may_handle(staff, patient):
        audit.denied(db, clock, AuditAction.PATIENT_VIEW, who.telegram_user_id)
        return Reply().send(who.chat_id, content.render(lang, "not_allowed"))
    audit.record(db, clock, AuditAction.PATIENT_VIEW, staff_id=staff.id, patient_id=patient.id)
    db.flush()
    assert patient.id is not None
    today = local_today(clock, patient)
    enrolled = patient.created_at.date()
    done = {
        s.local_date
        for s in db.exec(
            select(ExerciseSession).where(
                ExerciseSession.patient_id == patient.id,
                col(ExerciseSession.completed_at).is_not(None),
            )
        )
    }
    week = adherence(done, patient.training_days, max(enrolled, today - timedelta(days=6)), today)
    month = adherence(done, patient.training_days, max(enrolled, today - timedelta(days=27)), today)
    pains = [
        s.pain
        for s in db.exec(
            select(ExerciseSession)
            .where(ExerciseSession.patient_id == patient.id, col(ExerciseSession.pain).is_not(None))
            .order_by(col(ExerciseSession.local_date).desc())
            .limit(PAINS_SHOWN)
        )
    ][::-1]
    weeks = [
        {
            "date": short_date_words(w.local_date, lang, today=today),
            "pain": w.pain,
            "psfs": w.psfs_average,
            "scores": list(w.activities.values()),
        }
        for w in checkins.trend(db, patient.id)[-WEEKS_SHOWN:]
    ]
    rows = db.exec(
        select(PatientExercise)
        .where(PatientExercise.patient_id == patient.id)
        .order_by(col(PatientExercise.position))
    ).all()
    exercises = [
        {"name": content.exercises[r.exercise_id].name.get(lang, r.exercise_id), "level": r.level}
        for r in rows
        if r.exercise_id in content.exercises
    ]
    chart = patient_chart.chart_data(db, clock, content, patient, lang)
    clinic = db.get(Clinic, patient.clinic_id)
    assert clinic is not None
    variables = {
        "patient_id": patient.id,
        "step": patient.onboarding_step,
        "readiness": readiness.describe(readiness.latest(db, patient), clock.now()),
        "paused": patient.paused_at is not None,
        "held": patient.hold_at is not None,
        "week": week,
        "month": month,
        "pains": pains,
        "weeks": weeks,
        "exercises": exercises,
        "programme": patient.programme_id,
        "by_week": [(f"{d:%m-%d}", n, planned) for d, n, planned in chart.weeks[-WEEKS_SHOWN:]],
        "session_pains": [(f"{d:%m-%d}", v) for d, v in chart.session_pain[-PAINS_SHOWN:]],
        "psfs": {n: [v for _, v in series] for n, series in chart.psfs.items()},
        "level_changes": [
            {"date": f"{c.day:%m-%d}", "name": c.exercise, "from": c.from_level, "to": c.to_level}
            for c in chart.level_changes[-PAINS_SHOWN:]
        ],
        "alerts": _alerts(db, content, lang, patient.id, clinic),
        "care_team": inbox.in_care_team(staff, patient),
    }
    text = _fitted(content, lang, variables, _messages(db, patient.id, clinic, lang))
    caption = content.render(
        lang,
        "chart_caption",
        patient_id=patient.id,
        since=short_date_words(patient.created_at.date(), lang, today=clock.now().date()),
    )
    photo = patient_chart.draw(chart, content, lang)
    reply = Reply()
    reply.messages.append(Message(who.chat_id, caption, photo=photo))
    return reply.send(who.chat_id, text)


def _alerts(
    db: Session, content: Content, lang: str, patient_id: int, clinic: Clinic
) -> list[dict[str, Any]]:
    """The latest alerts, each with its history in order: who did what, and when."""
    handles = {s.id: s.handle for s in db.exec(select(Staff).where(Staff.clinic_id == clinic.id))}
    found = db.exec(
        select(Alert)
        .where(Alert.patient_id == patient_id)
        .order_by(col(Alert.id).desc())
        .limit(ALERTS_SHOWN)
    ).all()
    shown: list[dict[str, Any]] = []
    for alert in found:
        events = db.exec(
            select(AlertEvent).where(AlertEvent.alert_id == alert.id).order_by(col(AlertEvent.id))
        ).all()
        history = [
            {
                "state": e.state,
                "at": local_time(e.at, clinic, lang),
                "who": handles.get(e.actor_staff_id or e.target_staff_id or 0, ""),
            }
            for e in events
            if e.state not in ("open",)
        ]
        shown.append(
            {
                "id": alert.id,
                "level": content.render(lang, f"level_{alert.level}"),
                "state": alert.state,
                "raised": local_time(alert.created_at, clinic, lang),
                "history": history[-6:],
            }
        )
    return shown


def _messages(db: Session, patient_id: int, clinic: Clinic, lang: str) -> list[dict[str, object]]:
    handles = {s.id: s.handle for s in db.exec(select(Staff).where(Staff.clinic_id == clinic.id))}
    return [
        {
            "at": local_time(m.at, clinic, lang),
            "from_patient": m.sender == ThreadSender.PATIENT,
            "who": handles.get(m.staff_id or 0, ""),
            "text": m.text,
        }
        for m in inbox.latest(db, patient_id, MESSAGES_SHOWN)
    ]


def _fitted(
    content: Content, lang: str, variables: dict[str, Any], messages: list[dict[str, object]]
) -> str:
    """The text view, with the messages shortened until it fits one Telegram message; if
    even that is too long, the alerts' histories and the messages are left out."""
    limit = 600
    while limit >= 20:
        shown = [
            {**m, "text": str(m["text"])[:limit] + ("…" if len(str(m["text"])) > limit else "")}
            for m in messages
        ]
        text = content.render(lang, "patient_view", messages=shown, **variables)
        if visible_length(text) <= MAX_TEXT:
            return text
        limit //= 2
    alerts = [{**a, "history": []} for a in variables["alerts"]]
    return content.render(lang, "patient_view", **{**variables, "alerts": alerts, "messages": []})
