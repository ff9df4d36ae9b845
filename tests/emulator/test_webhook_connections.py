"""With ``webhook_connections`` above 1 the emulator POSTs updates side by side, as Telegram
does over ``max_connections``, but never two of one chat at once, and a chat's in order."""

from __future__ import annotations

import asyncio

import telegram
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from emulator import World
from emulator.server import LoopbackServer


class SlowReceiver:
    """A webhook that holds each update until told to answer, noting what is in flight."""

    def __init__(self) -> None:
        self.in_flight: list[tuple[int, int]] = []  # (chat, update_id)
        self.order: list[tuple[int, int]] = []
        self.most_at_once = 0
        self.release = asyncio.Event()
        self.changed = asyncio.Event()

    async def endpoint(self, request: Request) -> Response:
        update = await request.json()
        key = (update["message"]["chat"]["id"], update["update_id"])
        self.in_flight.append(key)
        self.order.append(key)
        self.most_at_once = max(self.most_at_once, len(self.in_flight))
        self.changed.set()
        await self.release.wait()
        self.in_flight.remove(key)
        return Response(status_code=200)

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/hook", self.endpoint, methods=["POST"])])


async def test_updates_of_different_chats_are_posted_at_once_and_one_chat_in_order(
    bot: telegram.Bot, world: World
) -> None:
    receiver = SlowReceiver()
    world.webhook_connections = 4
    for chat in (501, 502, 503):
        world.add_user(chat, started=True)
    async with LoopbackServer(receiver.app()) as hook_server:
        await bot.set_webhook(f"{hook_server.base_url}/hook", secret_token="s3cret")
        for text in ("one", "two"):
            for chat in (501, 502, 503):
                await world.send_text(chat, text)
        while len(receiver.in_flight) < 3:  # the first update of each chat, side by side
            receiver.changed.clear()
            await asyncio.wait_for(receiver.changed.wait(), timeout=10)
        assert sorted(chat for chat, _ in receiver.in_flight) == [501, 502, 503]
        receiver.release.set()
        await world.wait_until(lambda: True if not world.updates else None, 10)
    assert not world.updates
    assert receiver.most_at_once == 3  # never a chat's second while its first was in flight
    for chat in (501, 502, 503):
        ids = [update_id for c, update_id in receiver.order if c == chat]
        assert ids == sorted(ids) and len(ids) == 2
