"""Durable timers: a table of due work and one tick that dispatches it (see ARCHITECTURE.md).

``bot/`` adds rows (kind, subject id, due time, idempotency key) and registers one handler
per kind; the tick claims due rows atomically and runs their handlers. This package knows
nothing about patients: a subject id is just a number to it.
"""

from scheduler.models import DueWork, WorkStatus
from scheduler.store import Due
from scheduler.tick import Kind, Lane, Policy, Tick, TickReport

__all__ = ["Due", "DueWork", "Kind", "Lane", "Policy", "Tick", "TickReport", "WorkStatus"]
