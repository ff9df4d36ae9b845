"""Turn formatted text into what the user sees, and compute entities for user messages.

Only the visible text is kept (formatting entities of bot messages are not
reproduced); malformed HTML is rejected the way Telegram rejects it.
"""

from __future__ import annotations

import re
from typing import Any

from emulator.errors import ApiError

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


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s(?:\"[^\"]*\"|'[^']*'|[^'\">])*)?)>")
_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot)|#([0-9]{1,7})|#[xX]([0-9A-Fa-f]{1,6}));")
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_HTML_SPECIAL = re.compile(r"[<&]")


def _entity_error(detail: str, text: str, position: int) -> ApiError:
    offset = len(text[:position].encode("utf-8"))
    return ApiError.bad_request(f"can't parse entities: {detail} at byte offset {offset}")


def _html_visible_text(text: str) -> str:
    """Strip supported tags and decode entities; reject what Telegram cannot parse.

    Like Telegram, a ``<`` must start a supported tag and a ``&`` one of ``&lt;``,
    ``&gt;``, ``&amp;``, ``&quot;`` or a numeric entity; anything else is a 400.
    """
    parts: list[str] = []
    open_tags: list[str] = []
    position = 0
    while (special := _HTML_SPECIAL.search(text, position)) is not None:
        start = special.start()
        parts.append(text[position:start])
        if special.group() == "&":
            entity = _ENTITY.match(text, start)
            if entity is None:
                raise _entity_error('Unsupported HTML entity (escape "&" as "&amp;")', text, start)
            named, decimal, hexadecimal = entity.groups()
            code = int(decimal) if decimal else int(hexadecimal, 16) if hexadecimal else None
            if code is not None and not 0 < code <= 0x10FFFF:
                raise _entity_error("Invalid numeric HTML entity", text, start)
            parts.append(_NAMED_ENTITIES[named] if named else chr(code or 0))
            position = entity.end()
            continue
        tag = _TAG.match(text, start)
        if tag is None:
            found = re.match(r"</?([^\s>]*)", text[start:])
            name = found.group(1).lower() if found else ""
            raise _entity_error(f'Unsupported start tag "{name}"', text, start)
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if closing:
            if not open_tags or open_tags[-1] != name:
                raise _entity_error(f'Unmatched end tag "{name}" was found', text, start)
            open_tags.pop()
        elif name not in _HTML_TAGS:
            raise _entity_error(f'Unsupported start tag "{name}"', text, start)
        else:
            open_tags.append(name)
        position = tag.end()
    parts.append(text[position:])
    if open_tags:
        raise ApiError.bad_request(
            "can't parse entities: Can't find end tag corresponding to start tag "
            f'"{open_tags[-1]}"'
        )
    return "".join(parts)


def visible_text(text: str, parse_mode: str | None) -> str:
    """The text as a Telegram client would display it (markup removed)."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        return _html_visible_text(text)
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
