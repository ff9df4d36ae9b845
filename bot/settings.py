"""Configuration read from the environment and ``.env``; secrets never come from anywhere else."""

from __future__ import annotations

import ipaddress
import re
from datetime import datetime
from pathlib import Path
from typing import Literal, Self
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

OFFICIAL_BOT_API = "https://api.telegram.org"
SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")


class Settings(BaseSettings):
    """Every setting the bot reads. ``.env.example`` documents each one."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True
    )

    telegram_bot_token: SecretStr | None = None
    telegram_bot_username: str | None = None
    telegram_api_base_url: str = OFFICIAL_BOT_API
    database_url: str = "sqlite:///rehab-companion.sqlite3"
    clinic_timezone: str = "America/Toronto"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    invite_valid_days: int = Field(default=14, ge=1, le=365)
    invite_code_secret: SecretStr | None = None
    invite_max_failures: int = Field(default=5, ge=1, le=100)
    invite_lockout_minutes: int = Field(default=15, ge=1, le=1440)
    content_dir: str | None = None
    # The scheduler (scheduler/, bot/jobs.py): how often the due-work tick runs, how late
    # due work may still be sent after downtime, and how many tries before dead-lettering.
    tick_seconds: float = Field(default=5.0, gt=0, le=300)
    due_grace_minutes: int = Field(default=120, ge=0, le=24 * 60)
    due_max_attempts: int = Field(default=5, ge=1, le=50)
    # Worker processes that compose the daily sessions and reminders the tick sends, so a
    # patient's button press never waits behind them for the GIL (bot/services/reminders/
    # composer.py); 0 composes them in the bot's own threads.
    composer_processes: int = Field(default=1, ge=0, le=16)
    # Simulated time, for demos and process tests only: the clock starts at this instant
    # and runs TESTING_CLOCK_SPEED times faster than real time. Refused unless the Bot API
    # is on this machine (the emulator), so a clinic's bot can never run on it.
    testing_clock_start: datetime | None = None
    testing_clock_speed: float = Field(default=1.0, gt=0, le=1_000_000)
    # The real Unix time at which the simulated clock reads TESTING_CLOCK_START (default:
    # when the process starts). Give every process the same anchor so that the bot, its
    # restarts and the CLI all agree on the simulated time.
    testing_clock_anchor: float | None = None
    # Webhook mode (`companion run --webhook`, docs/deployment.md): Telegram POSTs each
    # update to WEBHOOK_URL + WEBHOOK_PATH, which a proxy forwards to WEBHOOK_LISTEN:PORT.
    webhook_url: str | None = None
    webhook_path: str = "/telegram"
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    webhook_secret_token: SecretStr | None = None
    webhook_max_connections: int = Field(default=40, ge=1, le=100)
    # Bot API calls a second this instance may make (Telegram's limit is about 30 per bot):
    # with several instances, give each its share, e.g. 15 each for two.
    send_per_second: float = Field(default=30.0, gt=0, le=30)
    # /healthz reports the tick as stale when its last heartbeat is older than this.
    health_tick_stale_seconds: float = Field(default=300.0, gt=0, le=86_400)

    @field_validator("clinic_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(  # read by whoever installs the bot: the IANA name, with cities
                f"{value!r} is not a time zone name. Use the IANA name of the clinic's zone, "
                "Area/City: America/Toronto (Ontario, Quebec), America/Winnipeg, "
                "America/Edmonton, America/Vancouver, America/Halifax or America/St_Johns"
            ) from None
        return value

    @field_validator("telegram_api_base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("webhook_url")
    @classmethod
    def _public_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.startswith("https://") and not is_loopback_url(value):
            raise ValueError("must start with https:// (Telegram sends updates only over HTTPS)")
        return value.rstrip("/")

    @field_validator("webhook_path")
    @classmethod
    def _absolute_path(cls, value: str) -> str:
        if not value.startswith("/") or value == "/healthz" or any(c in value for c in "?# "):
            raise ValueError("must start with / (e.g. /telegram), without spaces, ? or #")
        return value

    @field_validator("webhook_secret_token")
    @classmethod
    def _telegram_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not SECRET_TOKEN.fullmatch(value.get_secret_value()):
            raise ValueError(
                "must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule); "
                'generate one with: python3 -c "import secrets; print(secrets.token_urlsafe(32))"'
            )
        return value

    @field_validator("testing_clock_start")
    @classmethod
    def _aware_instant(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("needs a UTC offset, e.g. 2026-12-07T07:55:00-05:00")
        return value

    @model_validator(mode="after")
    def _simulated_time_only_on_this_machine(self) -> Self:
        if self.testing_clock_start is not None and not is_loopback_url(self.telegram_api_base_url):
            raise ValueError(
                "TESTING_CLOCK_START: simulated time runs only against a Bot API on this "
                "machine (the emulator), never against Telegram; unset it, or point "
                "TELEGRAM_API_BASE_URL at http://127.0.0.1:PORT"
            )
        return self

    @property
    def simulated_time(self) -> bool:
        """True when the clock is the accelerated testing clock, not the wall clock."""
        return self.testing_clock_start is not None

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:
        if not value.startswith(("sqlite://", "postgresql://", "postgresql+psycopg://")):
            raise ValueError("must be a sqlite:/// or postgresql:// URL")
        folder = sqlite_folder(value)
        if folder is not None and not folder.is_dir():  # a typo must not create a new database
            raise ValueError(f"the folder {folder} does not exist; create it, or fix the path")
        return value


def sqlite_folder(database_url: str) -> Path | None:
    """The folder of a SQLite database file, or ``None`` (PostgreSQL, in memory)."""
    if not database_url.startswith("sqlite"):
        return None
    path = database_url.split("///", 1)[-1]
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    return Path(path).expanduser().resolve().parent


def is_loopback_url(url: str) -> bool:
    """Whether ``url`` points at this machine (127.0.0.0/8, ::1 or localhost)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class SettingsError(Exception):
    """A setting has a bad value; the message names the setting in one line."""


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning pydantic's report into one line per bad setting."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        lines = []
        for problem in error.errors():
            message = str(problem["msg"]).removeprefix("Value error, ")
            if problem["loc"]:  # a whole-model check names its settings itself
                message = f"{str(problem['loc'][0]).upper()}: {message}"
            lines.append(message)
        raise SettingsError("; ".join(lines)) from None
