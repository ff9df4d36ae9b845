"""The database engine and session factory.

SQLite is the embedded default: it runs in WAL mode with foreign keys enforced, so a
reader never blocks the bot and a row can't point at something that isn't there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlmodel import Session, create_engine

SessionFactory = Callable[[], Session]


def make_engine(database_url: str) -> Engine:
    """Create the engine for ``database_url``, with SQLite tuned for a long-running bot."""
    if database_url.startswith("sqlite"):
        _ensure_sqlite_folder(database_url)
        engine = create_engine(
            database_url,
            connect_args={"check_same_thread": False, "timeout": 30},
            hide_parameters=True,  # bound values can be health data: keep them out of errors
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(postgres_driver(database_url), pool_pre_ping=True, hide_parameters=True)


def postgres_driver(database_url: str) -> str:
    """Use psycopg 3 (the driver we install) for a plain ``postgresql://`` URL."""
    if database_url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + database_url.split("://", 1)[1]
    return database_url


def session_factory(engine: Engine) -> SessionFactory:
    """A factory of short sessions: one per update, never shared across updates."""

    def open_session() -> Session:
        return Session(engine, expire_on_commit=False)

    return open_session


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _ensure_sqlite_folder(database_url: str) -> None:
    path = database_url.split("///", 1)[-1]
    if path and path != ":memory:" and not path.startswith("file:"):
        Path(path).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
