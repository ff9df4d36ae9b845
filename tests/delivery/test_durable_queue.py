"""A polled update is stored once before it is queued, not once by ``put`` and again by
the ``put_nowait`` that asyncio's ``put`` calls."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, event
from telegram import Update

from bot.clock import ManualClock
from bot.db.engine import session_factory
from bot.durable_updates import DurableUpdateQueue


async def test_a_polled_update_is_stored_in_one_statement_and_queued_once(
    engine: Engine, clock: ManualClock
) -> None:
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    queue = DurableUpdateQueue(session_factory(engine), clock)
    update = Update.de_json({"update_id": 41, "message": None}, None)
    event.listen(engine, "before_cursor_execute", seen)
    try:
        await queue.put(update)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert queue.qsize() == 1 and queue.get_nowait() is update
    assert [s.split()[0] for s in statements] == ["INSERT"], statements
