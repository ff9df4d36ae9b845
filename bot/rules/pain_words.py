"""A pain score typed in words or figures on a 0-10 pain question: "three", "trois", "3/10",
"about a 4", "environ 4", "pas de douleur" (0). Pure: text in, reading out.

Only a clear score is a score. A number outside 0-10 ("11", "15/10") is *out of range*, and two
scores ("3 or 4", "entre 3 et 4", "3-4") are *ambiguous*: the caller tells the patient which
numbers it takes and asks again. Anything else is no reading at all (``None``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.rules.typed_answers import plain

_WORDS = {
    **{"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6},
    **{"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12},
    **{"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4},
    **{"cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11},
    **{"douze": 12, "twenty": 20, "vingt": 20, "fifteen": 15, "quinze": 15},
}
_NONE = frozenset(
    {
        *("no pain", "none", "no pain at all", "not at all", "nothing", "zero pain"),
        *("pas de douleur", "aucune douleur", "aucune", "rien", "pas du tout"),
        *("je n ai pas mal", "j ai pas mal", "i have no pain", "no pain now", "it doesn t hurt"),
        *("doesn t hurt", "ca ne fait pas mal", "pas de mal", "sans douleur", "0 douleur"),
    }
)
# Words around a score that do not change it: "about a 4", "environ 4", "pain 4", "c'est 4".
_AROUND = frozenset(
    {
        *("about", "around", "maybe", "roughly", "approx", "approximately", "like", "a", "an"),
        *("it s", "its", "it", "is", "i d", "say", "i", "would", "pain", "my", "level", "at"),
        *("ish", "or so", "out", "of", "ten", "en", "environ", "vers", "autour", "de", "du"),
        *("peut", "etre", "c", "est", "ma", "douleur", "je", "dirais", "a", "sur", "dix", "un"),
        *("une", "disons", "mettons", "la", "pour", "moi", "now", "maintenant", "today"),
        *("aujourd", "hui", "score", "note", "niveau", "is", "the"),
    }
)
_TWO = re.compile(r"\b(\d{1,3})\s*(?:-|to|or|ou|a|et|/)\s*(\d{1,3})\b")
_NUMBER = re.compile(r"^\d{1,3}$")


@dataclass(frozen=True)
class PainReading:
    """What a typed pain answer says: a ``score`` (0-10), or why it is none."""

    score: int | None = None
    out_of_range: bool = False
    ambiguous: bool = False


def pain_reading(text: str) -> PainReading | None:
    """The reading of a typed answer to a 0-10 pain question; ``None`` when it is no try at
    a score (a message, a question)."""
    if re.search(r"(?:^|\s)-\s*\d", text):  # "-1": below the scale
        return PainReading(out_of_range=True)
    flat = plain(text)
    if not flat:
        return None
    if flat in _NONE:
        return PainReading(score=0)
    flat = re.sub(r"\b(\d{1,3})\s*/\s*10\b", r"\1", flat)  # "3/10" is 3
    flat = re.sub(r"\b(\d{1,3})\s+(?:out of|sur)\s+(?:10|ten|dix)\b", r"\1", flat)
    two = _TWO.search(flat)
    if two is not None and two[1] != two[2] and not _is_over_ten(two):
        return PainReading(ambiguous=True)
    words = flat.split()
    numbers = [w for w in words if _NUMBER.match(w) or w in _WORDS]
    rest = [w for w in words if w not in numbers and w not in _AROUND]
    if rest or not numbers:
        return None
    values = {int(w) if w.isdigit() else _WORDS[w] for w in numbers}
    if len(values) > 1:
        if values <= {1} | set(range(11)) and _a_word_article(words):
            values.discard(1)
        if len(values) > 1:
            return PainReading(ambiguous=True)
    (value,) = values
    return PainReading(score=value) if 0 <= value <= 10 else PainReading(out_of_range=True)


def _is_over_ten(two: re.Match[str]) -> bool:
    """ "15/10" style: the second figure is the scale's top, not a second score."""
    return two[2] == "10" and "/" in two[0]


def _a_word_article(words: list[str]) -> bool:
    """ "un 4", "une 4": the French article is no second score."""
    return any(w in ("un", "une") for w in words)
