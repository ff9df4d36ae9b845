"""Two ``companion run --webhook`` processes on one PostgreSQL, behind a round-robin proxy.

Needs a real PostgreSQL: ``bash .ci/test`` starts a throwaway one and sets
``TEST_POSTGRES_URL``; without it these tests are skipped, with the reason shown.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from postgres_database import needs_postgres
from round_robin import RoundRobin
from sqlalchemy import func, text
from sqlmodel import Session, col, select
from webhook_instances import SECRET, free_port, instances_behind, webhook_process

from bot.clock import SystemClock
from bot.content import Content
from bot.db.engine import make_engine
from bot.db.models import Patient, ReceivedUpdate
from bot.demo import PATIENT_USER_ID, Conversation, seed_demo_clinic
from bot.services import received_updates
from bot.services.received_updates import Claim
from bot.webhook import SECRET_HEADER
from emulator.server import EmulatorServer, LoopbackServer
from emulator.world import World

TOKEN = "123456:two-instances"
pytestmark = needs_postgres


async def test_a_patient_enrols_across_two_instances_with_nothing_lost_or_doubled(
    api_schema_path: Path, tmp_path: Path, postgres_url: str, content: Content
) -> None:
    engine = make_engine(postgres_url)
    codes = seed_demo_clinic(engine, SystemClock(), content)
    world = World(token=TOKEN, schema_path=api_schema_path)
    ports = [free_port(), free_port()]
    proxy = RoundRobin([f"http://127.0.0.1:{port}" for port in ports])
    async with EmulatorServer(world) as emulator, LoopbackServer(proxy.app) as balancer:
        envs = instances_behind(
            balancer.base_url,
            ports,
            token=TOKEN,
            api_base_url=emulator.base_url,
            database_url=postgres_url,
        )
        async with (
            webhook_process(envs[0], tmp_path / "a") as first,
            webhook_process(envs[1], tmp_path / "b") as second,
        ):
            await world.wait_for_request("setWebhook", timeout=60)
            await wait_until_healthy(ports)
            talk = Conversation(world)
            who = "patient"
            (language,) = await talk.send(PATIENT_USER_ID, f"/start {codes.patient_code}", who)
            (consent,) = await talk.press(PATIENT_USER_ID, language, "English", who)
            (first_check,) = await talk.press(PATIENT_USER_ID, consent, "I agree", who)
            question = await talk.answer_all(PATIENT_USER_ID, first_check, ["No"] * 7, who)
            (enrolled,) = await talk.press(PATIENT_USER_ID, question, "6:00 PM", who)
            await world.wait_until(lambda: not world.updates or None, 20)
            update_count = world._next_update_id - 1
        assert (first.returncode, second.returncode) == (0, 0)
    logs = [(tmp_path / name / "instance.log").read_text() for name in ("a", "b")]
    assert all(TOKEN not in log and SECRET not in log for log in logs)
    # Both instances served updates of the one conversation, each update once.
    assert all(proxy.served[backend] >= 3 for backend in proxy.backends), proxy.served
    with Session(engine) as db:
        done = db.exec(
            select(func.count()).where(col(ReceivedUpdate.handled_at).is_not(None))
        ).one()
        patient = db.exec(select(Patient)).one()
    assert done == update_count == 11
    assert patient.onboarding_step == "enrolled"
    replies = [m for m in world.bot_messages(PATIENT_USER_ID) if not m.deleted]
    assert len(replies) == 11 and replies[-1].message_id == enrolled.message_id
    await proxy.aclose()
    engine.dispose()


async def wait_until_healthy(ports: list[int]) -> None:
    """Each instance's /healthz answers 200 (it listens, its database and tick are fine)."""
    async with httpx.AsyncClient(timeout=5) as http:
        for port in ports:
            for _ in range(100):
                try:
                    health = await http.get(f"http://127.0.0.1:{port}/healthz")
                except httpx.HTTPError:
                    health = None
                if health is not None and health.status_code == 200:
                    break
                await asyncio.sleep(0.1)
            else:
                raise AssertionError(f"instance on port {port} never became healthy")


async def test_the_same_update_sent_to_both_instances_is_processed_once(
    api_schema_path: Path, tmp_path: Path, postgres_url: str
) -> None:
    world = World(token=TOKEN, schema_path=api_schema_path)
    ports = [free_port(), free_port()]
    async with EmulatorServer(world) as emulator:
        public = f"http://127.0.0.1:{ports[0]}"
        envs = instances_behind(
            public, ports, token=TOKEN, api_base_url=emulator.base_url, database_url=postgres_url
        )
        async with (
            webhook_process(envs[0], tmp_path / "a"),
            webhook_process(envs[1], tmp_path / "b"),
            httpx.AsyncClient(timeout=30) as http,
        ):
            await world.wait_for_request("setWebhook", timeout=60)
            await wait_until_healthy(ports)
            world.webhook = None  # the test delivers, to both at once
            await world.send_text(4242, "/help")
            update = world.updates.pop()
            answers = await asyncio.gather(
                *(
                    http.post(
                        f"http://127.0.0.1:{port}/telegram",
                        json=update,
                        headers={SECRET_HEADER: SECRET},
                    )
                    for port in ports
                )
            )
            statuses = sorted(answer.status_code for answer in answers)
            await world.wait_for_bot_message(4242, timeout=20)
    assert statuses in ([200, 200], [200, 503])  # one processed it; the other did not
    assert len(world.bot_messages(4242)) == 1, [m.summary() for m in world.bot_messages(4242)]


