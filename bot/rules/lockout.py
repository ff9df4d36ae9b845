"""Locking out a Telegram account that keeps trying invite codes that don't work."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

FAILED = frozenset({"unknown", "expired", "used", "revoked"})


def locked_until(
    attempts: Iterable[tuple[datetime, str]], *, max_failures: int, lockout: timedelta
) -> datetime | None:
    """When the current lockout ends, or ``None`` if the account is not locked out.

    ``attempts`` are (time, outcome) pairs, oldest first. ``max_failures`` failures in a
    row lock the account for ``lockout``; a success resets the count, and so does the end
    of a lockout, so a person gets a fresh set of tries afterwards.
    """
    failures = 0
    until: datetime | None = None
    for moment, outcome in attempts:
        if until is not None and moment >= until:
            until = None
        if outcome == "ok":
            failures, until = 0, None
        elif outcome in FAILED and until is None:
            failures += 1
            if failures >= max_failures:
                until, failures = moment + lockout, 0
    return until
