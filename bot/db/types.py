"""Column types shared by the tables (``UTCDateTime`` is defined in ``scheduler``, which
needs it and may not import the bot)."""

from __future__ import annotations

from enum import StrEnum

import sqlalchemy as sa

from scheduler.types import UTCDateTime

__all__ = ["UTCDateTime", "enum_type"]


def enum_type(enum: type[StrEnum], length: int) -> sa.Enum:
    """An enum-typed column: stored as its values (the same strings as before the enums,
    so old rows read unchanged), loaded as members, and guarded by a CHECK constraint."""
    return sa.Enum(
        enum,
        native_enum=False,
        create_constraint=True,
        length=length,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
        name=f"ck_{enum.__name__.lower()}",
    )
