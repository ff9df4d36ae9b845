"""/help, and the command menu shown in Telegram."""

from __future__ import annotations

from telegram import BotCommand, Update
from telegram.ext import Application, ContextTypes

from bot.handlers.context import DEPS_KEY, Deps, deps, visitor
from bot.handlers.delivery import deliver
from bot.services.outgoing import Reply

MENU = ("today", "help")


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/help``: what the bot does and what to do in an emergency."""
    content = deps(context).content
    who = visitor(update)
    await deliver(
        update,
        context,
        Reply().send(who.chat_id, content.render(content.language_for(who.language_code), "help")),
    )


async def set_menu(application: Application) -> None:  # type: ignore[type-arg]
    """Publish the command menu in every language the clinic's content supports."""
    found = application.bot_data[DEPS_KEY]
    assert isinstance(found, Deps)
    content = found.content
    for lang in content.languages:
        commands = [BotCommand(name, content.render(lang, f"command_{name}")) for name in MENU]
        language_code = None if lang == content.default_language else lang
        await application.bot.set_my_commands(commands, language_code=language_code)


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button from an older message or version that nothing handles any more."""
    content = deps(context).content
    who = visitor(update)
    text = content.render(content.language_for(who.language_code), "stale_button")
    await deliver(update, context, Reply(toast=text, clear_buttons=True))
