"""Builds the python-telegram-bot ``Application`` with our handlers, defaults and limits."""

from __future__ import annotations

from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    MessageHandler,
    filters,
)

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.db.engine import SessionFactory
from bot.handlers import alerts, commands, enrolment, errors, sessions
from bot.handlers.context import DEPS_KEY, Deps


def build_application(
    *, token: str, api_base_url: str, open_db: SessionFactory, clock: Clock, content: Content
) -> Application:  # type: ignore[type-arg]
    """The bot, pointed at ``api_base_url`` (Telegram, a self-hosted server or the emulator)."""
    application = (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{api_base_url}/bot")
        .base_file_url(f"{api_base_url}/file/bot")
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        # PTB's limiter keeps us under Telegram's flood limits and honours RetryAfter.
        .rate_limiter(AIORateLimiter(max_retries=3))
        .post_init(commands.set_menu)
        .build()
    )
    application.bot_data[DEPS_KEY] = Deps(open_db=open_db, clock=clock, content=content)
    register_handlers(application)
    return application


def register_handlers(application: Application) -> None:  # type: ignore[type-arg]
    """Every handler. Health data stays in private chats, so groups are ignored."""
    private = filters.ChatType.PRIVATE

    def on_button(action: str, callback: object) -> None:
        application.add_handler(
            CallbackQueryHandler(callback, pattern=callbacks.pattern(action))  # type: ignore[arg-type]
        )

    application.add_handler(CommandHandler("start", enrolment.start, filters=private))
    application.add_handler(CommandHandler("today", sessions.today, filters=private))
    application.add_handler(CommandHandler("help", commands.help_command, filters=private))
    on_button(callbacks.CONSENT, enrolment.consent)
    on_button(callbacks.TIME, enrolment.reminder_time)
    on_button(callbacks.START_SESSION, sessions.today)
    on_button(callbacks.DONE, sessions.done)
    on_button(callbacks.PAIN, sessions.pain)
    on_button(callbacks.DIFFICULTY, sessions.difficulty)
    on_button(callbacks.WARNING, sessions.warning_sign)
    on_button(callbacks.ACKNOWLEDGE, alerts.acknowledge)
    application.add_handler(CallbackQueryHandler(commands.stale_button))  # after every action
    # Order matters: typed text goes last, after every command, so "/today" is never text.
    application.add_handler(
        MessageHandler(filters.TEXT & ~filters.COMMAND & private, enrolment.text)
    )
    application.add_handler(MessageHandler(filters.COMMAND & private, commands.help_command))
    application.add_error_handler(errors.on_error)
