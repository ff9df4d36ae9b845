"""Understanding the reminder time a patient types: ``7:30``, ``19h30``, ``7.30pm``, ``7 am``."""

from __future__ import annotations

import re
from datetime import time

_PATTERN = re.compile(
    r"""^\s*
    (?P<hour>\d{1,2})
    (?:\s*[:h.]\s*(?P<minute>\d{2})?)?     # 7:30, 19h30, 7.30, 19h
    \s*(?P<half>[ap])?\.?\s*m?\.?          # am / pm / a.m.
    \s*$""",
    re.IGNORECASE | re.VERBOSE,
)


def parse_reminder_time(typed: str) -> time | None:
    """The time of day a patient meant, or ``None`` when it is not a clear time."""
    match = _PATTERN.match(typed)
    if not match:
        return None
    hour = int(match["hour"])
    minute = int(match["minute"] or 0)
    half = (match["half"] or "").lower()
    if minute > 59:
        return None
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    elif hour > 23:
        return None
    return time(hour, minute)


def format_time(moment: time) -> str:
    """A time as button data carries it: 24-hour ``HH:MM``.

    What a patient reads is written by ``bot.content.dates.time_words``, in their language.
    """
    return moment.strftime("%H:%M")


PRESET_TIMES = (time(8, 0), time(12, 0), time(18, 0))
