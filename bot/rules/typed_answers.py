"""What a typed answer means where the bot waits for a button: yes or no, a 0-10 score, a
difficulty. Only clear answers count ("non", "nope", "7", "7/10"); anything else is left to
the caller, who asks again. Pure: text in, meaning out, in English and French alike.
"""

from __future__ import annotations

import re
import unicodedata

_YES = {
    "yes",
    "y",
    "yep",
    "yeah",
    "yea",
    "yup",
    "ya",
    "sure",
    "ok",
    "okay",
    "oui",
    "o",
    "ouais",
    "ouaip",
    "ouep",
    "oui oui",
    "bien sur",
    "d accord",
    "daccord",
    "absolument",
    "i agree",
    "agree",
    "j accepte",
    "jaccepte",
    "certainement",
    "of course",
}
_NO = {
    "no",
    "n",
    "nope",
    "nah",
    "non",
    "nan",
    "non merci",
    "no thanks",
    "no thank you",
    "pas du tout",
    "not at all",
    "never",
    "jamais",
    "aucun",
    "aucune",
    "none",
}
_DIFFICULTY = {
    "easy": {"easy", "too easy", "facile", "trop facile"},
    "right": {
        "right",
        "about right",
        "ok",
        "fine",
        "good",
        "correct",
        "juste",
        "bien",
        "ca va",
        "comme il faut",
        "juste bien",
        "parfait",
    },
    "hard": {"hard", "too hard", "difficult", "difficile", "trop difficile", "dur", "trop dur"},
}
_A_BIT = {
    "a bit",
    "bit",
    "a little",
    "a little bit",
    "little",
    "somewhat",
    "sort of",
    "kind of",
    "partly",
    "un peu",
    "un petit peu",
    "peu",
    "a moitie",
    "en partie",
    "plus ou moins",
}
_NOT_YET = {"not yet", "pas encore", "pas vraiment", "not really"}
_SCORE = re.compile(r"^(?:pain\s*|douleur\s*)?(\d{1,2})(?:\s*(?:/|sur|out of)\s*10)?$")


def plain(text: str) -> str:
    """Lower case, no accents, no punctuation or emoji, single spaces."""
    text = unicodedata.normalize("NFKD", text.strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w/]+", " ", text).split())


def typed_yes_no(text: str) -> bool | None:
    """``True`` for a clear yes, ``False`` for a clear no, else ``None``."""
    flat = plain(text)
    if flat in _YES:
        return True
    if flat in _NO:
        return False
    return None


def typed_score(text: str) -> int | None:
    """A score from 0 to 10 typed as a number ("7", "7/10", "7 sur 10"), else ``None``."""
    match = _SCORE.match(plain(text))
    if match is None or re.search(r"-\s*\d", text):  # "-1" is no score
        return None
    score = int(match[1])
    return score if 0 <= score <= 10 else None


def typed_difficulty(text: str) -> str | None:
    """``easy``, ``right`` or ``hard`` for a clear answer about the session, else ``None``."""
    flat = plain(text)
    for answer, words in _DIFFICULTY.items():
        if flat in words:
            return answer
    return None


def typed_settled(text: str) -> str | None:
    """``yes``, ``bit`` or ``no`` for a clear answer to "is your pain back to normal?"
    ("oui", "un peu", "not yet"), else ``None``."""
    flat = plain(text)
    if flat in _A_BIT:
        return "bit"
    if flat in _NOT_YET:
        return "no"
    said = typed_yes_no(text)
    return None if said is None else ("yes" if said else "no")


_LANGUAGES = {
    "en": {"en", "eng", "english", "anglais", "in english", "en anglais"},
    "fr": {"fr", "french", "francais", "in french", "en francais"},
}


def typed_language(text: str) -> str | None:
    """``en`` or ``fr`` for a language named in either language ("français", "English",
    "anglais"), else ``None``."""
    flat = plain(text)
    for code, words in _LANGUAGES.items():
        if flat in words:
            return code
    return None


def looks_like_an_attempt(text: str) -> bool:
    """Whether a text that answers none of the bot's questions still looks like a try at one
    (a digit, or three words at most) rather than a message for the care team."""
    return any(c.isdigit() for c in text) or len(plain(text).split()) <= 3
