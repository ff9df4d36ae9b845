"""``companion triage``: try the warning-sign layers on messages, train them, measure them.

- ``companion triage``: one JSON line per message (stdin or ``--csv``); ``--explain`` adds the
  layer that decided, its confidence and why.
- ``companion triage train``: rebuild the lexicon and the classifier from the repository.
- ``companion triage eval FILE``: recall, false alarms and a confusion table on a labelled file.

Nothing is stored or logged: the messages go in, the answers come out.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli.common import fail

if TYPE_CHECKING:
    from bot.rules.classifier import Classifier
    from bot.rules.warning_signs import WarningSignRules

triage_app = typer.Typer(help="Warning signs in free text: try, train and measure the layers.")


def register(app: typer.Typer) -> None:
    """Add the ``triage`` commands to ``app``."""
    app.add_typer(triage_app, name="triage")


ContentOption = Annotated[
    Path | None, typer.Option("--content", help="The content folder to read rules from.")
]


@triage_app.callback(invoke_without_command=True)
def triage(
    context: typer.Context,
    csv_file: Annotated[
        Path | None,
        typer.Option("--csv", help="A CSV file with a header row; read instead of stdin."),
    ] = None,
    column: Annotated[str, typer.Option(help="The CSV column that holds the message.")] = "text",
    lang: Annotated[
        str | None,
        typer.Option(help="Use only this language's phrases (en, fr). Default: all."),
    ] = None,
    rules_only: Annotated[
        bool, typer.Option("--rules-only", help="Leave the classifier out: the phrases alone.")
    ] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Say which layer decided, how sure, and why.")
    ] = False,
    content_dir: ContentOption = None,
) -> None:
    """Read patient messages (one per line, or a CSV) and print what triage decides.

    Each output line is {"level": "emergency|urgent|routine|none", "signs": [ids],
    "needs_confirmation": bool}; with --explain also "layer", "confidence" and "why".
    """
    if context.invoked_subcommand is not None:
        return
    from bot.rules.triage import triage as decide

    rules, classifier = _layers(content_dir, rules_only)
    if lang is not None and lang not in rules.languages:
        fail(f"--lang must be one of: {', '.join(rules.languages)}")
    languages = [lang] if lang else None
    for message in _csv_messages(csv_file, column) if csv_file else _lines():
        found = decide(message, rules, classifier, languages)
        print(json.dumps(found.as_json(explain), ensure_ascii=False))


@triage_app.command("train")
def train_command(content_dir: ContentOption = None) -> None:
    """Rebuild content/triage/lexicon.json and model.npz from the corpus's train split."""
    from bot.content import DEFAULT_CONTENT_DIR
    from bot.triage.train import train

    try:
        done = train(content_dir or DEFAULT_CONTENT_DIR)
    except (OSError, ValueError) as error:
        fail(f"Cannot train: {error}")
    print(
        f"Trained on {done.messages} messages: {done.classes} classes, {done.features} "
        f"features, {done.model_bytes / 1e6:.1f} MB, in {done.seconds:.1f} s."
    )


@triage_app.command("eval")
def eval_command(
    labelled: Annotated[Path, typer.Argument(help="A labelled TSV (or the old CSV corpus).")],
    split: Annotated[
        str | None, typer.Option(help="Only rows of this split (train, heldout).")
    ] = None,
    rules_only: Annotated[bool, typer.Option("--rules-only", help="The phrases alone.")] = False,
    misses: Annotated[
        bool, typer.Option("--misses", help="Also print each missed or wrongly raised message.")
    ] = False,
    content_dir: ContentOption = None,
) -> None:
    """Recall per level and per sign (Wilson 95% intervals), false alarms, confusion table."""
    from bot.rules.triage import triage as decide
    from bot.triage.corpus import read_rows
    from bot.triage.evaluate import decided, evaluate

    rules, classifier = _layers(content_dir, rules_only)
    try:
        rows = read_rows(labelled)
    except (OSError, ValueError) as error:
        fail(f"Cannot read {labelled}: {error}")
    if split is not None:
        rows = [row for row in rows if row.split == split]
    if not rows:
        fail(f"{labelled}: no rows to evaluate")
    report = evaluate(rows, rules, lambda text: decide(text, rules, classifier))
    layers = "rules only" if classifier is None else "rules and classifier"
    print(f"{labelled.name}: {len(rows)} messages, {layers}")
    print("\n".join(report.lines()))
    if misses:
        print("\nMisses and false alarms")
        for row, found in report.misses:
            print(f"  [{row.expected} {row.sign or '-'} -> {decided(found)}] {row.text}")


def _layers(
    content_dir: Path | None, rules_only: bool
) -> tuple[WarningSignRules, Classifier | None]:
    from bot.content import DEFAULT_CONTENT_DIR
    from bot.content.warning_signs import load_warning_signs
    from bot.rules.classifier import MODEL_FILE, load_classifier

    root = content_dir or DEFAULT_CONTENT_DIR
    try:
        rules = load_warning_signs(root)
    except (OSError, ValueError) as error:
        fail(f"Cannot read the warning-sign rules: {error}")
    if rules_only or not (root / MODEL_FILE).is_file():
        return rules, None
    try:
        return rules, load_classifier(root / MODEL_FILE)
    except (OSError, ValueError, KeyError) as error:
        fail(f"Cannot read the triage model: {error}")


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
