"""Warning signs (clinical-rules section 2): the checklist, and reading them in free text.

Every sign, its level, its source, its checklist label, its advice and the phrases that
find it in what a patient types are data in ``content/rules/warning_signs.yaml``. This
module only applies them. Free text is a safety net on top of the checklist, so a sign
mentioned with a negation or a doubt ("no chest pain but...", "je ne pense pas être
tombé") is never dropped: it comes back with ``needs_confirmation`` so the bot asks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.rules.levels import AlertLevel
from bot.rules.phrases import Phrase, Words, compile_phrases, words

RULES_FILE = Path("rules") / "warning_signs.yaml"  # inside the content folder
SEVERITY = {AlertLevel.ROUTINE: 1, AlertLevel.URGENT: 2, AlertLevel.EMERGENCY: 3}
Combination = tuple[Phrase, ...]  # "a + b": every part somewhere in the same message


def compile_combinations(texts: Sequence[str]) -> tuple[Combination, ...]:
    """Compile phrases; ``fell + blood thinner*`` needs both parts, in any clause."""
    return tuple(compile_phrases([part.strip() for part in text.split(" + ")]) for text in texts)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SignEntry(_Strict):
    """One warning sign as the clinic writes it."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    level: AlertLevel
    source: str = Field(min_length=1)
    label: dict[str, str]  # language -> the checklist button's text
    advice: dict[str, str]  # language -> what the patient is told to do now
    phrases: dict[str, list[str]] = Field(default_factory=dict)  # language -> phrases
    not_when: dict[str, list[str]] = Field(default_factory=dict)  # look-alikes, per language


class WarningSignFile(_Strict):
    """The whole of ``warning_signs.yaml``."""

    languages: list[str] = Field(min_length=1)
    cue_window: int = Field(default=4, ge=1, le=10)
    clause_breaks: dict[str, list[str]]
    negation: dict[str, list[str]]
    uncertainty: dict[str, list[str]]
    signs: list[SignEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _complete(self) -> WarningSignFile:
        ids = [sign.id for sign in self.signs]
        if len(set(ids)) != len(ids):
            raise ValueError("every sign needs its own id")
        for sign in self.signs:
            for field in ("label", "advice"):
                missing = set(self.languages) - set(getattr(sign, field))
                if missing:
                    raise ValueError(f"{sign.id}.{field}: missing {', '.join(sorted(missing))}")
        return self


@dataclass(frozen=True)
class Sign:
    """A warning sign ready to use: its phrases compiled, per language."""

    id: str
    level: AlertLevel
    source: str
    label: Mapping[str, str]
    advice: Mapping[str, str]
    phrases: Mapping[str, tuple[Combination, ...]]
    not_when: Mapping[str, tuple[Phrase, ...]]


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

    def __init__(self, data: WarningSignFile) -> None:
        self.languages = tuple(data.languages)
        self.cue_window = data.cue_window
        self.signs = tuple(
            Sign(
                id=entry.id,
                level=entry.level,
                source=entry.source,
                label=dict(entry.label),
                advice=dict(entry.advice),
                phrases={lang: compile_combinations(p) for lang, p in entry.phrases.items()},
                not_when={lang: compile_phrases(p) for lang, p in entry.not_when.items()},
            )
            for entry in data.signs
        )
        self.clause_breaks = {lang: tuple(w) for lang, w in data.clause_breaks.items()}
        self.negation = {lang: compile_phrases(p) for lang, p in data.negation.items()}
        self.uncertainty = {lang: compile_phrases(p) for lang, p in data.uncertainty.items()}
        self._by_id = {sign.id: sign for sign in self.signs}

    def sign(self, sign_id: str) -> Sign:
        return self._by_id[sign_id]

    def checklist(self, lang: str) -> list[tuple[str, str]]:
        """The structured checklist in ``lang``: (sign id, label), most serious first."""
        ordered = sorted(self.signs, key=lambda s: -SEVERITY[s.level])
        return [(sign.id, sign.label[self._lang(lang)]) for sign in ordered]

    def advice(self, detection: Detection, lang: str) -> list[str]:
        """What to tell the patient now, most serious first (911 or 988 before anything)."""
        return [self._by_id[sign_id].advice[self._lang(lang)] for sign_id in detection.signs]

    def _lang(self, lang: str) -> str:
        return lang if lang in self.languages else self.languages[0]


def rules_from_data(data: Mapping[str, Any]) -> WarningSignRules:
    """Validate and compile the file's contents; a problem is a ``ValueError`` naming it."""
    return WarningSignRules(WarningSignFile.model_validate(data))


def load_warning_signs(content_root: Path) -> WarningSignRules:
    """Read ``rules/warning_signs.yaml`` from the content folder."""
    path = content_root / RULES_FILE
    return rules_from_data(yaml.safe_load(path.read_text(encoding="utf-8")))


def detect(text: str, rules: WarningSignRules, languages: Sequence[str] | None = None) -> Detection:
    """The warning signs in one message, using the phrases of ``languages`` (all by default).

    A sign mentioned plainly anywhere in the message counts. A sign only mentioned after a
    negation ("no", "pas de") or with a doubt ("maybe", "peut-être") in the same clause is
    kept as tentative. The most serious sign sets the level: EMERGENCY, then URGENT, then
    ROUTINE.
    """
    langs = tuple(languages or rules.languages)
    breaks = [word for lang in langs for word in rules.clause_breaks.get(lang, ())]
    found = words(text, breaks)
    if not found.tokens:
        return NOTHING
    negations = _spans(found, rules.negation, langs)
    doubts = _spans(found, rules.uncertainty, langs)
    affirmed: list[Sign] = []
    tentative: list[Sign] = []
    for sign in rules.signs:
        look_alikes = _spans(found, sign.not_when, langs)
        mentioned = plainly = False
        for combination in (c for lang in langs for c in sign.phrases.get(lang, ())):
            parts = [
                [s for s in part.find(found) if not any(_overlap(s, o) for o in look_alikes)]
                for part in combination
            ]
            if not all(parts):
                continue
            mentioned = True
            plainly = plainly or all(
                any(not _qualified(s, found, negations, doubts, rules.cue_window) for s in spans)
                for spans in parts
            )
        if mentioned:
            (affirmed if plainly else tentative).append(sign)
    if not affirmed and not tentative:
        return NOTHING
    everything = sorted(affirmed + tentative, key=lambda s: -SEVERITY[s.level])
    top = everything[0].level
    sure = any(sign.level is top for sign in affirmed)
    return Detection(
        level=top,
        signs=tuple(sign.id for sign in everything),
        needs_confirmation=not sure,
        tentative=tuple(sign.id for sign in everything if sign in tentative),
    )


def _spans(
    found: Words, phrases: Mapping[str, tuple[Phrase, ...]], langs: Sequence[str]
) -> list[tuple[int, int]]:
    return [span for lang in langs for p in phrases.get(lang, ()) for span in p.find(found)]


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
