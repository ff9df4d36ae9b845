"""Understanding when a pause should end: ``2026-12-24``, ``24/12``, ``5 days``, ``5 jours``."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

_DAYS = re.compile(r"^(\d{1,3})\s*(d|day|days|j|jour|jours)?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})[/.-](\d{1,2})$")


_TOMORROW = {"tomorrow", "demain"}
LONGEST = timedelta(days=366)  # a pause is for a holiday or an illness


def parse_pause_end(typed: str, today: date) -> date | None:
    """The first day the patient wants messages again, or ``None`` when it is unclear.

    The day must be after today and within a year (see ``pause_end_problem``).
    """
    found = _read(typed, today)
    if found is None or not today < found <= today + LONGEST:
        return None
    return found


def pause_end_problem(typed: str, today: date) -> Literal["unclear", "past", "too_far"]:
    """Why ``typed`` is not a pause end: not a date we read, a day already here or
    gone, or more than a year away. Only called once ``parse_pause_end`` said no."""
    found = _read(typed, today)
    if found is None:
        return "unclear"
    return "past" if found <= today else "too_far"


def _read(typed: str, today: date) -> date | None:
    text = typed.strip().lower()
    if text in _TOMORROW:
        return today + timedelta(days=1)
    if match := _DAYS.match(text):
        return today + timedelta(days=int(match[1]))
    if match := _DAY_MONTH.match(text):
        return _next_day_month(int(match[1]), int(match[2]), today)
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _next_day_month(day: int, month: int, today: date) -> date | None:
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate > today:
            return candidate
    return None
