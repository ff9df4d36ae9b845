"""Running the bot, and managing its database schema."""

from __future__ import annotations

import asyncio
import sys
from datetime import timedelta
from typing import TYPE_CHECKING, Annotated

import typer
from sqlalchemy import Engine
from telegram import Update
from telegram.error import InvalidToken, NetworkError
from telegram.ext import Application

from bot.app import TickSettings, build_application
from bot.cli.common import clock_for, database, fail, invite_policy, progress, settings
from bot.cli.extras import require
from bot.clock import tick_every
from bot.content import Content, ContentError, load_content
from bot.db import migrate
from bot.db.engine import make_engine, session_factory
from bot.handlers.context import DEPS_KEY
from bot.jobs import TICK_KEY
from bot.logs import configure_logging
from bot.sender import Sender
from bot.services.reminders.composer import ComposerPool
from bot.settings import Settings, sqlite_folder
from scheduler import Tick

if TYPE_CHECKING:
    from bot.webhook import WebhookSettings

db_app = typer.Typer(help="Database schema migrations.", no_args_is_help=True)

GET_A_TOKEN = (
    "To get a token: open Telegram, talk to @BotFather, send /newbot and follow the steps.\n"
    "Then put the token in a .env file here (see .env.example):\n"
    "    TELEGRAM_BOT_TOKEN=123456:ABC..."
)

NO_TOKEN = f"""TELEGRAM_BOT_TOKEN is not set, so the bot can't connect to Telegram.

{GET_A_TOKEN}

To try the whole journey without Telegram, run:  companion demo"""

NO_TOKEN_EMULATOR = f"""TELEGRAM_BOT_TOKEN is not set, so this is NOT connected to Telegram.
Rehab Companion runs on its built-in Telegram emulator instead, in this terminal (as
`companion demo` does): a demo clinic in a temporary database, on simulated time. Nothing
leaves this machine and nothing is kept. Type /quit to stop.

{GET_A_TOKEN}
Then run `companion run` again to connect to Telegram.
"""


def run(
    no_migrate: Annotated[
        bool, typer.Option("--no-migrate", help="Refuse to start if the schema is out of date.")
    ] = False,
    webhook: Annotated[
        bool,
        typer.Option(
            "--webhook",
            help="Receive updates on a webhook (WEBHOOK_* settings) instead of long polling; "
            "needed to run several instances (docs/deployment.md).",
        ),
    ] = False,
) -> None:
    """Run the bot with long polling (SQLite by default), or with --webhook."""
    config = settings()
    if webhook and config.telegram_bot_token is None:
        fail(NO_TOKEN)  # webhook mode is for Telegram: no emulator demo here
    if config.telegram_bot_token is None:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            fail(NO_TOKEN)  # a service or a script: say what is missing, and stop
        require("emulator", "companion run without a token")  # it runs on the emulator
        progress(NO_TOKEN_EMULATOR)  # a person at a terminal: show them the bot at once
        from bot.cli.demo import run_demo  # imports this module, so only here

        run_demo(script=False)
        return
    if webhook:
        require("webhook", "companion run --webhook")
        webhook_settings(config)  # refuse bad webhook settings before touching anything
    configure_logging(config.log_level, secrets=[config.telegram_bot_token.get_secret_value()])
    try:
        content = load_content(config.content_dir)
    except ContentError as error:
        fail(f"The content folder has a problem: {error}")
    engine = database(config, apply_migrations=not no_migrate)
    clock = clock_for(config)
    if config.simulated_time:
        progress(
            f"SIMULATED TIME for testing: the clock starts at {config.testing_clock_start} "
            f"and runs {config.testing_clock_speed:g}x faster than real time."
        )
    application = build_application(
        token=config.telegram_bot_token.get_secret_value(),
        api_base_url=config.telegram_api_base_url,
        open_db=session_factory(engine),
        clock=clock,
        content=content,
        invite_policy=invite_policy(config),
        invite_valid_days=config.invite_valid_days,
        tick=TickSettings(
            every_seconds=tick_interval(config),
            grace=timedelta(minutes=config.due_grace_minutes),
            max_attempts=config.due_max_attempts,
            first_at_once=True,  # a restart sends what is due at once
        ),
        sender=Sender(
            per_second=config.send_per_second,
            # Simulated time runs only against the emulator (see Settings): no chat waits.
            chat_interval=0.0 if config.simulated_time else 1.0,
        ),
        composers=composer_pool(config, content),
    )
    if webhook:
        run_webhook(application, config, engine)
        return
    progress(f"Rehab Companion is running against {config.telegram_api_base_url}. Ctrl+C stops it.")
    try:
        application.run_polling(allowed_updates=[Update.MESSAGE, Update.CALLBACK_QUERY])
    except InvalidToken:
        fail(f"Telegram refused the bot token. {CHECK_TOKEN}")
    except NetworkError as error:  # at start-up: nothing was received, so nothing is lost
        fail(
            f"Could not reach the Bot API at {config.telegram_api_base_url} "
            f"({type(error).__name__}). Check the network and TELEGRAM_API_BASE_URL."
        )


