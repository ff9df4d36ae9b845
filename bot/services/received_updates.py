"""Updates from Telegram, kept durably from the moment they arrive until they are handled.

Polling confirms an update to Telegram with the next ``getUpdates`` offset, and Telegram
never sends a confirmed update again. So an update is stored here *before* it is queued
(and so before that next call), and a restart handles whatever was stored and not yet
handled. Once handled, the raw payload (health data) is erased; the bare ``update_id``
stays two days so that a redelivery is recognised. Payloads are never logged.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from bot.clock import Clock
from bot.db.models import ReceivedUpdate

KEEP_HANDLED = timedelta(days=2)


def receive(db: Session, clock: Clock, update_id: int, payload: str) -> bool:
    """Store an arriving update; ``False`` if it was already handled (a redelivery).

    One statement, committed: when this returns, the update survives a crash.
    """
    table = ReceivedUpdate.metadata.tables["receivedupdate"]
    dialect = postgresql if db.get_bind().dialect.name == "postgresql" else sqlite
    db.connection().execute(
        dialect.insert(table)
        .values(update_id=update_id, received_at=clock.now(), payload=payload)
        .on_conflict_do_nothing(index_elements=["update_id"])
    )
    db.commit()
    found = db.get(ReceivedUpdate, update_id)
    return found is not None and found.handled_at is None


def handled(db: Session, clock: Clock, update_id: int) -> None:
    """The update was handled: erase its payload, keep its id for a while; commit."""
    db.execute(
        update(ReceivedUpdate)
        .where(col(ReceivedUpdate.update_id) == update_id)
        .values(handled_at=clock.now(), payload=None)
    )
    db.commit()


def unhandled(db: Session) -> list[tuple[int, str]]:
    """Updates received and not yet handled (a crash or a stop came first), oldest first."""
    rows = db.exec(
        select(ReceivedUpdate.update_id, ReceivedUpdate.payload)
        .where(col(ReceivedUpdate.handled_at).is_(None), col(ReceivedUpdate.payload).is_not(None))
        .order_by(col(ReceivedUpdate.update_id))
    ).all()
    return [(update_id, payload) for update_id, payload in rows if payload is not None]


def forget_old(db: Session, clock: Clock) -> int:
    """Drop the ids of updates handled more than two days ago; commit."""
    result = db.execute(
        delete(ReceivedUpdate).where(col(ReceivedUpdate.handled_at) < clock.now() - KEEP_HANDLED)
    )
    db.commit()
    return int(result.rowcount)  # type: ignore[attr-defined]
