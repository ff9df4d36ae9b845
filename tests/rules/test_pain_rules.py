"""Pain after a session raises an URGENT alert at the clinic's threshold (8 by default)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.rules.levels import AlertLevel
from bot.rules.pain import pain_alert_level


def test_pain_of_8_or_more_is_an_urgent_alert() -> None:
    assert pain_alert_level(8, alert_urgent_at=8) is AlertLevel.URGENT
    assert pain_alert_level(10, alert_urgent_at=8) is AlertLevel.URGENT


def test_pain_below_the_threshold_raises_no_alert() -> None:
    assert pain_alert_level(7, alert_urgent_at=8) is None
    assert pain_alert_level(0, alert_urgent_at=8) is None


@given(st.integers(0, 10), st.integers(0, 10))
def test_the_alert_follows_the_clinic_threshold(pain: int, threshold: int) -> None:
    assert (pain_alert_level(pain, threshold) is not None) == (pain >= threshold)


@pytest.mark.parametrize("pain", [-1, 11])
def test_scores_outside_0_to_10_are_refused(pain: int) -> None:
    with pytest.raises(ValueError, match="0-10"):
        pain_alert_level(pain, 8)
