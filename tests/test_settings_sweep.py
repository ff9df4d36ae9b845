"""Every setting of ``.env.example`` is honoured: each is set to a value other than its
default, and its effect is seen where the bot uses it.

``companion run`` is invoked for real (typer's runner, in this process) with only the given
settings; the Telegram side is cut at the last step (``build_application`` and
``run_polling``, or the webhook server), so the test sees exactly what the program built
from its settings. Settings used by the CLI are observed through the CLI. LOG_LEVEL's caps
and the redaction are also proven at DEBUG by tests/journey/test_logs_hold_no_health_data.py,
and DATABASE_URL and TELEGRAM_API_BASE_URL by every process test (tests/process/).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import bot.cli.run as run_module
import bot.webhook
from bot.app import TickSettings
from bot.cli import app
from bot.clock import AcceleratedClock
from bot.content import load_content
from bot.services.enrolment.invites import InvitePolicy
from bot.services.reminders.composer import ComposerPool
from bot.settings import Settings

ENV_EXAMPLE = Path(__file__).resolve().parent.parent / ".env.example"
TOKEN = "123456:sweep-token"
runner = CliRunner()


@dataclass
class Seen:
    """What ``companion run`` built from its settings."""

    built: dict[str, Any] = field(default_factory=dict)
    log_level: str | None = None
    webhook: Any = None
    health: Any = None
    output: str = ""
    exit_code: int = 0


def _names() -> list[str]:
    return re.findall(r"^([A-Z][A-Z0-9_]+)=", ENV_EXAMPLE.read_text(), re.M)


@pytest.fixture(autouse=True)
def _only_given_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    for name in _names():
        monkeypatch.delenv(name, raising=False)


def _run(monkeypatch: pytest.MonkeyPatch, *args: str, **env: str) -> Seen:
    """``companion run`` with a token, the emulator's address and ``env``."""
    seen = Seen()
    real_build = run_module.build_application

    def build(**kwargs: Any) -> Any:
        seen.built = kwargs
        application = real_build(**kwargs)
        application.run_polling = lambda **_: None  # type: ignore[method-assign]
        return application

    async def serve(application: Any, hook: Any, health: Any, open_db: Any) -> bool:
        seen.webhook, seen.health = hook, health
        return True

    def logging_at(level: str, **_: Any) -> logging.Handler:
        seen.log_level = level
        return logging.NullHandler()

    monkeypatch.setattr(run_module, "build_application", build)
    monkeypatch.setattr(run_module, "load_content", _content_once)
    monkeypatch.setattr(bot.webhook, "serve", serve)  # run imports it in webhook mode only
    monkeypatch.setattr(run_module, "configure_logging", logging_at)
    base = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9"}
    for name, value in {**base, **env}.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(app, ["run", *args])
    seen.output, seen.exit_code = result.output, result.exit_code
    return seen


@functools.cache
def _shipped_content() -> Any:
    return load_content(None)


def _content_once(folder: str | None) -> Any:
    """The shipped content is read once for the whole sweep; any other folder each time."""
    return _shipped_content() if folder is None else load_content(folder)


def _cli(monkeypatch: pytest.MonkeyPatch, args: list[str], **env: str) -> str:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.output


def _policy(seen: Seen) -> InvitePolicy:
    policy = seen.built["invite_policy"]
    assert isinstance(policy, InvitePolicy)
    return policy


def _tick(seen: Seen) -> TickSettings:
    tick = seen.built["tick"]
    assert isinstance(tick, TickSettings)
    return tick


def _clock(seen: Seen) -> AcceleratedClock:
    clock = seen.built["clock"]
    assert isinstance(clock, AcceleratedClock)
    return clock


WEBHOOK = {"WEBHOOK_URL": "https://clinic.example", "WEBHOOK_SECRET_TOKEN": "s3cret-token"}
START = "2026-12-07T07:00:00-05:00"


