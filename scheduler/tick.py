"""The tick: one periodic job that claims due rows and runs the handler of each row's kind.

Steps of one tick:

1. Record the heartbeat (admins see it in ``companion scheduler status``), and warn, in
   counts, when due work is running late. The claims of an instance whose heartbeat went
   silent (killed) are runnable again at once (``store.take_over_silent``).
2. Claim a batch of due rows (``store.claim``); stop when none are left or on shutdown.
   While the batch runs, the leases of its unfinished rows are renewed, so a slow send
   is never taken over by another instance, and a dead process's rows come back soon.
3. For each row, in parallel up to ``Policy.concurrency``:
   - a row older than its kind's grace window is marked ``missed`` and not run;
   - otherwise its handler runs. Only after it succeeds is the row marked ``done`` (or
     ``skipped`` when the handler had nothing to send), in small groups to save commits.
   - A failure schedules a retry with exponential backoff; after ``max_attempts`` the
     row is dead-lettered for an admin.
   - On shutdown, rows not yet started are released at once for any instance to take.
4. Report what happened, in counts (never any content).

The urgent lane (``Lane``, optional): a second, small, frequent claim that takes only the
rows of the most urgent priorities (the planner sets a row's priority; the bot makes alert
steps and alert messages urgent), in small batches with a concurrency of its own, so an
urgent row due in the middle of a long batch of routine rows is run within the lane's
interval, never after that batch. Both claims are atomic, so a row is claimed by one of
them; leases, release at shutdown and retries are the same for both.

No APScheduler job exists per subject: ``start`` adds one interval job, two with a lane.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, TypeVar

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlmodel import Session

from scheduler import store, workers
from scheduler.models import URGENT, WorkStatus
from scheduler.store import Due

log = logging.getLogger(__name__)

T = TypeVar("T")
Handler = Callable[[Due], Awaitable[bool]]
"""Runs one due row. Returns ``True`` when it did something, ``False`` when there was
nothing to do (the row is then ``skipped``). Raising means "try again later"."""


class Clock(Protocol):
    def now(self) -> datetime: ...


OffTheLoop = Callable[[Callable[[], T]], Awaitable[T]]
"""Runs the tick's own database work (claim, mark, retry, renew), a blocking call, without
holding up the event loop: ``asyncio.to_thread`` by default; the bot passes its own pool,
where the tick's work waits while a person's is in flight."""


async def in_a_thread(work: Callable[[], T]) -> T:
    return await asyncio.to_thread(work)


@dataclass(frozen=True)
class Kind:
    """What to do for rows of one kind.

    ``grace`` is how late a row may still run after downtime (``None``: always, as for an
    alert escalation). ``missed`` is told about rows skipped for lateness, so a planner
    can plan what comes next.
    """

    name: str
    run: Handler
    grace: timedelta | None = timedelta(hours=2)
    missed: Callable[[Due], None] | None = None


@dataclass(frozen=True)
class Policy:
    """How the tick claims, retries and gives up."""

    batch_size: int = 200
    concurrency: int = 16
    max_attempts: int = 5
    first_retry: timedelta = timedelta(seconds=30)
    longest_retry: timedelta = timedelta(hours=1)
    # A claim's lease, renewed every third of it while the row is still being worked on:
    # short, so that the rows of a process that died come back within it.
    lease: timedelta = timedelta(seconds=30)
    # An instance whose heartbeat is older than this (and three of its intervals) was killed:
    # its claims are runnable at once, not at the end of their lease. A running tick beats
    # at every claim and every third of this while a batch runs.
    silence: timedelta = timedelta(seconds=15)
    # Successes are marked done in groups of this many. The default, 1, marks each row as
    # soon as its handler returns, so a crash repeats only the messages still in flight;
    # a larger group saves commits (benchmarks) at the cost of more possible repeats.
    record_every: int = 1
    # Due work later than this is reported in the log (counts only), at most this often.
    overdue_after: timedelta = timedelta(minutes=5)

    def retry_wait(self, attempts: int) -> timedelta | None:
        """The wait before the next try (30 s, 1 min, 2 min, ...), or ``None`` to give up."""
        if attempts >= self.max_attempts:
            return None
        return min(self.first_retry * (1 << max(attempts - 1, 0)), self.longest_retry)


@dataclass(frozen=True)
class Lane:
    """The urgent lane: every ``every_seconds``, claim up to ``batch_size`` runnable rows of
    priority ``priority`` or more urgent, and run them ``concurrency`` at a time, apart
    from the routine batch. ``off_the_loop`` runs the lane's own database work (default:
    the tick's), so that a host can keep it out of the queue of its background work."""

    every_seconds: float = 0.5
    batch_size: int = 8
    concurrency: int = 8
    priority: int = URGENT
    off_the_loop: OffTheLoop[Any] | None = None


