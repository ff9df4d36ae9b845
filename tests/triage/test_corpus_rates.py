"""The labelled corpus: warning signs are found at the rates the clinic requires.

``corpus.csv`` holds patient messages written for this test, half English and half French:
every sign, negations, misspellings and benign look-alikes. Each row says what it is:
``emergency``/``urgent``/``routine`` with the sign it shows, ``confirm`` for a negated or
doubtful mention of a sign, and ``benign`` for a message that must not raise anything.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from bot.content import DEFAULT_CONTENT_DIR
from bot.content.warning_signs import load_warning_signs
from bot.rules.levels import AlertLevel
from bot.rules.warning_signs import Detection, WarningSignRules, detect

CORPUS = Path(__file__).with_name("corpus.csv")
ROWS = list(csv.DictReader(CORPUS.open(encoding="utf-8")))
LANGUAGE_SETS = [None, "own"]  # all languages' phrases, then only the message's own language


@pytest.fixture(scope="module")
def rules() -> WarningSignRules:
    return load_warning_signs(DEFAULT_CONTENT_DIR)


def detections(
    rules: WarningSignRules, expected: str, languages: str | None
) -> list[tuple[dict[str, str], Detection]]:
    return [
        (row, detect(row["text"], rules, [row["lang"]] if languages else None))
        for row in ROWS
        if row["expected"] == expected
    ]


def rate(hits: int, total: int) -> float:
    assert total, "no messages of that kind in the corpus"
    return hits / total


def test_the_corpus_is_big_enough_half_english_half_french_and_covers_every_sign(
    rules: WarningSignRules,
) -> None:
    assert len(ROWS) >= 200
    languages = Counter(row["lang"] for row in ROWS)
    assert abs(languages["en"] - languages["fr"]) <= 0.05 * len(ROWS)
    for lang in ("en", "fr"):
        shown = {row["sign"] for row in ROWS if row["lang"] == lang and row["sign"]}
        assert shown == {sign.id for sign in rules.signs}, lang
        kinds = Counter(row["expected"] for row in ROWS if row["lang"] == lang)
        assert kinds["confirm"] >= 5 and kinds["benign"] >= 20, lang


@pytest.mark.parametrize("languages", LANGUAGE_SETS)
def test_every_emergency_message_is_detected_as_an_emergency(
    rules: WarningSignRules, languages: str | None
) -> None:
    missed = [
        row["text"]
        for row, found in detections(rules, "emergency", languages)
        if found.level is not AlertLevel.EMERGENCY or row["sign"] not in found.signs
    ]
    assert missed == []


@pytest.mark.parametrize("languages", LANGUAGE_SETS)
def test_at_least_95_percent_of_urgent_messages_are_detected(
    rules: WarningSignRules, languages: str | None
) -> None:
    found = detections(rules, "urgent", languages)
    hits = [
        row
        for row, d in found
        if d.level in (AlertLevel.URGENT, AlertLevel.EMERGENCY) and row["sign"] in d.signs
    ]
    assert rate(len(hits), len(found)) >= 0.95


@pytest.mark.parametrize("languages", LANGUAGE_SETS)
def test_at_most_5_percent_of_benign_messages_are_flagged(
    rules: WarningSignRules, languages: str | None
) -> None:
    found = detections(rules, "benign", languages)
    flagged = [row["text"] for row, d in found if d.level is not None or d.needs_confirmation]
    assert rate(len(flagged), len(found)) <= 0.05, flagged


@pytest.mark.parametrize("languages", LANGUAGE_SETS)
def test_routine_messages_reach_the_digest(rules: WarningSignRules, languages: str | None) -> None:
    found = detections(rules, "routine", languages)
    hits = [row for row, d in found if d.level is not None and row["sign"] in d.signs]
    assert rate(len(hits), len(found)) >= 0.9


@pytest.mark.parametrize("languages", LANGUAGE_SETS)
def test_no_negated_or_doubtful_mention_is_silently_dropped(
    rules: WarningSignRules, languages: str | None
) -> None:
    dropped = [
        row["text"]
        for row, d in detections(rules, "confirm", languages)
        if not (d.needs_confirmation and row["sign"] in d.signs)
    ]
    assert dropped == []
