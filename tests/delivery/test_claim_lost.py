"""A row the bot is sending that another instance took over (this one stalled past its
lease): nothing more of it goes from here, nothing of the other instance's claim is
overwritten, and the log says so, in counts, with no message text.

The send itself is a stand-in here (``delivery.send``, as the probe of issue 10 replaced
it); the real sender's last check before each call is tested in
``tests/scheduling/test_postgres_instances.py``."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from telegram.error import NetworkError

from bot.clock import ManualClock
from bot.content import Content
from bot.db.engine import session_factory
from bot.handlers import delivery
from bot.handlers.context import DEPS_KEY, Deps
from bot.sender import Priority
from bot.services import outbox
from bot.services.outgoing import Message
from scheduler import DueWork, WorkStatus, store

NOON = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
PATIENT = 42
B_LEASE = timedelta(minutes=5)  # b's claim, told apart from anything a would write


class Instances:
    """Instance a (the bot, sending a committed row with ``delivery._send_now``) and what
    instance b does meanwhile, on one database."""

    def __init__(self, engine: Engine, content: Content) -> None:
        self.engine = engine
        self.clock = ManualClock(NOON)
        self.open_db = session_factory(engine)
        self.context: Any = SimpleNamespace(
            bot_data={DEPS_KEY: Deps(self.open_db, self.clock, content)}
        )
        self.sent: list[str] = []

    def commit(self, *texts: str) -> str:
        with self.open_db() as db:
            (key,) = outbox.enqueue(db, self.clock, [Message(PATIENT, t) for t in texts])
        return key

    def b_takes_over(self) -> None:
        """a stalls past its lease, and b's tick claims the row."""
        self.clock.advance(delivery.SEND_LEASE * 2)
        with self.open_db() as db:
            assert store.claim(db, self.clock.now(), limit=1, lease=B_LEASE, worker="b")

    def the_row(self) -> DueWork:
        with Session(self.engine) as db:
            return db.exec(select(DueWork)).one()


@pytest.fixture
def two(engine: Engine, content: Content) -> Instances:
    return Instances(engine, content)


def a_sends(two: Instances, during: Callable[[str], None]) -> Any:
    """a's sends: each recorded, after ``during(text)`` (what happens while it is sent)."""

    async def send(
        _context: Any, message: Message, _priority: Any = None, _shown: Any = None
    ) -> bool:
        during(message.text)
        two.sent.append(message.text)
        return True

    return send


async def test_a_row_taken_over_between_two_messages_sends_no_more_from_here(
    two: Instances, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    key = two.commit("Your session is ready", "Tap when you start")

    def stalled_on_the_first(text: str) -> None:
        if text == "Your session is ready":
            two.b_takes_over()

    monkeypatch.setattr(delivery, "send", a_sends(two, stalled_on_the_first))
    with caplog.at_level(logging.WARNING, logger="bot.handlers.delivery"):
        assert await delivery._send_now(two.context, key, Priority.ANSWER) is False
    assert two.sent == ["Your session is ready"]  # the second is b's to send
    assert "claim lost" in caplog.text and "after 1 of its 2 messages" in caplog.text
    assert "session" not in caplog.text and "Tap" not in caplog.text
    row = two.the_row()
    assert row.status == WorkStatus.CLAIMED and row.claimed_by == "b"
    assert len(outbox.decode(row.payload)) == 2  # a's keep did not touch b's row


async def test_a_send_that_fails_after_its_row_was_taken_over_leaves_the_retry_to_the_other(
    two: Instances, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    key = two.commit("Your session is ready")

    def stalled_then_failed(_text: str) -> None:
        two.b_takes_over()
        raise NetworkError("Bad Gateway")

    monkeypatch.setattr(delivery, "send", a_sends(two, stalled_then_failed))
    with caplog.at_level(logging.WARNING, logger="bot.handlers.delivery"):
        assert await delivery._send_now(two.context, key, Priority.ANSWER) is False
    assert "claim lost: 1 outbox row that failed here" in caplog.text
    row = two.the_row()
    assert row.status == WorkStatus.CLAIMED and row.claimed_by == "b"  # not a's retry
    assert row.last_error is None
    assert row.run_at == two.clock.now() + B_LEASE  # b's lease, as b took it


async def test_a_row_sent_here_and_taken_over_before_it_was_marked_is_logged_and_remembered(
    two: Instances, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    key = two.commit("Your session is ready")
    monkeypatch.setattr(delivery, "send", a_sends(two, lambda _text: two.b_takes_over()))
    with caplog.at_level(logging.WARNING, logger="bot.handlers.delivery"):
        assert await delivery._send_now(two.context, key, Priority.ANSWER) is True
    assert "claim lost: 1 outbox row sent from here" in caplog.text
    assert "session" not in caplog.text
    assert two.the_row().claimed_by == "b"  # a's finish did not overwrite b's claim
    assert await delivery.sent_here(key)  # so this process's own tick does not resend it
