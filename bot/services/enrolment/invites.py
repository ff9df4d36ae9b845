"""Redeeming an invite code: single use, expiring, bound to one account, with a lockout."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.clock import Clock
from bot.content import Content
from bot.db.audit_actions import AuditAction
from bot.db.models import AuditEvent, InviteCode, Patient, Staff
from bot.rules.invite_codes import code_hash, looks_like_code
from bot.rules.lockout import locked_until
from bot.services import audit
from bot.services.outgoing import Message

REDEEM = AuditAction.INVITE_REDEEM


@dataclass(frozen=True)
class InvitePolicy:
    """How many failed codes in a row lock an account out, and for how long."""

    max_failures: int = 5
    lockout: timedelta = timedelta(minutes=15)
    secret: bytes | None = field(default=None, repr=False)  # keys the code hash (HMAC)


DEFAULT_POLICY = InvitePolicy()


@dataclass(frozen=True)
class Redemption:
    """The outcome of trying a code: the invite when it worked, else why it did not."""

    invite: InviteCode | None
    problem: str | None  # unknown | expired | used | revoked | locked
    notices: list[Message]  # what the staff must be told (a bound code tried again)


def redeem(
    db: Session,
    clock: Clock,
    content: Content,
    telegram_user_id: int,
    typed: str,
    policy: InvitePolicy,
) -> Redemption:
    """Check and claim a code for this account; every attempt is audited.

    The claim is a compare-and-set on ``used_at``, so two accounts racing for one code
    can't both win.
    """
    if _locked(db, clock, telegram_user_id, policy):
        return _refuse(db, clock, telegram_user_id, "locked")
    invite = _find(db, typed, policy.secret)
    problem = _problem(invite, clock) or _orphaned(db, invite)
    if problem:
        notices = _bound_code_notice(db, content, invite) if problem == "used" else []
        _refuse(db, clock, telegram_user_id, problem)
        return Redemption(None, problem, notices)
    assert invite is not None
    claimed = db.execute(
        update(InviteCode)
        .where(col(InviteCode.id) == invite.id, col(InviteCode.used_at).is_(None))
        .values(used_at=clock.now(), used_by_telegram_id=telegram_user_id)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]  # nothing changed: just refuse
        return _refuse(db, clock, telegram_user_id, "used")
    db.refresh(invite)
    return Redemption(invite, None, [])


def _locked(db: Session, clock: Clock, telegram_user_id: int, policy: InvitePolicy) -> bool:
    since = clock.now() - policy.lockout * (policy.max_failures + 1)
    attempts = db.exec(
        select(AuditEvent.at, AuditEvent.outcome)
        .where(
            AuditEvent.action == REDEEM,
            AuditEvent.telegram_user_id == telegram_user_id,
            col(AuditEvent.at) >= since,
        )
        .order_by(col(AuditEvent.at), col(AuditEvent.id))
    ).all()
    until = locked_until(attempts, max_failures=policy.max_failures, lockout=policy.lockout)
    return until is not None and clock.now() < until


def _refuse(db: Session, clock: Clock, telegram_user_id: int, problem: str) -> Redemption:
    audit.record(db, clock, REDEEM, outcome=problem, telegram_user_id=telegram_user_id)
    db.flush()
    return Redemption(None, problem, [])


def _find(db: Session, typed: str, secret: bytes | None) -> InviteCode | None:
    if not looks_like_code(typed):
        return None
    fingerprint = code_hash(typed, secret)
    return db.exec(select(InviteCode).where(InviteCode.code_hash == fingerprint)).first()


def _problem(invite: InviteCode | None, clock: Clock) -> str | None:
    """Why a code can't be used now, or ``None``."""
    if invite is None:
        return "unknown"
    if invite.revoked_at is not None:
        return "revoked"
    if invite.used_at is not None:
        return "used"
    if invite.expires_at <= clock.now():
        return "expired"
    return None


def _orphaned(db: Session, invite: InviteCode | None) -> str | None:
    """A patient invite whose clinician has left can't enrol anyone: it counts as revoked."""
    if invite is None or invite.clinician_id is None:
        return None
    clinician = db.get(Staff, invite.clinician_id)
    return None if clinician is not None and clinician.active else "revoked"


def _bound_code_notice(db: Session, content: Content, invite: InviteCode | None) -> list[Message]:
    """Tell the staff that someone else tried a code already bound to an account."""
    if invite is None:
        return []
    patient = db.exec(select(Patient).where(Patient.invite_id == invite.id)).first()
    staff_id = invite.clinician_id if patient is not None else invite.staff_id
    staff = db.get(Staff, staff_id) if staff_id else None
    if staff is None or staff.telegram_user_id is None:
        return []
    who = f"P-{patient.id}" if patient else f"staff {staff.handle}"
    text = content.render(staff.language, "bound_code_reused", invite_id=invite.id, who=who)
    return [Message(staff.telegram_user_id, text)]
