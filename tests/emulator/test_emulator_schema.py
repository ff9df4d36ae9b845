"""Schema coercion and checking, without a server."""

from __future__ import annotations

from pathlib import Path

import pytest

from emulator.errors import ApiError, UploadedFile
from emulator.formatting import visible_text
from emulator.schema import Schema


@pytest.fixture(scope="module")
def schema(api_schema_path: Path) -> Schema:
    return Schema.load(api_schema_path)


def _error(schema: Schema, method: str, params: dict[str, object]) -> str:
    with pytest.raises(ApiError) as caught:
        schema.validate(method, params)
    assert caught.value.code == 400
    return caught.value.description


def test_form_strings_become_integers_booleans_floats_and_objects(schema: Schema) -> None:
    params = schema.validate(
        "setMyCommands",
        {"commands": '[{"command": "start", "description": "Go"}]', "language_code": "en"},
    )
    location = schema.validate(
        "sendLocation",
        {"chat_id": "-100", "latitude": "52.5", "longitude": "13", "live_period": "60"},
    )

    assert params["commands"] == [{"command": "start", "description": "Go"}]
    assert location == {"chat_id": -100, "latitude": 52.5, "longitude": 13.0, "live_period": 60}


def test_abstract_types_are_checked_against_the_matching_subtype(schema: Schema) -> None:
    ok = schema.validate(
        "setMyCommands",
        {"commands": [], "scope": {"type": "chat", "chat_id": 5}},
    )
    missing = _error(schema, "setMyCommands", {"commands": [], "scope": {"type": "chat"}})

    assert ok["scope"] == {"type": "chat", "chat_id": 5}
    assert missing == 'Bad Request: field "scope.chat_id" is required in BotCommandScopeChat'


def test_union_errors_point_at_the_most_likely_alternative(schema: Schema) -> None:
    description = _error(
        schema,
        "sendMessage",
        {"chat_id": 1, "text": "x", "reply_markup": {"inline_keyboard": [[{"text": 1}]]}},
    )

    assert description == (
        'Bad Request: field "reply_markup.inline_keyboard[0][0].text" must be of type String'
    )


def test_input_file_accepts_an_upload_or_a_string(schema: Schema) -> None:
    upload = UploadedFile("photo", "a.png", "image/png", b"png")

    assert schema.validate("sendPhoto", {"chat_id": 1, "photo": upload})["photo"] is upload
    assert schema.validate("sendPhoto", {"chat_id": 1, "photo": "AgAD"})["photo"] == "AgAD"


def test_nested_values_must_already_have_their_type(schema: Schema) -> None:
    description = _error(
        schema, "setMyCommands", {"commands": [{"command": 1, "description": "x"}]}
    )

    assert description == 'Bad Request: field "commands[0].command" must be of type String'


def test_invalid_json_is_reported(schema: Schema) -> None:
    assert _error(schema, "setMyCommands", {"commands": "[oops"}) == (
        'Bad Request: can\'t parse "commands" as JSON'
    )


@pytest.mark.parametrize(
    ("text", "mode", "visible"),
    [
        ("<b>Bold</b> &lt;3", "HTML", "Bold <3"),
        ("*Bold* \\- [link](https://x.org)", "MarkdownV2", "Bold - link"),
        ("<b>raw</b>", None, "<b>raw</b>"),
    ],
)
def test_visible_text_drops_markup(text: str, mode: str | None, visible: str) -> None:
    assert visible_text(text, mode) == visible


def test_unsupported_html_tags_are_rejected() -> None:
    with pytest.raises(ApiError, match="Unsupported start tag"):
        visible_text("<div>x</div>", "HTML")


def test_ptb_default_parameters_are_ignored_where_the_method_lacks_them(schema: Schema) -> None:
    params = schema.validate(
        "editMessageReplyMarkup",
        {"chat_id": 1, "message_id": 2, "parse_mode": "HTML", "disable_notification": "true"},
    )

    assert params == {"chat_id": 1, "message_id": 2}
