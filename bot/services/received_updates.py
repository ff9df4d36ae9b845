"""Updates from Telegram, one row per ``update_id``, so each is handled exactly once.

Both ways of receiving updates share the table:

- **Polling** confirms an update to Telegram with the next ``getUpdates`` offset, and
  Telegram never sends a confirmed update again. So an update is stored (``receive``, with
  its payload) *before* it is queued, and a restart handles whatever was stored and not
  yet handled (``unhandled``).
- **The webhook**: Telegram redelivers an update when the answer is slow or fails,
  possibly to another instance. ``claim`` inserts the id in one atomic statement, so two
  instances receiving it at once cannot both process it; an unfinished claim whose lease
  ran out (its process died) is taken over; a redelivery of a handled update is answered
  without processing it again; one while another claim still works is told to come back.

Once handled (``handled``), the payload (health data) is erased; the bare id stays two days
so that a redelivery is recognised, then ``prune`` drops it. Payloads are never logged.

Like every service, these only run statements: the caller's ``with open_db()`` commits.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import bindparam, delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from bot.clock import Clock
from bot.db.models import ReceivedUpdate

KEEP_HANDLED = timedelta(days=2)  # Telegram keeps an undelivered update for 24 hours


class Claim(StrEnum):
    """What the webhook does with an update that just arrived."""

    PROCESS = "process"  # ours: process it, then ``handled``
    DONE = "done"  # processed before: answer 200, do nothing
    BUSY = "busy"  # another claim is processing it right now: ask Telegram to retry


def _insert(db: Session) -> Any:
    return postgresql.insert if db.get_bind().dialect.name == "postgresql" else sqlite.insert


def receive(db: Session, clock: Clock, update_id: int, payload: str) -> bool:
    """Store a polled update; ``False`` if it was already handled (a redelivery).

    One statement; the caller's ``with open_db()`` commits it before the update is queued,
    so that it survives a crash.
    """
    dialect = db.get_bind().dialect.name
    statement = _RECEIVE.get(dialect)
    if statement is None:
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        statement = _RECEIVE[dialect] = (
            insert(_TABLE)
            .values(update_id=bindparam("id"), received_at=bindparam("now"), payload=bindparam("p"))
            .on_conflict_do_nothing(index_elements=["update_id"])
            .returning(_TABLE.c.update_id)
        )
    params = {"id": update_id, "now": clock.now(), "p": payload}
    added = db.connection().execute(statement, params).first()
    if added is not None:
        return True
    found = db.get(ReceivedUpdate, update_id)
    return found is not None and found.handled_at is None


def claim(db: Session, update_id: int, now: datetime, lease: timedelta) -> Claim:
    """Claim a webhook update for processing until ``now + lease``."""
    # RETURNING says whether the row was added: an INSERT's rowcount is not reliable
    # (psycopg reports -1 for it).
    added = db.execute(
        _insert(db)(ReceivedUpdate)
        .values(update_id=update_id, received_at=now, lease_until=now + lease)
        .on_conflict_do_nothing(index_elements=["update_id"])
        .returning(col(ReceivedUpdate.update_id))
    ).first()
    if added is None:
        taken_over = db.execute(
            update(ReceivedUpdate)
            .where(
                col(ReceivedUpdate.update_id) == update_id,
                col(ReceivedUpdate.handled_at).is_(None),
                col(ReceivedUpdate.lease_until) < now,
            )
            .values(lease_until=now + lease)
            .returning(col(ReceivedUpdate.update_id))
        ).first()
        if taken_over is None:
            found = db.get(ReceivedUpdate, update_id)
            # None: a failed claim was just forgotten; the retry will claim it afresh.
            done = found is not None and found.handled_at is not None
            return Claim.DONE if done else Claim.BUSY
    return Claim.PROCESS


def handled(db: Session, now: datetime, update_id: int) -> None:
    """The update was handled: erase its payload, keep its id for a while."""
    db.connection().execute(_HANDLED, {"id": update_id, "now": now})


def decided(db: Session, now: datetime, update_id: int) -> bool:
    """The use case answering a polled update is about to commit: mark the update handled
    in that same commit, so that a process dying after it (before or during the send) does
    not handle it again at its restart (a typed warning sign reported twice, a message
    stored twice). A webhook claim (no payload) is marked after processing, as before:
    a redelivery while it is still sending is told to come back. ``True`` when it was
    marked here."""
    marked = db.connection().execute(
        update(ReceivedUpdate)
        .where(col(ReceivedUpdate.update_id) == update_id, col(ReceivedUpdate.payload).is_not(None))
        .values(handled_at=now, payload=None)
    )
    return bool(marked.rowcount)


def forget(db: Session, update_id: int) -> None:
    """A webhook update failed before it was handled: a redelivery processes it afresh."""
    db.execute(
        delete(ReceivedUpdate).where(
            col(ReceivedUpdate.update_id) == update_id, col(ReceivedUpdate.handled_at).is_(None)
        )
    )


def unhandled(db: Session) -> list[tuple[int, str]]:
    """Polled updates stored and not yet handled (a crash or a stop came first), oldest
    first. A webhook claim has no payload: Telegram itself delivers it again."""
    rows = db.exec(
        select(ReceivedUpdate.update_id, ReceivedUpdate.payload)
        .where(col(ReceivedUpdate.handled_at).is_(None), col(ReceivedUpdate.payload).is_not(None))
        .order_by(col(ReceivedUpdate.update_id))
    ).all()
    return [(update_id, payload) for update_id, payload in rows if payload is not None]


def prune(db: Session, now: datetime) -> int:
    """Forget ids received more than two days ago, unless a payload still waits to be
    handled. Returns how many rows went."""
    result = db.execute(
        delete(ReceivedUpdate).where(
            col(ReceivedUpdate.received_at) < now - KEEP_HANDLED,
            col(ReceivedUpdate.payload).is_(None),
        )
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


# Every update's storing and mark, built once as a Core statement on the table: through the ORM it
# cost about 1 ms of CPU a call (cache key, ORM bookkeeping), four times the
# statement itself (docs/benchmarks.md, "The pain press's fixed costs").
_TABLE = ReceivedUpdate.metadata.tables["receivedupdate"]
_RECEIVE: dict[str, Any] = {}  # by dialect: the INSERT ... ON CONFLICT of ``receive``
_HANDLED = (
    update(_TABLE)
    .where(_TABLE.c.update_id == bindparam("id"))
    .values(handled_at=bindparam("now"), payload=None)
)
