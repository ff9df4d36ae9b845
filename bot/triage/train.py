"""``companion triage train``: build the lexicon and the classifier from the repository.

Deterministic: the same corpus, rules and library versions give the same files, byte for
byte in the lexicon and to float32 precision in the model. Nothing is downloaded.

1. The lexicon (``content/triage/lexicon.json``) for typo repair: the *targets* are the words
   the clinic's phrases use (a ``stem*`` expands to the dictionary words it starts), and the
   *known* words are every English or French dictionary word (simplemma's own data), and
   every word of the bot's own button labels, that a repair could otherwise reach, so a
   real word is never turned into another.
2. The classifier (``content/triage/model.npz``): tf-idf over word and character n-grams, and a
   multinomial logistic regression, fitted on the corpus's ``train`` split only.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.content.warning_signs import FORMS_FILE, LEXICON_FILE, RULES_FILE, load_warning_signs
from bot.rules.classifier import MODEL_FILE, Classifier, context_tokens, features
from bot.rules.normalise import FUZZY_MIN_LENGTH, fold, max_typos
from bot.rules.warning_signs import WarningSignRules, detect_tokens
from bot.triage.corpus import CORPUS_FILE, Row, class_of, digest, read_rows

MAX_FEATURES = 60000
REGULARISATION = 4.0  # logistic regression's C (grouped CV: 1 and 16 cost more)


@dataclass(frozen=True)
class Trained:
    messages: int
    classes: int
    features: int
    seconds: float
    model_bytes: int


def dictionary_words(languages: Iterable[str]) -> set[str]:
    """Folded alphabetic word forms and lemmas from simplemma's dictionaries."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    factory = DefaultDictionaryFactory()
    found: set[str] = set()
    for lang in languages:
        for form, lemma in factory.get_dictionary(lang).items():
            for word in (form, lemma.decode() if isinstance(lemma, bytes) else str(lemma)):
                folded = fold(word)
                if folded.isalpha() and folded.isascii():
                    found.add(folded)
    return found


def label_words(content_root: Path) -> set[str]:
    """The words of the bot's own button labels, in every language: a patient types them
    for the button they mean ("texte seulement"), so they are real words, never repaired
    into a warning sign's ("seulement" is not "serrement")."""
    import yaml
    from babel.messages.pofile import read_po

    messages = content_root / "messages.yaml"
    buttons = yaml.safe_load(messages.read_text(encoding="utf-8")).get("buttons") or {}
    labels = [str(label) for label in buttons.values()]
    for po in sorted((content_root / "locales").glob("*.po")):
        with po.open("rb") as file:
            labels += [str(m.string) for m in read_po(file) if m.context in buttons and m.string]
    return {
        word
        for label in labels
        for word in re.findall(r"[a-z]+", fold(label))
        if len(word) >= FUZZY_MIN_LENGTH
    }


def build_lexicon(content_root: Path) -> dict[str, list[str]]:
    """Targets and protected words for the normaliser (see the module's docstring)."""
    from rapidfuzz.distance import OSA
    from rapidfuzz.process import extractOne

    rules = load_warning_signs(content_root)
    dictionary = dictionary_words(rules.languages) | label_words(content_root)
    words = rules.words()
    stems = [w[:-1] for w in words if w.endswith("*")]
    targets = {w for w in words if not w.endswith("*") and w.isalpha() and len(w) > 1}
    prefixes = tuple(stem for stem in stems if len(stem) > 2)
    targets |= {w for w in dictionary if w.startswith(prefixes)}
    targets |= {stem for stem in stems if stem.isalpha() and len(stem) > 2}
    by_start: dict[tuple[str, int], list[str]] = {}
    for target in sorted(targets):
        by_start.setdefault((target[0], len(target)), []).append(target)
    known = set()
    for word in sorted(dictionary - targets):
        if re.search(r"(.)\1\1", word):  # "beee": normalising folds it, so it is never seen
            continue
        limit = max_typos(word)
        if not limit:
            continue
        near = [
            t
            for size in range(len(word) - limit, len(word) + limit + 1)
            for t in by_start.get((word[0], size), ())
        ]
        if near and extractOne(word, near, scorer=OSA.distance, score_cutoff=limit):
            known.add(word)
    return {"targets": sorted(targets), "known": sorted(known)}


