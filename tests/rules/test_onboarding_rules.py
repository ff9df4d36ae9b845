"""Pure onboarding rules: the lockout, the readiness check and when a pause ends."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.rules.lockout import locked_until
from bot.rules.pause_end import parse_pause_end
from bot.rules.readiness import may_exercise, needs_clearance, valid_until

T0 = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
FIFTEEN = timedelta(minutes=15)


def _attempts(outcomes: str) -> list[tuple[datetime, str]]:
    names = {"x": "unknown", "o": "ok", "e": "expired"}
    return [(T0 + timedelta(seconds=i), names[c]) for i, c in enumerate(outcomes)]


def test_five_failures_in_a_row_lock_for_fifteen_minutes() -> None:
    until = locked_until(_attempts("xxxxx"), max_failures=5, lockout=FIFTEEN)
    assert until == T0 + timedelta(seconds=4) + FIFTEEN


def test_a_success_resets_the_count() -> None:
    assert locked_until(_attempts("xxxxoxxxx"), max_failures=5, lockout=FIFTEEN) is None


def test_after_a_lockout_a_person_gets_a_fresh_set_of_tries() -> None:
    before = _attempts("xxxxx")
    later = [(T0 + FIFTEEN + timedelta(minutes=1, seconds=i), "unknown") for i in range(4)]
    assert locked_until(before + later, max_failures=5, lockout=FIFTEEN) is None


@given(st.text(alphabet="xoe", max_size=30), st.integers(1, 8))
def test_no_lockout_without_enough_failures_since_the_last_success(
    outcomes: str, limit: int
) -> None:
    tail = outcomes.rsplit("o", 1)[-1]
    until = locked_until(_attempts(outcomes), max_failures=limit, lockout=FIFTEEN)
    if len(tail) < limit:
        assert until is None


def test_any_yes_needs_a_clinician_and_all_no_does_not() -> None:
    assert needs_clearance("nnnnnny")
    assert not needs_clearance("nnnnnnn")


def test_a_clearance_lasts_twelve_months() -> None:
    until = valid_until(T0)
    assert may_exercise(
        completed=True, needs_clinician=True, decision="cleared", until=until, now=T0
    )
    late = until + timedelta(seconds=1)
    assert not may_exercise(
        completed=True, needs_clinician=True, decision="cleared", until=until, now=late
    )


def test_a_hold_without_a_decision_blocks_the_programme() -> None:
    assert not may_exercise(
        completed=True, needs_clinician=True, decision="on_hold", until=None, now=T0
    )
    assert not may_exercise(
        completed=False, needs_clinician=False, decision=None, until=None, now=T0
    )


TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("typed", "first_day_back"),
    [
        ("2026-12-24", date(2026, 12, 24)),
        ("24/12", date(2026, 12, 24)),
        ("5 days", date(2026, 12, 5)),
        ("5 jours", date(2026, 12, 5)),
        ("3", date(2026, 12, 3)),
        ("15/01", date(2027, 1, 15)),
    ],
)
def test_a_pause_end_can_be_written_in_several_ways(typed: str, first_day_back: date) -> None:
    assert parse_pause_end(typed, TODAY) == first_day_back


@pytest.mark.parametrize("typed", ["yesterday", "2026-11-29", "31/02", "0 days", "500 days", ""])
def test_a_pause_end_in_the_past_or_unclear_is_refused(typed: str) -> None:
    assert parse_pause_end(typed, TODAY) is None
