"""/help, and buttons that nothing handles any more."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.context import deps, visitor
from bot.handlers.delivery import deliver, respond
from bot.services import conversation
from bot.services.outgoing import Reply


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/help``: what the bot does and what to do in an emergency."""
    await respond(update, context, conversation.help_for)


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button from an older message or version that nothing handles any more."""
    content = deps(context).content
    who = visitor(update)
    text = content.render(content.language_for(who.language_code), "stale_button")
    await deliver(update, context, Reply(toast=text, clear_buttons=True))


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A photo, voice note or sticker: say we read text only, and what to do if urgent."""
    await respond(update, context, conversation.not_text)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command the bot does not have."""
    await respond(update, context, conversation.unknown_command)
