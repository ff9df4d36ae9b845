"""Words the new-user trial found wanting, through the real bot on the emulator, in English and
French: the warning-sign checklist is short and gives 9-8-8, /help gives 9-8-8, an urgent
sign's last message gives the clinic's number, and "unread" has a real plural."""

from __future__ import annotations

import pytest
from journey_steps import enrol_patient, link_clinician, to_reminder_time
from sqlmodel import select

from bot.db.engine import session_factory
from bot.db.models import Clinic
from bot.demo import CLINICIAN_USER_ID, PATIENT_USER_ID

PAT, LEE = PATIENT_USER_ID, CLINICIAN_USER_ID
CHECKLIST_MOST = 1400  # characters: a phone screen or two, not three


async def _enrolled_in(live, lang: str) -> None:  # type: ignore[no-untyped-def]
    if lang == "en":
        await enrol_patient(live)
        return
    live.world.add_user(PAT, "Pat", "fr")
    question = await to_reminder_time(live, "fr")
    await live.talk.press(PAT, question, "18 h", "patient")


@pytest.mark.parametrize(("lang", "suicide"), [("en", "suicide"), ("fr", "suicide")])
async def test_the_checklist_is_short_and_gives_988_and_911(live, lang: str, suicide: str) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    await _enrolled_in(live, lang)
    (checklist,) = await live.talk.send(PAT, "/warning", "patient")
    text = checklist.text or ""
    assert len(text) <= CHECKLIST_MOST, len(text)
    assert "911" in text and "9-8-8" in text and suicide in text
    assert "poids dessus" not in text  # the French slip is gone
    assert len(checklist.buttons_flat()) == 14  # 13 signs and "none of these"


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_help_gives_911_988_and_811(live, lang: str) -> None:  # type: ignore[no-untyped-def]
    await _enrolled_in(live, lang)
    (help_text,) = await live.talk.send(PAT, "/help", "patient")
    for number in ("911", "9-8-8", "811"):
        assert number in (help_text.text or "")


async def test_an_urgent_sign_gives_the_clinics_number(live) -> None:  # type: ignore[no-untyped-def]
    with session_factory(live.engine)() as db:
        clinic = db.exec(select(Clinic)).first()
        assert clinic is not None
        clinic.phone = "613-555-0100"
        db.add(clinic)
        db.commit()
    await link_clinician(live)
    await enrol_patient(live)
    (checklist,) = await live.talk.send(PAT, "/warning", "patient")
    _advice, told = await live.talk.press(
        PAT, checklist, "Swollen, painful calf", "patient", replies=2
    )
    assert "613-555-0100" in (told.text or "")
    assert "emergency department" in (told.text or "")  # if the clinic cannot be reached


@pytest.mark.parametrize(
    ("lang", "one", "two"), [("en", "1 unread", "2 unread"), ("fr", "1 non lu ", "2 non lus")]
)
async def test_unread_has_a_real_plural(live, lang: str, one: str, two: str) -> None:  # type: ignore[no-untyped-def]
    live.world.add_user(LEE, "Lee", lang)
    await link_clinician(live)
    await enrol_patient(live)
    await live.talk.send(PAT, "Can I do the exercises after my walk?", "patient")
    (inbox,) = await live.talk.send(LEE, "/inbox", "clinician")
    assert one in (inbox.text or "") and "(s)" not in (inbox.text or "")
    await live.talk.send(PAT, "And may I skip Sunday?", "patient")
    (inbox,) = await live.talk.send(LEE, "/inbox", "clinician")
    assert two in (inbox.text or "")
