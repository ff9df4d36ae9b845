"""A local Telegram Bot API emulator for tests, demos and benchmarks.

Point python-telegram-bot at it with ``base_url=f"{server.base_url}/bot"``; drive the
users through :class:`World`. See ``docs/emulator.md``.
"""

from bot.emulator.errors import ApiError, UploadedFile
from bot.emulator.records import BotMessage, BotRequest, CallbackAnswer
from bot.emulator.server import EmulatorServer, serve
from bot.emulator.world import World

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
