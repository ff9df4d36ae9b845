"""What a clinic admin sets up: the clinic, staff accounts and invites."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session, col, select

from bot.clock import Clock
from bot.content import Content, dates
from bot.db.audit_actions import AuditAction
from bot.db.models import Clinic, InviteCode, InvitePurpose, Staff, StaffRole
from bot.rules.invite_codes import code_hash, new_code
from bot.services import audit

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_PHONE = re.compile(r"^\+?[0-9 ().\-]{7,25}(?: ?(?:ext\.?|x|poste) ?[0-9]{1,6})?$", re.IGNORECASE)


class AdminError(Exception):
    """An admin request that can't be done. ``key`` names the message (``admin_<key>`` in
    the locales) that says why and what to do, in the reader's language."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def explain(self, content: Content, lang: str) -> str:
        """The reason, as the person reading it should see it."""
        return content.render(lang, f"admin_{self.key}", **self.params)


@dataclass(frozen=True)
class IssuedInvite:
    """A new invite. ``code`` is shown once and never stored."""

    code: str
    invite: InviteCode
    clinic: Clinic
    staff: Staff | None = None


def create_clinic(
    db: Session, clock: Clock, *, slug: str, name: str, timezone: str, phone: str | None = None
) -> Clinic:
    """Create a clinic, identified by a short slug such as ``ottawa-east``; ``phone`` is
    the number patients are asked to call; ``timezone`` a city ("Toronto") or an IANA name."""
    phone = checked_phone(phone) if phone else None
    if not _SLUG.match(slug):
        raise AdminError("bad_clinic_id")
    typed, timezone = timezone, dates.zone_from_words(timezone) or timezone  # "Toronto"
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise AdminError("bad_timezone", timezone=typed) from None
    if db.exec(select(Clinic).where(Clinic.slug == slug)).first():
        raise AdminError("clinic_exists", clinic=slug)
    clinic = Clinic(slug=slug, name=name, timezone=timezone, created_at=clock.now(), phone=phone)
    db.add(clinic)
    db.flush()
    return clinic


def set_phone(db: Session, clock: Clock, clinic_slug: str | None, phone: str | None) -> Clinic:
    """Set (or, with ``None``, remove) the number patients are asked to call. Audited."""
    clinic = find_clinic(db, clinic_slug)
    clinic.phone = checked_phone(phone) if phone else None
    db.add(clinic)
    audit.record(db, clock, AuditAction.CLINIC_PHONE)
    db.flush()
    return clinic


def checked_phone(phone: str) -> str:
    """A phone number as patients will read it: digits, spaces, + - . ( ) and an extension."""
    cleaned = " ".join(phone.split())
    if not _PHONE.match(cleaned) or sum(c.isdigit() for c in cleaned) < 7:
        raise AdminError("bad_phone", phone=phone)
    return cleaned


def find_clinic(db: Session, slug: str | None) -> Clinic:
    """The clinic named by ``slug``, or the only clinic when none is named."""
    if slug:
        clinic = db.exec(select(Clinic).where(Clinic.slug == slug)).first()
        if clinic is None:
            raise AdminError("no_clinic", clinic=slug)
        return clinic
    clinics = db.exec(select(Clinic)).all()
    if len(clinics) == 1:
        return clinics[0]
    if not clinics:
        raise AdminError("no_clinic_yet")
    raise AdminError("which_clinic")


def list_clinics(db: Session) -> list[Clinic]:
    """Every clinic, oldest first."""
    return list(db.exec(select(Clinic).order_by(Clinic.id)))  # type: ignore[arg-type]


def invite_staff(
    db: Session,
    clock: Clock,
    *,
    clinic_slug: str | None,
    role: StaffRole,
    handle: str,
    valid_days: int,
    secret: bytes | None = None,
) -> IssuedInvite:
    """Create a staff account and the code its owner sends to link their Telegram."""
    clinic = find_clinic(db, clinic_slug)
    if not _SLUG.match(handle):
        raise AdminError("bad_handle")
    taken = db.exec(
        select(Staff).where(Staff.clinic_id == clinic.id, Staff.handle == handle)
    ).first()
    if taken:
        raise AdminError("handle_exists", handle=handle, clinic=clinic.slug)
    staff = Staff(clinic_id=_id(clinic), role=role, handle=handle, created_at=clock.now())
    db.add(staff)
    db.flush()
    issued = _issue(db, clock, clinic, InvitePurpose.STAFF, valid_days, secret, staff_id=staff.id)
    audit.record(db, clock, AuditAction.STAFF_INVITED, staff_id=staff.id)
    db.flush()
    return IssuedInvite(issued[0], issued[1], clinic, staff)


