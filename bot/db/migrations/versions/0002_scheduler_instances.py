"""scheduler instances: each tick's heartbeat, and finished rows found by time

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import scheduler.types

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "schedulerinstance",
        sa.Column("worker", sa.String(length=64), nullable=False),
        sa.Column("started_at", scheduler.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("tick_seconds", sa.Float(), nullable=False),
        sa.Column("last_tick_at", scheduler.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("stopped_at", scheduler.types.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("worker"),
    )
    with op.batch_alter_table("duework", schema=None) as batch_op:
        batch_op.create_index("ix_duework_finished", ["status", "finished_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("duework", schema=None) as batch_op:
        batch_op.drop_index("ix_duework_finished")
    op.drop_table("schedulerinstance")
