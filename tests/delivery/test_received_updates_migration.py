"""Migration 0007: the webhook's seen updates move into the one table of received updates."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, inspect, text

from bot.db import migrate
from bot.db.engine import make_engine

BEFORE = "0006_production_delivery"


def migrate_to(engine: Engine, revision: str) -> None:
    config = migrate.alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


@pytest.fixture
def built_by_0006(tmp_path: Path) -> Iterator[Engine]:
    """A database as 0006 left it: a polled update waiting, one handled, two webhook ids."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    migrate_to(engine, BEFORE)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO receivedupdate (update_id, received_at, payload, handled_at) VALUES "
                "(1, '2026-12-01 10:00:00+00:00', '{\"update_id\": 1}', NULL), "
                "(2, '2026-12-01 10:01:00+00:00', NULL, '2026-12-01 10:01:01+00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO seenupdate (update_id, received_at, lease_until, done_at) VALUES "
                "(10, '2026-12-01 11:00:00+00:00', '2026-12-01 11:01:20+00:00', "
                "'2026-12-01 11:00:02+00:00'), "
                "(11, '2026-12-01 11:05:00+00:00', '2026-12-01 11:06:20+00:00', NULL), "
                "(2, '2026-12-01 10:01:00+00:00', '2026-12-01 10:02:20+00:00', NULL)"
            )
        )
    yield engine
    engine.dispose()


def rows(engine: Engine) -> dict[int, tuple[object, ...]]:
    with engine.connect() as connection:
        found = connection.execute(
            text(
                "SELECT update_id, payload, lease_until IS NOT NULL, handled_at IS NOT NULL "
                "FROM receivedupdate"
            )
        ).all()
    return {row[0]: tuple(row[1:]) for row in found}


def test_upgrading_a_database_built_by_0006_moves_every_seen_update_into_received_updates(
    built_by_0006: Engine,
) -> None:
    assert migrate.upgrade(built_by_0006) == migrate.head_revision()

    assert "seenupdate" not in inspect(built_by_0006).get_table_names()
    assert rows(built_by_0006) == {
        1: ('{"update_id": 1}', False, False),  # still waits to be replayed
        2: (None, False, True),  # in both tables: the polled row, handled, is kept
        10: (None, True, True),  # a webhook update handled: a redelivery is answered 200
        11: (None, True, False),  # a webhook claim in progress: its lease still holds
    }


def test_downgrading_0007_gives_the_webhook_ids_back_to_their_own_table(
    built_by_0006: Engine,
) -> None:
    migrate.upgrade(built_by_0006)
    config = migrate.alembic_config(built_by_0006.url.render_as_string(hide_password=False))
    with built_by_0006.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, BEFORE)

    with built_by_0006.connect() as connection:
        seen = connection.execute(text("SELECT update_id FROM seenupdate ORDER BY 1")).all()
        received = connection.execute(text("SELECT update_id FROM receivedupdate ORDER BY 1"))
        assert [row[0] for row in seen] == [10, 11]
        assert [row[0] for row in received.all()] == [1, 2]
