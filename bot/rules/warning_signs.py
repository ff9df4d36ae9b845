"""Warning signs (clinical-rules section 2): the checklist, and reading them in free text.

Every sign, its level, its source, its checklist label, its advice and the phrases that
find it in what a patient types are data in ``content/rules/warning_signs.yaml``. This
module only applies them (``bot.content.warning_signs`` reads the files). Free text is a
safety net on top of the checklist, so a sign mentioned with a negation or a doubt ("no
chest pain but...", "je ne pense pas être tombé") is never dropped: it comes back with
``needs_confirmation`` so the bot asks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pydantic import Field, model_validator

from bot.rules.levels import AlertLevel
from bot.rules.normalise import Lexicon, Normaliser
from bot.rules.phrases import (
    Phrase,
    StartIndex,
    Words,
    compile_phrases,
    phrase_words,
    words_of_tokens,
)
from bot.strict import Strict

SEVERITY = {AlertLevel.ROUTINE: 1, AlertLevel.URGENT: 2, AlertLevel.EMERGENCY: 3}
Combination = tuple[Phrase, ...]  # "a + b": every part somewhere in the same message


def compile_combinations(texts: Sequence[str]) -> tuple[Combination, ...]:
    """Compile phrases; ``fell + blood thinner*`` needs both parts, in any clause."""
    return tuple(compile_phrases([part.strip() for part in text.split(" + ")]) for text in texts)


class SignEntry(Strict):
    """One warning sign as the clinic writes it."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    level: AlertLevel
    source: str = Field(min_length=1)
    label: dict[str, str]  # language -> the sign in words, listed above the checklist buttons
    button: dict[str, str] = Field(default_factory=dict)  # language -> the short button text
    advice: dict[str, str]  # language -> what the patient is told to do now
    if_now: dict[str, str]  # language -> the conditional line shown before asking
    phrases: dict[str, list[str]] = Field(default_factory=dict)  # language -> phrases
    not_when: dict[str, list[str]] = Field(default_factory=dict)  # look-alikes, per language


