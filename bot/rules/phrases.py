"""Finding a clinic's phrases in what a patient typed, forgiving accents, case and typos.

A phrase is plain data a clinic can read and edit (``content/rules/warning_signs.yaml``):

- words separated by spaces: ``chest pain``; accents and case never matter;
- ``word*`` is any word that starts with ``word``: ``breath*`` (breathe, breathing, ...);
- ``(a|b c|d)`` is one of several words or groups of words; an empty choice makes it
  optional: ``(my|)``;
- ``..`` allows up to three other words in between: ``pain .. chest``.

A plain word also matches with an ``s``, ``e`` or ``es`` added (plural, French feminine),
and a word of six letters or more also matches with one typo (a letter wrong, missing,
extra, or two swapped), as long as the first letter is right. A phrase never spans a
clause: text is cut at punctuation and at words such as "but" or "mais".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

GAP_WORDS = 3
TYPO_MIN_LENGTH = 6
_CONTRACTION = re.compile(r"n['\u2019`]t\b")  # can't -> cant, didn't -> didnt
_TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[a-z]+|[.!?;:,\n]")
_PUNCTUATION = frozenset(".!?;:,\n")


def fold(text: str) -> str:
    """Lower case, with accents and ligatures removed: ``Évanouie`` -> ``evanouie``."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Words:
    """A text cut into folded words, each with the number of the clause it sits in."""

    tokens: tuple[str, ...]
    clauses: tuple[int, ...]


def words(text: str, clause_breaks: Iterable[str] = ()) -> Words:
    """The folded words of ``text``; punctuation and ``clause_breaks`` words start a clause."""
    breaks = frozenset(clause_breaks)
    folded = _CONTRACTION.sub("nt", fold(text))
    tokens: list[str] = []
    clauses: list[int] = []
    clause = 0
    for token in _TOKEN.findall(folded):
        if token in _PUNCTUATION or token in breaks:
            clause += 1
            continue
        tokens.append(token)
        clauses.append(clause)
    return Words(tuple(tokens), tuple(clauses))


@dataclass(frozen=True)
class Choice:
    """One slot of a phrase: any of ``options``, each one or more words (``stem*``: prefix).

    An empty option makes the slot optional.
    """

    options: tuple[tuple[str, ...], ...]

    def lengths_at(self, found: Words, at: int, clause: int) -> list[int]:
        """How many words each option that fits at ``at`` would take, in the file's order."""
        fitting = []
        for option in self.options:
            end = at + len(option)
            if end > len(found.tokens) or any(c != clause for c in found.clauses[at:end]):
                continue
            if all(_word_matches(t, w) for t, w in zip(found.tokens[at:end], option, strict=True)):
                fitting.append(len(option))
        return fitting


@dataclass(frozen=True)
class Gap:
    """Up to ``most`` other words."""

    most: int = GAP_WORDS


Slot = Choice | Gap


@dataclass(frozen=True)
class Phrase:
    """A compiled phrase; ``text`` is what the clinic wrote."""

    text: str
    slots: tuple[Slot, ...]

    def find(self, found: Words) -> list[tuple[int, int]]:
        """Every (start, end) span of ``found`` where the phrase occurs within one clause."""
        spans = []
        for start in range(len(found.tokens)):
            end = self._match(found, start, 0, found.clauses[start])
            if end is not None:
                spans.append((start, end))
        return spans

    def _match(self, found: Words, at: int, slot_index: int, clause: int) -> int | None:
        if slot_index == len(self.slots):
            return at
        slot = self.slots[slot_index]
        if isinstance(slot, Gap):
            for skip in range(slot.most + 1):
                if skip and (
                    at + skip > len(found.tokens) or found.clauses[at + skip - 1] != clause
                ):
                    break
                end = self._match(found, at + skip, slot_index + 1, clause)
                if end is not None:
                    return end
            return None
        for length in slot.lengths_at(found, at, clause):
            end = self._match(found, at + length, slot_index + 1, clause)
            if end is not None:
                return end
        return None


def compile_phrase(text: str) -> Phrase:
    """Compile one phrase of the mini-language above; a malformed phrase is a ``ValueError``."""
    plain = re.sub(r"['\u2019`\-]", " ", _CONTRACTION.sub("nt", fold(text)))
    slots: list[Slot] = []
    for group, word in _PART.findall(plain):
        if word == "..":
            slots.append(Gap())
        elif group:
            options = tuple(_words_of(option, text) for option in group[1:-1].split("|"))
            slots.append(Choice(options))
        else:
            slots.append(Choice((_words_of(word, text),)))
    leftover = _PART.sub("", plain).strip()
    if leftover:
        raise ValueError(f"phrase {text!r}: cannot read {leftover!r}")
    if not any(isinstance(slot, Choice) and () not in slot.options for slot in slots):
        raise ValueError(f"phrase {text!r} has no required word")
    if isinstance(slots[0], Gap) or isinstance(slots[-1], Gap):
        raise ValueError(f"phrase {text!r} cannot start or end with '..'")
    return Phrase(text, tuple(slots))


def compile_phrases(texts: Sequence[str]) -> tuple[Phrase, ...]:
    return tuple(compile_phrase(text) for text in texts)


_PART = re.compile(r"(\([^()]*\))|([^\s()]+)")


def _words_of(option: str, phrase: str) -> tuple[str, ...]:
    found = tuple(option.split())
    for word in found:
        if not re.fullmatch(r"[a-z0-9.,]+\*?", word):
            raise ValueError(f"phrase {phrase!r}: {word!r} is not a word, stem* or (a|b) choice")
    return found


def _word_matches(token: str, option: str) -> bool:
    if option.endswith("*"):
        stem = option[:-1]
        if token.startswith(stem):
            return True
        if len(stem) < TYPO_MIN_LENGTH or token[:1] != stem[:1]:
            return False
        return any(
            _one_edit_apart(token[:n], stem) for n in (len(stem) - 1, len(stem), len(stem) + 1)
        )
    if token in (option, option + "s", option + "e", option + "es"):
        return True
    return (
        len(option) >= TYPO_MIN_LENGTH
        and token[:1] == option[:1]
        and _one_edit_apart(token, option)
    )


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by at most one typo: a change, an insert or a swap."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        i = diffs[0]
        return len(diffs) == 2 and diffs[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]
