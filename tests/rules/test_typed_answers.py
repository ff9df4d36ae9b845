"""Typed answers that clearly mean a button: yes or no, a 0-10 score, a difficulty."""

from __future__ import annotations

import pytest

from bot.rules.typed_answers import typed_difficulty, typed_score, typed_settled, typed_yes_no


@pytest.mark.parametrize(
    "text", ["yes", "Yes!", "y", "yep", "yeah", "oui", "Oui.", "o", "ouais", "OK", "d'accord"]
)
def test_a_clear_yes_in_either_language_is_yes(text: str) -> None:
    assert typed_yes_no(text) is True


@pytest.mark.parametrize(
    "text", ["no", "No.", "n", "nope", "nah", "non", "NON", "nan", "non merci"]
)
def test_a_clear_no_in_either_language_is_no(text: str) -> None:
    assert typed_yes_no(text) is False


@pytest.mark.parametrize("text", ["maybe", "yes and no", "I'm not sure", "no chest pain but", ""])
def test_anything_less_clear_is_left_to_the_buttons(text: str) -> None:
    assert typed_yes_no(text) is None


@pytest.mark.parametrize(
    ("text", "score"),
    [("7", 7), (" 0 ", 0), ("10", 10), ("7/10", 7), ("8 sur 10", 8), ("pain 6", 6)],
)
def test_a_pain_number_from_0_to_10_is_a_score(text: str, score: int) -> None:
    assert typed_score(text) == score


@pytest.mark.parametrize("text", ["11", "-1", "seven", "7 and 8", "77", "my knee 7"])
def test_other_numbers_and_words_are_not_a_score(text: str) -> None:
    assert typed_score(text) is None


@pytest.mark.parametrize(
    ("text", "answer"),
    [("too easy", "easy"), ("facile", "easy"), ("about right", "right"), ("difficile", "hard")],
)
def test_a_clear_difficulty_is_understood(text: str, answer: str) -> None:
    assert typed_difficulty(text) == answer


@pytest.mark.parametrize(
    ("text", "answer"),
    [("Yes", "yes"), ("oui", "yes"), ("a bit", "bit"), ("Un peu", "bit"), ("not yet", "no")],
)
def test_a_clear_answer_to_has_the_pain_settled_is_understood(text: str, answer: str) -> None:
    assert typed_settled(text) == answer


@pytest.mark.parametrize("text", ["my knee is sore", "7", "maybe later"])
def test_other_words_are_not_an_answer_to_has_the_pain_settled(text: str) -> None:
    assert typed_settled(text) is None
