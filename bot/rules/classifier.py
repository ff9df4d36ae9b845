"""The statistical layer of triage: a linear classifier over word and character n-grams.

It is trained in this repository from the labelled corpus (``companion triage train``, see
``bot/triage/train.py``) and stored as plain arrays in ``content/triage/model.npz``: the
n-gram vocabulary, their idf weights, one coefficient row per class and the intercepts. It is
read with ``allow_pickle=False``, so loading it can never run code. Inference here is pure
numpy and reproduces scikit-learn's TfidfVectorizer (sublinear tf, l2 norm) followed by a
multinomial logistic regression; training checks both give the same probabilities.

The features are computed from the normaliser's words (``bot.rules.normalise``), so the
classifier sees the same repaired text the rules see.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import snowballstemmer

from bot.rules.normalise import PUNCTUATION

MODEL_FILE = Path("triage") / "model.npz"  # inside the content folder
NONE_CLASS = "none"
CHAR_SIZES = (2, 3, 4, 5)
_STEMMERS = {
    "en": snowballstemmer.stemmer("english"),
    "fr": snowballstemmer.stemmer("french"),
}


@lru_cache(maxsize=65536)
def _stem(word: str) -> tuple[str, str]:
    return (_STEMMERS["en"].stemWord(word), _STEMMERS["fr"].stemWord(word))


def word_features(token: str) -> list[str]:
    """The features of one word alone: itself, its stems, its character n-grams."""
    english, french = _stem(token)
    out = ["w " + token, "s " + english]
    if french != english:
        out.append("s " + french)
    padded = f" {token} "
    for size in CHAR_SIZES:
        if size > len(padded):
            break
        out += ["c " + padded[i : i + size] for i in range(len(padded) - size + 1)]
    return out


def features(tokens: Sequence[str]) -> list[str]:
    """The n-grams of normalised tokens: words, word pairs, stems, and character n-grams.

    Punctuation ends a clause: no word pair crosses it. Character n-grams are taken inside
    each word padded with spaces (scikit-learn's ``char_wb``).
    """
    out: list[str] = []
    previous = ""
    for token in tokens:
        if token in PUNCTUATION:
            previous = ""
            continue
        if previous:
            out.append("b " + previous + " " + token)
        out += word_features(token)
        previous = token
    return out


MASK = "_"


def context_tokens(
    tokens: Sequence[str], sign_words: tuple[frozenset[str], tuple[str, ...]]
) -> list[str]:
    """The tokens with every sign word hidden (``_``): what is said around the sign."""
    exact, stems = sign_words
    return [MASK if len(t) >= 4 and (t in exact or t.startswith(stems)) else t for t in tokens]


@dataclass(frozen=True)
class Prediction:
    """The classifier's view of one message: each class and its probability, best first."""

    ranked: tuple[tuple[str, float], ...]
    evidence: tuple[tuple[str, float], ...]  # the n-grams that pushed the best class most

    @property
    def label(self) -> str:
        return self.ranked[0][0]

    @property
    def probability(self) -> float:
        return self.ranked[0][1]

    def probability_of(self, label: str) -> float:
        return dict(self.ranked).get(label, 0.0)


class Classifier:
    """A trained model, ready to score messages."""

    def __init__(
        self,
        vocabulary: Sequence[str],
        idf: np.ndarray,
        coef: np.ndarray,
        intercept: np.ndarray,
        classes: Sequence[str],
        digest: str = "",
    ) -> None:
        self.index = {feature: i for i, feature in enumerate(vocabulary)}
        self.vocabulary = tuple(vocabulary)
        self.idf = idf.astype(np.float64)
        self.coef = coef.astype(np.float64)
        self.intercept = intercept.astype(np.float64)
        self.classes = tuple(classes)
        self.digest = digest  # the corpus and rules it was trained on (sha256)
        self._word_indices: dict[str, tuple[int, ...]] = {}
        self.context: Classifier | None = None  # harmless or not, from the words around a sign

    def with_context(self, context: Classifier | None) -> Classifier:
        self.context = context
        return self

    def with_digest(self, digest: str) -> Classifier:
        self.digest = digest
        return self

    def vector(self, tokens: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The message's tf-idf vector as (feature indices, l2-normalised weights)."""
        counts: Counter[int] = Counter()
        previous = ""
        for token in tokens:
            if token in PUNCTUATION:
                previous = ""
                continue
            if previous and (pair := self.index.get("b " + previous + " " + token)) is not None:
                counts[pair] += 1
            counts.update(self._indices_of(token))
            previous = token
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        indices = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float64)
        weights = tf * self.idf[indices]
        norm = float(np.sqrt(weights @ weights))
        return indices, weights / norm if norm else weights

    def _indices_of(self, token: str) -> tuple[int, ...]:
        """The known features of one word, cached (a message repeats its words)."""
        found = self._word_indices.get(token)
        if found is None:
            index = self.index
            found = tuple(i for f in word_features(token) if (i := index.get(f)) is not None)
            if len(self._word_indices) < 100_000:
                self._word_indices[token] = found
        return found

    def predict(self, tokens: Sequence[str], evidence: int = 5) -> Prediction:
        """Class probabilities for one normalised message (softmax of the linear scores)."""
        indices, weights = self.vector(tokens)
        scores = self.intercept + self.coef[:, indices] @ weights
        scores -= scores.max()
        probabilities = np.exp(scores)
        probabilities /= probabilities.sum()
        order = np.argsort(-probabilities, kind="stable")
        ranked = tuple((self.classes[i], float(probabilities[i])) for i in order)
        best = int(order[0])
        pushes = self.coef[best, indices] * weights
        top = np.argsort(-pushes, kind="stable")[:evidence]
        found = tuple(
            (self.vocabulary[int(indices[i])], float(pushes[i])) for i in top if pushes[i] > 0
        )
        return Prediction(ranked, found)

    def save(self, path: Path) -> None:
        """Write the model as plain arrays (no pickle), compressed."""
        path.parent.mkdir(parents=True, exist_ok=True)
        arrays = self._arrays("") | {"digest": np.array(self.digest, dtype=np.str_)}
        if self.context is not None:
            arrays |= self.context._arrays("context_")
        with path.open("wb") as handle:
            np.savez_compressed(handle, allow_pickle=False, **arrays)

    def _arrays(self, prefix: str) -> dict[str, np.ndarray]:
        return {
            prefix + "vocabulary": np.array(self.vocabulary, dtype=np.str_),
            prefix + "idf": self.idf.astype(np.float32),
            prefix + "coef": self.coef.astype(np.float32),
            prefix + "intercept": self.intercept.astype(np.float32),
            prefix + "classes": np.array(self.classes, dtype=np.str_),
        }


def load_classifier(path: Path) -> Classifier:
    """Read a model written by ``Classifier.save``; it never unpickles anything."""
    with np.load(path, allow_pickle=False) as stored:

        def part(prefix: str) -> Classifier:
            return Classifier(
                vocabulary=[str(v) for v in stored[prefix + "vocabulary"]],
                idf=stored[prefix + "idf"],
                coef=stored[prefix + "coef"],
                intercept=stored[prefix + "intercept"],
                classes=[str(c) for c in stored[prefix + "classes"]],
                digest=str(stored["digest"]),
            )

        context = part("context_") if "context_vocabulary" in stored.files else None
        return part("").with_context(context)


def tokens_for_training(texts: Iterable[Sequence[str]]) -> list[list[str]]:
    """The feature lists of many normalised messages (what the vectoriser is fitted on)."""
    return [features(tokens) for tokens in texts]
