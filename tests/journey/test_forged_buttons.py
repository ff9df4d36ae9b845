"""Forged or malformed button data is refused kindly, audited without its payload, and
never raises: nothing reaches a handler unless its data has the action's exact shape."""

from __future__ import annotations

import logging
import random

import pytest
from journey_steps import enrol_patient, link_clinician
from sqlmodel import Session, select

from bot import callbacks
from bot.db.models import AuditEvent
from bot.demo import PATIENT_USER_ID


def malformed_payloads(seed: int = 20261201, count: int = 60) -> list[str]:
    """Payloads built to be wrong: unknown actions, missing, extra or mangled arguments."""
    rng = random.Random(seed)
    actions = sorted(callbacks.SHAPES)
    junk = ["", "-1", "x", "1x", "9" * 25, "11", "é", "1:2:3:4", " 1", "1 ", "%00", "..", ":"]
    found = {"", ":", "nope", "zzz:1", "pain", "pain:1", "pain:1:11", "ack:", "ack:1:2"}
    while len(found) < count:
        action = rng.choice(actions)
        parts = [rng.choice(junk) for _ in range(rng.randint(1, 4))]
        found.add(":".join([action, *parts])[:64])
    return sorted(payload for payload in found if not callbacks.is_well_formed(payload))


def test_every_button_the_bot_builds_has_its_actions_shape() -> None:
    examples = [
        callbacks.data(callbacks.PAIN, 12, 10),
        callbacks.data(callbacks.TIME, "07:30"),
        callbacks.data(callbacks.TIMEZONE, "America/Argentina/Buenos_Aires"),
        callbacks.data(callbacks.TIMEZONE, "Etc/GMT+5"),
        callbacks.data(callbacks.SIGN, 0, "chest_pain"),
        callbacks.data(callbacks.READINESS, 4, 6, "y"),
        callbacks.data(callbacks.PSFS, 3, 2, 0),
        callbacks.data(callbacks.START_SESSION),
    ]
    assert [e for e in examples if not callbacks.is_well_formed(e)] == []
    assert set(callbacks.SHAPES) >= {
        value
        for name, value in vars(callbacks).items()
        if name.isupper() and isinstance(value, str) and not name.startswith("_")
    }


async def test_forged_presses_are_refused_audited_and_never_raise(
    live: object, caplog: pytest.LogCaptureFixture
) -> None:
    await link_clinician(live)
    session = await enrol_patient(live)
    world = live.world  # type: ignore[attr-defined]
    payloads = malformed_payloads()
    assert len(payloads) >= 50
    with caplog.at_level(logging.WARNING):
        for payload in payloads:
            forged = world.messages[PATIENT_USER_ID][session.message_id]
            forged.reply_markup = {"inline_keyboard": [[{"text": "x", "callback_data": payload}]]}
            query = await world.press_button(PATIENT_USER_ID, session.message_id, data=payload)
            answer = await world.wait_for_callback_answer(query)
            assert answer.text == "This button is no longer active.", payload
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    with Session(live.engine) as db:  # type: ignore[attr-defined]
        refused = db.exec(select(AuditEvent).where(AuditEvent.action == "button_refused")).all()
    assert len(refused) == len(payloads)
    assert {(r.outcome, r.telegram_user_id) for r in refused} == {("malformed", PATIENT_USER_ID)}
