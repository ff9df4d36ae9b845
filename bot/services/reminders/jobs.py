"""The scheduler's handlers for the routine kinds (bot/services/reminders/scheduled.py).

The daily session, its follow-up and snooze, the morning check and the weekly check-in:
each due row is composed in its own transaction (the decision and its outbox rows commit
together), off the event loop, and only then sent. A row too late to send after downtime
(past ``grace``) still re-plans the patient.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta

from bot.clock import Clock
from bot.content import Content
from bot.db.engine import SessionFactory, off_the_loop
from bot.rules import schedule
from bot.services import outbox
from bot.services.outgoing import Message, Reply
from bot.services.reminders import scheduled as reminders
from bot.services.reminders.composer import ComposerPool
from bot.services.scheduling import planning
from scheduler import Due, Kind

Send = Callable[[Sequence[Message]], Awaitable[None]]
Post = Callable[[Sequence[str]], Awaitable[None]]  # sends committed outbox rows, by key


def routine_kinds(
    open_db: SessionFactory,
    clock: Clock,
    content: Content,
    send: Send,
    grace: timedelta,
    post: Post | None = None,
    composers: ComposerPool | None = None,
) -> list[Kind]:
    """A handler for each routine kind: compose (committing first), then send.

    With ``post`` (the bot's tick), the composed messages are outbox rows committed with
    the composition, and posted from those rows; ``send`` alone sends them directly.
    With ``composers``, each row is composed in a worker process (``composer.py``), still
    behind any person's database call (patients first), still one transaction per row;
    a row no worker could compose (one died, or took too long) is composed here instead.
    """

    def compose(due: Due) -> tuple[Reply, list[str]]:
        with open_db() as db:  # this row's one transaction
            reply = reminders.scheduled_reply(
                db, clock, content, due.kind, due.subject_id, due.due_at
            )
            keys = outbox.enqueue(db, clock, reply.messages, due.key) if post is not None else []
        return reply, keys

    def compose_elsewhere(due: Due) -> tuple[Reply, list[str]]:
        assert composers is not None  # a worker that died or got stuck: composed here
        now, with_outbox = clock.now(), post is not None
        return composers.compose(due, now, with_outbox=with_outbox, otherwise=lambda: compose(due))

    composing = compose if composers is None else compose_elsewhere

    async def run(due: Due) -> bool:
        reply, keys = await off_the_loop(lambda: composing(due), background=True)
        if not reply.messages:
            return False
        if post is not None:
            await post(keys)
        else:
            await send(reply.messages)
        return True

    def missed(due: Due) -> None:
        """Too late to send after downtime: still plan what comes next."""
        with open_db() as db:
            planning.replan_patient(db, clock, due.subject_id)

    return [Kind(name, run, grace, missed) for name in schedule.ROUTINE_KINDS]
