"""Invite codes are easy to read aloud, forgiving to type, and stored only as a hash."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.rules.invite_codes import (
    ALPHABET,
    CODE_LENGTH,
    code_hash,
    deep_link,
    looks_like_code,
    new_code,
)

AMBIGUOUS = set("0O1IL")


def test_a_new_code_has_ten_unambiguous_characters_in_two_groups() -> None:
    code = new_code()
    groups = code.split("-")
    assert [len(g) for g in groups] == [5, 5]
    assert not AMBIGUOUS & set(code)
    assert looks_like_code(code)


def test_the_alphabet_has_no_characters_people_confuse() -> None:
    assert not AMBIGUOUS & set(ALPHABET)


def test_codes_are_not_repeated_in_practice() -> None:
    assert len({new_code() for _ in range(2000)}) == 2000


@given(st.text(alphabet=ALPHABET, min_size=CODE_LENGTH, max_size=CODE_LENGTH))
def test_lower_case_and_spaces_still_find_the_same_code(raw: str) -> None:
    typed = " ".join(raw.lower()[i : i + 3] for i in range(0, CODE_LENGTH, 3))
    assert code_hash(typed) == code_hash(raw)
    assert looks_like_code(typed)


@given(st.text(alphabet=ALPHABET, min_size=CODE_LENGTH, max_size=CODE_LENGTH))
def test_the_hash_never_contains_the_code(raw: str) -> None:
    digest = code_hash(raw)
    assert raw not in digest.upper()
    assert len(digest) == 64


def test_text_that_is_not_a_code_is_recognised() -> None:
    assert not looks_like_code("hello")
    assert not looks_like_code("OOOOO-IIIII")  # right length, wrong characters
    assert not looks_like_code("")


def test_the_deep_link_carries_the_code_without_the_dash() -> None:
    assert deep_link("rehab_bot", "K7MXQ-P4RT9") == "https://t.me/rehab_bot?start=K7MXQP4RT9"