def train(content_root: Path) -> Trained:
    """Write the lexicon, then fit and write the classifier; returns what was done."""
    started = time.monotonic()
    lexicon_path = content_root / LEXICON_FILE
    lexicon_path.parent.mkdir(parents=True, exist_ok=True)
    lexicon_path.write_text(
        json.dumps(build_lexicon(content_root), indent=0, ensure_ascii=True) + "\n",
        encoding="utf-8",
    )
    rules = load_warning_signs(content_root)  # now with the lexicon just written
    rows = [row for row in read_rows(content_root / CORPUS_FILE) if row.split == "train"]
    token_lists = [rules.normaliser.tokens(row.text) for row in rows]
    classifier, check = fit_classifier(token_lists, [class_of(row) for row in rows])
    context = fit_context(rules, rows, token_lists)
    classifier = classifier.with_digest(training_digest(content_root)).with_context(context)
    path = content_root / MODEL_FILE
    classifier.save(path)
    _check_same_probabilities(path, check, token_lists)
    return Trained(
        messages=len(rows),
        classes=len(classifier.classes),
        features=len(classifier.vocabulary),
        seconds=time.monotonic() - started,
        model_bytes=path.stat().st_size,
    )


def fit_classifier(
    token_lists: Sequence[Sequence[str]], labels: Sequence[str]
) -> tuple[Classifier, Callable[[Sequence[Sequence[str]]], np.ndarray]]:
    """Fit tf-idf and logistic regression; returns the model and scikit-learn's scorer."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = TfidfVectorizer(
        analyzer=_identity,
        sublinear_tf=True,
        min_df=2,
        max_features=MAX_FEATURES,
        dtype=np.float64,
    )
    matrix = vectoriser.fit_transform([features(tokens) for tokens in token_lists])
    model = LogisticRegression(
        C=REGULARISATION, max_iter=5000, tol=1e-3, class_weight="balanced", solver="lbfgs"
    )
    model.fit(matrix, list(labels))
    coef, intercept = model.coef_, model.intercept_
    if len(model.classes_) == 2:  # one row for the second class: softmax of (-z/2, z/2)
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    vocabulary = sorted(vectoriser.vocabulary_, key=vectoriser.vocabulary_.__getitem__)
    classifier = Classifier(
        vocabulary=vocabulary,
        idf=vectoriser.idf_,
        coef=coef,
        intercept=intercept,
        classes=[str(c) for c in model.classes_],
    )

    def score(found: Sequence[Sequence[str]]) -> np.ndarray:
        vectors = vectoriser.transform([features(tokens) for tokens in found])
        return np.asarray(model.predict_proba(vectors))

    return classifier, score


def fit_context(
    rules: WarningSignRules, rows: Sequence[Row], token_lists: Sequence[Sequence[str]]
) -> Classifier | None:
    """The context reading: on the messages where a phrase found a sign plainly, harmless
    (``none``) or not (``sign``), from the words around it (the sign's words hidden)."""
    kept, labels = [], []
    for row, tokens in zip(rows, token_lists, strict=True):
        if row.expected == "confirm":
            continue
        found = detect_tokens(tokens, rules)
        if any(s not in found.tentative for s in found.signs):
            kept.append(context_tokens(tokens, rules.sign_words))
            labels.append("none" if row.expected == "benign" else "sign")
    if len(set(labels)) < 2:
        return None
    context, _ = fit_classifier(kept, labels)
    return context


def training_digest(content_root: Path) -> str:
    """What the model depends on: the corpus, the rules and the SMS forms."""
    parts = [content_root / CORPUS_FILE, content_root / RULES_FILE, content_root / FORMS_FILE]
    return digest(*(p.read_bytes() if p.is_file() else b"" for p in parts))


def _identity(found: list[str]) -> list[str]:
    return found


def _check_same_probabilities(
    path: Path,
    score: Callable[[Sequence[Sequence[str]]], np.ndarray],
    token_lists: Sequence[Sequence[str]],
) -> None:
    """The stored model must score like scikit-learn's, or the file is removed."""
    from bot.rules.classifier import load_classifier

    stored = load_classifier(path)
    sample = list(token_lists[:50])
    expected = score(sample)
    for row, tokens in enumerate(sample):
        found = stored.predict(tokens)
        got = np.array([found.probability_of(c) for c in stored.classes])
        if not np.allclose(got, expected[row], atol=2e-3):
            path.unlink()
            raise RuntimeError("the stored model does not reproduce scikit-learn's scores")
