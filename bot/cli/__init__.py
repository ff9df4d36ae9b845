"""The ``companion`` command line."""

from __future__ import annotations

import typer

from bot.cli import (
    admin,
    content_commands,
    demo,
    emulator_commands,
    privacy_commands,
    run,
    scheduler_commands,
    staff_commands,
    triage_commands,
)

app = typer.Typer(
    name="companion",
    help="Rehab Companion: a Telegram companion for home exercise programmes.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.command("run")(run.run)
app.command("demo")(demo.demo)
app.add_typer(run.db_app, name="db")
app.add_typer(admin.clinic_app, name="clinic")
app.add_typer(admin.staff_app, name="staff")
app.add_typer(admin.invite_app, name="invite")
emulator_commands.register(app)
staff_commands.register(app)
content_commands.register(app)
triage_commands.register(app)
scheduler_commands.register(app)
privacy_commands.register(app)


def main() -> None:
    """Entry point of the ``companion`` console script and ``python -m bot``."""
    app()
