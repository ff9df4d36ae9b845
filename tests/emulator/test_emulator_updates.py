"""Users' actions reach the bot through getUpdates (long polling) or a webhook."""

from __future__ import annotations

import asyncio

import httpx
import pytest
import telegram
from emulator_helpers import PATIENT, bot_url
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from emulator import World
from emulator.server import LoopbackServer


async def test_get_updates_parses_text_command_and_button_press(
    bot: telegram.Bot, world: World
) -> None:
    sent_markup = InlineKeyboardMarkup([[InlineKeyboardButton("Done", callback_data="done")]])
    await world.send_text(PATIENT, "hello")
    await world.send_text(PATIENT, "/start abc")
    sent = await bot.send_message(PATIENT, "Exercise 1", reply_markup=sent_markup)
    query_id = await world.press_button(PATIENT, sent.message_id, index=0)

    text, command, press = await bot.get_updates()

    assert text.message is not None and text.message.text == "hello"
    assert text.message.from_user is not None and text.message.from_user.id == PATIENT
    assert command.message is not None
    assert command.message.parse_entities(["bot_command"]) == {
        command.message.entities[0]: "/start"
    }
    assert press.callback_query is not None
    assert (press.callback_query.id, press.callback_query.data) == (query_id, "done")
    assert press.callback_query.message is not None
    assert press.callback_query.message.message_id == sent.message_id
    assert [u.update_id for u in (text, command, press)] == [1, 2, 3]


async def test_offset_confirms_earlier_updates(bot: telegram.Bot, world: World) -> None:
    for text in ("one", "two", "three"):
        await world.send_text(PATIENT, text)

    first = await bot.get_updates(limit=2)
    unconfirmed = await bot.get_updates()
    rest = await bot.get_updates(offset=first[-1].update_id + 1)
    again = await bot.get_updates()

    assert [u.message.text for u in first if u.message] == ["one", "two"]
    assert len(unconfirmed) == 3
    assert [u.message.text for u in rest if u.message] == ["three"]
    assert [u.update_id for u in again] == [3]
    assert await bot.get_updates(offset=4) == ()


async def test_long_poll_returns_as_soon_as_an_update_arrives(
    bot: telegram.Bot, world: World
) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await world.wait_for_request("getUpdates")
    assert not poll.done()

    await world.send_text(PATIENT, "I'm here")

    [update] = await asyncio.wait_for(poll, timeout=5)
    assert update.message is not None and update.message.text == "I'm here"


async def test_pressing_a_button_the_message_lacks_is_an_error(
    bot: telegram.Bot, world: World
) -> None:
    world.add_user(PATIENT, started=True)
    sent = await bot.send_message(PATIENT, "No buttons here")

    with pytest.raises(ValueError, match="no button"):
        await world.press_button(PATIENT, sent.message_id, data="yes")
    with pytest.raises(ValueError, match="no button at index 0"):
        await world.press_button(PATIENT, sent.message_id, index=0)


class _Receiver:
    """A tiny webhook endpoint that records what it gets."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.received: list[tuple[dict[str, object], str | None]] = []
        self.arrived = asyncio.Event()

    async def endpoint(self, request: Request) -> Response:
        if self.failures > 0:
            self.failures -= 1
            return Response(status_code=502)
        secret = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        self.received.append((await request.json(), secret))
        self.arrived.set()
        return Response(status_code=200)

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/hook", self.endpoint, methods=["POST"])])


async def test_webhook_delivery_carries_the_secret_token(bot: telegram.Bot, world: World) -> None:
    receiver = _Receiver(failures=1)
    async with LoopbackServer(receiver.app()) as hook_server:
        await bot.set_webhook(f"{hook_server.base_url}/hook", secret_token="s3cret")
        await world.send_text(PATIENT, "via webhook")

        await asyncio.wait_for(receiver.arrived.wait(), timeout=5)

    [(update, secret)] = receiver.received
    assert secret == "s3cret"
    assert update["update_id"] == 1
    parsed = telegram.Update.de_json(update, bot)
    assert parsed.message is not None and parsed.message.text == "via webhook"


async def test_get_updates_conflicts_with_an_active_webhook(bot: telegram.Bot) -> None:
    await bot.set_webhook("http://127.0.0.1:9/hook")

    with pytest.raises(telegram.error.Conflict, match="webhook is active"):
        await bot.get_updates()

    info = await bot.get_webhook_info()
    assert info.url == "http://127.0.0.1:9/hook"
    await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates() == ()
    assert (await bot.get_webhook_info()).url == ""


async def test_a_second_get_updates_ends_the_waiting_one_with_409_as_telegram_does(
    server: object, world: World
) -> None:
    from emulator import EmulatorServer

    assert isinstance(server, EmulatorServer)
    url = f"{server.base_url}{bot_url('getUpdates')}"
    async with httpx.AsyncClient(timeout=30) as first, httpx.AsyncClient(timeout=30) as second:
        waiting = asyncio.create_task(first.get(url, params={"timeout": 20}))
        await world.wait_until(lambda: world.polls == 1 or None, 5.0)
        newer = await second.get(url, params={"timeout": 0})
        ended = await waiting
        await world.send_text(PATIENT, "hello")
        after = await second.get(url, params={"timeout": 5})
    assert ended.status_code == 409
    assert ended.json() == {
        "ok": False,
        "error_code": 409,
        "description": "Conflict: terminated by other getUpdates request; "
        "make sure that only one bot instance is running",
    }
    assert (newer.status_code, newer.json()["result"]) == (200, [])
    assert len(after.json()["result"]) == 1  # the newest poller gets the updates


async def test_shutdown_releases_a_pending_long_poll(world: World) -> None:
    from emulator import EmulatorServer

    async with EmulatorServer(world) as server, httpx.AsyncClient(timeout=60) as client:
        poll = asyncio.create_task(
            client.get(f"{server.base_url}{bot_url('getUpdates')}", params={"timeout": 50})
        )
        await world.wait_for_request("getUpdates")
        await server.stop()
        response = await asyncio.wait_for(poll, timeout=5)

    assert response.json() == {"ok": True, "result": []}
