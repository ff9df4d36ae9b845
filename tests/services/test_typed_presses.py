"""Every button a patient is shown can be pressed by typing what it says."""

from __future__ import annotations

from bot import callbacks
from bot.services.pressed import NOT_TYPED, PRESSES

# The buttons only staff are shown: a clinician's typed text is a reply or a note instead.
STAFF_ONLY = {
    callbacks.CLEARANCE,
    callbacks.ACKNOWLEDGE,
    callbacks.CONTACTED,
    callbacks.RESOLVE,
    callbacks.NO_NOTE,
    callbacks.MESSAGE_PATIENT,
    callbacks.CALL_ME,
    callbacks.RELEASE_HOLD,
    callbacks.ALERT_CARD,
    callbacks.APPROVE_LEVEL,
    callbacks.REPLY,
    callbacks.MARK_READ,
    callbacks.THREAD,
    callbacks.OPEN_PATIENT,
    callbacks.CASELOAD_PAGE,
}


def test_every_patient_button_has_the_service_its_handler_runs_when_typed() -> None:
    assert set(callbacks.SHAPES) == set(PRESSES) | NOT_TYPED | STAFF_ONLY
    assert not set(PRESSES) & (NOT_TYPED | STAFF_ONLY)
