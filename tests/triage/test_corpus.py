"""The labelled corpus (content/triage/corpus.tsv) is big and varied enough to learn from."""

from __future__ import annotations

from collections import Counter

from bot.content import DEFAULT_CONTENT_DIR
from bot.content.warning_signs import load_warning_signs
from bot.triage.corpus import CORPUS_FILE, read_rows

ROWS = read_rows(DEFAULT_CONTENT_DIR / CORPUS_FILE)
SIGNS = [sign.id for sign in load_warning_signs(DEFAULT_CONTENT_DIR).signs]


def test_the_corpus_holds_at_least_4000_messages_in_english_and_french() -> None:
    assert len(ROWS) >= 4000
    assert {row.lang for row in ROWS} == {"en", "fr"}


def test_every_sign_has_at_least_100_messages_in_each_language() -> None:
    counts = Counter((row.lang, row.sign) for row in ROWS if row.kind == "sign")
    for lang in ("en", "fr"):
        for sign in SIGNS:
            assert counts[(lang, sign)] >= 100, (lang, sign)


def test_every_sign_has_look_alikes_in_each_language() -> None:
    families = {row.family for row in ROWS if row.kind == "look-alike"}
    for lang in ("en", "fr"):
        for sign in SIGNS:
            assert any(f.startswith(f"{lang}-{sign}-like-") for f in families), (lang, sign)


def test_messages_come_in_many_voices_and_families() -> None:
    voices = Counter(row.voice.split("/")[1] for row in ROWS)
    assert {"plain", "sms", "typos", "ramble", "shout", "quebec"} <= set(voices)
    assert any(row.voice.startswith("family/") for row in ROWS)
    families = Counter(row.family for row in ROWS)
    assert max(families.values()) <= 12  # no one message dominates with its rewordings


def test_no_message_appears_twice() -> None:
    texts = Counter(row.text.lower() for row in ROWS)
    assert [t for t, n in texts.items() if n > 1] == []
