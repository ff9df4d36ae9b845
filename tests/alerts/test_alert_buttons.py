"""What staff do with an alert: acknowledge, contacted, resolve with a note, message the
patient, resume routine messages; and only the right people may."""

from __future__ import annotations

from alert_ward import ADMIN, BACKUP, CLINICIAN, LEE, PAT, Visitor, Ward
from sqlmodel import select

from bot.db.models import AlertState, AuditEvent, Clinic, Staff, StaffRole
from bot.rules.levels import AlertLevel
from bot.services import conversation
from bot.services.alerts import messages as alert_messages
from bot.services.alerts import raising as alerts
from bot.services.alerts import warnings

STRANGER = Visitor(1009, 1009)


def _emergency(ward: Ward) -> int:
    with ward.db() as db:
        warnings.choose_sign(db, ward.clock, ward.content, ward.patient(db), None, "fainting")
        alert_id = ward.alert(db).id
    assert alert_id is not None
    return alert_id


def test_the_clinicians_alert_carries_every_button(ward: Ward) -> None:
    with ward.db() as db:
        warnings.choose_sign(db, ward.clock, ward.content, ward.patient(db), None, "dvt")
        alert = ward.alert(db)
        lee = db.get(Staff, ward.staff["dr-lee"])
        assert lee is not None
        message = alert_messages.staff_message(db, ward.content, alert, lee)
    labels = [b.label for row in message.buttons for b in row]
    assert labels == [
        "Acknowledge",
        "I reached the patient",
        "Resolve",
        "Ask patient to call us",
        "Message patient",
        "Resume routine messages",
    ]
    assert "Chest" not in message.text and "calf" in message.text.lower()


def test_resolve_keeps_the_next_typed_text_as_the_note(ward: Ward) -> None:
    alert_id = _emergency(ward)
    with ward.db() as db:
        reply = alerts.resolve(db, ward.clock, ward.content, CLINICIAN, alert_id)
        assert reply.messages[0].chat_id == LEE and "note" in reply.messages[0].text
        answer = conversation.text_received(
            db, ward.clock, ward.content, CLINICIAN, "Called her; she is at the ED."
        )
        assert "Note saved" in answer.messages[0].text
        alert = ward.alert(db)
        assert alert.state == AlertState.RESOLVED and alert.note == "Called her; she is at the ED."
        assert [e[0] for e in ward.history(db, alert_id)][-3:] == [
            "acknowledged",
            "resolved",
            "noted",
        ]


def test_message_patient_relays_the_next_text_labelled_as_from_their_clinician(
    ward: Ward,
) -> None:
    alert_id = _emergency(ward)
    with ward.db() as db:
        alerts.message_patient(db, ward.clock, ward.content, CLINICIAN, alert_id)
        reply = conversation.text_received(
            db, ward.clock, ward.content, CLINICIAN, "Please call 613-555-0100 now."
        )
        to_patient, to_clinician = reply.messages
        assert to_patient.chat_id == PAT and "from your clinician" in to_patient.text.lower()
        assert "613-555-0100" in to_patient.text and to_clinician.chat_id == LEE
        assert ("relayed", None, ward.staff["dr-lee"]) in ward.history(db, alert_id)
        again = conversation.text_received(db, ward.clock, ward.content, CLINICIAN, "hello")
        assert all(m.chat_id != PAT for m in again.messages)  # one message relayed, not more


def test_resume_routine_messages_releases_the_hold_and_tells_the_patient(ward: Ward) -> None:
    alert_id = _emergency(ward)
    with ward.db() as db:
        reply = alerts.release_hold(db, ward.clock, ward.content, BACKUP, alert_id)
        assert ward.patient(db).hold_at is None
        assert [m.chat_id for m in reply.messages] == [PAT]
        assert ("routine_resumed", None, ward.staff["dr-roy"]) in ward.history(db, alert_id)


def test_contacted_patient_also_acknowledges(ward: Ward) -> None:
    alert_id = _emergency(ward)
    with ward.db() as db:
        alerts.contacted(db, ward.clock, ward.content, ADMIN, alert_id)
        alert = ward.alert(db)
        assert alert.state == AlertState.ACKNOWLEDGED and alert.contacted_at is not None
        assert alert.acknowledged_by_id == ward.staff["front-desk"]


def test_nobody_outside_the_patients_care_can_act_on_an_alert(ward: Ward) -> None:
    alert_id = _emergency(ward)
    with ward.db() as db:
        other = Clinic(slug="far", name="Far Away", timezone="UTC", created_at=ward.clock.now())
        db.add(other)
        db.flush()
        assert other.id is not None
        db.add(
            Staff(
                clinic_id=other.id,
                role=StaffRole.ADMIN,
                handle="boss",
                telegram_user_id=STRANGER.telegram_user_id,
                created_at=ward.clock.now(),
            )
        )
        db.commit()
        for action in (
            alerts.acknowledge,
            alerts.contacted,
            alerts.resolve,
            alerts.message_patient,
            alerts.release_hold,
        ):
            reply = action(db, ward.clock, ward.content, STRANGER, alert_id)
            assert reply.toast is not None and "not for you" in reply.toast and not reply.messages
        assert ward.alert(db).state == AlertState.OPEN and ward.patient(db).hold_at is not None
        denied = db.exec(select(AuditEvent).where(AuditEvent.outcome == "denied")).all()
        assert len(denied) == 5


def test_the_patient_confirms_reading_the_emergency_advice(ward: Ward) -> None:
    alert_id = _emergency(ward)
    with ward.db() as db:
        reply = alerts.patient_read(db, ward.clock, ward.content, ward.patient(db), alert_id)
        assert reply.messages[0].chat_id == PAT
        assert ward.alert(db).patient_confirmed_at is not None
        assert ward.alert(db).level == AlertLevel.EMERGENCY


def test_call_me_asks_the_patient_to_phone_the_clinic_and_is_recorded(ward: Ward) -> None:
    alert_id = _emergency(ward)
    with ward.db() as db:
        reply = alerts.ask_to_call(db, ward.clock, ward.content, CLINICIAN, alert_id)
        (to_patient,) = reply.messages
        assert to_patient.chat_id == PAT and "Please call" in to_patient.text
        assert "call_requested" in [e[0] for e in ward.history(db, alert_id)]
        refused = alerts.ask_to_call(db, ward.clock, ward.content, STRANGER, alert_id)
        assert refused.messages == []
