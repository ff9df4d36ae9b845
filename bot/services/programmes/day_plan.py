"""A day's plan of exercises and the messages that show it: overview, one step, or compact.

The plan is written to ``ExerciseLog`` rows when the day's session starts. A clinician's
change after that shows up from the next session on, never halfway through one.
"""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, col, select

from bot import callbacks
from bot.clock import Clock
from bot.content import Content, Dosage
from bot.db.models import ExerciseLog, ExerciseOutcome, ExerciseSession, Patient
from bot.services.outgoing import Button, Message
from bot.services.programmes import exercise_pictures
from bot.services.programmes.changes import patient_dosage, patient_exercises

COMPACT = "compact"
STEPS = "steps"
SKIP_REASONS = ("pain", "time", "hard", "other")


def plan_rows(
    db: Session, content: Content, patient: Patient, session: ExerciseSession
) -> list[ExerciseLog]:
    """The session's exercises in order, written from the patient's programme on first use."""
    rows = list(
        db.exec(
            select(ExerciseLog)
            .where(ExerciseLog.session_id == session.id)
            .order_by(col(ExerciseLog.position))
        ).all()
    )
    if rows:
        return rows
    assert session.id is not None and patient.id is not None
    for position, item in enumerate(patient_exercises(db, patient)):
        if item.exercise_id not in content.exercises:
            continue  # an exercise a clinic retired from the library is left out, not shown blank
        row = ExerciseLog(
            session_id=session.id,
            patient_id=patient.id,
            position=position,
            exercise_id=item.exercise_id,
            level=item.level,
            dosage_json=patient_dosage(content, item).model_dump_json(exclude_none=True),
        )
        db.add(row)
        rows.append(row)
    db.flush()
    return rows


def dosage_of(row: ExerciseLog) -> Dosage:
    """The dosage planned for this exercise on that day."""
    return Dosage.model_validate(json.loads(row.dosage_json))


def first_pending(rows: list[ExerciseLog]) -> ExerciseLog | None:
    """Where the patient carries on: the first exercise not yet answered."""
    return next((r for r in rows if r.outcome == ExerciseOutcome.PENDING), None)


def close_remaining(db: Session, clock: Clock, rows: list[ExerciseLog]) -> None:
    """Done on the compact message: every exercise still open counts as done."""
    for row in rows:
        if row.outcome == ExerciseOutcome.PENDING:
            row.outcome, row.answered_at = ExerciseOutcome.DONE, clock.now()
            db.add(row)


def items(content: Content, lang: str, rows: list[ExerciseLog]) -> list[dict[str, Any]]:
    """What the templates need for each exercise of the plan."""
    return [content.exercise_text(lang, r.exercise_id, r.level, dosage_of(r)) for r in rows]


def minutes(entries: list[dict[str, Any]]) -> int:
    """The estimated length of a session, rounded to whole minutes (at least 1)."""
    return max(1, round(sum(int(entry["seconds"]) for entry in entries) / 60))


def overview_message(
    content: Content, patient: Patient, session: ExerciseSession, rows: list[ExerciseLog]
) -> Message:
    """Today's exercises and the time they take, before stepping through them."""
    lang = patient.language
    entries = items(content, lang, rows)
    text = content.render(lang, "session_overview", exercises=entries, minutes=minutes(entries))
    return Message(
        patient.chat_id,
        text,
        (
            (Button(content.label(lang, "start_steps"), _data(callbacks.BEGIN, session)),),
            (
                Button(
                    content.label(lang, "format_compact"),
                    _data(callbacks.FORMAT, session, COMPACT),
                ),
            ),
            (warning_button(content, lang, session),),
        ),
    )


def compact_message(
    content: Content, patient: Patient, session: ExerciseSession, rows: list[ExerciseLog]
) -> Message:
    """The whole session in one message, for patients who prefer that."""
    lang = patient.language
    open_rows = [r for r in rows if r.outcome == ExerciseOutcome.PENDING] or rows
    entries = items(content, lang, open_rows)
    text = content.render(lang, "session", exercises=entries, minutes=minutes(entries))
    return Message(
        patient.chat_id,
        text,
        (
            (
                Button(content.label(lang, "done"), _data(callbacks.DONE, session)),
                warning_button(content, lang, session),
            ),
            (Button(content.label(lang, "format_steps"), _data(callbacks.FORMAT, session, STEPS)),),
        ),
        album=exercise_pictures.album(
            content, patient, [(r.exercise_id, r.level) for r in open_rows]
        ),
    )


def step_message(
    content: Content,
    patient: Patient,
    session: ExerciseSession,
    row: ExerciseLog,
    total: int,
    *,
    resumed: bool = False,
) -> Message:
    """One exercise: its dosage and cues, with its picture when there is one."""
    lang = patient.language
    entry = content.exercise_text(lang, row.exercise_id, row.level, dosage_of(row))
    text = content.render(
        lang, "session_step", item=entry, number=row.position + 1, total=total, resumed=resumed
    )
    photo, animation = exercise_pictures.step_picture(content, patient, row.exercise_id, row.level)
    if photo is not None or animation is not None:
        text += "\n" + exercise_pictures.caption_line(content, lang, row.exercise_id, row.level)
    return Message(
        patient.chat_id,
        text,
        step_buttons(content, lang, session, row, timed=entry["timed"]),
        photo=photo,
        animation=animation,
    )


def step_buttons(
    content: Content, lang: str, session: ExerciseSession, row: ExerciseLog, *, timed: bool
) -> tuple[tuple[Button, ...], ...]:
    """Done, did part of it, skip, the timer for timed exercises, and the warning sign."""

    def answer(key: str, outcome: str) -> Button:
        return Button(content.label(lang, key), callbacks.data(callbacks.STEP, row.id, outcome))

    second: tuple[Button, ...] = (answer("step_skip", "skip"),)
    if timed:
        second += (
            Button(content.label(lang, "start_timer"), callbacks.data(callbacks.TIMER, row.id)),
        )
    return (
        (answer("done", "done"), answer("step_part", "part")),
        second,
        (warning_button(content, lang, session),),
    )


def skip_question(content: Content, patient: Patient, row: ExerciseLog) -> Message:
    """Why the patient skips this exercise: pain, no time, too hard, or another reason."""
    lang = patient.language
    buttons = [
        Button(
            content.label(lang, f"skip_{reason}"), callbacks.data(callbacks.SKIP, row.id, reason)
        )
        for reason in SKIP_REASONS
    ]
    return Message(
        patient.chat_id,
        content.render(lang, "skip_question"),
        (tuple(buttons[:2]), tuple(buttons[2:])),
    )


def warning_button(content: Content, lang: str, session: ExerciseSession) -> Button:
    """The warning-sign button, tied to today's session."""
    return Button(content.label(lang, "warning_sign"), _data(callbacks.WARNING, session))


def _data(action: str, session: ExerciseSession, *more: object) -> str:
    return callbacks.data(action, session.id, *more)
