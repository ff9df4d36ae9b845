"""Understanding the reminder time a patient types: ``7:30``, ``19h30``, ``7.30pm``, ``7 am``,
and in words: "half past seven", "quarter to eight", "noon", "midi", "7 h et demie",
"8 h moins le quart", "seven thirty pm"."""

from __future__ import annotations

import re
import unicodedata
from datetime import time

_PATTERN = re.compile(
    r"""^\s*
    (?P<hour>\d{1,2})
    (?:\s*[:h.]\s*(?P<minute>\d{2})?)?     # 7:30, 19h30, 7.30, 19h, 19 h 30
    \s*(?P<half>[ap])?\.?\s*m?\.?          # am / pm / a.m.
    \s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_NUMBERS = {
    **{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7},
    **{"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12},
    **{"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7},
    **{"huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12},
    **{"thirteen": 13, "fourteen": 14, "sixteen": 16, "seventeen": 17, "eighteen": 18},
    **{"nineteen": 19, "treize": 13, "quatorze": 14, "seize": 16},
    **{"fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50},
    **{"quinze": 15, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50},
    **{"forty five": 45, "quarante cinq": 45},
}
_NAMED = {"noon": 12, "midday": 12, "midi": 12, "midnight": 0, "minuit": 0}
_PM = ("pm", "in the evening", "in the afternoon", "at night", "du soir", "de l apres midi")
_AM = ("am", "in the morning", "du matin")
_PAST = {"quarter past": 15, "half past": 30, "a quarter past": 15}
_TO = {"quarter to": 45, "a quarter to": 45, "quarter of": 45}
_FR_AFTER = {
    **{"et quart": 15, "et demie": 30, "et demi": 30},
    **{"moins le quart": -15, "moins quart": -15},
}
_FILLER = ("at ", "a ", "around ", "about ", "vers ", "autour de ")


def parse_reminder_time(typed: str) -> time | None:
    """The time of day a patient meant, or ``None`` when it is not a clear time."""
    match = _PATTERN.match(typed)
    if match:
        return _clock(int(match["hour"]), int(match["minute"] or 0), match["half"])
    return _in_words(typed)


def _clock(hour: int, minute: int, half: str | None) -> time | None:
    half = (half or "").lower()[:1]
    if minute > 59:
        return None
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    elif hour > 23:
        return None
    return time(hour, minute)


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"\b([ap])\.\s?m\.?", r"\1m", text)
    text = re.sub(r"(\d)\s*([ap]m)\b", r"\1 \2", text)
    text = re.sub(r"(\d)\s*h\b", r"\1 h", text)
    text = re.sub(r"\bheures?\b", "h", text)
    text = re.sub(r"\bo['\u2019 ]?\s?clock\b", "", text)
    return " ".join(re.sub(r"[^\w:]+", " ", text).split())


def _hour_word(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    if word in _NAMED:
        return _NAMED[word]
    value = _NUMBERS.get(word)
    return value if value is not None and value <= 12 else None


def _minute_words(words: str) -> int | None:
    if words.isdigit() and len(words) == 2:
        return int(words)
    if words in _NUMBERS:
        return _NUMBERS[words]
    if words.startswith(("oh ", "o ")):  # "seven oh five"
        tail = words.split(" ", 1)[1]
        return _NUMBERS[tail] if tail in _NUMBERS and _NUMBERS[tail] < 10 else None
    head, _, tail = words.partition(" ")
    if head in _NUMBERS and _NUMBERS[head] >= 20 and tail in _NUMBERS and _NUMBERS[tail] < 10:
        return _NUMBERS[head] + _NUMBERS[tail]
    return None


def _in_words(typed: str) -> time | None:
    """A time written in words, English or French; ``None`` when it is not clear."""
    text = _plain(typed)
    for filler in _FILLER:
        if text.startswith(filler):
            text = text[len(filler) :]
    half: str | None = None
    for marks, mark in ((_PM, "p"), (_AM, "a")):
        for word in marks:
            if text.endswith(" " + word):
                text, half = text[: -len(word) - 1], mark
    text = text.strip()
    if not text:
        return None
    hour: int | None
    if text in _NAMED:  # "noon", "midi", "minuit"
        return time(_NAMED[text], 0) if half is None else None
    for words, minute in _PAST.items():
        if text.startswith(words + " "):
            hour = _hour_word(text[len(words) + 1 :])
            return None if hour is None else _named_or_clock(hour, minute, half, text)
    for words, minute in _TO.items():
        if text.startswith(words + " "):
            hour = _hour_word(text[len(words) + 1 :])
            return None if hour is None else _before(hour, 60 - minute, half, text)
    for words, minute in _FR_AFTER.items():
        if text.endswith(" " + words):
            head = text[: -len(words) - 1].removesuffix(" h").strip()
            hour = _hour_word(head)
            if hour is None:
                return None
            if minute < 0:
                return _before(hour, -minute, half, head)
            return _named_or_clock(hour, minute, half, head)
    parts = text.split(" ", 1)
    hour = _hour_word(parts[0])
    if hour is None:
        return None
    rest = parts[1].removeprefix("h").strip() if len(parts) > 1 else ""
    if not rest:
        return _named_or_clock(hour, 0, half, text)
    minute_ = _minute_words(rest)
    return None if minute_ is None else _named_or_clock(hour, minute_, half, text)


def _before(hour: int, minutes: int, half: str | None, text: str) -> time | None:
    """``minutes`` before the hour ("quarter to eight", "8 h moins le quart")."""
    base = _named_or_clock(hour, 0, half, text)
    if base is None:
        return None
    total = (base.hour * 60 - minutes) % (24 * 60)
    return time(total // 60, total % 60)


def _named_or_clock(hour: int, minute: int, half: str | None, text: str) -> time | None:
    words = text.split()
    if any(word in _NAMED for word in words):
        return time(hour, minute) if half is None else None
    return _clock(hour, minute, half)


def format_time(moment: time) -> str:
    """A time as button data carries it: 24-hour ``HH:MM``.

    What a patient reads is written by ``bot.content.dates.time_words``, in their language.
    """
    return moment.strftime("%H:%M")


PRESET_TIMES = (time(8, 0), time(12, 0), time(18, 0))
