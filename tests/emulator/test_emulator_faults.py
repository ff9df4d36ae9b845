"""Injected faults make the next calls of a method fail the way Telegram fails."""

from __future__ import annotations

import asyncio
import datetime as dtm

import httpx
import pytest
import telegram
from emulator_helpers import PATIENT, bot_url

from emulator import EmulatorServer, World


@pytest.fixture(autouse=True)
def patient(world: World) -> None:
    world.add_user(PATIENT, started=True)


async def test_429_raises_retry_after_with_the_given_delay(
    bot: telegram.Bot, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # PTB's future behaviour, without warnings
    world.inject_fault("sendMessage", "429", retry_after=7)

    with pytest.raises(telegram.error.RetryAfter) as caught:
        await bot.send_message(PATIENT, "hi")

    assert caught.value.retry_after == dtm.timedelta(seconds=7)
    assert (await bot.send_message(PATIENT, "hi")).text == "hi"


async def test_429_envelope_matches_telegram(http: httpx.AsyncClient, world: World) -> None:
    world.inject_fault("sendMessage", "429", retry_after=3)

    response = await http.post(bot_url("sendMessage"), json={"chat_id": PATIENT, "text": "x"})

    assert response.status_code == 429
    assert response.json() == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 3",
        "parameters": {"retry_after": 3},
    }


async def test_500_is_a_network_error_for_the_next_count_calls(
    bot: telegram.Bot, world: World
) -> None:
    world.inject_fault("sendMessage", "500", count=2)

    for _ in range(2):
        with pytest.raises(telegram.error.NetworkError, match="Internal Server Error"):
            await bot.send_message(PATIENT, "hi")
    assert (await bot.send_message(PATIENT, "hi")).text == "hi"
    assert len(world.bot_messages(PATIENT)) == 1


async def test_403_means_the_user_blocked_the_bot(bot: telegram.Bot, world: World) -> None:
    world.inject_fault("sendPhoto", "403")

    with pytest.raises(telegram.error.Forbidden, match="bot was blocked by the user"):
        await bot.send_photo(PATIENT, "https://example.org/x.png")


async def test_delay_holds_the_call_then_answers_normally(bot: telegram.Bot, world: World) -> None:
    world.inject_fault("sendMessage", "delay", delay=0.5)

    call = asyncio.create_task(bot.send_message(PATIENT, "slow"))
    await world.wait_for_request("sendMessage")
    await asyncio.sleep(0)  # let the emulator's handler run into the hold

    assert not call.done()
    assert world.bot_messages(PATIENT) == []
    sent = await asyncio.wait_for(call, timeout=10)
    assert sent.text == "slow"
    assert [m.text for m in world.bot_messages(PATIENT)] == ["slow"]


async def test_a_long_delay_is_cut_short_when_the_server_stops(
    bot: telegram.Bot, world: World, server: EmulatorServer
) -> None:
    world.inject_fault("sendMessage", "delay", delay=60.0)
    call = asyncio.create_task(bot.send_message(PATIENT, "slow"))
    await world.wait_for_request("sendMessage")

    await server.stop()

    assert (await asyncio.wait_for(call, timeout=10)).text == "slow"


async def test_short_delay_completes(bot: telegram.Bot, world: World) -> None:
    world.inject_fault("getMe", "delay", delay=0.01)

    assert (await bot.get_me()).username == "rehab_companion_bot"


async def test_faults_can_be_injected_over_http(http: httpx.AsyncClient) -> None:
    bad = await http.post("/_emulator/faults", json={"method": "getMe", "kind": "teapot"})
    injected = await http.post(
        "/_emulator/faults", json={"method": "getMe", "kind": "403", "count": 1}
    )

    first = await http.get(bot_url("getMe"))
    second = await http.get(bot_url("getMe"))

    assert bad.status_code == 400
    assert injected.json() == {"ok": True}
    assert first.status_code == 403
    assert second.json()["ok"] is True


@pytest.mark.parametrize(
    "body",
    [
        {"count": "many"},
        {"count": 0},
        {"delay": "slow"},
        {"delay": -1},
        {"retry_after": [1]},
    ],
)
async def test_faults_over_http_with_a_bad_count_delay_or_retry_after_are_a_400(
    http: httpx.AsyncClient, world: World, body: dict[str, object]
) -> None:
    response = await http.post(
        "/_emulator/faults", json={"method": "getMe", "kind": "delay", **body}
    )

    assert response.status_code == 400
    assert response.json()["ok"] is False
    assert world.take_fault("getMe") is None


def test_unknown_fault_kinds_are_refused(world: World) -> None:
    with pytest.raises(ValueError, match="unknown fault kind"):
        world.inject_fault("getMe", "418")
