"""Every change to the due-work table, each one a single atomic statement.

The claim reads as plainly as healthchecks' ``sendalerts``: one ``UPDATE ... RETURNING``
moves due rows to ``claimed`` and hands them back. On PostgreSQL the rows are picked with
``FOR UPDATE SKIP LOCKED``, so several instances claim side by side without waiting on
each other or taking the same row; on SQLite the single writer makes the UPDATE atomic.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, func, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from scheduler.models import ROUTINE, DueWork, SchedulerInstance, WorkStatus

RUNNABLE = (WorkStatus.PENDING, WorkStatus.CLAIMED)


@dataclass(frozen=True)
class Due:
    """A claimed row, as a handler sees it."""

    id: int
    kind: str
    subject_id: int
    key: str
    due_at: datetime
    attempts: int  # including this one
    priority: int = ROUTINE


@dataclass(frozen=True)
class Planned:
    """A row a planner wants to exist; ``URGENT`` rows are claimed before routine ones."""

    kind: str
    subject_id: int
    key: str
    due_at: datetime
    priority: int = ROUTINE
    payload: str | None = None  # what the row sends (an outbox row); erased when finished
    run_at: datetime | None = None  # first claimable at (default: ``due_at``)


def add(db: Session, planned: Iterable[Planned], now: datetime) -> None:
    """Add rows whose key is new; a key already present (in any status) is left alone.

    This is what makes planning idempotent. The caller commits.
    """
    rows = [_values(p, now) for p in planned]
    if rows:  # one statement, many parameter sets: compiled once, sent in batches
        statement = _insert(db).on_conflict_do_nothing(index_elements=["key"])
        db.connection().execute(statement, rows)


def replace_future(
    db: Session, subject_id: int, kinds: Iterable[str], wanted: Sequence[Planned], now: datetime
) -> None:
    """Make the subject's untouched future rows of ``kinds`` exactly ``wanted``.

    Only rows that are pending, never tried and not yet due are moved or removed: a row
    that is due, running, retrying or finished keeps its key, so re-planning never
    duplicates it. The caller commits.
    """
    untouched = (
        (col(DueWork.status) == WorkStatus.PENDING)
        & (col(DueWork.attempts) == 0)
        & (col(DueWork.due_at) > now)
    )
    db.execute(
        delete(DueWork).where(
            col(DueWork.subject_id) == subject_id,
            col(DueWork.kind).in_(list(kinds)),
            col(DueWork.key).not_in([p.key for p in wanted]),
            untouched,
        )
    )
    if not wanted:
        return
    statement = _insert(db)
    upsert = statement.on_conflict_do_update(
        index_elements=["key"],
        set_={"due_at": statement.excluded.due_at, "run_at": statement.excluded.run_at},
        where=untouched,
    )
    db.connection().execute(upsert, [_values(p, now) for p in wanted])


def claim(
    db: Session,
    now: datetime,
    *,
    limit: int,
    lease: timedelta,
    worker: str,
    priority_at_most: int | None = None,
) -> list[Due]:
    """Claim up to ``limit`` runnable rows whose time has come, and commit.

    Urgent rows come first, then the longest-waiting: an escalation step due in the middle
    of a broadcast is in the next batch, not behind every routine row due before it.
    ``priority_at_most`` claims only the rows of that priority or a more urgent one (the
    tick's urgent lane: ``Lane``), found by ``ix_duework_by_priority``.
    A row is runnable when it is pending, or claimed by a tick whose lease has run out
    (that tick's process died): such a row is run again, which is the one repeat a crash
    between sending and marking done can cause.
    """
    runnable = [col(DueWork.status).in_(RUNNABLE), col(DueWork.run_at) <= now]
    if priority_at_most is not None:  # priorities are small numbers from 0 (URGENT) up; an
        # IN list, not a range, lets SQLite's planner pick the priority index too
        runnable.append(col(DueWork.priority).in_(range(priority_at_most + 1)))
    due_ids = (
        select(DueWork.id)
        .where(*runnable)
        .order_by(col(DueWork.priority), col(DueWork.run_at))
        .limit(limit)
        .with_for_update(skip_locked=True)  # PostgreSQL only; SQLite renders nothing
    )
    rows = db.execute(
        _claiming(
            col(DueWork.id).in_(due_ids.scalar_subquery()), now=now, lease=lease, worker=worker
        )
    ).all()
    db.commit()
    return sorted((_due(row) for row in rows), key=lambda d: (d.priority, d.due_at, d.id))


def any_due(db: Session, now: datetime, *, priority_at_most: int) -> bool:
    """Whether a runnable row of priority ``priority_at_most`` or more urgent is due: a
    read (no write lock; on SQLite in WAL mode it never waits for a writer), so that the
    urgent lane, idle most of the time, claims only when there is something to claim."""
    found = db.exec(
        select(DueWork.id)
        .where(
            col(DueWork.priority).in_(range(priority_at_most + 1)),
            col(DueWork.status).in_(RUNNABLE),
            col(DueWork.run_at) <= now,
        )
        .limit(1)
    ).first()
    db.rollback()  # end the read transaction at once
    return found is not None


def finish(db: Session, due: Due, status: WorkStatus, now: datetime) -> bool:
    """Record the outcome of a claimed row, if our claim still holds; commit.

    The claim is matched on its attempt number, so a tick whose lease ran out cannot
    overwrite the row another tick has since claimed.
    """
    result = db.connection().execute(_FINISH, _ours(due) | {"outcome": status, "now": now})
    db.commit()
    return bool(result.rowcount)


def _ours(due: Due) -> dict[str, Any]:
    return {"row_id": due.id, "claimed_attempts": due.attempts}


def finish_many(db: Session, outcomes: Sequence[tuple[Due, WorkStatus]], now: datetime) -> int:
    """``finish`` for several rows in one statement (compiled once); returns rows changed."""
    if not outcomes:
        return 0
    table = DueWork.metadata.tables["duework"]
    statement = (
        update(table)
        .where(_still_ours_params(table))
        .values(status=bindparam("outcome"), finished_at=now, last_error=None, payload=None)
    )
    params = [
        {"row_id": due.id, "claimed_attempts": due.attempts, "outcome": str(status)}
        for due, status in outcomes
    ]
    result = db.connection().execute(statement, params)
    db.commit()
    return int(result.rowcount)


def retry_later(
    db: Session, due: Due, now: datetime, *, error: str, wait: timedelta | None
) -> WorkStatus | None:
    """After a failure: try again after ``wait``, or dead-letter the row when it is ``None``;
    commit. Returns the row's new status, or ``None`` when the claim was no longer ours
    (another instance took the row over: it is left as that instance has it)."""
    status = WorkStatus.DEAD if wait is None else WorkStatus.PENDING
    values: dict[str, Any] = {"status": status, "last_error": error[:200]}
    if wait is None:
        values["finished_at"] = now
    else:
        values["run_at"] = now + wait
    result = db.execute(update(DueWork).where(_still_ours(due)).values(**values))
    db.commit()
    return status if result.rowcount else None  # type: ignore[attr-defined]


def release(db: Session, dues: Sequence[Due], now: datetime) -> int:
    """Hand back claimed rows that were never started (shutdown): runnable again at once,
    by any instance, as if never claimed. Returns how many were still ours; commit."""
    if not dues:
        return 0
    table = DueWork.metadata.tables["duework"]
    statement = (
        update(table)
        .where(_still_ours_params(table))
        .values(
            status=WorkStatus.PENDING,
            attempts=table.c.attempts - 1,
            run_at=now,
            claimed_by=None,
        )
    )
    result = db.connection().execute(statement, _claim_params(dues))
    db.commit()
    return int(result.rowcount)


def take_back(db: Session, worker: str, now: datetime) -> int:
    """At start: the claims this worker id (or one of its ``<worker>:...`` senders) left when
    its process died are runnable again at once, without waiting for their lease. A row's
    attempt stays counted. Returns how many; commit."""
    mine = (col(DueWork.claimed_by) == worker) | col(DueWork.claimed_by).startswith(f"{worker}:")
    result = db.execute(
        update(DueWork)
        .where(col(DueWork.status) == WorkStatus.CLAIMED, mine)
        .values(status=WorkStatus.PENDING, run_at=now, claimed_by=None)
    )
    db.commit()
    return int(result.rowcount)  # type: ignore[attr-defined]


def claimants(db: Session) -> set[str]:
    """The worker ids that hold claims now (each sender's id on its own)."""
    found = db.exec(
        select(DueWork.claimed_by)
        .where(col(DueWork.status) == WorkStatus.CLAIMED, col(DueWork.claimed_by).is_not(None))
        .distinct()
    ).all()
    db.rollback()  # end the read transaction at once
    return {worker for worker in found if worker is not None}


def take_over(db: Session, workers: Iterable[str], now: datetime) -> int:
    """The claims of ``workers`` (and of their ``<worker>:...`` senders), whose processes
    have ended, are runnable again at once, by anyone, without waiting for their lease. A
    row's attempt stays counted. Returns how many; commits when rows were taken."""
    ended = sorted(set(workers))
    if not ended:
        return 0
    return _release_claims_of(db, ended, now)


def take_over_silent(
    db: Session, now: datetime, *, silent_for: timedelta, alive: str | None = None
) -> int:
    """The claims of instances that stopped beating without stopping cleanly (their process
    was killed) are runnable again at once, by anyone, without waiting for their lease.

    An instance is silent when its last heartbeat (``instance_ticked``; its start if it never
    ticked) is older than ``silent_for``, and at least three of its own tick intervals, since
    an idle instance beats once a tick. Its senders' claims (``<worker>:...``) go with it. A
    row's attempt stays counted, and a claim taken over can no longer be finished by the
    silent instance (``finish`` needs the row still claimed at its attempt). Commits when
    rows were taken; returns how many.

    ``alive`` is the calling instance: it is running, so its own claims (its urgent lane's,
    in flight while its routine tick looks) are never taken, even when its heartbeat looks
    old (a clock that jumped, a loop that stalled)."""
    silent = [
        found.worker
        for found in db.exec(
            select(SchedulerInstance).where(col(SchedulerInstance.stopped_at).is_(None))
        )
        if found.worker != alive
        and (found.last_tick_at or found.started_at)
        < now - max(silent_for, timedelta(seconds=3 * found.tick_seconds))
    ]
    if not silent:
        return 0
    return _release_claims_of(db, silent, now)


def _release_claims_of(db: Session, workers: Sequence[str], now: datetime) -> int:
    """The rows claimed by ``workers`` or their ``<worker>:...`` senders are pending again,
    due now, their attempts still counted. Commits; returns how many."""
    theirs = or_(
        *(
            (col(DueWork.claimed_by) == worker)
            | col(DueWork.claimed_by).startswith(f"{worker}:", autoescape=True)
            for worker in workers
        )
    )
    result = db.execute(
        update(DueWork)
        .where(col(DueWork.status) == WorkStatus.CLAIMED, theirs)
        .values(status=WorkStatus.PENDING, run_at=now, claimed_by=None)
    )
    db.commit()
    return int(result.rowcount)  # type: ignore[attr-defined]


def renew(db: Session, dues: Sequence[Due], until: datetime) -> int:
    """Extend the lease of rows still being worked on to ``until``, so that no other
    instance takes them while a slow send (rate limits, retries) is still running.
    Returns how many were still ours; commit."""
    if not dues:
        return 0
    table = DueWork.metadata.tables["duework"]
    statement = update(table).where(_still_ours_params(table)).values(run_at=until)
    result = db.connection().execute(statement, _claim_params(dues))
    db.commit()
    return int(result.rowcount)


def take(db: Session, key: str, now: datetime, *, lease: timedelta, worker: str) -> Due | None:
    """``take_to_send`` without the payload: claim one pending row by its key, and commit.
    ``None`` when the row is already claimed or finished."""
    taken = take_to_send(db, key, now, lease=lease, worker=worker)
    return None if taken is None else taken[0]


def take_to_send(
    db: Session, key: str, now: datetime, *, lease: timedelta, worker: str
) -> tuple[Due, str | None] | None:
    """Claim one pending row by its key, whatever its run time, and commit; with what it
    carries, read by the same ``UPDATE ... RETURNING``: the bot sends an outbox row at once
    after the commit that made it, and the tick only takes it if that send did not finish.
    ``None`` when the row is already claimed or finished."""
    params = {"row_key": key, "until": now + lease, "worker": worker}
    row = db.connection().execute(_TAKE_TO_SEND, params).first()
    db.commit()
    return None if row is None else (_due(row[:-1]), row[-1])


def payload_of(db: Session, due: Due) -> str | None:
    """What a claimed row carries, while the claim is still ours."""
    found = db.exec(select(DueWork.payload).where(_still_ours(due))).first()
    return found


def keep_payload(db: Session, due: Due, payload: str, until: datetime | None = None) -> bool:
    """Replace what a claimed row still has to send (the part already sent is dropped), and
    commit, so a retry after a failure or a crash does not send it again. ``until`` renews
    the claim's lease at the same time."""
    values: dict[str, Any] = {"payload": payload}
    if until is not None:
        values["run_at"] = until
    result = db.execute(update(DueWork).where(_still_ours(due)).values(**values))
    db.commit()
    return bool(result.rowcount)  # type: ignore[attr-defined]


def run_now(db: Session, key: str, now: datetime) -> bool:
    """Make a pending row runnable at once (its work turned out to be needed sooner)."""
    result = db.execute(
        update(DueWork)
        .where(col(DueWork.key) == key, col(DueWork.status) == WorkStatus.PENDING)
        .values(run_at=now)
    )
    db.flush()  # the caller commits: this is part of its use case
    return bool(result.rowcount)  # type: ignore[attr-defined]


def counts(db: Session) -> dict[str, int]:
    """How many rows are in each status: the admin's overview."""
    rows = db.exec(select(DueWork.status, func.count()).group_by(col(DueWork.status))).all()
    return {status: number for status, number in rows}


def dead_letters(db: Session, limit: int = 50) -> list[DueWork]:
    """The rows that failed for good, newest first."""
    return list(
        db.exec(
            select(DueWork)
            .where(DueWork.status == WorkStatus.DEAD)
            .order_by(col(DueWork.finished_at).desc())
            .limit(limit)
        ).all()
    )


def revive(db: Session, row_id: int, now: datetime) -> bool:
    """Give a dead-lettered row a fresh start (an admin fixed the cause); commit."""
    result = db.execute(
        update(DueWork)
        .where(col(DueWork.id) == row_id, col(DueWork.status) == WorkStatus.DEAD)
        .values(status=WorkStatus.PENDING, attempts=0, run_at=now, finished_at=None)
    )
    db.commit()
    return bool(result.rowcount)  # type: ignore[attr-defined]


def overdue(db: Session, now: datetime, late_by: timedelta) -> tuple[int, datetime | None]:
    """Runnable rows that should have run more than ``late_by`` ago: how many, and the
    oldest one's time. Work being run under a live lease is not overdue."""
    cutoff = now - late_by
    number, oldest = db.exec(
        select(func.count(), func.min(DueWork.run_at)).where(
            col(DueWork.status).in_(RUNNABLE), col(DueWork.run_at) <= cutoff
        )
    ).one()
    return int(number), oldest


def outcomes_since(db: Session, since: datetime) -> dict[str, int]:
    """How many rows finished in each status since ``since`` (done, skipped, missed, dead)."""
    rows = db.exec(
        select(DueWork.status, func.count())
        .where(col(DueWork.finished_at) >= since)
        .group_by(col(DueWork.status))
    ).all()
    return {status: number for status, number in rows}


def instance_started(db: Session, worker: str, now: datetime, tick_seconds: float) -> None:
    """Record that ``worker`` runs the tick from now on; forget instances gone for a week."""
    db.execute(
        delete(SchedulerInstance).where(
            col(SchedulerInstance.started_at) < now - timedelta(days=7),
            (col(SchedulerInstance.last_tick_at).is_(None))
            | (col(SchedulerInstance.last_tick_at) < now - timedelta(days=7)),
        )
    )
    found = db.get(SchedulerInstance, worker)
    if found is None:
        found = SchedulerInstance(worker=worker, started_at=now, tick_seconds=tick_seconds)
    found.started_at, found.tick_seconds = now, tick_seconds
    found.last_tick_at = found.stopped_at = None
    db.add(found)
    db.commit()


def instance_ticked(db: Session, worker: str, now: datetime) -> None:
    """The heartbeat: ``worker``'s tick ran at ``now``; commit."""
    _mark_instance(db, worker, last_tick_at=now)


def instance_stopped(db: Session, worker: str, now: datetime) -> None:
    """``worker`` stopped cleanly; commit."""
    _mark_instance(db, worker, stopped_at=now)


def _mark_instance(db: Session, worker: str, **moment: datetime) -> None:
    db.execute(
        update(SchedulerInstance).where(col(SchedulerInstance.worker) == worker).values(**moment)
    )
    db.commit()


def instances(db: Session) -> list[SchedulerInstance]:
    """Every instance known, most recently started first."""
    return list(
        db.exec(select(SchedulerInstance).order_by(col(SchedulerInstance.started_at).desc()))
    )


def _claim_params(dues: Sequence[Due]) -> list[dict[str, Any]]:
    return [{"row_id": due.id, "claimed_attempts": due.attempts} for due in dues]


def _still_ours_params(table: Any) -> Any:
    return (
        (table.c.id == bindparam("row_id"))
        & (table.c.status == WorkStatus.CLAIMED)
        & (table.c.attempts == bindparam("claimed_attempts"))
    )


def _due(row: Any) -> Due:
    return Due(*row)


def _still_ours(due: Due) -> Any:
    return (
        (col(DueWork.id) == due.id)
        & (col(DueWork.status) == WorkStatus.CLAIMED)
        & (col(DueWork.attempts) == due.attempts)
    )


def _values(planned: Planned, now: datetime) -> dict[str, Any]:
    return {
        "kind": planned.kind,
        "subject_id": planned.subject_id,
        "key": planned.key,
        "due_at": planned.due_at,
        "run_at": planned.run_at or planned.due_at,
        "status": WorkStatus.PENDING,
        "attempts": 0,
        "priority": planned.priority,
        "created_at": now,
        "payload": planned.payload,
    }


def _insert(db: Session) -> Any:
    """``INSERT`` with ``ON CONFLICT`` support for the dialect in use."""
    if db.get_bind().dialect.name == "postgresql":
        return postgresql.insert(DueWork)
    return sqlite.insert(DueWork)


def _claiming(
    *where: Any, now: datetime, lease: timedelta, worker: str, payload: bool = False
) -> Any:
    """The UPDATE that claims the rows ``where`` selects for ``worker`` until ``now + lease``,
    returning what a :class:`Due` needs (then the payload, with ``payload``): one statement
    for the tick's batch and for ``take_to_send``."""
    also = [col(DueWork.payload)] if payload else []
    return (
        update(DueWork)
        .where(*where)
        .values(
            status=WorkStatus.CLAIMED,
            attempts=col(DueWork.attempts) + 1,
            run_at=now + lease,
            claimed_by=worker,
        )
        .returning(
            col(DueWork.id),
            col(DueWork.kind),
            col(DueWork.subject_id),
            col(DueWork.key),
            col(DueWork.due_at),
            col(DueWork.attempts),
            col(DueWork.priority),
            *also,
        )
    )


# The two statements of every send right after a commit (each press's reply), built once
# as Core statements on the table: through the ORM, each call cost about 1 ms of CPU in
# cache-key and bulk-update bookkeeping, four times the statement itself
# (docs/benchmarks.md, "The pain press's fixed costs").
_TABLE = DueWork.metadata.tables["duework"]
_FINISH = (
    update(_TABLE)
    .where(_still_ours_params(_TABLE))
    .values(
        status=bindparam("outcome"), finished_at=bindparam("now"), last_error=None, payload=None
    )
)
_TAKE_TO_SEND = (
    update(_TABLE)
    .where(_TABLE.c.key == bindparam("row_key"), _TABLE.c.status == WorkStatus.PENDING)
    .values(
        status=WorkStatus.CLAIMED,
        attempts=_TABLE.c.attempts + 1,
        run_at=bindparam("until"),
        claimed_by=bindparam("worker"),
    )
    .returning(
        _TABLE.c.id,
        _TABLE.c.kind,
        _TABLE.c.subject_id,
        _TABLE.c.key,
        _TABLE.c.due_at,
        _TABLE.c.attempts,
        _TABLE.c.priority,
        _TABLE.c.payload,
    )
)
