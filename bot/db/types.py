"""Column types shared by the tables (defined in ``scheduler``, which needs them and may
not import the bot)."""

from __future__ import annotations

from scheduler.types import UTCDateTime

__all__ = ["UTCDateTime"]
