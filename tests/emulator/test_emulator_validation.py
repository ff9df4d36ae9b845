"""Every bot request is checked against the published schema and answered like Telegram."""

from __future__ import annotations

import json

import httpx
import pytest
import telegram
from emulator_helpers import PATIENT, assert_bad_request, bot_url
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.emulator import World


@pytest.fixture(autouse=True)
def patient(world: World) -> None:
    world.add_user(PATIENT, started=True)


async def test_unknown_method_is_answered_not_found(http: httpx.AsyncClient) -> None:
    response = await http.post(bot_url("sendTelepathy"), json={"chat_id": PATIENT})

    assert response.status_code == 404
    assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}


async def test_method_names_are_case_insensitive(http: httpx.AsyncClient) -> None:
    response = await http.get(bot_url("GETME"))

    assert response.json()["result"]["username"] == "rehab_companion_bot"


async def test_missing_required_parameter_is_a_bad_request(http: httpx.AsyncClient) -> None:
    response = await http.post(bot_url("sendMessage"), json={"chat_id": PATIENT})

    assert_bad_request(response, 'Bad Request: parameter "text" is required')


async def test_unknown_parameter_is_a_bad_request(http: httpx.AsyncClient) -> None:
    response = await http.post(
        bot_url("sendMessage"), json={"chat_id": PATIENT, "text": "hi", "colour": "red"}
    )

    assert_bad_request(response, 'Bad Request: unknown parameter "colour"')


@pytest.mark.parametrize(
    ("params", "description"),
    [
        ({"chat_id": 1.5, "text": "hi"}, 'parameter "chat_id" must be of type Integer or String'),
        ({"chat_id": PATIENT, "text": 5}, 'parameter "text" must be of type String'),
        (
            {"chat_id": PATIENT, "text": "hi", "disable_notification": "maybe"},
            'parameter "disable_notification" must be of type Boolean',
        ),
        (
            {"chat_id": PATIENT, "text": "hi", "reply_markup": {"inline_keyboard": "nope"}},
            'field "reply_markup.inline_keyboard" must be an Array',
        ),
    ],
)
async def test_wrong_type_is_a_bad_request(
    http: httpx.AsyncClient, params: dict[str, object], description: str
) -> None:
    response = await http.post(bot_url("sendMessage"), json=params)

    assert_bad_request(response, f"Bad Request: {description}")


async def test_nested_buttons_are_validated_recursively(http: httpx.AsyncClient) -> None:
    unknown = {"inline_keyboard": [[{"text": "Go", "callback_data": "go", "colour": "red"}]]}
    missing = {"inline_keyboard": [[{"callback_data": "go"}]]}
    wrong = {"inline_keyboard": [[{"text": 7, "callback_data": "go"}]]}

    replies = [
        await http.post(
            bot_url("sendMessage"), json={"chat_id": PATIENT, "text": "hi", "reply_markup": m}
        )
        for m in (unknown, missing, wrong)
    ]

    assert [r.json()["description"] for r in replies] == [
        'Bad Request: unknown field "reply_markup.inline_keyboard[0][0].colour" '
        "in InlineKeyboardButton",
        'Bad Request: field "reply_markup.inline_keyboard[0][0].text" is required '
        "in InlineKeyboardButton",
        'Bad Request: field "reply_markup.inline_keyboard[0][0].text" must be of type String',
    ]


async def test_bot_commands_are_validated_as_objects(http: httpx.AsyncClient) -> None:
    response = await http.post(bot_url("setMyCommands"), json={"commands": [{"command": "start"}]})

    assert_bad_request(
        response, 'Bad Request: field "commands[0].description" is required in BotCommand'
    )


