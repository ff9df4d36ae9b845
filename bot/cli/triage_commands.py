"""``companion triage``: a clinic tries its warning-sign rules on messages it writes.

Nothing is stored or logged: the messages go in on stdin or a CSV file, and one JSON line
per message comes out, in the same order.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from bot.cli.common import fail


def register(app: typer.Typer) -> None:
    """Add the ``triage`` command to ``app``."""

    @app.command("triage")
    def triage(
        csv_file: Annotated[
            Path | None,
            typer.Option("--csv", help="A CSV file with a header row; read instead of stdin."),
        ] = None,
        column: Annotated[str, typer.Option(help="The CSV column that holds the message.")] = (
            "text"
        ),
        lang: Annotated[
            str | None,
            typer.Option(help="Use only this language's phrases (en, fr). Default: all."),
        ] = None,
        content_dir: Annotated[
            Path | None, typer.Option("--content", help="The content folder to read rules from.")
        ] = None,
    ) -> None:
        """Read patient messages (one per line, or a CSV) and print what the rules find.

        Each output line is {"level": "emergency|urgent|routine|none", "signs": [ids],
        "needs_confirmation": bool}.
        """
        from bot.content import DEFAULT_CONTENT_DIR
        from bot.rules.warning_signs import detect, load_warning_signs

        try:
            rules = load_warning_signs(content_dir or DEFAULT_CONTENT_DIR)
        except (OSError, ValueError) as error:
            fail(f"Cannot read the warning-sign rules: {error}")
        if lang is not None and lang not in rules.languages:
            fail(f"--lang must be one of: {', '.join(rules.languages)}")
        languages = [lang] if lang else None
        for message in _csv_messages(csv_file, column) if csv_file else _lines():
            print(json.dumps(detect(message, rules, languages).as_json(), ensure_ascii=False))


def _lines() -> Iterator[str]:
    for line in sys.stdin:
        yield line.rstrip("\r\n")


def _csv_messages(path: Path, column: str) -> Iterator[str]:
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            if column not in (reader.fieldnames or []):
                fail(f"{path}: no {column!r} column (use --column to name it)")
            for row in reader:
                yield row[column] or ""
    except OSError as error:
        fail(f"Cannot read {path}: {error.strerror}")
