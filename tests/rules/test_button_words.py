"""Which button a typed text means: only clear meanings, in either language."""

from __future__ import annotations

import pytest

from bot.rules.button_words import button_meant

STEP = [
    ("done", ["Terminé ✅", "Done ✅"]),
    ("part", ["J'en ai fait une partie", "Did part of it"]),
    ("skip", ["Passer", "Skip"]),
    ("warn", ["Signe d'alerte ⚠️", "Warning sign ⚠️"]),
]
MENU = [
    ("time", ["Heure du rappel", "Reminder time"]),
    ("lang", ["Langue", "Language"]),
    ("zone", ["Fuseau horaire", "Timezone"]),
    ("pics", ["Images", "Pictures"]),
]
DIFFICULTY = [
    ("easy", ["Trop facile", "Too easy"]),
    ("right", ["Juste bien", "About right"]),
    ("hard", ["Trop difficile", "Too hard"]),
]
STOP = [("yes", ["Oui, arrêter", "Yes, stop"]), ("no", ["Non, continuer", "No, keep going"])]
SNOOZE = [("30", ["Dans 30 min"]), ("60", ["Dans 1 heure"]), ("evening", ["Ce soir"])]
NOTE = [("skip", ["Pas de note", "No note"]), ("fix", ["Changer mes réponses"])]


@pytest.mark.parametrize(
    ("typed", "options", "meant"),
    [
        ("terminé", STEP, "done"),
        ("TERMINE!", STEP, "done"),
        ("termnié", STEP, "done"),  # a small typo in a long word
        ("done", STEP, "done"),  # the other language
        ("j'en ai fait une partie", STEP, "part"),
        ("heure", MENU, "time"),  # a word of one label only
        ("fuseau", MENU, "zone"),
        ("pictures", MENU, "pics"),
        ("juste bien", DIFFICULTY, "right"),
        ("ouais", STOP, "yes"),  # a yes for the one button that starts with yes
        ("non", STOP, "no"),
        ("30 min", SNOOZE, "30"),
        ("ce soir", SNOOZE, "evening"),
        ("pas de note", NOTE, "skip"),
    ],
)
def test_a_clear_meaning_is_its_button(typed: str, options: list, meant: str) -> None:  # type: ignore[type-arg]
    assert button_meant(typed, options) == meant


@pytest.mark.parametrize("typed", ["rien", "aucune", "skip", "non", "nothing to add"])
def test_the_skip_family_means_the_optional_questions_skip_button(typed: str) -> None:
    assert button_meant(typed, NOTE, skip="skip") == "skip"


@pytest.mark.parametrize(
    ("typed", "options"),
    [
        ("pas facile", DIFFICULTY),  # a negation not in the label changes the meaning
        ("terminé mais mon genou me fait très mal", STEP),  # a message, not a button
        ("le genou a fait mal", NOTE),
        ("rien", NOTE),  # "rien" skips only where a question is optional
        ("9", SNOOZE),  # a number is a whole word of the label, or nothing
        ("31 min", SNOOZE),
        ("trop", DIFFICULTY),  # a word of two labels is no clear answer
        ("oui", DIFFICULTY),
        ("", STEP),
    ],
)
def test_anything_less_clear_is_no_button(typed: str, options: list) -> None:  # type: ignore[type-arg]
    assert button_meant(typed, options) is None
