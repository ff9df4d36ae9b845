"""Whether a statement reads a looked-up table in full, by SQLite's ``EXPLAIN QUERY PLAN``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

# The tables a press or the tick looks rows up in: none may be read in full.
LOOKED_UP = {
    "clinic",
    "shownkeyboard",
    "alertnotice",
    "patient",
    "exercisesession",
    "alert",
    "alertevent",
    "painbaseline",
    "patientthreshold",
    "duework",
    "receivedupdate",
    "staff",
}


def full_scans(engine: Engine, statements: list[str], given: list[Any]) -> list[str]:
    """The ``EXPLAIN QUERY PLAN`` lines (SQLite) that read a looked-up table in full."""
    found = []
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        for statement, parameters in zip(statements, given, strict=True):
            if not statement.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE")):
                continue  # an INSERT finds no row (its ON CONFLICT uses the unique index)
            for row in raw.execute(f"EXPLAIN QUERY PLAN {statement}", parameters):
                detail = str(row[-1])
                words = detail.split()
                if words[:1] == ["SCAN"] and words[1] in LOOKED_UP and "INDEX" not in detail:
                    found.append(f"{detail}  <-  {' '.join(statement.split())[:120]}")
    return found
