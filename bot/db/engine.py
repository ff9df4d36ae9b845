"""The database engine and session factory.

SQLite is the embedded default: it runs in WAL mode with foreign keys enforced, so a
reader never blocks the bot and a row can't point at something that isn't there.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, event
from sqlmodel import Session, create_engine


class UseCase(Session):
    """A session that is one use case's transaction: ``with open_db() as db:`` commits once,
    when the block ends without an exception, and rolls everything back otherwise.

    Services only add and flush; the edge that opened the block (a handler's respond path,
    the tick's handler for a due row, a CLI command) is the only place a use case commits.
    Everything the use case decided, the answer, the alert, its ladder rows, the plan and
    the audit row, is therefore stored together or not at all.
    """

    def __exit__(self, type_: Any, value: Any, traceback: Any) -> None:
        try:
            if type_ is None:
                before_commit(self)
                self.commit()
        finally:
            self.close()


SessionFactory = Callable[[], Session]
T = TypeVar("T")

# Database work of a use case runs in a worker thread, so that a long composition (a daily
# session is about 9 ms of SQLite and templates) never holds up the next button press.
# ``bench/event_loop.py`` turns it off for its baseline.
DB_OFF_THE_LOOP = True
# Patients first: background work (the tick composing daily sessions, and the tick's own
# claims and marks) waits, between rows, while a person's database work is in flight, so a
# press neither queues for SQLite's one write lock nor shares the GIL with the composer.
# ``bench/event_loop.py`` turns it off to show what it is worth.
PATIENTS_FIRST = True
# Background work never waits longer than this for its turn: a stream of presses slows the
# composition, it never stops it.
LONGEST_YIELD_SECONDS = 0.5
# Patients first for a person's whole update, not only during each of its database calls:
# ``bot.update_order.OnePerChat`` holds the gate from the handler's start to its end, so no
# composition starts in the gaps between a press's calls. Off by default: on the loaded
# machine it measured better in 6 runs of 8 and worse in 2, and slowed the composition
# 1.1x to 2.8x (docs/benchmarks.md, design 7); to be re-measured on a quiet one.
WHOLE_UPDATE_FIRST = False


# Background work (the tick composing daily sessions) has its own two threads, so that a
# patient's press never queues behind a thousand compositions in asyncio's default pool.
_BACKGROUND = ThreadPoolExecutor(max_workers=2, thread_name_prefix="compose")
# Alert work (an alert's outbox row taken, marked, recorded as reached; the urgent lane's
# claims and a ladder step's decision) has two threads of its own too: with updates
# handled concurrently, asyncio's default pool (a handful of threads) queues every press's
# calls, and an alert's would wait behind them all.
_URGENT = ThreadPoolExecutor(max_workers=2, thread_name_prefix="alert")


def use_background_threads(count: int) -> None:
    """Background work in ``count`` threads from now on (``bench/event_loop.py``'s rows)."""
    global _BACKGROUND
    _BACKGROUND = ThreadPoolExecutor(max_workers=count, thread_name_prefix="compose")


class _People:
    """How many people's database calls are in flight; background work waits for none."""

    def __init__(self) -> None:
        self._in_flight = 0
        self._changed = threading.Condition()

    @contextmanager
    def first(self) -> Iterator[None]:
        with self._changed:
            self._in_flight += 1
        try:
            yield
        finally:
            with self._changed:
                self._in_flight -= 1
                if not self._in_flight:
                    self._changed.notify_all()

    def wait_turn(self) -> None:
        """In a background thread: wait (boundedly) until no person's call is in flight."""
        with self._changed:
            self._changed.wait_for(lambda: not self._in_flight, LONGEST_YIELD_SECONDS)


_PEOPLE = _People()


async def off_the_loop(
    work: Callable[[], T], *, background: bool = False, urgent: bool = False
) -> T:
    """Run ``work`` (which opens its own session: one per call, never shared with another
    thread) in a worker thread, and wait for it without blocking the event loop.

    Answers to people use ``asyncio.to_thread`` and go first: ``background`` work runs in
    its own pool, and waits to start while a person's call is in flight. ``urgent`` work
    (an alert's) counts as a person's, in a pool of its own, never queued behind presses."""
    if not DB_OFF_THE_LOOP:
        return work()
    if background:
        return await asyncio.get_running_loop().run_in_executor(_BACKGROUND, _in_turn, work)
    if urgent:
        with _PEOPLE.first():
            return await asyncio.get_running_loop().run_in_executor(_URGENT, work)
    if not PATIENTS_FIRST:
        return await asyncio.to_thread(work)
    with _PEOPLE.first():
        return await asyncio.to_thread(work)


async def in_session(
    open_db: SessionFactory,
    work: Callable[[Session], T],
    *,
    background: bool = False,
    urgent: bool = False,
) -> T:
    """``work(db)`` in a session of its own (one transaction), off the event loop."""

    def call() -> T:
        with open_db() as db:
            return work(db)

    return await off_the_loop(call, background=background, urgent=urgent)


@contextmanager
def person_waiting() -> Iterator[None]:
    """On the loop, around a person's whole update: background work waits to start."""
    if not (DB_OFF_THE_LOOP and PATIENTS_FIRST):
        yield
        return
    with _PEOPLE.first():
        yield


def _in_turn(work: Callable[[], T]) -> T:
    if PATIENTS_FIRST:
        _PEOPLE.wait_turn()
    return work()


def before_commit(db: Session) -> None:
    """A seam for the crash tests (``tests/reliability``): a fault injected here kills the
    work after everything was decided and before it was stored. Does nothing in production."""


def make_engine(database_url: str) -> Engine:
    """Create the engine for ``database_url``, with SQLite tuned for a long-running bot."""
    if database_url.startswith("sqlite"):
        _ensure_sqlite_folder(database_url)
        engine = create_engine(
            database_url,
            connect_args={"check_same_thread": False, "timeout": 30},
            hide_parameters=True,  # bound values can be health data: keep them out of errors
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(postgres_driver(database_url), pool_pre_ping=True, hide_parameters=True)


def postgres_driver(database_url: str) -> str:
    """Use psycopg 3 (the driver we install) for a plain ``postgresql://`` URL."""
    if database_url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + database_url.split("://", 1)[1]
    return database_url


def session_factory(engine: Engine) -> SessionFactory:
    """A factory of short sessions: one per update, never shared across updates."""

    def open_session() -> Session:
        return UseCase(engine, expire_on_commit=False)

    return open_session


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _ensure_sqlite_folder(database_url: str) -> None:
    path = database_url.split("///", 1)[-1]
    if path and path != ":memory:" and not path.startswith("file:"):
        Path(path).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
