"""Composing the routine kinds' due rows in worker processes (``ComposerPool``).

A daily session is about 9 ms of Python (SQLAlchemy, templates). Composed in a thread of
the bot's process, it holds the GIL that the event loop needs to answer a button press:
each time the loop wants it back it may wait a switch interval (5 ms) behind a composing
thread, many times per press. In a worker process no GIL is shared with the loop at all.
``companion run`` composes in ``COMPOSER_PROCESSES`` workers (default 1; 0 composes in
the bot's own threads, as before); see docs/scheduling.md.

Each worker opens its own engine on the same database and loads the same content once. A
row's composition is still one transaction (``with open_db()``, committed in the worker
before the reply comes back), and the send still happens afterwards, in the bot's
process, from what was committed. The clock is the bot's: its ``now()`` when the row is
handed over, fixed for that composition.

The workers' lifecycle:

- they ignore SIGINT and SIGTERM (a Ctrl+C or a systemd stop reaches the whole process
  group): the bot's process stops its tick first, then closes the pool (``close``);
- they never outlive the bot's process: each waits on its parent's sentinel (a pipe
  whose other end only the parent holds; the kernel closes it when the parent dies, even
  of SIGKILL) and exits at once;
- a worker that dies, or takes longer than ``timeout`` over a row (it is killed: a stuck
  worker must not hold the row, nor SQLite's write lock, forever), costs nothing but
  time: that row is composed in the bot's process instead (``otherwise``), and a new
  worker replaces it, up to ``MAX_RESTARTS`` times; after that every row is composed in
  the bot's process. Each of these is logged with counts only. A row composed twice
  (the worker committed just before it was killed) finds its outbox rows by key, as
  after a crash (``outbox.enqueue``).
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from bot.clock import ManualClock
from bot.content import Content, load_content
from bot.db.engine import SessionFactory, make_engine, session_factory
from bot.services import outbox
from bot.services.outgoing import Reply
from bot.services.reminders import scheduled as reminders
from scheduler import Due

log = logging.getLogger(__name__)

WORKERS = 2  # this machine's cores; the loop's process keeps the priority
NICENESS = 10  # how much lower the workers' CPU priority is than the bot's
COMPOSE_TIMEOUT = 30.0  # seconds: a row is ~9 ms; a worker this late is stuck, and killed
START_TIMEOUT = 120.0  # seconds for a worker to import the bot and load the content
STOP_TIMEOUT = 10.0  # seconds for the workers to exit when asked, before they are killed
MAX_RESTARTS = 5  # workers replaced after dying or being killed, before giving up on them

Composed = tuple[Reply, list[str]]  # the reply, and the keys of its committed outbox rows
_READY = "ready"


@dataclass
class Counts:
    """What went wrong so far (only counts: never a patient, a key or a message)."""

    composed_here: int = 0  # rows composed in the bot's process instead of a worker
    deaths: int = 0  # workers that died (or never started)
    timeouts: int = 0  # workers killed for taking longer than ``timeout`` over a row
    restarts: int = 0  # workers started to replace one of those


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False


class ComposerPool:
    """Worker processes that compose due rows on ``database_url`` with ``content``."""

    def __init__(
        self,
        database_url: str,
        content: Content,
        workers: int = WORKERS,
        nice: int = NICENESS,
        *,
        timeout: float = COMPOSE_TIMEOUT,
        start_timeout: float = START_TIMEOUT,
        max_restarts: int = MAX_RESTARTS,
    ) -> None:
        # "spawn": the bot's process has threads (the loop, the store's workers); forking it
        # could copy a lock some thread holds. Nothing starts before ``start`` (or the
        # first row).
        self.workers = workers
        self.timeout = timeout
        self.start_timeout = start_timeout
        self.max_restarts = max_restarts
        self.counts = Counts()
        self._args = (database_url, str(content.root), nice)
        self._context = multiprocessing.get_context("spawn")
        self._changed = threading.Condition()
        self._idle: list[_Worker] = []  # workers waiting for a row
        self._all: list[_Worker] = []  # every worker alive (idle or composing)
        self._slots = workers  # workers wanted; one less each time one is given up
        self._started = False
        self._closed = False

    def start(self) -> None:
        """Start the workers now (they import the bot and load the content: seconds), and
        wait until each is ready. One that does not start is replaced as if it had died."""
        with self._changed:
            if self._started or self._closed:
                return
            self._started = True
            atexit.register(self.close)  # an exit that skipped close must not wait for them
            starting = [self._spawn() for _ in range(self.workers)]
        for worker in starting:
            if self._await_ready(worker):
                self._put_back(worker)
            else:
                self._lost(worker, "did not start", row=False)
        log.info("composer: %d worker process(es) ready", len(self._idle))

    @property
    def pids(self) -> list[int]:
        """The worker processes alive now (for tests and diagnostics)."""
        with self._changed:
            return [w.process.pid for w in self._all if w.process.pid is not None]

    def compose(
        self,
        due: Due,
        now: datetime,
        *,
        with_outbox: bool,
        otherwise: Callable[[], Composed] | None = None,
    ) -> Composed:
        """In a background thread: compose ``due`` in a worker and wait for its commit.

        If no worker can (it died, it took longer than ``timeout``, none is left),
        ``otherwise()`` composes the row here. Without ``otherwise`` the row fails
        (``RuntimeError``) and the tick tries it again later. An error of the composition
        itself is raised here, as it would have been in this process."""
        if not self._started:
            self.start()
        worker = self._take()
        if worker is None:  # none left, or closing: here, without a line per row
            return self._here(otherwise)
        failure = "did not start"
        if worker.ready or self._await_ready(worker):
            try:
                worker.conn.send((due, now, with_outbox))
                answered = worker.conn.poll(self.timeout)
                outcome = worker.conn.recv() if answered else None
            except (EOFError, OSError):
                failure = "died"
            else:
                if outcome is not None:
                    self._put_back(worker)
                    status, value = outcome
                    if status == "error":
                        raise value
                    composed: Composed = value
                    return composed
                failure = "timed out"
        self._lost(worker, failure, row=True)
        return self._here(otherwise, counted=True)

    def close(self) -> None:
        """Ask every worker to stop, wait for them (``STOP_TIMEOUT``), kill any left."""
        with self._changed:
            if self._closed:
                return
            self._closed = True
            workers, self._all, self._idle = self._all, [], []
            self._changed.notify_all()  # a row waiting for a worker is composed here
        for worker in workers:
            with contextlib.suppress(OSError):  # one already dead
                worker.conn.send(None)
        deadline = time.monotonic() + STOP_TIMEOUT
        killed = 0
        for worker in workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                killed += 1
                worker.process.kill()
                worker.process.join(5)
            worker.conn.close()
        atexit.unregister(self.close)
        if workers:
            log.info("composer: %d worker process(es) stopped, %d killed", len(workers), killed)

    # -- the workers, from the bot's side ------------------------------------------------

    def _spawn(self) -> _Worker:
        """A new worker process, starting (call with ``_changed`` held)."""
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=_serve, args=(theirs, *self._args), name="composer", daemon=True
        )
        process.start()
        theirs.close()  # only the worker holds its end: its death is our EOF
        worker = _Worker(process, ours)
        self._all.append(worker)
        return worker

    def _await_ready(self, worker: _Worker) -> bool:
        try:
            if worker.conn.poll(self.start_timeout) and worker.conn.recv() == _READY:
                worker.ready = True
        except (EOFError, OSError):
            pass
        return worker.ready

    def _take(self) -> _Worker | None:
        """An idle worker (waiting for one); ``None`` when none is left or the pool closed."""
        with self._changed:
            while not self._idle and self._slots > 0 and not self._closed:
                self._changed.wait()
            return self._idle.pop() if self._idle and not self._closed else None

    def _put_back(self, worker: _Worker) -> None:
        with self._changed:
            if self._closed:
                return
            self._idle.append(worker)
            self._changed.notify()

    def _lost(self, worker: _Worker, how: str, *, row: bool) -> None:
        """``worker`` died, did not start, or is stuck: kill it, and replace it if we may.
        ``row``: it had a row, which is composed in this process instead."""
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        with self._changed:
            if worker in self._all:
                self._all.remove(worker)
            if how == "timed out":
                self.counts.timeouts += 1
            else:
                self.counts.deaths += 1
            if row:
                self.counts.composed_here += 1
            replaced = not self._closed and self.counts.restarts < self.max_restarts
            if replaced:
                self.counts.restarts += 1
                self._idle.append(self._spawn())  # the next row waits for it to be ready
            else:
                self._slots -= 1
            self._changed.notify_all()
            counts, slots = self.counts, self._slots
        log.warning(
            "composer: a worker process %s (timeout %.0f s)%s. So far: %d died, %d timed "
            "out, %d replaced, %d row(s) composed here",
            how,
            self.timeout,
            "; its row is composed in this process" if row else "",
            counts.deaths,
            counts.timeouts,
            counts.restarts,
            counts.composed_here,
        )
        if not replaced and slots == 0 and not self._closed:
            log.error(
                "composer: no worker process left after %d replacement(s); every row is "
                "composed in this process from now on",
                counts.restarts,
            )

    def _here(self, otherwise: Callable[[], Composed] | None, *, counted: bool = False) -> Composed:
        if not counted:
            with self._changed:
                self.counts.composed_here += 1
        if otherwise is None:
            raise RuntimeError("no composer worker could compose this row")
        return otherwise()


# -- the worker's side ---------------------------------------------------------------------


def _serve(conn: Connection, database_url: str, content_root: str, nice: int) -> None:
    """A worker's life: ready, then one row after another until asked to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the bot's process stops us (close)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _exit_with_parent()
    try:
        if nice:
            os.nice(nice)
        open_db = session_factory(make_engine(database_url))
        content = load_content(Path(content_root))
    except Exception as error:  # its type only: a message could hold the database URL
        sys.stderr.write(f"composer worker: could not start ({type(error).__name__})\n")
        return  # the bot's process sees our end close, and composes in itself
    conn.send(_READY)
    while True:
        try:
            request = conn.recv()
        except EOFError:  # the bot's process closed its end
            return
        if request is None:
            return
        due, now, with_outbox = request
        try:
            outcome: tuple[str, Any] = ("ok", _compose(open_db, content, due, now, with_outbox))
        except Exception as error:  # the row's own failure: raised in the bot's process
            outcome = ("error", error)
        try:
            conn.send(outcome)
        except Exception:  # an exception that does not pickle: its type name only
            conn.send(("error", RuntimeError(type(outcome[1]).__name__)))


def _exit_with_parent() -> None:
    """Exit the moment the bot's process is gone, however it went (SIGKILL included)."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    sentinel = parent.sentinel

    def watch() -> None:
        wait([sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _compose(
    open_db: SessionFactory, content: Content, due: Due, now: datetime, with_outbox: bool
) -> Composed:
    """In a worker: the row's one transaction, as ``routine_kinds``'s compose does it."""
    clock = ManualClock(now)
    with open_db() as db:
        reply = reminders.scheduled_reply(db, clock, content, due.kind, due.subject_id, due.due_at)
        keys = outbox.enqueue(db, clock, reply.messages, due.key) if with_outbox else []
    return reply, keys
