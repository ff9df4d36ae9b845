"""The 2D body: fixed segment lengths, joint angles in, points of a scene out.

A scene is one moment of an exercise: the body's points and the props, in body units
(about a centimetre; a standing person is 167 tall), with the floor at ``y = 0`` and
``y`` going up. The body is set down rigidly until its lowest point rests on the floor or
on a prop it sits on, so no pose floats and none sinks into the floor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from bot.content.poses import Drawing, Prop, View

Point = tuple[float, float]

TRUNK, LOWER_BACK, NECK, HEAD_R = 50.0, 15.0, 8.0, 10.0
UPPER_ARM, FOREARM = 29.0, 26.0
THIGH, SHIN = 42.0, 41.0
HEEL_DROP, HEEL_BACK, TOE = 6.0, 4.0, 16.0
HALF_HIPS, HALF_SHOULDERS = 9.0, 17.0
SEAT, CHAIR_BACK, STEP, MAT, TABLE = 40.0, 82.0, 18.0, 2.0, 90.0
CONTACT_TOLERANCE = 9.0  # body units between a point that rests on something and its surface
# How far the body's surface is below a point on its midline: the trunk and head are thick.
THICKNESS = {"head": HEAD_R, "hip": 9.0, "shoulder": 8.0, "knee_l": 6.0, "knee_r": 6.0}
THICKNESS_FRONT = {"head": HEAD_R, "hip": 16.0, "shoulder": 14.0}  # lying on the side


def _dir(angle: float) -> Point:
    """A unit vector: 0 points down, 90 forward (right), 180 up, -90 back."""
    rad = math.radians(angle)
    return (math.sin(rad), -math.cos(rad))


def _go(start: Point, angle: float, length: float) -> Point:
    d = _dir(angle)
    return (start[0] + d[0] * length, start[1] + d[1] * length)


@dataclass
class Body:
    """The points of one pose; ``segments`` are the lines to draw, named by limb."""

    view: View
    points: dict[str, Point]
    segments: list[tuple[str, Point, Point]]  # (limb, from, to); limb as in Poses.highlight
    face: tuple[Point, Point]  # a short mark on the head showing where the face points

    def moved(self, dx: float, dy: float) -> Body:
        def mv(p: Point) -> Point:
            return (p[0] + dx, p[1] + dy)

        return Body(
            self.view,
            {k: mv(p) for k, p in self.points.items()},
            [(limb, mv(a), mv(b)) for limb, a, b in self.segments],
            (mv(self.face[0]), mv(self.face[1])),
        )


@dataclass(frozen=True)
class _Limb:
    """One side's arm and leg, as points: what both views name and draw the same way."""

    side: str
    shoulder: Point
    elbow: Point
    hand: Point
    hip: Point
    knee: Point
    ankle: Point
    heel: Point
    toe: Point

    def points(self) -> dict[str, Point]:
        """The named points a pose, a prop or a band can refer to."""
        s = self.side
        return {
            f"elbow_{s}": self.elbow,
            f"hand_{s}": self.hand,
            f"knee_{s}": self.knee,
            f"ankle_{s}": self.ankle,
            f"heel_{s}": self.heel,
            f"toe_{s}": self.toe,
        }

    def segments(self, *, closed_foot: bool) -> list[tuple[str, Point, Point]]:
        """The lines drawn; seen from the side, the foot is a closed triangle."""
        arm, leg = f"arm_{self.side}", f"leg_{self.side}"
        foot = [(leg, self.toe, self.ankle)] if closed_foot else []
        return [
            (leg, self.hip, self.knee),
            (leg, self.knee, self.ankle),
            (leg, self.ankle, self.heel),
            (leg, self.heel, self.toe),
            *foot,
            (arm, self.shoulder, self.elbow),
            (arm, self.elbow, self.hand),
        ]


