"""A patient's whole record, for the patient (/mydata) and for an admin (the CLI export).

Ontario's PHIPA (s. 52) and, where it applies, the GDPR (art. 15, 20) give a patient the
right to a copy of their record. The copy has two forms: JSON, complete and machine-
readable, and an HTML page a person can read in any browser. It holds everything the bot
keeps about the patient: their settings, consent history, readiness checks, programme,
sessions and answers, check-ins, level changes, alerts with their history and the words
of theirs that raised each one (``Alert.words``), and messages. Every export is audited.
What the patient typed is kept as typed in the JSON, and escaped once in the HTML.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from bot.clock import Clock
from bot.content import Content
from bot.db.audit_actions import AuditAction
from bot.db.models import (
    Alert,
    AlertEvent,
    Clinic,
    ConsentRecord,
    ExerciseLog,
    ExerciseSession,
    LevelDecision,
    MorningCheck,
    PainBaseline,
    Patient,
    PatientExercise,
    PsfsActivity,
    PsfsScore,
    ReadinessCheck,
    Staff,
    ThreadMessage,
    WeeklyCheckin,
)
from bot.services import audit
from bot.services.outgoing import Document, Message, Reply
from bot.services.patients import Visitor, language_of, patient_by_telegram, staff_by_telegram

FORMAT_VERSION = 1
# What of the patient row is theirs to see: everything but internal pointers.
_PATIENT_FIELDS = (
    "id",
    "language",
    "timezone",
    "onboarding_step",
    "consent_version",
    "consent_at",
    "reminder_time",
    "programme_id",
    "created_at",
    "withdrawn_at",
    "session_format",
    "paused_at",
    "paused_until",
    "hold_at",
    "hold_reason",
    "quiet_start",
    "quiet_end",
    "follow_up_minutes",
    "training_days",
)
# Columns of the HTML page headed in the reader's language, not by their JSON name.
_HEADINGS = {"words": "record_alert_words"}


def record(db: Session, patient: Patient) -> dict[str, Any]:
    """Everything kept about the patient, as plain JSON-ready data."""
    assert patient.id is not None
    pid = patient.id
    clinic = db.get(Clinic, patient.clinic_id)
    handles = {
        s.id: s.handle for s in db.exec(select(Staff).where(Staff.clinic_id == patient.clinic_id))
    }
    sessions = _rows(db, ExerciseSession, ExerciseSession.patient_id == pid, ExerciseSession.id)
    checkins = _rows(db, WeeklyCheckin, WeeklyCheckin.patient_id == pid, WeeklyCheckin.id)
    checkin_ids = [c.id for c in checkins]
    alerts = _rows(db, Alert, Alert.patient_id == pid, Alert.id)
    events = db.exec(
        select(AlertEvent)
        .where(col(AlertEvent.alert_id).in_([a.id for a in alerts]))
        .order_by(col(AlertEvent.id))
    ).all()
    consent = _rows(db, ConsentRecord, ConsentRecord.patient_id == pid, ConsentRecord.id)
    return {
        "format": "rehab-companion-patient-record",
        "format_version": FORMAT_VERSION,
        "patient": f"P-{pid}",
        "clinic": {"name": clinic.name, "phone": clinic.phone} if clinic else None,
        "clinician": handles.get(patient.clinician_id),
        "backup_clinician": handles.get(patient.backup_clinician_id or 0),
        "settings": {name: _plain(getattr(patient, name)) for name in _PATIENT_FIELDS},
        "consent_history": [
            {"at": _plain(c.at), "version": c.version, "decision": c.decision} for c in consent
        ],
        "readiness_checks": _dump(
            _rows(db, ReadinessCheck, ReadinessCheck.patient_id == pid, ReadinessCheck.id)
        ),
        "exercises": _dump(
            _rows(db, PatientExercise, PatientExercise.patient_id == pid, PatientExercise.position)
        ),
        "sessions": _dump(sessions),
        "exercise_logs": _dump(
            _rows(db, ExerciseLog, ExerciseLog.patient_id == pid, ExerciseLog.id)
        ),
        "morning_checks": _dump(
            _rows(db, MorningCheck, MorningCheck.patient_id == pid, MorningCheck.id)
        ),
        "pain_baselines": _dump(
            _rows(db, PainBaseline, PainBaseline.patient_id == pid, PainBaseline.id)
        ),
        "weekly_checkins": _dump(checkins),
        "psfs_activities": _dump(
            _rows(db, PsfsActivity, PsfsActivity.patient_id == pid, PsfsActivity.position)
        ),
        "psfs_scores": _dump(
            db.exec(
                select(PsfsScore)
                .where(col(PsfsScore.checkin_id).in_(checkin_ids))
                .order_by(col(PsfsScore.id))
            ).all()
        ),
        "level_changes": _dump(
            _rows(db, LevelDecision, LevelDecision.patient_id == pid, LevelDecision.id)
        ),
        "alerts": [
            {
                **_dump([a])[0],
                "history": [
                    {
                        "at": _plain(e.at),
                        "event": e.state,
                        "by": handles.get(e.actor_staff_id or 0),
                        "told": handles.get(e.target_staff_id or 0),
                    }
                    for e in events
                    if e.alert_id == a.id
                ],
            }
            for a in alerts
        ],
        "messages": [
            {
                "at": _plain(m.at),
                "from": "patient"
                if m.sender == "patient"
                else handles.get(m.staff_id or 0, "staff"),
                "kind": m.kind,
                "text": m.text,
                "read_at": _plain(m.read_at),
            }
            for m in _rows(db, ThreadMessage, ThreadMessage.patient_id == pid, ThreadMessage.id)
        ],
    }


def as_json(data: dict[str, Any]) -> bytes:
    """The record as UTF-8 JSON, indented for people who open it."""
    return json.dumps(data, indent=2, ensure_ascii=False).encode()


def as_html(data: dict[str, Any], content: Content, lang: str) -> bytes:
    """The record as one readable HTML page: a heading and a table per section."""
    title = content.render(lang, "record_title", patient=data["patient"])
    parts = [
        "<!doctype html>",
        f'<html lang="{html.escape(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}</title>",
        "<style>body{font-family:sans-serif;font-size:18px;max-width:60em;margin:auto;padding:1em}"
        "table{border-collapse:collapse;width:100%;margin-bottom:1.5em}"
        "th,td{border:1px solid #999;padding:.3em;text-align:left;vertical-align:top}"
        "caption{text-align:left;font-weight:bold}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f"<p>{html.escape(content.render(lang, 'record_intro'))}</p>",
    ]
    headings = {field: content.render(lang, key) for field, key in _HEADINGS.items()}
    for key, value in data.items():
        if key.startswith("format"):
            continue
        parts.append(f"<h2>{html.escape(content.render(lang, 'record_' + key))}</h2>")
        parts.append(_html_value(value, headings))
    parts.append("</body></html>")
    return "\n".join(parts).encode()


def my_data(db: Session, clock: Clock, content: Content, who: Visitor) -> Reply:
    """``/mydata``: the patient's own record, as a JSON file and a readable HTML file."""
    patient = patient_by_telegram(db, who.telegram_user_id)
    if patient is None:
        lang = language_of(db, content, who)
        staff = staff_by_telegram(db, who.telegram_user_id) is not None
        text = content.render(lang, "for_patients_only" if staff else "not_enrolled")
        return Reply().send(who.chat_id, text)
    audit.record(
        db,
        clock,
        AuditAction.PATIENT_EXPORT,
        patient_id=patient.id,
        telegram_user_id=who.telegram_user_id,
    )
    db.flush()
    data = record(db, patient)
    lang = patient.language
    name = f"my-record-P-{patient.id}"
    reply = Reply().send(patient.chat_id, content.render(lang, "mydata_intro"))
    reply.messages += [
        Message(
            patient.chat_id,
            content.render(lang, "mydata_json_caption"),
            document=Document(f"{name}.json", as_json(data)),
        ),
        Message(
            patient.chat_id,
            content.render(lang, "mydata_html_caption"),
            document=Document(f"{name}.html", as_html(data, content, lang)),
        ),
    ]
    return reply


