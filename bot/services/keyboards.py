"""The keyboards on screen: the buttons of the newest messages with buttons sent to a chat.

``outbox.enqueue`` remembers each keyboard in the transaction that decides it (one row per
message), so what is remembered is what was committed to be sent; the sender then records
the message's id (``sent``), so a typed press acts on the very message it means and clears
it as the tap would. The newest ``KEPT`` of a chat are live; older ones are deleted as new
ones come. A keyboard whose buttons left the screen is forgotten (``forget``), so a typed
text is never taken for a button no longer there. Labels and callback data only: never
what the person typed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, bindparam, delete, event, or_, update
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import SessionTransaction
from sqlmodel import Session, col, select

from bot.db.models import ShownKeyboard

KEPT = 5  # live keyboards per chat: a typed text may press any of them, the newest first
Rows = tuple[tuple[tuple[str, str], ...], ...]  # (label, callback data), row by row
Shown = list[tuple[str, str]]  # the same, flat
# One plain statement each: no rows of the session to bring in step (none is kept loaded).
_PLAIN = {"synchronize_session": False}
_PRUNED = "keyboards_pruned"  # Session.info: the chats made room for in this transaction


@dataclass(frozen=True)
class Keyboard:
    """A live keyboard: its row, the message it is under (once sent), its buttons."""

    id: int
    message_id: int | None
    rows: Rows

    @property
    def buttons(self) -> Shown:
        return [button for row in self.rows for button in row]


def remember(db: Session, chat_id: int, rows: Rows, at: datetime) -> ShownKeyboard:
    """``rows`` are now a keyboard on screen in ``chat_id``, the newest. The row is added
    (the caller flushes); the chat's older keyboards beyond ``KEPT`` are deleted."""
    _make_room(db, chat_id)
    row = ShownKeyboard(chat_id=chat_id, buttons=_encode(rows), shown_at=at)
    db.add(row)
    return row


def sent(db: Session, shown: Sequence[tuple[int, int]]) -> None:
    """Telegram sent these keyboards (row id, message id): one statement for all. The
    caller commits (with the outbox row it marks done)."""
    if not shown:
        return
    table = ShownKeyboard.metadata.tables["shownkeyboard"]
    statement = (
        update(table).where(table.c.id == bindparam("row_id")).values(message_id=bindparam("mid"))
    )
    db.connection().execute(statement, [{"row_id": r, "mid": m} for r, m in shown])


def live(db: Session, chat_id: int) -> list[Keyboard]:
    """The keyboards on screen in ``chat_id``, newest first."""
    rows = db.exec(
        select(ShownKeyboard)
        .where(col(ShownKeyboard.chat_id) == chat_id)
        .order_by(col(ShownKeyboard.id).desc())
        .limit(KEPT)
    ).all()
    found = [Keyboard(r.id, r.message_id, _decode(r.buttons)) for r in rows if r.id is not None]
    return [keyboard for keyboard in found if keyboard.rows]


def shown(db: Session, chat_id: int) -> Shown:
    """The buttons of the newest keyboard on screen in ``chat_id``; empty when none."""
    found = live(db, chat_id)
    return found[0].buttons if found else []


def forget(db: Session, chat_id: int, message_id: int | None, pressed: str | None = None) -> None:
    """The keyboard under ``message_id`` left the screen (its button ``pressed`` was tapped
    and cleared it): it is deleted, with the chat's keyboards beyond the newest ``KEPT``, in
    one statement (the reply's own keyboard is remembered just after). A keyboard whose
    message id is not recorded yet (a tap right as it arrived, or one kept from before
    migration 0014) is found by the pressed button's data."""
    newest = (
        select(ShownKeyboard.id)
        .where(col(ShownKeyboard.chat_id) == chat_id)
        .order_by(col(ShownKeyboard.id).desc())
        .limit(KEPT)
    )
    gone: ColumnElement[bool] = col(ShownKeyboard.id).not_in(newest)
    if message_id is not None:
        gone = or_(col(ShownKeyboard.message_id) == message_id, gone)
    if pressed is not None:
        unsent = col(ShownKeyboard.message_id).is_(None)
        has_it = col(ShownKeyboard.buttons).contains(json.dumps(pressed), autoescape=True)
        gone = or_(gone, and_(unsent, has_it))
    db.execute(
        delete(ShownKeyboard).where(col(ShownKeyboard.chat_id) == chat_id, gone),
        execution_options=_PLAIN,
    )
    db.info.setdefault(_PRUNED, set()).add(chat_id)


def forget_row(db: Session, keyboard: Keyboard) -> None:
    """This keyboard left the screen (a typed press answered it, or it no longer asks)."""
    db.execute(
        delete(ShownKeyboard).where(col(ShownKeyboard.id) == keyboard.id),
        execution_options=_PLAIN,
    )


def drop(db: Session, chat_id: int, action: str, message_id: int | None) -> Rows | None:
    """The buttons of ``action`` left the keyboard under ``message_id`` and the rest stays
    (a snooze press keeps the session's buttons above the snoozes): what is left, or
    ``None`` when no such keyboard is live."""
    if message_id is None:
        return None
    for keyboard in live(db, chat_id):
        if keyboard.message_id == message_id:
            return drop_from(db, keyboard, action)
    return None


def drop_from(db: Session, keyboard: Keyboard, action: str) -> Rows:
    """``drop`` on a keyboard already read: what is left of it."""
    kept = tuple(
        kept_row
        for kept_row in (
            tuple(b for b in row if b[1].split(":", 1)[0] != action) for row in keyboard.rows
        )
        if kept_row
    )
    if kept:
        db.execute(
            update(ShownKeyboard)
            .where(col(ShownKeyboard.id) == keyboard.id)
            .values(buttons=_encode(kept)),
            execution_options=_PLAIN,
        )
    else:
        forget_row(db, keyboard)
    return kept


def _make_room(db: Session, chat_id: int) -> None:
    """Delete the chat's keyboards beyond the newest ``KEPT``, once per transaction."""
    pruned = db.info.setdefault(_PRUNED, set())
    if chat_id not in pruned:
        forget(db, chat_id, None)


@event.listens_for(OrmSession, "after_transaction_end")
def _next_transaction_makes_room_again(session: OrmSession, _: SessionTransaction) -> None:
    """The chats made room for are this transaction's: a session used again (a test's, the
    tick's) makes room again in its next one."""
    session.info.pop(_PRUNED, None)


def _encode(rows: Rows) -> str:
    return json.dumps([[[label, data] for label, data in row] for row in rows], ensure_ascii=False)


def _decode(buttons: str) -> Rows:
    return tuple(
        tuple((str(label), str(data)) for label, data in row) for row in json.loads(buttons)
    )
