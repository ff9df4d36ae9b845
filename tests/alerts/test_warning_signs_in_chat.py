"""Warning signs in the chat: the checklist, the free-text safety net, holds, in two languages."""

from __future__ import annotations

import html
import logging

import pytest
from alert_ward import LEE, PAT, ROY, Visitor, Ward, signs_of
from sqlmodel import col, select

from bot.db.models import Alert, AuditEvent, ExerciseSession, Patient
from bot.rules.levels import AlertLevel
from bot.services import conversation
from bot.services.alerts import warnings
from bot.services.alerts.messages import reason_text
from bot.services.feedback import answers as feedback

PATIENT = Visitor(PAT, PAT, "en")


def _type(ward: Ward, text: str) -> list[tuple[int, str]]:
    """The patient types ``text``; returns (chat, text) of every message the bot sends."""
    with ward.db() as db:
        reply = conversation.text_received(db, ward.clock, ward.content, PATIENT, text)
    return [(m.chat_id, m.text) for m in reply.messages]


def _choose(ward: Ward, sign_id: str) -> list[tuple[int, str]]:
    with ward.db() as db:
        reply = warnings.choose_sign(db, ward.clock, ward.content, ward.patient(db), None, sign_id)
    return [(m.chat_id, m.text) for m in reply.messages]


def _french(ward: Ward) -> None:
    with ward.db() as db:
        patient = ward.patient(db)
        patient.language = "fr"
        db.add(patient)
        db.commit()


def test_the_checklist_lists_every_sign_in_the_patients_language_most_serious_first(
    ward: Ward,
) -> None:
    _french(ward)
    with ward.db() as db:
        (message,) = warnings.checklist(
            db, ward.clock, ward.content, ward.patient(db), None
        ).messages
    labels = [row[0].label for row in message.buttons]
    assert "911" in message.text and labels[0] == "Douleur à la poitrine"
    assert "Douleur, pression ou serrement dans la poitrine" in message.text  # in full above
    assert all(len(label) <= 30 for label in labels)
    assert len(labels) == len(ward.content.warning_signs.signs) + 1  # and "Non, rien de cela"
    assert labels[-1] == "Non, rien de cela"


def test_an_emergency_sign_from_the_checklist_shows_911_first_and_alerts_clinician_and_backup(
    ward: Ward,
) -> None:
    sent = _choose(ward, "chest-pain")
    assert sent[0][0] == PAT and "911" in sent[0][1]
    assert [chat for chat, _ in sent[1:3]] == [LEE, ROY]
    assert sent[-1][0] == PAT and "told your clinician and their backup" in sent[-1][1]
    with ward.db() as db:
        alert = ward.alert(db)
        assert alert.level == AlertLevel.EMERGENCY and signs_of(alert) == ["chest-pain"]
        assert ward.patient(db).hold_at is not None  # routine messages wait for a clinician


def test_self_harm_shows_988_first(ward: Ward) -> None:
    sent = _choose(ward, "self-harm")
    assert "9-8-8" in sent[0][1]


def test_an_urgent_sign_alerts_the_clinician_and_says_what_to_do_now(ward: Ward) -> None:
    sent = _choose(ward, "dvt")
    assert sent[0][0] == PAT and [chat for chat, _ in sent[1:-1]] == [LEE]
    assert "emergency department" in sent[-1][1]
    with ward.db() as db:
        assert ward.patient(db).hold_at is not None


def test_a_routine_sign_waits_for_the_digest_and_does_not_hold(ward: Ward) -> None:
    sent = _choose(ward, "night-pain-weight-loss")
    assert all(chat == PAT for chat, _ in sent) and "daily summary" in sent[-1][1]
    with ward.db() as db:
        assert ward.patient(db).hold_at is None
        assert ward.alert(db).level == AlertLevel.ROUTINE


def test_choosing_the_same_sign_twice_alerts_once_but_shows_the_advice_again(ward: Ward) -> None:
    first, second = _choose(ward, "chest-pain"), _choose(ward, "chest-pain")
    assert "911" in first[0][1] and "911" in second[0][1]
    to_lee = [text for chat, text in second if chat == LEE]  # told it was said again, once
    assert len(to_lee) == 1 and "reported it again" in to_lee[0]
    with ward.db() as db:
        assert len(db.exec(select(Alert)).all()) == 1


def test_typed_chest_pain_in_english_shows_911_first_and_alerts(ward: Ward) -> None:
    sent = _type(ward, "I have a crushing chest pain right now")
    assert sent[0][0] == PAT and "911" in sent[0][1]
    assert LEE in [chat for chat, _ in sent]


def test_typed_chest_pain_in_french_shows_911_in_french_first(ward: Ward) -> None:
    _french(ward)
    sent = _type(ward, "j'ai une douleur à la poitrine")
    assert sent[0][0] == PAT and "Appelez le 911" in sent[0][1]
    assert LEE in [chat for chat, _ in sent]


def test_a_negated_sign_asks_the_patient_with_yes_no_buttons_and_raises_nothing_yet(
    ward: Ward,
) -> None:
    with ward.db() as db:
        reply = conversation.text_received(
            db, ward.clock, ward.content, PATIENT, "no chest pain but my knee is sore"
        )
    (question,) = reply.messages
    assert question.chat_id == PAT and "Chest pain" in question.text
    buttons = [b.data for row in question.buttons for b in row]
    assert buttons == ["sign:0:chest-pain", "sign:0:no.chest-pain"]
    with ward.db() as db:
        assert db.exec(select(Alert)).first() is None
    sent = _choose(ward, "chest-pain")  # "Yes": it is happening
    assert "911" in sent[0][1] and LEE in [chat for chat, _ in sent]


