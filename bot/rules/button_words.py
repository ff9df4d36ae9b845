"""Which button on screen a typed text means, if any: "terminé" for **Terminé ✅**,
"heure" for **Heure du rappel**, "comencer" for **Commencer ▶️**, "pas de note" or "rien"
for **Pas de note**. Pure: the text and the buttons' labels (in every language) in, the
button's callback data out.

Only clear meanings count, so that no message for the care team is taken for a button:

1. the whole label, with case, accents, emoji and punctuation forgiven;
2. where the question is optional, a word of the "skip" family ("skip", "rien", "aucune");
3. a yes or a no ("ouais", "nope") for the one button that starts with that answer
   ("Oui, arrêter");
4. words that are all words of one label only ("heure", "pas le temps"), a small typo
   forgiven in a long word; a "no" or a "yes" does not count on its own, and a negation
   must be in the label too ("pas facile" is not "Trop facile");
5. the whole label with a small typo (rapidfuzz, a strict threshold).

A number counts only as a whole word of the label ("30 min" for **Dans 30 min**, "7" for
**7**, never "9" for **19 h**), and is never a typo. A text of more than five words is a
message, never a button, unless it is a label word for word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz

from bot.rules.typed_answers import plain, typed_yes_no

Option = tuple[str, Sequence[str]]  # a button: its callback data, and its labels

MOST_WORDS = 5
MOST_CHARACTERS = 40
LABEL_TYPO = 88.0  # fuzz.ratio of a whole label and the text, out of 100
WORD_TYPO = 85.0  # the same for one word of five letters or more
SKIP_WORDS = frozenset(
    {
        *("skip", "pass", "no", "nope", "none", "nothing", "no note", "no thanks"),
        *("not now", "nothing to add", "nothing to say", "nothing to report", "all good"),
        *("non", "nan", "non merci", "passer", "je passe", "rien", "aucun", "aucune"),
        *("pas de note", "sans note", "rien a dire", "rien a ajouter", "rien a signaler"),
        *("ras", "pas maintenant", "tout va bien"),
    }
)
# Words that say nothing about which button: left out of the comparison of words.
_FILLER = frozenset(
    {
        *("the", "a", "an", "my", "to", "of", "it", "please", "thanks", "thank", "you", "i"),
        *("le", "la", "les", "l", "de", "du", "des", "d", "un", "une", "mon", "ma", "mes"),
        *("je", "j", "s", "il", "vous", "plait", "svp", "stp", "merci", "ca"),
    }
)
_POLAR = frozenset({"yes", "no", "not", "oui", "non", "pas", "ok", "okay"})
_NEGATIONS = frozenset({"no", "not", "non", "pas"})
_YES_HEADS, _NO_HEADS = frozenset({"yes", "oui"}), frozenset({"no", "non"})
_HEAD = re.compile(r"^\W*(\w+)\s*[,:;.!\u2014\u2013-]")


def button_meant(text: str, options: Iterable[Option], *, skip: str | None = None) -> str | None:
    """The callback data of the one button ``text`` clearly means, else ``None``.

    ``skip`` is the data of the button that skips an optional question, if one is on
    screen: a word of the skip family means it.
    """
    typed = plain(text)
    if not typed:
        return None
    labels = [(data, plain(label), label) for data, all_labels in options for label in all_labels]
    labels = [(data, flat, raw) for data, flat, raw in labels if flat]
    exact = {data for data, flat, _ in labels if flat == typed}
    if exact:
        return _one(exact)
    if len(typed) > MOST_CHARACTERS or len(typed.split()) > MOST_WORDS:
        return None
    if skip is not None and typed in SKIP_WORDS:
        return skip
    numbers = any(c.isdigit() for c in typed)  # "18h15" is not "18 h", "9" is not "19"
    said = None if numbers else typed_yes_no(text)
    if said is not None:
        heads = _YES_HEADS if said else _NO_HEADS
        return _one({data for data, _, raw in labels if _head(raw) in heads})
    words = [w for w in typed.split() if w not in _FILLER]
    if words and not set(words) <= _POLAR:
        found = {data for data, flat, _ in labels if _words_in(words, flat.split())}
        if found:
            return _one(found)
    if numbers:
        return None
    return _one(
        {
            data
            for data, flat, _ in labels
            if len(flat) >= 4 and fuzz.ratio(typed, flat) >= LABEL_TYPO
        }
    )


def _one(found: set[str]) -> str | None:
    """The button, when exactly one was found; two are no clear answer."""
    return next(iter(found)) if len(found) == 1 else None


def _head(label: str) -> str | None:
    """A label's first word when an answer comes before a comma or a colon ("Oui, arrêter"),
    or the label itself when it is one word ("Non")."""
    text = unicodedata.normalize("NFKD", label.strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    match = _HEAD.match(text)
    if match is not None:
        return match[1]
    flat = plain(label)
    return flat if " " not in flat else None


def _words_in(words: Sequence[str], label_words: Sequence[str]) -> bool:
    """Every typed word is a word of the label (a small typo forgiven in a long word)."""
    return all(any(_same_word(w, lw) for lw in label_words) for w in words)


def _same_word(typed: str, word: str) -> bool:
    if typed == word:
        return True
    if typed in _NEGATIONS or word in _NEGATIONS or len(typed) < 5 or len(word) < 5:
        return False
    return fuzz.ratio(typed, word) >= WORD_TYPO
