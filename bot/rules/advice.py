"""Advice texts merged into one message: when a patient reports several warning signs, each
sign's advice is read once, most serious first, and a sentence already said ("Call 911
now.") is not said again. Pure: texts in, one text out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.rules.typed_answers import plain

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, as written (a text with no full stop is one sentence)."""
    return [part.strip() for part in _SENTENCE_END.split(text.strip()) if part.strip()]


def merge_advice(texts: Iterable[str]) -> str:
    """One text from ``texts``, in their order: each text on its own line, without the
    sentences an earlier text already said (case, accents and punctuation forgiven). A text
    left with nothing new is dropped."""
    said: set[str] = set()
    lines: list[str] = []
    for text in texts:
        kept = []
        for sentence in sentences(text):
            key = plain(sentence)
            if key in said:
                continue
            said.add(key)
            kept.append(sentence)
        if kept:
            lines.append(" ".join(kept))
    return "\n".join(lines)
