"""The CLI glue registers the ``emulator`` and ``chat`` commands and finds the schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from bot.cli import emulator_commands
from bot.cli.emulator_commands import register
from emulator import server as emulator_server
from emulator.schema import default_schema_path


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Capture the arguments ``serve`` would run with, instead of serving forever."""
    calls: list[Any] = []
    monkeypatch.setattr(emulator_server, "serve", lambda *args: calls.append(args))
    return calls


def test_register_adds_emulator_and_chat_commands() -> None:
    result = CliRunner().invoke(_app(), ["--help"])

    assert result.exit_code == 0
    assert "emulator" in result.output and "chat" in result.output


def test_emulator_refuses_a_missing_schema_file() -> None:
    result = CliRunner().invoke(_app(), ["emulator", "--schema", "/nonexistent/api.json"])

    assert result.exit_code != 0
    assert "no schema file" in result.output


def test_the_default_schema_is_found_beside_the_repository_from_any_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, api_schema_path: Path
) -> None:
    monkeypatch.delenv("BOT_API_SCHEMA", raising=False)
    monkeypatch.chdir(tmp_path)
    repository_root = Path(emulator_commands.__file__).resolve().parents[2]

    found = default_schema_path()

    assert found == repository_root.parent / "shared" / "telegram-bot-api" / "api.json"
    assert found.is_file()


def test_bot_api_schema_environment_variable_chooses_the_schema(
    monkeypatch: pytest.MonkeyPatch, api_schema_path: Path, served: list[Any]
) -> None:
    monkeypatch.setenv("BOT_API_SCHEMA", str(api_schema_path))

    result = CliRunner().invoke(_app(), ["emulator", "--port", "0"])

    assert result.exit_code == 0, result.output
    assert f"Validating requests against {api_schema_path}" in result.output
    assert served[0][2] == api_schema_path


def test_a_bot_api_schema_variable_naming_no_file_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, served: list[Any]
) -> None:
    monkeypatch.setenv("BOT_API_SCHEMA", str(tmp_path / "missing.json"))

    result = CliRunner().invoke(_app(), ["emulator"])

    assert result.exit_code != 0
    assert "no schema file" in result.output
    assert served == []


def test_without_any_schema_the_emulator_warns_that_requests_are_not_validated(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, served: list[Any]
) -> None:
    monkeypatch.delenv("BOT_API_SCHEMA", raising=False)
    missing = tmp_path / "api.json"
    monkeypatch.setattr(emulator_commands, "default_schema_path", lambda: missing)

    result = CliRunner().invoke(_app(), ["emulator"])

    assert result.exit_code == 0, result.output
    assert f"WARNING: no Bot API schema at {missing}: requests are NOT validated" in (result.stderr)
    assert served[0][2] is None
