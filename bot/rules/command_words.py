"""Which command a text typed without its slash means: "today", "aujourd'hui", "aide",
"Stop", "signe d'alerte", "tody". Pure: the text and the vocabulary (content/rules/
command_words.yaml) in, the command's name out.

1. the whole text is one of a command's phrases, with case, accents, emoji and punctuation
   forgiven ("Aujourd'hui!" is "aujourd hui");
2. else a small typo in a text of four letters or more (rapidfuzz's OSA distance: one
   letter wrong, missing, extra or two swapped; two in a phrase of eight letters or more),
   when it is near one command only, when the text is not itself a real word (a word of a
   command, or one of the vocabulary's real words: "step" is never "stop", "held" never
   "help", "aider" never "aide"), and when it is not as near a real word ("helo" may be
   "hello").

Anything longer or less clear is no command: a message for the care team stays one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rapidfuzz.distance import OSA

from bot.rules.typed_answers import plain

SHORTEST_TYPO = 4  # letters: a shorter text must be exact
LONG_PHRASE = 8  # letters: from here two typos are forgiven, below one
MOST_WORDS = 4

Vocabulary = Mapping[str, Mapping[str, Sequence[str]]]  # command -> language -> phrases


def command_meant(text: str, vocabulary: Vocabulary, real_words: Iterable[str] = ()) -> str | None:
    """The command ``text`` clearly means, else ``None``."""
    typed = plain(text).lstrip("/")
    if not typed or len(typed.split()) > MOST_WORDS:
        return None
    phrases = {
        plain(phrase): command
        for command, languages in vocabulary.items()
        for words in languages.values()
        for phrase in words
    }
    exact = phrases.get(typed)
    if exact is not None:
        return exact
    if len(typed.replace(" ", "")) < SHORTEST_TYPO or any(c.isdigit() for c in typed):
        return None
    known = {plain(word) for word in real_words} | {w for p in phrases for w in p.split()}
    if all(word in known for word in typed.split()):
        return None  # real words, each itself: no typo to forgive
    near = {
        command
        for phrase, command in phrases.items()
        if len(phrase) >= SHORTEST_TYPO and _one_typo(typed, phrase)
    }
    if len(near) != 1 or any(_one_typo(typed, word) for word in known - set(phrases)):
        return None  # near two commands, or near a real word as well: not clear
    return next(iter(near))


def _one_typo(typed: str, phrase: str) -> bool:
    """A small typo: one letter wrong, missing, extra or two swapped (two in a long phrase)."""
    most = 2 if len(phrase) >= LONG_PHRASE else 1
    return OSA.distance(typed, phrase, score_cutoff=most) <= most


def real_words_of(groups: Iterable[Iterable[str]]) -> frozenset[str]:
    """The vocabulary's real words, flat."""
    return frozenset(word for group in groups for word in group)
