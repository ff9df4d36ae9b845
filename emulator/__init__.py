"""A local Telegram Bot API emulator for tests, demos and benchmarks.

Point python-telegram-bot at it with ``base_url=f"{server.base_url}/bot"``; drive the
users through :class:`World`. See ``docs/emulator.md``.
"""

from emulator.errors import ApiError, UploadedFile
from emulator.records import BotMessage, BotRequest, CallbackAnswer
from emulator.server import EmulatorServer, serve
from emulator.world import World

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
