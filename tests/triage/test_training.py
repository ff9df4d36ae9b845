"""Training is deterministic, from the repository, and the committed model is up to date."""

from __future__ import annotations

import numpy as np

from bot.content import DEFAULT_CONTENT_DIR
from bot.content.warning_signs import load_warning_signs
from bot.rules.classifier import MODEL_FILE, load_classifier
from bot.triage.corpus import CORPUS_FILE, class_of, read_rows
from bot.triage.train import fit_classifier, training_digest

RULES = load_warning_signs(DEFAULT_CONTENT_DIR)
ROWS = read_rows(DEFAULT_CONTENT_DIR / CORPUS_FILE)


def _fit(rows: list) -> tuple:  # type: ignore[type-arg]
    tokens = [RULES.normaliser.tokens(row.text) for row in rows]
    model, score = fit_classifier(tokens, [class_of(row) for row in rows])
    return model, score, tokens


def test_training_twice_on_the_same_messages_gives_the_same_model() -> None:
    sample = [row for row in ROWS if row.split == "train"][::6]
    first, _, _ = _fit(sample)
    second, _, _ = _fit(sample)
    assert first.vocabulary == second.vocabulary and first.classes == second.classes
    assert np.array_equal(first.coef, second.coef)
    assert np.array_equal(first.intercept, second.intercept)


def test_the_stored_arrays_score_exactly_like_scikit_learn() -> None:
    sample = [row for row in ROWS if row.split == "train"][::8]
    model, score, tokens = _fit(sample)
    expected = score(tokens[:40])
    for row, found in enumerate(tokens[:40]):
        prediction = model.predict(found)
        got = [prediction.probability_of(c) for c in model.classes]
        assert np.allclose(got, expected[row], atol=1e-9)


def test_the_committed_model_was_trained_on_the_committed_corpus_and_rules() -> None:
    stored = load_classifier(DEFAULT_CONTENT_DIR / MODEL_FILE)
    assert stored.digest == training_digest(DEFAULT_CONTENT_DIR), (
        "run `companion triage train`: the corpus or the rules changed since the model"
    )


def test_the_model_is_small_and_read_without_pickle() -> None:
    path = DEFAULT_CONTENT_DIR / MODEL_FILE
    assert path.stat().st_size < 5_000_000
    with np.load(path, allow_pickle=False) as stored:  # raises on any pickled object
        assert {"vocabulary", "idf", "coef", "intercept", "classes"} <= set(stored.files)


def test_the_split_keeps_every_paraphrase_family_on_one_side() -> None:
    sides: dict[str, set[str]] = {}
    for row in ROWS:
        sides.setdefault(row.family, set()).add(row.split)
    assert all(len(found) == 1 for found in sides.values())
    assert {row.split for row in ROWS} == {"train", "heldout"}
