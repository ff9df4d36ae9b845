"""What the patient is told while an URGENT or EMERGENCY alert of theirs is open, and what the
settings answers say, through the real bot on the emulator, in English and French: a message
under an open alert promises no slow reply and gives the alert's safety line (the clinic
today, 911, or 9-8-8); /stop repeats it; a settings answer under a hold or a pause leads with
what is saved; /settings shows the current values and /help names pictures; at enrolment the
last question comes before "your first session is ready"."""

from __future__ import annotations

import pytest
from journey_steps import LABELS, enrolled_in, link_clinician, to_reminder_time

from bot.demo import PATIENT_USER_ID
from emulator.records import BotMessage

PAT = PATIENT_USER_ID
SIGN_BUTTONS = {
    "urgent": {"en": "Swollen, painful calf", "fr": "Mollet enflé et douloureux"},
    "emergency": {"en": "Chest pain", "fr": "Douleur à la poitrine"},
    "self-harm": {"en": "Thoughts of self-harm", "fr": "Idées de vous faire du mal"},
}
SAFETY = {  # what each level's safety line must say
    "urgent": {"en": "call the clinic today", "fr": "Appelez la clinique aujourd'hui"},
    "emergency": {"en": "call 911 now", "fr": "appelez le 911 maintenant"},
    "self-harm": {"en": "9-8-8", "fr": "9-8-8"},
}
SLOW = {"en": "within", "fr": "d'ici"}  # "usually within 2 days"
ALERTED = {"en": "already been alerted", "fr": "déjà été alertée"}


async def _report(live, level: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    (checklist,) = await live.talk.send(PAT, "/warning", "patient")
    await live.talk.press(PAT, checklist, SIGN_BUTTONS[level][lang], "patient", replies=2)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("level", ["urgent", "emergency", "self-harm"])
async def test_a_message_under_an_open_alert_promises_no_slow_reply_and_gives_its_safety_line(
    live, level: str, lang: str
) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    await enrolled_in(live, lang, open_session=False)
    await _report(live, level, lang)
    question = {"en": "Can I go to work tomorrow?", "fr": "Est-ce que je peux travailler demain?"}
    (receipt,) = await live.talk.send(PAT, question[lang], "patient")
    text = receipt.text or ""
    assert SLOW[lang] not in text
    assert ALERTED[lang] in text and SAFETY[level][lang] in text


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_a_message_with_no_alert_open_still_says_when_it_is_read(live, lang: str) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    await enrolled_in(live, lang, open_session=False)
    question = {"en": "Can I go to work tomorrow?", "fr": "Est-ce que je peux travailler demain?"}
    (receipt,) = await live.talk.send(PAT, question[lang], "patient")
    assert SLOW[lang] in (receipt.text or "") and ALERTED[lang] not in (receipt.text or "")


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("level", ["urgent", "emergency"])
async def test_stop_under_an_open_alert_repeats_the_safety_advice(
    live, level: str, lang: str
) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    await enrolled_in(live, lang, open_session=False)
    await _report(live, level, lang)
    (confirm,) = await live.talk.send(PAT, "/stop", "patient")
    assert SAFETY[level][lang] in (confirm.text or "")
    yes = {"en": "Yes, stop", "fr": "Oui, arrêter"}[lang]
    (stopped,) = await live.talk.press(PAT, confirm, yes, "patient", reply=_not_to_staff)
    assert SAFETY[level][lang] in (stopped.text or "")


def _not_to_staff(message: BotMessage) -> bool:
    return message.chat_id == PAT


PAUSED = {"en": "/resume", "fr": "/resume"}
PROMISE = {"en": "I'll remind", "fr": "Je vous enverrai"}
SAVED = {"en": ("Done. Your reminder time is now 7:30 PM."), "fr": "19 h 30"}


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_a_reminder_time_changed_in_a_pause_is_saved_and_says_when_reminders_come(
    live, lang: str
) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    await enrolled_in(live, lang, open_session=False)
    await live.talk.send(PAT, "/pause", "patient", reply=_not_to_staff)
    (menu,) = await live.talk.send(PAT, "/settings", "patient")
    time_label = {"en": "Reminder time", "fr": "Heure du rappel"}[lang]
    (question,) = await live.talk.press(PAT, menu, time_label, "patient")
    comes = {"en": "Your reminder comes", "fr": "Votre rappel arrive"}[lang]
    assert comes not in (question.text or "")  # no reminder comes during the pause
    (saved,) = await live.talk.send(PAT, {"en": "7:30 pm", "fr": "19h30"}[lang], "patient")
    text = saved.text or ""
    assert text.startswith({"en": "Done.", "fr": "C'est fait."}[lang]) and SAVED[lang] in text
    assert PROMISE[lang] not in text and PAUSED[lang] in text


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("en", ["6:00 PM", "English", "Toronto", "Pictures: on"]),
        ("fr", ["18 h", "Français", "Toronto", "Images : activées"]),
    ],
)
async def test_settings_shows_the_current_values_and_help_names_pictures(
    live, lang: str, shown: list[str]
) -> None:  # type: ignore[no-untyped-def]
    await enrolled_in(live, lang, open_session=False)
    (menu,) = await live.talk.send(PAT, "/settings", "patient")
    assert all(value in (menu.text or "") for value in shown), menu.text
    (help_text,) = await live.talk.send(PAT, "/help", "patient")
    settings_line = next(
        line for line in (help_text.text or "").splitlines() if line.startswith("/settings")
    )
    assert {"en": "pictures", "fr": "images"}[lang] in settings_line


READY = {
    "en": "Your first session is ready now.",
    "fr": "Votre première séance est prête maintenant.",
}
LAST_QUESTION = {"en": "One last question", "fr": "Une dernière question"}


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_enrolment_asks_the_last_question_before_saying_the_first_session_is_ready(
    live, lang: str
) -> None:  # type: ignore[no-untyped-def]
    if lang == "fr":
        live.world.add_user(PAT, "Pat", "fr")
    question = await to_reminder_time(live, lang)
    preset = {"en": "6:00 PM", "fr": "18 h"}[lang]
    (enrolled,) = await live.talk.press(PAT, question, preset, "patient")
    assert LAST_QUESTION[lang] in (enrolled.text or "")
    assert READY[lang] not in (enrolled.text or "")
    (saved,) = await live.talk.press(PAT, enrolled, "2", "patient")
    assert (saved.text or "").endswith(READY[lang])  # "ready" comes last, with its button
    assert [label for label, _ in saved.buttons_flat()] == [LABELS[lang]["start"]]


@pytest.mark.parametrize(
    ("lang", "stays", "stopped"),
    [("en", "Your reminder stays", "stopped for now"), ("fr", "Votre rappel reste", "arrêtés")],
)
async def test_a_timezone_changed_under_a_hold_promises_no_reminder(
    live, lang: str, stays: str, stopped: str
) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    await enrolled_in(live, lang, open_session=False)
    await _report(live, "urgent", lang)
    (menu,) = await live.talk.send(PAT, "/settings", "patient")
    zone_label = {"en": "Timezone", "fr": "Fuseau horaire"}[lang]
    await live.talk.press(PAT, menu, zone_label, "patient")
    (saved,) = await live.talk.send(PAT, "Vancouver", "patient")
    text = saved.text or ""
    assert "Vancouver" in text and stays not in text and stopped in text