def test_a_doubtful_fall_in_french_asks_the_patient(ward: Ward) -> None:
    _french(ward)
    ((chat, text),) = _type(ward, "je ne pense pas être tombé")
    assert chat == PAT and "Est-ce que cela vous arrive maintenant" in text


def test_an_unsure_emergency_shows_the_911_line_first_then_asks(ward: Ward) -> None:
    ((chat, text),) = _type(ward, "maybe a bit of chest tightness?")
    assert chat == PAT
    call, question = text.index("call 911"), text.index("Is this happening to you now?")
    assert text.startswith("<b>If you have chest pain") and call < question


def test_an_unsure_self_harm_mention_shows_988_before_asking(ward: Ward) -> None:
    _french(ward)
    ((_, text),) = _type(ward, "je ne pense pas vouloir me suicider")
    assert text.index("9-8-8") < text.index("Est-ce que cela vous arrive maintenant")


def test_no_to_the_confirming_question_still_tells_the_clinician_at_routine_level(
    ward: Ward,
) -> None:
    with ward.db() as db:
        reply = conversation.text_received(
            db, ward.clock, ward.content, PATIENT, "maybe a bit of chest tightness?"
        )
    (question,) = reply.messages
    said_no = question.buttons[-1][0].data
    assert said_no == "sign:0:no.chest-pain"
    ((chat, text),) = _choose(ward, said_no.split(":", 2)[2])
    assert chat == PAT and "answered no" in text and "911" in text
    with ward.db() as db:
        alert = ward.alert(db)
        assert alert.level == AlertLevel.ROUTINE and alert.reason == "signs_denied"
        assert signs_of(alert) == ["chest-pain"]
        assert ward.patient(db).hold_at is None  # routine: no hold
        assert db.exec(select(AuditEvent).where(AuditEvent.action == "warning.denied")).one()


def test_the_clinician_reads_that_the_patient_said_no(ward: Ward) -> None:
    _type(ward, "maybe a bit of chest tightness?")
    _choose(ward, "no.chest-pain")
    with ward.db() as db:
        text = reason_text(ward.content, "en", ward.alert(db))
    assert "The patient answered no" in text and "Chest pain, pressure or tightness" in text


def test_a_sign_label_with_quotes_reaches_staff_escaped_once(ward: Ward) -> None:
    sent = _choose(ward, "sudden-injury")  # its label says: a "pop"
    (to_staff,) = [body for chat, body in sent if chat == LEE]
    assert "&amp;" not in to_staff  # escaped twice, Telegram would show "&#34;pop&#34;"
    assert '"pop"' in html.unescape(to_staff)


def test_benign_texts_raise_nothing(ward: Ward) -> None:
    # Not "pas de douleur": this patient is still asked for their usual pain, and takes it as 0.
    for text in ("my legs are tired", "I chest-pressed today", "j'ai bien dormi cette nuit"):
        sent = _type(ward, text)  # a message for the care team, and the receipt
        assert [chat for chat, _ in sent] == [LEE, PAT]
        assert "Message from P-1" in sent[0][1] and "care team" in sent[1][1]
    with ward.db() as db:
        assert db.exec(select(Alert)).first() is None


def test_what_the_patient_typed_is_on_the_alert_card_for_staff_and_never_in_the_logs(
    ward: Ward, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    words = 'my calf is swollen "red" & warm since the flight to Calgary'
    sent = _type(ward, words)
    to_staff = [body for chat, body in sent if chat != PAT]
    assert to_staff and all("Calgary" in body for body in to_staff)
    assert all('"red" &amp; warm' in body for body in to_staff)  # HTML, escaped once
    assert all("&#34;" not in body and "&amp;amp;" not in body for body in to_staff)
    with ward.db() as db:
        alert = ward.alert(db)
        assert alert.words == words  # the card's own column, not the details
        assert "Calgary" not in alert.details and signs_of(alert) == ["dvt"]
    assert "Calgary" not in caplog.text


def test_the_sign_is_read_before_an_awaited_answer_and_the_answer_is_still_asked(
    ward: Ward,
) -> None:
    with ward.db() as db:
        patient = db.exec(select(Patient)).one()
        patient.awaiting_text = "timezone"
        db.add(patient)
        db.commit()
    sent = _type(ward, "chest pain")
    assert "911" in sent[0][1] and len(sent) > 3


def test_a_warning_sign_typed_while_a_note_is_awaited_is_a_warning_not_a_note(
    ward: Ward,
) -> None:
    with ward.db() as db:
        patient = db.exec(select(Patient)).one()
        patient.awaiting_text = feedback.AWAITING_NOTE
        db.add(patient)
        db.commit()
    sent = _type(ward, "my calf is swollen red and hot")
    assert "Stop your leg exercises" in sent[0][1]
    assert all("note" not in body.lower() for _, body in sent)
    with ward.db() as db:
        assert signs_of(ward.alert(db)) == ["dvt"]
        assert (
            db.exec(select(ExerciseSession).where(col(ExerciseSession.note).is_not(None))).first()
            is None
        )
        assert ward.patient(db).awaiting_text == feedback.AWAITING_NOTE  # still waits for it
