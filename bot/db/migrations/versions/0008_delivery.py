"""one table of received updates: the webhook's seen updates join the polled ones

Revision ID: 0008_delivery
Revises: 0007_edge
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db.types

revision: str = "0008_delivery"
down_revision: str | None = "0007_edge"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("receivedupdate", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("lease_until", bot.db.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_index("ix_receivedupdate_received_at", ["received_at"], unique=False)
    # A webhook claim becomes a row without payload; an id in both tables keeps its polled row.
    op.execute(
        "INSERT INTO receivedupdate (update_id, received_at, payload, lease_until, handled_at) "
        "SELECT update_id, received_at, NULL, lease_until, done_at FROM seenupdate "
        "WHERE update_id NOT IN (SELECT update_id FROM receivedupdate)"
    )
    with op.batch_alter_table("seenupdate", schema=None) as batch_op:
        batch_op.drop_index("ix_seenupdate_received_at")
    op.drop_table("seenupdate")


def downgrade() -> None:
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
    op.execute(
        "INSERT INTO seenupdate (update_id, received_at, lease_until, done_at) "
        "SELECT update_id, received_at, lease_until, handled_at FROM receivedupdate "
        "WHERE lease_until IS NOT NULL"
    )
    op.execute("DELETE FROM receivedupdate WHERE lease_until IS NOT NULL")
    with op.batch_alter_table("receivedupdate", schema=None) as batch_op:
        batch_op.drop_index("ix_receivedupdate_received_at")
        batch_op.drop_column("lease_until")
