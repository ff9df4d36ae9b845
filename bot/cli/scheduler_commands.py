"""``companion scheduler ...``: what the due-work table holds, and its dead letters."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli.common import clock_for, emit, fail, open_db, settings
from scheduler import store, tick_health

scheduler_app = typer.Typer(
    help="The due-work table: status and dead letters.", no_args_is_help=True
)

JSON = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


def register(app: typer.Typer) -> None:
    """Add the ``scheduler`` commands to ``app``."""
    app.add_typer(scheduler_app, name="scheduler")


@scheduler_app.command("status")
def status(as_json: JSON = False) -> None:
    """Is the tick alive? Each instance's last tick, what is overdue, the last day's outcomes."""
    config = settings()
    now = clock_for(config).now()
    with open_db(config) as db:
        report = tick_health.read(db, now)
    emit(as_json, report.as_json(), report.as_text())


@scheduler_app.command("dead")
def dead(as_json: JSON = False) -> None:
    """Rows that failed too often: kind, subject, due time, tries and the error type."""
    with open_db(settings()) as db:
        rows = store.dead_letters(db)
    data = [
        {
            "id": row.id,
            "kind": row.kind,
            "subject_id": row.subject_id,
            "due_at": row.due_at.isoformat(),
            "attempts": row.attempts,
            "error": row.last_error,
        }
        for row in rows
    ]
    lines = [
        f"#{d['id']} {d['kind']} for subject {d['subject_id']}, due {d['due_at']}: "
        f"{d['attempts']} tries, last error {d['error']}"
        for d in data
    ]
    emit(as_json, {"dead": data}, "\n".join(lines) or "No dead letters.")


@scheduler_app.command("retry")
def retry(row_id: Annotated[int, typer.Argument(help="The dead row's id.")]) -> None:
    """Give a dead-lettered row a fresh start, once its cause is fixed."""
    with open_db(settings()) as db:
        if not store.revive(db, row_id, clock_for(settings()).now()):
            fail(f"There is no dead-lettered row #{row_id}.")
    print(f"Row #{row_id} will be tried again at the next tick.")
