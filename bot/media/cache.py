"""The rendered pictures, kept on disk and made once: a still and a GIF per exercise and level.

A file's name carries a hash of everything that shapes it (the poses, the dosage, the cues
that set the tempo, and ``RENDERER_VERSION``), so an edit to the content makes a new file
and the old one is never sent again. ``MEDIA_CACHE_DIR`` moves the cache; by default it is
``var/media`` beside ``content/`` (ignored by git).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bot.content.models import Exercise
from bot.media.render import render_animation, render_still

RENDERER_VERSION = "1"  # change when the drawing changes, so every file is made again
Kind = Literal["animation", "still"]
KINDS: tuple[Kind, ...] = ("animation", "still")
SUFFIX = {"animation": ".gif", "still": ".png"}


@dataclass(frozen=True)
class Job:
    """One file to make."""

    exercise: Exercise
    level: int
    kind: Kind


def default_cache_dir(content_root: Path) -> Path:
    """``$MEDIA_CACHE_DIR``, or ``var/media`` beside the content folder."""
    configured = os.environ.get("MEDIA_CACHE_DIR")
    return Path(configured) if configured else content_root.parent / "var" / "media"


def cache_path(root: Path, exercise: Exercise, level: int, kind: Kind) -> Path:
    """Where the file for ``exercise`` at ``level`` lives in the cache."""
    shaped_by = {
        "renderer": RENDERER_VERSION,
        "kind": kind,
        "level": level,
        "poses": exercise.poses.model_dump(mode="json") if exercise.poses else None,
        "dosage": exercise.at_level(level).dosage.model_dump(mode="json"),
        "cues": exercise.cues,
        "name": exercise.at_level(level).name,
    }
    digest = hashlib.sha256(json.dumps(shaped_by, sort_keys=True).encode()).hexdigest()[:16]
    return root / f"{exercise.id}-{level}-{kind}-{digest}{SUFFIX[kind]}"


def render(exercise: Exercise, level: int, kind: Kind) -> bytes:
    """The file's bytes, drawn now."""
    if kind == "animation":
        return render_animation(exercise, level)
    return render_still(exercise, level)


def ensure(root: Path, exercise: Exercise, level: int, kind: Kind) -> Path:
    """The cached file, drawn first if it is not there yet (written atomically)."""
    path = cache_path(root, exercise, level, kind)
    if path.is_file():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(render(exercise, level, kind))
    partial.replace(path)
    return path


def jobs(exercises: Iterator[Exercise] | list[Exercise]) -> list[Job]:
    """Every file the library needs: each kind, for each level of each drawn exercise."""
    return [
        Job(exercise, level.level, kind)
        for exercise in exercises
        if exercise.poses is not None
        for level in exercise.levels
        for kind in KINDS
    ]


def _run(root: Path, job: Job) -> Path:
    return ensure(root, job.exercise, job.level, job.kind)


def build(
    root: Path,
    todo: list[Job],
    workers: int | None = None,
    done: Callable[[Path], None] | None = None,
) -> list[Path]:
    """Make every missing file, on all cores; ``done`` is called as each one is ready."""
    made: list[Path] = []
    count = workers or os.cpu_count() or 1
    if count == 1:
        for job in todo:
            made.append(_run(root, job))
            if done is not None:
                done(made[-1])
        return made
    with ProcessPoolExecutor(max_workers=count) as pool:
        for path in pool.map(_run, [root] * len(todo), todo, chunksize=2):
            made.append(path)
            if done is not None:
                done(path)
    return made


def content_hash(data: bytes) -> str:
    """The key a Telegram upload is remembered by: the file's SHA-256."""
    return hashlib.sha256(data).hexdigest()
