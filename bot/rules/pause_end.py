"""Understanding when a pause should end: ``2026-12-24``, ``24/12``, ``5 days``, ``5 jours``."""

from __future__ import annotations

import re
from datetime import date, timedelta

_DAYS = re.compile(r"^(\d{1,3})\s*(d|day|days|j|jour|jours)?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})[/.-](\d{1,2})$")


def parse_pause_end(typed: str, today: date) -> date | None:
    """The first day the patient wants messages again, or ``None`` when it is unclear.

    The day must be after today and within a year: a pause is for a holiday or an illness.
    """
    text = typed.strip().lower()
    found: date | None = None
    if match := _DAYS.match(text):
        found = today + timedelta(days=int(match[1]))
    elif match := _DAY_MONTH.match(text):
        found = _next_day_month(int(match[1]), int(match[2]), today)
    else:
        try:
            found = date.fromisoformat(text)
        except ValueError:
            return None
    if found is None or not today < found <= today + timedelta(days=366):
        return None
    return found


def _next_day_month(day: int, month: int, today: date) -> date | None:
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate > today:
            return candidate
    return None
