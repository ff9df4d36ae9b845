"""Normalisation, the first layer of triage: what a patient typed, as plain folded words.

Every later layer (the clinic's phrases, the classifier) reads this output, so each one sees
the same text whatever the spelling:

- case, accents and ligatures are folded: ``Évanouie`` -> ``evanouie``;
- emoji and other symbols are dropped (they end a clause, like punctuation);
- a letter typed three times or more is kept once or twice: ``soooo`` -> ``so``;
- SMS and Québec forms become standard words, from ``content/rules/normalisation.yaml``:
  ``jpeux`` -> ``je peux``, ``pu`` -> ``plus``, ``u`` -> ``you``;
- a typo close to a word the clinic's rules use is repaired (rapidfuzz), but only when the
  typed word is not itself a real word: the lexicon, built from simplemma's English and
  French dictionaries by ``companion triage train``, protects every dictionary word, so
  ``injection`` never becomes ``infection``.

This module is pure: data in, words out. No clock, no database, no logging of text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import OSA
from rapidfuzz.process import extract

_CONTRACTION = re.compile(r"n['\u2019`]t\b")  # can't -> cant, didn't -> didnt
_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)?|[a-z]+|[.!?;:,\n]")  # ASCII digits only
_REPEATS = re.compile(r"([a-z])\1{2,}")
PUNCTUATION = frozenset(".!?;:,\n")
FUZZY_MIN_LENGTH = 4  # shorter words have too many neighbours to repair safely


_MARKS = re.compile(r"[\u0300-\u036f]")
_JOINERS = re.compile(r"[\u200d\ufe0e\ufe0f]")
_SYMBOLS = re.compile(
    r"[\u2190-\u21ff\u2300-\u23ff\u2460-\u27bf\u2900-\u2bff\U0001f000-\U0001faff]+"
)
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


def fold(text: str) -> str:
    """Lower case, accents and ligatures removed; emoji and symbols become a full stop."""
    text = text.lower()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    text = _JOINERS.sub("", _MARKS.sub("", text))
    return _SYMBOLS.sub(" . ", text)


def max_typos(word: str) -> int:
    """How many edits a repair may make (a swap of two letters is one): none below 4 letters,
    1 up to 7, then 2."""
    if len(word) < FUZZY_MIN_LENGTH:
        return 0
    return 1 if len(word) < 8 else 2


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The words repairs aim at (``targets``) and the real words never repaired (``known``)."""

    targets: frozenset[str] = frozenset()
    known: frozenset[str] = frozenset()
    _by_letter: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False)

    @staticmethod
    def of(targets: Iterable[str], known: Iterable[str]) -> Lexicon:
        aims = frozenset(t for t in targets if t.isalpha())
        by_letter: dict[str, list[str]] = {}
        for word in sorted(aims):
            by_letter.setdefault(word[0], []).append(word)
        return Lexicon(aims, frozenset(known), {k: tuple(v) for k, v in by_letter.items()})

    def repair(self, word: str) -> str:
        """The target ``word`` was meant to be, or ``word`` itself when it is a real word."""
        if word in self.targets or word in self.known or not word.isalpha():
            return word
        limit = max_typos(word)
        if not limit:
            return word
        swapped = word[1] + word[0] + word[2:]  # the first two letters swapped: "hcest"
        if swapped in self.targets:
            return swapped
        candidates = self._by_letter.get(word[0], ())
        found = extract(word, candidates, scorer=OSA.distance, score_cutoff=limit, limit=20)
        if not found:
            return word
        # The closest; then the one sharing the longest start with what was typed ("arive" is
        # "arrive" rather than "alive"); then alphabetical, so the choice never varies.
        best = min(found, key=lambda f: (f[1], -_shared_start(word, str(f[0])), str(f[0])))
        return str(best[0]) if max_typos(str(best[0])) else word


def _shared_start(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


@dataclass(frozen=True, eq=False)
class Normaliser:
    """The normalisation layer: SMS forms per language, and the lexicon for repairs."""

    forms: Mapping[str, tuple[str, ...]]  # typed word -> standard words ("jpeux": je, peux)
    lexicon: Lexicon = Lexicon()
    except_after: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def tokens(self, text: str) -> tuple[str, ...]:
        """The normalised words and punctuation of ``text``, in order."""
        return _tokens(self, text)

    def text(self, text: str) -> str:
        """The normalised text: words separated by single spaces."""
        return " ".join(self.tokens(text))

    def word(self, token: str) -> tuple[str, ...]:
        """One typed word, normalised (it may become several words, or stay as it is)."""
        return _word(self, token)


def _tokens(normaliser: Normaliser, text: str) -> tuple[str, ...]:
    folded = _CONTRACTION.sub("nt", fold(text))
    out: list[str] = []
    for token in _TOKEN.findall(folded):
        if token in PUNCTUATION:
            out.append(token)
        elif out and out[-1] in normaliser.except_after.get(token, ()):
            out.append(token)  # "ai pu": the past participle, not the Québec "plus"
        else:
            out += normaliser.word(token)
    return tuple(out)


@lru_cache(maxsize=65536)
def _word(normaliser: Normaliser, token: str) -> tuple[str, ...]:
    if token in normaliser.forms:
        return normaliser.forms[token]
    if _REPEATS.search(token):
        twice = _REPEATS.sub(r"\1\1", token)
        once = _REPEATS.sub(r"\1", token)
        for candidate in (twice, once):
            if candidate in normaliser.forms:
                return normaliser.forms[candidate]
            if candidate in normaliser.lexicon.targets or candidate in normaliser.lexicon.known:
                return (candidate,)
        token = once if len(once) <= 3 else twice  # "sooo" is "so"; "asleeep" is "asleep"
    return (normaliser.lexicon.repair(token),)


def forms_from_data(data: Mapping[str, Mapping[str, object]]) -> dict[str, tuple[str, ...]]:
    """``{lang: {typed: standard}}`` from the YAML file, as one map of folded words."""
    forms: dict[str, tuple[str, ...]] = {}
    for section, mapping in data.items():
        if section == "except_after":
            continue
        for typed, standard in mapping.items():
            key = fold(str(typed)).strip()
            if not re.fullmatch(r"[a-z0-9]+", key):
                raise ValueError(f"normalisation form {typed!r} must be one word")
            forms[key] = tuple(_TOKEN.findall(_CONTRACTION.sub("nt", fold(str(standard)))))
    return forms


NO_NORMALISATION = Normaliser(forms={})


def except_after_from_data(data: Mapping[str, Mapping[str, object]]) -> dict[str, frozenset[str]]:
    """The ``except_after`` section: form -> the words after which it is left as typed."""
    section = data.get("except_after") or {}
    return {
        fold(str(form)): frozenset(fold(str(w)) for w in words)  # type: ignore[attr-defined]
        for form, words in section.items()
    }