def test_update_claims_on_postgresql_hold_as_on_sqlite(postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    now, lease = datetime.now(UTC), timedelta(seconds=80)
    with Session(engine) as db:
        assert received_updates.claim(db, 5, now, lease) is Claim.PROCESS
        assert received_updates.claim(db, 5, now, lease) is Claim.BUSY
        assert received_updates.claim(db, 5, now + lease * 2, lease) is Claim.PROCESS
        received_updates.handled(db, now, 5)
        assert received_updates.claim(db, 5, now + lease * 3, lease) is Claim.DONE
    engine.dispose()


# What a press and the tick look up (by the index expected), each found through an index.
LOOKUPS = {
    "ix_alert_session_id": "SELECT id FROM alert WHERE session_id = 5",
    "ix_alert_patient_id": "SELECT id FROM alert WHERE patient_id = 5 AND state != 'resolved'",
    "ix_alert_clinician_id": "SELECT id FROM alert WHERE clinician_id = 5 AND state = 'open'",
    "exercisesession_patient_id_local_date_key": (
        "SELECT id FROM exercisesession WHERE patient_id = 5 AND local_date = '2026-12-01'"
    ),
    "patient_telegram_user_id_key": "SELECT id FROM patient WHERE telegram_user_id = 5",
    "ix_painbaseline_patient_id": "SELECT id FROM painbaseline WHERE patient_id = 5",
    "ix_patientthreshold_patient_id": "SELECT id FROM patientthreshold WHERE patient_id = 5",
    "ix_duework_claimable": (
        "SELECT id FROM duework WHERE status IN ('pending', 'claimed') "
        "AND run_at <= now() ORDER BY priority, run_at LIMIT 48"
    ),
    "ix_receivedupdate_handled_at": (
        "SELECT update_id FROM receivedupdate WHERE handled_at IS NULL ORDER BY update_id"
    ),
    "ix_receivedupdate_received_at": (
        "SELECT update_id FROM receivedupdate WHERE received_at < now() AND payload IS NULL"
    ),
    # A pain press's one read (pain_alerts.for_pain_press), as SQLAlchemy writes it.
    "for_pain_press": (
        "SELECT exercisesession.id, clinic.slug, (SELECT painbaseline.pain FROM painbaseline "
        "WHERE painbaseline.patient_id = 5 ORDER BY painbaseline.local_date DESC, "
        "painbaseline.id DESC LIMIT 1), patientthreshold.name, patientthreshold.value "
        "FROM exercisesession LEFT OUTER JOIN clinic ON clinic.id = 3 "
        "LEFT OUTER JOIN patientthreshold ON patientthreshold.patient_id = 5 "
        "WHERE exercisesession.id = 7 AND exercisesession.patient_id = 5"
    ),
    # An outbox row claimed with its payload right after the commit (store.take_to_send).
    "take_to_send": (
        "UPDATE duework SET status = 'claimed', attempts = attempts + 1 "
        "WHERE key = 'send:x' AND status = 'pending' RETURNING id, payload"
    ),
    # A chat's live keyboards, newest first (keyboards.live), and a pressed one forgotten
    # with those beyond the newest few (keyboards.forget).
    "ix_shownkeyboard_chat_id": (
        "SELECT buttons FROM shownkeyboard WHERE chat_id = 5 ORDER BY id DESC LIMIT 5"
    ),
    "shownkeyboard_forget": (
        "DELETE FROM shownkeyboard WHERE chat_id = 5 AND (message_id = 9 OR id NOT IN "
        "(SELECT id FROM shownkeyboard WHERE chat_id = 5 ORDER BY id DESC LIMIT 5))"
    ),
}


def test_on_postgresql_alerts_sessions_due_rows_and_updates_are_found_by_indexes(
    postgres_url: str,
) -> None:
    engine = make_engine(postgres_url)
    plans = {}
    with engine.connect() as connection:
        connection.execute(text("SET enable_seqscan = off"))  # empty tables: show the index
        for index, statement in LOOKUPS.items():
            plans[index] = " ".join(
                row[0] for row in connection.execute(text(f"EXPLAIN {statement}"))
            )
    engine.dispose()
    # The planner may prefer another index than the one named (both lead with the column).
    scans = {index: plan for index, plan in plans.items() if "Seq Scan" in plan}
    assert scans == {}
    assert all("Index" in plan for plan in plans.values()), plans
    assert "ix_alert_session_id" in plans["ix_alert_session_id"]
    assert "ix_duework_claimable" in plans["ix_duework_claimable"]
