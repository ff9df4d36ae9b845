"""The outbox: every message the bot means to send is a due-work row first.

A use case adds its outgoing messages here, in its own transaction, so they are committed
with the decision that caused them (the answer, the alert, the plan) or not at all. After
the commit the bot sends each row at once (``bot.handlers.delivery``); a row that was not
sent (a crash, a network failure, Telegram's 5xx or 429) is taken by the tick when its
``run_at`` comes, and retried with the tick's backoff until it is sent, or dead-lettered
for an admin (``companion scheduler dead-letters``), who can revive it.

Rows are one per chat, in the order the messages were decided; a message that is sent only
if the one before it was (``Message.needs_previous``) stays in that message's row. So a
clinician who cannot be reached never holds back the patient's reply, and each person of a
first alert step is retried on their own. What a row still has to send is its payload; the
part already sent is dropped after each message, and the whole payload is erased once the
row is finished, since it holds health data.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from bot.clock import Clock
from bot.services import keyboards
from bot.services.outgoing import AlbumPicture, Button, Document, Drawn, Message
from scheduler import store
from scheduler.models import ROUTINE, URGENT, DueWork, WorkStatus
from scheduler.store import Planned

KIND = "send"  # subject: the chat id
URGENT_KEY = f"{KIND}:alert:"  # the key of a row carrying an alert, decided by an update
TICK_TAKES_OVER_AFTER = timedelta(seconds=30)  # the send right after the commit goes first


def enqueue(
    db: Session, clock: Clock, messages: Sequence[Message], source: str | None = None
) -> list[str]:
    """Add the rows that will send ``messages``; returns their keys, alerts first. The caller
    commits (the messages go out only if the use case that decided them is stored).

    ``source`` is the key of the due row whose handler decided them: the rows' keys are then
    made from it, so a handler run again (its process died before the row was marked done)
    finds the rows it added the first time instead of adding a second copy of each message."""
    now = clock.now()
    with db.no_autoflush:  # every keyboard a chat is shown: what a typed text may mean
        shown = [
            keyboards.remember(db, m.chat_id, _rows_of(m), now) if m.buttons else None
            for m in messages
        ]
    if any(shown):
        db.flush()  # the keyboards' ids, carried by their messages
        messages = [
            m if row is None else replace(m, keyboard_id=row.id)
            for m, row in zip(messages, shown, strict=True)
        ]
    rows: list[list[Message]] = []
    by_chat: dict[int, list[Message]] = {}
    for message in messages:
        if message.needs_previous and rows:
            rows[-1].append(message)  # only if the one before it went out: same row
            by_chat[message.chat_id] = rows[-1]
            continue
        row = by_chat.get(message.chat_id)
        if row is None:
            row = by_chat[message.chat_id] = []
            rows.append(row)
        row.append(message)
    planned = [
        Planned(
            KIND,
            row[0].chat_id,
            _key(row, source, number),
            now,
            URGENT if _carries_alert(row) else ROUTINE,
            payload=encode(row),
            run_at=now + TICK_TAKES_OVER_AFTER,
        )
        for number, row in enumerate(rows)
    ]
    store.add(db, planned, now)
    db.flush()
    # The alert's own rows go first (a few milliseconds before the patient's), as the tick
    # claims them first: a clinician who cannot be reached moves the ladder on at once.
    return [p.key for p in sorted(planned, key=lambda p: p.priority)]


def _rows_of(message: Message) -> keyboards.Rows:
    return tuple(tuple((b.label, b.data) for b in row) for row in message.buttons)


def is_urgent(key: str) -> bool:
    """Whether the row ``key`` (added by an update's use case) carries an alert: it goes
    in the sender's alert lane, with its database calls ahead of the presses'."""
    return key.startswith(URGENT_KEY)


def _carries_alert(row: Sequence[Message]) -> bool:
    return any(m.alert_id is not None for m in row)


def _key(row: Sequence[Message], source: str | None, number: int) -> str:
    if source:
        return f"{KIND}:{source}:{number}"
    return f"{URGENT_KEY if _carries_alert(row) else KIND + ':'}{uuid.uuid4().hex}"


def left_from(db: Session, source: str) -> list[str]:
    """The keys of the rows a due row's handler added (``enqueue(..., source)``) that are
    still waiting to be sent: its process died after the commit, before the send. The
    handler run again sends them at once, rather than leaving them to the tick."""
    rows = db.exec(
        select(DueWork.key, DueWork.priority).where(
            col(DueWork.key).startswith(f"{KIND}:{source}:", autoescape=True),
            col(DueWork.status) == WorkStatus.PENDING,
        )
    ).all()
    return [key for key, _ in sorted(rows, key=lambda row: (row[1], int(row[0].rsplit(":", 1)[1])))]


def still_sending(db: Session, alert_id: int, chat_ids: Sequence[int]) -> set[int]:
    """The chats among ``chat_ids`` whose message of this alert is still an unsent row:
    the outbox owns its delivery (it retries it, or reports the chat unreachable)."""
    rows = db.exec(
        select(DueWork.subject_id, DueWork.payload).where(
            col(DueWork.kind) == KIND,
            col(DueWork.subject_id).in_(list(chat_ids)),
            col(DueWork.status).in_([WorkStatus.PENDING, WorkStatus.CLAIMED]),
            col(DueWork.priority) == URGENT,
        )
    ).all()
    return {chat for chat, payload in rows if any(m.alert_id == alert_id for m in decode(payload))}


def rows_holding(db: Session, chat_id: int, alert_ids: Collection[int]) -> list[int]:
    """The rows whose payload still holds (unsent, or dead-lettered for an admin) a message
    to ``chat_id`` or about one of ``alert_ids`` (an alert's card carries the patient's own
    words): what erasing a patient deletes with the rest of their data."""
    rows = db.exec(
        select(DueWork.id, DueWork.subject_id, DueWork.payload).where(
            col(DueWork.kind) == KIND, col(DueWork.payload).is_not(None)
        )
    ).all()
    about = set(alert_ids)
    return [
        row_id
        for row_id, subject, payload in rows
        if row_id is not None
        and (
            subject == chat_id
            or any(m.alert_id in about or m.card_of in about for m in decode(payload))
        )
    ]


def encode(messages: Sequence[Message]) -> str:
    """Messages as JSON (pictures' bytes in base64): what an outbox row carries."""
    return json.dumps([_message(m) for m in messages])


def decode(payload: str | None) -> list[Message]:
    """The messages an outbox row still has to send."""
    return [_unmessage(m) for m in json.loads(payload or "[]")]


def _message(m: Message) -> dict[str, Any]:
    return {
        "chat_id": m.chat_id,
        "text": m.text,
        "buttons": [[[b.label, b.data] for b in row] for row in m.buttons],
        "alert_id": m.alert_id,
        "alert_step": m.alert_step,
        "digest_of": list(m.digest_of),
        "photo": _picture(m.photo),
        "animation": _drawn(m.animation),
        "album": [[_picture(p.picture), p.caption] for p in m.album],
        "thread_message_id": m.thread_message_id,
        "needs_previous": m.needs_previous,
        "if_undelivered": None if m.if_undelivered is None else _message(m.if_undelivered),
        "card_of": m.card_of,
        "keyboard_id": m.keyboard_id,
        "document": None
        if m.document is None
        else [m.document.filename, base64.b64encode(m.document.data).decode()],
    }


def _unmessage(d: dict[str, Any]) -> Message:
    album = tuple(AlbumPicture(_album_picture(p), caption) for p, caption in d["album"])
    photo = _unpicture(d["photo"])
    assert not isinstance(photo, Drawn)
    animation = _unpicture(d["animation"])
    assert animation is None or isinstance(animation, Drawn)
    document = d["document"]
    return Message(
        chat_id=d["chat_id"],
        text=d["text"],
        buttons=tuple(tuple(Button(label, data) for label, data in row) for row in d["buttons"]),
        alert_id=d["alert_id"],
        alert_step=d.get("alert_step"),  # these two are absent from rows written before them
        digest_of=tuple(d.get("digest_of", ())),
        photo=photo,
        animation=animation,
        album=album,
        thread_message_id=d["thread_message_id"],
        card_of=d.get("card_of"),
        keyboard_id=d.get("keyboard_id"),  # absent from rows written before it
        needs_previous=d["needs_previous"],
        if_undelivered=None if d["if_undelivered"] is None else _unmessage(d["if_undelivered"]),
        document=None if document is None else Document(document[0], base64.b64decode(document[1])),
    )


def _album_picture(d: dict[str, Any]) -> Drawn | Path | str:
    picture = _unpicture(d)
    assert picture is not None and not isinstance(picture, bytes)
    return picture


def _drawn(drawn: Drawn | None) -> dict[str, Any] | None:
    if drawn is None:
        return None
    return {"drawn": [drawn.exercise_id, drawn.level, drawn.kind]}


def _picture(picture: Drawn | Path | str | bytes | None) -> dict[str, Any] | None:
    if picture is None or isinstance(picture, Drawn):
        return _drawn(picture)
    if isinstance(picture, Path):
        return {"path": str(picture)}
    if isinstance(picture, bytes):
        return {"bytes": base64.b64encode(picture).decode()}
    return {"ref": picture}  # a URL or a Telegram file id


def _unpicture(d: dict[str, Any] | None) -> Drawn | Path | str | bytes | None:
    if d is None:
        return None
    if "drawn" in d:
        exercise_id, level, kind = d["drawn"]
        return Drawn(exercise_id, level, kind)
    if "path" in d:
        return Path(d["path"])
    if "bytes" in d:
        return base64.b64decode(d["bytes"])
    return str(d["ref"])
