"""Migration 0014_live_keyboards on a database built by 0013: the one keyboard each chat had
on screen stays pressable by typing (one button a row, its message not known), an emptied
one is gone, and the downgrade keeps each chat's newest keyboard in the old form."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from sqlalchemy import Engine

from bot.db import migrate
from bot.db.engine import make_engine, session_factory
from bot.services import keyboards

BEFORE = "0013_alert_words"
AT = "2026-12-04 09:00:00.000000"


def _old_database(tmp_path: Path) -> Engine:
    """A database at 0013 with two chats' keyboards: one on screen, one emptied."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    config = migrate.alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, BEFORE)
    shown = json.dumps([["Done ✅", "done:7"], ["Warning sign ⚠️", "warn:7"]], ensure_ascii=False)
    with engine.begin() as connection:
        for chat, buttons in ((11, shown), (12, "[]")):
            connection.execute(
                sa.text(
                    "INSERT INTO shownkeyboard (chat_id, buttons, shown_at) VALUES (:c, :b, :a)"
                ),
                {"c": chat, "b": buttons, "a": AT},
            )
    return engine


def test_0014_keeps_each_chats_keyboard_on_screen_pressable(tmp_path: Path) -> None:
    engine = _old_database(tmp_path)
    migrate.upgrade(engine)
    with session_factory(engine)() as db:
        (kept,) = keyboards.live(db, 11)
        assert kept.buttons == [("Done ✅", "done:7"), ("Warning sign ⚠️", "warn:7")]
        assert kept.message_id is None
        assert keyboards.live(db, 12) == []
    engine.dispose()


def test_0014_downgrades_to_each_chats_newest_keyboard(tmp_path: Path) -> None:
    engine = _old_database(tmp_path)
    migrate.upgrade(engine)
    migrate.downgrade(engine, BEFORE)
    assert migrate.current_revision(engine) == BEFORE
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT chat_id, buttons FROM shownkeyboard")).all()
    assert [(chat, json.loads(buttons)) for chat, buttons in rows] == [
        (11, [["Done ✅", "done:7"], ["Warning sign ⚠️", "warn:7"]])
    ]
    engine.dispose()
