"""Poses are content: the keyframes of an exercise, as joint angles of a simple 2D body.

A clinic reads and corrects these in the exercise's YAML; ``bot.media`` draws them. The
body model is fixed (``bot.media.body``), so a pose is only angles: it cannot make a limb
the wrong length. An impossible pose, such as a knee bent backwards, is an angle outside
its joint's limits (``JOINT_LIMITS``), reported by ``companion content check`` at its line.

Angles are in degrees. In the **side** view the person faces right and we see their left
side, so the left limbs are drawn in front. ``trunk`` is the lean of the trunk from
upright (forward positive; 90 is lying face down, -90 lying on the back), ``back`` how
much the spine rounds (positive, like a cat) or arches (negative), ``waist`` how far
the chest bends forward (positive) or back (negative) from the pelvis; the other
angles are joints: ``neck`` and ``head`` bend forward (nodding) when positive,
``shoulder`` lifts the arm forward (0 along the body, 90 level, 180 overhead), ``elbow``
and ``knee`` bend (0 straight), ``hip`` brings the thigh forward (0 in line with the
trunk, 90 sitting), ``ankle`` pulls the toes up (negative points them).

In the **front** view we face the person: ``trunk`` and ``neck`` bend sideways towards
the person's left when positive, ``head_turn`` turns the head to their left, ``shoulder``
and ``hip`` lift the limb out to the side (negative crosses the body), ``elbow`` bends the
forearm up and out (negative: in, across the body), ``shin`` turns the shin out from the
thigh's line, ``ankle`` turns the foot up and out, and ``knee`` and ``hip_flex`` are seen
end-on, so they shorten the limb. Lying on the side (``trunk: 90``) is lying on the left
side with the head to the right: the right limbs are on top.

The **above** view looks down on a person sitting or lying on a mat, head at the top: the
front view's angles, with no floor (nothing is set down, and no contacts are needed).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.strict import Strict

View = Literal["side", "front", "above"]
Base = Literal[
    "standing",
    "sitting",
    "lying-back",
    "lying-back-knees-bent",
    "lying-front",
    "lying-side",
    "hands-knees",
    "long-sitting",
]
PropKind = Literal["chair", "wall", "band", "step", "mat", "table"]
Loop = Literal["back", "around"]
Limb = Literal["arm_l", "arm_r", "leg_l", "leg_r", "trunk", "head"]

SIDES = ("l", "r")
PAIRED = ("shoulder", "elbow", "hip", "knee", "ankle", "hip_flex", "shin")
SINGLE = ("trunk", "waist", "back", "neck", "head", "head_turn")
JOINTS: tuple[str, ...] = (*SINGLE, *(f"{j}_{s}" for j in PAIRED for s in SIDES))

# (lowest, highest) per joint and view: a value outside is a pose no body can take.
JOINT_LIMITS: dict[View, dict[str, tuple[float, float]]] = {
    "side": {
        "trunk": (-180, 180),
        "back": (-30, 45),
        "waist": (-60, 40),
        "neck": (-45, 50),
        "head": (-30, 35),
        "head_turn": (0, 0),
        "shoulder": (-60, 180),
        "elbow": (0, 150),
        "hip": (-30, 140),
        "knee": (0, 150),
        "ankle": (-60, 30),
        "hip_flex": (0, 0),
        "shin": (0, 0),
    },
    "front": {
        "trunk": (-180, 180),
        "back": (0, 0),
        "waist": (0, 0),
        "neck": (-45, 45),
        "head": (-30, 35),
        "head_turn": (-80, 80),
        "shoulder": (-135, 180),
        "elbow": (-150, 150),
        "hip": (-30, 60),
        "knee": (0, 150),
        "ankle": (-50, 30),
        "hip_flex": (-30, 140),
        "shin": (-100, 100),
    },
}
JOINT_LIMITS["above"] = JOINT_LIMITS["front"]  # the front view's angles, seen from above

# Where each base posture puts the joints, and which body points rest on something.
BASES: dict[Base, dict[str, float]] = {
    "standing": {"shoulder": 6, "elbow": 10},
    "sitting": {"hip": 90, "knee": 90, "shoulder": 5, "elbow": 60},
    "long-sitting": {"hip": 90, "shoulder": 20, "elbow": 10},
    "lying-back": {"trunk": -90, "shoulder": 5},
    "lying-back-knees-bent": {"trunk": -90, "hip": 45, "knee": 90, "ankle": -45, "shoulder": 5},
    "lying-front": {"trunk": 90, "shoulder": 150, "elbow": 90, "ankle": -60},
    "lying-side": {"trunk": 90, "hip_flex": 40, "knee": 70, "shoulder": -90, "elbow": 0},
    "hands-knees": {"trunk": 75, "hip": 75, "knee": 100, "shoulder": 75, "ankle": -50},
}
BASE_CONTACTS: dict[Base, tuple[str, ...]] = {
    "standing": ("foot_l", "foot_r"),
    "sitting": ("hip", "foot_l", "foot_r"),
    "long-sitting": ("hip", "heel_l", "heel_r"),
    "lying-back": ("hip", "shoulder", "heel_l", "heel_r"),
    "lying-back-knees-bent": ("hip", "shoulder", "foot_l", "foot_r"),
    "lying-front": ("hip", "knee_l", "knee_r"),
    "lying-side": ("hip",),
    "hands-knees": ("knee_l", "knee_r", "hand_l", "hand_r"),
}
POINTS = (
    "head",
    "shoulder",
    "hip",
    *(f"{p}_{s}" for p in ("elbow", "hand", "knee", "ankle", "heel", "toe", "foot") for s in SIDES),
)


class Angles(Strict):
    """Joint angles in degrees; ``knee`` sets both knees, ``knee_l`` only the left one."""

    trunk: float | None = None
    back: float | None = None
    waist: float | None = None
    neck: float | None = None
    head: float | None = None
    head_turn: float | None = None
    shoulder: float | None = None
    shoulder_l: float | None = None
    shoulder_r: float | None = None
    elbow: float | None = None
    elbow_l: float | None = None
    elbow_r: float | None = None
    hip: float | None = None
    hip_l: float | None = None
    hip_r: float | None = None
    hip_flex: float | None = None
    hip_flex_l: float | None = None
    hip_flex_r: float | None = None
    knee: float | None = None
    knee_l: float | None = None
    knee_r: float | None = None
    ankle: float | None = None
    ankle_l: float | None = None
    ankle_r: float | None = None
    shin: float | None = None
    shin_l: float | None = None
    shin_r: float | None = None

    def given(self) -> dict[str, float]:
        """Every joint this sets, with ``knee`` spread to ``knee_l`` and ``knee_r``."""
        values: dict[str, float] = {}
        data = self.model_dump()
        for name in SINGLE:
            if data.get(name) is not None:
                values[name] = data[name]
        for joint in PAIRED:
            for side in SIDES:
                value = data.get(f"{joint}_{side}")
                if value is None:
                    value = data.get(joint)
                if value is not None:
                    values[f"{joint}_{side}"] = value
        return values


class Keyframe(Angles):
    """One position of the movement: a base posture (first keyframe) and joint changes.

    Each keyframe starts from the one before it. ``hold`` keeps it still for that many
    seconds; ``hold: true`` holds it as long as the dosage says (up to ``MAX_HOLD``).
    ``seconds`` is the time to move into it (else the exercise's tempo). ``contacts``
    are the body points that rest on the floor or a prop here (else the base's).
    """

    name: str = Field(min_length=1, max_length=30)
    pose: Base | None = None
    hold: float | bool | None = None
    seconds: float | None = Field(default=None, gt=0, le=10)
    contacts: list[str] | None = None

    @model_validator(mode="after")
    def _known_points(self) -> Keyframe:
        for point in self.contacts or ():
            if point not in POINTS:
                raise ValueError(f"unknown body point {point!r}; use one of {', '.join(POINTS)}")
        timed = isinstance(self.hold, float | int) and not isinstance(self.hold, bool)
        if timed and not 0 < float(self.hold or 0) <= 60:
            raise ValueError("hold: give seconds from 1 to 60, or true")
        return self


class Prop(Strict):
    """A chair, wall, band, step, mat or table, placed where body point ``at`` is at the start.

    A band runs from ``at`` to ``to``: another body point, or ``anchor`` (a door handle). A
    hand that holds a wall, table or chair at the start keeps holding it while the body
    moves, unless ``held: false`` (hands sliding up a wall, or letting go).
    """

    kind: PropKind
    at: str = "hip"
    to: str | None = None
    height: float | None = Field(default=None, ge=20, le=60)  # a chair's seat, or a step
    held: bool = True  # a hand on it at the start stays there (false: it slides, or lets go)

    @model_validator(mode="after")
    def _known_points(self) -> Prop:
        for point in (self.at, self.to):
            if point is not None and point not in (*POINTS, "anchor"):
                raise ValueError(f"unknown body point {point!r}")
        if (self.kind == "band") != (self.to is not None):
            raise ValueError("a band needs 'to' (a body point or anchor); other props do not")
        return self


class LevelPoses(Strict):
    """How one level differs: angles changed in every keyframe, or its own keyframes/props."""

    change: Angles | None = None
    keyframes: list[Keyframe] | None = Field(default=None, min_length=3)
    props: list[Prop] | None = None
    view: View | None = None
    anchor: str | None = None
    highlight: list[Limb] | None = None
    hold: float | None = Field(default=None, gt=0, le=60)  # seconds the end position is held


class Poses(Strict):
    """The drawing of an exercise: view, props and keyframes (start, middle, ..., end).

    ``loop: back`` plays start to end and back again (a repetition); ``around`` goes from
    the end straight back to the start (walking, marching). ``anchor`` is the body point
    that stays in place (the feet when standing). ``highlight`` names the moving limbs
    (``arm_l``, ``leg_r``, ``trunk``, ``head``); by default, those that move most.
    """

    view: View = "side"
    props: list[Prop] = Field(default_factory=list)
    keyframes: list[Keyframe] = Field(min_length=3)
    loop: Loop = "back"
    anchor: str = "ankle_l"
    highlight: list[Limb] | None = None
    levels: dict[int, LevelPoses] = Field(default_factory=dict)
    alt: dict[str, str] | None = None  # what the drawing shows, per language

    @model_validator(mode="after")
    def _starts_from_a_posture(self) -> Poses:
        keyframes = [self.keyframes, *(lv.keyframes for lv in self.levels.values())]
        for frames in keyframes:
            if frames is not None and frames[0].pose is None:
                raise ValueError("the first keyframe needs a pose (e.g. standing, sitting)")
        for anchor in (self.anchor, *(lv.anchor for lv in self.levels.values())):
            if anchor is not None and anchor not in POINTS:
                raise ValueError(f"anchor: unknown body point {anchor!r}")
        return self


def limit_problems(view: View, angles: Angles) -> list[tuple[str, str]]:
    """``(field, message)`` for each angle outside its joint's limits in ``view``."""
    found = []
    limits = JOINT_LIMITS[view]
    for name, value in angles.model_dump(include=set(JOINTS) | set(PAIRED)).items():
        if value is None:
            continue
        joint = name.removesuffix("_l").removesuffix("_r")
        low, high = limits[joint]
        if not low <= value <= high:
            if low == high:
                found.append((name, f"{name} is not used in the {view} view"))
            elif joint == "knee" and value < 0:
                found.append((name, f"{name} {value:g}: a knee cannot bend backwards"))
            elif joint == "elbow" and value < 0:
                found.append((name, f"{name} {value:g}: an elbow cannot bend backwards"))
            else:
                found.append(
                    (name, f"{name} {value:g} is outside the joint's range {low:g} to {high:g}")
                )
    return found


MAX_HOLD = 5.0  # seconds a hold is shown for in the animation; the timer counts the rest


class Resolved(BaseModel):
    """One keyframe with every joint set, and the points that must rest on something."""

    model_config = ConfigDict(frozen=True)

    name: str
    angles: dict[str, float]
    contacts: tuple[str, ...]
    hold: float | bool | None
    seconds: float | None


class Drawing(BaseModel):
    """Everything needed to draw one exercise at one level."""

    model_config = ConfigDict(frozen=True)

    view: View
    props: tuple[Prop, ...]
    anchor: str
    loop: Loop
    highlight: tuple[str, ...] | None
    keyframes: tuple[Resolved, ...]


def drawing(poses: Poses, level: int) -> Drawing:
    """The keyframes of ``level``, each with every joint angle filled in."""
    variant = poses.levels.get(level, LevelPoses())
    frames = variant.keyframes or poses.keyframes
    angles = dict.fromkeys(JOINTS, 0.0)
    resolved: list[Resolved] = []
    contacts: tuple[str, ...] = ()
    for frame in frames:
        if frame.pose is not None:
            base = frame.pose
            contacts = BASE_CONTACTS[base]
            angles = dict.fromkeys(JOINTS, 0.0)
            angles.update(Angles.model_validate(BASES[base]).given())
        angles.update(frame.given())
        shown = dict(angles)
        if variant.change is not None:
            shown.update(variant.change.given())
        if frame.contacts is not None:  # else as in the keyframe before
            contacts = tuple(frame.contacts)
        resolved.append(
            Resolved(
                name=frame.name,
                angles=shown,
                contacts=contacts,
                hold=frame.hold,
                seconds=frame.seconds,
            )
        )
    if variant.hold is not None:
        resolved[-1] = resolved[-1].model_copy(update={"hold": variant.hold})
    return Drawing(
        view=variant.view or poses.view,
        props=tuple(variant.props if variant.props is not None else poses.props),
        anchor=variant.anchor or poses.anchor,
        loop=poses.loop,
        highlight=tuple(variant.highlight or poses.highlight or ()) or None,
        keyframes=tuple(resolved),
    )
