"""Deliver queued updates to the bot's webhook, in order, from a background task."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

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
    async with httpx.AsyncClient(timeout=10.0) as client:
        while not world.released:
            hook = world.webhook
            if hook is None:
                return
            if not world.updates:
                await world.wait_until(_changed(world, hook), 60.0)
                continue
            update = world.updates[0]
            error = await _post(client, hook, update)
            if error is not None:
                hook.last_error_date, hook.last_error_message = world.now(), error
                logger.warning("webhook gave up on update %s: %s", update["update_id"], error)
            if world.updates and world.updates[0] is update:
                world.updates.pop(0)
            world.notify()


def _changed(world: World, hook: Webhook) -> Callable[[], bool | None]:
    """A condition: an update is queued or the webhook was replaced/removed."""
    return lambda: True if world.updates or world.webhook is not hook else None


async def _post(client: httpx.AsyncClient, hook: Webhook, update: dict[str, object]) -> str | None:
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
