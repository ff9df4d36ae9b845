"""The emulator's stored state, and how it is rendered as Telegram JSON objects."""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Any, Literal

MessageKind = Literal["text", "photo", "document", "animation"]
Button = tuple[str, str | None]


@dataclass
class EmuUser:
    """A person talking to the bot in a private chat whose id equals ``id``."""

    id: int
    first_name: str = "Pat"
    language_code: str | None = "en"
    username: str | None = None
    last_name: str | None = None
    started: bool = False
    """Whether the user has written to the bot, so the bot may message them."""


@dataclass(frozen=True)
class BotIdentity:
    """Who the bot is: what ``getMe`` answers and what ``from`` of bot messages holds."""

    id: int
    username: str
    first_name: str


@dataclass
class StoredFile:
    """A file known to the emulator (uploaded, or referenced by URL)."""

    file_id: str
    file_unique_id: str
    filename: str | None
    mime_type: str | None
    data: bytes | None
    url: str | None = None
    kind: str | None = None  # what it was first sent as (photo, animation, ...), for reuse

    @property
    def size(self) -> int | None:
        return None if self.data is None else len(self.data)


@dataclass
class StoredMessage:
    """One message in a private chat, in its current state."""

    chat_id: int
    message_id: int
    from_bot: bool
    date: int
    kind: MessageKind = "text"
    text: str | None = None
    caption: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    reply_markup: dict[str, Any] | None = None
    file: StoredFile | None = None
    edit_date: int | None = None
    deleted: bool = False
    version: int = 0
    media_group_id: str | None = None


def user_json(user: EmuUser) -> dict[str, Any]:
    """A ``User`` object for a person."""
    data: dict[str, Any] = {"id": user.id, "is_bot": False, "first_name": user.first_name}
    for key in ("last_name", "username", "language_code"):
        value = getattr(user, key)
        if value is not None:
            data[key] = value
    return data


def bot_user_json(bot: BotIdentity, *, full: bool = False) -> dict[str, Any]:
    """A ``User`` object for the bot; ``full`` adds the fields only ``getMe`` returns."""
    data: dict[str, Any] = {
        "id": bot.id,
        "is_bot": True,
        "first_name": bot.first_name,
        "username": bot.username,
    }
    if full:
        data.update(
            can_join_groups=True,
            can_read_all_group_messages=False,
            supports_inline_queries=False,
            can_connect_to_business=False,
            has_main_web_app=False,
        )
    return data


def chat_json(user: EmuUser) -> dict[str, Any]:
    """The private ``Chat`` with ``user``."""
    data: dict[str, Any] = {"id": user.id, "type": "private", "first_name": user.first_name}
    if user.last_name is not None:
        data["last_name"] = user.last_name
    if user.username is not None:
        data["username"] = user.username
    return data


def message_json(message: StoredMessage, user: EmuUser, bot: BotIdentity) -> dict[str, Any]:
    """A ``Message`` object for ``message`` in its current state."""
    data: dict[str, Any] = {
        "message_id": message.message_id,
        "date": message.date,
        "chat": chat_json(user),
        "from": bot_user_json(bot) if message.from_bot else user_json(user),
    }
    if message.edit_date is not None:
        data["edit_date"] = message.edit_date
    if message.text is not None:
        data["text"] = message.text
    if message.entities:
        key = "entities" if message.kind == "text" else "caption_entities"
        data[key] = message.entities
    if message.caption:
        data["caption"] = message.caption
    if message.file is not None:
        if message.kind == "photo":
            data["photo"] = photo_sizes_json(message.file)
        elif message.kind == "animation":  # Telegram sends an animation as both
            data["animation"] = animation_json(message.file)
            data["document"] = document_json(message.file)
        else:
            data["document"] = document_json(message.file)
    if message.media_group_id is not None:
        data["media_group_id"] = message.media_group_id
    if message.reply_markup is not None and "inline_keyboard" in message.reply_markup:
        data["reply_markup"] = message.reply_markup
    return data


def photo_sizes_json(file: StoredFile) -> list[dict[str, Any]]:
    """``PhotoSize`` variants of an uploaded photo: a thumbnail and the original."""
    width, height = image_dimensions(file.data or b"")
    scale = min(1.0, 90 / max(width, height, 1))
    thumb = {
        "file_id": f"{file.file_id}-s",
        "file_unique_id": f"{file.file_unique_id}s",
        "width": max(1, round(width * scale)),
        "height": max(1, round(height * scale)),
    }
    full: dict[str, Any] = {
        "file_id": file.file_id,
        "file_unique_id": file.file_unique_id,
        "width": width,
        "height": height,
    }
    if file.size is not None:
        full["file_size"] = file.size
    return [thumb, full]


def animation_json(file: StoredFile) -> dict[str, Any]:
    """An ``Animation`` object (a GIF or silent video) for a stored file."""
    width, height = image_dimensions(file.data or b"")
    data: dict[str, Any] = {
        "file_id": file.file_id,
        "file_unique_id": file.file_unique_id,
        "width": width,
        "height": height,
        "duration": 0,
    }
    if file.filename:
        data["file_name"] = file.filename
    if file.mime_type:
        data["mime_type"] = file.mime_type
    if file.size is not None:
        data["file_size"] = file.size
    return data


def document_json(file: StoredFile) -> dict[str, Any]:
    """A ``Document`` object for a stored file."""
    data: dict[str, Any] = {"file_id": file.file_id, "file_unique_id": file.file_unique_id}
    if file.filename:
        data["file_name"] = file.filename
    if file.mime_type:
        data["mime_type"] = file.mime_type
    if file.size is not None:
        data["file_size"] = file.size
    return data


def inline_buttons(markup: dict[str, Any] | None) -> list[list[Button]]:
    """Rows of ``(text, callback_data or url)`` of an inline keyboard (empty if none)."""
    if not markup or not isinstance(markup.get("inline_keyboard"), list):
        return []
    rows: list[list[Button]] = []
    for row in markup["inline_keyboard"]:
        buttons: list[Button] = []
        for button in row if isinstance(row, list) else []:
            if isinstance(button, dict):
                target = button.get("callback_data", button.get("url"))
                buttons.append((str(button.get("text", "")), target))
        rows.append(buttons)
    return rows


def image_dimensions(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, GIF or JPEG image; 320x320 when unknown."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    if data[:2] == b"\xff\xd8":
        return _jpeg_dimensions(data) or (320, 320)
    return 320, 320


def _jpeg_dimensions(data: bytes) -> tuple[int, int] | None:
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            return None
        marker = data[index + 1]
        length = int.from_bytes(data[index + 2 : index + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return int(width), int(height)
        index += 2 + length
    return None
