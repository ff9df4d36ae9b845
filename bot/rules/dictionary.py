"""Whether a typed word is a real word of English or French: simplemma's dictionaries (the
same ones ``companion triage train`` builds the triage lexicon from), read on first use.

A real word is never repaired into another word: "strat", "rein" or "timber" are what they
say, so they are never taken for "start", "rien" or "timer". Pure: a word in, a yes or no
out; the dictionaries are data of the installed package, never downloaded.
"""

from __future__ import annotations

from functools import lru_cache

LANGUAGES = ("en", "fr")


@lru_cache(maxsize=8192)
def real_word(word: str) -> bool:
    """``word`` (lower case, with or without its accents) is in an English or French
    dictionary. The dictionaries are loaded the first time (about a second)."""
    import simplemma  # lazily: its dictionaries take memory and a second to load

    return bool(word) and bool(simplemma.is_known(word, LANGUAGES))
