"""A button that skips an awaited staff answer, typed instead of tapped, through the real bot
on the emulator: after Resolve, "no note", "pas de note", "skip" or "rien" is the **No note**
button (the alert is resolved without a note, and the clinician is told what a tap tells
them), never the note itself; a real note is still kept; and every question a clinician
answers by typing has either no button or a skip button whose words press it."""

from __future__ import annotations

import pytest
from sqlmodel import select
from workspace_people import LEE, PAT, PAT2, Clinic2

from bot import callbacks
from bot.db.models import Alert, AlertEvent, AlertEventKind, AlertState, AwaitedAnswer, Staff
from bot.services.conversation import STAFF_ANSWERS
from bot.services.pressed import STAFF_SKIPS
from emulator.records import BotMessage

CHEST = {"en": "I have chest pain and I feel sweaty", "fr": "j'ai une douleur à la poitrine"}
RESOLVE = {"en": "Resolve", "fr": "Résoudre"}
NO_NOTE = {"en": "No note", "fr": "Pas de note"}
SAVED = {"en": "Saved ✓", "fr": "Enregistré ✓"}


def _alerts(ws: Clinic2) -> list[Alert]:
    with ws.db() as db:
        return list(db.exec(select(Alert).order_by(Alert.id)).all())  # type: ignore[arg-type]


def _lee(ws: Clinic2) -> Staff:
    with ws.db() as db:
        found = db.get(Staff, ws.staff["dr-lee"])
        assert found is not None
        return found


async def _card(ws: Clinic2, lang: str, user: int) -> BotMessage:
    """The patient types a chest pain; returns the card the clinician gets at once."""
    after = ws.world.last_message_id(LEE)
    await ws.talk.send(user, CHEST[lang], "patient", replies=2)
    (card,) = await ws.talk.expect(LEE, after, 1, "clinician")
    return card


async def _resolve(ws: Clinic2, card: BotMessage, lang: str) -> BotMessage:
    """The clinician taps Resolve on the card; returns the optional-note question."""
    after = ws.world.last_message_id(LEE)
    await ws.press(LEE, card, RESOLVE[lang])
    (question,) = await ws.talk.expect(LEE, after, 1, "clinician")
    return question


@pytest.mark.parametrize(
    ("lang", "typed"),
    [
        ("en", "no note"),
        ("en", "No note."),
        ("en", "skip"),
        ("en", "none"),
        ("en", "pas de note"),  # the other language's label
        ("fr", "pas de note"),
        ("fr", "Pas de note"),
        ("fr", "rien"),
        ("fr", "no note"),
    ],
)
async def test_no_note_typed_after_resolve_resolves_without_a_note_and_answers_as_the_tap(
    lang: str, typed: str, ws: Clinic2
) -> None:
    ws.speak(lang, lang)
    tapped_card = await _card(ws, lang, PAT)
    question = await _resolve(ws, tapped_card, lang)
    assert [label for label, _ in question.buttons_flat()] == [NO_NOTE[lang]]
    query = await ws.press(LEE, question, NO_NOTE[lang])
    tap = (await ws.world.wait_for_callback_answer(query)).text
    assert tap == SAVED[lang]

    typed_card = await _card(ws, lang, PAT2)
    typed_question = await _resolve(ws, typed_card, lang)
    (said,) = await ws.talk.send(LEE, typed, "clinician")
    on_screen = await ws.world.wait_for_edit(
        LEE, typed_question.message_id, since_version=0, predicate=lambda m: not m.buttons_flat()
    )
    assert not on_screen.buttons_flat()  # the question's No note button left, as on a tap
    assert said.text == tap  # the same answer as the tap, said in the chat
    assert not said.buttons_flat()
    first, second = _alerts(ws)
    assert first.state == second.state == AlertState.RESOLVED
    assert first.note is None and second.note is None  # "no note" is not the note
    assert _lee(ws).awaiting_text is None and _lee(ws).awaiting_alert_id is None
    with ws.db() as db:
        noted = db.exec(select(AlertEvent).where(AlertEvent.state == AlertEventKind.NOTED)).all()
        assert noted == []

    # No note is awaited any more: the next text is not kept as one either.
    await ws.talk.send(LEE, "Called back later, all fine", "clinician")
    assert _alerts(ws)[1].note is None


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("en", "note: called her, fine"),
        ("en", "No pain now"),
        ("fr", "Pas de douleur ce soir"),
        ("en", "All good"),  # an outcome: a note, though a patient's skip word
        ("fr", "RAS"),
        ("fr", "Tout va bien"),
    ],
)
async def test_a_real_note_typed_after_resolve_is_kept_with_the_alert(
    lang: str, note: str, ws: Clinic2
) -> None:
    ws.speak(lang, lang)
    card = await _card(ws, lang, PAT)
    await _resolve(ws, card, lang)
    (said,) = await ws.talk.send(LEE, note, "clinician")
    assert {"en": "Note saved", "fr": "Note enregistrée"}[lang] in (said.text or "")
    (alert,) = _alerts(ws)
    assert alert.state == AlertState.RESOLVED and alert.note == note


