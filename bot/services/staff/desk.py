"""Staff work from Telegram: an admin's invites and assignments, a clinician's patient list.

Every action checks the sender's role and works only inside the sender's own clinic,
so nothing of another clinic can be seen or changed from here.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime
from zoneinfo import ZoneInfo

from markupsafe import Markup
from sqlmodel import Session

from bot.clock import Clock
from bot.content import Content
from bot.content.dates import date_words, short_date_words
from bot.db.audit_actions import AuditAction
from bot.db.models import Clinic, Staff, StaffRole
from bot.rules.invite_codes import deep_link
from bot.services import audit, clinics
from bot.services.clinics import AdminError
from bot.services.enrolment import assignments
from bot.services.outgoing import Reply
from bot.services.patients import (
    Visitor,
    language_of,
    patient_by_telegram,
    patient_number,
    staff_by_telegram,
)

# Commands only a clinic admin may use; clinicians get the same refusal as anyone else.
ADMIN_ONLY = frozenset({"invite", "staffinvite", "invites", "revoke", "assign", "deactivate"})
STAFF_COMMANDS = ("patients", "invite", "invites", "revoke", "assign", "staffinvite", "deactivate")
CLEARANCE_COMMANDS = ("clear", "hold")  # a clinician's decision on a readiness hold

MAX_ROWS = 60

StaffAction = Callable[[Session, Clock, Content, Staff, Clinic, list[str]], str]


def run(
    db: Session,
    clock: Clock,
    content: Content,
    who: Visitor,
    action: StaffAction,
    args: list[str],
    *,
    admin_only: bool,
) -> Reply:
    """Run a staff command for the sender if their role allows it, else refuse politely.

    The refusal says nothing about what the command would do or who may use it.
    """
    staff = staff_by_telegram(db, who.telegram_user_id)
    if staff is None or (admin_only and staff.role != StaffRole.ADMIN):
        lang = _language(db, content, who)
        audit.denied(db, clock, AuditAction.STAFF_COMMAND, who.telegram_user_id)
        return Reply().send(who.chat_id, content.render(lang, "unknown_command"))
    clinic = db.get(Clinic, staff.clinic_id)
    assert clinic is not None
    try:
        text = action(db, clock, content, staff, clinic, args)
    except AdminError as error:
        problem = Markup(error.explain(content, staff.language))  # already escaped
        text = content.render(staff.language, "staff_problem", problem=problem)
    except (ValueError, IndexError):
        text = content.render(staff.language, "staff_usage")
    return Reply().send(who.chat_id, text)


def invite_patient(
    bot_username: str, programmes: Collection[str], valid_days: int, secret: bytes | None
) -> StaffAction:
    """``/invite <clinician> [programme]``: a patient invite code and its link."""

    def act(
        db: Session, clock: Clock, content: Content, staff: Staff, clinic: Clinic, args: list[str]
    ) -> str:
        issued = clinics.create_patient_invite(
            db,
            clock,
            clinic_slug=clinic.slug,
            clinician_handle=args[0],
            programme_id=args[1] if len(args) > 1 else "starter",
            known_programmes=programmes,
            valid_days=valid_days,
            secret=secret,
        )
        return content.render(
            staff.language,
            "staff_invite_created",
            who=args[0],
            code=issued.code,
            link=deep_link(bot_username, issued.code),
            expires=_expiry(clock, clinic, staff, issued.invite.expires_at),
        )

    return act


def invite_staff(bot_username: str, valid_days: int, secret: bytes | None) -> StaffAction:
    """``/staffinvite <clinician|admin> <handle>``: a code for a new staff member."""

    def act(
        db: Session, clock: Clock, content: Content, staff: Staff, clinic: Clinic, args: list[str]
    ) -> str:
        role, handle = StaffRole(args[0]), args[1]
        issued = clinics.invite_staff(
            db,
            clock,
            clinic_slug=clinic.slug,
            role=role,
            handle=handle,
            valid_days=valid_days,
            secret=secret,
        )
        return content.render(
            staff.language,
            "staff_invite_created",
            who=handle,
            code=issued.code,
            link=deep_link(bot_username, issued.code),
            expires=_expiry(clock, clinic, staff, issued.invite.expires_at),
        )

    return act


def _expiry(clock: Clock, clinic: Clinic, staff: Staff, expires_at: datetime) -> str:
    """The last day an invite works, in the clinic's timezone and the staff member's words."""
    zone = ZoneInfo(clinic.timezone)
    today = clock.now().astimezone(zone).date()
    return date_words(expires_at.astimezone(zone).date(), staff.language, today=today)


def list_invites(
    db: Session, clock: Clock, content: Content, staff: Staff, clinic: Clinic, args: list[str]
) -> str:
    """``/invites``: the clinic's invites that can still be used."""
    found = clinics.open_invites(db, clock, clinic.slug)
    zone = ZoneInfo(clinic.timezone)
    today = clock.now().astimezone(zone).date()
    rows = [
        f"#{i.id} {i.purpose} · "
        f"{short_date_words(i.expires_at.astimezone(zone).date(), staff.language, today=today)}"
        for i in found
    ]
    shown = rows[:MAX_ROWS]
    return content.render(staff.language, "staff_invites", rows=shown, more=len(rows) - len(shown))


def revoke(
    db: Session, clock: Clock, content: Content, staff: Staff, clinic: Clinic, args: list[str]
) -> str:
    """``/revoke <invite number>``."""
    invite = clinics.revoke_invite(db, clock, clinic.slug, int(args[0].lstrip("#")))
    return content.render(staff.language, "staff_invite_revoked", invite_id=invite.id)


def assign(
    db: Session, clock: Clock, content: Content, staff: Staff, clinic: Clinic, args: list[str]
) -> str:
    """``/assign P-<id> <clinician> [backup]``."""
    patient_id = patient_number(args[0])
    if patient_id is None:
        raise ValueError("not a patient number")  # answered with the usage line
    backup = args[2] if len(args) > 2 else None
    assignments.assign(
        db, clock, clinic_slug=clinic.slug, patient_id=patient_id, clinician=args[1], backup=backup
    )
    return content.render(
        staff.language, "staff_assigned", patient_id=patient_id, clinician=args[1], backup=backup
    )


def deactivate(
    db: Session, clock: Clock, content: Content, staff: Staff, clinic: Clinic, args: list[str]
) -> str:
    """``/deactivate <handle>``: lists the patients and open alerts to reassign."""
    handover = assignments.deactivate(db, clock, clinic_slug=clinic.slug, handle=args[0])
    return content.render(
        staff.language,
        "staff_deactivated",
        handle=args[0],
        patients=[f"P-{p.id}" for p in handover.patients],
        alerts=[f"#{a.id} P-{a.patient_id}" for a in handover.open_alerts],
    )


def _language(db: Session, content: Content, who: Visitor) -> str:
    patient = patient_by_telegram(db, who.telegram_user_id)
    return patient.language if patient else language_of(db, content, who)
