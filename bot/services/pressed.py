"""A typed text that means a button on screen is that button's press.

The keyboard on screen is the last one the bot sent to the chat (``keyboards``). A text
that clearly means one of its buttons (``bot.rules.button_words``: its label in either
language, case, accents, emoji, punctuation and a small typo forgiven; "skip", "rien" or
"aucune" where the question is optional) runs the very service the button's handler runs,
with the button's own callback data. ``PRESSES`` names that service for every button a
patient is shown; ``tests/services/test_typed_presses.py`` checks it covers each one the
bot registers for patients.

Staff type their answers (a note, a reply), so only one kind of staff button is read from
their words: the button that skips an awaited answer (**No note** after Resolve).
``STAFF_SKIPS`` names it for each awaited staff answer that offers one; its words typed, in
either language, or a word of the "skip" family, are its press (``typed_staff_skip``), never
the answer itself.

Only ever called after the warning-sign safety net has read the text and found nothing. A
button that no longer applies (its question was answered, its session is over) is not a
press: the text goes on as if no button were shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sqlmodel import Session

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.db.models import AwaitedAnswer, Patient, Staff
from bot.rules.button_words import Option, button_meant
from bot.rules.typed_answers import plain
from bot.services import keyboards
from bot.services.alerts import raising as alerts
from bot.services.alerts import warnings
from bot.services.enrolment import consent, patient_settings
from bot.services.enrolment import onboarding as enrolment
from bot.services.feedback import answers as feedback
from bot.services.feedback import checkins
from bot.services.outgoing import Message, Reply
from bot.services.patients import Visitor
from bot.services.reminders import scheduled as reminders
from bot.services.sessions import steps as session_steps
from bot.services.sessions import today as sessions

Press = Callable[[Session, Clock, Content, Visitor, Patient, list[str]], Reply]

# Each patient button's action, and the service its handler (bot/handlers/) runs with it.
PRESSES: Mapping[str, Press] = {
    callbacks.LANGUAGE: lambda db, c, k, who, p, a: enrolment.choose_language(db, c, k, who, a[0]),
    callbacks.CONSENT: lambda db, c, k, who, p, a: enrolment.answer_consent(
        db, c, k, who, a == ["yes"]
    ),
    callbacks.RECONSENT: lambda db, c, k, who, p, a: consent.answer(db, c, k, who, a == ["yes"]),
    callbacks.READINESS: lambda db, c, k, who, p, a: enrolment.answer_readiness(
        db, c, k, who, int(a[0]), int(a[1]), a[2] == "y"
    ),
    callbacks.TIME: lambda db, c, k, who, p, a: enrolment.choose_reminder_time(
        db, c, k, who, ":".join(a)
    ),
    callbacks.SETTINGS: lambda db, c, k, who, p, a: patient_settings.choose(db, c, k, who, a[0]),
    callbacks.TIMEZONE: lambda db, c, k, who, p, a: patient_settings.choose_timezone(
        db, c, k, who, ":".join(a)
    ),
    callbacks.STOP: lambda db, c, k, who, p, a: patient_settings.confirm_stop(
        db, c, k, who, a == ["yes"]
    ),
    callbacks.START_SESSION: lambda db, c, k, who, p, a: sessions.today(db, c, k, p),
    callbacks.DONE: lambda db, c, k, who, p, a: sessions.mark_done(db, c, k, p, int(a[0])),
    callbacks.PAIN: lambda db, c, k, who, p, a: sessions.record_pain(
        db, c, k, p, int(a[0]), int(a[1])
    ),
    callbacks.DIFFICULTY: lambda db, c, k, who, p, a: sessions.record_difficulty(
        db, c, k, p, int(a[0]), a[1]
    ),
    callbacks.WARNING: lambda db, c, k, who, p, a: sessions.report_warning_sign(
        db, c, k, p, int(a[0]) or None
    ),
    callbacks.BEGIN: lambda db, c, k, who, p, a: session_steps.begin(db, c, k, p, int(a[0])),
    callbacks.STEP: lambda db, c, k, who, p, a: session_steps.answer_step(
        db, c, k, p, int(a[0]), a[1]
    ),
    callbacks.SKIP: lambda db, c, k, who, p, a: session_steps.skip_for(
        db, c, k, p, int(a[0]), a[1]
    ),
    callbacks.FORMAT: lambda db, c, k, who, p, a: session_steps.choose_format(
        db, c, k, p, int(a[0]), a[1]
    ),
    callbacks.SIGN: lambda db, c, k, who, p, a: warnings.choose_sign(
        db, c, k, p, int(a[0]) or None, a[1]
    ),
    callbacks.PATIENT_READ: lambda db, c, k, who, p, a: alerts.patient_read(db, c, k, p, int(a[0])),
    callbacks.SNOOZE: lambda db, c, k, who, p, a: reminders.snooze(db, c, k, p, a[0]),
    callbacks.SETTLED: lambda db, c, k, who, p, a: checkins.answer_settled(
        db, c, k, p, int(a[0]), a[1]
    ),
    callbacks.CHECKIN_PAIN: lambda db, c, k, who, p, a: checkins.answer_pain(
        db, c, k, p, int(a[0]), int(a[1])
    ),
    callbacks.PSFS: lambda db, c, k, who, p, a: checkins.answer_psfs(
        db, c, k, p, int(a[0]), int(a[1]), int(a[2])
    ),
    callbacks.BASELINE: lambda db, c, k, who, p, a: feedback.answer_baseline(
        db, c, k, p, int(a[0])
    ),
    callbacks.NOTE: lambda db, c, k, who, p, a: feedback.skip_note(db, c, k, p, int(a[0])),
    callbacks.CORRECT: lambda db, c, k, who, p, a: feedback.correct(db, c, k, p, int(a[0])),
}
# The one patient button typing cannot press: the timer counts down in its own message,
# which only its handler can play (bot/handlers/sessions.py).
NOT_TYPED = frozenset({callbacks.TIMER})
# Buttons that skip an optional question: "skip", "rien" or "aucune" means them.
SKIPS_OPTIONAL = frozenset({callbacks.NOTE})
# Questions any other text ends: /stop's "are you sure?" (as ``patient_settings.typed_stop``).
ENDED_BY_OTHER_TEXT = frozenset({callbacks.STOP})
# Labels that are not one button in two languages: each language's name for itself
# ("English", "Français") is its own button on the language question.
OWN_NAMES = frozenset({"language_name"})
# What a service answers a press it did not take with: the button no longer applies.
_NOT_TAKEN = ("stale_button", "already_answered", "not_enrolled", "for_patients_only")


def typed_press(
    db: Session, clock: Clock, content: Content, who: Visitor, patient: Patient, text: str
) -> Reply | None:
    """The reply to ``text`` taken as the press of the button on screen it means; ``None``
    when it means none, or the button no longer applies."""
    if not alerts.reachable(patient):  # stopped the service: no button to press
        return None
    options = [
        (data, labels_of(content, label))
        for label, data in keyboards.shown(db, patient.chat_id)
        if callbacks.is_well_formed(data) and _action(data) in PRESSES
    ]
    if not options:
        return None
    skip = next((data for data, _ in options if _action(data) in SKIPS_OPTIONAL), None)
    meant = button_meant(text, options, skip=skip)
    if meant is None:
        if any(_action(data) in ENDED_BY_OTHER_TEXT for data, _ in options):
            keyboards.forget(db, patient.chat_id)  # a later "yes" never stops the service
            db.flush()
        return None
    reply = PRESSES[_action(meant)](db, clock, content, who, patient, callbacks.parts(meant))
    lang = patient.language
    refused = {content.render(lang, key) for key in _NOT_TAKEN}
    if not reply.messages and (reply.toast is None or reply.toast in refused):
        keyboards.forget(db, patient.chat_id)  # it was no longer the question
        db.flush()
        return None
    if not reply.messages and reply.toast:  # "Snoozed until 7:30 PM": said in the chat
        reply.messages.append(Message(patient.chat_id, reply.toast))
    if any(m.buttons for m in reply.messages if m.chat_id == patient.chat_id):
        pass  # the reply's own keyboard is the one on screen now
    elif reply.clear_only is not None:  # a snooze: the session's buttons are still there
        keyboards.drop(db, patient.chat_id, reply.clear_only)
    else:
        keyboards.forget(db, patient.chat_id)  # answered: its keyboard no longer asks
    reply.toast, reply.clear_buttons, reply.clear_only = None, False, None  # no press
    db.flush()
    return reply


@dataclass(frozen=True)
class StaffSkip:
    """The button under an awaited staff question that skips it."""

    label: str  # its label's key in content (every language's label is its words)
    action: str  # its callback action
    subject: Callable[[Staff], int | None]  # what its callback data names, from the staff row
    press: Callable[[Session, Clock, Content, Visitor, int], Reply]  # what its handler runs


# Each awaited staff answer whose question has a skip button. A reply to a patient and a
# relayed message have none: whatever is typed there is the message.
STAFF_SKIPS: Mapping[AwaitedAnswer, StaffSkip] = {
    AwaitedAnswer.ALERT_NOTE: StaffSkip(
        "alert_no_note", callbacks.NO_NOTE, lambda s: s.awaiting_alert_id, alerts.no_note
    ),
}


def typed_staff_skip(
    db: Session, clock: Clock, content: Content, staff: Staff, text: str
) -> Reply | None:
    """The reply to ``text`` taken as the skip button of the staff answer awaited ("no
    note", "pas de note", "skip", "rien"): the same service and the same words as a tap,
    said in the chat. ``None`` when no such answer is awaited, or the text is the answer."""
    awaited = next((a for a in AwaitedAnswer if a.value == staff.awaiting_text), None)
    skip = STAFF_SKIPS.get(awaited) if awaited is not None else None
    subject = skip.subject(staff) if skip is not None else None
    if skip is None or subject is None or staff.telegram_user_id is None:
        return None
    data = callbacks.data(skip.action, subject)
    labels = [content.label(lang, skip.label) for lang in content.languages]
    if button_meant(text, [(data, labels)], skip=data) != data:
        return None
    chat = staff.telegram_user_id
    who = Visitor(telegram_user_id=chat, chat_id=chat, language_code=staff.language)
    reply = skip.press(db, clock, content, who, subject)
    keyboards.forget(db, chat, data)  # pressed: its keyboard no longer asks
    if reply.toast and not any(m.chat_id == chat for m in reply.messages):
        reply.messages.insert(0, Message(chat, reply.toast))  # a tap's words, in the chat
    reply.toast, reply.clear_buttons, reply.clear_only = None, False, None  # no press
    db.flush()
    return reply


def labels_of(content: Content, label: str) -> Sequence[str]:
    """A button's label and, when it is one of content's labels, the same button's label in
    every other language ("Terminé ✅" also reads "Done ✅")."""
    flat = plain(label)
    found = [label]
    for key in content.messages.data.get("buttons") or {}:
        if key in OWN_NAMES:
            continue
        shown = {lang: content.label(lang, key) for lang in content.languages}
        if any(plain(text) == flat for text in shown.values()):
            found += [text for text in shown.values() if "{" not in text]
    return found


def button_options(content: Content, buttons: Sequence[tuple[str, str]]) -> list[Option]:
    """The buttons as ``button_meant`` reads them (for tests and tools)."""
    return [(data, labels_of(content, label)) for label, data in buttons]


def _action(data: str) -> str:
    return data.split(":", 1)[0]
