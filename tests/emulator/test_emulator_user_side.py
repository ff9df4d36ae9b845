"""The user side: tests and terminal clients act as people and watch the bot's replies."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
import telegram
from emulator_helpers import CLINICIAN, PATIENT, TOKEN
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from emulator import EmulatorServer, World

YES_NO = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton("Yes", callback_data="yes")],
        [
            InlineKeyboardButton("No", callback_data="no"),
            InlineKeyboardButton("Web", url="https://x.org"),
        ],
    ]
)


async def test_users_are_created_on_first_use_with_their_language(world: World) -> None:
    message = await world.send_text(CLINICIAN, "hallo", language_code="de")

    assert message["from"] == {
        "id": CLINICIAN,
        "is_bot": False,
        "first_name": "Pat",
        "language_code": "de",
    }
    assert message["chat"] == {"id": CLINICIAN, "type": "private", "first_name": "Pat"}
    assert "entities" not in message


async def test_commands_from_users_carry_a_bot_command_entity(world: World) -> None:
    message = await world.send_text(PATIENT, "/today@rehab_companion_bot please")

    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 26}]


async def test_press_button_by_index_counts_row_by_row(bot: telegram.Bot, world: World) -> None:
    world.add_user(PATIENT, started=True)
    sent = await bot.send_message(PATIENT, "Pain today?", reply_markup=YES_NO)

    await world.press_button(PATIENT, sent.message_id, index=1)
    [update] = await bot.get_updates()

    assert update.callback_query is not None and update.callback_query.data == "no"
    with pytest.raises(ValueError, match="not a callback button"):
        await world.press_button(PATIENT, sent.message_id, index=2)


async def test_wait_for_bot_message_returns_the_first_match(
    bot: telegram.Bot, world: World
) -> None:
    world.add_user(PATIENT, started=True)
    mark = world.last_message_id(PATIENT)
    waiter = asyncio.create_task(
        world.wait_for_bot_message(
            PATIENT, after_message_id=mark, predicate=lambda m: "2" in (m.text or "")
        )
    )

    await bot.send_message(PATIENT, "step 1")
    await bot.send_message(PATIENT, "step 2")

    found = await waiter
    assert (found.text, found.message_id) == ("step 2", mark + 2)


async def test_wait_for_edit_sees_the_new_text(bot: telegram.Bot, world: World) -> None:
    world.add_user(PATIENT, started=True)
    sent = await bot.send_message(PATIENT, "Pain today?", reply_markup=YES_NO)
    waiter = asyncio.create_task(world.wait_for_edit(PATIENT, sent.message_id))

    await bot.edit_message_text("Thanks", PATIENT, sent.message_id)

    edited = await waiter
    assert (edited.text, edited.edited, edited.buttons) == ("Thanks", True, [])


async def test_wait_for_edit_since_a_version_sees_an_edit_made_before_the_wait(
    bot: telegram.Bot, world: World
) -> None:
    world.add_user(PATIENT, started=True)
    sent = await bot.send_message(PATIENT, "Pain today?", reply_markup=YES_NO)
    mark = world.version

    await bot.edit_message_text("Thanks", PATIENT, sent.message_id)
    await bot.send_message(PATIENT, "Something else happened in between")

    edited = await world.wait_for_edit(PATIENT, sent.message_id, since_version=mark, timeout=0)
    assert edited.text == "Thanks"
    with pytest.raises(TimeoutError, match="an edit of message"):
        await world.wait_for_edit(PATIENT, sent.message_id, timeout=0.01)


async def test_the_request_log_keeps_only_the_most_recent_calls(
    api_schema_path: Path,
) -> None:
    world = World(schema_path=api_schema_path, request_log_size=2)
    async with (
        EmulatorServer(world) as server,
        telegram.Bot(TOKEN, base_url=f"{server.base_url}/bot") as bot,
    ):
        await bot.get_me()
        await bot.get_updates()
        await bot.get_webhook_info()
        found = await world.wait_for_request("getWebhookInfo", timeout=0)

    assert [r.method for r in world.requests] == ["getUpdates", "getWebhookInfo"]
    assert found.method == "getWebhookInfo"


async def test_waiting_in_vain_reports_what_the_chat_received(
    bot: telegram.Bot, world: World
) -> None:
    world.add_user(PATIENT, started=True)
    await bot.send_message(PATIENT, "only this")

    with pytest.raises(TimeoutError, match=r"#1 text: 'only this'"):
        await world.wait_for_bot_message(
            PATIENT, predicate=lambda m: m.text == "other", timeout=0.05
        )


async def test_http_user_can_message_press_and_read_the_chat(
    http: httpx.AsyncClient, bot: telegram.Bot, world: World
) -> None:
    sent_reply = await http.post(
        f"/_emulator/users/{PATIENT}/messages", json={"text": "/start", "first_name": "Robin"}
    )
    assert sent_reply.json()["result"]["from"]["first_name"] == "Robin"
    sent = await bot.send_message(PATIENT, "Pain today?", reply_markup=YES_NO)

    listing = (await http.get(f"/_emulator/chats/{PATIENT}/messages")).json()
    press = await http.post(
        f"/_emulator/users/{PATIENT}/press", json={"message_id": sent.message_id, "data": "yes"}
    )
    bad_press = await http.post(
        f"/_emulator/users/{PATIENT}/press", json={"message_id": 99, "index": 0}
    )

    [message] = listing["messages"]
    assert message["text"] == "Pain today?" and message["edited"] is False
    assert message["buttons"][1][1] == {
        "text": "Web",
        "callback_data": None,
        "url": "https://x.org",
    }
    assert listing["version"] >= message["version"]
    query_id = press.json()["result"]["callback_query_id"]
    updates = await bot.get_updates()
    assert updates[-1].callback_query is not None and updates[-1].callback_query.id == query_id
    assert bad_press.status_code == 400


async def test_chat_listing_long_polls_for_new_and_edited_messages(
    http: httpx.AsyncClient, bot: telegram.Bot, world: World
) -> None:
    world.add_user(PATIENT, started=True)
    sent = await bot.send_message(PATIENT, "first")
    listing = (await http.get(f"/_emulator/chats/{PATIENT}/messages")).json()

    poll = asyncio.create_task(
        http.get(
            f"/_emulator/chats/{PATIENT}/messages", params={"since": listing["version"], "wait": 30}
        )
    )
    await bot.edit_message_text("first, edited", PATIENT, sent.message_id)
    changed = (await asyncio.wait_for(poll, timeout=5)).json()

    assert [(m["message_id"], m["text"], m["edited"]) for m in changed["messages"]] == [
        (sent.message_id, "first, edited", True)
    ]
    assert changed["version"] > listing["version"]


async def test_commands_route_lists_what_the_bot_set(
    http: httpx.AsyncClient, bot: telegram.Bot
) -> None:
    await bot.set_my_commands([("start", "Begin")], language_code="en")

    body = (await http.get("/_emulator/commands")).json()

    assert body["result"] == [
        {
            "scope": "default",
            "language_code": "en",
            "commands": [{"command": "start", "description": "Begin"}],
        }
    ]


async def test_http_can_add_a_user_who_has_already_started_the_bot(
    http: httpx.AsyncClient, bot: telegram.Bot, world: World
) -> None:
    never_wrote = await http.post(f"/_emulator/users/{CLINICIAN}", json={"first_name": "Sam"})
    with pytest.raises(telegram.error.Forbidden):
        await bot.send_message(CLINICIAN, "hello")
    added = await http.post(
        f"/_emulator/users/{PATIENT}", json={"language_code": "fr", "started": True}
    )
    sent = await bot.send_message(PATIENT, "bonjour")

    assert never_wrote.json()["result"]["started"] is False
    assert added.json()["result"] == {
        "id": PATIENT,
        "first_name": "Pat",
        "language_code": "fr",
        "started": True,
    }
    assert world.bot_messages(PATIENT)[0].message_id == sent.message_id


async def test_the_listing_of_every_chat_long_polls_and_names_each_chat(
    http: httpx.AsyncClient, bot: telegram.Bot, world: World
) -> None:
    world.add_user(PATIENT, started=True)
    world.add_user(CLINICIAN, started=True)
    await bot.send_message(PATIENT, "one")
    start = (await http.get("/_emulator/messages")).json()

    poll = asyncio.create_task(
        http.get("/_emulator/messages", params={"since": start["version"], "wait": 30})
    )
    await bot.send_message(CLINICIAN, "two")
    changed = (await asyncio.wait_for(poll, timeout=5)).json()

    assert [(m["chat_id"], m["text"]) for m in start["messages"]] == [(PATIENT, "one")]
    assert [(m["chat_id"], m["text"]) for m in changed["messages"]] == [(CLINICIAN, "two")]
    assert changed["version"] > start["version"]
