"""The start index only saves work: with it, every phrase finds exactly what it finds when
tried at every position of the text (a phrase whose needed words are absent is skipped)."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.content import DEFAULT_CONTENT_DIR
from bot.content.warning_signs import load_warning_signs
from bot.rules.phrases import Phrase, StartIndex, Words, compile_phrase, phrase_words
from bot.rules.warning_signs import WarningSignRules


@cache
def shipped() -> tuple[WarningSignRules, tuple[Phrase, ...], tuple[str, ...]]:
    rules = load_warning_signs(DEFAULT_CONTENT_DIR)
    phrases = tuple(rules._phrases())
    vocabulary = sorted({w.rstrip("*") for p in phrases for w in phrase_words(p)} | {"and"})
    return rules, phrases, tuple(vocabulary)


@st.composite
def texts(draw: st.DrawFn) -> Words:
    _, _, vocabulary = shipped()
    tokens = draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=40))
    breaks = draw(st.lists(st.booleans(), min_size=len(tokens), max_size=len(tokens)))
    clauses, clause = [], 0
    for cut in breaks:
        clause += cut
        clauses.append(clause)
    return Words(tuple(tokens), tuple(clauses))


@settings(max_examples=150, deadline=None)
@given(found=texts())
def test_phrases_found_through_the_index_are_those_found_at_every_position(found: Words) -> None:
    rules, phrases, _ = shipped()
    at = rules.index.starts(found)
    for phrase in phrases:
        assert phrase.find(found, at.get(id(phrase), ())) == phrase.find(found), phrase.text


def test_a_phrase_whose_second_word_is_absent_is_not_tried() -> None:
    chest_pain = compile_phrase("my (chest|heart) (pain*|hurt*)")
    index = StartIndex([chest_pain])
    assert index.starts(Words(("my", "knee", "my", "chest"), (0, 0, 0, 0))) == {}
    assert index.starts(Words(("my", "chest", "pains"), (0, 0, 0))) == {id(chest_pain): [0]}
