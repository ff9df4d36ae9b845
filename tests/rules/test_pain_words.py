"""A pain score typed in figures or words on the 0-10 question is that score; a number off the
scale, or two numbers, is said to be so, never guessed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.rules.pain_words import PainReading, pain_reading

EN = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
FR = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"]


@pytest.mark.parametrize(
    ("typed", "score"),
    [
        ("three", 3),
        ("trois", 3),
        ("3/10", 3),
        ("about a 4", 4),
        ("environ 4", 4),
        ("pas de douleur", 0),
        ("no pain", 0),
        ("7 sur 10", 7),
        ("je dirais un 5", 5),
    ],
)
def test_a_score_in_words_or_figures_is_taken(typed: str, score: int) -> None:
    assert pain_reading(typed) == PainReading(score=score)


@pytest.mark.parametrize("typed", ["11", "15/10", "-1", "douze", "twenty"])
def test_a_number_off_the_scale_is_out_of_range(typed: str) -> None:
    assert pain_reading(typed) == PainReading(out_of_range=True)


@pytest.mark.parametrize("typed", ["3 or 4", "3-4", "entre 3 et 4", "3 ou 4"])
def test_two_scores_are_ambiguous(typed: str) -> None:
    assert pain_reading(typed) == PainReading(ambiguous=True)


@pytest.mark.parametrize("typed", ["it hurts a lot", "I fell", "pas mal", ""])
def test_a_message_is_no_reading(typed: str) -> None:
    assert pain_reading(typed) is None


@given(
    st.integers(0, 10), st.sampled_from(["{n}", "{n}/10", "about {n}", "environ {n}", "{w}", "{f}"])
)
def test_every_score_written_each_way_reads_back(score: int, form: str) -> None:
    typed = form.format(n=score, w=EN[score], f=FR[score])
    assert pain_reading(typed) == PainReading(score=score)


@given(st.integers(11, 999))
def test_every_figure_above_ten_is_out_of_range(score: int) -> None:
    assert pain_reading(str(score)) == PainReading(out_of_range=True)
