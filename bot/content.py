"""Loads what a clinic edits in ``content/`` (YAML and Jinja2) and renders it per language.

Content is data: a typo in it must fail loudly at load time, never show up as a blank
in a patient's chat. So every file is validated with pydantic and every template runs
with ``StrictUndefined``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from pydantic import BaseModel, ConfigDict, Field, model_validator

DEFAULT_CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"

Text = dict[str, str]  # language code -> text
M = TypeVar("M", bound=BaseModel)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Dosage(_Strict):
    """How much of one level to do: reps, a hold, or a duration, in sets."""

    sets: int = Field(ge=1, le=10)
    reps: int | None = Field(default=None, ge=1, le=100)
    hold_seconds: int | None = Field(default=None, ge=1, le=600)
    duration_seconds: int | None = Field(default=None, ge=1, le=3600)
    rest_seconds: int = Field(ge=0, le=600)
    days_per_week: int = Field(ge=1, le=7)

    @model_validator(mode="after")
    def _one_measure(self) -> Dosage:
        measures = [self.reps, self.hold_seconds, self.duration_seconds]
        if sum(m is not None for m in measures) != 1:
            raise ValueError("give exactly one of reps, hold_seconds or duration_seconds")
        return self

    def estimated_seconds(self) -> int:
        """A rough time for the whole dosage: about 3 s a rep, plus rests."""
        per_set = self.hold_seconds or self.duration_seconds or (self.reps or 0) * 3
        return self.sets * per_set + (self.sets - 1) * self.rest_seconds


class ExerciseLevel(_Strict):
    level: int = Field(ge=1)
    name: Text
    dosage: Dosage


ExerciseType = Literal["range-of-motion", "strengthening", "balance", "endurance", "functional"]


class Exercise(_Strict):
    """One exercise with its progression ladder, easier to harder."""

    id: str
    type: ExerciseType
    region: str
    equipment: list[str]
    name: Text
    levels: list[ExerciseLevel] = Field(min_length=3)
    cues: dict[str, list[str]]
    safety: Text
    stop_if: Text

    @model_validator(mode="after")
    def _levels_in_order(self) -> Exercise:
        if [lv.level for lv in self.levels] != list(range(1, len(self.levels) + 1)):
            raise ValueError("levels must be numbered 1, 2, 3, ... in order")
        return self

    def at_level(self, level: int) -> ExerciseLevel:
        """The variant for ``level``, clamped to the ladder."""
        return self.levels[max(1, min(level, len(self.levels))) - 1]


class ProgrammeItem(_Strict):
    exercise: str
    level: int = Field(default=1, ge=1)


class Programme(_Strict):
    id: str
    name: Text
    source: str
    exercises: list[ProgrammeItem] = Field(min_length=1, max_length=5)


class PainRules(_Strict):
    alert_urgent_at: int = Field(ge=0, le=10)
    source: str


class ContentError(Exception):
    """The content folder is broken; the message says which file and why."""


class Content:
    """Everything in ``content/``, validated, with one Jinja2 environment per language."""

    def __init__(self, root: Path) -> None:
        self.root = root
        languages = _read_yaml(root / "languages.yaml")
        self.languages: list[str] = list(languages["supported"])
        self.default_language: str = str(languages["default"])
        self.consent_version: str = str(_read_yaml(root / "consent.yaml")["version"])
        self.exercises = {e.id: e for e in _load_all(root / "exercises", Exercise)}
        self.programmes = {p.id: p for p in _load_all(root / "programmes", Programme)}
        self.pain_rules = _parse(root / "rules" / "pain.yaml", PainRules)
        self._environments = {lang: self._environment(lang) for lang in self.languages}
        self._locales = {lang: self._locale(lang) for lang in self.languages}
        self._check_references()

    def language_for(self, telegram_language_code: str | None) -> str:
        """The supported language closest to what Telegram reports for the user."""
        code = (telegram_language_code or "").split("-")[0].lower()
        return code if code in self.languages else self.default_language

    def render(self, lang: str, key: str, **variables: Any) -> str:
        """Render message ``key`` for ``lang``: a template file, or a short locale message."""
        lang = lang if lang in self.languages else self.default_language
        env = self._environments[lang]
        messages = self._locales[lang]["messages"]
        if key in messages:
            template: Template = env.from_string(messages[key])
        else:
            template = env.get_template(f"{key}.j2")
        return template.render(**variables).strip()

    def label(self, lang: str, key: str) -> str:
        """A button label, as plain text."""
        lang = lang if lang in self.languages else self.default_language
        return str(self._locales[lang]["buttons"][key])

    def exercise_text(self, lang: str, exercise_id: str, level: int) -> dict[str, Any]:
        """What the session template needs for one exercise at one level."""
        exercise = self.exercises[exercise_id]
        variant = exercise.at_level(level)
        dosage = variant.dosage
        kind = "reps" if dosage.reps else "hold" if dosage.hold_seconds else "duration"
        return {
            "name": variant.name[lang],
            "dosage": self.render(lang, f"dosage_{kind}", **dosage.model_dump()),
            "cues": exercise.cues[lang],
            "stop_if": exercise.stop_if[lang],
            "seconds": dosage.estimated_seconds(),
        }

    def _environment(self, lang: str) -> Environment:
        folder = self.root / "templates" / lang
        if not folder.is_dir():
            raise ContentError(f"{folder}: missing templates for language {lang!r}")
        return Environment(
            loader=FileSystemLoader(folder),
            undefined=StrictUndefined,
            autoescape=True,  # messages go out with HTML parse mode
            trim_blocks=False,
            keep_trailing_newline=False,
        )

    def _locale(self, lang: str) -> dict[str, dict[str, str]]:
        data = _read_yaml(self.root / "locales" / f"{lang}.yaml")
        if not isinstance(data.get("buttons"), dict) or not isinstance(data.get("messages"), dict):
            raise ContentError(f"locales/{lang}.yaml: needs 'buttons' and 'messages' sections")
        return data

    def _check_references(self) -> None:
        for programme in self.programmes.values():
            for item in programme.exercises:
                if item.exercise not in self.exercises:
                    raise ContentError(
                        f"programmes/{programme.id}.yaml: unknown exercise {item.exercise!r}"
                    )


def load_content(root: Path | str | None = None) -> Content:
    """Load and validate the content folder (``content/`` beside the code by default)."""
    return Content(Path(root) if root else DEFAULT_CONTENT_DIR)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ContentError(f"{path}: file is missing") from None
    except yaml.YAMLError as error:
        raise ContentError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, Mapping):
        raise ContentError(f"{path}: expected a mapping at the top level")
    return dict(data)


def _parse(path: Path, model: type[M]) -> M:
    try:
        return model.model_validate(_read_yaml(path))
    except ValueError as error:
        raise ContentError(f"{path}: {error}") from None


def _load_all(folder: Path, model: type[M]) -> list[M]:
    return [_parse(path, model) for path in sorted(folder.glob("*.yaml"))]
