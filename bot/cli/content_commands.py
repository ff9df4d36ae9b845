"""``companion content check|preview|list|media``: tools for the people who edit ``content/``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli import media_commands, programme_commands
from bot.cli.common import emit, fail
from bot.content import DEFAULT_CONTENT_DIR, Content, ContentError, load_content
from bot.content.check import check_content
from bot.services.outgoing import Drawn, as_plain_text
from bot.services.programmes.preview import check_messages, programme_day

content_app = typer.Typer(
    help="Check, preview and list the exercise content.", no_args_is_help=True
)

RootOption = Annotated[Path, typer.Option("--root", help="The content folder.", file_okay=False)]


def register(app: typer.Typer) -> None:
    """Add ``companion content ...`` and ``companion programme ...``."""
    app.add_typer(content_app, name="content")
    content_app.add_typer(media_commands.media_app, name="media")
    programme_commands.register(app)


@content_app.command("check")
def check(
    root: RootOption = DEFAULT_CONTENT_DIR,
    readability: Annotated[
        bool,
        typer.Option("--readability", help="Also list each patient message's reading grade."),
    ] = False,
) -> None:
    """Validate schema, references, translations and templates; render every message.

    Prints one ``file:line: problem`` per problem and exits 1 if there is any. With
    ``--readability``, lists every patient-facing message's reading grade first, then
    those above grade 8, and the median per language.
    """
    report = check_content(root)
    if readability and report.content is not None:
        _readability(report.content)
    if report.content is not None:
        check_messages(report.content, report)
    base = root.resolve()
    unsampled = sorted({note.message.split(":")[0] for note in report.notes})
    if unsampled:
        typer.echo(
            f"note: {len(unsampled)} message(s) have no sample variables in "
            f"bot/content/samples.py and were rendered with placeholders: {', '.join(unsampled)}",
            err=True,
        )
    for problem in report.problems:
        typer.echo(problem.shown(base))
    if report.problems:
        typer.secho(f"{len(report.problems)} problem(s) found.", fg=typer.colors.RED, err=True)
        raise typer.Exit(1)
    assert report.content is not None
    typer.echo(
        f"Content OK: {len(report.content.exercises)} exercises, "
        f"{len(report.content.programmes)} programmes, {report.rendered} messages rendered "
        f"in {', '.join(report.content.languages)}."
    )


def _readability(content: Content) -> None:
    from bot.content.readability import LIMIT, readings, summary

    found = readings(content)
    for reading in found:
        typer.echo(f"grade {reading.grade:5.1f}  {reading.lang}  {reading.key}")
    above = [r for r in found if r.grade > LIMIT]
    typer.echo(f"Above grade {LIMIT:g} ({len(above)}):")
    for reading in above:
        typer.echo(f"  {reading.lang} {reading.key}: grade {reading.grade:.1f}")
    for lang in content.languages:
        measured, over, median = summary(found, lang)
        typer.echo(
            f"Readability ({lang}): {measured} patient messages, median grade {median:.1f}, "
            f"{over} above grade {LIMIT:g}."
        )


@content_app.command("update")
def update(root: RootOption = DEFAULT_CONTENT_DIR) -> None:
    """Extract the English messages (messages.pot) and bring every locales/*.po in step.

    New messages arrive untranslated and changed ones fuzzy: translate them, then run
    ``companion content check``.
    """
    from bot.content.catalogue import update_catalogues

    for path in update_catalogues(root):
        typer.echo(f"wrote {path}")


@content_app.command("port")
def port(
    keys: Annotated[list[str], typer.Argument(help="Message or button keys to port.")],
    old: Annotated[
        Path, typer.Option("--old", help="An old-style content folder (locales/*.yaml).")
    ],
    root: RootOption = DEFAULT_CONTENT_DIR,
) -> None:
    """Port keys from the old per-language YAML and templates into the catalogues."""
    from bot.content.port import PortError, port_key

    for key in keys:
        try:
            typer.echo(f"{key}: {port_key(root, old, key)}")
        except PortError as error:
            fail(f"{error}: port it by hand (docs/words.md)")


@content_app.command("preview")
def preview(
    exercise: Annotated[
        str | None,
        typer.Argument(help="An exercise id: write its animation's first and last frames."),
    ] = None,
    programme: Annotated[str | None, typer.Option("--programme", help="Programme id.")] = None,
    day: Annotated[int, typer.Option("--day", min=1, help="Day of the programme, from 1.")] = 1,
    lang: Annotated[str, typer.Option("--lang", help="Language code, e.g. en or fr.")] = "en",
    compact: Annotated[bool, typer.Option("--compact", help="The one-message form.")] = False,
    level: Annotated[int | None, typer.Option("--level", min=1, help="One level only.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Folder for the frames.")] = None,
    root: RootOption = DEFAULT_CONTENT_DIR,
) -> None:
    """Print what the patient would see on day N of a programme, or draw one EXERCISE.

    With an exercise id, writes the first and last frames of its animation at each level
    as PNG files and prints their paths (open them with any image viewer).
    """
    content = _load(root)
    if exercise is not None:
        media_commands.preview_exercise(content, exercise, level, out)
        return
    if programme is None:
        fail("Give an exercise id, or --programme to preview a day of a programme.")
    if programme not in content.programmes:
        fail(f"No programme {programme!r}. Choose one of: {', '.join(sorted(content.programmes))}.")
    if lang not in content.languages:
        fail(f"No language {lang!r}. Choose one of: {', '.join(content.languages)}.")
    phase, messages = programme_day(content, programme, day, lang, compact=compact)
    typer.echo(f"# {programme}, day {day}, phase {phase} ({lang})")
    for message in messages:
        typer.echo("")
        for picture in message.album:
            typer.echo(f"[album picture: {_shown(picture.picture)} - {picture.caption}]")
        if message.photo is not None:
            shown = "picture" if isinstance(message.photo, bytes) else message.photo
            typer.echo(f"[photo: {shown}]")
        if message.animation is not None:
            typer.echo(f"[animation: {_shown(message.animation)}]")
        typer.echo(as_plain_text(message.text))
        for row in message.buttons:
            typer.echo("  ".join(f"[{button.label}]" for button in row))


@content_app.command("list")
def list_content(
    type_: Annotated[str | None, typer.Option("--type", help="e.g. balance.")] = None,
    region: Annotated[str | None, typer.Option("--region", help="e.g. knee.")] = None,
    equipment: Annotated[str | None, typer.Option("--equipment", help="e.g. band.")] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the names.")] = "en",
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    root: RootOption = DEFAULT_CONTENT_DIR,
) -> None:
    """List exercises (filtered by type, region and equipment) and the programmes."""
    content = _load(root)
    exercises = [
        e
        for e in content.exercises.values()
        if (type_ is None or e.type == type_)
        and (region is None or e.region == region)
        and (equipment is None or equipment in e.equipment)
    ]
    programmes = [
        p
        for p in content.programmes.values()
        if not (type_ or region or equipment)
        or any(
            item.exercise in {e.id for e in exercises} for ph in p.phases for item in ph.exercises
        )
    ]
    data = {
        "exercises": [
            {
                "id": e.id,
                "type": e.type,
                "region": e.region,
                "equipment": e.equipment,
                "levels": len(e.levels),
                "name": e.name.get(lang, ""),
            }
            for e in exercises
        ],
        "programmes": [
            {"id": p.id, "phases": len(p.phases), "name": p.name.get(lang, ""), "source": p.source}
            for p in programmes
        ],
    }
    lines = [f"Exercises ({len(exercises)}):"]
    lines += [
        f"  {e.id:<24} {e.type:<16} {e.region:<11} {','.join(e.equipment):<10} "
        f"{e.name.get(lang, '')}"
        for e in exercises
    ]
    lines += [f"Programmes ({len(programmes)}):"]
    lines += [f"  {p.id:<24} {len(p.phases)} phase(s)  {p.name.get(lang, '')}" for p in programmes]
    emit(as_json, data, "\n".join(lines))


def _shown(picture: object) -> str:
    """A drawn picture as ``exercise level N (kind)``, a clinic's file by its path."""
    if isinstance(picture, Drawn):
        return f"drawn {picture.kind} of {picture.exercise_id}, level {picture.level}"
    return str(picture)


def _load(root: Path) -> Content:
    try:
        return load_content(root)
    except ContentError as error:
        fail(f"The content has problems; run `companion content check`.\n{error}")
