"""shown keyboards: the buttons of the last message with buttons sent to each chat, so a
typed text that means one of them is taken as its press

Revision ID: 0011_shown_keyboards
Revises: 0010_awaited_questions
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db.types

revision: str = "0011_shown_keyboards"
down_revision: str | None = "0010_awaited_questions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "shownkeyboard",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("buttons", sa.String(), nullable=False),
        sa.Column("shown_at", bot.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("chat_id"),
    )


def downgrade() -> None:
    op.drop_table("shownkeyboard")
