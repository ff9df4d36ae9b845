"""Why a typed pause end is refused, so the patient is told what to change."""

from __future__ import annotations

from datetime import date

import pytest

from bot.rules.pause_end import parse_pause_end, pause_end_problem

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize("typed", ["tomorrow", "Demain "])
def test_tomorrow_in_either_language_is_the_next_day(typed: str) -> None:
    assert parse_pause_end(typed, TODAY) == date(2026, 12, 2)


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("2020-01-01", "past"),
        ("2026-12-01", "past"),
        ("0 days", "past"),
        ("2028-01-01", "too_far"),
        ("400 days", "too_far"),
        ("next week-ish", "unclear"),
        ("31/02", "unclear"),
    ],
)
def test_a_refused_pause_end_says_why(typed: str, problem: str) -> None:
    assert parse_pause_end(typed, TODAY) is None
    assert pause_end_problem(typed, TODAY) == problem
