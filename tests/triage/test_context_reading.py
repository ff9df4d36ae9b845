"""The classifier's context reading: a phrase that matched, overruled by what surrounds it.

The examples are training messages or made up here; none is from a held-out set.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.content import DEFAULT_CONTENT_DIR
from bot.content.warning_signs import load_warning_signs
from bot.rules.classifier import MODEL_FILE, NONE_CLASS, Prediction, context_tokens, load_classifier
from bot.rules.triage import decide, triage
from bot.rules.warning_signs import detect_tokens
from bot.triage.corpus import CORPUS_FILE, read_rows

RULES = load_warning_signs(DEFAULT_CONTENT_DIR)
MODEL = load_classifier(DEFAULT_CONTENT_DIR / MODEL_FILE)
HARMLESS = Prediction(((NONE_CLASS, 0.99), ("sign", 0.01)), ())


def test_the_context_reading_hides_the_signs_own_words() -> None:
    tokens = RULES.normaliser.tokens("my mother had a stroke years ago")
    hidden = context_tokens(tokens, RULES.sign_words)
    assert "stroke" not in hidden and "_" in hidden
    assert {"mother", "years", "ago"} <= set(hidden)


def test_a_figure_of_speech_in_training_is_not_raised_and_explain_says_why() -> None:
    found = triage("my boss will kill me if im late again", RULES, MODEL)
    assert found.level is None
    assert any("harmless in context" in reason for reason in found.why)


def test_a_plain_emergency_is_not_overruled() -> None:
    for text in ("I fell and hit my head", "I want to end my life", "jpeux pu respirer"):
        assert triage(text, RULES, MODEL).level is not None, text


def test_a_negated_mention_is_still_asked_however_harmless_the_context() -> None:
    tokens = RULES.normaliser.tokens("no chest pain today")
    found = detect_tokens(tokens, RULES)
    decided = decide(found, MODEL.predict(tokens), RULES, context=HARMLESS)
    assert decided.signs == ("chest-pain",) and decided.needs_confirmation


def test_a_combination_is_never_overruled() -> None:
    tokens = RULES.normaliser.tokens("I fell and now I can't stand up")
    found = detect_tokens(tokens, RULES)
    assert found.combined
    decided = decide(found, MODEL.predict(tokens), RULES, context=HARMLESS)
    assert decided.level is not None and decided.level.value == "emergency"


def test_an_overrule_threshold_of_1_never_overrules() -> None:
    tokens = RULES.normaliser.tokens("my tennis stroke is coming back")
    found = detect_tokens(tokens, RULES)
    never = RULES.thresholds.model_copy(
        update={"overrule": RULES.thresholds.overrule.model_copy(update={"emergency": 1.0})}
    )
    assert decide(found, None, RULES, never, context=HARMLESS).signs == ("stroke",)


def test_the_model_file_holds_the_context_reading_as_plain_arrays() -> None:
    with np.load(DEFAULT_CONTENT_DIR / MODEL_FILE, allow_pickle=False) as stored:
        assert {"context_vocabulary", "context_coef", "context_classes"} <= set(stored.files)
    assert MODEL.context is not None and set(MODEL.context.classes) == {NONE_CLASS, "sign"}


def test_the_second_round_of_families_is_all_on_the_train_side() -> None:
    rows = read_rows(Path(DEFAULT_CONTENT_DIR / CORPUS_FILE))
    second = [r for r in rows if "-r2-" in r.family]
    assert len(second) > 1000 and {r.split for r in second} == {"train"}
