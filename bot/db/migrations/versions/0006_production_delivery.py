"""seen updates: webhook update ids, so a redelivered update is processed once;
urgent due work claimed first; alerts found by session

Revision ID: 0006_production_delivery
Revises: 0005
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db.types

revision: str = "0006_production_delivery"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "seenupdate",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("received_at", bot.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("lease_until", bot.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("done_at", bot.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("update_id"),
    )
    with op.batch_alter_table("seenupdate", schema=None) as batch_op:
        batch_op.create_index("ix_seenupdate_received_at", ["received_at"], unique=False)
    with op.batch_alter_table("duework", schema=None) as batch_op:
        batch_op.add_column(sa.Column("priority", sa.Integer(), server_default="1", nullable=False))
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.create_index("ix_alert_session_id", ["session_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.drop_index("ix_alert_session_id")
    with op.batch_alter_table("duework", schema=None) as batch_op:
        batch_op.drop_column("priority")
    with op.batch_alter_table("seenupdate", schema=None) as batch_op:
        batch_op.drop_index("ix_seenupdate_received_at")
    op.drop_table("seenupdate")
