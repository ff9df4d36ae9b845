"""awaited questions: the settings language question and /stop's confirmation become awaited
answers ("language", "stop_confirm"), so a typed answer to them is understood

Only the CHECK constraint of ``awaiting_text`` changes (patient and staff); no row changes.
A downgrade first clears the two new values (the person is simply no longer waiting on them).

Revision ID: 0010_awaited_questions
Revises: 0009_structure
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_awaited_questions"
down_revision: str | None = "0009_structure"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BEFORE = (
    *("reminder_time", "timezone", "psfs_activity", "session_note"),
    *("alert_note", "alert_relay", "thread_reply"),
)
ADDED = ("language", "stop_confirm")
AFTER = (*BEFORE, *ADDED)
TABLES = ("patient", "staff")


def _enum(values: Sequence[str]) -> sa.Enum:
    return sa.Enum(
        *values, native_enum=False, create_constraint=True, length=40, name="ck_awaitedanswer"
    )


def _change(old: Sequence[str], new: Sequence[str]) -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                "awaiting_text", existing_type=_enum(old), type_=_enum(new), existing_nullable=True
            )


def upgrade() -> None:
    _change(BEFORE, AFTER)


def downgrade() -> None:
    for table in TABLES:
        t = sa.table(table, sa.column("awaiting_text", sa.String))
        op.execute(sa.update(t).where(t.c.awaiting_text.in_(ADDED)).values(awaiting_text=None))
    _change(AFTER, BEFORE)
