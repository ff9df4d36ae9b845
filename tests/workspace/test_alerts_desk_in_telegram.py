"""The clinicians' side of alerts through the emulator: /alerts, an alert's card opened from
it, the card's button words typed instead of tapped (only ever on the card on screen), the
patient's own words on the card, "Ask patient to call us", and what the patient hears once
someone has seen their report."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select
from workspace_people import DESK, LEE, OTHER, PAT, PAT2, ROY, Clinic2

from bot.db.models import Alert, AlertState, Patient
from bot.services.outgoing import as_plain_text
from emulator.records import BotMessage

CHEST = {"en": "I have chest pain and I feel sweaty", "fr": "j'ai une douleur à la poitrine"}
WORDS = {
    "en": {
        "list": "Open alerts",
        "open": "Open alert #{id}",
        "ack": "ack",
        "acked": "Acknowledged by dr-lee",
        "toast": "Acknowledged. The patient has been told.",
        "seen": "Someone from the clinic has seen your report.",
        "now": "If it is happening now, call 911.",
        "which": "Which alert?",
        "resolve": "RESOLVE",
        "resolved": "Resolved by dr-lee",
        "wrote": "The patient wrote: “{words}”",
    },
    "fr": {
        "list": "Alertes ouvertes",
        "open": "Ouvrir l'alerte #{id}",
        "ack": "Prendre en charge",
        "acked": "Prise en charge par dr-lee",
        "toast": "Pris en charge",
        "seen": "Une personne de la clinique a vu votre message.",
        "now": "Si cela se passe maintenant, appelez le 911.",
        "which": "Quelle alerte?",
        "resolve": "résolu",
        "resolved": "Résolue par dr-lee",
        "wrote": "La personne a écrit : « {words} »",
    },
}


def _text(message: BotMessage) -> str:
    return as_plain_text(message.text or "")


def _alerts(ws: Clinic2) -> list[Alert]:
    with ws.db() as db:
        return list(db.exec(select(Alert).order_by(Alert.id)).all())  # type: ignore[arg-type]


async def _chest_pain(ws: Clinic2, lang: str, user: int = PAT) -> BotMessage:
    """The patient types a chest pain; returns the card the clinician gets at once."""
    lee_after = ws.world.last_message_id(LEE)
    await ws.talk.send(user, CHEST[lang], "patient", replies=2)
    (card,) = await ws.talk.expect(LEE, lee_after, 1, "clinician")
    return card


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_a_typed_card_word_acknowledges_the_card_on_screen_and_the_patient_hears_the_new_safety_line(  # noqa: E501
    lang: str, ws: Clinic2
) -> None:
    ws.speak(lang, lang)
    say = WORDS[lang]
    card = await _chest_pain(ws, lang)
    (alert,) = _alerts(ws)
    assert say["wrote"].format(words=CHEST[lang]) in _text(card)  # escaped once: "j'ai"
    assert "&#34;" not in (card.text or "") and "&#39;" not in (card.text or "")
    version, pat_after = ws.world.version, ws.world.last_message_id(PAT)
    (said,) = await ws.talk.send(LEE, say["ack"], "clinician")
    assert say["toast"] in _text(said)
    (seen,) = await ws.talk.expect(PAT, pat_after, 1, "patient")
    assert say["seen"] in _text(seen) and say["now"] in _text(seen)
    edited = await ws.world.wait_for_edit(LEE, card.message_id, since_version=version)
    assert say["acked"] in _text(edited)
    (alert,) = _alerts(ws)
    assert alert.state == AlertState.ACKNOWLEDGED and alert.acknowledged_by_id == ws.staff["dr-lee"]

    # Later, the patient's receipts give the line for a sign coming back, not "call now".
    pat_after = ws.world.last_message_id(PAT)
    lee_after = ws.world.last_message_id(LEE)
    (receipt,) = await ws.talk.send(PAT, "ok thank you", "patient")
    await ws.talk.expect(LEE, lee_after, 1, "clinician")  # the message, with Reply
    assert say["seen"] in _text(receipt) and say["now"] in _text(receipt)

    # That message's notice is on the clinician's screen now, not the card: no guess.
    (asked,) = await ws.talk.send(LEE, say["resolve"], "clinician")
    assert say["which"] in _text(asked)
    assert _alerts(ws)[0].state == AlertState.ACKNOWLEDGED
    (again,) = await ws.talk.send(LEE, f"#{alert.id}", "clinician")  # its number: its card
    version = ws.world.version
    (note,) = await ws.talk.send(LEE, say["resolve"], "clinician")  # a note may follow
    assert str(alert.id) in _text(note)
    edited = await ws.world.wait_for_edit(LEE, again.message_id, since_version=version)
    assert say["resolved"] in _text(edited)
    assert _alerts(ws)[0].state == AlertState.RESOLVED


async def test_with_no_card_on_screen_a_card_word_never_acts_even_with_one_alert_open(
    ws: Clinic2,
) -> None:
    await _chest_pain(ws, "en")
    await ws.talk.send(LEE, "/alerts", "clinician")  # the list is on screen, not a card
    (alert,) = _alerts(ws)
    (asked,) = await ws.talk.send(LEE, "Acknowledge", "clinician")
    assert "Which alert?" in _text(asked) and f"#{alert.id}" in _text(asked)
    assert [label for label, _ in asked.buttons_flat()] == [f"Open alert #{alert.id}"]
    (alert,) = _alerts(ws)
    assert alert.state == AlertState.OPEN and alert.acknowledged_at is None  # the ladder runs

    (card,) = await ws.talk.send(LEE, str(alert.id), "clinician")  # its number: its card
    assert f"Alert #{alert.id} · EMERGENCY" in _text(card)
    await ws.talk.send(LEE, "ack", "clinician")
    (alert,) = _alerts(ws)
    assert alert.state == AlertState.ACKNOWLEDGED


async def test_alerts_lists_the_open_alerts_of_the_senders_patients_most_serious_first(
    ws: Clinic2,
) -> None:
    await _chest_pain(ws, "en")
    await ws.talk.send(PAT2, "my calf is swollen red and warm", "patient", replies=2)
    first, second = _alerts(ws)
    (listing,) = await ws.talk.send(LEE, "/alerts", "clinician")
    text = _text(listing)
    assert "Open alerts" in text
    assert text.index(f"#{first.id} · EMERGENCY · P-1") < text.index(f"#{second.id} · URGENT")
    assert "• " not in text.split("\n")[0]
    assert [label for label, _ in listing.buttons_flat()] == [
        f"Open alert #{first.id}",
        f"Open alert #{second.id}",
    ]
    (card,) = await ws.talk.press(LEE, listing, f"Open alert #{second.id}", "clinician")
    assert f"Alert #{second.id} · URGENT" in _text(card)


async def test_each_role_sees_only_what_it_may_and_a_refused_card_is_audited(ws: Clinic2) -> None:
    await _chest_pain(ws, "en")
    (alert,) = _alerts(ws)
    for user, who in ((ROY, "backup"), (DESK, "admin")):
        (listing,) = await ws.talk.send(user, "/alerts", who)
        assert f"#{alert.id} · EMERGENCY · P-1" in _text(listing)
    (elsewhere,) = await ws.talk.send(OTHER, "/alerts", "other clinic")
    assert "No open alerts" in _text(elsewhere)
    refused = await ws.forge(OTHER, f"card:{alert.id}")
    assert refused == "This alert is not for you."
    assert [e.outcome for e in ws.audit("patient.view")] == ["denied"]
    (stranger,) = await ws.talk.send(PAT, "/alerts", "patient")
    assert "/alerts" not in _text(stranger) and "EMERGENCY" not in _text(stranger)
    assert "denied" in [e.outcome for e in ws.audit("caseload.view")]


async def test_ask_patient_to_call_us_sends_the_clinics_phone(ws: Clinic2) -> None:
    card = await _chest_pain(ws, "en")
    pat_after = ws.world.last_message_id(PAT)
    await ws.press(LEE, card, "Ask patient to call us")
    (asked,) = await ws.talk.expect(PAT, pat_after, 1, "patient")
    assert "613-555-0100" in _text(asked) and "911" in _text(asked)


async def test_the_card_shows_one_sign_per_line(ws: Clinic2) -> None:
    card = await _chest_pain(ws, "en")
    lines = _text(card).splitlines()
    assert "Warning sign (found in a message):" in lines
    assert "• Chest pain, pressure or tightness" in lines
    with ws.db() as db:
        assert db.exec(select(Patient)).first() is not None


async def test_two_emergency_signs_give_the_patient_one_advice_message_then_what_happens_now(
    ws: Clinic2,
) -> None:
    pat_after = ws.world.last_message_id(PAT)
    await ws.world.send_text(PAT, "chest pain and I can't breathe")
    advice, told = await ws.talk.expect(PAT, pat_after, 2, "patient")
    text = _text(advice)
    assert "Call 911 right away" in text and "Stop and call 911 now" in text
    assert text.count("Call 911 right away") == 1
    assert "I have read this" in [label for label, _ in told.buttons_flat()]
    (alert,) = _alerts(ws)
    assert alert.level == "emergency"


async def test_the_inbox_lists_by_triage_level_then_the_newest_first(ws: Clinic2) -> None:
    await ws.talk.send(PAT, "A question about my plan.", "patient")
    ws.clock.advance(timedelta(hours=1))
    await ws.talk.send(PAT2, "Another question, later.", "patient")
    (listing,) = await ws.talk.send(LEE, "/inbox", "clinician")
    lines = [line for line in _text(listing).splitlines() if line.startswith("P-")]
    assert [line[:3] for line in lines] == ["P-2", "P-1"]  # no alert: the newest first
    ws.clock.advance(timedelta(minutes=5))
    await ws.talk.send(PAT, "chest pain", "patient", replies=2)  # EMERGENCY, kept unread
    (listing,) = await ws.talk.send(LEE, "/inbox", "clinician")
    lines = [line for line in _text(listing).splitlines() if line.startswith("P-")]
    assert lines[0].startswith("P-1") and "EMERGENCY" in lines[0]
    assert lines[1].startswith("P-2")
