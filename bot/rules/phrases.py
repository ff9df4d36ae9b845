"""Finding a clinic's phrases in what a patient typed, forgiving accents, case and typos.

A phrase is plain data a clinic can read and edit (``content/rules/warning_signs.yaml``):

- words separated by spaces: ``chest pain``; accents and case never matter;
- ``word*`` is any word that starts with ``word``: ``breath*`` (breathe, breathing, ...);
- ``(a|b c|d)`` is one of several words or groups of words; an empty choice makes it
  optional: ``(my|)``;
- ``..`` allows up to three other words in between: ``pain .. chest``.

A plain word also matches with an ``s``, ``e`` or ``es`` added (plural, French feminine).
Typos, SMS forms and repeated letters are repaired before matching, by the normalisation
layer (``bot.rules.normalise``), which never turns one real word into another. A phrase
never spans a clause: text is cut at punctuation and at words such as "but" or "mais".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.rules.normalise import NO_NORMALISATION, PUNCTUATION, Normaliser, fold

GAP_WORDS = 3
_CONTRACTION = re.compile(r"n['\u2019`]t\b")  # can't -> cant, didn't -> didnt

__all__ = ["Phrase", "Words", "compile_phrase", "compile_phrases", "fold", "words"]


@dataclass(frozen=True)
class Words:
    """A text cut into folded words, each with the number of the clause it sits in."""

    tokens: tuple[str, ...]
    clauses: tuple[int, ...]


def words(
    text: str, clause_breaks: Iterable[str] = (), normaliser: Normaliser = NO_NORMALISATION
) -> Words:
    """The normalised words of ``text``; punctuation and ``clause_breaks`` start a clause."""
    return words_of_tokens(normaliser.tokens(text), clause_breaks)


def words_of_tokens(normalised: Sequence[str], clause_breaks: Iterable[str] = ()) -> Words:
    """``Words`` from tokens the normaliser gave (words and punctuation)."""
    breaks = frozenset(clause_breaks)
    tokens: list[str] = []
    clauses: list[int] = []
    clause = 0
    for token in normalised:
        if token in PUNCTUATION or token in breaks:
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

    def __post_init__(self) -> None:
        # A fast path for the usual slot, where every option is one word or nothing.
        words = [option[0] for option in self.options if len(option) == 1]
        single = all(len(option) <= 1 for option in self.options)
        exact = frozenset(
            w + end for w in words if not w.endswith("*") for end in ("", "s", "e", "es")
        )
        prefixes = tuple(w[:-1] for w in words if w.endswith("*"))
        empty_first = bool(self.options) and self.options[0] == ()
        object.__setattr__(self, "_fast", (single, exact, prefixes, empty_first))

    def lengths_at(self, found: Words, at: int, clause: int) -> list[int]:
        """How many words each option that fits at ``at`` would take, in the file's order."""
        single, exact, prefixes, empty_first = self._fast  # type: ignore[attr-defined]
        if single:
            fits = (
                at < len(found.tokens)
                and found.clauses[at] == clause
                and (found.tokens[at] in exact or found.tokens[at].startswith(prefixes))
            )
            optional = () in self.options
            if not fits:
                return [0] if optional else []
            if not optional:
                return [1]
            return [0, 1] if empty_first else [1, 0]
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

    def find(self, found: Words, starts: Iterable[int] | None = None) -> list[tuple[int, int]]:
        """Every (start, end) span of ``found`` where the phrase occurs within one clause.

        ``starts`` limits the search to those positions (a ``StartIndex`` gives the ones
        whose word can begin the phrase); by default every position is tried.
        """
        spans = []
        for start in range(len(found.tokens)) if starts is None else starts:
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


class StartIndex:
    """Where each of many phrases can start in a text, found from its first words at once.

    Trying every phrase at every position of a 4,096-character message is slow; most
    positions hold a word no phrase starts with. The index maps first words (and ``stem*``
    prefixes) to phrases, so each distinct word of the text is looked up once.
    """

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        self.exact: dict[str, list[Phrase]] = {}
        self.prefix: dict[str, list[Phrase]] = {}
        self.anywhere: list[Phrase] = []
        phrases_seen = list(phrases)
        for phrase in phrases_seen:
            first = phrase.slots[0]
            assert isinstance(first, Choice)  # compile_phrase refuses a leading gap
            if () in first.options:
                self.anywhere.append(phrase)
                continue
            for word in {option[0] for option in first.options}:
                table = self.prefix if word.endswith("*") else self.exact
                table.setdefault(word.rstrip("*"), []).append(phrase)
        # The words a phrase cannot do without, beyond its first: a phrase whose first word
        # is common ("my", "pas") but whose other words are not in the text is not tried.
        self.needs: dict[int, tuple[tuple[frozenset[str], tuple[str, ...]], ...]] = {
            id(phrase): _required_words(phrase) for phrase in phrases_seen
        }

    def starts(self, found: Words) -> dict[int, list[int]]:
        """``id(phrase)`` -> the positions where its first word matches, in order."""
        at: dict[int, list[int]] = {}
        everywhere = list(range(len(found.tokens)))
        for phrase in self.anywhere:
            at[id(phrase)] = everywhere
        positions: dict[str, list[int]] = {}
        for i, token in enumerate(found.tokens):
            positions.setdefault(token, []).append(i)
        for token, where in positions.items():
            matched: set[int] = set()
            keys = [token]
            keys += [token[:-1]] if token.endswith(("s", "e")) else []
            keys += [token[:-2]] if token.endswith("es") else []
            candidates = [p for key in keys for p in self.exact.get(key, ())]
            candidates += [
                p for n in range(1, len(token) + 1) for p in self.prefix.get(token[:n], ())
            ]
            for phrase in candidates:
                if id(phrase) not in matched:
                    matched.add(id(phrase))
                    at.setdefault(id(phrase), []).extend(where)
        distinct = frozenset(positions)
        for key in list(at):
            if not all(_any_present(need, distinct) for need in self.needs.get(key, ())):
                del at[key]  # a word it needs is nowhere in the text: it cannot match
            elif at[key] is not everywhere:
                at[key].sort()
        return at


def _required_words(phrase: Phrase) -> tuple[tuple[frozenset[str], tuple[str, ...]], ...]:
    """For each required one-word slot after the first: its exact forms and its prefixes."""
    needs = []
    for slot in phrase.slots[1:]:
        if not isinstance(slot, Choice) or any(len(option) != 1 for option in slot.options):
            continue  # a gap, an optional slot or a slot of several words: not a filter
        words = [option[0] for option in slot.options]
        exact = frozenset(
            w + end for w in words if not w.endswith("*") for end in ("", "s", "e", "es")
        )
        needs.append((exact, tuple(w[:-1] for w in words if w.endswith("*"))))
    return tuple(needs)


def _any_present(need: tuple[frozenset[str], tuple[str, ...]], distinct: frozenset[str]) -> bool:
    exact, prefixes = need
    if not exact.isdisjoint(distinct):
        return True
    return bool(prefixes) and any(token.startswith(prefixes) for token in distinct)


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
        return token.startswith(option[:-1])
    return token in (option, option + "s", option + "e", option + "es")


def phrase_words(phrase: Phrase) -> list[str]:
    """Every word and ``stem*`` the phrase uses: the targets typo repair aims at."""
    return [
        word
        for slot in phrase.slots
        if isinstance(slot, Choice)
        for option in slot.options
        for word in option
    ]
