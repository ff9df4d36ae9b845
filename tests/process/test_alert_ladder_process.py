"""An emergency nobody acknowledges climbs the ladder in the running program, step by step.

The ladder is ``content/rules/escalation.yaml``: an EMERGENCY goes to the patient's
clinician and backup at once, and to every admin when nobody has acknowledged it within
5 minutes. The accelerated testing clock (60x) makes those minutes seconds.
"""

from __future__ import annotations

import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from process_harness import Deploy, Seen, SimulatedClock
from process_steps import (
    ADMIN,
    BACKUP,
    CLINICIAN,
    PATIENT,
    alert_raised,
    link_staff,
    pick_reminder_time,
    reach_reminder_time,
    set_up_clinic_and_start_bot,
)

from bot.rules.levels import AlertLevel

pytestmark = pytest.mark.process

SPEED = 60.0  # a simulated minute per real second
TUESDAY_MORNING = datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("America/Toronto"))


def is_alert(message: Seen) -> bool:
    """A staff alert: it carries the Acknowledge button."""
    return message.has("ack:")


def test_an_unacknowledged_emergency_reaches_clinician_and_backup_at_once_and_the_admin_at_5_min(
    deploy: Deploy,
) -> None:
    clock = SimulatedClock(TUESDAY_MORNING, SPEED, anchor=time.time())
    deployment = deploy(clock)
    codes = set_up_clinic_and_start_bot(
        deployment, timezone="America/Toronto", backup=True, admin=True
    )
    emulator = deployment.emulator
    for user_id, handle in ((CLINICIAN, "dr-lee"), (BACKUP, "dr-roy"), (ADMIN, "desk")):
        link_staff(emulator, user_id, codes.staff[handle])
    question = reach_reminder_time(emulator, PATIENT, codes.patient)
    pick_reminder_time(emulator, PATIENT, question)

    mark = emulator.mark()
    emulator.say(PATIENT, "/warning")
    checklist = emulator.next_message(PATIENT, mark, lambda m: m.has("sign:"), "the checklist")
    mark = emulator.mark()
    emulator.press(PATIENT, checklist, checklist.button("sign:0:chest-pain"))
    emulator.next_message(PATIENT, mark, lambda m: True, "the emergency advice")
    reached = {
        "clinician": emulator.next_message(CLINICIAN, mark, is_alert, "the alert"),
        "backup": emulator.next_message(BACKUP, mark, is_alert, "the alert"),
        "admin": emulator.next_message(ADMIN, mark, is_alert, "the escalation", timeout=60),
    }

    raised = alert_raised(deployment, AlertLevel.EMERGENCY)
    minutes = {
        who: (clock.at(message.seen_at) - raised).total_seconds() / 60
        for who, message in reached.items()
    }
    figure = "EMERGENCY ladder, simulated minutes after the alert was raised: " + ", ".join(
        f"{who} +{value:.1f}" for who, value in minutes.items()
    )
    print(f"\n[process] {figure}")
    assert minutes["clinician"] < 1 and minutes["backup"] < 1, figure
    assert 5 <= minutes["admin"] <= 10, figure  # step 1; its repeat would be 30 min later
    # Step 1 tells the admins only: the clinician and backup are not told twice.
    assert len(emulator.messages(CLINICIAN, is_alert)) == 1, figure
    assert len(emulator.messages(BACKUP, is_alert)) == 1, figure
