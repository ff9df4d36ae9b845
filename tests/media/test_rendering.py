"""Every drawing renders: a still per exercise and level, a looping GIF, the contact sheet."""

from __future__ import annotations

import io
import json

from PIL import Image

from bot.content import load_content
from bot.content.poses import MAX_HOLD, drawing
from bot.media.render import (
    GAP,
    MOVING,
    PANEL,
    is_slow,
    render_animation,
    render_still,
    timeline,
)
from bot.media.sheet import CELL_H, LABEL, contact_sheet

LIBRARY = load_content()


def _gif_frames(data: bytes) -> list[tuple[Image.Image, int]]:
    image = Image.open(io.BytesIO(data))
    frames = []
    for index in range(image.n_frames):
        image.seek(index)
        frames.append((image.convert("RGB"), int(image.info["duration"])))
    return frames


def test_every_exercise_has_a_still_at_every_level() -> None:
    for exercise in LIBRARY.exercises.values():
        for level in exercise.levels:
            still = Image.open(io.BytesIO(render_still(exercise, level.level)))
            assert still.format == "PNG" and still.size == (PANEL * 2 + GAP, PANEL)


def test_every_different_drawing_animates_as_a_looping_gif() -> None:
    seen: set[str] = set()
    for exercise in LIBRARY.exercises.values():
        assert exercise.poses is not None
        for level in exercise.levels:
            plan = drawing(exercise.poses, level.level)
            key = json.dumps([plan.model_dump(mode="json"), timeline(exercise, level.level, plan)])
            if key in seen:
                continue  # the same poses at the same tempo: the same file
            seen.add(key)
            data = render_animation(exercise, level.level)
            gif = Image.open(io.BytesIO(data))
            assert gif.format == "GIF" and gif.size == (PANEL, PANEL)
            assert gif.n_frames >= 3 and gif.info.get("loop") == 0, exercise.id
    assert len(seen) > len(LIBRARY.exercises)


def test_the_moving_limb_is_drawn_in_the_highlight_colour() -> None:
    (first, _), *_ = _gif_frames(render_animation(LIBRARY.exercises["seated-knee-extension"], 1))
    assert MOVING in {colour for _, colour in first.getcolors(maxcolors=64) or []}


def test_a_hold_is_held_in_the_animation() -> None:
    exercise = LIBRARY.exercises["single-leg-stand"]  # hold_seconds 10 at level 1
    durations = [ms for _, ms in _gif_frames(render_animation(exercise, 1))]
    assert max(durations) >= MAX_HOLD * 1000


def test_slow_cues_slow_the_animation_down() -> None:
    slow, brisk = LIBRARY.exercises["sit-to-stand"], LIBRARY.exercises["marching"]
    assert is_slow(slow, 1) and not is_slow(brisk, 1)
    plan = drawing(slow.poses, 1)  # type: ignore[arg-type]
    slow_ms = sum(ms for _, ms in timeline(slow, 1, plan))
    quick = slow.model_copy(update={"cues": {"en": ["Stand up."], "fr": ["Levez-vous."]}})
    quick_ms = sum(ms for _, ms in timeline(quick, 1, plan))
    assert slow_ms > 1.5 * quick_ms


def test_the_same_content_gives_the_same_bytes() -> None:
    exercise = LIBRARY.exercises["bridge"]
    assert render_animation(exercise, 2) == render_animation(exercise, 2)
    assert render_still(exercise, 3) == render_still(exercise, 3)


def test_the_contact_sheet_has_a_row_per_exercise() -> None:
    picked = [LIBRARY.exercises["bridge"], LIBRARY.exercises["wall-slide"]]
    sheet = Image.open(io.BytesIO(contact_sheet(picked)))
    assert sheet.height == 2 * (CELL_H + LABEL)
