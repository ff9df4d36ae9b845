"""Sending exercise pictures: each file uploaded once per bot, then sent by its ``file_id``.

Drawn pictures come from the media cache (``bot.media.cache``), drawn in a worker thread
the first time. The ``file_id`` Telegram returns is kept by the file's SHA-256
(``bot.services.programmes.media_uploads``); if Telegram ever refuses a kept id, the file is
uploaded again.
"""

from __future__ import annotations

import asyncio
import html
import logging
from pathlib import Path

from telegram import InlineKeyboardMarkup, InputMediaPhoto
from telegram import Message as TelegramMessage
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.db.engine import off_the_loop
from bot.handlers.context import deps
from bot.media import cache
from bot.services.outgoing import AlbumPicture, Drawn, Message
from bot.services.programmes import media_uploads

log = logging.getLogger(__name__)


def _cache_root(context: ContextTypes.DEFAULT_TYPE) -> Path:
    return cache.default_cache_dir(deps(context).content.root)


async def drawn_file(context: ContextTypes.DEFAULT_TYPE, picture: Drawn) -> Path:
    """The cached file of a drawn picture, drawn now (off the event loop) if missing."""
    exercise = deps(context).content.exercises[picture.exercise_id]
    return await asyncio.to_thread(
        cache.ensure, _cache_root(context), exercise, picture.level, picture.kind
    )


async def _upload(source: Path | str | bytes) -> tuple[bytes | str, str | None, str | None]:
    """``(what to send, file name, content hash)``: a local file's bytes, PNG bytes made
    here (a chart: never reused, so no hash), else the id or URL."""
    if isinstance(source, bytes):
        return source, "chart.png", None
    if not isinstance(source, Path):
        return source, None, None
    data = await asyncio.to_thread(source.read_bytes)
    return data, source.name, cache.content_hash(data)


def _sent_file_id(sent: TelegramMessage, kind: str) -> str | None:
    if kind == "animation" and sent.animation is not None:
        return sent.animation.file_id
    if kind == "photo" and sent.photo:
        return sent.photo[-1].file_id
    return None


async def send_picture(
    context: ContextTypes.DEFAULT_TYPE,
    message: Message,
    keyboard: InlineKeyboardMarkup | None,
) -> int:
    """The message as the caption of its photo or animation, by ``file_id`` when known;
    returns the id of the message sent."""
    kind = "animation" if message.animation is not None else "photo"
    if message.animation is not None:
        source: Path | str | bytes = await drawn_file(context, message.animation)
    else:
        assert message.photo is not None
        source = message.photo
    data, name, digest = await _upload(source)
    if digest is not None:
        known = (await _known_file_ids(context, [digest], kind)).get(digest)
        if known is not None:
            try:
                return (await _send(context, message, kind, known, None, keyboard)).message_id
            except BadRequest:  # the id is no longer good: upload the file again
                log.warning("a stored %s file id was refused; uploading again", kind)
                await off_the_loop(lambda: _forget(context, digest))
    sent = await _send(context, message, kind, data, name, keyboard)
    file_id = _sent_file_id(sent, kind)
    if digest is not None and file_id is not None:
        await off_the_loop(lambda: _remember(context, [(digest, file_id)], kind))
    return sent.message_id


def _forget(context: ContextTypes.DEFAULT_TYPE, digest: str) -> None:
    """Drop a ``file_id`` Telegram no longer accepts."""
    found = deps(context)
    with found.open_db() as db:
        media_uploads.forget(db, context.bot.id, digest)


async def _send(
    context: ContextTypes.DEFAULT_TYPE,
    message: Message,
    kind: str,
    media: bytes | str,
    name: str | None,
    keyboard: InlineKeyboardMarkup | None,
) -> TelegramMessage:
    send = context.bot.send_animation if kind == "animation" else context.bot.send_photo
    return await send(
        message.chat_id,
        media,
        caption=message.text,
        reply_markup=keyboard,
        filename=name,
    )


async def send_album(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, album: tuple[AlbumPicture, ...]
) -> None:
    """The pictures as one album, each with its alt text as its caption."""
    bot = context.bot
    uploads = []
    for entry in album:
        picture = entry.picture
        source = await drawn_file(context, picture) if isinstance(picture, Drawn) else picture
        uploads.append(await _upload(source))
    wanted = [digest for _data, _name, digest in uploads if digest]
    known = await _known_file_ids(context, wanted, "photo") if wanted else {}
    items: list[InputMediaPhoto] = []
    digests: list[str | None] = []
    for entry, (data, name, digest) in zip(album, uploads, strict=True):
        file_id = known.get(digest) if digest else None
        caption = html.escape(entry.caption)
        items.append(InputMediaPhoto(file_id or data, caption=caption, filename=name))
        digests.append(digest if file_id is None else None)
    sent = await bot.send_media_group(chat_id, items)
    learned = [
        (digest, file_id)
        for message, digest in zip(sent, digests, strict=False)
        if digest is not None and (file_id := _sent_file_id(message, "photo")) is not None
    ]
    if learned:
        await off_the_loop(lambda: _remember(context, learned, "photo"))


async def _known_file_ids(
    context: ContextTypes.DEFAULT_TYPE, digests: list[str], kind: str
) -> dict[str, str]:
    """The ``file_id`` Telegram already gave each of these uploads, looked up off the loop."""
    found = deps(context)

    def look_up() -> dict[str, str]:
        with found.open_db() as db:
            return media_uploads.known_file_ids(db, context.bot.id, digests, kind)

    return await off_the_loop(look_up)


def _remember(
    context: ContextTypes.DEFAULT_TYPE, learned: list[tuple[str, str]], kind: str
) -> None:
    """Keep the ``file_id`` Telegram gave each uploaded file (one transaction)."""
    found = deps(context)
    with found.open_db() as db:
        for digest, file_id in learned:
            media_uploads.remember(db, found.clock, context.bot.id, digest, kind, file_id)