def _rows(db: Session, model: type[SQLModel], where: Any, order: Any) -> Sequence[Any]:
    return db.exec(select(model).where(where).order_by(col(order))).all()


def _dump(rows: Sequence[SQLModel]) -> list[dict[str, Any]]:
    hidden = {"patient_id"}
    return [{k: _plain(v) for k, v in row.model_dump().items() if k not in hidden} for row in rows]


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _html_value(value: Any, headings: dict[str, str]) -> str:
    """A section of the record as HTML: every text escaped once, here and nowhere else."""
    if isinstance(value, list):
        if not value:
            return "<p>&ndash;</p>"
        if all(isinstance(v, dict) for v in value):
            keys = list(dict.fromkeys(k for v in value for k in v))
            head = "".join(f"<th>{html.escape(headings.get(k, str(k)))}</th>" for k in keys)
            body = "".join(
                "<tr>"
                + "".join(f"<td>{_html_cell(v.get(k), headings)}</td>" for k in keys)
                + "</tr>"
                for v in value
            )
            return f"<table><tr>{head}</tr>{body}</table>"
        return "<ul>" + "".join(f"<li>{_html_cell(v, headings)}</li>" for v in value) + "</ul>"
    if isinstance(value, dict):
        rows = "".join(
            f"<tr><th>{html.escape(headings.get(k, str(k)))}</th>"
            f"<td>{_html_cell(v, headings)}</td></tr>"
            for k, v in value.items()
        )
        return f"<table>{rows}</table>"
    return f"<p>{_html_cell(value, headings)}</p>"


def _html_cell(value: Any, headings: dict[str, str]) -> str:
    if isinstance(value, list | dict):
        return _html_value(value, headings)
    return "&ndash;" if value is None else html.escape(str(value))
