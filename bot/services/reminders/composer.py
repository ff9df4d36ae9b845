"""Composing the routine kinds' due rows in worker processes (``ComposerPool``).

A daily session is about 9 ms of Python (SQLAlchemy, templates). Composed in a thread of
the bot's process, it holds the GIL that the event loop needs to answer a button press:
each time the loop wants it back it may wait a switch interval (5 ms) behind a composing
thread, many times per press. In a worker process no GIL is shared with the loop at all,
and the worker runs at a lower CPU priority (``os.nice``), so the operating system gives
the bot's process the core first: patients first, enforced by the kernel.

Each worker opens its own engine on the same database and loads the same content once. A
row's composition is still one transaction (``with open_db()``, committed in the worker
before the reply comes back), and the send still happens afterwards, in the bot's
process, from what was committed. The clock is the bot's: its ``now()`` when the row is
handed over, fixed for that composition.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path

from bot.clock import ManualClock
from bot.content import Content, load_content
from bot.db.engine import SessionFactory, make_engine, session_factory
from bot.services import outbox
from bot.services.outgoing import Reply
from bot.services.reminders import scheduled as reminders
from scheduler import Due

WORKERS = 2  # this machine's cores; the loop's process keeps the priority
NICENESS = 10  # how much lower the workers' CPU priority is than the bot's


class ComposerPool:
    """Worker processes that compose due rows on ``database_url`` with ``content``."""

    def __init__(
        self, database_url: str, content: Content, workers: int = WORKERS, nice: int = NICENESS
    ) -> None:
        # "spawn": the bot's process has threads (the loop, the store's workers); forking it
        # could copy a lock some thread holds. Workers start once, on the first row.
        self._workers = workers
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(database_url, str(content.root), nice),
        )

    def start(self) -> None:
        """Start the workers now (they import the bot and load the content: seconds)."""
        for started in [self._pool.submit(_ready) for _ in range(self._workers)]:
            started.result()

    def compose(self, due: Due, now: datetime, *, with_outbox: bool) -> tuple[Reply, list[str]]:
        """In a background thread: compose ``due`` in a worker and wait for its commit."""
        return self._pool.submit(_compose, due, now, with_outbox).result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


_open_db: SessionFactory | None = None
_content: Content | None = None


def _start_worker(database_url: str, content_root: str, nice: int) -> None:
    global _open_db, _content
    if nice:
        os.nice(nice)
    _open_db = session_factory(make_engine(database_url))
    _content = load_content(Path(content_root))


def _ready() -> bool:
    return _open_db is not None


def _compose(due: Due, now: datetime, with_outbox: bool) -> tuple[Reply, list[str]]:
    """In a worker: the row's one transaction, as ``routine_kinds``'s compose does it."""
    assert _open_db is not None and _content is not None
    clock = ManualClock(now)
    with _open_db() as db:
        reply = reminders.scheduled_reply(db, clock, _content, due.kind, due.subject_id, due.due_at)
        keys = outbox.enqueue(db, clock, reply.messages, due.key) if with_outbox else []
    return reply, keys
