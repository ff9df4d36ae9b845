"""A clinic's production install has no emulator and no webhook server: each command that
needs one says in one line how to install it, and everything else still starts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app

runner = CliRunner()
EXTRA_ONLY = ("starlette", "uvicorn", "multipart")  # what [emulator] and [webhook] bring


@pytest.fixture
def production_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """As if installed without extras: the extras' modules cannot be found or imported."""
    monkeypatch.chdir(tmp_path)
    for name in EXTRA_ONLY:
        monkeypatch.setitem(sys.modules, name, None)
    for name in ("TELEGRAM_BOT_TOKEN", "WEBHOOK_URL", "WEBHOOK_SECRET_TOKEN", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)


def _one_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    return lines[0]


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (["demo", "--script"], "`companion demo` needs the emulator extra"),
        (["emulator", "--port", "0"], "`companion emulator` needs the emulator extra"),
    ],
)
@pytest.mark.usefixtures("production_install")
def test_without_the_emulator_extra_the_demo_and_the_emulator_say_how_to_install_it(
    command: list[str], said: str
) -> None:
    result = runner.invoke(app, command)
    assert result.exit_code == 1
    line = _one_line(result.output)
    assert line.startswith(said)
    assert "pip install 'rehab-companion[emulator]'" in line
    assert "pip install -e '.[emulator]'" in line


@pytest.mark.usefixtures("production_install")
def test_without_the_webhook_extra_webhook_mode_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11")
    result = runner.invoke(app, ["run", "--webhook"])
    assert result.exit_code == 1
    line = _one_line(result.output)
    assert line.startswith("`companion run --webhook` needs the webhook extra")
    assert "pip install 'rehab-companion[webhook]'" in line


@pytest.mark.usefixtures("production_install")
def test_without_extras_run_with_no_token_and_no_terminal_still_explains_the_token() -> None:
    result = runner.invoke(app, ["run"])
    assert result.exit_code == 1
    assert "@BotFather" in result.output and "extra" not in result.output


def test_the_command_line_and_the_bot_import_without_the_extras() -> None:
    """In a fresh interpreter where starlette, uvicorn and multipart do not exist."""
    check = (
        f"import sys; sys.modules.update(dict.fromkeys({EXTRA_ONLY!r})); "
        "import bot.cli, bot.app, bot.jobs, emulator.schema; "
        "from bot.cli import app; print('ok')"
    )
    result = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.stdout.strip() == "ok", result.stderr
