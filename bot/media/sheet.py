"""The contact sheet: every exercise at every level on one PNG, for a clinician to review."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable

from PIL import Image, ImageDraw, ImageFont

from bot.content.models import Exercise
from bot.media.render import GAP, PANEL, still_image

CELL_W, CELL_H, LABEL = (PANEL * 2 + GAP) // 2, PANEL // 2, 22


def contact_sheet(
    exercises: Iterable[Exercise],
    lang: str = "en",
    progress: Callable[[], None] | None = None,
) -> bytes:
    """One row per exercise, one column per level: the still, with its name."""
    rows = [e for e in exercises if e.poses is not None]
    columns = max((len(e.levels) for e in rows), default=1)
    sheet = Image.new("RGB", (CELL_W * columns, (CELL_H + LABEL) * len(rows)), "white")
    pen = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=13)
    for r, exercise in enumerate(rows):
        for c, level in enumerate(exercise.levels):
            x, y = c * CELL_W, r * (CELL_H + LABEL)
            still = still_image(exercise, level.level).resize((CELL_W, CELL_H))
            sheet.paste(still, (x, y + LABEL))
            label = f"{exercise.id} L{level.level}: {level.name.get(lang, '')}"
            pen.text((x + 4, y + 4), label[:58], fill="black", font=font)
            pen.line([(x, y), (x + CELL_W, y)], fill=(200, 200, 200))
            pen.line([(x, y), (x, y + CELL_H + LABEL)], fill=(200, 200, 200))
            if progress is not None:
                progress()
    out = io.BytesIO()
    sheet.save(out, format="PNG", optimize=True)
    return out.getvalue()
