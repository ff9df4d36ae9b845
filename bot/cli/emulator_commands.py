"""CLI commands for the local Bot API emulator: ``emulator`` (server) and ``chat`` (client)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from bot.cli.extras import require
from emulator.schema import SCHEMA_ENV_VAR, default_schema_path


def register(app: typer.Typer) -> None:
    """Add the ``emulator`` and ``chat`` commands to ``app``."""

    @app.command("emulator")
    def emulator(
        port: Annotated[int, typer.Option(help="Port to listen on (0 picks a free one).")] = 8081,
        host: Annotated[str, typer.Option(help="Interface to bind (keep it loopback).")] = (
            "127.0.0.1"
        ),
        schema: Annotated[
            Path | None,
            typer.Option(
                help="Bot API schema (api.json) to validate against. Default: "
                f"${SCHEMA_ENV_VAR}, else ../shared/telegram-bot-api/api.json beside the "
                "repository."
            ),
        ] = None,
        token: Annotated[str | None, typer.Option(help="Only accept this bot token.")] = None,
        bot_username: Annotated[str, typer.Option(help="Username getMe reports.")] = (
            "rehab_companion_bot"
        ),
    ) -> None:
        """Run a local Telegram Bot API emulator for demos and tests."""
        require("emulator", "companion emulator")
        from emulator.server import serve

        schema_path = resolve_schema(schema)
        if schema_path is None:
            typer.echo(
                f"WARNING: no Bot API schema at {default_schema_path()}: requests are NOT "
                f"validated. Pass --schema or set {SCHEMA_ENV_VAR}.",
                err=True,
            )
        else:
            typer.echo(f"Validating requests against {schema_path}.")
        serve(host, port, schema_path, token, bot_username)

    @app.command("chat")
    def chat(
        user_id: Annotated[int, typer.Option(help="User id to chat as (also the chat id).")],
        base_url: Annotated[str, typer.Option(help="The emulator's base URL.")] = (
            "http://127.0.0.1:8081"
        ),
        language: Annotated[str, typer.Option(help="The user's language_code.")] = "en",
        name: Annotated[str, typer.Option(help="The user's first name.")] = "Pat",
    ) -> None:
        """Chat with the bot through the emulator in this terminal."""
        from emulator.chat import run_chat

        run_chat(base_url, user_id, language=language, name=name)


def resolve_schema(option: Path | None) -> Path | None:
    """The schema to validate against: ``--schema`` or ``$BOT_API_SCHEMA`` (both must
    exist), else the default location if it exists, else ``None`` (unvalidated)."""
    if option is not None:
        if not option.is_file():
            raise typer.BadParameter(f"no schema file at {option}", param_hint="--schema")
        return option
    path = default_schema_path()
    if os.environ.get(SCHEMA_ENV_VAR) and not path.is_file():
        raise typer.BadParameter(f"no schema file at {path}", param_hint=SCHEMA_ENV_VAR)
    return path if path.is_file() else None
