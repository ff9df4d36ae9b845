"""The bot understands the ways people in Ottawa write a time of day."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.rules.reminder_time import format_time, parse_reminder_time


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("7:30", time(7, 30)),
        ("19h30", time(19, 30)),
        ("19h", time(19, 0)),
        ("7.30pm", time(19, 30)),
        ("7.30 p.m.", time(19, 30)),
        ("7 am", time(7, 0)),
        ("12am", time(0, 0)),
        ("12pm", time(12, 0)),
        (" 08:05 ", time(8, 5)),
        ("7", time(7, 0)),
    ],
)
def test_common_ways_of_writing_a_time_are_understood(typed: str, meant: time) -> None:
    assert parse_reminder_time(typed) == meant


@pytest.mark.parametrize("typed", ["24:00", "7:60", "13pm", "0am", "7:3", "soon", "", "7:30:00"])
def test_unclear_times_are_refused_rather_than_guessed(typed: str) -> None:
    assert parse_reminder_time(typed) is None


@given(st.times())
def test_a_time_written_back_by_the_bot_reads_as_the_same_time(moment: time) -> None:
    minute_precision = moment.replace(second=0, microsecond=0)
    assert parse_reminder_time(format_time(minute_precision)) == minute_precision


@given(st.text(max_size=12))
def test_any_text_gives_a_valid_time_or_none(typed: str) -> None:
    result = parse_reminder_time(typed)
    assert result is None or isinstance(result, time)
