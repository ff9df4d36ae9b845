"""The schema of what a clinic edits: exercises, programmes and rule thresholds.

Every text a patient reads is a ``Text``: one entry per language. Missing languages are
reported by the loader (``bot.content.library``), which knows the supported languages.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from bot.content.poses import Poses
from bot.strict import Strict

Text = dict[str, str]  # language code -> text
DosageKind = Literal["reps", "hold", "duration"]
ExerciseType = Literal["range-of-motion", "strengthening", "balance", "endurance", "functional"]
Region = Literal[
    "neck",
    "shoulder",
    "upper-back",
    "lower-back",
    "hip",
    "knee",
    "ankle-foot",
    "whole-body",
]
EXERCISE_TYPES: tuple[str, ...] = ExerciseType.__args__  # type: ignore[attr-defined]
REGIONS: tuple[str, ...] = Region.__args__  # type: ignore[attr-defined]
MAX_SESSION_EXERCISES = 5  # clinical-rules section 4: short sessions are done more often


class Dosage(Strict):
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

    @property
    def kind(self) -> DosageKind:
        """Counted in reps, or timed as a hold or a duration."""
        return "reps" if self.reps else "hold" if self.hold_seconds else "duration"

    @property
    def timed_seconds(self) -> int | None:
        """The length of one timed set, for the countdown; ``None`` for reps."""
        return self.hold_seconds or self.duration_seconds

    def estimated_seconds(self) -> int:
        """A rough time for the whole dosage: about 3 s a rep, plus rests."""
        per_set = self.hold_seconds or self.duration_seconds or (self.reps or 0) * 3
        return self.sets * per_set + (self.sets - 1) * self.rest_seconds

    def with_changes(self, **changes: int | None) -> Dosage:
        """This dosage with a clinician's changes; a new measure replaces the old one."""
        given = {key: value for key, value in changes.items() if value is not None}
        data: dict[str, Any] = self.model_dump()
        if given.keys() & {"reps", "hold_seconds", "duration_seconds"}:
            data.update(reps=None, hold_seconds=None, duration_seconds=None)
        data.update(given)
        return Dosage.model_validate(data)


class ExerciseLevel(Strict):
    level: int = Field(ge=1)
    name: Text
    dosage: Dosage


class Media(Strict):
    """A picture for an exercise: a file under ``content/``, a URL, or a Telegram file id."""

    image: str | None = None
    url: str | None = Field(default=None, pattern=r"^https://")
    telegram_file_id: str | None = None
    alt: Text | None = None

    @model_validator(mode="after")
    def _one_source(self) -> Media:
        if sum(s is not None for s in (self.image, self.url, self.telegram_file_id)) != 1:
            raise ValueError("give exactly one of image, url or telegram_file_id")
        return self


class Exercise(Strict):
    """One exercise with its progression ladder, easier to harder."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,40}$")
    type: ExerciseType
    region: Region
    equipment: list[str] = Field(min_length=1)
    name: Text
    levels: list[ExerciseLevel] = Field(min_length=3)
    cues: dict[str, list[str]]
    safety: Text
    stop_if: Text
    media: Media | None = None
    poses: Poses | None = None  # the drawing's keyframes (bot/content/poses.py)

    @model_validator(mode="after")
    def _levels_in_order(self) -> Exercise:
        if [lv.level for lv in self.levels] != list(range(1, len(self.levels) + 1)):
            raise ValueError("levels must be numbered 1, 2, 3, ... in order")
        for level in self.poses.levels if self.poses else ():
            if not 1 <= level <= len(self.levels):
                raise ValueError(f"poses.levels: there is no level {level}")
        for lang, cues in self.cues.items():
            if not 2 <= len(cues) <= 4:
                raise ValueError(f"give 2 to 4 cues per language ({lang} has {len(cues)})")
        return self

    def at_level(self, level: int) -> ExerciseLevel:
        """The variant for ``level``, clamped to the ladder."""
        return self.levels[max(1, min(level, len(self.levels))) - 1]


class ProgrammeItem(Strict):
    exercise: str
    level: int = Field(default=1, ge=1)


class Phase(Strict):
    """A stretch of weeks with its own exercises, e.g. "calm it down", then "build up"."""

    name: Text
    weeks: int = Field(ge=1, le=52)
    exercises: list[ProgrammeItem] = Field(min_length=1, max_length=MAX_SESSION_EXERCISES)


class Programme(Strict):
    """A template a clinician assigns, then adjusts for one patient.

    A simple programme may list ``exercises`` at the top: that is one phase of 52 weeks.
    """

    id: str
    name: Text
    condition: Text | None = None
    source: str = Field(min_length=1)
    phases: list[Phase] = Field(min_length=1)
    # The pain model's level changes: applied at once, or proposed to the clinician, who
    # approves each with one button (bot/services/programmes/progression.py).
    level_changes: Literal["automatic", "propose"] = "automatic"

    @model_validator(mode="before")
    @classmethod
    def _single_phase(cls, data: Any) -> Any:
        if isinstance(data, dict) and "exercises" in data and "phases" not in data:
            data = dict(data)
            name = data.get("name") or {}
            data["phases"] = [{"name": name, "weeks": 52, "exercises": data.pop("exercises")}]
        return data

    @property
    def exercises(self) -> list[ProgrammeItem]:
        """The first phase's exercises: what a newly enrolled patient starts with."""
        return self.phases[0].exercises

    def phase_on_day(self, day: int) -> tuple[int, Phase]:
        """The phase (numbered from 1) that day ``day`` of the programme falls in."""
        weeks_before = 0
        for number, phase in enumerate(self.phases, start=1):
            weeks_before += phase.weeks
            if day <= weeks_before * 7:
                return number, phase
        return len(self.phases), self.phases[-1]


class Threshold(Strict):
    """One number of the pain-monitoring model, with the source it rests on."""

    value: int = Field(ge=0, le=60)
    source: str = Field(min_length=1)


class PainRules(Strict):
    alert_urgent_at: int = Field(ge=0, le=10)
    source: str
    # The rest of the pain-monitoring model (bot.rules.pain_model), and clinics' own values.
    thresholds: dict[str, Threshold] = Field(default_factory=dict)
    clinics: dict[str, dict[str, Threshold]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _known_thresholds(self) -> PainRules:
        from bot.rules.pain_model import thresholds_for  # raises on unknown or missing names

        for clinic in (None, *self.clinics):
            thresholds_for(self, clinic)
        return self


class CommandWords(Strict):
    """Commands typed as words, without the slash (content/rules/command_words.yaml)."""

    # command -> language -> its words ("today": {"en": ["today"], "fr": ["aujourd'hui"]})
    commands: dict[str, dict[str, list[str]]]
    # Real words close to a command word: never read as a typo of one.
    real_words: list[list[str]] = Field(default_factory=list)


class InboxRules(Strict):
    """How the clinic answers patients' messages (content/rules/inbox.yaml)."""

    # Patients are told they will usually hear back within this time; an unread thread
    # older than it is flagged to the care team.
    reply_within_hours: int = Field(ge=1, le=24 * 14)
    # How many messages of a thread a clinician sees at once.
    thread_shown: int = Field(default=10, ge=1, le=50)