def pose_body(view: View, angles: dict[str, float]) -> Body:
    """The body's points for ``angles``, with the hip at the origin."""
    return _side(angles) if view == "side" else _front(angles, view)


def _side(a: dict[str, float]) -> Body:
    hip: Point = (0.0, 0.0)
    # The pelvis and lower back lean by ``trunk``; the chest bends on them at the waist.
    waist = _go(hip, 180 - a["trunk"], LOWER_BACK)
    t = a["trunk"] + a["waist"]
    shoulder = _go(waist, 180 - t, TRUNK - LOWER_BACK)
    neck_angle = 180 - t - a["neck"]
    neck_top = _go(shoulder, neck_angle, NECK)
    head = _go(neck_top, neck_angle, HEAD_R)
    facing = neck_angle - 90 - a["head"]
    face = (_go(head, facing, HEAD_R * 0.45), _go(head, facing, HEAD_R * 1.35))
    # The spine bows out towards the back when rounded, towards the front when arched.
    bow = TRUNK * 0.3 * math.sin(math.radians(a["back"]))
    middle = _go(_go(waist, 180 - t, TRUNK / 2 - LOWER_BACK), 180 - t + 90, bow)
    points: dict[str, Point] = {"hip": hip, "shoulder": shoulder, "head": head, "back": middle}
    segments: list[tuple[str, Point, Point]] = [
        ("trunk", hip, waist),
        ("trunk", waist, middle),
        ("trunk", middle, shoulder),
        ("head", shoulder, neck_top),
    ]
    for side in ("r", "l"):  # the far (right) side first, so the near side is drawn on top
        upper = -t + a[f"shoulder_{side}"]
        elbow = _go(shoulder, upper, UPPER_ARM)
        hand = _go(elbow, upper + a[f"elbow_{side}"], FOREARM)
        thigh = -a["trunk"] + a[f"hip_{side}"]
        knee = _go(hip, thigh, THIGH)
        shin = thigh - a[f"knee_{side}"]
        ankle = _go(knee, shin, SHIN)
        foot = shin + 90 + a[f"ankle_{side}"]
        sole = _go(ankle, shin, HEEL_DROP)
        heel = _go(sole, foot + 180, HEEL_BACK)
        toe = _go(sole, foot, TOE)
        limb = _Limb(side, shoulder, elbow, hand, hip, knee, ankle, heel, toe)
        points |= limb.points()
        segments += limb.segments(closed_foot=True)
    return Body("side", points, _far_first(segments), face)


def _far_first(segments: list[tuple[str, Point, Point]]) -> list[tuple[str, Point, Point]]:
    """Far limbs, then the trunk and head, then near limbs: the drawing order."""
    rank = {"arm_r": 0, "leg_r": 0, "trunk": 1, "head": 1, "leg_l": 2, "arm_l": 3}
    return sorted(segments, key=lambda s: rank[s[0]])


