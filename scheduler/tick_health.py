"""Is the tick alive? What ``companion scheduler status`` tells an admin, in counts only.

An instance is *ticking* when its last tick is recent (three of its intervals, and at
least 30 s); one that started and has not ticked since, or stopped ticking, is flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session

from scheduler import store
from scheduler.models import SchedulerInstance

OVERDUE_AFTER = timedelta(minutes=1)  # later than this, due work counts as overdue
DAY = timedelta(hours=24)


@dataclass(frozen=True)
class InstanceHealth:
    """One instance as an admin sees it."""

    worker: str
    started_at: datetime
    last_tick_at: datetime | None
    stopped_at: datetime | None
    state: str  # ticking, not ticking, never ticked, stopped

    def as_text(self, now: datetime) -> str:
        if self.state == "stopped" and self.stopped_at is not None:
            return f"{self.worker}: stopped {_ago(now - self.stopped_at)}"
        if self.last_tick_at is None:
            return (
                f"{self.worker}: NEVER TICKED since it started {_ago(now - self.started_at)}"
                if self.state == "never ticked"
                else f"{self.worker}: started {_ago(now - self.started_at)}, first tick pending"
            )
        line = f"{self.worker}: last tick {_ago(now - self.last_tick_at)}"
        return line if self.state == "ticking" else f"{line}: NOT TICKING"


@dataclass(frozen=True)
class TickHealth:
    """The whole report: instances, overdue work, the last day's outcomes, all rows."""

    now: datetime
    instances: list[InstanceHealth]
    overdue: int
    oldest_overdue: datetime | None
    last_day: dict[str, int]
    counts: dict[str, int]

    def as_json(self) -> dict[str, Any]:
        return {
            "now": self.now.isoformat(),
            "instances": [
                {
                    "worker": i.worker,
                    "state": i.state,
                    "started_at": i.started_at.isoformat(),
                    "last_tick_at": i.last_tick_at.isoformat() if i.last_tick_at else None,
                    "stopped_at": i.stopped_at.isoformat() if i.stopped_at else None,
                }
                for i in self.instances
            ],
            "overdue": {
                "rows": self.overdue,
                "oldest_seconds": (
                    int((self.now - self.oldest_overdue).total_seconds())
                    if self.oldest_overdue
                    else None
                ),
            },
            "last_24_hours": {name: self.last_day.get(name, 0) for name in _OUTCOMES},
            "counts": self.counts,
        }

    def as_text(self) -> str:
        lines = ["Instances:"]
        lines += [f"  {i.as_text(self.now)}" for i in self.instances] or ["  none has started"]
        if self.overdue and self.oldest_overdue is not None:
            late = _duration(self.now - self.oldest_overdue)
            lines.append(f"Overdue: {self.overdue} rows; the oldest is {late} late.")
        else:
            lines.append("Overdue: none.")
        day = ", ".join(f"{self.last_day.get(name, 0)} {name}" for name in _OUTCOMES)
        lines.append(f"Last 24 hours: {day}.")
        every = ", ".join(f"{name}: {n}" for name, n in sorted(self.counts.items())) or "empty"
        lines.append(f"All due work: {every}.")
        return "\n".join(lines)


_OUTCOMES = ("done", "skipped", "missed", "dead")


def read(db: Session, now: datetime) -> TickHealth:
    """The tick's health at ``now``."""
    overdue, oldest = store.overdue(db, now, OVERDUE_AFTER)
    return TickHealth(
        now=now,
        instances=[_health(found, now) for found in store.instances(db)],
        overdue=overdue,
        oldest_overdue=oldest,
        last_day=store.outcomes_since(db, now - DAY),
        counts=store.counts(db),
    )


def _health(found: SchedulerInstance, now: datetime) -> InstanceHealth:
    allowed = timedelta(seconds=max(3 * found.tick_seconds, 30))
    if found.stopped_at is not None:
        state = "stopped"
    elif found.last_tick_at is None:
        state = "never ticked" if now - found.started_at > allowed else "starting"
    else:
        state = "ticking" if now - found.last_tick_at <= allowed else "not ticking"
    return InstanceHealth(
        found.worker, found.started_at, found.last_tick_at, found.stopped_at, state
    )


def _ago(delta: timedelta) -> str:
    return f"{_duration(delta)} ago"


def _duration(delta: timedelta) -> str:
    seconds = max(int(delta.total_seconds()), 0)
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 2 * 3600:
        return f"{seconds // 60} min"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} days"