class CombinationPart(Strict):
    """One part of a combination: a sign found plainly, or one of some phrases."""

    sign: str | None = None
    phrases: dict[str, list[str]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _one_kind(self) -> CombinationPart:
        if (self.sign is None) == (not self.phrases):
            raise ValueError("a combination part is either a sign or phrases")
        return self


class CombinationEntry(Strict):
    """Signs and phrases that together mean a more serious sign (a fall, then can't stand)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    sign: str  # the sign reported when every part is there
    source: str = Field(min_length=1)
    when: list[CombinationPart] = Field(min_length=2)


class Overrule(Strict):
    """Per level: the classifier's "nothing here" probability that overrules a phrase match.

    1 never overrules. The values are chosen by cross-validation on the corpus's train split,
    grouped by paraphrase family (``python -m tools.triage_corpus.crossval --choose``).
    """

    emergency: float = Field(default=1.0, gt=0.5, le=1)
    urgent: float = Field(default=1.0, gt=0.5, le=1)
    routine: float = Field(default=1.0, gt=0.5, le=1)


class Thresholds(Strict):
    """When the classifier is sure of a sign, when it is only enough to ask, and when its
    "nothing here" overrules a phrase that matched."""

    sure: float = Field(default=0.5, gt=0, le=1)
    doubt: float = Field(default=0.25, gt=0, le=1)
    routine_doubt: float | None = Field(default=None, gt=0, le=1)  # None: ``doubt``
    # An emergency sign the classifier gives at least this, even when another class ranks
    # first, is asked about (with the 911 or 9-8-8 line first). None: only the best class.
    emergency_doubt: float | None = Field(default=None, gt=0, le=1)
    overrule: Overrule = Overrule()

    def doubt_for(self, level: str) -> float:
        """From what probability a sign of this level the classifier alone found is asked."""
        if level == "routine" and self.routine_doubt is not None:
            return self.routine_doubt
        return self.doubt

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if self.doubt > self.sure:
            raise ValueError("classifier.doubt must not be above classifier.sure")
        return self


class WarningSignFile(Strict):
    """The whole of ``warning_signs.yaml``."""

    languages: list[str] = Field(min_length=1)
    cue_window: int = Field(default=4, ge=1, le=10)
    clause_breaks: dict[str, list[str]]
    negation: dict[str, list[str]]
    negation_is_symptom: dict[str, list[str]] = Field(default_factory=dict)
    uncertainty: dict[str, list[str]]
    signs: list[SignEntry] = Field(min_length=1)
    combinations: list[CombinationEntry] = Field(default_factory=list)
    classifier: Thresholds = Thresholds()

    @model_validator(mode="after")
    def _complete(self) -> WarningSignFile:
        ids = [sign.id for sign in self.signs]
        if len(set(ids)) != len(ids):
            raise ValueError("every sign needs its own id")
        for sign in self.signs:
            for field in ("label", "advice", "if_now"):
                missing = set(self.languages) - set(getattr(sign, field))
                if missing:
                    raise ValueError(f"{sign.id}.{field}: missing {', '.join(sorted(missing))}")
        for combination in self.combinations:
            named = [combination.sign] + [p.sign for p in combination.when if p.sign]
            unknown = sorted(set(named) - set(ids))
            if unknown:
                raise ValueError(f"combination {combination.id}: unknown sign {unknown[0]}")
        return self


@dataclass(frozen=True)
class Sign:
    """A warning sign ready to use: its phrases compiled, per language."""

    id: str
    level: AlertLevel
    source: str
    label: Mapping[str, str]
    button: Mapping[str, str]
    advice: Mapping[str, str]
    if_now: Mapping[str, str]
    phrases: Mapping[str, tuple[Combination, ...]]
    not_when: Mapping[str, tuple[Phrase, ...]]


@dataclass(frozen=True)
class Escalation:
    """A compiled combination: each part a sign id, or phrases per language."""

    id: str
    sign: str
    source: str
    parts: tuple[str | Mapping[str, tuple[Phrase, ...]], ...]


@dataclass(frozen=True)
class Detection:
    """What a message says about warning signs.

    ``signs`` lists every sign found, most serious first; ``level`` is the most serious of
    them. ``needs_confirmation`` is true when that level rests only on a mention that was
    negated or doubtful: the bot asks the patient instead of deciding for them.
    """

    level: AlertLevel | None
    signs: tuple[str, ...]
    needs_confirmation: bool
    tentative: tuple[str, ...] = ()  # the signs only mentioned with a negation or doubt
    reasons: tuple[str, ...] = ()  # "sign: the phrase that found it", for --explain
    look_alikes: tuple[str, ...] = ()  # signs with a listed look-alike in the message
    combined: tuple[str, ...] = ()  # signs raised by a combination of parts
    # Where each sign stated plainly was matched: (sign, first word, last word + 1), counted
    # in the message's words without punctuation or clause breaks (``words_of_tokens``).
    where: tuple[tuple[str, int, int], ...] = ()

    def as_json(self) -> dict[str, Any]:
        """The ``companion triage`` line: level, signs and needs_confirmation."""
        return {
            "level": self.level.value if self.level else "none",
            "signs": list(self.signs),
            "needs_confirmation": self.needs_confirmation,
        }


NOTHING = Detection(level=None, signs=(), needs_confirmation=False)


class WarningSignRules:
    """The compiled rules: signs in the file's order, and the cue phrases per language."""

    def __init__(self, data: WarningSignFile, normaliser: Normaliser | None = None) -> None:
        self.languages = tuple(data.languages)
        self.cue_window = data.cue_window
        self.thresholds = data.classifier
        self.signs = tuple(
            Sign(
                id=entry.id,
                level=entry.level,
                source=entry.source,
                label=dict(entry.label),
                button=dict(entry.button),
                advice=dict(entry.advice),
                if_now=dict(entry.if_now),
                phrases={lang: compile_combinations(p) for lang, p in entry.phrases.items()},
                not_when={lang: compile_phrases(p) for lang, p in entry.not_when.items()},
            )
            for entry in data.signs
        )
        self.clause_breaks = {lang: tuple(w) for lang, w in data.clause_breaks.items()}
        self.negation = {lang: compile_phrases(p) for lang, p in data.negation.items()}
        self.negation_is_symptom = {
            lang: compile_phrases(p) for lang, p in data.negation_is_symptom.items()
        }
        self.uncertainty = {lang: compile_phrases(p) for lang, p in data.uncertainty.items()}
        self.combinations = tuple(
            Escalation(
                id=entry.id,
                sign=entry.sign,
                source=entry.source,
                parts=tuple(
                    part.sign
                    if part.sign
                    else {lang: compile_phrases(p) for lang, p in part.phrases.items()}
                    for part in entry.when
                ),
            )
            for entry in data.combinations
        )
        self._by_id = {sign.id: sign for sign in self.signs}
        self.index = StartIndex(self._phrases())
        base = normaliser or Normaliser(forms={})
        targets = set(base.lexicon.targets) | {
            w.rstrip("*") for w in self.words() if not w.endswith("*") and len(w) > 1
        }
        lexicon = Lexicon.of(targets, base.lexicon.known)
        self.normaliser = Normaliser(base.forms, lexicon, base.except_after)

    def _phrases(self) -> list[Phrase]:
        """Every compiled phrase: signs, look-alikes, cues and combination parts."""
        found = self._sign_phrases()
        for table in (self.negation, self.uncertainty):
            found += [p for phrases in table.values() for p in phrases]
        found += [p for sign in self.signs for ps in sign.not_when.values() for p in ps]
        return found

    def _sign_phrases(self) -> list[Phrase]:
        phrases: list[Phrase] = [
            part
            for sign in self.signs
            for combinations in sign.phrases.values()
            for combination in combinations
            for part in combination
        ]
        phrases += [p for found in self.negation_is_symptom.values() for p in found]
        for escalation in self.combinations:
            for part in escalation.parts:
                if not isinstance(part, str):
                    phrases += [p for found in part.values() for p in found]
        return phrases

    def words(self) -> list[str]:
        """Every word and ``stem*`` in the phrases: what typo repair may aim at."""
        return sorted({w for phrase in self._sign_phrases() for w in phrase_words(phrase)})

    @cached_property
    def sign_words(self) -> tuple[frozenset[str], tuple[str, ...]]:
        """The phrases' words of 4 letters or more, and their ``stem*`` starts: what the
        classifier's context reading hides, so that it learns the words around a sign
        ("years ago", "lol", "my grandson") rather than the sign's own words."""
        words = self.words()
        exact = frozenset(w for w in words if not w.endswith("*") and len(w) >= 4)
        stems = tuple(sorted(w[:-1] for w in words if w.endswith("*") and len(w) > 4))
        return exact, stems

    def sign(self, sign_id: str) -> Sign:
        return self._by_id[sign_id]

    def checklist(self, lang: str) -> list[tuple[str, str]]:
        """The structured checklist in ``lang``: (sign id, label), most serious first."""
        ordered = sorted(self.signs, key=lambda s: -SEVERITY[s.level])
        return [(sign.id, sign.label[self._lang(lang)]) for sign in ordered]

    def checklist_buttons(self, lang: str) -> list[tuple[str, str, str]]:
        """The checklist in ``lang``: (sign id, short button text, the sign in words)."""
        lang = self._lang(lang)
        ordered = sorted(self.signs, key=lambda s: -SEVERITY[s.level])
        return [(s.id, s.button.get(lang) or s.label[lang], s.label[lang]) for s in ordered]

    def button(self, sign_id: str, lang: str) -> str:
        """The short button text of one sign (its label when it has none)."""
        sign, lang = self._by_id[sign_id], self._lang(lang)
        return sign.button.get(lang) or sign.label[lang]

    def advice(self, detection: Detection, lang: str) -> list[str]:
        """What to tell the patient now, most serious first (911 or 988 before anything)."""
        return [self._by_id[sign_id].advice[self._lang(lang)] for sign_id in detection.signs]

    def _lang(self, lang: str) -> str:
        return lang if lang in self.languages else self.languages[0]


def rules_from_data(
    data: Mapping[str, Any], normaliser: Normaliser | None = None
) -> WarningSignRules:
    """Validate and compile the file's contents; a problem is a ``ValueError`` naming it."""
    return WarningSignRules(WarningSignFile.model_validate(data), normaliser)


def detect(text: str, rules: WarningSignRules, languages: Sequence[str] | None = None) -> Detection:
    """The warning signs in one message, using the phrases of ``languages`` (all by default).

    The text is normalised first (``bot.rules.normalise``). A sign mentioned plainly anywhere
    in the message counts. A sign only mentioned after a negation ("no", "pas de") or with a
    doubt ("maybe", "peut-être") in the same clause is kept as tentative, except where the
    negation is the symptom itself ("can't feel", "peux plus respirer"). A combination of
    signs and phrases can raise the level ("fell" + "can't stand up"). The most serious sign
    sets the level: EMERGENCY, then URGENT, then ROUTINE.
    """
    return detect_tokens(rules.normaliser.tokens(text), rules, languages)


def detect_tokens(
    tokens: Sequence[str], rules: WarningSignRules, languages: Sequence[str] | None = None
) -> Detection:
    """``detect`` on text the normaliser already read."""
    langs = tuple(languages or rules.languages)
    breaks = [word for lang in langs for word in rules.clause_breaks.get(lang, ())]
    found = words_of_tokens(tokens, breaks)
    if not found.tokens:
        return NOTHING
    at = rules.index.starts(found)
    symptoms = _spans(found, rules.negation_is_symptom, langs, at)
    negations = [
        cue
        for cue in _spans(found, rules.negation, langs, at)
        if not any(_overlap(cue, s) for s in symptoms)
    ]
    doubts = [
        cue
        for cue in _spans(found, rules.uncertainty, langs, at)
        if not any(_overlap(cue, s) for s in symptoms)
    ]
    affirmed: dict[str, Sign] = {}
    tentative: dict[str, Sign] = {}
    reasons: list[str] = []
    resembling: list[str] = []
    where: list[tuple[str, int, int]] = []
    for sign in rules.signs:
        look_alikes = _spans(found, sign.not_when, langs, at)
        if look_alikes:
            resembling.append(sign.id)
        mentioned = plainly = False
        for combination in (c for lang in langs for c in sign.phrases.get(lang, ())):
            parts = [
                [
                    s
                    for s in part.find(found, at.get(id(part), ()))
                    if not any(_overlap(s, o) for o in look_alikes)
                ]
                for part in combination
            ]
            if not all(parts):
                continue
            mentioned = True
            plain_here = all(
                any(not _qualified(s, found, negations, doubts, rules.cue_window) for s in spans)
                for spans in parts
            )
            if plain_here and not plainly:
                reasons.append(f"{sign.id}: {' + '.join(p.text for p in combination)}")
            if plain_here:
                where += [(sign.id, start, end) for spans in parts for start, end in spans]
            plainly = plainly or plain_here
        if mentioned:
            (affirmed if plainly else tentative)[sign.id] = sign
            if not plainly:
                reasons.append(f"{sign.id}: negated or doubtful mention")
    combined: list[str] = []
    for escalation in rules.combinations:
        if _combined(escalation, found, affirmed, negations, doubts, rules, langs, at):
            raised = rules.sign(escalation.sign)
            combined.append(raised.id)
            affirmed[raised.id] = raised
            tentative.pop(raised.id, None)
            reasons.append(f"{raised.id}: combination {escalation.id}")
    if not affirmed and not tentative:
        return Detection(None, (), False, look_alikes=tuple(resembling)) if resembling else NOTHING
    everything = sorted([*affirmed.values(), *tentative.values()], key=lambda s: -SEVERITY[s.level])
    top = everything[0].level
    sure = any(sign.level is top for sign in affirmed.values())
    return Detection(
        level=top,
        signs=tuple(sign.id for sign in everything),
        needs_confirmation=not sure,
        tentative=tuple(sign.id for sign in everything if sign.id in tentative),
        reasons=tuple(reasons),
        look_alikes=tuple(resembling),
        combined=tuple(combined),
        where=tuple(where),
    )


def _combined(
    escalation: Escalation,
    found: Words,
    affirmed: Mapping[str, Sign],
    negations: Sequence[tuple[int, int]],
    doubts: Sequence[tuple[int, int]],
    rules: WarningSignRules,
    langs: Sequence[str],
    at: Mapping[int, list[int]],
) -> bool:
    """Whether every part of a combination is there, plainly (not negated or doubted)."""
    for part in escalation.parts:
        if isinstance(part, str):
            if part not in affirmed:
                return False
            continue
        spans = _spans(found, part, langs, at)
        if not any(not _qualified(s, found, negations, doubts, rules.cue_window) for s in spans):
            return False
    return True


def _spans(
    found: Words,
    phrases: Mapping[str, tuple[Phrase, ...]],
    langs: Sequence[str],
    at: Mapping[int, list[int]],
) -> list[tuple[int, int]]:
    return [
        span
        for lang in langs
        for p in phrases.get(lang, ())
        for span in p.find(found, at.get(id(p), ()))
    ]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _qualified(
    span: tuple[int, int],
    found: Words,
    negations: Sequence[tuple[int, int]],
    doubts: Sequence[tuple[int, int]],
    window: int,
) -> bool:
    """Whether a mention is negated (a cue just before it) or doubted (a cue in its clause)."""
    start, _ = span
    clause = found.clauses[start]
    for cue_start, cue_end in negations:
        if found.clauses[cue_start] == clause and cue_end <= start and start - cue_end <= window:
            return True
    return any(found.clauses[cue_start] == clause for cue_start, _ in doubts)
