"""``companion content check|preview|list``: tools for the people who edit ``content/``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli import programme_commands
from bot.cli.common import emit, fail
from bot.content import DEFAULT_CONTENT_DIR, Content, ContentError, load_content
from bot.content.check import check_content
from bot.services.outgoing import as_plain_text
from bot.services.session_preview import check_messages, programme_day

content_app = typer.Typer(
    help="Check, preview and list the exercise content.", no_args_is_help=True
)

RootOption = Annotated[Path, typer.Option("--root", help="The content folder.", file_okay=False)]


def register(app: typer.Typer) -> None:
    """Add ``companion content ...`` and ``companion programme ...``."""
    app.add_typer(content_app, name="content")
    programme_commands.register(app)


@content_app.command("check")
def check(root: RootOption = DEFAULT_CONTENT_DIR) -> None:
    """Validate schema, references, translations and templates; render every message.

    Prints one ``file:line: problem`` per problem and exits 1 if there is any.
    """
    report = check_content(root)
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


@content_app.command("preview")
def preview(
    programme: Annotated[str, typer.Option("--programme", help="Programme id.")],
    day: Annotated[int, typer.Option("--day", min=1, help="Day of the programme, from 1.")] = 1,
    lang: Annotated[str, typer.Option("--lang", help="Language code, e.g. en or fr.")] = "en",
    compact: Annotated[bool, typer.Option("--compact", help="The one-message form.")] = False,
    root: RootOption = DEFAULT_CONTENT_DIR,
) -> None:
    """Print exactly what the patient would see on day N of a programme."""
    content = _load(root)
    if programme not in content.programmes:
        fail(f"No programme {programme!r}. Choose one of: {', '.join(sorted(content.programmes))}.")
    if lang not in content.languages:
        fail(f"No language {lang!r}. Choose one of: {', '.join(content.languages)}.")
    phase, messages = programme_day(content, programme, day, lang, compact=compact)
    typer.echo(f"# {programme}, day {day}, phase {phase} ({lang})")
    for message in messages:
        typer.echo("")
        if message.photo is not None:
            shown = "picture" if isinstance(message.photo, bytes) else message.photo
            typer.echo(f"[photo: {shown}]")
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


def _load(root: Path) -> Content:
    try:
        return load_content(root)
    except ContentError as error:
        fail(f"The content has problems; run `companion content check`.\n{error}")
