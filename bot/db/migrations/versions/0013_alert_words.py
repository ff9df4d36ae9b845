"""alert words: the patient's own words that raised an alert (a typed warning sign), shown
on the alert card to the care team; NULL for older alerts and for checklist or pain alerts

Revision ID: 0013_alert_words
Revises: 0012_urgent_claims
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_alert_words"
down_revision: str | None = "0012_urgent_claims"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.add_column(sa.Column("words", sa.String(length=1000), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.drop_column("words")
