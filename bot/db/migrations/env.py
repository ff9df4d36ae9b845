"""Alembic environment: runs migrations on the connection handed over by ``bot.db.migrate``."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import engine_from_config, pool
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import AutoString

import bot.db.models  # noqa: F401  (registers the tables on SQLModel.metadata)
import scheduler.models  # noqa: F401  (the due-work table lives in the same schema)

target_metadata = SQLModel.metadata


def run_migrations() -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = engine_from_config(
        config.get_section(config.config_ini_section) or {},
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.begin() as new_connection:
        _run(new_connection)


def _render_item(kind: str, item: Any, _context: AutogenContext) -> str | Literal[False]:
    """Write SQLModel's string type as plain ``sa.String`` so migrations need no sqlmodel."""
    if kind == "type" and isinstance(item, AutoString):
        return f"sa.String(length={item.length})"
    return False


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
