"""Checks across files: references, translations and media, each reported at ``file:line``.

These run every time the content loads, so a broken reference or a missing French text
stops the bot at start-up instead of reaching a patient.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

from bot.content.located import LocatedYaml, Problem
from bot.content.models import Exercise, Programme
from bot.content.poses import Angles, Poses, View, limit_problems


class Content(Protocol):
    """The loaded pieces these checks read (``bot.content.library.Content`` has them)."""

    root: Path
    languages_in_files: list[str]  # the languages an exercise or programme file must have
    sources: dict[str, LocatedYaml]
    exercises: dict[str, Exercise]
    programmes: dict[str, Programme]


LANGUAGE_NAMES = {"en": "English", "fr": "French"}


def check_consistency(content: Content) -> list[Problem]:
    """Every problem that only shows when files are read together."""
    problems: list[Problem] = []
    for exercise_id, exercise in content.exercises.items():
        source = content.sources[f"exercises/{exercise_id}"]
        if source.path.stem != exercise_id:
            problems.append(source.problem(["id"], f"id {exercise_id!r} differs from file name"))
        problems += _translations(content, source, source.data)
        if exercise.media and exercise.media.image:
            image = content.root / exercise.media.image
            if not image.is_file():
                problems.append(source.problem(["media", "image"], f"no image at {image}"))
        if exercise.media is None and exercise.poses is None:
            problems.append(
                source.problem(
                    ["id"],
                    f"{exercise_id} has no picture: add poses, or a clinic's file under media",
                )
            )
        if exercise.poses is not None:
            problems += _impossible_poses(source, exercise.poses)
    for programme_id, programme in content.programmes.items():
        source = content.sources[f"programmes/{programme_id}"]
        problems += _translations(content, source, source.data)
        base: list[str | int] = ["phases"] if "phases" in source.data else []
        for p, phase in enumerate(programme.phases):
            for i, item in enumerate(phase.exercises):
                where: list[str | int] = [*base, p, "exercises", i] if base else ["exercises", i]
                used = content.exercises.get(item.exercise)
                if used is None:
                    problems.append(
                        source.problem([*where, "exercise"], f"unknown exercise {item.exercise!r}")
                    )
                elif item.level > len(used.levels):
                    problems.append(
                        source.problem(
                            [*where, "level"],
                            f"{item.exercise} has only {len(used.levels)} levels",
                        )
                    )
    return problems


def _impossible_poses(source: LocatedYaml, poses: Poses) -> list[Problem]:
    """Every angle outside its joint's limits, at its own line (levels included)."""
    problems = []
    places: list[tuple[list[str | int], View, Angles]] = [
        (["poses", "keyframes", i], poses.view, frame) for i, frame in enumerate(poses.keyframes)
    ]
    for level, variant in poses.levels.items():
        view = variant.view or poses.view
        where: list[str | int] = ["poses", "levels", str(level)]
        if variant.change is not None:
            places.append(([*where, "change"], view, variant.change))
        for i, frame in enumerate(variant.keyframes or ()):
            places.append(([*where, "keyframes", i], view, frame))
    for where, view, angles in places:
        name = getattr(angles, "name", None)
        label = f"keyframe {name!r}" if name else ".".join(str(p) for p in where[1:])
        for field, message in limit_problems(view, angles):
            problems.append(source.problem([*where, field], f"poses: {label}: {message}"))
    return problems


def _translations(content: Content, source: LocatedYaml, data: Any) -> list[Problem]:
    """A text mapping (``{en: ..., fr: ...}``) missing a supported language is a problem."""
    wanted = set(content.languages_in_files)
    problems = []
    for where, texts in _text_mappings(data, ()):
        missing = wanted - texts.keys()
        for lang in sorted(missing):
            name = LANGUAGE_NAMES.get(lang, lang)
            field = ".".join(str(part) for part in where)
            problems.append(source.problem(where, f"{field}: missing the {name} ({lang}) text"))
        for lang, text in texts.items():
            if lang in wanted and not (text if isinstance(text, str | list) else True):
                problems.append(source.problem([*where, lang], f"empty {lang} text"))
    return problems


def _text_mappings(
    data: Any, where: tuple[str | int, ...]
) -> Iterator[tuple[Any, Mapping[str, Any]]]:
    """Every mapping keyed by language codes, wherever it sits in a file."""
    if isinstance(data, Mapping):
        if (
            data
            and all(isinstance(k, str) and len(k) == 2 for k in data)
            and any(k in LANGUAGE_NAMES for k in data)
        ):
            yield list(where), data
            return
        for key, value in data.items():
            yield from _text_mappings(value, (*where, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _text_mappings(item, (*where, index))
