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
5. the whole label with a small typo: rapidfuzz's ratio at a strict threshold, or, for a
   label of four letters or more, its OSA distance (one letter wrong, missing, extra or two
   swapped; two from eight letters): "doen" for **Done ✅**, "tremine" for **Terminé ✅**.

A typo is forgiven only in a word that is no real word (``bot.rules.dictionary``: English
and French dictionaries): "strat", "rein" or "timber" is never taken for another word. A
number counts only as a whole word of the label ("30 min" for **Dans 30 min**, "7" for
**7**, never "9" for **19 h**), and is never a typo. A text of more than five words is a
message, never a button, unless it is a label word for word.

Several keyboards may be on screen (``keyboard_meant``): the newest with a button the text
means decides.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from bot.rules.dictionary import real_word
from bot.rules.typed_answers import plain, typed_yes_no

Option = tuple[str, Sequence[str]]  # a button: its callback data, and its labels
Keyboard = tuple[Sequence[Option], str | None]  # its buttons, and its "skip" button if any
WordCheck = Callable[[str], bool]  # whether a typed word is a real word

MOST_WORDS = 5
MOST_CHARACTERS = 40
LABEL_TYPO = 88.0  # fuzz.ratio of a whole label and the text, out of 100
WORD_TYPO = 85.0  # the same for one word of five letters or more
SHORTEST_TYPO = 4  # letters: a shorter label, or text, must be exact
LONG_LABEL = 8  # letters: from here two typos (OSA) are forgiven in a whole label, below one
SKIP_WORDS = frozenset(
    {
        *("skip", "pass", "no", "nope", "none", "nothing", "no note", "no thanks"),
        *("not now", "nothing to add", "nothing to say", "nothing to report", "all good"),
        *("non", "nan", "non merci", "passer", "je passe", "rien", "aucun", "aucune"),
        *("pas de note", "sans note", "rien a dire", "rien a ajouter", "rien a signaler"),
        *("ras", "pas maintenant", "tout va bien"),
    }
)
# The few words by which staff skip an optional note. Narrower than ``SKIP_WORDS`` on
# purpose: "all good", "RAS" or "tout va bien" typed after Resolve is a clinician's note
# (the outcome), never to be dropped as "no note".
STAFF_SKIP_WORDS = frozenset(
    {"skip", "pass", "none", "no note", "nothing", "passer", "rien", "aucune", "sans note"}
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


def button_meant(
    text: str,
    options: Iterable[Option],
    *,
    skip: str | None = None,
    is_word: WordCheck = real_word,
) -> str | None:
    """The callback data of the one button ``text`` clearly means, else ``None``.

    ``skip`` is the data of the button that skips an optional question, if one is on
    screen: a word of the skip family means it. ``is_word`` says whether a typed word is a
    real word (never repaired into another).
    """
    return _one(_found(text, list(options), skip, is_word))


def keyboard_meant(
    text: str, keyboards: Sequence[Keyboard], *, is_word: WordCheck = real_word
) -> tuple[int, str] | None:
    """Which of several keyboards on screen ``text`` presses, newest first: the index of
    the keyboard and the callback data of its button. The newest keyboard with a button the
    text means decides; two of its buttons are no clear answer (``None``), even when an
    older keyboard has one."""
    for index, (options, skip) in enumerate(keyboards):
        found = _found(text, options, skip, is_word)
        if found:
            meant = _one(found)
            return None if meant is None else (index, meant)
    return None


def _found(text: str, options: Sequence[Option], skip: str | None, is_word: WordCheck) -> set[str]:
    """Every button of one keyboard the first rule that finds any finds (see the module)."""
    typed = plain(text)
    if not typed:
        return set()
    labels = [(data, plain(label), label) for data, all_labels in options for label in all_labels]
    labels = [(data, flat, raw) for data, flat, raw in labels if flat]
    exact = {data for data, flat, _ in labels if flat == typed}
    if exact:
        return exact
    if len(typed) > MOST_CHARACTERS or len(typed.split()) > MOST_WORDS:
        return set()
    if skip is not None and typed in SKIP_WORDS:
        return {skip}
    numbers = any(c.isdigit() for c in typed)  # "18h15" is not "18 h", "9" is not "19"
    said = None if numbers else typed_yes_no(text)
    if said is not None:
        heads = _YES_HEADS if said else _NO_HEADS
        return {data for data, _, raw in labels if _head(raw) in heads}
    real = _real_words(text, typed, is_word)
    words = [w for w in typed.split() if w not in _FILLER]
    if words and not set(words) <= _POLAR:
        found = {data for data, flat, _ in labels if _words_in(words, flat.split(), real)}
        if found:
            return found
    if numbers:
        return set()
    return {data for data, flat, _ in labels if _typo_of(typed, flat, real)}


def _real_words(text: str, typed: str, is_word: WordCheck) -> frozenset[str]:
    """The typed words (folded) that are real words, as typed or without their accents."""
    as_typed = re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", text.lower()))
    return frozenset(
        {plain(word) for word in as_typed if is_word(word)}
        | {word for word in typed.split() if is_word(word)}
    )


def _typo_of(typed: str, label: str, real: frozenset[str]) -> bool:
    """``typed`` is the whole ``label`` with a small typo, and every word it does not share
    with the label is no real word ("doen" is "done"; "strat" is never "start")."""
    if len(label) < SHORTEST_TYPO or len(typed.replace(" ", "")) < SHORTEST_TYPO:
        return False
    label_words = set(label.split())
    if any(word in real for word in typed.split() if word not in label_words):
        return False
    if fuzz.ratio(typed, label) >= LABEL_TYPO:
        return True
    most = 2 if len(label) >= LONG_LABEL else 1
    return OSA.distance(typed, label, score_cutoff=most) <= most


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


def _words_in(words: Sequence[str], label_words: Sequence[str], real: frozenset[str]) -> bool:
    """Every typed word is a word of the label (a small typo forgiven in a long word that
    is no real word)."""
    return all(any(_same_word(w, lw, real) for lw in label_words) for w in words)


def _same_word(typed: str, word: str, real: frozenset[str]) -> bool:
    if typed == word:
        return True
    if typed in _NEGATIONS or word in _NEGATIONS or len(typed) < 5 or len(word) < 5:
        return False
    if typed in real:  # "timber" is never "timer"
        return False
    return fuzz.ratio(typed, word) >= WORD_TYPO
