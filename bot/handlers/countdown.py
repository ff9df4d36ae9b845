"""A timer played by editing one message every few seconds: after the "Start timer" tap,
or after "start timer" typed.

It waits through ``bot_data[SLEEP_KEY]`` (``asyncio.sleep`` unless a test swaps it).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from telegram.ext import ContextTypes

from bot.services.outgoing import Countdown

SLEEP_KEY = "sleep"  # bot_data key of the countdown's sleep; tests put an instant one there


async def play(context: ContextTypes.DEFAULT_TYPE, found: Countdown) -> None:
    """Send the first frame, then edit it into each next one after its wait."""
    sleep: Callable[[float], Awaitable[object]] = context.bot_data.get(SLEEP_KEY, asyncio.sleep)
    (_, first), *later = found.frames
    message = await context.bot.send_message(found.chat_id, first)
    for wait, text in later:
        await sleep(wait)
        await message.edit_text(text)