async def test_form_encoded_values_are_coerced_before_validation(
    http: httpx.AsyncClient, world: World
) -> None:
    markup = json.dumps({"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]})
    form = {
        "chat_id": str(PATIENT),
        "text": "hi",
        "disable_notification": "true",
        "reply_markup": markup,
    }

    response = await http.post(bot_url("sendMessage"), data=form)

    assert response.json()["ok"] is True
    assert world.requests[-1].params["chat_id"] == PATIENT
    assert world.requests[-1].params["disable_notification"] is True


async def test_chat_id_accepts_integer_or_string(http: httpx.AsyncClient) -> None:
    by_number = await http.post(bot_url("sendMessage"), json={"chat_id": PATIENT, "text": "a"})
    by_name = await http.post(bot_url("sendMessage"), json={"chat_id": "@someone", "text": "a"})

    assert by_number.json()["ok"] is True
    assert_bad_request(by_name, "Bad Request: chat not found")


async def test_empty_and_overlong_text_are_rejected(http: httpx.AsyncClient) -> None:
    empty = await http.post(bot_url("sendMessage"), json={"chat_id": PATIENT, "text": "  \n "})
    long = await http.post(bot_url("sendMessage"), json={"chat_id": PATIENT, "text": "x" * 4097})
    limit = await http.post(bot_url("sendMessage"), json={"chat_id": PATIENT, "text": "x" * 4096})

    assert_bad_request(empty, "Bad Request: message text is empty")
    assert_bad_request(long, "Bad Request: message is too long")
    assert limit.json()["ok"] is True


async def test_html_markup_is_not_counted_and_must_be_well_formed(
    http: httpx.AsyncClient,
) -> None:
    ok = await http.post(
        bot_url("sendMessage"),
        json={"chat_id": PATIENT, "text": "<b>Hi</b> &amp; bye", "parse_mode": "HTML"},
    )
    broken = await http.post(
        bot_url("sendMessage"),
        json={"chat_id": PATIENT, "text": "<b>Hi", "parse_mode": "HTML"},
    )

    assert ok.json()["result"]["text"] == "Hi & bye"
    assert broken.status_code == 400
    assert broken.json()["description"].startswith("Bad Request: can't parse entities")


async def test_caption_over_1024_characters_is_rejected(http: httpx.AsyncClient) -> None:
    response = await http.post(
        bot_url("sendPhoto"),
        json={"chat_id": PATIENT, "photo": "https://example.org/a.png", "caption": "c" * 1025},
    )

    assert_bad_request(response, "Bad Request: message caption is too long")


async def test_callback_data_over_64_bytes_is_rejected(http: httpx.AsyncClient) -> None:
    markup = {"inline_keyboard": [[{"text": "Go", "callback_data": "é" * 33}]]}

    response = await http.post(
        bot_url("sendMessage"), json={"chat_id": PATIENT, "text": "hi", "reply_markup": markup}
    )

    assert_bad_request(response, "Bad Request: BUTTON_DATA_INVALID")


async def test_sending_to_an_unknown_chat_is_a_bad_request(http: httpx.AsyncClient) -> None:
    response = await http.post(bot_url("sendMessage"), json={"chat_id": 999, "text": "hi"})

    assert_bad_request(response, "Bad Request: chat not found")


async def test_ptb_sees_validation_failures_as_bad_request(bot: telegram.Bot) -> None:
    long_data = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="d" * 65)]])

    with pytest.raises(telegram.error.BadRequest, match="Message text is empty"):
        await bot.send_message(PATIENT, " ")
    with pytest.raises(telegram.error.BadRequest, match="Message is too long"):
        await bot.send_message(PATIENT, "x" * 5000)
    with pytest.raises(telegram.error.BadRequest, match="Button_data_invalid"):
        await bot.send_message(PATIENT, "hi", reply_markup=long_data)
    with pytest.raises(telegram.error.BadRequest, match="Unknown parameter"):
        await bot.send_message(PATIENT, "hi", api_kwargs={"colour": "red"})


async def test_without_a_schema_requests_are_not_validated() -> None:
    from bot.emulator import EmulatorServer

    world = World()
    world.add_user(PATIENT, started=True)
    async with EmulatorServer(world) as server, httpx.AsyncClient() as client:
        response = await client.post(
            f"{server.base_url}{bot_url('sendMessage')}",
            data={"chat_id": str(PATIENT), "text": "hi", "colour": "red"},
        )

    assert response.json()["result"]["text"] == "hi"


async def test_a_configured_token_rejects_other_tokens(api_schema_path: object) -> None:
    from bot.emulator import EmulatorServer

    world = World(token="1:right")
    async with EmulatorServer(world) as server, httpx.AsyncClient() as client:
        wrong = await client.get(f"{server.base_url}/bot1:wrong/getMe")
        right = await client.get(f"{server.base_url}/bot1:right/getMe")

    assert wrong.status_code == 401
    assert wrong.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    assert right.json()["ok"] is True
