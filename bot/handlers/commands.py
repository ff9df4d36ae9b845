"""/help, and buttons that nothing handles any more."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot import callbacks
from bot.handlers.delivery import respond
from bot.services import conversation


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/help``: what the bot does and what to do in an emergency."""
    await respond(update, context, conversation.help_for)


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button no action handler took: from an older version, or data that is not ours."""
    assert update.callback_query is not None
    ours = callbacks.is_well_formed(update.callback_query.data)
    await respond(update, context, conversation.button_not_taken, well_formed=ours)


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A photo, voice note or sticker: say we read text only, and what to do if urgent."""
    await respond(update, context, conversation.not_text)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command the bot does not have."""
    await respond(update, context, conversation.unknown_command)