def _front(a: dict[str, float], view: View = "front") -> Body:
    t = a["trunk"]
    pelvis: Point = (0.0, 0.0)
    up = 180 - t
    # Seen from above, a sitting trunk and the arms reaching down beside it look short.
    upright = 0.4 if view == "above" else 1.0
    neck_base = _go(pelvis, up, TRUNK * upright)
    neck_angle = 180 - t - a["neck"]
    neck_top = _go(neck_base, neck_angle, NECK)
    head = _go(neck_top, neck_angle, HEAD_R)
    turn = math.sin(math.radians(a["head_turn"])) * HEAD_R * 0.7
    across = _dir(neck_angle + 90)  # towards the person's left, in the head's frame
    along = _dir(neck_angle)
    mark = (head[0] + across[0] * turn, head[1] + across[1] * turn)
    face = (
        (mark[0] - along[0] * 4, mark[1] - along[1] * 4),
        (mark[0] + along[0] * 4, mark[1] + along[1] * 4),
    )
    points: dict[str, Point] = {"hip": pelvis, "shoulder": neck_base, "head": head}
    segments: list[tuple[str, Point, Point]] = [("head", neck_base, neck_top)]
    for side, sign in (("r", -1.0), ("l", 1.0)):  # the person's left is on our right
        shoulder = _go(neck_base, up - 90 * sign, HALF_SHOULDERS)
        hip = _go(pelvis, up - 90 * sign, HALF_HIPS)
        segments += [
            ("trunk", shoulder, neck_base),
            ("trunk", hip, shoulder),
            ("trunk", hip, pelvis),
        ]
        upper = -t + sign * a[f"shoulder_{side}"]
        elbow = _go(shoulder, upper, UPPER_ARM * upright)
        hand = _go(elbow, upper + sign * a[f"elbow_{side}"], FOREARM * upright)
        thigh = -t + sign * a[f"hip_{side}"]
        flex = a[f"hip_flex_{side}"]
        knee = _go(hip, thigh, THIGH * abs(math.cos(math.radians(flex))))
        shin = thigh + sign * a[f"shin_{side}"]
        ankle = _go(knee, shin, SHIN * abs(math.cos(math.radians(flex - a[f"knee_{side}"]))))
        heel = _go(ankle, shin, HEEL_DROP)
        toe = _go(heel, shin + sign * (90 + a[f"ankle_{side}"]), 8.0)
        limb = _Limb(side, shoulder, elbow, hand, hip, knee, ankle, heel, toe)
        points |= limb.points()
        segments += limb.segments(closed_foot=False)
    return Body(view, points, _far_first(segments), face)


@dataclass(frozen=True)
class Placed:
    """A prop in the scene: a shape the renderer draws, and surfaces that hold the body."""

    prop: Prop
    box: tuple[float, float, float, float] = (0, 0, 0, 0)  # x0, y0, x1, y1
    seat: tuple[float, float, float] | None = None  # x0, x1, height the body rests on
    back: tuple[float, float] | None = None  # a chair back's x and top (facing away)
    line: tuple[Point, Point] | None = None  # a band
    holds: tuple[str, ...] | None = None  # the body points its seat holds (None: all)


@dataclass
class Scene:
    """One moment: the body set down, and the props around it."""

    body: Body
    props: list[Placed] = field(default_factory=list)

    def surface(self, x: float, name: str = "") -> float:
        """The height of what point ``name`` at ``x`` would rest on: a seat, step, mat, floor."""
        heights = [0.0] + [
            p.seat[2]
            for p in self.props
            if p.seat and p.seat[0] <= x <= p.seat[1] and (p.holds is None or name in p.holds)
        ]
        return max(heights)


def thickness(body: Body, name: str) -> float:
    """How far below point ``name`` the body's surface is, for resting on something."""
    table = THICKNESS if body.view == "side" else THICKNESS_FRONT
    return table.get(name, 1.0)


def point_of(body: Body, name: str) -> list[Point]:
    """A named point; ``foot_l`` is the heel and the toe."""
    if name.startswith("foot_"):
        side = name[-1]
        return [body.points[f"heel_{side}"], body.points[f"toe_{side}"]]
    return [body.points[name]]


def place_props(drawing: Drawing, start: Body, seated: Body) -> list[Placed]:
    """Props placed around the start pose (hip at the origin, before it is set down).

    A chair at the hip goes under the hip of the first keyframe where the hip rests.
    """
    placed = []
    for prop in drawing.props:
        (x, _), *_ = point_of(seated if prop.kind == "chair" else start, prop.at)
        front = drawing.view != "side"
        if prop.kind == "chair" and prop.at == "hip":
            x0, x1 = (x - 24, x + 24) if front else (x - 16, x + 24)
            seat = prop.height or SEAT
            placed.append(Placed(prop, (x0, 0, x1, seat), seat=(x0, x1, seat), holds=("hip",)))
        elif prop.kind in ("chair", "table"):  # held on to: its top is fitted to the hand
            placed.append(Placed(prop, (x, 0, x + 40, TABLE), back=(x, TABLE)))
        elif prop.kind == "wall":
            placed.append(Placed(prop, (x, 0, x + 8, 200)))
        elif prop.kind == "step":
            step = prop.height or STEP
            placed.append(Placed(prop, (x - 4, 0, x + 44, step), seat=(x - 4, x + 44, step)))
        elif prop.kind == "mat":
            placed.append(Placed(prop, (-400, 0, 400, MAT), seat=(-400, 400, MAT)))
        else:
            placed.append(Placed(prop))
    return placed