# Set while the urgent lane runs (its tasks inherit it): its store calls use its own
# ``off_the_loop``.
_IN_LANE: contextvars.ContextVar[Lane | None] = contextvars.ContextVar("in_lane", default=None)

RELEASED = "released"  # a claimed row handed back unstarted at shutdown (not a row status)
LOST = "lost"  # a row that failed here after another instance took it over (not a status)
FINISHED = (WorkStatus.DONE, WorkStatus.SKIPPED, WorkStatus.MISSED)
RENEW_POLL_SECONDS = 1.0  # real seconds between checks whether leases need renewing


@dataclass
class TickReport:
    """How many rows ended in each status during one tick."""

    outcomes: Counter[str] = field(default_factory=Counter)

    @property
    def claimed(self) -> int:
        return sum(self.outcomes.values())


class Tick:
    """Claims due work and dispatches it to the handlers registered for each kind."""

    def __init__(
        self,
        open_db: Callable[[], Session],
        clock: Clock,
        kinds: Iterable[Kind],
        policy: Policy | None = None,
        worker: str | None = None,
        off_the_loop: OffTheLoop[Any] = in_a_thread,
        lane: Lane | None = None,
        ended: Callable[[str], bool] = workers.ended,
    ) -> None:
        self.open_db = open_db
        self.off_the_loop = off_the_loop
        self.clock = clock
        self.kinds = {kind.name: kind for kind in kinds}
        self.policy = policy or Policy()
        # ``host:boot:pid-namespace:pid`` (``workers``): at start, the claims of an id whose
        # process has ended are taken back at once; ``ended`` says which (tests replace it).
        self.worker = (worker or workers.this_process().id)[:64]
        self.ended = ended
        self.lane = lane
        self._running = asyncio.Lock()
        self._lane_running = asyncio.Lock()
        self._stopping = False
        self._apscheduler: AsyncIOScheduler | None = None
        self._warned_overdue_at: datetime | None = None

    async def __call__(self) -> TickReport:
        """Run one tick: claim and dispatch until nothing is due (or we are stopping)."""
        report = TickReport()
        async with self._running:
            while not self._stopping:
                await self._heartbeat()
                await self._warn_if_overdue()
                batch: list[Due] = await self._store(self._take_over_and_claim)
                if not batch:
                    break
                report.outcomes.update(await self._run_batch(batch, self.policy.concurrency))
        if report.claimed:
            log.info("tick: %s", dict(report.outcomes))
        return report

    async def run_lane(self) -> TickReport:
        """Run the urgent lane once: claim and run urgent rows until none is due. Without a
        lane, nothing. The routine tick may be in the middle of a batch meanwhile."""
        report = TickReport()
        lane = self.lane
        if lane is None:
            return report
        if self._lane_running.locked():  # the lane's previous run is still going
            return report
        entered = _IN_LANE.set(lane)
        try:
            async with self._lane_running:
                while not self._stopping:
                    batch: list[Due] = await self._store(self._claim_urgent)
                    if not batch:
                        break
                    report.outcomes.update(await self._run_batch(batch, lane.concurrency))
        finally:
            _IN_LANE.reset(entered)
        if report.claimed:
            log.info("tick, urgent lane: %s", dict(report.outcomes))
        return report

    def start(self, every_seconds: float, *, first_at_once: bool = False) -> None:
        """Run the tick every ``every_seconds`` in the running event loop: one job, and the
        urgent lane's, every ``Lane.every_seconds`` (never less often than the tick).

        ``first_at_once`` runs the first tick as soon as the loop is free, not one interval
        after the start: a restart sends what is due (or what a killed process left) at once.
        """

        async def run_tick() -> None:
            # APScheduler 3 awaits only coroutine *functions*: handing it ``self`` (an
            # object whose ``__call__`` is async) makes it call, drop the coroutine and
            # report success. This plain ``async def`` is what it knows how to await.
            if self._running.locked():  # a long batch is still going: it beats on its own
                return
            await self()

        apscheduler = AsyncIOScheduler()
        apscheduler.add_job(
            run_tick,
            "interval",
            seconds=every_seconds,
            id="due-work-tick",
            # A run that overlaps a long one returns at once (above), so a long broadcast
            # logs no warning of a skipped run every second, and a tick is never doubled up.
            max_instances=2,
            coalesce=True,  # missed runs collapse into one
            misfire_grace_time=None,
            **({"next_run_time": datetime.now(UTC)} if first_at_once else {}),
        )
        if self.lane is not None:

            async def run_lane() -> None:
                await self.run_lane()

            apscheduler.add_job(
                run_lane,
                "interval",
                seconds=min(self.lane.every_seconds, every_seconds),
                id="due-work-urgent-lane",
                # A run that overlaps a long one returns at once (``run_lane``): no warning
                # of a skipped run every half second while an urgent batch takes longer.
                max_instances=2,
                coalesce=True,
                misfire_grace_time=None,
            )
        with self.open_db() as db:
            taken = store.take_back(db, self.worker, self.clock.now())
            taken_over = self._take_over_ended(db)
            store.instance_started(db, self.worker, self.clock.now(), every_seconds)
        if taken:
            log.info("tick: %d claims left by this worker's last run taken back", taken)
        if taken_over:
            log.info("tick: %d claims of processes that have ended taken over", taken_over)
        apscheduler.start()
        self._apscheduler = apscheduler
        log.info("tick: started as %s, every %g s", self.worker, every_seconds)

    async def stop(self) -> None:
        """Stop claiming, let the sends in flight finish, hand back the rows not started."""
        self._stopping = True
        if self._apscheduler is not None:
            self._apscheduler.pause()  # no new runs; the one running goes on
        async with self._running, self._lane_running:
            pass
        if self._apscheduler is not None:
            # Only now: APScheduler's shutdown *cancels* a job still running, which would
            # cut the sends in flight in the middle.
            self._apscheduler.shutdown(wait=False)
            self._apscheduler = None
        await self._store(lambda db: store.instance_stopped(db, self.worker, self.clock.now()))

    async def _store(self, work: Callable[[Session], T]) -> T:
        """``work(db)`` in a session of its own, off the event loop."""

        def call() -> T:
            with self.open_db() as db:
                return work(db)

        found: T = await self._off_the_loop()(call)
        return found

    def _off_the_loop(self) -> OffTheLoop[Any]:
        lane = _IN_LANE.get()
        if lane is not None and lane.off_the_loop is not None:
            return lane.off_the_loop
        return self.off_the_loop

    def _claim_urgent(self, db: Session) -> list[Due]:
        assert self.lane is not None
        now = self.clock.now()
        if not store.any_due(db, now, priority_at_most=self.lane.priority):
            return []  # the usual case: a read, not a write waiting for SQLite's lock
        return store.claim(
            db,
            now,
            limit=self.lane.batch_size,
            lease=self.policy.lease,
            worker=self.worker,
            priority_at_most=self.lane.priority,
        )

    def _take_over_ended(self, db: Session) -> int:
        """At start: the claims of workers whose process has ended (killed, on this host, in
        this pid namespace) are runnable at once, not at the end of their lease."""
        holders = store.claimants(db)
        ended = [w for w in holders if w != self.worker and self._quietly_ended(w)]
        return store.take_over(db, ended, self.clock.now())

    def _quietly_ended(self, worker: str) -> bool:
        try:
            return self.ended(worker)
        except Exception as error:  # unsure: leave the claim to its heartbeat or lease
            log.warning("tick: could not tell whether a worker ended: %s", type(error).__name__)
            return False

    def _take_over_and_claim(self, db: Session) -> list[Due]:
        """Make a silent instance's claims runnable again, then claim a batch."""
        now = self.clock.now()
        taken = store.take_over_silent(db, now, silent_for=self.policy.silence, alive=self.worker)
        if taken:
            log.info("tick: %d claims of a silent instance taken over", taken)
        return store.claim(
            db, now, limit=self.policy.batch_size, lease=self.policy.lease, worker=self.worker
        )

    async def _heartbeat(self) -> None:
        try:
            await self._store(lambda db: store.instance_ticked(db, self.worker, self.clock.now()))
        except Exception as error:  # the heartbeat must never stop the work itself
            log.warning("tick: heartbeat not recorded: %s", type(error).__name__)

    async def _warn_if_overdue(self) -> None:
        """Say in the log, with counts only, when due work waits past ``overdue_after``."""
        now = self.clock.now()
        last = self._warned_overdue_at
        if last is not None and now - last < self.policy.overdue_after:
            return
        number, oldest = await self._store(
            lambda db: store.overdue(db, now, self.policy.overdue_after)
        )
        if number and oldest is not None:
            self._warned_overdue_at = now
            log.warning(
                "tick: %d due rows are overdue; the oldest is %d min late",
                number,
                (now - oldest).total_seconds() // 60,
            )

    async def _run_batch(self, batch: list[Due], concurrency: int) -> list[str]:
        """Dispatch a claimed batch; record outcomes as handlers finish, a few at a time."""
        gate = asyncio.Semaphore(concurrency)
        statuses: list[str] = []
        finished: list[tuple[Due, WorkStatus]] = []
        released: list[Due] = []
        unfinished = {due.id: due for due in batch}
        keeper = asyncio.create_task(self._keep_leases(unfinished))
        try:
            for next_one in asyncio.as_completed([self._guarded(gate, due) for due in batch]):
                due, status, recorded = await next_one
                unfinished.pop(due.id, None)
                statuses.append(status)
                if status == RELEASED:
                    released.append(due)
                elif status in FINISHED and not recorded:
                    finished.append((due, WorkStatus(status)))
                if len(finished) >= self.policy.record_every:
                    await self._record(finished)
                    finished = []
            await self._record(finished)
        finally:
            keeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await keeper
        if released:
            await self._store(lambda db: store.release(db, released, self.clock.now()))
            log.info("tick: stopping; %d claimed rows handed back unstarted", len(released))
        return statuses

    async def _guarded(self, gate: asyncio.Semaphore, due: Due) -> tuple[Due, str, bool]:
        """Run one row inside the concurrency gate; says whether its outcome is recorded.

        Marking one row at a time happens *before* the gate is left, so the rows a crash
        can repeat (sent, not yet marked) are never more than ``concurrency``."""
        async with gate:
            if self._stopping:  # shutting down: leave it for the next instance or start
                return due, RELEASED, False
            status = await self._dispatch(due)
            if self.policy.record_every == 1 and status in FINISHED:
                await self._record([(due, WorkStatus(status))])
                return due, status, True
            return due, status, False

    async def _keep_leases(self, unfinished: dict[int, Due]) -> None:
        """Renew the leases of the batch's unfinished rows every third of a lease."""
        renewed_at = beat_at = self.clock.now()
        while True:
            await asyncio.sleep(RENEW_POLL_SECONDS)
            now = self.clock.now()
            if now - beat_at >= self.policy.silence / 3:  # still alive, however long the batch
                await self._heartbeat()
                beat_at = now
            if now - renewed_at < self.policy.lease / 3 or not unfinished:
                continue
            rows, until = list(unfinished.values()), now + self.policy.lease

            def renew(db: Session, rows: list[Due] = rows, until: datetime = until) -> int:
                return store.renew(db, rows, until)

            try:
                kept = await self._store(renew)
            except Exception as error:
                log.warning("tick: leases not renewed: %s", type(error).__name__)
                continue
            renewed_at = now
            if kept < len(unfinished):
                log.warning(
                    "tick: %d of %d claimed rows were taken over before their lease was renewed",
                    len(unfinished) - kept,
                    len(unfinished),
                )

    async def _dispatch(self, due: Due) -> str:
        """Run one row; failures are recorded at once, successes by ``_record``."""
        kind = self.kinds.get(due.kind)
        if kind is None:
            log.error("due work %s: no handler for kind %r; dead-lettered", due.id, due.kind)
            return await self._failed(due, "no handler for this kind", give_up=True)
        if kind.grace is not None and self.clock.now() - due.due_at > kind.grace:
            if kind.missed is not None:
                await self._quietly(kind.missed, due)
            return WorkStatus.MISSED
        try:
            did_something = await kind.run(due)
        except Exception as error:  # any failure is retried; its text may hold health data
            log.warning("due work %s (%s) failed: %s", due.id, due.kind, type(error).__name__)
            return await self._failed(due, type(error).__name__)
        return WorkStatus.DONE if did_something else WorkStatus.SKIPPED

    async def _record(self, finished: list[tuple[Due, WorkStatus]]) -> None:
        if not finished:
            return
        changed = await self._store(lambda db: store.finish_many(db, finished, self.clock.now()))
        if changed < len(finished):  # our lease ran out and another tick claimed the row
            log.warning(
                "tick: %d of %d finished rows were no longer ours (claim lost); "
                "another tick may run them again",
                len(finished) - changed,
                len(finished),
            )

    async def _failed(self, due: Due, error: str, *, give_up: bool = False) -> str:
        wait = None if give_up else self.policy.retry_wait(due.attempts)
        status: WorkStatus | None = await self._store(
            lambda db: store.retry_later(db, due, self.clock.now(), error=error, wait=wait)
        )
        if status is None:  # our lease ran out and another tick claimed the row
            log.warning(
                "tick: 1 failed row was no longer ours (claim lost); its retry is left to "
                "the instance that took it over"
            )
            return LOST
        return status

    async def _quietly(self, hook: Callable[[Due], Any], due: Due) -> None:
        try:
            await self._off_the_loop()(lambda: hook(due))
        except Exception as error:
            log.warning("due work %s: missed-hook failed: %s", due.id, type(error).__name__)
