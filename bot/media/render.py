"""Drawing the poses with Pillow: a still (start, arrow, end) and a looping GIF.

Deterministic and offline: the same content always gives the same bytes. Lines are thick
and dark on white; the limbs that move are drawn in one strong colour; the far side of the
body is grey. The head is a plain circle with one short mark for where the face points:
no face, and nothing that tells gender or age.
"""

from __future__ import annotations

import io
import re

from PIL import Image, ImageDraw

from bot.content.models import Exercise
from bot.content.poses import MAX_HOLD, Drawing, Resolved, drawing
from bot.media.body import HEAD_R, Body, Point, Scene, band_line, frames_scenes

PANEL = 320  # pixels: the GIF's size, and each half of the still
GAP = 56  # between the still's two panels, for the arrow
SUPER = 2  # drawn this much bigger, then reduced, for smooth lines
FPS = 10
BACKGROUND = (255, 255, 255)
INK = (20, 20, 20)
FAR = (128, 128, 128)
MOVING = (213, 94, 0)  # vermillion: strong on white, and clear to colour-blind eyes
MOVING_FAR = (236, 166, 120)
PROP_FILL, PROP_LINE = (232, 232, 232), (150, 150, 150)
BAND = (0, 140, 100)
FLOOR = (80, 80, 80)
LIMB_JOINTS = {
    "trunk": ("trunk",),
    "head": ("neck", "head", "head_turn"),
    **{f"arm_{s}": (f"shoulder_{s}", f"elbow_{s}") for s in "lr"},
    **{f"leg_{s}": (f"hip_{s}", f"knee_{s}", f"ankle_{s}", f"hip_flex_{s}") for s in "lr"},
}
SLOW = re.compile(r"\b(slow|slowly|lent|lente|lentement)\b", re.IGNORECASE)


def moving_limbs(plan: Drawing) -> tuple[str, ...]:
    """The limbs to highlight: named in the content, else those whose joints move 12° or more."""
    if plan.highlight:
        return plan.highlight
    frames = [k.angles for k in plan.keyframes]
    moving = [
        limb
        for limb, joints in LIMB_JOINTS.items()
        if any(max(f[j] for f in frames) - min(f[j] for f in frames) >= 12 for j in joints)
    ]
    limbs_only = [m for m in moving if m not in ("trunk",)]
    return tuple(limbs_only or moving)


