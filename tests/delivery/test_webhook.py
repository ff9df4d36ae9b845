"""Webhook mode: updates arrive by POST, are checked, claimed once and handled before 200."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import create_engine
from sqlmodel import Session, select
from webhook_helpers import SECRET, Hooked

from bot.clock import ManualClock
from bot.db.engine import session_factory
from bot.db.models import ReceivedUpdate
from bot.services import received_updates
from bot.services.received_updates import Claim
from bot.webhook import SECRET_HEADER, Health
from scheduler import store

PAT = 4242
HEADERS = {SECRET_HEADER: SECRET}
NOON = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)
LEASE = timedelta(seconds=80)


async def typed_update(hooked: Hooked, user_id: int, text: str) -> dict[str, Any]:
    """What Telegram would POST when ``user_id`` types ``text``; the test delivers it."""
    world = hooked.world
    saved, world.webhook = world.webhook, None  # hold the emulator's own delivery back
    try:
        await world.send_text(user_id, text)
        return world.updates.pop()
    finally:
        world.webhook = saved


def replies(hooked: Hooked, user_id: int) -> int:
    return len(hooked.world.bot_messages(user_id))


def seen(hooked: Hooked) -> list[ReceivedUpdate]:
    with Session(hooked.engine) as db:
        return list(db.exec(select(ReceivedUpdate)).all())


async def test_the_webhook_is_registered_with_the_secret_and_the_updates_we_handle(
    hooked: Hooked,
) -> None:
    request = await hooked.world.wait_for_request("setWebhook")
    assert request.params["url"] == hooked.url
    assert request.params["secret_token"] == SECRET
    assert sorted(request.params["allowed_updates"]) == ["callback_query", "message"]
    assert request.params["drop_pending_updates"] is False


async def test_a_message_telegram_delivers_on_the_webhook_is_answered_and_recorded(
    hooked: Hooked,
) -> None:
    await hooked.world.send_text(PAT, "/help")
    reply = await hooked.world.wait_for_bot_message(PAT)
    assert reply.text
    await hooked.world.wait_until(lambda: hooked.world.updates == [] or None, 5.0)
    (row,) = seen(hooked)
    assert row.handled_at is not None


async def test_a_request_without_the_right_secret_is_refused_and_never_processed(
    hooked: Hooked,
) -> None:
    update = await typed_update(hooked, PAT, "/help")
    for headers in ({}, {SECRET_HEADER: "not-the-secret"}, {SECRET_HEADER: SECRET + "x"}):
        answer = await hooked.http.post(hooked.url, json=update, headers=headers)
        assert answer.status_code == 403
    assert replies(hooked, PAT) == 0
    assert seen(hooked) == []


async def test_the_answer_is_200_only_once_the_update_has_been_handled(hooked: Hooked) -> None:
    hooked.world.inject_fault("sendMessage", "delay", delay=0.5)  # a slow reply
    update = await typed_update(hooked, PAT, "/help")
    answer = await hooked.http.post(hooked.url, json=update, headers=HEADERS)
    assert answer.status_code == 200
    assert replies(hooked, PAT) == 1  # already sent when the 200 came back


async def test_the_same_update_delivered_twice_is_processed_once(hooked: Hooked) -> None:
    update = await typed_update(hooked, PAT, "/help")
    first = await hooked.http.post(hooked.url, json=update, headers=HEADERS)
    again = await hooked.http.post(hooked.url, json=update, headers=HEADERS)
    assert (first.status_code, again.status_code) == (200, 200)
    assert replies(hooked, PAT) == 1


async def test_a_redelivery_while_the_first_is_still_working_is_asked_to_come_back(
    hooked: Hooked,
) -> None:
    hooked.world.inject_fault("sendMessage", "delay", delay=1.0)
    update = await typed_update(hooked, PAT, "/help")
    first = asyncio.create_task(hooked.http.post(hooked.url, json=update, headers=HEADERS))
    await hooked.world.wait_for_request("sendMessage")  # the first is sending its reply
    again = await hooked.http.post(hooked.url, json=update, headers=HEADERS)
    assert again.status_code == 503 and again.headers["Retry-After"]
    assert (await first).status_code == 200
    later = await hooked.http.post(hooked.url, json=update, headers=HEADERS)
    assert later.status_code == 200
    assert replies(hooked, PAT) == 1


async def test_a_body_that_is_not_an_update_is_refused(hooked: Hooked) -> None:
    bodies = (b"not json", b"{}", b'{"update_id": "x"}', b'{"update_id": 9, "message": 1}')
    for body in bodies:
        answer = await hooked.http.post(hooked.url, content=body, headers=HEADERS)
        assert answer.status_code == 400
    assert seen(hooked) == []  # nothing claimed: a corrected delivery is processed


def test_an_update_claimed_by_an_instance_that_died_is_taken_over_after_its_lease(
    db: Session,
) -> None:
    assert received_updates.claim(db, 7, NOON, LEASE) is Claim.PROCESS
    assert received_updates.claim(db, 7, NOON + timedelta(seconds=10), LEASE) is Claim.BUSY
    later = NOON + LEASE + timedelta(seconds=1)
    assert received_updates.claim(db, 7, later, LEASE) is Claim.PROCESS
    received_updates.handled(db, later, 7)
    assert received_updates.claim(db, 7, later + LEASE * 2, LEASE) is Claim.DONE


def test_an_update_whose_processing_failed_is_processed_afresh_when_redelivered(
    db: Session,
) -> None:
    assert received_updates.claim(db, 8, NOON, LEASE) is Claim.PROCESS
    received_updates.forget(db, 8)
    assert received_updates.claim(db, 8, NOON, LEASE) is Claim.PROCESS


def test_update_ids_older_than_two_days_are_pruned_but_a_waiting_payload_is_kept(
    db: Session,
) -> None:
    received_updates.claim(db, 1, NOON - timedelta(days=3), LEASE)
    received_updates.claim(db, 2, NOON - timedelta(hours=1), LEASE)
    received_updates.receive(db, ManualClock(NOON - timedelta(days=3)), 3, '{"update_id": 3}')
    assert received_updates.prune(db, NOON) == 1
    assert [row.update_id for row in db.exec(select(ReceivedUpdate))] == [2, 3]


HEALTH_KEYS = {"alive", "database", "tick", "tick_age_seconds", "status"}


async def test_healthz_is_ok_while_the_database_answers_and_this_instance_ticks(
    hooked: Hooked,
) -> None:
    with Session(hooked.engine) as db:
        store.instance_started(db, "bot-a", hooked.clock.now(), 5.0)
        store.instance_ticked(db, "bot-a", hooked.clock.now())
    hooked.receiver.health = Health(session_factory(hooked.engine), hooked.clock, "bot-a")
    answer = await hooked.http.get(f"{hooked.base_url}/healthz")
    assert answer.status_code == 200
    assert answer.json() == {
        "alive": True,
        "database": "ok",
        "tick": "ok",
        "tick_age_seconds": 0.0,
        "status": "ok",
    }


async def test_healthz_fails_when_this_instance_has_not_ticked_for_too_long(
    hooked: Hooked,
) -> None:
    with Session(hooked.engine) as db:
        store.instance_started(db, "bot-a", hooked.clock.now(), 5.0)
    hooked.receiver.health = Health(
        session_factory(hooked.engine), hooked.clock, "bot-a", stale_after=timedelta(minutes=5)
    )
    hooked.clock.advance(timedelta(minutes=6))
    answer = await hooked.http.get(f"{hooked.base_url}/healthz")
    assert answer.status_code == 503
    assert answer.json()["tick"] == "stale" and set(answer.json()) <= HEALTH_KEYS


async def test_healthz_fails_when_this_instance_stopped_its_tick(hooked: Hooked) -> None:
    with Session(hooked.engine) as db:
        store.instance_started(db, "bot-a", hooked.clock.now(), 5.0)
        store.instance_stopped(db, "bot-a", hooked.clock.now())
    hooked.receiver.health = Health(session_factory(hooked.engine), hooked.clock, "bot-a")
    answer = await hooked.http.get(f"{hooked.base_url}/healthz")
    assert (answer.status_code, answer.json()["tick"]) == (503, "not running")


async def test_healthz_fails_and_names_no_detail_when_the_database_does_not_answer(
    hooked: Hooked,
) -> None:
    nowhere = create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    hooked.receiver.health = Health(lambda: Session(nowhere), hooked.clock, "bot-a")
    answer = await hooked.http.get(f"{hooked.base_url}/healthz")
    assert answer.status_code == 503
    assert answer.json() == {
        "alive": True,
        "database": "unreachable",
        "tick": "unknown",
        "status": "unhealthy",
    }
    nowhere.dispose()
