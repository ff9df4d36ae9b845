"""A command typed without its slash is that command: case, accents and a small typo
forgiven, but one real word is never taken for another."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.content import load_content
from bot.rules.command_words import command_meant, real_words_of

WORDS = load_content().command_words
VOCABULARY, REAL = WORDS.commands, real_words_of(WORDS.real_words)


def meant(text: str) -> str | None:
    return command_meant(text, VOCABULARY, REAL)


@pytest.mark.parametrize(
    ("typed", "command"),
    [
        ("today", "today"),
        ("Aujourd'hui", "today"),
        ("aujourdhui", "today"),
        ("TODAY!", "today"),
        ("tody", "today"),
        ("help", "help"),
        ("Aide", "help"),
        ("hepl", "help"),
        ("stop", "stop"),
        ("Arrêter", "stop"),
        ("warning", "warning"),
        ("signe", "warning"),
        ("signe d'alerte", "warning"),
        ("warnign", "warning"),
        ("paramètres", "settings"),
        ("mes données", "mydata"),
        ("reprendre", "resume"),
    ],
)
def test_a_command_typed_as_words_is_that_command(typed: str, command: str) -> None:
    assert meant(typed) == command


@pytest.mark.parametrize(
    "typed",
    ["step", "held", "hello", "aider", "singe", "pose", "helo", "i fell on the stairs", "7", ""],
)
def test_a_real_word_or_a_message_is_never_taken_for_a_command(typed: str) -> None:
    assert meant(typed) is None


@given(st.sampled_from(sorted(REAL)))
def test_no_real_word_of_the_vocabulary_is_read_as_a_command(word: str) -> None:
    assert meant(word) is None


@given(
    st.sampled_from(
        [
            (phrase, command)
            for command, langs in VOCABULARY.items()
            for ps in langs.values()
            for phrase in ps
        ]
    )
)
def test_every_phrase_of_the_vocabulary_in_capitals_means_its_own_command(
    pair: tuple[str, str],
) -> None:
    phrase, command = pair
    assert meant(phrase.upper()) == command
