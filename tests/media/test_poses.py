"""The poses in content/: possible for a body, resting where they should, touching the props."""

from __future__ import annotations

import math

from bot.content import Content, load_content
from bot.content.models import Exercise
from bot.content.poses import JOINT_LIMITS, Drawing, drawing
from bot.media.body import (
    CONTACT_TOLERANCE,
    Scene,
    contact_gap,
    frames_scenes,
    held_hands,
    prop_gap,
)
from bot.media.render import timeline

LIBRARY = load_content()
DRAWN = [
    (exercise.id, level.level)
    for exercise in LIBRARY.exercises.values()
    if exercise.poses is not None
    for level in exercise.levels
]


def _plan(exercise_id: str, level: int) -> tuple[Exercise, Drawing, list[Scene]]:
    exercise = LIBRARY.exercises[exercise_id]
    assert exercise.poses is not None
    plan = drawing(exercise.poses, level)
    return exercise, plan, frames_scenes(plan, [k.angles for k in plan.keyframes])


def test_every_exercise_is_drawn_from_poses_at_every_level(content: Content) -> None:
    assert len(DRAWN) == sum(len(e.levels) for e in content.exercises.values())
    assert {e for e, _ in DRAWN} == set(content.exercises)


def test_every_keyframe_is_within_the_joint_limits() -> None:
    wrong = []
    for exercise_id, level in DRAWN:
        _, plan, _ = _plan(exercise_id, level)
        limits = JOINT_LIMITS[plan.view]
        assert len(plan.keyframes) >= 3, exercise_id  # a start, a middle and an end
        for keyframe in plan.keyframes:
            for joint, value in keyframe.angles.items():
                low, high = limits[joint.removesuffix("_l").removesuffix("_r")]
                if not low <= value <= high:
                    wrong.append(f"{exercise_id} L{level} {keyframe.name}: {joint} {value}")
    assert wrong == []


def test_the_body_rests_on_the_floor_or_props_where_each_keyframe_says() -> None:
    wrong = []
    for exercise_id, level in DRAWN:
        _, plan, scenes = _plan(exercise_id, level)
        for keyframe, here in zip(plan.keyframes, scenes, strict=True):
            where = f"{exercise_id} L{level} {keyframe.name}"
            if plan.view == "above":
                continue  # seen from above: nothing rests on a floor in the picture
            if not keyframe.contacts:
                wrong.append(f"{where}: nothing rests on the floor or a prop")
            for point in keyframe.contacts:
                gap = contact_gap(here, point)
                if gap > CONTACT_TOLERANCE:
                    wrong.append(f"{where}: {point} is {gap:.0f} off")
    assert wrong == []


def test_each_prop_is_touched_by_its_body_point_at_the_start() -> None:
    """A wall, table or chair held by a hand, or named in the start's contacts, is touched."""
    wrong = []
    for exercise_id, level in DRAWN:
        _, plan, scenes = _plan(exercise_id, level)
        start = scenes[0]
        for placed in start.props:
            at = placed.prop.at
            if placed.prop.kind in ("band", "mat"):
                continue
            if placed.seat is not None and placed.prop.kind == "chair":
                continue  # sat on where the hip rests: checked with the contacts
            if not at.startswith("hand") and at not in plan.keyframes[0].contacts:
                continue  # placed near that point, not touched by it (a chair to crawl to)
            gap = prop_gap(start, placed, at)
            if gap > CONTACT_TOLERANCE:
                wrong.append(f"{exercise_id} L{level} {placed.prop.kind}: {gap:.0f} off")
    assert wrong == []


def test_standing_feet_are_flat_on_the_floor() -> None:
    scenes = _plan("arm-raise", 1)[2]
    for here in scenes:
        for point in ("heel_l", "toe_l", "heel_r", "toe_r"):
            assert contact_gap(here, point) <= 2


def test_a_sit_to_stand_starts_on_the_chair_and_ends_standing_in_front_of_it() -> None:
    scenes = _plan("sit-to-stand", 1)[2]
    (chair,) = [p for p in scenes[0].props if p.prop.kind == "chair"]
    assert prop_gap(scenes[0], chair, "hip") <= 2
    assert scenes[-1].body.points["hip"][1] > 80  # standing: the hip at about 90
    assert contact_gap(scenes[-1], "foot_l") <= 2


def test_a_prone_press_up_keeps_the_hips_down() -> None:
    for level in (1, 2, 3):
        scenes = _plan("prone-press-up", level)[2]
        for here in scenes:
            assert contact_gap(here, "hip") <= CONTACT_TOLERANCE


def test_a_pose_is_drawn_the_same_every_time() -> None:
    first = _plan("bridge", 2)[2][-1].body.points
    again = _plan("bridge", 2)[2][-1].body.points
    assert first == again


def test_a_hand_that_holds_a_wall_table_or_chair_stays_on_it_in_every_frame() -> None:
    held = 0
    for exercise_id, level in DRAWN:
        exercise, plan, _ = _plan(exercise_id, level)
        frames = [angles for angles, _ in timeline(exercise, level, plan)]
        scenes = frames_scenes(plan, frames)
        for hand in held_hands(plan, scenes[0]):
            held += 1
            start = scenes[0].body.points[hand]
            for here in scenes:
                moved = math.dist(here.body.points[hand], start)
                assert moved <= 10, f"{exercise_id} L{level}: {hand} moved {moved:.0f}"
    assert held >= 20  # wall push-ups, heel raises, squats at a counter, ...
