"""Every bot request is checked against the published schema and answered like Telegram."""

from __future__ import annotations

import json

import httpx
import pytest
import telegram
from emulator_helpers import CLINICIAN, PATIENT, assert_bad_request, bot_url
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from emulator import World


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
    from emulator import EmulatorServer

    world = World()
    world.add_user(PATIENT, started=True)
    async with EmulatorServer(world) as server, httpx.AsyncClient() as client:
        response = await client.post(
            f"{server.base_url}{bot_url('sendMessage')}",
            data={"chat_id": str(PATIENT), "text": "hi", "colour": "red"},
        )

    assert response.json()["result"]["text"] == "hi"


async def test_a_configured_token_rejects_other_tokens() -> None:
    from emulator import EmulatorServer

    world = World(token="1:right")
    async with EmulatorServer(world) as server, httpx.AsyncClient() as client:
        wrong = await client.get(f"{server.base_url}/bot1:wrong/getMe")
        right = await client.get(f"{server.base_url}/bot1:right/getMe")

    assert wrong.status_code == 401
    assert wrong.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    assert right.json()["ok"] is True


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("pain < 5 & rising", 'Unsupported start tag "" at byte offset 5'),
        (
            "pain &lt; 5 & rising",
            'Unsupported HTML entity (escape "&" as "&amp;") at byte offset 12',
        ),
        ("épaule &nbsp;ok", 'Unsupported HTML entity (escape "&" as "&amp;") at byte offset 8'),
        ("<b>bold</i>", 'Unmatched end tag "i" was found at byte offset 7'),
    ],
)
async def test_html_text_with_a_bare_less_than_or_unknown_entity_cannot_be_parsed(
    http: httpx.AsyncClient, text: str, description: str
) -> None:
    response = await http.post(
        bot_url("sendMessage"), json={"chat_id": PATIENT, "text": text, "parse_mode": "HTML"}
    )

    assert_bad_request(response, f"Bad Request: can't parse entities: {description}")


async def test_html_text_may_use_the_four_named_entities_and_numeric_ones(
    bot: telegram.Bot,
) -> None:
    text = "pain &lt; 5 &amp; &quot;rising&quot; &gt; &#233;paule &#x1F4AA;"

    sent = await bot.send_message(PATIENT, text, parse_mode="HTML")

    assert sent.text == 'pain < 5 & "rising" > épaule \U0001f4aa'


async def test_a_bare_less_than_is_fine_without_a_parse_mode(bot: telegram.Bot) -> None:
    assert (await bot.send_message(PATIENT, "pain < 5 & rising")).text == "pain < 5 & rising"


@pytest.mark.parametrize("secret", ["", "has space", "pünktlich", "semi;colon", "s" * 257])
async def test_set_webhook_refuses_a_secret_token_other_than_1_to_256_url_safe_characters(
    http: httpx.AsyncClient, world: World, secret: str
) -> None:
    response = await http.post(
        bot_url("setWebhook"), json={"url": "http://127.0.0.1:9/hook", "secret_token": secret}
    )

    assert_bad_request(response, "Bad Request: secret token contains unallowed characters")
    assert world.webhook is None


async def test_set_webhook_accepts_a_256_character_secret_of_letters_digits_dash_underscore(
    bot: telegram.Bot, world: World
) -> None:
    secret = ("Ab9_-" * 52)[:256]

    assert await bot.set_webhook("http://127.0.0.1:9/hook", secret_token=secret)

    assert world.webhook is not None and world.webhook.secret_token == secret
    await bot.delete_webhook()


async def test_the_bot_cannot_message_a_user_who_has_not_written_to_it(
    bot: telegram.Bot, world: World
) -> None:
    world.add_user(CLINICIAN, "Lee")

    with pytest.raises(telegram.error.Forbidden, match="bot can't initiate conversation"):
        await bot.send_message(CLINICIAN, "hello")
    await world.send_text(CLINICIAN, "/start")

    assert (await bot.send_message(CLINICIAN, "hello")).text == "hello"


async def test_a_user_who_has_not_written_gets_telegrams_403_envelope(
    http: httpx.AsyncClient, world: World
) -> None:
    world.add_user(CLINICIAN, "Lee")

    response = await http.post(bot_url("sendMessage"), json={"chat_id": CLINICIAN, "text": "x"})

    assert response.status_code == 403
    assert response.json() == {
        "ok": False,
        "error_code": 403,
        "description": "Forbidden: bot can't initiate conversation with a user",
    }


async def test_a_multipart_parameter_may_name_its_file_part_with_attach(
    http: httpx.AsyncClient, world: World
) -> None:
    response = await http.post(
        bot_url("sendDocument"),
        data={"chat_id": str(PATIENT), "document": "attach://leaflet"},
        files={"leaflet": ("fiche-épaule.pdf", b"%PDF-1.4", "application/pdf")},
    )

    document = response.json()["result"]["document"]
    assert (document["file_name"], document["file_size"]) == ("fiche-épaule.pdf", 8)
    assert world.files[document["file_id"]].data == b"%PDF-1.4"


async def test_a_multipart_body_without_a_boundary_is_a_bad_request(
    http: httpx.AsyncClient,
) -> None:
    response = await http.post(
        bot_url("sendDocument"),
        content=b'--xyz\r\nContent-Disposition: form-data; name="chat_id"\r\n\r\n4\r\n--xyz--',
        headers={"content-type": "multipart/form-data"},
    )

    assert_bad_request(response, "Bad Request: can't parse multipart request body")


async def test_send_animation_and_albums_are_checked_against_the_schema(
    http: httpx.AsyncClient,
) -> None:
    unknown = await http.post(bot_url("sendAnimation"), json={"chat_id": PATIENT, "gif": "x"})
    missing = await http.post(bot_url("sendAnimation"), json={"chat_id": PATIENT})
    not_media = await http.post(
        bot_url("sendMediaGroup"),
        json={"chat_id": PATIENT, "media": [{"type": "photo"}, {"type": "photo"}]},
    )

    assert_bad_request(unknown, 'Bad Request: unknown parameter "gif"')
    assert_bad_request(missing, 'Bad Request: parameter "animation" is required')
    assert not_media.status_code == 400 and "media" in not_media.json()["description"]


async def test_an_album_may_not_name_an_upload_that_was_not_attached(
    http: httpx.AsyncClient,
) -> None:
    media = [{"type": "photo", "media": "attach://a"}, {"type": "photo", "media": "attach://b"}]

    response = await http.post(
        bot_url("sendMediaGroup"),
        data={"chat_id": str(PATIENT), "media": json.dumps(media)},
        files={"a": ("a.png", b"\x89PNG\r\n\x1a\n", "image/png")},
    )

    assert_bad_request(response, "Bad Request: no file was attached for attach://b")
