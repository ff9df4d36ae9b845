"""The held-out part of the corpus, read by the committed model and rules: the clinic's targets.

The held-out families were never used for training or for writing phrases. Targets (issue 13):
EMERGENCY recall at least 98%; EMERGENCY or URGENT on every emergency message; URGENT recall
at least 95%; false alarms on harmless look-alikes at most 5%. The ones not met yet are marked
``xfail(strict=True)`` with today's figure, so the suite says so plainly and turns red the
day one is met (then remove the mark).
"""

from __future__ import annotations

import pytest

from bot.content import DEFAULT_CONTENT_DIR
from bot.rules.classifier import MODEL_FILE, load_classifier
from bot.rules.triage import triage
from bot.rules.warning_signs import load_warning_signs
from bot.triage.corpus import CORPUS_FILE, read_rows
from bot.triage.evaluate import Report, evaluate


@pytest.fixture(scope="module")
def report() -> Report:
    rules = load_warning_signs(DEFAULT_CONTENT_DIR)
    classifier = load_classifier(DEFAULT_CONTENT_DIR / MODEL_FILE)
    rows = [r for r in read_rows(DEFAULT_CONTENT_DIR / CORPUS_FILE) if r.split == "heldout"]
    return evaluate(rows, rules, lambda text: triage(text, rules, classifier))


def test_the_held_out_part_covers_every_kind_of_message(report: Report) -> None:
    assert report.rate("EMERGENCY recall").total >= 300
    assert report.rate("URGENT recall").total >= 200
    assert report.rate("false alarms, look-alikes").total >= 150


@pytest.mark.xfail(strict=True, reason="held-out EMERGENCY recall is 96.3%, the target 98%")
def test_at_least_98_percent_of_emergencies_are_decided_emergency(report: Report) -> None:
    assert report.rate("EMERGENCY recall").value >= 0.98


@pytest.mark.xfail(strict=True, reason="held-out: 13 of 408 emergencies are decided none")
def test_every_emergency_is_decided_emergency_or_urgent(report: Report) -> None:
    assert report.rate("EMERGENCY-or-URGENT recall on emergencies").value == 1.0


@pytest.mark.xfail(strict=True, reason="held-out URGENT recall is 94.9%, the target 95%")
def test_at_least_95_percent_of_urgent_messages_are_decided_urgent_or_higher(
    report: Report,
) -> None:
    assert report.rate("URGENT recall").value >= 0.95


@pytest.mark.xfail(strict=True, reason="held-out false alarms on look-alikes are 21.9%")
def test_at_most_5_percent_of_harmless_look_alikes_raise_anything(report: Report) -> None:
    assert report.rate("false alarms, look-alikes").value <= 0.05


def test_the_floor_we_hold_today_never_slips(report: Report) -> None:
    """Today's held-out figures, so a change that makes triage worse fails at once."""
    assert report.rate("EMERGENCY recall").value >= 0.95
    assert report.rate("EMERGENCY-or-URGENT recall on emergencies").value >= 0.95
    assert report.rate("URGENT recall").value >= 0.93
    assert report.rate("false alarms, look-alikes").value <= 0.25
