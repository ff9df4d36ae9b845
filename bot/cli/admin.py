"""Clinic admin commands: clinics, staff invites and patient invites."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import segno
import typer

from bot.cli.common import admin_session, clock_for, emit, fail, invite_policy, open_db, settings
from bot.content import load_content
from bot.db.models import StaffRole
from bot.rules.invite_codes import deep_link
from bot.services import clinics
from bot.services.clinics import IssuedInvite

clinic_app = typer.Typer(help="Create and list clinics.", no_args_is_help=True)
staff_app = typer.Typer(help="Invite clinicians and admins.", no_args_is_help=True)
invite_app = typer.Typer(help="Create patient invite codes.", no_args_is_help=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]
ClinicOption = Annotated[
    str | None, typer.Option("--clinic", help="Clinic id; optional when there is only one.")
]
PhoneOption = Annotated[
    str | None,
    typer.Option("--phone", help='The number patients are asked to call, e.g. "613-555-0100".'),
]
DaysOption = Annotated[
    int | None,
    typer.Option("--valid-days", min=1, max=365, help="Days before the code expires (default 14)."),
]


@clinic_app.command("create")
def clinic_create(
    slug: Annotated[str, typer.Option("--id", help="Short id, e.g. ottawa-east.")],
    name: Annotated[str, typer.Option("--name", help="The clinic's name.")],
    timezone: Annotated[
        str | None, typer.Option(help="A city (Toronto) or an IANA name. Default: CLINIC_TIMEZONE.")
    ] = None,
    phone: PhoneOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create a clinic."""
    config = settings()
    with admin_session(config) as db:
        clinic = clinics.create_clinic(
            db,
            clock_for(settings()),
            slug=slug,
            name=name,
            timezone=timezone or config.clinic_timezone,
            phone=phone,
        )
        emit(as_json, clinic.model_dump(), f"Created clinic {clinic.slug} ({clinic.timezone}).")


@clinic_app.command("set-phone")
def clinic_set_phone(
    phone: Annotated[str, typer.Argument(help='The number patients are asked to call, or "none".')],
    clinic: ClinicOption = None,
    as_json: JsonOption = False,
) -> None:
    """Set the number patients are asked to call when a clinician taps "Call me"."""
    with admin_session(settings()) as db:
        found = clinics.set_phone(
            db, clock_for(settings()), clinic, None if phone.lower() == "none" else phone
        )
        emit(
            as_json,
            {"clinic": found.slug, "phone": found.phone},
            f"{found.slug}: phone {found.phone or 'not set'}.",
        )


@clinic_app.command("list")
def clinic_list(as_json: JsonOption = False) -> None:
    """List the clinics."""
    with open_db(settings()) as db:
        found = [c.model_dump() for c in clinics.list_clinics(db)]
    lines = "\n".join(
        f"{c['slug']}\t{c['timezone']}\t{c['phone'] or '-'}\t{c['name']}" for c in found
    )
    emit(as_json, {"clinics": found}, lines or "No clinics yet.")


