"""Deliver queued updates to the bot's webhook from a background task.

By default one at a time, in order. With ``world.webhook_connections`` above 1, up to that
many (and at most the webhook's ``max_connections``) are in flight at once, as Telegram
delivers over several connections, but still one at a time in each chat, in order.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import httpx

from emulator.records import Webhook
from emulator.world import World

logger = logging.getLogger(__name__)

ATTEMPTS = 3
BACKOFF_SECONDS = 0.05
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def start_delivery(world: World) -> None:
    """Run the delivery task unless it is already running."""
    task = world.webhook_task
    if task is None or task.done():
        world.webhook_task = asyncio.get_running_loop().create_task(_deliver(world))


async def _deliver(world: World) -> None:
    if world.webhook_connections > 1:
        await _deliver_side_by_side(world)
        return
    async with httpx.AsyncClient(timeout=10.0) as client:
        while not world.released:
            hook = world.webhook
            if hook is None:
                return
            if not world.updates:
                await world.wait_until(_changed(world, hook), 60.0)
                continue
            update = world.updates[0]
            await _post_and_drop(world, client, hook, update)


async def _post_and_drop(
    world: World, client: httpx.AsyncClient, hook: Webhook, update: dict[str, Any]
) -> None:
    """POST one update; then it leaves the queue, delivered or given up on."""
    error = await _post(client, hook, update)
    if error is not None:
        hook.last_error_date, hook.last_error_message = world.now(), error
        logger.warning("webhook gave up on update %s: %s", update["update_id"], error)
    for index, queued in enumerate(world.updates):
        if queued is update:
            del world.updates[index]
            break
    world.notify()


async def _deliver_side_by_side(world: World) -> None:
    """Up to ``webhook_connections`` updates in flight, one per chat at a time."""
    in_flight: dict[int, asyncio.Task[None]] = {}  # by id() of the update
    chats: set[object] = set()

    async def one(hook: Webhook, update: dict[str, Any], chat: object) -> None:
        try:
            await _post_and_drop(world, client, hook, update)
        finally:
            in_flight.pop(id(update), None)
            chats.discard(chat)
            world.notify()

    async with httpx.AsyncClient(
        timeout=10.0, limits=httpx.Limits(max_connections=world.webhook_connections)
    ) as client:
        while not world.released:
            current = world.webhook
            if current is None:
                break
            hook: Webhook = current
            room = min(world.webhook_connections, hook.max_connections) - len(in_flight)
            for update in list(world.updates):
                if room <= 0:
                    break
                chat = _chat_of(update)
                if id(update) in in_flight or (chat is not None and chat in chats):
                    continue
                chats.add(chat)
                in_flight[id(update)] = asyncio.create_task(one(hook, update, chat))
                room -= 1
            seen = len(world.updates), len(in_flight)

            def changed(seen: tuple[int, int] = seen, hook: Webhook = hook) -> bool | None:
                now = len(world.updates), len(in_flight)
                return True if now != seen or world.webhook is not hook else None

            await world.wait_until(changed, 60.0)
        left = list(in_flight.values())
        for task in left:
            task.cancel()
        await asyncio.gather(*left, return_exceptions=True)


def _chat_of(update: dict[str, Any]) -> object:
    """The chat an update belongs to (the presser's, for a button press)."""
    for key in ("message", "edited_message"):
        if isinstance(update.get(key), dict):
            return update[key].get("chat", {}).get("id")
    query = update.get("callback_query")
    if isinstance(query, dict):
        return query.get("from", {}).get("id")
    return None


def _changed(world: World, hook: Webhook) -> Callable[[], bool | None]:
    """A condition: an update is queued or the webhook was replaced/removed."""
    return lambda: True if world.updates or world.webhook is not hook else None


async def _post(client: httpx.AsyncClient, hook: Webhook, update: dict[str, Any]) -> str | None:
    """POST one update, retrying; ``None`` on success, else the last error."""
    headers = {SECRET_HEADER: hook.secret_token} if hook.secret_token else {}
    error = "not attempted"
    for attempt in range(ATTEMPTS):
        try:
            response = await client.post(hook.url, json=update, headers=headers)
        except httpx.HTTPError as exc:
            error = f"connection failed: {type(exc).__name__}"
        else:
            if response.is_success:
                return None
            error = f"Wrong response from the webhook: {response.status_code}"
        if attempt + 1 < ATTEMPTS:
            await asyncio.sleep(BACKOFF_SECONDS * 2**attempt)
    return error
