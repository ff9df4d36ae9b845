"""``companion content media build|sheet`` and ``content preview EXERCISE``: the drawings."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from bot.cli.common import fail
from bot.content import DEFAULT_CONTENT_DIR, Content, ContentError, load_content
from bot.media import cache
from bot.media.render import first_and_last
from bot.media.sheet import contact_sheet

media_app = typer.Typer(
    help="Draw the exercise pictures from their poses: the cache and the contact sheet.",
    no_args_is_help=True,
)

RootOption = Annotated[Path, typer.Option("--root", help="The content folder.", file_okay=False)]


def _load(root: Path) -> Content:
    try:
        return load_content(root)
    except ContentError as error:
        fail(f"The content has problems; run `companion content check`.\n{error}")


@media_app.command("build")
def build(
    root: RootOption = DEFAULT_CONTENT_DIR,
    out: Annotated[
        Path | None, typer.Option("--out", help="The cache folder (default: MEDIA_CACHE_DIR).")
    ] = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="Processes.")] = None,
) -> None:
    """Draw every still and animation into the cache; files already there are kept."""
    content = _load(root)
    folder = out or cache.default_cache_dir(content.root)
    todo = cache.jobs(list(content.exercises.values()))
    started = time.perf_counter()
    with typer.progressbar(length=len(todo), label="Drawing") as bar:
        made = cache.build(folder, todo, workers, done=lambda _: bar.update(1))
    seconds = time.perf_counter() - started
    size = sum(path.stat().st_size for path in made)
    typer.echo(
        f"{len(made)} files for {len({j.exercise.id for j in todo})} exercises in {folder} "
        f"({size / 1_000_000:.1f} MB), {seconds:.1f} s."
    )


@media_app.command("sheet")
def sheet(
    root: RootOption = DEFAULT_CONTENT_DIR,
    out: Annotated[Path, typer.Option("--out", help="The PNG to write.")] = Path(
        "contact-sheet.png"
    ),
    lang: Annotated[str, typer.Option("--lang", help="Language of the names.")] = "en",
) -> None:
    """Write one PNG with the still of every exercise at every level, for review."""
    content = _load(root)
    exercises = [e for e in content.exercises.values() if e.poses is not None]
    cells = sum(len(e.levels) for e in exercises)
    with typer.progressbar(length=cells, label="Drawing") as bar:
        data = contact_sheet(exercises, lang, progress=lambda: bar.update(1))
    out.write_bytes(data)
    typer.echo(f"{out} ({len(exercises)} exercises, {cells} pictures, {len(data) // 1024} KB)")


def preview_exercise(
    content: Content, exercise_id: str, level: int | None, out: Path | None
) -> None:
    """Write the first and last frames of an exercise's animation, and print their paths."""
    exercise = content.exercises.get(exercise_id)
    if exercise is None:
        fail(f"No exercise {exercise_id!r}. See `companion content list`.")
    if exercise.poses is None:
        fail(f"{exercise_id} has no poses: it is shown with the clinic's own file.")
    folder = out or cache.default_cache_dir(content.root) / "preview"
    folder.mkdir(parents=True, exist_ok=True)
    levels = [level] if level is not None else [lv.level for lv in exercise.levels]
    for number in levels:
        if number > len(exercise.levels):
            fail(f"{exercise_id} has levels 1 to {len(exercise.levels)}.")
        first, last = first_and_last(exercise, number)
        for name, data in (("first", first), ("last", last)):
            path = folder / f"{exercise_id}-{number}-{name}.png"
            path.write_bytes(data)
            typer.echo(str(path))
