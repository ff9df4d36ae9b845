"""PTB wiring that makes every update durable before Telegram is told it arrived.

- ``DurableUpdateQueue`` is the application's update queue. PTB's updater puts each
  fetched update here *before* its next ``getUpdates`` confirms the batch, so storing it
  in ``put`` is enough; a redelivered, already handled update is dropped.
- ``DurableApplication`` marks an update handled once every handler has run (errors
  included: they are the error handler's to report, and retrying them would repeat them).
  Updates run concurrently (``bot.update_order``), each marked when *its* handlers are
  done, so a slow update never marks, nor holds back the marking of, another. The webhook
  goes through the same ``process_update``, so its claims are marked the same way.
- ``replay_unhandled`` queues, at start, what a crash or a stop left unhandled.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.clock import Clock
from bot.db.engine import SessionFactory, in_session, off_the_loop
from bot.handlers.context import DEPS_KEY, MARKED_KEY, Deps
from bot.services import received_updates

log = logging.getLogger(__name__)


class DurableUpdateQueue(asyncio.Queue[object]):
    """An update queue that stores each ``Update`` before it is queued."""

    def __init__(self, open_db: SessionFactory, clock: Clock) -> None:
        super().__init__()
        self.open_db = open_db
        self.clock = clock

    async def put(self, item: object) -> None:
        """Store the update off the event loop, then queue it. PTB's updater awaits each put
        in turn, so updates are still stored in the order they came."""
        if isinstance(item, Update) and not await off_the_loop(lambda: self._store(item)):
            log.info("update %s was already handled: dropped", item.update_id)
            return
        # The queue is unbounded, so this never waits; not ``super().put``, which calls our
        # ``put_nowait`` and would store the update a second time, on the loop.
        super().put_nowait(item)

    def put_nowait(self, item: object) -> None:
        if isinstance(item, Update) and not self._store(item):
            log.info("update %s was already handled: dropped", item.update_id)
            return
        super().put_nowait(item)

    def _store(self, item: Update) -> bool:
        with self.open_db() as db:
            payload = json.dumps(item.to_dict(), ensure_ascii=False)
            return received_updates.receive(db, self.clock, item.update_id, payload)


class DurableApplication(Application):  # type: ignore[type-arg]
    """Marks each update handled once it has been processed."""

    async def process_update(self, update: object) -> None:
        await super().process_update(update)
        found = self.bot_data.get(DEPS_KEY)
        marked: set[int] = self.bot_data.get(MARKED_KEY, set())
        if isinstance(update, Update) and update.update_id in marked:
            marked.discard(update.update_id)  # its use case's commit marked it already
            return
        if isinstance(update, Update) and isinstance(found, Deps):
            update_id, clock = update.update_id, found.clock
            await in_session(
                found.open_db, lambda db: received_updates.handled(db, clock.now(), update_id)
            )


async def replay_unhandled(application: Application[Any, Any, Any, Any, Any, Any]) -> int:
    """Queue the updates stored but never handled, oldest first; returns how many."""
    deps = application.bot_data[DEPS_KEY]
    assert isinstance(deps, Deps)
    with deps.open_db() as db:
        received_updates.prune(db, deps.clock.now())
        waiting = received_updates.unhandled(db)
    for _update_id, payload in waiting:
        found = Update.de_json(json.loads(payload), application.bot)
        if found is not None:
            await application.update_queue.put(found)
    if waiting:
        log.info("handling %d updates received before the last stop", len(waiting))
    return len(waiting)
