"""Admin commands for staff and assignments: deactivate, assign, default backup."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli.admin import ClinicOption, DaysOption, JsonOption, print_invite, staff_app
from bot.cli.common import admin_session, clock_for, emit, fail, invite_policy, settings
from bot.services import clinics
from bot.services.enrolment import assignments
from bot.services.patients import patient_number
from bot.services.scheduling import digest_times

patient_app = typer.Typer(help="Assign patients to clinicians.", no_args_is_help=True)


@staff_app.command("deactivate")
def staff_deactivate(
    handle: Annotated[str, typer.Argument(help="The staff member's handle.")],
    clinic: ClinicOption = None,
    as_json: JsonOption = False,
) -> None:
    """Deactivate a staff member; list the patients and open alerts to reassign."""
    with admin_session(settings()) as db:
        left = assignments.deactivate(db, clock_for(settings()), clinic_slug=clinic, handle=handle)
    patients = [f"P-{p.id}" for p in left.patients]
    alerts = [
        {"id": a.id, "patient": f"P-{a.patient_id}", "level": a.level} for a in left.open_alerts
    ]
    lines = [f"{handle} is deactivated. Nothing was reassigned."]
    if patients:
        lines.append("Patients to reassign (companion patient assign): " + ", ".join(patients))
    if alerts:
        lines.append("Open alerts: " + ", ".join(f"#{a['id']} {a['patient']}" for a in alerts))
    emit(as_json, {"staff": handle, "patients": patients, "open_alerts": alerts}, "\n".join(lines))


@staff_app.command("reinvite")
def staff_reinvite(
    handle: Annotated[str, typer.Argument(help="The staff member's handle.")],
    clinic: ClinicOption = None,
    valid_days: DaysOption = None,
    as_json: JsonOption = False,
) -> None:
    """A new code for an existing staff member; their old codes and Telegram link end."""
    config = settings()
    with admin_session(config) as db:
        issued = clinics.reinvite_staff(
            db,
            clock_for(settings()),
            clinic_slug=clinic,
            handle=handle,
            valid_days=valid_days or config.invite_valid_days,
            secret=invite_policy(config).secret,
        )
    print_invite(issued, config.telegram_bot_username, as_json, who=handle)


@staff_app.command("default-backup")
def staff_default_backup(
    handle: Annotated[str, typer.Argument(help="The clinician who backs up new patients.")],
    clinic: ClinicOption = None,
    as_json: JsonOption = False,
) -> None:
    """Make a clinician the clinic's default backup for new patients."""
    with admin_session(settings()) as db:
        chosen = assignments.set_default_backup(
            db, clock_for(settings()), clinic_slug=clinic, handle=handle
        )
    emit(
        as_json,
        {"default_backup": chosen.handle, "own_patients_backed_up": False},
        f"{chosen.handle} is now the default backup. Nobody is their own backup, so "
        f"{chosen.handle}'s own new patients get none.",
    )


@patient_app.command("assign")
def patient_assign(
    patient: Annotated[str, typer.Argument(help="The patient, e.g. P-12.")],
    clinician: Annotated[str, typer.Option("--clinician", help="Their clinician's handle.")],
    backup: Annotated[str | None, typer.Option("--backup", help="Their backup's handle.")] = None,
    clinic: ClinicOption = None,
    as_json: JsonOption = False,
) -> None:
    """Assign or reassign a patient's clinician and backup."""
    patient_id = patient_number(patient)
    if patient_id is None:
        fail(f"{patient!r} is not a patient number like P-12.")
    with admin_session(settings()) as db:
        found = assignments.assign(
            db,
            clock_for(settings()),
            clinic_slug=clinic,
            patient_id=patient_id,
            clinician=clinician,
            backup=backup,
        )
    data = {"patient": f"P-{found.id}", "clinician": clinician, "backup": backup}
    emit(
        as_json,
        data,
        f"P-{found.id} is now with {clinician}" + (f", backup {backup}." if backup else "."),
    )


def register(app: typer.Typer) -> None:
    """Add ``companion patient ...`` (the staff commands join ``companion staff``)."""
    app.add_typer(patient_app, name="patient")


@staff_app.command("plan-digests")
def staff_plan_digests(as_json: JsonOption = False) -> None:
    """Plan the weekly digest of every active clinician who has none planned yet.

    New clinicians get theirs when they link Telegram; run this once after upgrading.
    """
    with admin_session(settings()) as db:
        planned = digest_times.plan_everyone(db, clock_for(settings()))
    emit(as_json, {"planned": planned}, f"Weekly digests planned for {planned} clinician(s).")