@staff_app.command("invite")
def staff_invite(
    role_name: Annotated[str, typer.Option("--role", help="clinician or admin.")],
    handle: Annotated[str, typer.Option("--handle", help="Short label, e.g. dr-lee.")],
    clinic: ClinicOption = None,
    valid_days: DaysOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create a staff account and the code that links its owner's Telegram."""
    roles = [r.value for r in StaffRole]
    if role_name.lower() not in roles:  # a plain sentence, not the parser's "Value error"
        fail(f"--role must be {' or '.join(roles)}, not {role_name!r}.", code=2)
    role = StaffRole(role_name.lower())
    config = settings()
    with admin_session(config) as db:
        issued = clinics.invite_staff(
            db,
            clock_for(settings()),
            clinic_slug=clinic,
            role=role,
            handle=handle,
            valid_days=valid_days or config.invite_valid_days,
            secret=invite_policy(config).secret,
        )
    print_invite(issued, config.telegram_bot_username, as_json, who=f"{role} {handle}")


@invite_app.command("create")
def invite_create(
    clinician: Annotated[str, typer.Option("--clinician", help="The clinician's handle.")],
    programme: Annotated[str, typer.Option(help="Starter programme id.")] = "starter",
    clinic: ClinicOption = None,
    valid_days: DaysOption = None,
    qr: Annotated[
        Path | None, typer.Option("--qr", help="Also write a printable QR code PNG of the link.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Create a single-use patient invite for a clinician's patient."""
    config = settings()
    if qr is not None and not config.telegram_bot_username:  # before a code nobody sees exists
        fail("Set TELEGRAM_BOT_USERNAME so the QR code can hold the t.me link.")
    content = load_content(config.content_dir)
    with admin_session(config) as db:
        issued = clinics.create_patient_invite(
            db,
            clock_for(settings()),
            clinic_slug=clinic,
            clinician_handle=clinician,
            programme_id=programme,
            known_programmes=content.programmes.keys(),
            valid_days=valid_days or config.invite_valid_days,
            secret=invite_policy(config).secret,
        )
    if qr is not None and config.telegram_bot_username:
        write_qr(deep_link(config.telegram_bot_username, issued.code), qr)
    print_invite(issued, config.telegram_bot_username, as_json, who=f"a patient of {clinician}")
    if qr is not None and not as_json:
        print(f"  QR code: {qr}")


@invite_app.command("list")
def invite_list(clinic: ClinicOption = None, as_json: JsonOption = False) -> None:
    """List the clinic's invites that can still be used."""
    with admin_session(settings()) as db:
        found = clinics.open_invites(db, clock_for(settings()), clinic)
    rows = [
        {"id": i.id, "purpose": i.purpose, "expires_at": i.expires_at.isoformat()} for i in found
    ]
    lines = "\n".join(
        f"#{i.id}\t{i.purpose}\texpires {i.expires_at:%Y-%m-%d %H:%M} UTC" for i in found
    )
    emit(as_json, {"invites": rows}, lines or "No open invites.")


@invite_app.command("revoke")
def invite_revoke(
    invite_id: Annotated[int, typer.Argument(help="The invite number, as listed.")],
    clinic: ClinicOption = None,
    as_json: JsonOption = False,
) -> None:
    """Cancel an unused invite, so its code no longer works."""
    with admin_session(settings()) as db:
        invite = clinics.revoke_invite(db, clock_for(settings()), clinic, invite_id)
    emit(
        as_json, {"id": invite.id, "revoked_at": invite.revoked_at}, f"Invite #{invite_id} revoked."
    )


def write_qr(link: str, path: Path) -> None:
    """A printable QR code of the invite link, for handing to a patient at the front desk."""
    segno.make(link, error="m").save(str(path), scale=10, border=4)


def print_invite(issued: IssuedInvite, bot_username: str | None, as_json: bool, who: str) -> None:
    link = deep_link(bot_username, issued.code) if bot_username else None
    data = {
        "code": issued.code,
        "link": link,
        "clinic": issued.clinic.slug,
        "purpose": issued.invite.purpose,
        "expires_at": issued.invite.expires_at.isoformat(),
    }
    if issued.staff is not None:
        data["clinician" if issued.invite.purpose == "patient" else "staff"] = issued.staff.handle
    lines = [f"Invite for {who} at {issued.clinic.slug}:", f"  code:    {issued.code}"]
    lines.append(
        f"  link:    {link}" if link else "  link:    set TELEGRAM_BOT_USERNAME to print it"
    )
    lines.append(f"  expires: {issued.invite.expires_at:%Y-%m-%d %H:%M} UTC (single use)")
    lines.append(f"They send /start {issued.code} to the bot, or open the link.")
    emit(as_json, data, "\n".join(lines))
