"""live keyboards: one row per message sent with buttons (the newest few of each chat),
with the message's id once sent, so a typed text can press any keyboard still on screen
and clear the very message it pressed

Revision ID: 0014_live_keyboards
Revises: 0013_alert_words
Create Date: 2026-12-04
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db.types

revision: str = "0014_live_keyboards"
down_revision: str | None = "0013_alert_words"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    connection = op.get_bind()
    old = connection.execute(sa.text("SELECT chat_id, buttons, shown_at FROM shownkeyboard"))
    kept = [
        # The old flat list, one button a row; its message is not known (never cleared).
        {"chat_id": chat, "buttons": json.dumps([[b] for b in json.loads(str(buttons))]), "at": at}
        for chat, buttons, at in old
        if json.loads(str(buttons))
    ]
    op.drop_table("shownkeyboard")
    op.create_table(
        "shownkeyboard",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("buttons", sa.String(), nullable=False),
        sa.Column("shown_at", bot.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_shownkeyboard_chat_id"), "shownkeyboard", ["chat_id"], unique=False)
    if kept:
        connection.execute(
            sa.text(
                "INSERT INTO shownkeyboard (chat_id, buttons, shown_at) "
                "VALUES (:chat_id, :buttons, :at)"
            ),
            kept,
        )


def downgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.text("SELECT chat_id, buttons, shown_at FROM shownkeyboard ORDER BY id")
    )
    newest: dict[int, dict[str, object]] = {}
    for chat, buttons, at in rows:  # the newest keyboard of each chat, flat, as before
        flat = [button for row in json.loads(str(buttons)) for button in row]
        newest[int(str(chat))] = {"chat_id": chat, "buttons": json.dumps(flat), "at": at}
    op.drop_index(op.f("ix_shownkeyboard_chat_id"), table_name="shownkeyboard")
    op.drop_table("shownkeyboard")
    op.create_table(
        "shownkeyboard",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("buttons", sa.String(), nullable=False),
        sa.Column("shown_at", bot.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("chat_id"),
    )
    if newest:
        connection.execute(
            sa.text(
                "INSERT INTO shownkeyboard (chat_id, buttons, shown_at) "
                "VALUES (:chat_id, :buttons, :at)"
            ),
            list(newest.values()),
        )
