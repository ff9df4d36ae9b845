"""Alert messages say what is true now: number, tier, state, who did what; and the patient
hears who acknowledged by role. Through the emulator, with the real tick."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select
from workspace_people import DESK, LEE, OTHER, PAT, ROY, Clinic2

from bot.content import Content
from bot.db.models import Alert, Patient
from bot.rules.levels import AlertLevel
from bot.services.alerts import raising as alerts
from bot.services.outgoing import as_plain_text
from emulator.records import BotMessage

WORDS = {
    "en": {
        "header": "Alert #{id} · URGENT",
        "open": "Open",
        "ack": "Acknowledge",
        "acked": "Acknowledged by dr-roy",
        "contacted": "I reached the patient",
        "was_contacted": "Patient contacted by dr-lee",
        "resolve": "Resolve",
        "resolved": "Resolved by dr-lee",
        "note": "Note: Called her; GP visit today.",
        "message": "Message patient",
        "seen": "A clinician of your care team has seen your report",
        "no_note": "No note",
    },
    "fr": {
        "header": "Alerte n° {id} · URGENTE",
        "open": "Ouverte",
        "ack": "Prendre en charge",
        "acked": "Prise en charge par dr-roy",
        "contacted": "J'ai joint la personne",
        "was_contacted": "Patient contacté par dr-lee",
        "resolve": "Résoudre",
        "resolved": "Résolue par dr-lee",
        "note": "Note : Called her; GP visit today.",
        "message": "Écrire à la personne",
        "seen": "Une personne de votre équipe de soins a vu votre message",
        "no_note": "Pas de note",
    },
}


def _raise(ws: Clinic2, content: Content, level: AlertLevel = AlertLevel.URGENT) -> int:
    with Session(ws.engine) as db:
        patient = db.get(Patient, ws.patient_id)
        assert patient is not None
        alerts.raise_alert(db, ws.clock, content, patient, level=level, reason="pain_high", pain=9)
        db.commit()  # the test is the use case's edge
        alert = db.exec(select(Alert)).one()
        assert alert.id is not None
        return alert.id


def _labels(message: BotMessage) -> list[str]:
    return [label for label, _ in message.buttons_flat()]


async def _edited(ws: Clinic2, chat: int, message: BotMessage, version: int) -> BotMessage:
    return await ws.world.wait_for_edit(chat, message.message_id, since_version=version)


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_every_copy_of_an_alert_is_edited_as_it_is_acknowledged_contacted_and_resolved(
    lang: str, ws: Clinic2, content: Content
) -> None:
    ws.speak(lang, lang)
    say = WORDS[lang]
    assert content.label(lang, "acknowledge") == say["ack"]
    lee_after, roy_after = ws.world.last_message_id(LEE), ws.world.last_message_id(ROY)
    alert_id = _raise(ws, content)
    await ws.later(seconds=60)  # the first step's send, by the tick
    (to_lee,) = await ws.talk.expect(LEE, lee_after, 1, "clinician")
    text = as_plain_text(to_lee.text or "")
    assert say["header"].format(id=alert_id) in text and say["open"] in text
    await ws.later(minutes=15)  # nobody acknowledged: the backup too
    (to_roy,) = await ws.talk.expect(ROY, roy_after, 1, "backup")

    version, pat_after = ws.world.version, ws.world.last_message_id(PAT)
    await ws.press(ROY, to_roy, say["ack"])
    (seen,) = await ws.talk.expect(PAT, pat_after, 1, "patient")
    assert say["seen"] in (seen.text or "")
    for chat, message in ((LEE, to_lee), (ROY, to_roy)):
        now = await _edited(ws, chat, message, version)
        assert say["acked"] in as_plain_text(now.text or "")
        assert say["ack"] not in _labels(now) and say["resolve"] in _labels(now)

    version = ws.world.version
    await ws.press(LEE, to_lee, say["contacted"])
    lee_now = await _edited(ws, LEE, to_lee, version)
    assert say["was_contacted"] in as_plain_text(lee_now.text or "")
    assert say["contacted"] not in _labels(lee_now)

    version, lee_after = ws.world.version, ws.world.last_message_id(LEE)
    await ws.press(LEE, lee_now, say["resolve"])
    await ws.talk.expect(LEE, lee_after, 1, "clinician")  # "type a note now"
    version = ws.world.version
    await ws.talk.send(LEE, "Called her; GP visit today.", "clinician")
    for chat, message in ((LEE, to_lee), (ROY, to_roy)):
        final = await ws.world.wait_for_edit(
            chat,
            message.message_id,
            since_version=version,
            predicate=lambda m: say["note"] in as_plain_text(m.text or ""),
        )
        assert say["resolved"] in as_plain_text(final.text or "")
        assert _labels(final) == [say["message"]]


async def test_when_an_admin_acknowledges_the_patient_hears_it_was_the_clinic(
    ws: Clinic2, content: Content
) -> None:
    desk_after = ws.world.last_message_id(DESK)
    _raise(ws, content, AlertLevel.EMERGENCY)
    await ws.later(seconds=60)
    await ws.later(minutes=5)  # an emergency reaches the admins after 5 minutes
    (to_desk,) = await ws.talk.expect(DESK, desk_after, 1, "admin")
    pat_after = ws.world.last_message_id(PAT)
    await ws.press(DESK, to_desk, "Acknowledge")
    (seen,) = await ws.talk.expect(PAT, pat_after, 1, "patient")
    assert (seen.text or "").startswith("The clinic has seen your report")
    assert "clinician" not in (seen.text or "")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Please call Ottawa Physio today at 613-555-0100."),
        ("fr", "Appelez Ottawa Physio aujourd'hui au 613-555-0100."),
    ],
)
async def test_call_me_gives_the_patient_the_clinics_phone_number(
    lang: str, expected: str, ws: Clinic2, content: Content
) -> None:
    ws.speak(lang, "en")
    lee_after = ws.world.last_message_id(LEE)
    _raise(ws, content)
    await ws.later(seconds=60)
    (to_lee,) = await ws.talk.expect(LEE, lee_after, 1, "clinician")
    pat_after = ws.world.last_message_id(PAT)
    await ws.press(LEE, to_lee, "Ask patient to call us")
    (asked,) = await ws.talk.expect(PAT, pat_after, 1, "patient")
    assert expected in as_plain_text(asked.text or "")


async def test_an_admin_of_another_clinic_cannot_act_on_an_alert_with_forged_buttons(
    ws: Clinic2, content: Content
) -> None:
    alert_id = _raise(ws, content)
    await ws.talk.send(OTHER, "/help", "other admin")
    for action in ("ack", "cont", "resolve", "callme", "tell", "unhold"):
        assert await ws.forge(OTHER, f"{action}:{alert_id}") == "This alert is not for you."
    with Session(ws.engine) as db:
        alert = db.get(Alert, alert_id)
        assert alert is not None and alert.state == "open" and alert.acknowledged_by_id is None
    assert all(m.chat_id == OTHER for m in ws.world.bot_messages(OTHER))
    assert len(ws.world.bot_messages(OTHER)) == 1  # only the /help answer