def composer_pool(config: Settings, content: Content) -> ComposerPool | None:
    """``COMPOSER_PROCESSES`` workers on the bot's database (started with the bot), or
    ``None``: 0 of them, or an in-memory SQLite database, which no other process sees."""
    url = config.database_url
    if config.composer_processes == 0 or (url.startswith("sqlite") and not sqlite_folder(url)):
        return None
    return ComposerPool(url, content, workers=config.composer_processes, nice=0)


def webhook_settings(config: Settings) -> WebhookSettings:
    """The webhook's settings, or a clear error naming what is missing."""
    from bot.webhook import WebhookSettings  # the [webhook] extra: only in webhook mode

    missing = [
        name
        for name, value in (
            ("WEBHOOK_URL", config.webhook_url),
            ("WEBHOOK_SECRET_TOKEN", config.webhook_secret_token),
        )
        if value is None
    ]
    if missing or config.webhook_url is None or config.webhook_secret_token is None:
        fail(f"--webhook needs {' and '.join(missing)} (see .env.example and docs/deployment.md).")
    return WebhookSettings(
        public_url=config.webhook_url,
        path=config.webhook_path,
        listen=config.webhook_listen,
        port=config.webhook_port,
        secret_token=config.webhook_secret_token.get_secret_value(),
        max_connections=config.webhook_max_connections,
    )


def run_webhook(application: Application, config: Settings, engine: Engine) -> None:  # type: ignore[type-arg]
    """Serve updates on the webhook until SIGINT/SIGTERM."""
    from bot import webhook as webhook_server
    from bot.webhook import Health

    hook = webhook_settings(config)
    tick = application.bot_data.get(TICK_KEY)
    found = application.bot_data[DEPS_KEY]
    health = Health(
        open_db=session_factory(engine),
        clock=found.clock,
        worker=tick.worker if isinstance(tick, Tick) else None,
        stale_after=timedelta(seconds=config.health_tick_stale_seconds),
    )
    progress(
        f"Rehab Companion is running against {config.telegram_api_base_url}, receiving "
        f"updates at {hook.url} (listening on {hook.listen}:{hook.port}). Ctrl+C stops it."
    )
    if not asyncio.run(webhook_server.serve(application, hook, health, session_factory(engine))):
        fail(f"Could not listen on {hook.listen}:{hook.port}.")


CHECK_TOKEN = "Check TELEGRAM_BOT_TOKEN: it is the whole token @BotFather gave, like 123456:ABC..."


def tick_interval(config: Settings) -> float:
    """Real seconds between ticks for these settings (see ``bot.clock.tick_every``)."""
    speed = config.testing_clock_speed if config.simulated_time else 1.0
    return tick_every(config.tick_seconds, speed)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply every pending migration to DATABASE_URL."""
    config = settings()
    engine = make_engine(config.database_url)
    revision = migrate.upgrade(engine)
    progress(f"The database is at revision {revision} (newest: {migrate.head_revision()}).")


@db_app.command("status")
def db_status() -> None:
    """Say whether DATABASE_URL's schema is up to date."""
    engine = make_engine(settings().database_url)
    current = migrate.current_revision(engine) or "empty"
    head = migrate.head_revision()
    state = "up to date" if current == head else "out of date: run `companion db upgrade`"
    print(f"Database revision: {current} (newest: {head}); {state}.")
