"""Deciding, the last layer of triage: the higher of the clinic's rules and the classifier.

Each message is normalised once (``bot.rules.normalise``), then read by both layers:

- the rules (``bot.rules.warning_signs``): phrases a clinician wrote, with negation, doubt,
  negation-as-symptom and combinations;
- the classifier (``bot.rules.classifier``): a model trained on the labelled corpus.

The most serious sign either layer finds sets the level. A layer is *sure* of a sign when the
rules found it plainly, or the classifier gave it at least ``sure`` probability; a sign the
rules found only negated or doubted, or the classifier gave between ``doubt`` and ``sure``,
is *tentative*, and the bot asks about it (after showing the 911 or 9-8-8 line, for an
emergency). With ``emergency_doubt`` set, the most probable emergency sign is tentative
from that probability even when another class ranks first. A classifier sign the rules saw
negated stays tentative: the patient said "no", so the bot asks rather than overrules them.
A classifier sign whose look-alike the clinic listed (``not_when``: "chest press", "fell
asleep") is not raised when the rules found that sign nowhere else: the clinic said that
phrase is not the sign.

The classifier can also overrule a phrase. A phrase matches words; the classifier's *context
reading* (a second small model, trained on the messages where a phrase matched, with the
sign's own words hidden) weighs what is said around them: a figure of speech, someone else's
symptom, an event long over, the normal burn of an exercise. When it gives "harmless" at
least the level's ``overrule`` probability and the phrase's sign less than
``doubt``, the phrase's sign is not raised. The thresholds are chosen per level by
cross-validation on the training messages, grouped by paraphrase family, weighing a missed
emergency as many false alarms. A sign the patient mentioned negated or doubted is never
overruled (the bot still asks), nor is a combination. Nothing is ever dropped for being
unsure: an overruled message still reaches the clinician's inbox like every unexpected text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.rules.classifier import NONE_CLASS, Classifier, Prediction, context_tokens
from bot.rules.levels import AlertLevel
from bot.rules.normalise import PUNCTUATION
from bot.rules.warning_signs import (
    SEVERITY,
    Detection,
    Thresholds,
    WarningSignRules,
    detect_tokens,
)

RULES_SURE = 0.95  # the confidence given to a sign the clinic's phrases found plainly
RULES_TENTATIVE = 0.5


@dataclass(frozen=True)
class Triage:
    """The decision on one message, with the layer that made it and why."""

    level: AlertLevel | None
    signs: tuple[str, ...]  # most serious first
    needs_confirmation: bool
    tentative: tuple[str, ...]
    confidence: float  # how sure the deciding layer is of the top sign (0..1)
    layer: str  # "rules", "classifier", "rules+classifier" or "none"
    why: tuple[str, ...]

    def as_json(self, explain: bool = False) -> dict[str, Any]:
        """The ``companion triage`` line; ``explain`` adds the layer, confidence and reasons."""
        line: dict[str, Any] = {
            "level": self.level.value if self.level else "none",
            "signs": list(self.signs),
            "needs_confirmation": self.needs_confirmation,
        }
        if explain:
            line |= {
                "confidence": round(self.confidence, 3),
                "layer": self.layer,
                "why": list(self.why),
            }
        return line


def triage(
    text: str,
    rules: WarningSignRules,
    classifier: Classifier | None,
    languages: Sequence[str] | None = None,
) -> Triage:
    """Read one message with both layers and decide (see the module's docstring)."""
    tokens = rules.normaliser.tokens(text)
    found = detect_tokens(tokens, rules, languages)
    prediction = classifier.predict(tokens) if classifier is not None and tokens else None
    context = None
    if classifier is not None and classifier.context is not None:
        limits = rules.thresholds
        could_overrule = [
            sign
            for sign in found.signs
            if sign not in found.tentative
            and sign not in found.combined
            and getattr(limits.overrule, rules.sign(sign).level.value) < 1
            and (prediction is None or prediction.probability_of(sign) < limits.doubt)
        ]
        if could_overrule:  # read the context only when it could change the decision
            # Harmless only if both the whole message and the sentences of the match read
            # so: a long message's everyday talk must not overrule a sign stated plainly.
            readings = [
                classifier.context.predict(context_tokens(part, rules.sign_words))
                for part in (
                    tokens,
                    sentences_with(could_overrule, tokens, found, rules, languages),
                )
            ]
            context = min(readings, key=lambda reading: reading.probability_of(NONE_CLASS))
    return decide(found, prediction, rules, context=context)


SENTENCE_ENDS = frozenset(".!?\n")


def sentences_with(
    signs: Sequence[str],
    tokens: Sequence[str],
    found: Detection,
    rules: WarningSignRules,
    languages: Sequence[str] | None = None,
) -> list[str]:
    """The sentences where the rules matched one of ``signs`` (``found.where``): what is
    said around a match, however long the message around it."""
    matched = {n for sign, start, end in found.where if sign in signs for n in range(start, end)}
    langs = tuple(languages or rules.languages)  # as ``detect_tokens`` counts the words
    breaks = {word for lang in langs for word in rules.clause_breaks.get(lang, ())}
    kept: list[str] = []
    sentence: list[str] = []
    holds_a_match = False
    word = 0  # the position in words_of_tokens: punctuation and clause breaks not counted
    for token in [*tokens, "."]:
        sentence.append(token)
        if token not in PUNCTUATION and token not in breaks:
            holds_a_match = holds_a_match or word in matched
            word += 1
        if token in SENTENCE_ENDS:
            if holds_a_match:
                kept += sentence
            sentence, holds_a_match = [], False
    return kept or list(tokens)


def decide(
    found: Detection,
    prediction: Prediction | None,
    rules: WarningSignRules,
    thresholds: Thresholds | None = None,
    context: Prediction | None = None,
) -> Triage:
    """The decision from what each layer read; ``thresholds`` replaces the rules' own
    (cross-validation tries several on the same readings)."""
    limits = thresholds or rules.thresholds
    confidence: dict[str, float] = {}
    sure: dict[str, str] = {}  # sign -> the layer sure of it
    unsure: set[str] = set(found.tentative)
    why = [f"rules: {reason}" for reason in found.reasons]
    for sign in found.signs:
        if sign not in found.tentative:
            sure[sign] = "rules"
            confidence[sign] = RULES_SURE
        else:
            confidence[sign] = RULES_TENTATIVE
    if prediction is not None:
        nothing = context.probability_of(NONE_CLASS) if context is not None else 0.0
        for sign in [s for s, layer in sure.items() if layer == "rules"]:
            level = rules.sign(sign).level.value
            if (
                sign not in found.combined
                and nothing >= getattr(limits.overrule, level)
                and prediction.probability_of(sign) < limits.doubt
            ):
                del sure[sign]
                why.append(f"classifier: harmless in context p={nothing:.2f}, not {sign}")
        best = next(((c, p) for c, p in prediction.ranked if c != NONE_CLASS), None)
        if best is not None and best[1] >= limits.doubt_for(rules.sign(best[0]).level.value):
            sign, probability = best
            evidence = ", ".join(f"'{f[2:]}'" for f, _ in prediction.evidence[:4])
            why.append(f"classifier: {sign} p={probability:.2f} ({evidence})")
            if sign in found.look_alikes and sign not in found.signs:
                why.append(f"rules: a look-alike of {sign} the clinic listed; not raised")
            elif probability >= limits.sure and sign not in found.tentative:
                sure[sign] = "rules+classifier" if sign in sure else "classifier"
                unsure.discard(sign)
            elif sign not in sure:
                unsure.add(sign)
            confidence[sign] = max(confidence.get(sign, 0.0), probability)
        else:
            why.append(f"classifier: none p={prediction.probability_of(NONE_CLASS):.2f}")
        if limits.emergency_doubt is not None:
            _ask_about_a_possible_emergency(prediction, found, rules, limits, unsure, sure, why)
            for sign in unsure:
                confidence.setdefault(sign, prediction.probability_of(sign))
    everything = sorted(
        set(sure) | unsure, key=lambda s: (-SEVERITY[rules.sign(s).level], s not in sure, s)
    )
    if not everything:
        return Triage(None, (), False, (), 1.0, "none", tuple(why))
    top_sign = everything[0]
    top = rules.sign(top_sign).level
    is_sure = any(rules.sign(s).level is top for s in sure)
    layer = sure.get(top_sign, "rules" if top_sign in found.signs else "classifier")
    return Triage(
        level=top,
        signs=tuple(everything),
        needs_confirmation=not is_sure,
        tentative=tuple(s for s in everything if s not in sure),
        confidence=confidence[top_sign],
        layer=layer,
        why=tuple(why),
    )


def _ask_about_a_possible_emergency(
    prediction: Prediction,
    found: Detection,
    rules: WarningSignRules,
    limits: Thresholds,
    unsure: set[str],
    sure: dict[str, str],
    why: list[str],
) -> None:
    """The most probable emergency sign, when the classifier gives it at least
    ``emergency_doubt`` and nothing at emergency level is raised yet, is asked about."""
    if any(rules.sign(s).level is AlertLevel.EMERGENCY for s in (*sure, *unsure)):
        return
    emergencies = [
        (c, p)
        for c, p in prediction.ranked
        if c != NONE_CLASS and rules.sign(c).level is AlertLevel.EMERGENCY
    ]
    if not emergencies:
        return
    sign, probability = emergencies[0]
    threshold = limits.emergency_doubt
    if threshold is None or probability < threshold or sign in found.look_alikes:
        return
    unsure.add(sign)
    why.append(f"classifier: possible {sign} p={probability:.2f}; asked, with the 911 line")
