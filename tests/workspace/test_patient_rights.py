"""The patient's rights through the emulator: /mydata, versioned consent, withdrawal."""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime

import pytest
from sqlmodel import Session, col, select
from workspace_people import LEE, PAT, Clinic2, give_history

from bot.content import Content
from bot.db.models import ConsentRecord, Patient
from bot.services.enrolment import consent
from bot.services.outgoing import as_plain_text
from bot.services.scheduling import planning

EVENING = datetime(2026, 11, 30, 23, 0, tzinfo=UTC)  # 18:00 in Ottawa: the reminder time


def _files(ws: Clinic2, after: int) -> dict[str, bytes]:
    found = {}
    for message in ws.world.bot_messages(PAT):
        stored = ws.world.messages[PAT][message.message_id]
        if message.message_id > after and message.kind == "document" and stored.file:
            found[stored.file.filename or ""] = stored.file.data or b""
    return found


@pytest.mark.parametrize(
    ("lang", "intro", "heading"),
    [
        ("en", "a copy of everything this bot keeps about you", "Messages with your care team"),
        (
            "fr",
            "une copie de tout ce que ce bot garde sur vous",
            "Messages avec votre équipe de soins",
        ),
    ],
)
async def test_mydata_sends_the_patients_record_as_json_and_as_readable_html(
    lang: str, intro: str, heading: str, ws: Clinic2
) -> None:
    give_history(ws.engine, ws.clock, ws.patient_id, pains={2: 3, 1: 4}, psfs=[[3, 4, 5]])
    await ws.talk.send(PAT, "Is it fine to walk the dog too?", "patient")
    ws.speak(lang, lang)
    after = ws.world.last_message_id(PAT)
    said, _, _ = await ws.talk.send(PAT, "/mydata", "patient", replies=3)
    assert intro in (said.text or "")
    files = _files(ws, after)
    assert sorted(files) == ["my-record-P-1.html", "my-record-P-1.json"]
    data = json.loads(files["my-record-P-1.json"])
    assert data["patient"] == "P-1" and data["clinician"] == "dr-lee"
    assert [s["pain"] for s in data["sessions"]] == [3, 4]
    assert [m["text"] for m in data["messages"]] == ["Is it fine to walk the dog too?"]
    assert data["psfs_activities"][0]["label"] == "activity 0"  # theirs to see
    assert data["settings"]["consent_version"] is not None
    page = files["my-record-P-1.html"].decode()
    assert page.startswith("<!doctype html>") and f'<html lang="{lang}">' in page
    assert heading in page and "Is it fine to walk the dog too?" in page
    assert ws.audit("patient.export")[-1].patient_id == ws.patient_id


WORDS = {  # a warning sign in the patient's words, with what HTML escapes: & < > " '
    "en": 'I\'m having chest pain & my arm is "heavy" <since noon>',
    "fr": "j'ai une douleur à la poitrine & mon bras est « lourd » <depuis midi>",
}


@pytest.mark.parametrize(
    ("lang", "heading"), [("en", "What you wrote"), ("fr", "Ce que vous avez écrit")]
)
async def test_mydata_gives_the_patient_the_words_that_raised_each_alert_escaped_once(
    lang: str, heading: str, ws: Clinic2
) -> None:
    ws.speak(lang, lang)
    await ws.talk.send(PAT, WORDS[lang], "patient", replies=2)  # the advice, what happens now
    after = ws.world.last_message_id(PAT)
    await ws.talk.send(PAT, "/mydata", "patient", replies=3)
    files = _files(ws, after)
    (alert,) = json.loads(files["my-record-P-1.json"])["alerts"]
    assert alert["words"] == WORDS[lang]  # as typed: nothing escaped in the JSON
    page = files["my-record-P-1.html"].decode()
    assert f"<th>{heading}</th>" in page  # in the patient's language
    assert f"<td>{html.escape(WORDS[lang])}</td>" in page  # escaped once
    assert "&amp;amp;" not in page and "&amp;lt;" not in page and "&amp;#x27;" not in page
    assert WORDS[lang] not in page  # never raw: the page cannot be broken by what they typed


