"""The patient's rights from the command line: export, withdrawal, retention, the audit log."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from sqlmodel import Session

from bot.cli.admin import ClinicOption, JsonOption, clinic_app
from bot.cli.common import admin_session, clock_for, emit, fail, settings
from bot.cli.staff_commands import patient_app
from bot.content import load_content
from bot.db.audit_actions import AuditAction
from bot.db.models import Patient
from bot.services import audit
from bot.services.clinics import find_clinic
from bot.services.enrolment import consent
from bot.services.patients import patient_number
from bot.services.privacy import audit_log, retention
from bot.services.staff import patient_record

retention_app = typer.Typer(help="Erase personal data after the clinic's retention period.")


def _patient(db: Session, reference: str, clinic: str | None) -> Patient:
    """The patient a typed reference names, in the clinic; else the command ends clearly."""
    number = patient_number(reference)
    if number is None:
        fail(f"{reference!r} is not a patient number like P-12.")
    found = find_clinic(db, clinic)
    patient = db.get(Patient, number)
    if patient is None or patient.clinic_id != found.id:
        fail(f"No patient P-{number} in {found.slug}.")
    return patient


@patient_app.command("export")
def patient_export(
    patient: Annotated[str, typer.Argument(help="The patient, e.g. P-12.")],
    out: Annotated[Path, typer.Option("--out", help="Folder to write the two files in.")] = Path(),
    clinic: ClinicOption = None,
    as_json: JsonOption = False,
) -> None:
    """Write a patient's whole record as JSON and as readable HTML (audited)."""
    config = settings()
    content = load_content(config.content_dir)
    with admin_session(config) as db:
        found = _patient(db, patient, clinic)
        data = patient_record.record(db, found)
        audit.record(
            db, clock_for(config), AuditAction.PATIENT_EXPORT, patient_id=found.id, outcome="cli"
        )
        db.commit()
        lang = found.language
    out.mkdir(parents=True, exist_ok=True)
    json_path = out / f"record-P-{found.id}.json"
    html_path = out / f"record-P-{found.id}.html"
    json_path.write_bytes(patient_record.as_json(data))
    html_path.write_bytes(patient_record.as_html(data, content, lang))
    emit(
        as_json,
        {"patient": f"P-{found.id}", "json": str(json_path), "html": str(html_path)},
        f"P-{found.id}: wrote {json_path} and {html_path}. They hold health data: keep them safe.",
    )


@patient_app.command("withdraw")
def patient_withdraw(
    patient: Annotated[str, typer.Argument(help="The patient, e.g. P-12.")],
    clinic: ClinicOption = None,
    as_json: JsonOption = False,
) -> None:
    """Withdraw a patient (at their request): every message to them stops at once."""
    config = settings()
    with admin_session(config) as db:
        found = _patient(db, patient, clinic)
        consent.withdraw(db, clock_for(config), found, by_admin=True)
    emit(as_json, {"patient": f"P-{found.id}", "withdrawn": True}, f"P-{found.id} is withdrawn.")


@clinic_app.command("set-retention")
def clinic_set_retention(
    days: Annotated[
        str, typer.Argument(help='Days to keep a departed patient\'s data, or "none".')
    ],
    clinic: ClinicOption = None,
    as_json: JsonOption = False,
) -> None:
    """How long a departed patient's personal data is kept before `companion retention run`."""
    value = None if days.lower() == "none" else int(days) if days.isdigit() else -1
    with admin_session(settings()) as db:
        found = retention.set_retention(db, clock_for(settings()), clinic, value)
        emit(
            as_json,
            {"clinic": found.slug, "retention_days": found.retention_days},
            f"{found.slug}: personal data kept {found.retention_days or 'until set'} days.",
        )


@retention_app.command("run")
def retention_run(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List, erase nothing.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Erase the personal data of departed patients past their clinic's retention period."""
    with admin_session(settings()) as db:
        due = retention.run(db, clock_for(settings()), dry_run=dry_run)
    rows = [
        {
            "patient": f"P-{d.patient_id}",
            "clinic": d.clinic,
            "last_activity": d.last_activity.isoformat(),
        }
        for d in due
    ]
    verb = "Would erase" if dry_run else "Erased"
    lines = [f"{verb} {len(rows)} patient record(s)."] + [
        f"  {r['patient']}\t{r['clinic']}\tlast activity {r['last_activity']}" for r in rows
    ]
    emit(
        as_json,
        {"dry_run": dry_run, "erased": [] if dry_run else rows, "due": rows},
        "\n".join(lines),
    )


def audit_command(
    patient: Annotated[str | None, typer.Option("--patient", help="e.g. P-12.")] = None,
    staff: Annotated[
        str | None, typer.Option("--staff", help="A staff handle, e.g. dr-lee.")
    ] = None,
    action: Annotated[
        str | None, typer.Option("--action", help='An action, or a prefix such as "alert."')
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="From this day (YYYY-MM-DD).")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", help="To this day, included.")] = None,
    clinic: ClinicOption = None,
    as_json: JsonOption = False,
) -> None:
    """The audit log: who did what to whose record, and when (clinic time)."""
    patient_id = patient_number(patient) if patient else None
    if patient and patient_id is None:
        fail(f"{patient!r} is not a patient number like P-12.")
    try:
        first = date.fromisoformat(since) if since else None
        last = date.fromisoformat(until) if until else None
    except ValueError:
        fail("Dates are written YYYY-MM-DD, e.g. 2026-11-30.")
    filters = audit_log.Filters(patient_id, staff, action, first, last)
    with admin_session(settings()) as db:
        rows = audit_log.search(db, clinic, filters)
    emit(as_json, {"events": rows}, audit_log.as_lines(rows) or "No matching events.")


def register(app: typer.Typer) -> None:
    """Add ``companion audit`` and ``companion retention ...``."""
    app.command("audit")(audit_command)
    app.add_typer(retention_app, name="retention")
