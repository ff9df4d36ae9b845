"""The due-work table: one row per thing that must happen at a given time, exactly once."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Index, Text
from sqlmodel import Field, SQLModel

from scheduler.types import UTCDateTime


class WorkStatus(StrEnum):
    """Where a row is in its life. Only ``pending`` and ``claimed`` rows can still run."""

    PENDING = "pending"  # waiting for run_at
    CLAIMED = "claimed"  # a tick is running it; run_at is when its lease runs out
    DONE = "done"  # the handler succeeded
    SKIPPED = "skipped"  # the handler decided there was nothing to send
    MISSED = "missed"  # found after its grace window (downtime): not run
    DEAD = "dead"  # failed too often (or nobody handles its kind): for an admin to look at


URGENT, ROUTINE = 0, 1  # DueWork.priority: urgent rows are claimed before routine ones


class DueWork(SQLModel, table=True):
    """Something due at ``due_at``: a reminder, a check-in, an escalation step.

    ``key`` is unique, so planning the same thing twice adds nothing. ``due_at`` never
    changes once the row has been tried; ``run_at`` is when it may next be claimed (the due
    time, a retry after backoff, or the end of a claim's lease).
    """

    __table_args__ = (
        Index("ix_duework_claimable", "status", "run_at"),
        Index("ix_duework_subject", "subject_id", "kind"),
        Index("ix_duework_finished", "status", "finished_at"),  # the last day's outcomes
        # The urgent lane's claim: the few urgent rows, not every routine row that is due.
        Index("ix_duework_by_priority", "priority", "status", "run_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=40)
    subject_id: int = Field(sa_type=BigInteger)
    key: str = Field(unique=True, max_length=120)
    due_at: datetime = Field(sa_type=UTCDateTime)
    run_at: datetime = Field(sa_type=UTCDateTime)
    status: str = Field(default=WorkStatus.PENDING, max_length=20)
    attempts: int = 0
    # URGENT (alert steps, reminders) is claimed before ROUTINE, whatever their due times.
    priority: int = Field(default=ROUTINE, sa_column_kwargs={"server_default": str(ROUTINE)})
    claimed_by: str | None = Field(default=None, max_length=64)
    last_error: str | None = Field(default=None, max_length=200)  # an exception type, no text
    created_at: datetime = Field(sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # What the row will send, for kinds that carry it (the bot's outbox): opaque here, and
    # erased when the row finishes, since it can hold health data. A dead row keeps it, so
    # an admin can revive it.
    payload: str | None = Field(default=None, sa_type=Text)


class SchedulerInstance(SQLModel, table=True):
    """One process running the tick: when it started, last ticked and stopped.

    Admins read it in ``companion scheduler status``: an instance that started but never
    ticks, or stopped ticking, shows there within a minute.
    """

    worker: str = Field(primary_key=True, max_length=64)
    started_at: datetime = Field(sa_type=UTCDateTime)
    tick_seconds: float
    last_tick_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    stopped_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