def scene(drawing: Drawing, angles: dict[str, float], start: Body, props: list[Placed]) -> Scene:
    """The body in ``angles``, its anchor where it was at the start, set down on its support."""
    body = pose_body(drawing.view, angles)
    (ax, _), *_ = point_of(body, drawing.anchor)
    (sx, _), *_ = point_of(start, drawing.anchor)
    body = body.moved(sx - ax, 0)
    here = Scene(body, props)
    if drawing.view == "above":  # seen from above: the mat is under all of it
        return here
    drop = min(
        p[1] - thickness(body, name) - here.surface(p[0], name) for name, p in body.points.items()
    )
    here.body = body.moved(0, -drop)
    return here


def fit_props(first: Scene) -> list[Placed]:
    """Held props fitted to the hand at the start, bands tied; the final list of props."""
    fitted = []
    for placed in first.props:
        prop = placed.prop
        if placed.back is not None:
            (x, y), *_ = point_of(first.body, prop.at)
            top = min(max(y, 60.0), 110.0)
            away = 1 if first.body.view == "side" else 0
            x0 = x - 6 if away else x - 20
            fitted.append(Placed(prop, (x0, 0, x0 + 36, top), back=(x, top)))
        elif prop.kind == "wall":
            (x, _), *_ = point_of(first.body, prop.at)
            behind = prop.at in ("hip", "shoulder", "head") or prop.at.startswith("heel")
            fitted.append(Placed(prop, (x - 8, 0, x, 190) if behind else (x, 0, x + 8, 190)))
        else:
            fitted.append(placed)
    return fitted


def band_line(placed: Placed, body: Body, anchor: Point) -> tuple[Point, Point] | None:
    """Where a band runs in this frame: from its body point to the anchor or another point."""
    prop = placed.prop
    if prop.kind != "band" or prop.to is None:
        return None
    (a, *_) = point_of(body, prop.at)
    b = anchor if prop.to == "anchor" else point_of(body, prop.to)[0]
    return (a, b)


def contact_gap(here: Scene, name: str) -> float:
    """How far body point ``name`` is from resting on something (0 when it touches)."""
    gaps = []
    for x, y in point_of(here.body, name):
        best = abs(y - thickness(here.body, name) - here.surface(x, name))
        for placed in here.props:
            x0, _, x1, top = placed.box
            if placed.back is not None and x0 - 6 <= x <= x1 + 6:
                best = min(best, abs(y - top))
            if placed.prop.kind == "wall":
                best = min(best, abs(x - x0), abs(x - x1))
        gaps.append(best)
    return max(gaps)


def frames_scenes(drawing: Drawing, angle_frames: list[dict[str, float]]) -> list[Scene]:
    """Scenes for a list of poses, props placed from the first."""
    start = pose_body(drawing.view, angle_frames[0])
    sitting = next((k for k in drawing.keyframes if "hip" in k.contacts), drawing.keyframes[0])
    seated = pose_body(drawing.view, sitting.angles)
    (ax, _), *_ = point_of(seated, drawing.anchor)
    (sx, _), *_ = point_of(start, drawing.anchor)
    props = place_props(drawing, start, seated.moved(sx - ax, 0))
    first = scene(drawing, angle_frames[0], start, props)
    props = fit_props(first)
    first.props = props
    pins = [(hand, first.body.points[hand]) for hand in held_hands(drawing, first)]
    scenes = [scene(drawing, angles, start, props) for angles in angle_frames]
    for here in scenes:
        for hand, target in pins:
            here.body = reach(here.body, hand, target)
    return scenes


