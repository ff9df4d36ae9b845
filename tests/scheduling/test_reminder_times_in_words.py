"""A reminder time typed in words or in any usual clock form reads as that time: every time
of day, written each way people write it, parses back to itself (issue 11, item 6)."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.rules.reminder_time import parse_reminder_time

_WORDS = ["twelve", "one", "two", "three", "four", "five", "six", "seven", "eight"]
_WORDS += ["nine", "ten", "eleven", "twelve"]
_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = {
    10: "ten",
    11: "eleven",
    12: "twelve",
    13: "thirteen",
    14: "fourteen",
    15: "fifteen",
    16: "sixteen",
    17: "seventeen",
    18: "eighteen",
    19: "nineteen",
}
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty"}
times_of_day = st.builds(time, st.integers(0, 23), st.integers(0, 59))


def _half(hour: int) -> str:
    return "am" if hour < 12 else "pm"


def _twelve(hour: int) -> int:
    return hour % 12 or 12


def _minute_words(minute: int) -> str:
    if minute < 10:
        return f"oh {_UNITS[minute]}"
    if minute < 20:
        return _TEENS[minute]
    tens, units = divmod(minute, 10)
    return f"{_TENS[tens]} {_UNITS[units]}".strip()


def _forms(moment: time) -> list[str]:
    """The time as people write it: 24-hour, French, 12-hour, and in English words."""
    h, m = moment.hour, moment.minute
    h12, half = _twelve(h), _half(h)
    forms = [
        f"{h:02d}:{m:02d}",
        f"{h} h {m:02d}",
        f"{h}h{m:02d}",
        f"{h12}:{m:02d} {half}",
        f"{h12}:{m:02d}{half}",
        f"{h12}.{m:02d} {half[0]}.m.",
        f"{_WORDS[h12]} {_minute_words(m)} {half}" if m else f"{_WORDS[h12]} o'clock {half}",
    ]
    if m == 0:
        forms += [f"{h12} {half}", f"{h} h", f"{h} heures"]
    return forms


def _quarter_forms(moment: time) -> list[str]:
    """The quarter-hour forms, in English and French, for :15, :30 and :45."""
    h, m = moment.hour, moment.minute
    name = {0: ("midnight", "minuit"), 12: ("noon", "midi")}
    nxt = (h + 1) % 24

    def word(hour: int) -> str:
        return name[hour][0] if hour in name else f"{_WORDS[_twelve(hour)]} {_half(hour)}"

    def mot(hour: int) -> str:
        return name[hour][1] if hour in name else f"{hour} h"

    if m == 15:
        return [f"quarter past {word(h)}", f"{mot(h)} et quart"]
    if m == 30:
        return [f"half past {word(h)}", f"{mot(h)} et demie"]
    if m == 45:
        return [f"quarter to {word(nxt)}", f"{mot(nxt)} moins le quart"]
    return []


@given(times_of_day)
def test_every_time_of_day_written_each_usual_way_reads_back_as_itself(moment: time) -> None:
    for typed in _forms(moment):
        assert parse_reminder_time(typed) == moment, typed


@given(st.builds(time, st.integers(0, 23), st.sampled_from([15, 30, 45])))
def test_every_quarter_hour_said_in_words_reads_back_as_itself(moment: time) -> None:
    for typed in _quarter_forms(moment):
        assert parse_reminder_time(typed) == moment, typed


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("half past seven", time(7, 30)),
        ("7:30 pm", time(19, 30)),
        ("19 h 30", time(19, 30)),
        ("midi", time(12, 0)),
        ("noon", time(12, 0)),
        ("Minuit", time(0, 0)),
        ("quarter to eight", time(7, 45)),
        ("a quarter to eight in the evening", time(19, 45)),
        ("8 h moins le quart", time(7, 45)),
        ("midi et demi", time(12, 30)),
        ("7 h 30 du soir", time(19, 30)),
        ("à 19 h", time(19, 0)),
        ("seven thirty pm", time(19, 30)),
        ("sept heures", time(7, 0)),
    ],
)
def test_the_times_patients_type_in_words_are_understood(typed: str, meant: time) -> None:
    assert parse_reminder_time(typed) == meant


@pytest.mark.parametrize(
    "typed", ["soon", "noon pm", "quarter to", "half past thirteen", "tomorrow", "half past"]
)
def test_words_that_are_no_clear_time_are_refused(typed: str) -> None:
    assert parse_reminder_time(typed) is None
