"""typed state: a patient's onboarding step becomes an enum-typed column (its values, with a
CHECK constraint), as the other conversation states did in 0009

The stored strings do not change: the enum's values are the strings the code wrote before,
``erased`` (a patient whose personal data retention erased) included. Existing rows are
checked first: a value outside the enum stops the migration with the value, changing
nothing, because a patient's place in enrolment is never guessed.

Revision ID: 0015_onboarding_steps
Revises: 0014_live_keyboards
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_onboarding_steps"
down_revision: str | None = "0014_live_keyboards"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The values as of this revision (a later change to the enum is a later migration).
ONBOARDING_STEP = (
    *("language", "consent", "readiness", "reminder_time"),
    *("enrolled", "declined", "withdrawn", "erased"),
)
LENGTH = 20


def _enum() -> sa.Enum:
    return sa.Enum(
        *ONBOARDING_STEP,
        native_enum=False,
        create_constraint=True,
        length=LENGTH,
        name="ck_onboardingstep",
    )


def _check_rows() -> None:
    """Refuse a stored step outside the enum, naming it; nothing is changed then."""
    t = sa.table("patient", sa.column("onboarding_step", sa.String))
    query = (
        sa.select(t.c.onboarding_step).where(~t.c.onboarding_step.in_(ONBOARDING_STEP)).distinct()
    )
    found: list[str] = sorted(op.get_bind().execute(query).scalars())
    if found:
        unknown = ", ".join(f"patient.onboarding_step={value!r}" for value in found)
        raise RuntimeError(
            "These stored values are not known to this version of the bot; nothing was "
            f"changed (fix or map them, then migrate again): {unknown}"
        )


def upgrade() -> None:
    _check_rows()
    with op.batch_alter_table("patient", schema=None) as batch_op:
        batch_op.alter_column(
            "onboarding_step",
            existing_type=sa.String(length=LENGTH),
            type_=_enum(),
            existing_nullable=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("patient", schema=None) as batch_op:
        batch_op.alter_column(
            "onboarding_step",
            existing_type=_enum(),
            type_=sa.String(length=LENGTH),
            existing_nullable=False,
        )
