"""What every command shares: settings with one-line errors, and an up-to-date database."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any, NoReturn

import typer
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from bot.clock import AcceleratedClock, Clock, SystemClock
from bot.content import load_content
from bot.db import migrate
from bot.db.engine import make_engine, session_factory
from bot.services.clinics import AdminError
from bot.services.enrolment.invites import InvitePolicy
from bot.services.outgoing import as_plain_text
from bot.settings import Settings, SettingsError, load_settings


def invite_policy(settings: Settings) -> InvitePolicy:
    """The invite rules the settings describe: lockout and the key of the code hash."""
    secret = settings.invite_code_secret
    return InvitePolicy(
        max_failures=settings.invite_max_failures,
        lockout=timedelta(minutes=settings.invite_lockout_minutes),
        secret=secret.get_secret_value().encode() if secret else None,
    )


def clock_for(config: Settings) -> Clock:
    """The wall clock, or the accelerated testing clock when the settings ask for it."""
    if config.testing_clock_start is None:
        return SystemClock()
    return AcceleratedClock(
        config.testing_clock_start,
        config.testing_clock_speed,
        anchor=config.testing_clock_anchor,
    )


def fail(message: str, code: int = 1) -> NoReturn:
    """Stop the command with one clear line on stderr, never a traceback."""
    typer.secho(message, fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def settings() -> Settings:
    """The settings, or a one-line error naming the bad setting."""
    try:
        return load_settings()
    except SettingsError as error:
        fail(f"Configuration error: {error}", code=2)


def database(config: Settings, *, apply_migrations: bool = True) -> Engine:
    """The engine for ``DATABASE_URL``, with the schema brought up to date (or refused)."""
    engine = make_engine(config.database_url)
    try:
        if migrate.is_up_to_date(engine):
            return engine
        if not apply_migrations:
            fail("The database schema is out of date. Run `companion db upgrade` first.")
        revision = migrate.upgrade(engine)
    except OperationalError as error:
        fail(f"Cannot open the database at DATABASE_URL: {error.orig}")
    progress(f"Database schema upgraded to revision {revision}.")
    return engine


def open_db(config: Settings) -> Session:
    """A session on the up-to-date database; rows stay readable after commit.

    A CLI command is an edge: ``with open_db(config) as db:`` commits its use case once,
    when the block ends without an exception (``bot.db.engine.UseCase``)."""
    return session_factory(database(config))()


@contextmanager
def admin_session(config: Settings) -> Iterator[Session]:
    """A database session for an admin command: a refused request ends it in one clear line."""
    with open_db(config) as db:
        try:
            yield db
        except AdminError as error:
            db.commit()  # the refusal and its audit row are this command's outcome
            content = load_content(config.content_dir)
            fail(as_plain_text(error.explain(content, content.default_language)))


def progress(message: str) -> None:
    """A progress line for a person watching; kept off stdout so --json stays clean."""
    print(message, file=sys.stderr, flush=True)


def emit(as_json: bool, data: dict[str, Any], human: str) -> None:
    """Print a result as JSON for scripts, or as a sentence for people."""
    print(json.dumps(data, indent=2, default=str) if as_json else human)
