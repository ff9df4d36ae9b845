"""The caseload: one line per patient a staff member looks after, the most pressing first.

A line says what a clinician scans for: open alerts, a hold or a pause, adherence over the
last 7 and 28 days, the last pain after a session and its trend, the PSFS change since the
first check-in, and unread messages. Filters narrow it to patients with open alerts, on
hold, or inactive (no session on 3 or more planned days). It is paged, never cut.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.db.audit_actions import AuditAction
from bot.db.models import (
    Alert,
    AlertState,
    ExerciseSession,
    OnboardingStep,
    Patient,
    Staff,
)
from bot.rules.adherence import adherence, planned_days
from bot.rules.levels import AlertLevel
from bot.services import audit, readiness
from bot.services.enrolment import assignments
from bot.services.feedback import checkins
from bot.services.inbox import threads as inbox
from bot.services.outgoing import Button, Reply
from bot.services.patients import Visitor, language_of, staff_by_telegram
from bot.services.sessions.today import local_today

FILTERS = ("all", "alerts", "held", "inactive")
PAGE_SIZE = 15
INACTIVE_DAYS = 3  # planned days without a session before a patient counts as inactive
TREND_SESSIONS = 3  # the last pain is compared with the mean of this many before it
_URGENCY = {AlertLevel.EMERGENCY: 0, AlertLevel.URGENT: 1, AlertLevel.ROUTINE: 2}


@dataclass(frozen=True)
class CaseloadRow:
    """What one line of the caseload says about one patient (numbers only, no free text)."""

    patient_id: int
    step: str
    open_alerts: int
    top_alert: str | None  # the most urgent open alert's level
    held: bool  # a warning-sign hold, or a readiness check waiting for clearance
    paused: bool
    week: tuple[int, int]  # (sessions done on planned days, planned days), last 7 days
    month: tuple[int, int]  # the same over 28 days
    last_pain: int | None
    pain_trend: str  # "up", "down", "steady", or "" with too few sessions
    psfs_change: float | None  # latest weekly PSFS average minus the first
    psfs_falling: bool  # the latest weekly PSFS average is below the week before
    unread: int
    inactive: bool

    @property
    def urgency(self) -> tuple[int, int, int]:
        level = _URGENCY.get(AlertLevel(self.top_alert), 9) if self.top_alert else 9
        return (level, 0 if self.held else 1, self.patient_id)


def rows_for(db: Session, clock: Clock, staff: Staff) -> list[CaseloadRow]:
    """Every patient the staff member may see, open alerts first, then holds."""
    rows = [row_for(db, clock, p) for p in assignments.patients_of(db, staff)]
    return sorted(rows, key=lambda r: r.urgency)


def row_for(db: Session, clock: Clock, patient: Patient) -> CaseloadRow:
    """One patient's line."""
    assert patient.id is not None
    today = local_today(clock, patient)
    sessions = db.exec(
        select(ExerciseSession)
        .where(ExerciseSession.patient_id == patient.id)
        .order_by(col(ExerciseSession.local_date))
    ).all()
    done = {s.local_date for s in sessions if s.completed_at is not None}
    enrolled = patient.created_at.date()
    week = adherence(done, patient.training_days, max(enrolled, today - timedelta(days=6)), today)
    month = adherence(done, patient.training_days, max(enrolled, today - timedelta(days=27)), today)
    pains = [s.pain for s in sessions if s.pain is not None]
    alerts = db.exec(
        select(Alert).where(Alert.patient_id == patient.id, Alert.state != AlertState.RESOLVED)
    ).all()
    levels = sorted((AlertLevel(a.level) for a in alerts), key=lambda lv: _URGENCY.get(lv, 9))
    weeks = [w.psfs_average for w in checkins.trend(db, patient.id) if w.psfs_average is not None]
    on_readiness_hold = readiness.describe(readiness.latest(db, patient), clock.now()) == "on hold"
    return CaseloadRow(
        patient_id=patient.id,
        step=patient.onboarding_step,
        open_alerts=len(alerts),
        top_alert=levels[0] if levels else None,
        held=patient.hold_at is not None or on_readiness_hold,
        paused=patient.paused_at is not None,
        week=week,
        month=month,
        last_pain=pains[-1] if pains else None,
        pain_trend=pain_trend(pains),
        psfs_change=round(weeks[-1] - weeks[0], 1) if len(weeks) > 1 else None,
        psfs_falling=len(weeks) > 1 and weeks[-1] < weeks[-2],
        unread=inbox.unread_count(db, patient.id),
        inactive=is_inactive(patient, done, today),
    )


