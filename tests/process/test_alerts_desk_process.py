"""The clinicians' alert desk in the running program, over loopback, by taps.

A patient types a warning sign in their own words; the alert it raises reaches their
clinician. The clinician's ``/alerts`` lists it, its card opened by a tap carries the
patient's words escaped once (what Telegram shows is exactly what the patient typed, with
its ``&``, ``<`` and quotes), and **Acknowledge**, tapped, acknowledges it: the card says
so, and the patient is told someone has seen their report. **Resolve**, tapped, asks for an
optional note, and "no note" typed is the **No note** button: the alert is resolved with no
note. The clock is the testing clock at 1x from a Tuesday morning, so the run is daytime.
"""

from __future__ import annotations

import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from process_harness import Deploy, Deployment, Seen, SimulatedClock
from process_steps import (
    CLINICIAN,
    PATIENT,
    link_staff,
    pick_reminder_time,
    reach_reminder_time,
    set_up_clinic_and_start_bot,
)
from sqlmodel import select

from bot.db.engine import make_engine, session_factory
from bot.db.models import Alert, AlertState

pytestmark = pytest.mark.process

TUESDAY_MORNING = datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("America/Toronto"))
# A warning sign in the patient's words, with what Telegram's HTML needs escaped (& and <)
# and what must not be escaped twice (the quotes).
WORDS = 'I\'m having chest pain & my left arm is "heavy" <since noon>'


def _alerts(deployment: Deployment) -> list[Alert]:
    engine = make_engine(deployment.database_url)
    try:
        with session_factory(engine)() as db:
            return list(db.exec(select(Alert)).all())
    finally:
        engine.dispose()


def test_a_clinician_finds_a_typed_warning_sign_in_alerts_with_the_patients_words_and_acts_by_taps(
    deploy: Deploy,
) -> None:
    deployment = deploy(SimulatedClock(TUESDAY_MORNING, 1.0, anchor=time.time()))
    codes = set_up_clinic_and_start_bot(deployment, timezone="America/Toronto")
    emulator = deployment.emulator
    bot = deployment.bots[0]
    link_staff(emulator, CLINICIAN, codes.staff["dr-lee"])
    question = reach_reminder_time(emulator, PATIENT, codes.patient)
    pick_reminder_time(emulator, PATIENT, question)

    mark = emulator.mark()
    emulator.say(PATIENT, WORDS)
    emulator.next_message(CLINICIAN, mark, lambda m: m.has("ack:"), "the alert", timeout=30)
    (alert,) = emulator.wait_for("the alert in the database", lambda: _alerts(deployment), 15)
    assert alert.words == WORDS  # kept as typed: escaped only where it is shown

    mark = emulator.mark()
    emulator.say(CLINICIAN, "/alerts")
    listing = emulator.next_message(
        CLINICIAN, mark, lambda m: m.has("card:"), "the /alerts list", timeout=30
    )
    assert listing.buttons == (f"card:{alert.id}",)
    mark = emulator.mark()
    emulator.press(CLINICIAN, listing, f"card:{alert.id}")

    def is_card(message: Seen) -> bool:  # a new message: the card, not the first alert
        return message.message_id > listing.message_id and message.has(f"ack:{alert.id}")

    card = emulator.next_message(CLINICIAN, mark, is_card, "the alert's card", timeout=30)
    assert WORDS in card.text, card.text  # escaped once: shown exactly as typed
    for twice in ("&amp;", "&lt;", "&quot;", "&#34;", "&#39;"):
        assert twice not in card.text, card.text

    mark = emulator.mark()
    emulator.press(CLINICIAN, card, f"ack:{alert.id}")
    emulator.next_message(
        PATIENT, mark, lambda m: not m.has("ack:"), "the patient told it was seen", timeout=30
    )

    def acknowledged() -> Seen | None:
        shown = emulator.seen.get((CLINICIAN, card.message_id))
        return shown if shown and shown.version > mark and not shown.has("ack:") else None

    edited: Seen = emulator.wait_for("the card edited", acknowledged, 30, watch=[bot])
    assert WORDS in edited.text and f"resolve:{alert.id}" in edited.buttons
    (alert,) = _alerts(deployment)
    assert alert.state == AlertState.ACKNOWLEDGED and alert.acknowledged_by_id is not None

    mark = emulator.mark()
    emulator.press(CLINICIAN, edited, f"resolve:{alert.id}")
    emulator.next_message(
        CLINICIAN, mark, lambda m: m.has(f"nonote:{alert.id}"), "the note question", timeout=30
    )
    mark = emulator.mark()
    last = max(m.message_id for m in emulator.messages(CLINICIAN))
    emulator.say(CLINICIAN, "no note")
    emulator.next_message(CLINICIAN, mark, lambda m: m.message_id > last, "the answer", 30)
    (alert,) = _alerts(deployment)
    assert alert.state == AlertState.RESOLVED and alert.note is None  # "no note" is no note