def held_hands(drawing: Drawing, first: Scene) -> list[str]:
    """The hands that hold a wall, table or chair at the start, and keep holding it.

    The prop's own hand, when the start's contacts name it, and the other hand too when it
    touches the same prop at the start.
    """
    hands: list[str] = []
    for placed in first.props:
        prop = placed.prop
        if prop.kind not in ("wall", "table", "chair") or not prop.held:
            continue
        if not prop.at.startswith("hand_") or prop.at not in drawing.keyframes[0].contacts:
            continue
        other = "hand_r" if prop.at == "hand_l" else "hand_l"
        hands.append(prop.at)
        if prop_gap(first, placed, other) <= CONTACT_TOLERANCE:
            hands.append(other)
    return sorted(set(hands))


def reach(body: Body, hand: str, target: Point) -> Body:
    """The body with that hand on ``target``: a hand holding a wall, table or chair stays put.

    The arm bends at the elbow on the side it already bends (two-link inverse kinematics);
    a target out of reach gets the arm stretched towards it.
    """
    limb = f"arm_{hand[-1]}"
    arm = [i for i, seg in enumerate(body.segments) if seg[0] == limb]
    if len(arm) != 2:
        return body
    shoulder, elbow_before = body.segments[arm[0]][1], body.segments[arm[0]][2]
    dx, dy = target[0] - shoulder[0], target[1] - shoulder[1]
    distance = math.hypot(dx, dy)
    if distance < 1e-6:
        return body
    ux, uy = dx / distance, dy / distance
    if distance >= UPPER_ARM + FOREARM:
        elbow = (shoulder[0] + ux * UPPER_ARM, shoulder[1] + uy * UPPER_ARM)
        new_hand = (
            shoulder[0] + ux * (UPPER_ARM + FOREARM),
            shoulder[1] + uy * (UPPER_ARM + FOREARM),
        )
    else:
        cos_a = (UPPER_ARM**2 + distance**2 - FOREARM**2) / (2 * UPPER_ARM * distance)
        angle = math.acos(max(-1.0, min(1.0, cos_a)))
        options = []
        for sign in (1.0, -1.0):
            c, s_ = math.cos(sign * angle), math.sin(sign * angle)
            options.append(
                (
                    shoulder[0] + (ux * c - uy * s_) * UPPER_ARM,
                    shoulder[1] + (ux * s_ + uy * c) * UPPER_ARM,
                )
            )
        elbow = min(options, key=lambda e: math.dist(e, elbow_before))
        new_hand = target
    segments = list(body.segments)
    segments[arm[0]] = (limb, shoulder, elbow)
    segments[arm[1]] = (limb, elbow, new_hand)
    points = dict(body.points)
    points[f"elbow_{hand[-1]}"], points[hand] = elbow, new_hand
    return Body(body.view, points, segments, body.face)


def prop_gap(here: Scene, placed: Placed, name: str) -> float:
    """How far body point ``name`` is from touching this prop (its top, or a wall's face)."""
    x0, _, x1, top = placed.box
    gaps = []
    for x, y in point_of(here.body, name):
        if placed.prop.kind == "wall":
            gaps.append(min(abs(x - x0), abs(x - x1)))
        elif placed.seat is not None and placed.seat[0] <= x <= placed.seat[1]:
            gaps.append(abs(y - thickness(here.body, name) - placed.seat[2]))
        elif x0 - 6 <= x <= x1 + 6:
            gaps.append(abs(y - thickness(here.body, name) - top))
        else:
            gaps.append(float("inf"))
    return max(gaps)
