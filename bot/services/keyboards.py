"""The keyboard on screen: the buttons of the last message with buttons sent to a chat.

``outbox.enqueue`` remembers each keyboard in the transaction that decides it, so what is
remembered is what was committed to be sent. A press that clears its keyboard forgets it
(``forget``), so a typed text is never taken for a button no longer on screen. Labels and
callback data only: never what the person typed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session

from bot.db.models import ShownKeyboard

Shown = list[tuple[str, str]]  # (label, callback data), row by row


def remember(db: Session, chat_id: int, buttons: Sequence[tuple[str, str]], at: datetime) -> None:
    """``buttons`` are now the keyboard on screen in ``chat_id``. The caller flushes."""
    row = db.get(ShownKeyboard, chat_id)
    encoded = json.dumps([[label, data] for label, data in buttons], ensure_ascii=False)
    if row is None:
        row = ShownKeyboard(chat_id=chat_id, buttons=encoded, shown_at=at)
    else:
        row.buttons, row.shown_at = encoded, at
    db.add(row)


def shown(db: Session, chat_id: int) -> Shown:
    """The buttons on screen in ``chat_id``; empty when there are none."""
    row = db.get(ShownKeyboard, chat_id)
    if row is None:
        return []
    return [(str(label), str(data)) for label, data in json.loads(row.buttons)]


def forget(db: Session, chat_id: int, pressed: str | None = None) -> None:
    """The keyboard left the screen: one of its buttons (``pressed``; any when ``None``) was
    pressed, or it no longer asks anything. The row stays, empty, so that a keyboard sent by
    the tick and one sent by the person's own update at the same moment both update it, and
    neither fails on inserting it. The caller flushes."""
    row = db.get(ShownKeyboard, chat_id)
    if row is None:
        return
    if pressed is None or any(data == pressed for _, data in shown(db, chat_id)):
        row.buttons = "[]"
        db.add(row)


def drop(db: Session, chat_id: int, action: str, pressed: str | None = None) -> None:
    """The buttons of ``action`` left the keyboard on screen, the rest stays (a snooze
    press keeps the session's buttons): when ``pressed`` (any when ``None``) is one of
    them. The caller flushes."""
    row = db.get(ShownKeyboard, chat_id)
    if row is None:
        return
    buttons = shown(db, chat_id)
    if pressed is not None and not any(data == pressed for _, data in buttons):
        return
    kept = [(label, data) for label, data in buttons if data.split(":", 1)[0] != action]
    row.buttons = json.dumps([[label, data] for label, data in kept], ensure_ascii=False)
    db.add(row)