def pain_trend(pains: list[int]) -> str:
    """The last pain against the mean of the few before it: a point or more is a trend."""
    if len(pains) < 2:
        return ""
    before = pains[-1 - TREND_SESSIONS : -1]
    change = pains[-1] - sum(before) / len(before)
    return "up" if change >= 1 else "down" if change <= -1 else "steady"


def is_inactive(patient: Patient, done: set[date], today: date) -> bool:
    """An enrolled patient with no session on the last ``INACTIVE_DAYS`` planned days
    (today not counted: it is not over yet)."""
    if patient.onboarding_step != OnboardingStep.ENROLLED:
        return False
    since = max([patient.created_at.date(), *(d + timedelta(days=1) for d in done)])
    missed = planned_days(patient.training_days, since, today - timedelta(days=1))
    return len(missed) >= INACTIVE_DAYS


def matches(row: CaseloadRow, wanted: str) -> bool:
    """Whether a line belongs under a filter."""
    if wanted == "alerts":
        return row.open_alerts > 0
    if wanted == "held":
        return row.held or row.paused
    if wanted == "inactive":
        return row.inactive
    return True


def caseload(db: Session, clock: Clock, content: Content, who: Visitor, args: list[str]) -> Reply:
    """``/patients [alerts|held|inactive]``: the first page of the caseload."""
    wanted = args[0].lower() if args else "all"
    staff = staff_by_telegram(db, who.telegram_user_id)
    if staff is not None and wanted not in FILTERS:
        return Reply().send(who.chat_id, content.render(staff.language, "caseload_usage"))
    return page(db, clock, content, who, wanted, 1)


def page(
    db: Session, clock: Clock, content: Content, who: Visitor, wanted: str, number: int
) -> Reply:
    """One page of the caseload, with a button per patient and Previous / Next."""
    staff = staff_by_telegram(db, who.telegram_user_id)
    if staff is None or wanted not in FILTERS:
        audit.denied(db, clock, AuditAction.CASELOAD_VIEW, who.telegram_user_id)
        lang = language_of(db, content, who)
        return Reply(toast=content.render(lang, "not_allowed")).send(
            who.chat_id, content.render(lang, "unknown_command")
        )
    rows = [r for r in rows_for(db, clock, staff) if matches(r, wanted)]
    audit.record(db, clock, AuditAction.CASELOAD_VIEW, staff_id=staff.id)
    db.flush()
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    number = min(max(number, 1), pages)
    shown = rows[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    lang = staff.language
    text = content.render(
        lang,
        "caseload",
        rows=shown,
        filter=wanted,
        page=number,
        pages=pages,
        total=len(rows),
        level_labels={lv.value: content.render(lang, f"level_{lv.value}") for lv in AlertLevel},
    )
    buttons = [
        Button(f"P-{r.patient_id}", callbacks.data(callbacks.OPEN_PATIENT, r.patient_id))
        for r in shown
    ]
    rows_of_buttons = [tuple(buttons[i : i + 5]) for i in range(0, len(buttons), 5)]
    nav = []
    if number > 1:
        nav.append(
            Button(
                content.label(lang, "page_previous"),
                callbacks.data(callbacks.CASELOAD_PAGE, wanted, number - 1),
            )
        )
    if number < pages:
        nav.append(
            Button(
                content.label(lang, "page_next"),
                callbacks.data(callbacks.CASELOAD_PAGE, wanted, number + 1),
            )
        )
    if nav:
        rows_of_buttons.append(tuple(nav))
    return Reply().send(who.chat_id, text, *rows_of_buttons)
