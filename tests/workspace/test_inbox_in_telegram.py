"""Conversation threads through the emulator: the patient writes, the clinician answers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select
from workspace_people import DESK, LEE, OTHER, PAT, PAT2, ROY, Clinic2

from bot.db.models import AlertEvent, ExerciseSession, Patient, SessionStep
from bot.rules.levels import AlertLevel
from bot.services.alerts import raising as alerts
from bot.services.outgoing import MAX_TEXT, as_plain_text
from bot.services.sessions import today as sessions

WORDS = {
    "en": {
        "saved": "saved for your care team",
        "within": "within 2 days",
        "from": "Message from P-1",
        "reply": "Reply",
        "read": "Mark read",
        "framed": "Message from your clinician",
        "sent": "Sent to P-1",
        "refused": "can't do that",
    },
    "fr": {
        "saved": "gardé pour votre équipe de soins",
        "within": "d'ici 2 jours",
        "from": "Message de P-1",
        "reply": "Répondre",
        "read": "Marquer comme lu",
        "framed": "Message de votre clinicienne ou clinicien",
        "sent": "Envoyé à P-1",
        "refused": "ne pouvez pas faire cela",
    },
}


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_a_patients_text_reaches_their_clinician_and_the_reply_comes_back_framed(
    lang: str, ws: Clinic2
) -> None:
    ws.speak(lang, lang)
    say = WORDS[lang]
    lee_after = ws.world.last_message_id(LEE)
    (receipt,) = await ws.talk.send(PAT, "Can I do the exercises before work?", "patient")
    text = as_plain_text(receipt.text or "")
    assert say["saved"] in text and say["within"] in text and "613-555-0100" in text
    (notice,) = await ws.talk.expect(LEE, lee_after, 1, "clinician")
    assert say["from"] in (notice.text or "")
    assert "Can I do the exercises before work?" in (notice.text or "")
    assert [label for label, _ in notice.buttons_flat()] == [say["reply"], say["read"]]

    lee_after = ws.world.last_message_id(LEE)
    await ws.press(LEE, notice, say["reply"])
    await ws.talk.expect(LEE, lee_after, 1, "clinician")
    pat_after = ws.world.last_message_id(PAT)
    (sent,) = await ws.talk.send(LEE, "Yes, mornings are fine.", "clinician")
    assert say["sent"] in (sent.text or "")
    (framed,) = await ws.talk.expect(PAT, pat_after, 1, "patient")
    assert say["framed"] in (framed.text or "") and "Yes, mornings are fine." in (framed.text or "")

    lee_after = ws.world.last_message_id(LEE)
    await ws.talk.send(PAT, "Great, thank you!", "patient")
    (again,) = await ws.talk.expect(LEE, lee_after, 1, "clinician")
    assert "Great, thank you!" in (again.text or "")
    thread = ws.thread()
    assert [(m.sender, m.text) for m in thread] == [
        ("patient", "Can I do the exercises before work?"),
        ("staff", "Yes, mornings are fine."),
        ("patient", "Great, thank you!"),
    ]
    assert thread[1].staff_id == ws.staff["dr-lee"] and thread[1].delivered_at is not None
    assert all(m.at is not None for m in thread)


async def test_mark_read_empties_the_inbox_and_the_thread_shows_who_wrote_what(
    ws: Clinic2,
) -> None:
    lee_after = ws.world.last_message_id(LEE)
    await ws.talk.send(PAT, "My knee clicks when I squat.", "patient")
    (notice,) = await ws.talk.expect(LEE, lee_after, 1, "clinician")
    (listing,) = await ws.talk.send(LEE, "/inbox", "clinician")
    assert "P-1 · 1 unread" in (listing.text or "")
    query = await ws.press(LEE, notice, "Mark read")
    assert (await ws.world.wait_for_callback_answer(query)).text == "Marked read."
    (empty,) = await ws.talk.send(LEE, "/inbox", "clinician")
    assert "No unread messages" in (empty.text or "")
    (message,) = ws.thread()
    assert message.read_by_id == ws.staff["dr-lee"] and message.read_at is not None


async def test_the_inbox_lists_a_patient_with_an_open_alert_before_an_older_message(
    ws: Clinic2, content: object
) -> None:
    await ws.talk.send(PAT, "A question about my plan.", "patient")
    ws.clock.advance(timedelta(hours=1))
    await ws.talk.send(PAT2, "Another question.", "patient")
    with Session(ws.engine) as db:
        second = db.exec(select(Patient).where(Patient.telegram_user_id == PAT2)).one()
        alerts.raise_alert(
            db,
            ws.clock,
            content,
            second,
            level=AlertLevel.ROUTINE,
            reason="pain_high",
            pain=6,  # type: ignore[arg-type]
        )
        db.commit()  # the test is the use case's edge
    (listing,) = await ws.talk.send(LEE, "/inbox", "clinician")
    lines = [line for line in (listing.text or "").splitlines() if line.startswith("P-")]
    assert lines[0].startswith("P-2") and "alert open" in lines[0]
    assert lines[1].startswith("P-1")
    assert [label for label, _ in listing.buttons_flat()] == ["Open P-2", "Open P-1"]


async def test_an_unread_message_older_than_the_reply_time_is_flagged(ws: Clinic2) -> None:
    await ws.talk.send(PAT, "Still waiting on an answer.", "patient")
    ws.clock.advance(timedelta(hours=49))
    (listing,) = await ws.talk.send(LEE, "/inbox", "clinician")
    assert "longer than the reply time" in (listing.text or "")


async def test_the_backup_reads_the_thread_from_the_inbox_and_can_answer(ws: Clinic2) -> None:
    await ws.talk.send(PAT, "Is swelling normal after the session?", "patient")
    (listing,) = await ws.talk.send(ROY, "/inbox", "backup")
    assert "P-1 · 1 unread" in (listing.text or "")
    roy_after = ws.world.last_message_id(ROY)
    await ws.press(ROY, listing, "Open P-1")
    (thread,) = await ws.talk.expect(ROY, roy_after, 1, "backup")
    assert "Is swelling normal after the session?" in (thread.text or "")
    assert ws.audit("thread.read")[-1].staff_id == ws.staff["dr-roy"]
    roy_after = ws.world.last_message_id(ROY)
    await ws.press(ROY, thread, "Reply")
    await ws.talk.expect(ROY, roy_after, 1, "backup")
    pat_after = ws.world.last_message_id(PAT)
    await ws.talk.send(ROY, "A little is normal. Ice helps.", "backup")
    (framed,) = await ws.talk.expect(PAT, pat_after, 1, "patient")
    assert "Message from your care team" in (framed.text or "")


@pytest.mark.parametrize("intruder", [DESK, OTHER], ids=["admin-same-clinic", "admin-other-clinic"])
async def test_staff_outside_the_care_team_read_nothing_even_with_forged_buttons(
    intruder: int, ws: Clinic2
) -> None:
    lee_after = ws.world.last_message_id(LEE)
    await ws.talk.send(PAT, "Private: I moved house this week.", "patient")
    (notice,) = await ws.talk.expect(LEE, lee_after, 1, "clinician")
    (listing,) = await ws.talk.send(intruder, "/inbox", "intruder")
    assert "No unread messages" in (listing.text or "")
    (message,) = ws.thread()
    before = ws.world.last_message_id(intruder)
    for data in (f"thread:{ws.patient_id}", f"reply:{message.id}", f"mread:{message.id}"):
        assert "can't do that" in (await ws.forge(intruder, data) or "")
    assert ws.world.last_message_id(intruder) == before  # nothing was sent to them
    (after_forgery,) = await ws.talk.send(intruder, "hello", "intruder")
    assert "Private" not in (after_forgery.text or "")
    assert ws.thread()[0].read_at is None
    assert {a.outcome for a in ws.audit("thread.read")} == {"denied"}
    assert len(ws.audit("thread.reply")) == 1 and ws.audit("thread.reply")[0].outcome == "denied"
    assert notice.buttons  # the clinician's own buttons still work
    query = await ws.press(LEE, notice, "Mark read")
    assert (await ws.world.wait_for_callback_answer(query)).text == "Marked read."


async def test_a_reply_too_long_for_one_message_goes_in_parts_and_is_reported_once_sent(
    ws: Clinic2,
) -> None:
    lee_after = ws.world.last_message_id(LEE)
    await ws.talk.send(PAT, "Can you explain the plan in detail?", "patient")
    (notice,) = await ws.talk.expect(LEE, lee_after, 1, "clinician")
    await ws.press(LEE, notice, "Reply")
    await ws.talk.expect(LEE, lee_after + 1, 1, "clinician")
    long = ("Step by step, the plan is gentle and slow. " * 100)[:MAX_TEXT].strip()
    pat_after = ws.world.last_message_id(PAT)
    (sent,) = await ws.talk.send(LEE, long, "clinician")
    assert "in 2 parts" in (sent.text or "")
    first, second = await ws.talk.expect(PAT, pat_after, 2, "patient")
    assert "(1/2)" in (first.text or "") and "(2/2)" in (second.text or "")
    assert all(len(m.text or "") <= MAX_TEXT for m in (first, second))
    assert long.split()[-1] in (second.text or "")
    assert ws.thread()[-1].text == long


async def test_a_reply_to_a_patient_who_blocked_the_bot_is_never_reported_as_sent(
    ws: Clinic2,
) -> None:
    lee_after = ws.world.last_message_id(LEE)
    await ws.talk.send(PAT, "Question for you.", "patient")
    (notice,) = await ws.talk.expect(LEE, lee_after, 1, "clinician")
    await ws.press(LEE, notice, "Reply")
    await ws.talk.expect(LEE, lee_after + 1, 1, "clinician")
    ws.world.user(PAT).started = False  # Telegram now answers 403 for this chat
    (failed,) = await ws.talk.send(LEE, "Here is my answer.", "clinician")
    assert "Not delivered" in (failed.text or "") and "Sent" not in (failed.text or "")
    assert ws.thread()[-1].delivered_at is None


async def test_a_typed_warning_sign_gets_911_first_and_is_kept_unread_for_the_care_team(
    ws: Clinic2,
) -> None:
    lee_after = ws.world.last_message_id(LEE)
    first, _ = await ws.talk.send(PAT, "I have chest pain and I feel sweaty", "patient", replies=2)
    assert "Call 911" in (first.text or "")
    (alert,) = await ws.talk.expect(LEE, lee_after, 1, "clinician")
    assert "EMERGENCY" in (alert.text or "") and "sweaty" in (alert.text or "")  # on the card
    assert [m.text for m in ws.thread()] == ["I have chest pain and I feel sweaty"]
    (listing,) = await ws.talk.send(LEE, "/inbox", "clinician")
    assert "P-1 · 1 unread" in (listing.text or "") and "EMERGENCY alert open" in (
        listing.text or ""
    )
    lee_after = ws.world.last_message_id(LEE)
    await ws.press(LEE, listing, "Open P-1")
    (thread,) = await ws.talk.expect(LEE, lee_after, 1, "clinician")
    assert "I have chest pain and I feel sweaty" in (thread.text or "")


async def test_the_note_after_a_session_reaches_the_clinician_as_a_session_note(
    ws: Clinic2,
) -> None:
    now = ws.clock.now()
    with Session(ws.engine) as db:
        patient = db.get(Patient, ws.patient_id)
        assert patient is not None
        db.add(
            ExerciseSession(
                patient_id=ws.patient_id,
                local_date=now.date(),
                step=SessionStep.COMPLETE,
                started_at=now,
                completed_at=now,
                pain=3,
                pain_at=now,
                difficulty="right",
                difficulty_at=now,
            )
        )
        patient.awaiting_text = sessions.AWAITING_NOTE
        db.add(patient)
        db.commit()
    lee_after = ws.world.last_message_id(LEE)
    (saved,) = await ws.talk.send(PAT, "The squats felt easy today.", "patient")
    assert "note is saved" in (saved.text or "")
    (notice,) = await ws.talk.expect(LEE, lee_after, 1, "clinician")
    assert "Session note from P-1" in (notice.text or "")
    assert "The squats felt easy today." in (notice.text or "")
    assert [(m.kind, m.text) for m in ws.thread()] == [("note", "The squats felt easy today.")]


async def test_a_patients_message_too_long_with_its_heading_reaches_the_clinician_in_parts(
    ws: Clinic2,
) -> None:
    long = ("My knee feels stiff in the morning and better by noon. " * 80)[:MAX_TEXT].strip()
    lee_after = ws.world.last_message_id(LEE)
    await ws.talk.send(PAT, long, "patient")
    first, second = await ws.talk.expect(LEE, lee_after, 2, "clinician")
    assert "(1)" in (first.text or "") and "(2)" in (second.text or "")
    assert not first.buttons and [label for label, _ in second.buttons_flat()] == [
        "Reply",
        "Mark read",
    ]
    assert ws.thread()[-1].text == long


async def test_a_relay_under_an_alert_too_long_with_its_heading_goes_in_parts_once_recorded(
    ws: Clinic2, content: object
) -> None:
    """4,094 characters: with "Message from your clinician" it would pass Telegram's 4,096,
    so it goes in two parts, "Sent" comes once both went, and one "relayed" is recorded."""
    with Session(ws.engine) as db:
        patient = db.get(Patient, ws.patient_id)
        assert patient is not None
        alerts.raise_alert(
            db,
            ws.clock,
            content,
            patient,
            level=AlertLevel.URGENT,
            reason="pain_high",
            pain=9,  # type: ignore[arg-type]
        )
        db.commit()  # the test is the use case's edge
    lee_after = ws.world.last_message_id(LEE)
    await ws.later(minutes=2)  # the first step's row sends it
    (alert_message,) = await ws.talk.expect(LEE, lee_after, 1, "clinician")
    await ws.press(LEE, alert_message, "Message patient")
    await ws.talk.expect(LEE, lee_after + 1, 1, "clinician")
    long = ("Rest the knee today and call us if it swells. " * 100)[: MAX_TEXT - 2].strip()
    pat_after = ws.world.last_message_id(PAT)
    (sent,) = await ws.talk.send(LEE, long, "clinician")
    assert "in 2 parts" in (sent.text or "")
    first, second = await ws.talk.expect(PAT, pat_after, 2, "patient")
    assert all(len(m.text or "") <= MAX_TEXT for m in (first, second))
    with Session(ws.engine) as db:
        states = [e.state for e in db.exec(select(AlertEvent))]
    assert states.count("relayed") == 1
