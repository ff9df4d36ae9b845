"""Shared test fixtures: where the published Bot API schema lives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def bot_api_schema_path() -> Path:
    """The published Bot API schema, read from ``../shared`` beside the repository."""
    override = os.environ.get("BOT_API_SCHEMA")
    if override:
        return Path(override)
    return REPO_ROOT.parent / "shared" / "telegram-bot-api" / "api.json"


@pytest.fixture(scope="session")
def api_schema_path() -> Path:
    path = bot_api_schema_path()
    if not path.is_file():
        pytest.fail(f"The Bot API schema is missing at {path}; tests validate against it.")
    return path
