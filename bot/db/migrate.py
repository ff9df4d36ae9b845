"""Alembic, driven from code so that ``companion`` needs no ``alembic.ini`` beside it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(database_url: str) -> Config:
    """An Alembic configuration pointing at our migrations and ``database_url``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(engine: Engine) -> str:
    """Apply every pending migration; return the revision the database is now at."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with (
        engine.connect() as connection,
        _foreign_keys_checked_at_the_end(connection),
        connection.begin(),
    ):
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return current_revision(engine) or "base"


def downgrade(engine: Engine, revision: str) -> str:
    """Step the schema back to ``revision`` (by hand, when rolling a release back)."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with (
        engine.connect() as connection,
        _foreign_keys_checked_at_the_end(connection),
        connection.begin(),
    ):
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    return current_revision(engine) or "base"


@contextmanager
def _foreign_keys_checked_at_the_end(connection: Connection) -> Iterator[None]:
    """SQLite alters a table by copying it and dropping the old one, which its foreign keys
    forbid while rows refer to it: they are off during the migration (SQLite's own recipe,
    set outside any transaction), every reference is checked before they are on again."""
    if connection.dialect.name != "sqlite":
        yield
        return
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    connection.commit()
    try:
        yield
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
        connection.commit()
        if broken:
            raise RuntimeError(f"the migration left {len(broken)} broken foreign key(s)")
    finally:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or ``None`` for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The newest revision shipped with this version of the bot."""
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    head = script.get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def is_up_to_date(engine: Engine) -> bool:
    """Whether the database schema matches this version of the bot."""
    return current_revision(engine) == head_revision()
