"""The CLI glue registers the ``emulator`` and ``chat`` commands."""

from __future__ import annotations

import typer
from typer.testing import CliRunner

from bot.cli.emulator_commands import register


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def test_register_adds_emulator_and_chat_commands() -> None:
    result = CliRunner().invoke(_app(), ["--help"])

    assert result.exit_code == 0
    assert "emulator" in result.output and "chat" in result.output


def test_emulator_refuses_a_missing_schema_file() -> None:
    result = CliRunner().invoke(_app(), ["emulator", "--schema", "/nonexistent/api.json"])

    assert result.exit_code != 0
    assert "no schema file" in result.output
