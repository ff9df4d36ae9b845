"""A programme's day as the patient would see it, built by the same code as a real session.

``companion content preview`` prints these messages; ``companion content check`` holds every
one of them (each programme phase, each exercise at each level, in each language) to
Telegram's limits.
"""

from __future__ import annotations

from datetime import UTC, datetime

from jinja2 import TemplateError

from bot.content import Content, Problem
from bot.content.check import Report, callback_problem, limit_problem
from bot.db.models import ExerciseLog, ExerciseSession, Patient
from bot.services.outgoing import Message
from bot.services.programmes import day_plan as session_plan

BIGGEST_ID = 10**12 - 1  # ids in callback data are tested at their longest
_NOW = datetime(2026, 1, 1, tzinfo=UTC)  # rendering needs no real time


def programme_day(
    content: Content, programme_id: str, day: int, lang: str, *, compact: bool = False
) -> tuple[str, list[Message]]:
    """The phase name and the messages of day ``day`` (from 1) of a programme."""
    programme = content.programmes[programme_id]
    number, phase = programme.phase_on_day(day)
    patient, session = _patient(lang, compact), _session()
    rows = [
        ExerciseLog(
            id=BIGGEST_ID - position,
            session_id=BIGGEST_ID,
            patient_id=0,
            position=position,
            exercise_id=item.exercise,
            level=item.level,
            dosage_json=content.exercises[item.exercise]
            .at_level(item.level)
            .dosage.model_dump_json(exclude_none=True),
        )
        for position, item in enumerate(phase.exercises)
    ]
    if compact:
        return phase.name[lang], [session_plan.compact_message(content, patient, session, rows)]
    messages = [session_plan.overview_message(content, patient, session, rows)]
    for row in rows:
        messages.append(session_plan.step_message(content, patient, session, row, len(rows)))
        if row.position == 0:
            messages.append(session_plan.skip_question(content, patient, row))
    return f"{number}. {phase.name[lang]}", messages


def check_messages(content: Content, report: Report) -> None:
    """Every session message of the library and programmes, against Telegram's limits."""
    session = _session()
    for lang in content.languages:
        for programme_id, programme in content.programmes.items():
            source = content.sources[f"programmes/{programme_id}"]
            for number in range(1, len(programme.phases) + 1):
                day = sum(p.weeks for p in programme.phases[: number - 1]) * 7 + 1
                where = source.problem(["phases", number - 1], f"phase {number} ({lang})")
                for compact in (False, True):
                    try:
                        _, messages = programme_day(
                            content, programme_id, day, lang, compact=compact
                        )
                    except TemplateError as error:
                        _unrenderable(report, where, error)
                        continue
                    for message in messages:
                        _check(report, message, where)
        for exercise_id, exercise in content.exercises.items():
            source = content.sources[f"exercises/{exercise_id}"]
            for variant in exercise.levels:
                row = ExerciseLog(
                    id=BIGGEST_ID,
                    session_id=BIGGEST_ID,
                    patient_id=0,
                    position=4,
                    exercise_id=exercise_id,
                    level=variant.level,
                    dosage_json=variant.dosage.model_dump_json(exclude_none=True),
                )
                where = source.problem(
                    ["levels", variant.level - 1], f"level {variant.level} step ({lang})"
                )
                try:
                    message = session_plan.step_message(
                        content, _patient(lang, False), session, row, 5, resumed=True
                    )
                except TemplateError as error:
                    _unrenderable(report, where, error)
                    continue
                _check(report, message, where)


def _unrenderable(report: Report, where: Problem, error: TemplateError) -> None:
    """Noted once per place; the template's own line is reported by the template check."""
    problem = Problem(where.file, where.line, f"{where.message} cannot be rendered: {error}")
    if problem not in report.problems:
        report.problems.append(problem)


def _check(report: Report, message: Message, where: Problem) -> None:
    report.rendered += 1
    found = [limit_problem(message.text, caption=message.has_picture, where=where)]
    found += [callback_problem(b.data, where) for row in message.buttons for b in row]
    for problem in found:
        if problem is not None and problem not in report.problems:
            report.problems.append(problem)


def _session() -> ExerciseSession:
    return ExerciseSession(id=BIGGEST_ID, patient_id=0, local_date=_NOW.date(), started_at=_NOW)


def _patient(lang: str, compact: bool) -> Patient:
    """A patient who exists only for rendering: nothing is stored."""
    return Patient(
        id=0,
        clinic_id=0,
        clinician_id=0,
        telegram_user_id=0,
        chat_id=0,
        timezone="UTC",
        programme_id="preview",
        created_at=_NOW,
        language=lang,
        session_format=session_plan.COMPACT if compact else session_plan.STEPS,
    )
