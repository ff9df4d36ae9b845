"""The append-only audit trail: who did what, to whose record, and when."""

from __future__ import annotations

from sqlmodel import Session

from bot.clock import Clock
from bot.db.audit_actions import AuditAction
from bot.db.models import AuditEvent


def record(
    db: Session,
    clock: Clock,
    action: AuditAction,
    *,
    outcome: str = "ok",
    telegram_user_id: int | None = None,
    staff_id: int | None = None,
    patient_id: int | None = None,
) -> None:
    """Add one audit row to the current transaction (the caller commits)."""
    db.add(
        AuditEvent(
            at=clock.now(),
            action=action,
            outcome=outcome,
            telegram_user_id=telegram_user_id,
            staff_id=staff_id,
            patient_id=patient_id,
        )
    )


def denied(db: Session, clock: Clock, action: AuditAction, telegram_user_id: int) -> None:
    """A refused staff action, audited by who asked and never with what they sent; flushed,
    so that the refusal is part of the use case's one commit even when nothing else is."""
    record(db, clock, action, outcome="denied", telegram_user_id=telegram_user_id)
    db.flush()
