"""Steps shared by journey tests, played through the emulator as a person would."""

from __future__ import annotations

from typing import Any

from bot.demo import CLINICIAN_USER_ID, PATIENT_USER_ID
from emulator.records import BotMessage


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
    saved = await give_usual_pain(live, enrolled)
    (session,) = await live.talk.press(PATIENT_USER_ID, saved, "Start today's session", "patient")
    return session


async def give_usual_pain(live: Any, enrolled: BotMessage, score: str = "2") -> BotMessage:
    """The enrolment message asks the usual pain on its own 0-10 keyboard; the patient taps
    ``score``; returns the reply, which offers today's session."""
    labels = [label for label, _ in enrolled.buttons_flat()]
    assert labels == [str(n) for n in range(11)], labels  # no "Start" among the scores
    (saved,) = await live.talk.press(PATIENT_USER_ID, enrolled, score, "patient")
    return saved


# The labels a patient taps, in each language.
LABELS = {
    "en": {
        "language": "English",
        "agree": "I agree",
        "no": "No",
        "start": "Start today's session",
        "steps": "Start ▶️",
        "done": "Done ✅",
        "right": "About right",
    },
    "fr": {
        "language": "Français",
        "agree": "J'accepte",
        "no": "Non",
        "start": "Commencer la séance",
        "steps": "Commencer ▶️",
        "done": "Terminé ✅",
        "right": "Juste bien",
    },
}


async def to_reminder_time(live: Any, lang: str = "en") -> BotMessage:
    """The patient redeems the code, picks ``lang``, consents and answers "no" seven times;
    returns the reminder-time question."""
    words = LABELS[lang]
    (language,) = await live.talk.send(
        PATIENT_USER_ID, f"/start {live.codes.patient_code}", "patient"
    )
    (consent,) = await live.talk.press(PATIENT_USER_ID, language, words["language"], "patient")
    (first,) = await live.talk.press(PATIENT_USER_ID, consent, words["agree"], "patient")
    return await live.talk.answer_all(PATIENT_USER_ID, first, [words["no"]] * 7, "patient")


async def enrolled_in(live: Any, lang: str, *, open_session: bool) -> BotMessage:
    """Enrolled in ``lang`` with a usual pain of 2. In English, today's session is open (as
    ``enrol_patient``); in French, it is opened only with ``open_session``. Returns the last
    bot message."""
    if lang == "en":
        return await enrol_patient(live)
    live.world.add_user(PATIENT_USER_ID, "Pat", "fr")
    question = await to_reminder_time(live, "fr")
    (enrolled,) = await live.talk.press(PATIENT_USER_ID, question, "18 h", "patient")
    (saved,) = await live.talk.press(PATIENT_USER_ID, enrolled, "2", "patient")
    if not open_session:
        return saved
    (overview,) = await live.talk.press(PATIENT_USER_ID, saved, LABELS["fr"]["start"], "patient")
    return overview


async def exercises_to_pain(live: Any, enrolled: BotMessage, lang: str = "en") -> BotMessage:
    """From the enrolment message: give the usual pain, start today's session, tap Done
    under each exercise; returns the pain question."""
    words = LABELS[lang]
    saved = await give_usual_pain(live, enrolled)
    (overview,) = await live.talk.press(PATIENT_USER_ID, saved, words["start"], "patient")
    (step,) = await live.talk.press(PATIENT_USER_ID, overview, words["steps"], "patient")
    while any(label == words["done"] for label, _ in step.buttons_flat()):
        (step,) = await live.talk.press(PATIENT_USER_ID, step, words["done"], "patient")
    return step
