"""A clinician's changes to one patient's programme: assign, add, remove, swap, level, dosage.

A change touches only that patient's ``PatientExercise`` rows, so it shows up in their
next session and in nobody else's. Only staff who may handle the patient (their clinician,
the backup, or an admin of the clinic) may change it, and every attempt is audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Literal

from pydantic import ValidationError
from sqlmodel import Session, col, select

from bot.clock import Clock
from bot.content import Content, Dosage
from bot.content.models import MAX_SESSION_EXERCISES, ProgrammeItem
from bot.db.audit_actions import AuditAction
from bot.db.models import Clinic, Patient, PatientExercise, Staff
from bot.services import audit
from bot.services.outgoing import Reply
from bot.services.patients import (
    Visitor,
    language_of,
    may_handle,
    patient_number,
    staff_by_telegram,
)

Action = Literal["show", "assign", "add", "remove", "swap", "level", "dose"]
DOSAGE_FIELDS = ("sets", "reps", "hold_seconds", "duration_seconds", "rest_seconds")
_DOSE_WORDS = {"sets": "sets", "reps": "reps", "hold": "hold_seconds"}
_DOSE_WORDS |= {"duration": "duration_seconds", "rest": "rest_seconds"}


class PlanError(Exception):
    """A change that cannot be made; ``key`` names the message that explains why."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class PlanChange:
    """One change: ``target`` is an exercise id, or a programme id for ``assign``."""

    action: Action
    target: str | None = None
    replacement: str | None = None  # swap: the exercise that takes the target's place
    level: int | None = None  # also the phase for ``assign``
    sets: int | None = None
    reps: int | None = None
    hold_seconds: int | None = None
    duration_seconds: int | None = None
    rest_seconds: int | None = None

    def dosage_changes(self) -> dict[str, int | None]:
        """The dosage fields this change sets."""
        return {name: getattr(self, name) for name in DOSAGE_FIELDS}


def patient_exercises(db: Session, patient: Patient) -> list[PatientExercise]:
    """The patient's own programme, in session order."""
    return list(
        db.exec(
            select(PatientExercise)
            .where(PatientExercise.patient_id == patient.id)
            .order_by(col(PatientExercise.position))
        ).all()
    )


def patient_dosage(content: Content, item: PatientExercise) -> Dosage:
    """The level's dosage, with the clinician's changes for this patient on top."""
    base = content.exercises[item.exercise_id].at_level(item.level).dosage
    return base.with_changes(**{name: getattr(item, name) for name in DOSAGE_FIELDS})


def change_plan(
    db: Session, clock: Clock, content: Content, staff: Staff, patient_id: int, change: PlanChange
) -> tuple[Patient, list[PatientExercise]]:
    """Apply ``change`` to the patient's programme for ``staff``; the new plan is returned.

    Raises ``PlanError`` when the staff member may not handle the patient or the change
    does not fit the library (unknown exercise, level off the ladder, too many exercises).
    """
    patient = db.get(Patient, patient_id)
    if patient is None or not may_handle(staff, patient):
        audit.record(db, clock, AuditAction.PROGRAMME_CHANGE, outcome="denied", staff_id=staff.id)
        db.flush()
        if patient is None or patient.clinic_id != staff.clinic_id:
            # Another clinic's patient is "not found", word for word as one that does not
            # exist (and as /assign says it): nothing tells that the number is in use.
            clinic = db.get(Clinic, staff.clinic_id)
            slug = clinic.slug if clinic else ""
            raise PlanError("admin_no_patient", patient_id=patient_id, clinic=slug)
        raise PlanError("plan_not_yours", patient_id=patient_id)
    if change.action != "show":
        _apply(db, content, patient, change)
        audit.record(
            db,
            clock,
            AuditAction(f"programme.{change.action}"),
            staff_id=staff.id,
            patient_id=patient.id,
        )
        db.flush()
    return patient, patient_exercises(db, patient)


def plan_text(content: Content, lang: str, patient: Patient, rows: list[PatientExercise]) -> str:
    """The patient's programme as their clinician reads it."""
    entries = []
    for row in rows:
        exercise = content.exercises.get(row.exercise_id)
        if exercise is None:
            continue
        dosage = patient_dosage(content, row)
        entries.append(
            {
                "id": row.exercise_id,
                "name": exercise.at_level(row.level).name[lang],
                "level": row.level,
                "levels": len(exercise.levels),
                "dosage": content.dosage_text(lang, dosage),
                "changed": any(getattr(row, name) is not None for name in DOSAGE_FIELDS),
            }
        )
    return content.render(
        lang, "plan", patient_id=patient.id, programme_id=patient.programme_id, exercises=entries
    )


