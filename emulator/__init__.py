"""A local Telegram Bot API emulator for tests, demos and benchmarks.

Point python-telegram-bot at it with ``base_url=f"{server.base_url}/bot"``; drive the
users through :class:`World`. See ``docs/emulator.md``.

The names below are imported on first use, so that ``emulator.schema`` (read by the
``companion`` command line's help) imports without the ``[emulator]`` extra installed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from emulator.errors import ApiError, UploadedFile
    from emulator.records import BotMessage, BotRequest, CallbackAnswer
    from emulator.server import EmulatorServer, serve
    from emulator.world import World

_WHERE = {
    "ApiError": "emulator.errors",
    "UploadedFile": "emulator.errors",
    "BotMessage": "emulator.records",
    "BotRequest": "emulator.records",
    "CallbackAnswer": "emulator.records",
    "EmulatorServer": "emulator.server",
    "serve": "emulator.server",
    "World": "emulator.world",
}

__all__ = [
    "ApiError",
    "BotMessage",
    "BotRequest",
    "CallbackAnswer",
    "EmulatorServer",
    "UploadedFile",
    "World",
    "serve",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'emulator' has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)
