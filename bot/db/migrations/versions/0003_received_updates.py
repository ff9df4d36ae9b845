"""received updates: stored before polling confirms them, erased once handled

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import scheduler.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "receivedupdate",
        sa.Column("update_id", sa.BigInteger(), nullable=False),
        sa.Column("received_at", scheduler.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("payload", sa.String(), nullable=True),
        sa.Column("handled_at", scheduler.types.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("update_id"),
    )
    with op.batch_alter_table("receivedupdate", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_receivedupdate_handled_at"), ["handled_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("receivedupdate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_receivedupdate_handled_at"))
    op.drop_table("receivedupdate")