def create_patient_invite(
    db: Session,
    clock: Clock,
    *,
    clinic_slug: str | None,
    clinician_handle: str,
    programme_id: str,
    known_programmes: Collection[str],
    valid_days: int,
    secret: bytes | None = None,
) -> IssuedInvite:
    """Create a patient's invite, bound to their clinician and starter programme."""
    if programme_id not in known_programmes:
        choices = ", ".join(sorted(known_programmes))
        raise AdminError("no_programme", programme=programme_id, choices=choices)
    clinic = find_clinic(db, clinic_slug)
    clinician = find_clinician(db, clinic, clinician_handle)
    code, invite = _issue(
        db,
        clock,
        clinic,
        InvitePurpose.PATIENT,
        valid_days,
        secret,
        clinician_id=clinician.id,
        programme_id=programme_id,
    )
    audit.record(db, clock, AuditAction.PATIENT_INVITE_CREATED, staff_id=clinician.id)
    db.flush()
    return IssuedInvite(code, invite, clinic, clinician)


def reinvite_staff(
    db: Session,
    clock: Clock,
    *,
    clinic_slug: str | None,
    handle: str,
    valid_days: int,
    secret: bytes | None = None,
) -> IssuedInvite:
    """A fresh code for an existing staff member (code lost or expired, new phone).

    Their old codes stop working, and their Telegram link is cleared until they use it.
    """
    clinic = find_clinic(db, clinic_slug)
    staff = db.exec(
        select(Staff).where(Staff.clinic_id == clinic.id, Staff.handle == handle)
    ).first()
    if staff is None or not staff.active:
        raise AdminError("no_active_staff", handle=handle, clinic=clinic.slug)
    now = clock.now()
    for old in db.exec(
        select(InviteCode).where(
            InviteCode.staff_id == staff.id,
            col(InviteCode.used_at).is_(None),
            col(InviteCode.revoked_at).is_(None),
        )
    ):
        old.revoked_at = now
        db.add(old)
    staff.telegram_user_id = None
    db.add(staff)
    code, invite = _issue(
        db, clock, clinic, InvitePurpose.STAFF, valid_days, secret, staff_id=staff.id
    )
    audit.record(db, clock, AuditAction.STAFF_REINVITED, staff_id=staff.id)
    db.flush()
    return IssuedInvite(code, invite, clinic, staff)


def find_clinician(db: Session, clinic: Clinic, handle: str) -> Staff:
    """The active clinician ``handle`` of ``clinic``, or an error that says what is wrong."""
    clinician = db.exec(
        select(Staff).where(Staff.clinic_id == clinic.id, Staff.handle == handle)
    ).first()
    if clinician is None or not clinician.active:
        raise AdminError("no_active_staff", handle=handle, clinic=clinic.slug)
    if clinician.role != StaffRole.CLINICIAN:
        raise AdminError("not_a_clinician", handle=handle)
    return clinician


def open_invites(db: Session, clock: Clock, clinic_slug: str | None) -> list[InviteCode]:
    """A clinic's invites that can still be used: not used, revoked or expired."""
    clinic = find_clinic(db, clinic_slug)
    return list(
        db.exec(
            select(InviteCode)
            .where(
                InviteCode.clinic_id == clinic.id,
                col(InviteCode.used_at).is_(None),
                col(InviteCode.revoked_at).is_(None),
                col(InviteCode.expires_at) > clock.now(),
            )
            .order_by(col(InviteCode.id))
        )
    )


def revoke_invite(db: Session, clock: Clock, clinic_slug: str | None, invite_id: int) -> InviteCode:
    """Cancel an unused invite of the clinic, so its code no longer works."""
    clinic = find_clinic(db, clinic_slug)
    invite = db.get(InviteCode, invite_id)
    if invite is None or invite.clinic_id != clinic.id:
        raise AdminError("no_invite", invite_id=invite_id, clinic=clinic.slug)
    if invite.used_at is not None:
        raise AdminError("invite_used", invite_id=invite_id)
    if invite.revoked_at is None:
        invite.revoked_at = clock.now()
        db.add(invite)
        audit.record(db, clock, AuditAction.INVITE_REVOKED)
        db.flush()
    return invite


def _issue(
    db: Session,
    clock: Clock,
    clinic: Clinic,
    purpose: InvitePurpose,
    valid_days: int,
    secret: bytes | None,
    **links: int | str | None,
) -> tuple[str, InviteCode]:
    if not 1 <= valid_days <= 365:
        raise AdminError("bad_valid_days")
    now: datetime = clock.now()
    code = new_code()
    invite = InviteCode(
        clinic_id=_id(clinic),
        purpose=purpose,
        code_hash=code_hash(code, secret),
        created_at=now,
        expires_at=now + timedelta(days=valid_days),
        **links,  # type: ignore[arg-type]
    )
    db.add(invite)
    db.flush()
    return code, invite


def _id(row: Clinic | Staff) -> int:
    assert row.id is not None, "row must be flushed first"
    return row.id