async def test_a_new_consent_version_is_asked_at_the_next_routine_message_which_waits(
    ws: Clinic2, content: Content
) -> None:
    with Session(ws.engine) as db:
        patient = db.get(Patient, ws.patient_id)
        assert patient is not None
        patient.consent_version = "2025-01-v0"  # agreed to an older notice
        db.add(patient)
        db.commit()
        planning.replan(db, ws.clock, patient)
        db.commit()  # the test is the use case's edge
    pat_after = ws.world.last_message_id(PAT)
    ws.clock.set(EVENING)
    await ws.tick()
    (asked,) = await ws.talk.expect(PAT, pat_after, 1, "patient")
    assert "ask for your agreement again" in (asked.text or "")
    assert "Start" not in as_plain_text(asked.text or "")  # the session itself waits
    await ws.later(hours=3)  # the follow-up is due: it waits too
    assert ws.world.last_message_id(PAT) == asked.message_id
    (thanks,) = await ws.talk.press(PAT, asked, "I agree", "patient")
    assert "carry on as before" in (thanks.text or "")
    with Session(ws.engine) as db:
        patient = db.get(Patient, ws.patient_id)
        assert patient is not None and patient.consent_version == content.consent_version
        history = db.exec(
            select(ConsentRecord)
            .where(ConsentRecord.patient_id == ws.patient_id)
            .order_by(col(ConsentRecord.id))
        ).all()
    assert [(c.version, c.decision) for c in history] == [
        (content.consent_version, "asked"),
        (content.consent_version, "accepted"),
    ]


async def test_a_new_consent_version_is_asked_when_the_patient_writes_and_no_withdraws(
    ws: Clinic2,
) -> None:
    with Session(ws.engine) as db:
        patient = db.get(Patient, ws.patient_id)
        assert patient is not None
        patient.consent_version = "2025-01-v0"
        patient.language = "fr"
        db.add(patient)
        db.commit()
    lee_after = ws.world.last_message_id(LEE)
    receipt, asked = await ws.talk.send(PAT, "Une question rapide.", "patient", replies=2)
    assert "équipe de soins" in (receipt.text or "")
    assert "votre accord" in (asked.text or "")
    await ws.talk.expect(LEE, lee_after, 1, "clinician")  # the message still went through
    (stopped,) = await ws.talk.press(PAT, asked, "Non merci", "patient")
    with Session(ws.engine) as db:
        patient = db.get(Patient, ws.patient_id)
        assert patient is not None and patient.withdrawn_at is not None
    pat_after = ws.world.last_message_id(PAT)
    ws.clock.set(EVENING)
    await ws.tick()
    assert ws.world.last_message_id(PAT) == pat_after  # nothing after withdrawal
    assert stopped.text


async def test_withdrawal_by_an_admin_stops_every_message_at_once_even_a_clinicians_reply(
    ws: Clinic2,
) -> None:
    lee_after = ws.world.last_message_id(LEE)
    await ws.talk.send(PAT, "Could we talk next week?", "patient")
    (notice,) = await ws.talk.expect(LEE, lee_after, 1, "clinician")
    with Session(ws.engine) as db:
        patient = db.get(Patient, ws.patient_id)
        assert patient is not None
        planning.replan(db, ws.clock, patient)
        consent.withdraw(db, ws.clock, patient, by_admin=True)
        db.commit()  # the test is the use case's edge
    pat_after = ws.world.last_message_id(PAT)
    ws.clock.set(EVENING)
    await ws.tick()
    await ws.press(LEE, notice, "Reply")
    await ws.talk.expect(LEE, notice.message_id, 1, "clinician")
    (refused,) = await ws.talk.send(LEE, "Sure, Tuesday?", "clinician")
    assert "has stopped the service" in (refused.text or "")
    assert ws.world.last_message_id(PAT) == pat_after
    assert ws.audit("consent.withdrawn")[-1].outcome == "by_admin"
