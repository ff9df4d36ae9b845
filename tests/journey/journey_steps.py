"""Steps shared by journey tests, played through the emulator as a person would."""

from __future__ import annotations

from typing import Any

from bot.demo import CLINICIAN_USER_ID, PATIENT_USER_ID
from bot.emulator.records import BotMessage


async def link_clinician(live: Any) -> None:
    """The clinician sends their staff code."""
    await live.talk.send(CLINICIAN_USER_ID, f"/start {live.codes.staff_code}", "clinician")


async def enrol_patient(live: Any, *, stop_before_consent: bool = False) -> BotMessage:
    """The patient enrols and opens today's session; returns the last bot message."""
    (language,) = await live.talk.send(
        PATIENT_USER_ID, f"/start {live.codes.patient_code}", "patient"
    )
    (consent,) = await live.talk.press(PATIENT_USER_ID, language, "English", "patient")
    if stop_before_consent:
        return consent
    (first,) = await live.talk.press(PATIENT_USER_ID, consent, "I agree", "patient")
    question = await live.talk.answer_all(PATIENT_USER_ID, first, ["No"] * 7, "patient")
    (enrolled,) = await live.talk.press(PATIENT_USER_ID, question, "6:00 PM", "patient")
    (session,) = await live.talk.press(
        PATIENT_USER_ID, enrolled, "Start today's session", "patient"
    )
    return session
