"""Which button a typed text means: only clear meanings, in either language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.rules.button_words import button_meant, keyboard_meant

ROOT = Path(__file__).resolve().parents[2]

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


TIMER_STEP = [*STEP, ("timer", ["Lancer le minuteur ⏱", "Start timer ⏱"])]
BEGIN = [("go", ["Commencer ▶️", "Start ▶️"]), ("fmt", ["Tout en un message"])]
SKIP_REASONS = [("pain", ["Douleur", "Pain"]), ("time", ["Pas le temps", "No time"])]


@pytest.mark.parametrize(
    ("typed", "options", "meant"),
    [
        ("doen", STEP, "done"),  # two letters swapped in a short label
        ("dnoe", STEP, "done"),
        ("tremine", STEP, "done"),
        ("terminee", STEP, "done"),  # one letter extra
        ("skpi", STEP, "skip"),
        ("start tiemr", TIMER_STEP, "timer"),
        ("sart", BEGIN, "go"),  # one letter missing
    ],
)
def test_a_small_typo_in_a_short_label_presses_it_when_it_is_no_real_word(
    typed: str,
    options: list,  # type: ignore[type-arg]
    meant: str,
) -> None:
    assert button_meant(typed, options) == meant


@pytest.mark.parametrize(
    ("typed", "options"),
    [
        ("strat", BEGIN),  # "strat" is a word (a strategy), never "start"
        ("stat", BEGIN),
        ("timber", TIMER_STEP),  # a real word is never another label's word
        ("start time", TIMER_STEP),  # "time" is a word: not "timer"
        ("pair", SKIP_REASONS),
        ("rein", NOTE),  # a kidney, never "rien"
        ("donne", STEP),  # a French word, never "done"
    ],
)
def test_a_real_word_is_never_turned_into_another_label(typed: str, options: list) -> None:  # type: ignore[type-arg]
    assert button_meant(typed, options, skip="skip") is None


def test_the_dictionary_check_is_injected_and_decides_what_a_typo_is() -> None:
    assert button_meant("doen", STEP, is_word=lambda word: word == "doen") is None
    assert button_meant("strat", BEGIN, is_word=lambda word: False) == "go"


def test_of_two_keyboards_that_both_mean_the_text_the_newest_wins() -> None:
    newest = [("done:2", ["Done ✅"])]
    older = [("done:1", ["Done ✅"])]
    assert keyboard_meant("done", [(newest, None), (older, None)]) == (0, "done:2")


def test_an_older_keyboard_is_pressed_when_the_newer_ones_mean_nothing() -> None:
    keyboards = [(MENU, None), (SNOOZE, None), (STEP, None)]
    assert keyboard_meant("done", keyboards) == (2, "done")
    assert keyboard_meant("doen", keyboards) == (2, "done")
    assert keyboard_meant("pas de note", [(MENU, None), (NOTE, "skip")]) == (1, "skip")


def test_two_buttons_of_the_newest_keyboard_are_no_answer_whatever_an_older_one_has() -> None:
    keyboards = [(DIFFICULTY, None), ([("hard", ["Trop difficile"])], None)]
    assert keyboard_meant("trop", keyboards) is None


def test_no_keyboard_at_all_means_no_press() -> None:
    assert keyboard_meant("done", []) is None


def test_the_dictionaries_are_loaded_only_when_a_typo_is_weighed() -> None:
    code = (
        "import sys; from bot.rules.button_words import button_meant; "
        "assert 'simplemma' not in sys.modules; "
        "button_meant('done', [('d', ['Done'])]); assert 'simplemma' not in sys.modules; "
        "button_meant('doen', [('d', ['Done'])]); assert 'simplemma' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
