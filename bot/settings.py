"""Configuration read from the environment and ``.env``; secrets never come from anywhere else."""

from __future__ import annotations

from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

OFFICIAL_BOT_API = "https://api.telegram.org"


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

    @field_validator("clinic_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"{value!r} is not a known IANA timezone, e.g. America/Toronto"
            ) from None
        return value

    @field_validator("telegram_api_base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:
        if not value.startswith(("sqlite://", "postgresql://", "postgresql+psycopg://")):
            raise ValueError("must be a sqlite:/// or postgresql:// URL")
        return value


class SettingsError(Exception):
    """A setting has a bad value; the message names the setting in one line."""


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning pydantic's report into one line per bad setting."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        lines = []
        for problem in error.errors():
            name = str(problem["loc"][0]).upper() if problem["loc"] else "setting"
            message = str(problem["msg"]).removeprefix("Value error, ")
            lines.append(f"{name}: {message}")
        raise SettingsError("; ".join(lines)) from None
