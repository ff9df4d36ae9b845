"""Two classes of error: an instruction about an exercise is not a symptom, and a possible
emergency the classifier only ranks second is asked about, with the 911 line first.

The examples are made up here; none is from a held-out set.
"""

from __future__ import annotations

import pytest

from bot.content import DEFAULT_CONTENT_DIR
from bot.content.warning_signs import load_warning_signs
from bot.rules.classifier import MODEL_FILE, NONE_CLASS, Prediction, load_classifier
from bot.rules.levels import AlertLevel
from bot.rules.triage import decide, triage
from bot.rules.warning_signs import Detection
from bot.triage.corpus import CORPUS_FILE, read_rows

RULES = load_warning_signs(DEFAULT_CONTENT_DIR)
MODEL = load_classifier(DEFAULT_CONTENT_DIR / MODEL_FILE)
NOTHING_FOUND = Detection(None, (), False)
SECOND = Prediction(((NONE_CLASS, 0.6), ("chest-pain", 0.3), ("dvt", 0.1)), ())


@pytest.mark.parametrize(
    "text",
    [
        "Arrêtez cet exercice.",
        "arretez l'exercice svp",
        "Stop this exercise.",
        "please skip the bridges tonight",
        "annulez la séance de demain",
    ],
)
def test_an_instruction_about_an_exercise_is_not_a_warning_sign(text: str) -> None:
    assert triage(text, RULES, MODEL).level is None


def test_a_possible_emergency_ranked_second_is_asked_about_not_dropped() -> None:
    limits = RULES.thresholds.model_copy(update={"emergency_doubt": 0.25})
    found = decide(NOTHING_FOUND, SECOND, RULES, limits)
    assert found.level is AlertLevel.EMERGENCY
    assert found.needs_confirmation and found.tentative == ("chest-pain",)
    assert any("possible chest-pain" in reason for reason in found.why)


def test_below_the_emergency_doubt_nothing_is_asked() -> None:
    limits = RULES.thresholds.model_copy(update={"emergency_doubt": 0.35})
    assert decide(NOTHING_FOUND, SECOND, RULES, limits).level is None
    off = RULES.thresholds.model_copy(update={"emergency_doubt": None})
    assert decide(NOTHING_FOUND, SECOND, RULES, off).level is None


def test_a_possible_emergency_the_clinic_listed_as_a_look_alike_is_not_asked() -> None:
    limits = RULES.thresholds.model_copy(update={"emergency_doubt": 0.25})
    listed = Detection(None, (), False, look_alikes=("chest-pain",))
    assert decide(listed, SECOND, RULES, limits).level is None


def test_the_fourth_round_of_families_is_all_on_the_train_side() -> None:
    rows = read_rows(DEFAULT_CONTENT_DIR / CORPUS_FILE)
    fourth = [r for r in rows if "-r4-" in r.family]
    assert len(fourth) > 800 and {r.split for r in fourth} == {"train"}
    instructions = [
        r for r in fourth if r.family.startswith(("en-sudden-injury-like", "fr-sudden-injury-like"))
    ]
    assert len(instructions) >= 150 and {r.expected for r in instructions} == {"benign"}


def test_an_emergency_stated_after_long_everyday_talk_is_not_overruled_by_that_talk() -> None:
    """The context reading of the whole message finds a long one's everyday talk harmless;
    the sentence that states the sign must read harmless too before a phrase is overruled."""
    rules = load_warning_signs(DEFAULT_CONTENT_DIR)
    classifier = load_classifier(DEFAULT_CONTENT_DIR / MODEL_FILE)
    chatter = (
        "We had a quiet weekend. My daughter came over with the kids and we baked muffins. "
        "On Sunday we went to the market and bought apples, then I watched the news. "
        "The garden needs work but it rained all day so I read my book instead. "
    )
    for ending in ("I have a crushing pain in my chest right now.", "I can't breathe."):
        found = triage(chatter + ending, rules, classifier)
        assert found.level is AlertLevel.EMERGENCY, (ending, found.why)