def end_keyframe(plan: Drawing) -> Resolved:
    """The position the still shows after the arrow: the end, or halfway round a cycle."""
    if plan.loop == "around":
        return plan.keyframes[len(plan.keyframes) // 2]
    return plan.keyframes[-1]


def is_slow(exercise: Exercise, level: int) -> bool:
    """The cues or the level's name ask for slow movement."""
    texts = [t for cues in exercise.cues.values() for t in cues]
    texts += list(exercise.at_level(level).name.values())
    return any(SLOW.search(t) for t in texts)


def timeline(exercise: Exercise, level: int, plan: Drawing) -> list[tuple[dict[str, float], int]]:
    """Poses and how long each is shown (ms): moves eased at the tempo, holds held."""
    dosage = exercise.at_level(level).dosage
    move = 0.7 if dosage.kind == "duration" else 2.4 if is_slow(exercise, level) else 1.3
    held = min(float(dosage.hold_seconds or 2), MAX_HOLD)
    keys = list(plan.keyframes)
    if dosage.kind == "hold" and not any(k.hold for k in keys):
        keys[-1] = keys[-1].model_copy(update={"hold": True})
    order = keys + (keys[-2:0:-1] if plan.loop == "back" else [])
    frames: list[tuple[dict[str, float], int]] = [(keys[0].angles, 500)]
    for before, after in zip(order, [*order[1:], order[0]], strict=True):
        seconds = after.seconds or move
        steps = max(2, round(seconds * FPS))
        for i in range(1, steps + 1):
            frames.append((_between(before.angles, after.angles, _ease(i / steps)), 1000 // FPS))
        hold = after.hold
        if hold is True:
            frames.append((after.angles, int(held * 1000)))
        elif hold:
            frames.append((after.angles, int(min(float(hold), MAX_HOLD) * 1000)))
    return frames


def _ease(x: float) -> float:
    return x * x * (3 - 2 * x)


def _between(a: dict[str, float], b: dict[str, float], x: float) -> dict[str, float]:
    return {k: a[k] + (b[k] - a[k]) * x for k in a}


class Frame:
    """Maps body units onto a panel of pixels; the same for every frame of one drawing."""

    def __init__(self, scenes: list[Scene], size: int, supersample: int = SUPER) -> None:
        self.super = supersample
        xs: list[float] = []
        ys: list[float] = [] if scenes[0].body.view == "above" else [0.0]
        for here in scenes:
            for x, y in here.body.points.values():
                xs.append(x)
                ys.append(y)
            head = here.body.points["head"]
            xs += [head[0] - HEAD_R, head[0] + HEAD_R]
            ys += [head[1] + HEAD_R]
            for placed in here.props:
                x0, y0, x1, y1 = placed.box
                if x1 - x0 < 300:
                    xs += [x0, x1]
                    ys += [y0, min(y1, max(ys) + 10)]
        self.left, self.right = min(xs) - 12, max(xs) + 12
        above = scenes[0].body.view == "above"
        self.bottom, self.top = (min(ys) - 12 if above else -8.0), max(ys) + 12
        span = max(self.right - self.left, self.top - self.bottom)
        self.scale = size * supersample / span
        self.size = size * supersample
        self.x_pad = (self.size - (self.right - self.left) * self.scale) / 2
        self.y_pad = (self.size - (self.top - self.bottom) * self.scale) / 2

    def px(self, p: Point) -> tuple[float, float]:
        return (
            self.x_pad + (p[0] - self.left) * self.scale,
            self.size - self.y_pad - (p[1] - self.bottom) * self.scale,
        )

    def units(self, pixels: float) -> float:
        return pixels * self.super


def draw_scene(here: Scene, frame: Frame, highlight: tuple[str, ...], anchor: Point) -> Image.Image:
    """One panel: floor, props, then the body, far side first."""
    image = Image.new("RGB", (frame.size, frame.size), BACKGROUND)
    pen = ImageDraw.Draw(image)
    w = frame.units
    above = here.body.view == "above"
    if not above:
        floor_y = frame.px((0, 0))[1]
        pen.line([(0, floor_y), (frame.size, floor_y)], fill=FLOOR, width=round(w(3)))
    for placed in here.props:
        kind = placed.prop.kind
        x0, y0, x1, y1 = placed.box
        if kind == "band":
            continue
        if above and kind == "mat":  # the mat under the body, seen from above
            margin = w(18)
            pen.rounded_rectangle(
                [(margin, margin), (frame.size - margin, frame.size - margin)],
                radius=w(12),
                fill=PROP_FILL,
                outline=PROP_LINE,
                width=round(w(2)),
            )
            continue
        if kind == "chair" and placed.seat is not None:
            _chair(pen, frame, placed.box, facing_right=here.body.view == "side")
        elif kind == "chair" and placed.back is not None:
            _chair(pen, frame, placed.box, facing_right=False, held=True)
        else:
            a, b = frame.px((x0, y1)), frame.px((x1, y0))
            pen.rectangle([a, b], fill=PROP_FILL, outline=PROP_LINE, width=round(w(2)))
    _body(pen, frame, here.body, highlight)
    for placed in here.props:
        line = band_line(placed, here.body, anchor)
        if line is not None:
            pen.line([frame.px(line[0]), frame.px(line[1])], fill=BAND, width=round(w(4)))
            if placed.prop.to == "anchor":
                c = frame.px(anchor)
                r = w(6)
                pen.ellipse([c[0] - r, c[1] - r, c[0] + r, c[1] + r], fill=PROP_LINE)
    return image


def _chair(
    pen: ImageDraw.ImageDraw,
    frame: Frame,
    box: tuple[float, float, float, float],
    *,
    facing_right: bool,
    held: bool = False,
) -> None:
    x0, _, x1, top = box
    seat = top if not held else top * 0.52
    width = round(frame.units(5))
    back_x = x0 if facing_right else x1
    if held:
        back_x = x0 + 3
    back_top = seat + 42 if not held else top
    lines = [
        ((x0, seat), (x1, seat)),
        ((x0 + 2, 0), (x0 + 2, seat)),
        ((x1 - 2, 0), (x1 - 2, seat)),
        ((back_x, seat), (back_x, back_top)),
    ]
    for a, b in lines:
        pen.line([frame.px(a), frame.px(b)], fill=PROP_LINE, width=width)


def _body(pen: ImageDraw.ImageDraw, frame: Frame, body: Body, highlight: tuple[str, ...]) -> None:
    w = frame.units
    for limb, a, b in body.segments:
        far = limb.endswith("_r") and body.view == "side"
        moving = limb in highlight
        colour = (MOVING_FAR if far else MOVING) if moving else (FAR if far else INK)
        width = w(11) if limb == "trunk" and body.view == "side" else w(8)
        pa, pb = frame.px(a), frame.px(b)
        pen.line([pa, pb], fill=colour, width=round(width))
        for c in (pa, pb):  # round joints
            r = width / 2
            pen.ellipse([c[0] - r, c[1] - r, c[0] + r, c[1] + r], fill=colour)
    head = frame.px(body.points["head"])
    r = HEAD_R * frame.scale
    colour = MOVING if "head" in highlight else INK
    pen.ellipse(
        [head[0] - r, head[1] - r, head[0] + r, head[1] + r],
        fill=BACKGROUND,
        outline=colour,
        width=round(w(5)),
    )
    pen.line([frame.px(body.face[0]), frame.px(body.face[1])], fill=colour, width=round(w(5)))


def _anchor_point(scenes: list[Scene]) -> Point:
    """A band's fixed end (a door handle): ahead of the body, at the height it starts."""
    first = scenes[0]
    for placed in first.props:
        if placed.prop.kind == "band" and placed.prop.to == "anchor":
            x, y = first.body.points[placed.prop.at]
            return (x + 70, y)
    return (0.0, 0.0)


def _palette() -> Image.Image:
    colours = [BACKGROUND, INK, FAR, MOVING, MOVING_FAR, PROP_FILL, PROP_LINE, BAND, FLOOR]
    flat = [channel for colour in colours for channel in colour]
    image = Image.new("P", (1, 1))
    image.putpalette(flat + flat[:3] * (256 - len(colours)))
    return image


_PALETTE = _palette()


def _reduced(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    return image.resize(size, Image.Resampling.LANCZOS)


def render_animation(exercise: Exercise, level: int) -> bytes:
    """The looping GIF of ``exercise`` at ``level``."""
    assert exercise.poses is not None
    plan = drawing(exercise.poses, level)
    times = timeline(exercise, level, plan)
    scenes = frames_scenes(plan, [angles for angles, _ in times])
    frame = Frame(scenes, PANEL, supersample=1)  # flat colours: small GIFs, quick to draw
    highlight = moving_limbs(plan)
    anchor = _anchor_point(scenes)
    images: list[Image.Image] = []
    durations: list[int] = []
    for here, (_, ms) in zip(scenes, times, strict=True):
        picture = draw_scene(here, frame, highlight, anchor).quantize(
            palette=_PALETTE, dither=Image.Dither.NONE
        )
        if images and picture.tobytes() == images[-1].tobytes():
            durations[-1] += ms  # a held pose is one frame shown longer
            continue
        images.append(picture)
        durations.append(ms)
    out = io.BytesIO()
    images[0].save(
        out,
        format="GIF",
        save_all=True,
        append_images=images[1:],
        duration=durations,
        loop=0,
        optimize=True,
    )
    return out.getvalue()


def render_still(exercise: Exercise, level: int) -> bytes:
    """The still: the start and end positions side by side, an arrow between (PNG)."""
    return _png(still_image(exercise, level))


def still_image(exercise: Exercise, level: int) -> Image.Image:
    """The still as an image, for the contact sheet."""
    assert exercise.poses is not None
    plan = drawing(exercise.poses, level)
    keys = [plan.keyframes[0].angles, end_keyframe(plan).angles]
    every = [k.angles for k in plan.keyframes]
    scenes = frames_scenes(plan, [*keys, *every])
    frame = Frame(scenes, PANEL)
    highlight = moving_limbs(plan)
    anchor = _anchor_point(scenes)
    width = PANEL * 2 + GAP
    image = Image.new("RGB", (width * SUPER, PANEL * SUPER), BACKGROUND)
    image.paste(draw_scene(scenes[0], frame, highlight, anchor), (0, 0))
    image.paste(draw_scene(scenes[1], frame, highlight, anchor), ((PANEL + GAP) * SUPER, 0))
    pen = ImageDraw.Draw(image)
    mid_y = PANEL * SUPER * 0.45
    x0, x1 = (PANEL + 6) * SUPER, (PANEL + GAP - 6) * SUPER
    pen.line([(x0, mid_y), (x1 - 14 * SUPER, mid_y)], fill=MOVING, width=6 * SUPER)
    pen.polygon(
        [(x1, mid_y), (x1 - 18 * SUPER, mid_y - 12 * SUPER), (x1 - 18 * SUPER, mid_y + 12 * SUPER)],
        fill=MOVING,
    )
    return _reduced(image, (width, PANEL))


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def first_and_last(exercise: Exercise, level: int) -> tuple[bytes, bytes]:
    """The animation's first frame and its end position, as PNGs (``content preview``)."""
    assert exercise.poses is not None
    plan = drawing(exercise.poses, level)
    times = timeline(exercise, level, plan)
    scenes = frames_scenes(plan, [angles for angles, _ in times])
    frame = Frame(scenes, PANEL)
    highlight = moving_limbs(plan)
    anchor = _anchor_point(scenes)
    last_key = end_keyframe(plan).angles
    ends = frames_scenes(plan, [plan.keyframes[0].angles, last_key])
    pictures = [_reduced(draw_scene(s, frame, highlight, anchor), (PANEL, PANEL)) for s in ends]
    return _png(pictures[0]), _png(pictures[1])
