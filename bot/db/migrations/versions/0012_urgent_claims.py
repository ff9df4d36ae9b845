"""urgent claims: an index for the tick's urgent lane, which claims only urgent due rows
(alert steps, alert messages) every half second, so that it reads those few rows and not
every routine row due in a broadcast

Revision ID: 0012_urgent_claims
Revises: 0011_shown_keyboards
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012_urgent_claims"
down_revision: str | None = "0011_shown_keyboards"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("duework", schema=None) as batch_op:
        batch_op.create_index(
            "ix_duework_by_priority", ["priority", "status", "run_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("duework", schema=None) as batch_op:
        batch_op.drop_index("ix_duework_by_priority")
