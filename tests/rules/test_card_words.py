"""Which alert-card button a clinician's typed text means (bot/rules/card_words.py)."""

from __future__ import annotations

import pytest

from bot.rules import card_words

LABELS = {
    card_words.ACKNOWLEDGE: ["Acknowledge", "Prendre en charge"],
    card_words.RESOLVE: ["Resolve", "Résoudre"],
    card_words.CONTACTED: ["I reached the patient", "J'ai joint la personne"],
    card_words.CALL: ["Ask patient to call us", "Demander de nous appeler"],
    card_words.MESSAGE: ["Message patient", "Écrire à la personne"],
}


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("ack", card_words.ACKNOWLEDGE),
        ("ACK", card_words.ACKNOWLEDGE),
        ("Acknowledge", card_words.ACKNOWLEDGE),
        ("prendre en charge", card_words.ACKNOWLEDGE),
        ("PRISE EN CHARGE", card_words.ACKNOWLEDGE),
        ("resolve", card_words.RESOLVE),
        ("Résoudre", card_words.RESOLVE),
        ("resolu", card_words.RESOLVE),
        ("résolue", card_words.RESOLVE),
        ("j'ai joint la personne", card_words.CONTACTED),
        ("ask patient to call us", card_words.CALL),
        ("demander de nous appeler", card_words.CALL),
    ],
)
def test_a_card_word_in_either_language_means_its_button(text: str, action: str) -> None:
    assert card_words.card_action(text, LABELS) == action


@pytest.mark.parametrize("text", ["", "hello", "the patient is fine now I think", "12"])
def test_other_texts_mean_no_card_button(text: str) -> None:
    assert card_words.card_action(text, LABELS) is None


@pytest.mark.parametrize(
    ("text", "number"), [("12", 12), ("#12", 12), ("Alert #3", 3), ("alerte n° 7", 7)]
)
def test_an_alert_number_is_read_with_or_without_its_sign(text: str, number: int) -> None:
    assert card_words.alert_number(text) == number


@pytest.mark.parametrize("text", ["12 patients", "ack", "P-12"])
def test_other_texts_are_no_alert_number(text: str) -> None:
    assert card_words.alert_number(text) is None
