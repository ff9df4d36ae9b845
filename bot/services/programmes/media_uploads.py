"""Which files Telegram already has: a ``file_id`` per bot, by the file's content hash.

Each picture is uploaded once per bot; every later send names its ``file_id``. The key is
the file's SHA-256, so a redrawn picture (new bytes) is uploaded again, and an unchanged
one never is, whichever exercise or patient it goes to.
"""

from __future__ import annotations

from sqlmodel import Session

from bot.clock import Clock
from bot.db.models import MediaUpload


def known_file_id(db: Session, bot_id: int, content_hash: str, kind: str) -> str | None:
    """The ``file_id`` this bot got when it sent these bytes as ``kind``, if it did."""
    row = db.get(MediaUpload, (bot_id, content_hash))
    return row.file_id if row is not None and row.kind == kind else None


def known_file_ids(
    db: Session, bot_id: int, content_hashes: list[str], kind: str
) -> dict[str, str]:
    """The ``file_id`` of each of these uploads that this bot already sent as ``kind``."""
    found = {}
    for content_hash in dict.fromkeys(content_hashes):
        file_id = known_file_id(db, bot_id, content_hash, kind)
        if file_id is not None:
            found[content_hash] = file_id
    return found


def remember(
    db: Session, clock: Clock, bot_id: int, content_hash: str, kind: str, file_id: str
) -> None:
    """Keep the ``file_id`` Telegram gave for an upload (the latest one wins)."""
    row = db.get(MediaUpload, (bot_id, content_hash))
    if row is None:
        row = MediaUpload(
            bot_id=bot_id,
            content_hash=content_hash,
            kind=kind,
            file_id=file_id,
            uploaded_at=clock.now(),
        )
    else:
        row.kind, row.file_id, row.uploaded_at = kind, file_id, clock.now()
    db.add(row)
    db.flush()


def forget(db: Session, bot_id: int, content_hash: str) -> None:
    """Telegram refused a stored ``file_id``: the next send uploads the file again."""
    row = db.get(MediaUpload, (bot_id, content_hash))
    if row is not None:
        db.delete(row)
        db.flush()
