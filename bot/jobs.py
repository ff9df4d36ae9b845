"""The bot's side of the scheduler: the tick with every kind's handler, and its lifecycle.

Each feature keeps its scheduler handlers beside it: the routine kinds in
``bot/services/reminders/jobs.py``, the alert ladder in ``bot/services/alerts/jobs.py``,
the weekly digest in ``bot/services/staff/digest_jobs.py``. Here they are registered with
the Telegram side (sending, reaching staff).

The tick is an APScheduler ``AsyncIOScheduler`` with one interval job, and the urgent
lane's (alert work, every half second: ``ALERT_LANE``), started in ``post_init`` and
stopped (after in-flight work finishes) in ``post_stop``. With ``composers``
(``COMPOSER_PROCESSES``), the routine rows are composed in worker processes, started in
``post_init`` before the tick and closed in ``post_shutdown``, after it stopped. We use
APScheduler directly rather than PTB's ``JobQueue``: ``scheduler/`` stays free of Telegram,
so it is tested and benchmarked without a bot, and PTB would add nothing but a wrapper.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import timedelta
from typing import TypeVar

from telegram.ext import Application, CallbackContext

from bot.db.engine import off_the_loop
from bot.handlers.context import DEPS_KEY, Deps
from bot.handlers.delivery import send_row, send_rows, send_unprompted, sent_here
from bot.sender import Priority
from bot.services import outbox
from bot.services.alerts.jobs import alert_kinds
from bot.services.outgoing import Message
from bot.services.reminders.composer import ComposerPool
from bot.services.reminders.jobs import routine_kinds
from bot.services.staff.digest_jobs import digest_kinds
from scheduler import Due, Kind, Lane, Policy, Tick
from scheduler.models import URGENT

T = TypeVar("T")
URGENT_BATCH = 48  # rows claimed at a time (see build_tick)
# The urgent lane: alert steps, alert reminders and alert messages (the rows planned
# URGENT) are claimed on their own every half second, a few at a time, whatever the
# routine batch is doing; see docs/scheduling.md.
# ``bench/escalation_during_broadcast.py`` sets it to ``None`` to measure the tick without.
ALERT_LANE: Lane | None = Lane(every_seconds=0.5, batch_size=8, concurrency=8, priority=URGENT)
TICK_KEY = "tick"  # application.bot_data[TICK_KEY]: the installed Tick (for /healthz)


async def in_background(work: Callable[[], T]) -> T:
    """The tick's own store calls: background work, behind any person's (patients first)."""
    return await off_the_loop(work, background=True)


async def as_urgent(work: Callable[[], T]) -> T:
    """The urgent lane's store calls: as a person's, in the alert threads, never queued
    behind the composition of a broadcast or the presses' calls."""
    return await off_the_loop(work, urgent=True)


def build_tick(
    application: Application,  # type: ignore[type-arg]
    *,
    grace: timedelta = timedelta(hours=2),
    max_attempts: int = 5,
    composers: ComposerPool | None = None,
) -> Tick:
    """The tick for this bot, sending through ``application`` (tests call it directly);
    the routine rows composed in ``composers``' worker processes, if given."""
    found = application.bot_data[DEPS_KEY]
    assert isinstance(found, Deps)

    async def send(messages: Sequence[Message]) -> None:
        await send_unprompted(application, messages)

    async def post(keys: Sequence[str]) -> None:
        await send_rows(CallbackContext(application), keys, Priority.SCHEDULED)

    async def retry_send(due: Due) -> bool:
        """An outbox row whose send right after its commit did not finish."""
        if await sent_here(due.key):
            return True
        await send_row(CallbackContext(application), due, Priority.SCHEDULED)
        return True

    async def post_alert(keys: Sequence[str]) -> None:  # a ladder step's rows, alert lane
        await send_rows(CallbackContext(application), keys, Priority.ALERT)

    kinds = routine_kinds(
        found.open_db, found.clock, found.content, send, grace, post, composers=composers
    )
    kinds.append(Kind(outbox.KIND, retry_send, grace=None))  # a reply is never dropped
    db, clock, content = found.open_db, found.clock, found.content
    kinds += alert_kinds(db, clock, content, post_alert)  # grace: none
    kinds += digest_kinds(db, clock, content, post)  # weekly, per clinician
    # Small batches: a batch runs to its end before the next claim (~1.5 s of sends at 30 a
    # second). An alert step that falls due meanwhile does not wait for it: the urgent lane
    # claims it within half a second, and its messages go in the sender's alert lane.
    policy = Policy(max_attempts=max_attempts, batch_size=URGENT_BATCH)
    lane = None if ALERT_LANE is None else replace(ALERT_LANE, off_the_loop=as_urgent)
    return Tick(found.open_db, found.clock, kinds, policy, off_the_loop=in_background, lane=lane)


def install_tick(
    application: Application,  # type: ignore[type-arg]
    *,
    every_seconds: float,
    grace: timedelta,
    max_attempts: int,
    composers: ComposerPool | None = None,
    first_at_once: bool = False,
) -> Tick:
    """Start the tick with the bot and stop it with the bot, keeping any existing hooks.

    ``composers`` start before the tick (post_init) and close after it stopped and the
    application shut down (post_shutdown): no row is in a worker by then.
    ``first_at_once``: the first tick runs as the bot starts, not one interval later."""
    tick = build_tick(application, grace=grace, max_attempts=max_attempts, composers=composers)
    application.bot_data[TICK_KEY] = tick
    previous_init, previous_stop = application.post_init, application.post_stop
    previous_shutdown = application.post_shutdown

    async def start(app: Application) -> None:  # type: ignore[type-arg]
        if previous_init is not None:
            await previous_init(app)
        if composers is not None:  # seconds: each worker imports the bot, loads the content
            await asyncio.to_thread(composers.start)
        tick.start(every_seconds, first_at_once=first_at_once)

    async def stop(app: Application) -> None:  # type: ignore[type-arg]
        await tick.stop()
        if previous_stop is not None:
            await previous_stop(app)

    async def shut_down(app: Application) -> None:  # type: ignore[type-arg]
        if previous_shutdown is not None:
            await previous_shutdown(app)
        if composers is not None:
            await asyncio.to_thread(composers.close)

    application.post_init = start
    application.post_stop = stop
    application.post_shutdown = shut_down
    return tick