def _token(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    seen = _run(mp, TELEGRAM_BOT_TOKEN="987654:another-token")
    assert seen.built["token"] == "987654:another-token"


def _username(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    _cli(mp, ["clinic", "create", "--id", "east", "--name", "East"])
    _cli(mp, ["staff", "invite", "--role", "clinician", "--handle", "dr-lee"])
    out = _cli(mp, ["invite", "create", "--clinician", "dr-lee"], TELEGRAM_BOT_USERNAME="EastBot")
    assert "t.me/EastBot?start=" in out


def _api_base(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    seen = _run(mp, TELEGRAM_API_BASE_URL="http://127.0.0.1:8999")
    assert seen.built["api_base_url"] == "http://127.0.0.1:8999"
    assert "against http://127.0.0.1:8999" in seen.output


def _database(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    seen = _run(mp, DATABASE_URL=f"sqlite:///{tmp / 'elsewhere.sqlite3'}")
    with seen.built["open_db"]() as db:
        assert str(db.get_bind().url).endswith("elsewhere.sqlite3")
    assert (tmp / "elsewhere.sqlite3").exists() and not (tmp / "rehab-companion.sqlite3").exists()


def _timezone(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    out = _cli(
        mp, ["clinic", "create", "--id", "west", "--name", "W"], CLINIC_TIMEZONE="Asia/Tokyo"
    )
    assert "Asia/Tokyo" in out


def _log_level(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    assert _run(mp, LOG_LEVEL="debug").log_level == "DEBUG"


def _valid_days(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    assert _run(mp, INVITE_VALID_DAYS="3").built["invite_valid_days"] == 3
    _cli(mp, ["clinic", "create", "--id", "east", "--name", "East"])
    _cli(mp, ["staff", "invite", "--role", "clinician", "--handle", "dr-lee"])
    out = _cli(mp, ["invite", "create", "--clinician", "dr-lee", "--json"], INVITE_VALID_DAYS="3")
    expires = datetime.fromisoformat(re.search(r'"expires_at": "([^"]+)"', out)[1])  # type: ignore[index]
    assert timedelta(days=2, hours=23) < expires - datetime.now(UTC) <= timedelta(days=3)


def _secret(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    assert _policy(_run(mp, INVITE_CODE_SECRET="a-long-random-secret")).secret == (
        b"a-long-random-secret"
    )


def _max_failures(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    assert _policy(_run(mp, INVITE_MAX_FAILURES="2")).max_failures == 2


def _lockout(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    assert _policy(_run(mp, INVITE_LOCKOUT_MINUTES="45")).lockout == timedelta(minutes=45)


def _content_dir(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    (tmp / "clinic-content").mkdir()  # a folder with no content in it: refused, by name
    seen = _run(mp, CONTENT_DIR=str(tmp / "clinic-content"))
    assert seen.exit_code == 1 and "content folder has a problem" in seen.output


def _tick_seconds(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    assert _tick(_run(mp, TICK_SECONDS="17")).every_seconds == 17


def _grace(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    assert _tick(_run(mp, DUE_GRACE_MINUTES="30")).grace == timedelta(minutes=30)


def _attempts(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    assert _tick(_run(mp, DUE_MAX_ATTEMPTS="9")).max_attempts == 9


def _composers(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    pool = _run(mp, COMPOSER_PROCESSES="3").built["composers"]
    assert isinstance(pool, ComposerPool) and pool.workers == 3 and pool.pids == []  # not yet
    assert _run(mp, COMPOSER_PROCESSES="0").built["composers"] is None  # in the bot's process


def _clock_start(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    clock = _clock(_run(mp, TESTING_CLOCK_START=START))
    assert abs(clock.now() - datetime.fromisoformat(START)) < timedelta(minutes=1)


def _clock_speed(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    seen = _run(mp, TESTING_CLOCK_START=START, TESTING_CLOCK_SPEED="600")
    assert "600x faster" in seen.output
    assert _tick(seen).every_seconds < 5  # 5 simulated seconds pass in less real time


def _clock_anchor(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    anchor = datetime.now(UTC).timestamp() - 3600  # the clock started an hour ago
    clock = _clock(_run(mp, TESTING_CLOCK_START=START, TESTING_CLOCK_ANCHOR=str(anchor)))
    assert clock.now() - datetime.fromisoformat(START) > timedelta(minutes=59)


def _webhook_url(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    seen = _run(mp, "--webhook", **WEBHOOK)
    assert seen.webhook.public_url == "https://clinic.example"


def _webhook_path(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    assert _run(mp, "--webhook", WEBHOOK_PATH="/hook-7", **WEBHOOK).webhook.path == "/hook-7"


def _webhook_listen(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    seen = _run(mp, "--webhook", WEBHOOK_LISTEN="0.0.0.0", **WEBHOOK)
    assert seen.webhook.listen == "0.0.0.0"


def _webhook_port(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    assert _run(mp, "--webhook", WEBHOOK_PORT="8443", **WEBHOOK).webhook.port == 8443


def _webhook_secret(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    seen = _run(mp, "--webhook", **{**WEBHOOK, "WEBHOOK_SECRET_TOKEN": "other-secret"})
    assert seen.webhook.secret_token == "other-secret"


def _webhook_connections(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    seen = _run(mp, "--webhook", WEBHOOK_MAX_CONNECTIONS="7", **WEBHOOK)
    assert seen.webhook.max_connections == 7


def _per_second(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    assert _run(mp, SEND_PER_SECOND="15").built["sender"].per_second == 15


def _stale(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    seen = _run(mp, "--webhook", HEALTH_TICK_STALE_SECONDS="42", **WEBHOOK)
    assert seen.health.stale_after == timedelta(seconds=42)


OBSERVED: dict[str, Callable[[pytest.MonkeyPatch, Path], None]] = {
    "TELEGRAM_BOT_TOKEN": _token,
    "TELEGRAM_BOT_USERNAME": _username,
    "TELEGRAM_API_BASE_URL": _api_base,
    "DATABASE_URL": _database,
    "CLINIC_TIMEZONE": _timezone,
    "LOG_LEVEL": _log_level,
    "INVITE_VALID_DAYS": _valid_days,
    "INVITE_CODE_SECRET": _secret,
    "INVITE_MAX_FAILURES": _max_failures,
    "INVITE_LOCKOUT_MINUTES": _lockout,
    "CONTENT_DIR": _content_dir,
    "TICK_SECONDS": _tick_seconds,
    "DUE_GRACE_MINUTES": _grace,
    "DUE_MAX_ATTEMPTS": _attempts,
    "COMPOSER_PROCESSES": _composers,
    "TESTING_CLOCK_START": _clock_start,
    "TESTING_CLOCK_SPEED": _clock_speed,
    "TESTING_CLOCK_ANCHOR": _clock_anchor,
    "WEBHOOK_URL": _webhook_url,
    "WEBHOOK_PATH": _webhook_path,
    "WEBHOOK_LISTEN": _webhook_listen,
    "WEBHOOK_PORT": _webhook_port,
    "WEBHOOK_SECRET_TOKEN": _webhook_secret,
    "WEBHOOK_MAX_CONNECTIONS": _webhook_connections,
    "SEND_PER_SECOND": _per_second,
    "HEALTH_TICK_STALE_SECONDS": _stale,
}


def test_every_setting_of_env_example_has_an_observed_effect_here_and_a_field() -> None:
    assert sorted(OBSERVED) == sorted(_names())
    assert {name.lower() for name in _names()} == set(Settings.model_fields)


@pytest.mark.parametrize("name", sorted(OBSERVED))
def test_a_setting_other_than_its_default_changes_what_the_program_does(
    name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    OBSERVED[name](monkeypatch, tmp_path)


def test_a_database_url_whose_folder_does_not_exist_fails_in_one_line_and_creates_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen = _run(monkeypatch, DATABASE_URL=f"sqlite:///{tmp_path / 'no-such-folder' / 'x.sqlite3'}")
    lines = [line for line in seen.output.splitlines() if line.strip()]
    assert seen.exit_code == 2 and len(lines) == 1
    assert (
        lines[0].startswith("Configuration error: DATABASE_URL:") and "no-such-folder" in lines[0]
    )
    assert not (tmp_path / "no-such-folder").exists()
