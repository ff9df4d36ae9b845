"""Turn formatted text into what the user sees, and compute entities for user messages.

Only the visible text is kept (formatting entities of bot messages are not
reproduced); malformed HTML is rejected the way Telegram rejects it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from bot.emulator.errors import ApiError

_HTML_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
        "tg-time",
    }
)
_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,64}(@[A-Za-z0-9_]+)?")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_ESCAPE = re.compile(r"\\(.)")
_MD_MARKERS = re.compile(r"(?<!\\)(\*|__|_|~|\|\||`{1,3})")


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HTML_TAGS:
            raise ApiError.bad_request(f'can\'t parse entities: Unsupported start tag "{tag}"')
        self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HTML_TAGS:
            raise ApiError.bad_request(f'can\'t parse entities: Unsupported start tag "{tag}"')

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            raise ApiError.bad_request(
                f'can\'t parse entities: Unmatched end tag "{tag}" was found'
            )
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible_text(text: str, parse_mode: str | None) -> str:
    """The text as a Telegram client would display it (markup removed)."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        parser = _VisibleText()
        parser.feed(text)
        parser.close()
        if parser.open:
            tag = parser.open[-1]
            raise ApiError.bad_request(
                f"can't parse entities: Can't find end tag corresponding to start tag \"{tag}\""
            )
        return "".join(parser.parts)
    if mode in {"markdown", "markdownv2"}:
        text = _MD_LINK.sub(r"\1", text)
        text = _MD_MARKERS.sub("", text)
        return _MD_ESCAPE.sub(r"\1", text)
    return text


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram uses for offsets."""
    return len(text.encode("utf-16-le")) // 2


def command_entities(text: str) -> list[dict[str, Any]]:
    """A ``bot_command`` entity when ``text`` starts with ``/command``, as Telegram adds."""
    match = _COMMAND.match(text)
    if match is None:
        return []
    return [{"type": "bot_command", "offset": 0, "length": utf16_length(match.group(0))}]
