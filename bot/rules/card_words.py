"""Which button of an alert card a clinician's typed text means: "ack" or "prendre en
charge" for **Acknowledge**, "résolu" for **Resolve**, and each button's label in either
language (case, accents, punctuation and a small typo forgiven, as ``button_words``). Pure:
the text and the buttons' labels in, the card action out. Which alert it acts on is not
decided here: only the card on screen (``bot.services.staff.alert_desk``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from bot.rules.button_words import button_meant
from bot.rules.typed_answers import plain

# The card's actions, by the button key each one is (content/messages.yaml buttons:).
ACKNOWLEDGE, CONTACTED, RESOLVE = "acknowledge", "alert_contacted", "alert_resolve"
CALL, MESSAGE, RELEASE = "alert_call_me", "alert_message_patient", "alert_release_hold"
CARD_ACTIONS = (ACKNOWLEDGE, CONTACTED, RESOLVE, CALL, MESSAGE, RELEASE)

# The short words clinicians type for a card button, besides its label.
SHORT_WORDS: Mapping[str, tuple[str, ...]] = {
    ACKNOWLEDGE: (
        *("ack", "acknowledge", "acknowledged", "i acknowledge", "seen", "on it", "mine"),
        *("prendre en charge", "pris en charge", "prise en charge", "je prends", "je m en occupe"),
        *("je prends en charge", "vu", "accuse reception", "accuser reception"),
    ),
    RESOLVE: (
        *("resolve", "resolved", "close", "closed", "done with it"),
        *("resoudre", "resolu", "resolue", "fermer", "ferme", "fermee", "clore"),
    ),
    CONTACTED: (
        *("contacted", "reached", "called", "i called the patient", "patient contacted"),
        *("contacte", "contactee", "joint", "jointe", "j ai joint la personne"),
    ),
    CALL: ("ask to call", "call us", "call me", "demander d appeler", "appelez nous"),
    MESSAGE: ("message", "write", "ecrire", "message a la personne"),
    RELEASE: ("resume", "reprendre", "resume routine"),
}
_NUMBER = re.compile(r"^\s*(?:(?:alerte|alert|n°|no|#)\s*)*(\d{1,9})\s*$", re.IGNORECASE)


def card_action(text: str, labels: Mapping[str, Sequence[str]]) -> str | None:
    """The card action ``text`` clearly means (one of ``CARD_ACTIONS``), else ``None``.

    ``labels``: each action's button label in every language."""
    typed = plain(text)
    if not typed:
        return None
    for action, words in SHORT_WORDS.items():
        if typed in words:
            return action
    options = [(action, list(labels.get(action, ()))) for action in CARD_ACTIONS]
    return button_meant(text, [(a, found) for a, found in options if found])


def alert_number(text: str) -> int | None:
    """The alert number typed ("12", "#12", "alert 12", "alerte n° 12"), else ``None``."""
    found = _NUMBER.match(text)
    return int(found.group(1)) if found else None
