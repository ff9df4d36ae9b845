"""Webhook updates seen recently, so an update Telegram delivers twice is processed once.

Telegram redelivers an update when the answer is slow or fails, possibly to another
instance behind the load balancer. Each change is one atomic statement, so two instances
that receive the same update at once cannot both process it:

- ``claim`` inserts the update id; the instance whose insert wins processes the update;
- an unfinished claim whose lease ran out (its process died) is taken over;
- a redelivery of a finished update is answered without processing it again;
- a redelivery while another claim is still working is told to come back later.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from bot.db.models import SeenUpdate

KEEP_FOR = timedelta(days=1)  # Telegram keeps an undelivered update for 24 hours


class Claim(StrEnum):
    """What to do with an update that just arrived."""

    PROCESS = "process"  # ours: process it, then ``finish``
    DONE = "done"  # processed before: answer 200, do nothing
    BUSY = "busy"  # another claim is processing it right now: ask Telegram to retry


def claim(db: Session, update_id: int, now: datetime, lease: timedelta) -> Claim:
    """Claim ``update_id`` for processing until ``now + lease``; commit."""
    insert = postgresql.insert if db.get_bind().dialect.name == "postgresql" else sqlite.insert
    # RETURNING says whether the row was added: an INSERT's rowcount is not reliable
    # (psycopg reports -1 for it).
    added = db.execute(
        insert(SeenUpdate)
        .values(update_id=update_id, received_at=now, lease_until=now + lease, done_at=None)
        .on_conflict_do_nothing(index_elements=["update_id"])
        .returning(col(SeenUpdate.update_id))
    ).first()
    if added is None:
        taken_over = db.execute(
            update(SeenUpdate)
            .where(
                col(SeenUpdate.update_id) == update_id,
                col(SeenUpdate.done_at).is_(None),
                col(SeenUpdate.lease_until) < now,
            )
            .values(lease_until=now + lease)
            .returning(col(SeenUpdate.update_id))
        ).first()
        if taken_over is None:
            db.commit()
            found = db.get(SeenUpdate, update_id)
            # None: a failed claim was just forgotten; the retry will claim it afresh.
            return Claim.DONE if found is not None and found.done_at is not None else Claim.BUSY
    db.commit()
    return Claim.PROCESS


def finish(db: Session, update_id: int, now: datetime) -> None:
    """The update was handled: a redelivery from now on is answered without processing."""
    db.execute(update(SeenUpdate).where(col(SeenUpdate.update_id) == update_id).values(done_at=now))
    db.commit()


def forget(db: Session, update_id: int) -> None:
    """Processing failed before it was handled: a redelivery processes it afresh."""
    db.execute(
        delete(SeenUpdate).where(
            col(SeenUpdate.update_id) == update_id, col(SeenUpdate.done_at).is_(None)
        )
    )
    db.commit()


def prune(db: Session, now: datetime) -> int:
    """Forget updates received more than a day ago; returns how many rows went."""
    result = db.execute(delete(SeenUpdate).where(col(SeenUpdate.received_at) < now - KEEP_FOR))
    db.commit()
    return int(result.rowcount)  # type: ignore[attr-defined]
