"""the outbox: a due-work row can carry what it will send (erased once sent)

Revision ID: 0007_edge
Revises: 0006_production_delivery
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_edge"
down_revision: str | None = "0006_production_delivery"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("duework", schema=None) as batch_op:
        batch_op.add_column(sa.Column("payload", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("duework", schema=None) as batch_op:
        batch_op.drop_column("payload")
