"""``companion programme ...``: a clinician changes one patient's programme from the shell.

Each command acts as a named staff member (``--as dr-lee``) and goes through the same
checks as ``/plan`` in Telegram: that person must be allowed to handle the patient.
"""

from __future__ import annotations

from typing import Annotated

import typer
from sqlmodel import select

from bot.cli.common import admin_session, clock_for, fail, settings
from bot.content import load_content
from bot.db.models import Staff
from bot.services.clinics import find_clinic
from bot.services.outgoing import as_plain_text
from bot.services.programmes.changes import PlanChange, PlanError, change_plan, plan_text

programme_app = typer.Typer(
    help="Show or change one patient's programme (as a clinician).", no_args_is_help=True
)

AsOption = Annotated[str, typer.Option("--as", help="The staff handle acting, e.g. dr-lee.")]
PatientOption = Annotated[int, typer.Option("--patient", help="Patient id (the number of P-12).")]
ClinicOption = Annotated[
    str | None, typer.Option("--clinic", help="Clinic id; optional when there is only one.")
]
ExerciseArg = Annotated[str, typer.Argument(help="Exercise id, see `companion content list`.")]
LevelOption = Annotated[int | None, typer.Option("--level", min=1, help="Level on the ladder.")]


def register(app: typer.Typer) -> None:
    """Add ``companion programme ...``."""
    app.add_typer(programme_app, name="programme")


@programme_app.command("show")
def show(staff: AsOption, patient: PatientOption, clinic: ClinicOption = None) -> None:
    """Print the patient's programme."""
    _run(staff, patient, clinic, PlanChange("show"))


@programme_app.command("assign")
def assign(
    programme: Annotated[str, typer.Argument(help="Programme id, e.g. knee-oa.")],
    staff: AsOption,
    patient: PatientOption,
    phase: Annotated[int, typer.Option("--phase", min=1, help="Phase to start at.")] = 1,
    clinic: ClinicOption = None,
) -> None:
    """Replace the patient's exercises with a programme phase."""
    _run(staff, patient, clinic, PlanChange("assign", programme, level=phase))


@programme_app.command("add")
def add(
    exercise: ExerciseArg,
    staff: AsOption,
    patient: PatientOption,
    level: LevelOption = None,
    clinic: ClinicOption = None,
) -> None:
    """Add an exercise at the end of the session."""
    _run(staff, patient, clinic, PlanChange("add", exercise, level=level))


@programme_app.command("remove")
def remove(
    exercise: ExerciseArg, staff: AsOption, patient: PatientOption, clinic: ClinicOption = None
) -> None:
    """Remove an exercise."""
    _run(staff, patient, clinic, PlanChange("remove", exercise))


@programme_app.command("swap")
def swap(
    exercise: ExerciseArg,
    replacement: Annotated[str, typer.Argument(help="The exercise that takes its place.")],
    staff: AsOption,
    patient: PatientOption,
    level: LevelOption = None,
    clinic: ClinicOption = None,
) -> None:
    """Put another exercise in the place of one."""
    _run(staff, patient, clinic, PlanChange("swap", exercise, replacement, level=level))


@programme_app.command("set")
def set_dosage(
    exercise: ExerciseArg,
    staff: AsOption,
    patient: PatientOption,
    level: LevelOption = None,
    sets: Annotated[int | None, typer.Option(min=1, max=10)] = None,
    reps: Annotated[int | None, typer.Option(min=1, max=100)] = None,
    hold: Annotated[int | None, typer.Option("--hold", min=1, help="Seconds.")] = None,
    duration: Annotated[int | None, typer.Option("--duration", min=1, help="Seconds.")] = None,
    rest: Annotated[int | None, typer.Option("--rest", min=0, help="Seconds.")] = None,
    clinic: ClinicOption = None,
) -> None:
    """Set an exercise's level, then its dosage for this patient (sets, reps, hold...)."""
    if level is not None:
        _run(staff, patient, clinic, PlanChange("level", exercise, level=level), quiet=True)
    change = PlanChange(
        "dose",
        exercise,
        sets=sets,
        reps=reps,
        hold_seconds=hold,
        duration_seconds=duration,
        rest_seconds=rest,
    )
    if any(value is not None for value in change.dosage_changes().values()):
        _run(staff, patient, clinic, change)
    elif level is not None:
        _run(staff, patient, clinic, PlanChange("show"))
    else:
        fail("Give --level or a dosage (--sets, --reps, --hold, --duration, --rest).")


def _run(
    handle: str, patient_id: int, clinic_slug: str | None, change: PlanChange, quiet: bool = False
) -> None:
    content = load_content()
    with admin_session(settings()) as db:
        clinic = find_clinic(db, clinic_slug)
        staff = db.exec(
            select(Staff).where(Staff.clinic_id == clinic.id, Staff.handle == handle)
        ).first()
        if staff is None:
            fail(f"No staff member {handle!r} in {clinic.slug}.")
        lang = content.default_language
        try:
            patient, rows = change_plan(
                db, clock_for(settings()), content, staff, patient_id, change
            )
        except PlanError as error:
            fail(as_plain_text(content.render(lang, error.key, **error.values)))
        if not quiet:
            typer.echo(as_plain_text(plan_text(content, lang, patient, rows)))