def parse_change(words: list[str]) -> tuple[int, PlanChange]:
    """``12 swap heel-raise calf-stretch`` as typed after ``/plan``: the patient and change."""
    if not words:
        raise PlanError("plan_usage")
    patient_id = patient_number(words[0])
    if patient_id is None:
        raise PlanError("plan_usage")
    try:
        action, rest = (words[1].lower(), words[2:]) if len(words) > 1 else ("show", [])
        if action == "show" and not rest:
            return patient_id, PlanChange("show")
        if action in ("assign", "add", "level") and rest:
            level = int(rest[1]) if len(rest) > 1 else None
            return patient_id, PlanChange(action, rest[0], level=level)  # type: ignore[arg-type]
        if action == "remove" and len(rest) == 1:
            return patient_id, PlanChange("remove", rest[0])
        if action == "swap" and len(rest) in (2, 3):
            level = int(rest[2]) if len(rest) == 3 else None
            return patient_id, PlanChange("swap", rest[0], rest[1], level=level)
        if action == "dose" and len(rest) >= 2:
            pairs = dict(word.split("=", 1) for word in rest[1:])
            values = {_DOSE_WORDS[key]: int(value) for key, value in pairs.items()}
            return patient_id, PlanChange("dose", rest[0], **values)  # type: ignore[arg-type]
    except (ValueError, KeyError, IndexError):
        pass
    raise PlanError("plan_usage")


def plan_command(
    db: Session, clock: Clock, content: Content, who: Visitor, words: list[str]
) -> Reply:
    """``/plan`` from a clinician in Telegram: show or change one patient's programme."""
    staff = staff_by_telegram(db, who.telegram_user_id)
    if staff is None:
        lang = language_of(db, content, who)
        return Reply().send(who.chat_id, content.render(lang, "plan_staff_only"))
    lang = staff.language if staff.language in content.languages else content.default_language
    try:
        patient_id, change = parse_change(words)
        patient, rows = change_plan(db, clock, content, staff, patient_id, change)
    except PlanError as error:
        return Reply().send(who.chat_id, content.render(lang, error.key, **error.values))
    return Reply().send(who.chat_id, plan_text(content, lang, patient, rows))


def _apply(db: Session, content: Content, patient: Patient, change: PlanChange) -> None:
    rows = patient_exercises(db, patient)
    by_id = {row.exercise_id: row for row in rows}
    target = change.target or ""
    if change.action == "assign":
        _assign(db, content, patient, rows, target, change.level or 1)
        return
    if change.action in ("add", "swap"):
        new_id = change.replacement if change.action == "swap" else target
        _known(content, new_id or "")
        if new_id in by_id:
            raise PlanError("plan_already_there", exercise=new_id)
    if change.action == "add":
        if len(rows) >= MAX_SESSION_EXERCISES:
            raise PlanError("plan_too_many", most=MAX_SESSION_EXERCISES)
        assert patient.id is not None
        row = PatientExercise(
            patient_id=patient.id, exercise_id=target, position=len(rows), level=1
        )
        _set_level(content, row, change.level or 1)
        db.add(row)
        return
    found = by_id.get(target)
    if found is None:
        raise PlanError("plan_not_in_programme", exercise=target)
    row = found
    if change.action == "remove":
        if len(rows) == 1:
            raise PlanError("plan_last_exercise")
        db.delete(row)
        for position, other in enumerate(r for r in rows if r is not row):
            other.position = position
            db.add(other)
        return
    if change.action == "swap":
        row.exercise_id = change.replacement or ""
        _set_level(content, row, change.level or 1)
    elif change.action == "level":
        _set_level(content, row, change.level or row.level)
    elif change.action == "dose":
        _set_dosage(content, row, change)
    db.add(row)


def _assign(
    db: Session,
    content: Content,
    patient: Patient,
    rows: list[PatientExercise],
    programme_id: str,
    phase_number: int,
) -> None:
    programme = content.programmes.get(programme_id)
    if programme is None:
        raise PlanError("plan_unknown_programme", programme=programme_id)
    if not 1 <= phase_number <= len(programme.phases):
        raise PlanError("plan_unknown_phase", programme=programme_id, phases=len(programme.phases))
    for row in rows:
        db.delete(row)
    db.flush()
    assert patient.id is not None
    give_exercises(db, patient.id, programme.phases[phase_number - 1].exercises)
    patient.programme_id = programme.id
    db.add(patient)


def _known(content: Content, exercise_id: str) -> None:
    if exercise_id not in content.exercises:
        raise PlanError("plan_unknown_exercise", exercise=exercise_id)


def _set_level(content: Content, row: PatientExercise, level: int) -> None:
    """A new level brings its own dosage, so the patient's dosage changes are cleared."""
    levels = len(content.exercises[row.exercise_id].levels)
    if not 1 <= level <= levels:
        raise PlanError("plan_bad_level", exercise=row.exercise_id, levels=levels)
    row.level = level
    for name in DOSAGE_FIELDS:
        setattr(row, name, None)


def _set_dosage(content: Content, row: PatientExercise, change: PlanChange) -> None:
    try:
        dosage = patient_dosage(content, row).with_changes(**change.dosage_changes())
    except ValidationError:
        raise PlanError("plan_bad_dosage") from None
    for field in fields(change):
        if field.name in DOSAGE_FIELDS:
            setattr(row, field.name, getattr(dosage, field.name))


def give_exercises(db: Session, patient_id: int, items: Sequence[ProgrammeItem]) -> None:
    """Put a programme phase's exercises, at their starting levels, in the patient's plan."""
    for position, item in enumerate(items):
        db.add(
            PatientExercise(
                patient_id=patient_id,
                exercise_id=item.exercise,
                level=item.level,
                position=position,
            )
        )
