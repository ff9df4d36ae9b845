"""A typed text that means a button on screen is that button's press, through the real bot on
the emulator: two French patients walk the same journey, one tapping every button, the
other typing each button's label as people type it (lower case, no accents, no emoji), and
they are told exactly the same things. Every keyboard the journey shows is then checked
button by button, in both languages; a warning sign typed at a keyboard is still a warning
sign, and a text that means no button still reaches the care team."""

from __future__ import annotations

import unicodedata
from typing import Any

from journey_steps import link_clinician
from sqlmodel import select

from bot.content import Content
from bot.db.engine import session_factory
from bot.db.models import Alert, ExerciseSession, Patient, ThreadMessage
from bot.demo import CLINICIAN_USER_ID, PATIENT_USER_ID
from bot.rules.button_words import button_meant
from bot.services import clinics
from bot.services.pressed import NOT_TYPED, PRESSES, button_options
from emulator.records import BotMessage

PAT, TYPIST = PATIENT_USER_ID, PATIENT_USER_ID + 77
SEEN = list[tuple[str, list[str]]]  # each bot message: its text and its buttons' labels


def _as_typed(label: str) -> str:
    """A label as a patient types it: lower case, no accents, no emoji or punctuation."""
    text = unicodedata.normalize("NFKD", label.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() or c == " " else " " for c in text).split())


def _action(data: str) -> str:
    return data.split(":", 1)[0]


def _seen(messages: list[BotMessage]) -> SEEN:
    return [(m.text or "", [label for label, _ in m.buttons_flat()]) for m in messages]


def _second_invite(live: Any, content: Content) -> str:
    with session_factory(live.engine)() as db:
        invite = clinics.create_patient_invite(
            db,
            live.clock,
            clinic_slug="demo",
            clinician_handle="dr-lee",
            programme_id="starter",
            known_programmes=content.programmes.keys(),
            valid_days=14,
        )
        db.commit()
        return str(invite.code)


class Walker:
    """One patient's side of the journey: ``typing`` types each label instead of tapping."""

    def __init__(self, live: Any, user_id: int, *, typing: bool) -> None:
        self.live, self.user_id, self.typing = live, user_id, typing
        self.told: SEEN = []
        self.keyboards: list[list[tuple[str, str]]] = []
        self.last: BotMessage | None = None

    async def send(self, text: str, replies: int = 1) -> BotMessage:
        got = await self.live.talk.send(self.user_id, text, "patient", replies=replies)
        return self._saw(got)

    async def choose(self, label: str, replies: int = 1, *, toast: bool = False) -> BotMessage:
        """Tap ``label`` under the last message, or type it. A press answered with a short
        notice only (``toast``) is said in the chat when it was typed."""
        assert self.last is not None
        if self.typing:
            typed = _as_typed(label)
            got = await self.live.talk.send(self.user_id, typed, "patient", replies=replies)
            return self._saw(got)
        if toast:
            notice = await self.live.talk.tap(self.user_id, self.last, label, "patient")
            self.told.append((notice or "", []))
            return self.last
        got = await self.live.talk.press(self.user_id, self.last, label, "patient", replies=replies)
        return self._saw(got)

    def _saw(self, got: list[BotMessage]) -> BotMessage:
        self.told += _seen(got)
        self.keyboards += [[(b[0], b[1]) for b in m.buttons_flat()] for m in got if m.buttons]
        self.last = got[-1]
        return got[-1]


async def _enrol(walker: Walker, code: str) -> None:
    """Redeem ``code`` and enrol in French: consent, seven "no", 18 h, usual pain 2."""
    await walker.send(f"/start {code}")
    await walker.choose("Français")
    await walker.choose("J'accepte")
    for _ in range(7):
        await walker.choose("Non")
    await walker.choose("18 h")
    await walker.choose("2")  # the usual pain


