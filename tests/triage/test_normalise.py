"""Normalisation, the first layer of triage: folded words, SMS forms, safe typo repair."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.content import DEFAULT_CONTENT_DIR
from bot.content.warning_signs import LEXICON_FILE, load_warning_signs
from bot.rules.normalise import PUNCTUATION, Lexicon, Normaliser, fold

RULES = load_warning_signs(DEFAULT_CONTENT_DIR)
NORMALISER = RULES.normaliser
STORED = json.loads((DEFAULT_CONTENT_DIR / LEXICON_FILE).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("Évanouie", "evanouie"),
        ("CŒUR", "coeur"),
        ("I can\u2019t", "i cant"),
        ("soooo dizzy", "so dizzy"),
        ("painnnn", "pain"),
        ("jpeux", "je peux"),
        ("chu tanné", "je suis tanne"),
        ("pis", "et"),
        ("u r", "you are"),
        ("idk", "i dont know"),
    ],
)
def test_case_accents_repeats_and_sms_forms_become_standard_words(
    typed: str, normalised: str
) -> None:
    assert NORMALISER.text(typed) == normalised


def test_emoji_and_symbols_end_a_clause_and_leave_no_word() -> None:
    assert NORMALISER.tokens("chest 😵\u200d💫 tight ❤️") == ("chest", ".", "tight", ".")


def test_the_quebec_pu_is_plus_but_not_after_avoir() -> None:
    assert NORMALISER.text("je peux pu") == "je peux plus"
    assert NORMALISER.text("j'ai pu marcher") == "j ai pu marcher"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("breathng", "breathing"),
        ("fevr", "fever"),
        ("unconcious", "unconscious"),
        ("hcest", "chest"),  # the first two letters swapped
        ("evanuie", "evanouie"),
    ],
)
def test_a_typo_near_a_word_of_the_rules_is_repaired(typed: str, meant: str) -> None:
    assert NORMALISER.text(typed) == meant


@pytest.mark.parametrize(
    "word", ["injection", "infusion", "fell", "feel", "stroke", "chat", "plus", "sore"]
)
def test_a_real_dictionary_word_is_never_turned_into_another(word: str) -> None:
    assert NORMALISER.text(word) == word


def test_injection_is_not_read_as_an_infection() -> None:
    assert "injection" in STORED["known"]
    found = RULES.normaliser.text("the injection spot is a bit sore")
    assert "infection" not in found


def test_the_lexicon_is_sorted_so_training_writes_the_same_file_each_time() -> None:
    assert STORED["targets"] == sorted(STORED["targets"])
    assert STORED["known"] == sorted(STORED["known"])
    assert not set(STORED["targets"]) & set(STORED["known"])


def test_a_word_is_only_repaired_towards_a_target_and_never_from_a_known_word() -> None:
    lexicon = Lexicon.of(["infection"], ["injection"])
    assert lexicon.repair("injection") == "injection"
    assert lexicon.repair("infecton") == "infection"
    assert lexicon.repair("inj") == "inj"  # too short to repair safely


WORDS = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzéèàçô '.,!😀"), max_size=60)


@settings(max_examples=200, deadline=None)
@given(WORDS)
def test_normalising_twice_gives_the_same_words(text: str) -> None:
    once = NORMALISER.text(text)
    assert NORMALISER.text(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_plain_lower_case_ascii_words_or_punctuation(text: str) -> None:
    for token in NORMALISER.tokens(text):
        assert token in PUNCTUATION or (token.isascii() and token == token.lower()), token
        assert " " not in token


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(STORED["known"])))
def test_every_protected_word_comes_out_as_it_went_in(word: str) -> None:
    assert NORMALISER.word(word) == (word,) or word in NORMALISER.forms


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="abcdefghij ", max_size=40))
def test_fold_is_the_identity_on_plain_lower_case_ascii(text: str) -> None:
    assert fold(text) == text


def test_without_a_lexicon_nothing_is_guessed() -> None:
    bare = Normaliser(forms={})
    assert bare.text("swolen calff") == "swolen calff"
