"""429, 500, a timeout and an outage while sessions are due and a warning sign comes in:
every session is delivered, none twice, nothing dead-lettered, the clinician gets the
alert and the patient the advice. A small run; issue 11's probe (400 due, 30 x 429,
40 x 500, 6 timeouts, a minute's outage) is ``python -m bench.faults.network``."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from network_faults import Faults, Outcome, probe

from bot.content import Content


@pytest.fixture(scope="module")
def outcome(
    tmp_path_factory: pytest.TempPathFactory, api_schema_path: Path, content: Content
) -> Outcome:
    """One run for both tests (about 30 s: a timeout waits out the bot's 5-second read)."""
    faults = Faults(too_many=4, server=5, timeouts=1, outage=8)
    folder = tmp_path_factory.mktemp("network")
    found = asyncio.run(probe(folder, api_schema_path, content, due=12, faults=faults))
    print(found.line())
    return found


async def test_every_due_session_is_delivered_once_through_429s_500s_a_timeout_and_an_outage(
    outcome: Outcome,
) -> None:
    assert (outcome.delivered, outcome.dead) == (outcome.due, 0)
    assert outcome.duplicates <= 1  # at most the send in flight when a timeout hit


async def test_the_clinician_gets_the_alert_and_the_patient_the_advice_through_the_faults(
    outcome: Outcome,
) -> None:
    assert outcome.alert_reached_clinician and outcome.advice_reached_patient
