"""The terminal chat client, driven by scripted input against a tiny echo bot."""

from __future__ import annotations

import asyncio
import contextlib
import io
from collections.abc import AsyncIterator

import httpx
import pytest
import telegram
from emulator_helpers import CLINICIAN, PATIENT
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from emulator import EmulatorServer
from emulator.chat import _act, _Display, run_chat


async def _echo_bot(bot: telegram.Bot) -> None:
    """Echo text with a "Like" button; a press edits the message and answers the query."""
    offset = 0
    while True:
        for update in await bot.get_updates(offset=offset, timeout=30):
            offset = update.update_id + 1
            if update.message is not None and update.message.text is not None:
                like = InlineKeyboardButton("Like", callback_data="like")
                link = InlineKeyboardButton("Docs", url="https://example.org")
                await bot.send_message(
                    update.message.chat.id,
                    f"echo: {update.message.text}",
                    reply_markup=InlineKeyboardMarkup([[like, link]]),
                )
            query = update.callback_query
            if query is not None and isinstance(query.message, telegram.Message):
                await query.answer("Liked")
                await bot.edit_message_text(
                    f"liked: {query.message.text}", query.message.chat.id, query.message.message_id
                )


@pytest.fixture
async def echo_bot(bot: telegram.Bot) -> AsyncIterator[None]:
    task = asyncio.create_task(_echo_bot(bot))
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def _chat(server: EmulatorServer, user_id: int, script: str) -> list[str]:
    output = io.StringIO()
    await asyncio.to_thread(
        run_chat,
        server.base_url,
        user_id,
        input_stream=io.StringIO(script),
        output_stream=output,
        reply_timeout=5.0,
    )
    return output.getvalue().splitlines()


@pytest.mark.usefixtures("echo_bot")
async def test_chat_shows_replies_numbers_buttons_and_marks_edits(server: EmulatorServer) -> None:
    lines = await _chat(server, PATIENT, "hello\n1\n/quit\nnever sent\n")

    assert lines[1:] == [
        "bot: echo: hello",
        "  [1] Like  [2] Docs",
        "bot (edited): liked: echo: hello",
        "Bye.",
    ]
    assert lines[0].startswith(f"Chatting as user {PATIENT} (Pat)")


@pytest.mark.usefixtures("echo_bot")
async def test_chat_works_as_any_user_and_ends_at_end_of_input(server: EmulatorServer) -> None:
    lines = await _chat(server, CLINICIAN, "hi there\n")

    assert lines[1:] == ["bot: echo: hi there", "  [1] Like  [2] Docs", "Bye."]
    assert server.world.users[CLINICIAN].first_name == "Pat"


@pytest.mark.usefixtures("echo_bot")
async def test_link_buttons_and_unknown_numbers_are_explained(server: EmulatorServer) -> None:
    lines = await _chat(server, PATIENT, "hello\n2\n7\n")

    assert lines[3:] == [
        "(button [2] opens a link: https://example.org)",
        "(no button [7]; there are 2)",
        "Bye.",
    ]


def test_a_refusal_without_a_json_body_is_reported_with_its_status() -> None:
    def proxy_error(request: httpx.Request) -> httpx.Response:
        return httpx.Response(502, text="<html>Bad Gateway</html>")

    output = io.StringIO()
    transport = httpx.MockTransport(proxy_error)
    with httpx.Client(base_url="http://emulator", transport=transport) as client:
        contacted = _act(client, _Display(output), PATIENT, "hello", "en", "Pat")

    assert contacted is False
    assert output.getvalue() == "(emulator refused: HTTP 502 Bad Gateway)\n"


def test_a_refusal_with_the_emulators_json_shows_its_error_text() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, json={"ok": False, "error": '"text" is required'})

    output = io.StringIO()
    with httpx.Client(base_url="http://emulator", transport=httpx.MockTransport(refuse)) as client:
        _act(client, _Display(output), PATIENT, "hello", "en", "Pat")

    assert output.getvalue() == '(emulator refused: "text" is required)\n'


def test_on_a_pain_scale_typing_8_means_the_button_that_says_8() -> None:
    from emulator.chat import button_keys

    labels = ["Start today's session", *[str(n) for n in range(11)]]
    assert button_keys(labels) == ["a", *[str(n) for n in range(11)]]
    assert button_keys(["Yes", "No"]) == ["1", "2"]
