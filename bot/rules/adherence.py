"""Adherence: how many of the planned training days in a window had a finished session."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta


def planned_days(training_days: str, first: date, last: date) -> list[date]:
    """The training days from ``first`` to ``last`` inclusive (``training_days``: Monday = 0)."""
    wanted = {int(day) for day in training_days}
    span = (last - first).days + 1
    return [
        first + timedelta(days=n)
        for n in range(max(span, 0))
        if (first + timedelta(days=n)).weekday() in wanted
    ]


def adherence(
    done: Collection[date], training_days: str, first: date, last: date
) -> tuple[int, int]:
    """(sessions done on planned days, planned days) over the window."""
    planned = planned_days(training_days, first, last)
    return sum(1 for day in planned if day in done), len(planned)