async def test_every_question_a_clinician_answers_by_typing_has_no_button_or_a_skip_its_words_press(
    ws: Clinic2,
) -> None:
    assert set(STAFF_SKIPS) <= set(STAFF_ANSWERS)
    skips = {skip.action for skip in STAFF_SKIPS.values()}
    card = await _card(ws, "en", PAT)
    asked: dict[AwaitedAnswer, BotMessage] = {}

    after = ws.world.last_message_id(LEE)
    await ws.press(LEE, card, "Message patient")
    (asked[AwaitedAnswer.ALERT_RELAY],) = await ws.talk.expect(LEE, after, 1, "clinician")
    assert _lee(ws).awaiting_text == AwaitedAnswer.ALERT_RELAY
    after = ws.world.last_message_id(LEE)
    await ws.talk.send(LEE, "We will call you within the hour.", "clinician")

    after = ws.world.last_message_id(LEE)
    await ws.talk.send(PAT, "Thank you, I am resting now", "patient")
    (notice,) = await ws.talk.expect(LEE, after, 1, "clinician")
    after = ws.world.last_message_id(LEE)
    await ws.press(LEE, notice, "Reply")
    (asked[AwaitedAnswer.THREAD_REPLY],) = await ws.talk.expect(LEE, after, 1, "clinician")
    assert _lee(ws).awaiting_text == AwaitedAnswer.THREAD_REPLY
    await ws.talk.send(LEE, "Good, rest today.", "clinician")

    asked[AwaitedAnswer.ALERT_NOTE] = await _resolve(ws, card, "en")
    assert _lee(ws).awaiting_text == AwaitedAnswer.ALERT_NOTE
    assert set(asked) == set(STAFF_ANSWERS)  # every awaited staff answer was asked
    for awaited, question in asked.items():
        actions = {data.split(":", 1)[0] for _, data in question.buttons_flat() if data}
        assert actions <= skips, (awaited, actions)
        if actions:
            assert awaited in STAFF_SKIPS and actions == {STAFF_SKIPS[awaited].action}
    assert STAFF_SKIPS[AwaitedAnswer.ALERT_NOTE].action == callbacks.NO_NOTE


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "tap Reply under their message"), ("fr", "touchez Répondre")]
)
async def test_a_clinicians_text_with_nothing_awaited_gets_a_way_forward_in_their_language(
    lang: str, words: str, ws: Clinic2
) -> None:
    ws.speak(lang, lang)
    (said,) = await ws.talk.send(LEE, "clear to start", "clinician")
    assert words in (said.text or "") and "/alerts" in (said.text or "")
    assert "already linked" not in (said.text or "")  # it used to say only that
