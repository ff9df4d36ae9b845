"""Time is injected: services ask a clock, and tests move it instead of sleeping."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Anything that tells the current time as an aware UTC datetime."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real wall clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that only moves when told to: for tests and the scripted demo."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> None:
        """Move time forward by ``delta``."""
        self._now += delta

    def set(self, moment: datetime) -> None:
        """Jump to ``moment``."""
        self._now = moment.astimezone(UTC)


def tick_every(seconds: float, speed: float) -> float:
    """Real seconds between ticks: ``seconds``, and on a clock ``speed`` times faster than
    real time at most one simulated minute, so fast time never makes a message late."""
    if speed <= 1:
        return seconds
    return max(0.05, min(seconds, 60 / speed))


class AcceleratedClock:
    """Simulated time for demos and process tests: ``speed`` simulated seconds pass per
    real second, starting at ``start``. A week at 3600x takes under three minutes.

    Never a clinic's clock: ``companion run`` accepts it only against a Bot API on this
    machine (see ``bot.settings.Settings.simulated_clock``).
    """

    def __init__(
        self,
        start: datetime,
        speed: float,
        real: Callable[[], float] = time.time,
        anchor: float | None = None,
    ) -> None:
        """``anchor`` is the real Unix time at which simulated time is ``start`` (default:
        now). Processes given the same anchor agree on the time, across restarts too."""
        if start.tzinfo is None:
            raise ValueError("AcceleratedClock needs an aware datetime")
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.start = start.astimezone(UTC)
        self.speed = speed
        self._real = real
        self._real_start = real() if anchor is None else anchor

    def now(self) -> datetime:
        elapsed = self._real() - self._real_start
        return self.start + timedelta(seconds=elapsed * self.speed)

    def real_seconds(self, simulated: timedelta) -> float:
        """How many real seconds ``simulated`` takes on this clock."""
        return simulated.total_seconds() / self.speed


class FastForwardClock(AcceleratedClock):
    """An accelerated clock that can also jump ahead: the scripted demo skips the hours in
    which nothing is due, then lets time run at ``speed`` up to the next due message.

    One process only: after a jump it no longer agrees with other processes on the anchor.
    """

    def skip_to(self, moment: datetime) -> None:
        """Jump to ``moment`` and run on from there; never backwards."""
        ahead = moment.astimezone(UTC) - self.now()
        if ahead > timedelta(0):
            self.start += ahead
