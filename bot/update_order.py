"""Updates handled side by side, but one at a time in each chat.

A slow answer to one patient must not hold up a clinician's press on an alert, so the
application handles updates concurrently (PTB's ``concurrent_updates``), in polling and in
webhook mode alike. Two updates from the same chat (so the same patient: health chats are
private) still run one after the other, in the order they arrived, so a double tap on a
pain button cannot record two answers at once.

An update waiting for its chat does not take one of the ``running`` places: only updates
that can run now count against the bound, so a patient tapping twenty times cannot starve
the other chats.

With ``bot.db.engine.WHOLE_UPDATE_FIRST`` (off by default), the tick's background work
(composing daily sessions) waits to start while an update is handled.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.db import engine

RUNNING = 64  # updates handled at once (each mostly waits on the Bot API)
ADMITTED = 100_000  # PTB's own bound; ours is ``running``, applied after the chat's turn


class ChatLocks:
    """One lock per chat, so that two updates of a chat never run side by side.

    ``asyncio.Lock`` wakes its waiters first come, first served, so a chat's updates run in
    the order they arrived. A chat's lock is forgotten once nobody holds or awaits it.
    """

    def __init__(self) -> None:
        self._locks: dict[int, asyncio.Lock] = {}
        self._holders: dict[int, int] = {}

    @contextlib.asynccontextmanager
    async def hold(self, chat_id: int | None) -> AsyncIterator[None]:
        if chat_id is None:
            yield
            return
        lock = self._locks.setdefault(chat_id, asyncio.Lock())
        self._holders[chat_id] = self._holders.get(chat_id, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._holders[chat_id] -= 1
            if not self._holders[chat_id]:  # nobody waits: forget the chat
                del self._holders[chat_id], self._locks[chat_id]

    def __len__(self) -> int:
        return len(self._locks)


def chat_of(update: object) -> int | None:
    """The chat an update belongs to (its sender's, for a press without a message)."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None


class OnePerChat(BaseUpdateProcessor):
    """PTB's update processor: concurrent across chats, in order within a chat."""

    def __init__(self, running: int = RUNNING) -> None:
        super().__init__(max_concurrent_updates=ADMITTED)
        self.running = running
        self.locks = ChatLocks()
        self._places = asyncio.BoundedSemaphore(running)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        async with self.locks.hold(chat_of(update)), self._places:
            if not engine.WHOLE_UPDATE_FIRST:
                await coroutine
                return
            with engine.person_waiting():
                await coroutine

    async def initialize(self) -> None:
        """Nothing to set up: the locks are made as chats appear."""

    async def shutdown(self) -> None:
        """Nothing to release: PTB waits for the running updates itself."""