async def _walk(walker: Walker, code: str) -> None:
    """Enrol in French, do today's session, skip the note, then change three settings."""
    await _enrol(walker, code)
    await walker.choose("Commencer la séance")
    step = await walker.choose("Commencer ▶️")
    while "Terminé ✅" in [label for label, _ in step.buttons_flat()]:
        step = await walker.choose("Terminé ✅")
    await walker.choose("3")  # the pain
    await walker.choose("Juste bien")
    await walker.choose("Pas de note", toast=True)
    await walker.send("/settings")
    await walker.choose("Heure du rappel")
    await walker.choose("8 h")
    await walker.send("/settings")
    await walker.choose("Images")
    await walker.choose("Texte seulement")
    await walker.send("/settings")
    await walker.choose("Langue")
    await walker.choose("English")


def _store(live: Any, user_id: int) -> Patient:
    with session_factory(live.engine)() as db:
        patient = db.exec(select(Patient).where(Patient.telegram_user_id == user_id)).one()
        db.expunge(patient)
        return patient


async def test_typing_each_buttons_label_is_the_same_as_pressing_it(live, content) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    live.world.add_user(PAT, "Pat", "fr")
    live.world.add_user(TYPIST, "Tia", "fr")
    presser, typist = Walker(live, PAT, typing=False), Walker(live, TYPIST, typing=True)
    await _walk(presser, live.codes.patient_code)
    await _walk(typist, _second_invite(live, content))
    assert typist.told == presser.told
    pressed, typed = _store(live, PAT), _store(live, TYPIST)
    for field in ("onboarding_step", "reminder_time", "pictures", "language", "awaiting_text"):
        assert getattr(typed, field) == getattr(pressed, field), field
    assert (typed.language, typed.pictures, typed.awaiting_text) == ("en", False, None)
    with session_factory(live.engine)() as db:
        notes = db.exec(select(ThreadMessage).where(ThreadMessage.patient_id == typed.id)).all()
        assert notes == []  # no button word went to the clinician as a message
        sessions = db.exec(select(ExerciseSession)).all()
        assert sorted((s.pain, s.difficulty) for s in sessions) == [(3, "right"), (3, "right")]


async def test_each_keyboard_shown_takes_each_label_in_both_languages(live, content) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    live.world.add_user(PAT, "Pat", "fr")
    presser = Walker(live, PAT, typing=False)
    await _walk(presser, live.codes.patient_code)
    assert len(presser.keyboards) >= 15
    for keyboard in presser.keyboards:
        keyboard = [(label, data) for label, data in keyboard if _action(data) not in NOT_TYPED]
        options = button_options(content, keyboard)
        for (label, data), (_, aliases) in zip(keyboard, options, strict=True):
            assert _action(data) in PRESSES, data
            for typed in {label, _as_typed(label), *aliases, *map(_as_typed, aliases)}:
                if not typed:
                    continue  # an emoji alone
                assert button_meant(typed, options) == data, (typed, keyboard)


async def _enrolled_by_typing(live: Any) -> Walker:
    """A French patient enrols by typing every button's label; the clinician is linked."""
    await link_clinician(live)
    live.world.add_user(PAT, "Pat", "fr")
    walker = Walker(live, PAT, typing=True)
    await _enrol(walker, live.codes.patient_code)
    return walker


async def test_a_warning_sign_typed_at_a_keyboard_is_taken_as_a_warning_sign(live) -> None:  # type: ignore[no-untyped-def]
    walker = await _enrolled_by_typing(live)
    await walker.choose("Commencer la séance")
    await walker.choose("Commencer ▶️")
    got = await live.talk.send(PAT, "douleur à la poitrine", "patient", replies=2)
    assert any("911" in (m.text or "") for m in got)
    with session_factory(live.engine)() as db:
        assert db.exec(select(Alert)).first() is not None


async def test_a_text_that_means_no_button_still_reaches_the_care_team(live) -> None:  # type: ignore[no-untyped-def]
    walker = await _enrolled_by_typing(live)
    await walker.send("/settings")
    after = live.world.last_message_id(CLINICIAN_USER_ID)
    (receipt,) = await live.talk.send(PAT, "Est-ce que je peux marcher demain?", "patient")
    assert "équipe de soins" in (receipt.text or "")
    notice = await live.world.wait_for_bot_message(CLINICIAN_USER_ID, after_message_id=after)
    assert notice.text
    with session_factory(live.engine)() as db:
        (message,) = db.exec(select(ThreadMessage)).all()
        assert message.text == "Est-ce que je peux marcher demain?"
