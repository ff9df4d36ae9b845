"""Constants and small helpers shared by the emulator tests."""

from __future__ import annotations

from typing import Any

import httpx

TOKEN = "123456:TEST-token"
NOW = 1_700_000_000.0
PATIENT = 4242
CLINICIAN = 777


def bot_url(method: str) -> str:
    """The path of a Bot API method for the test token."""
    return f"/bot{TOKEN}/{method}"


def assert_bad_request(response: httpx.Response, description: str) -> None:
    """The response is Telegram's 400 envelope with exactly ``description``."""
    assert response.status_code == 400, response.text
    body: dict[str, Any] = response.json()
    assert body == {"ok": False, "error_code": 400, "description": description}
