"""A typed text that means a button on screen is that button's press.

The keyboards on screen are the newest ones the bot sent to the chat (``keyboards``). A
text that clearly means one of their buttons, the newest keyboard's first
(``bot.rules.button_words``: its label in either language, case, accents, emoji,
punctuation and a small typo forgiven; "skip", "rien" or "aucune" where the question is
optional) runs the very service the button's handler runs,
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
press: the text goes on as if no button were shown. A press clears the pressed message's
buttons as the tap would (``as_tapped``), and so does a typed answer the question's own
service took ("ouais", "19h30"; ``typed_answer``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from sqlmodel import Session

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.db.models import AwaitedAnswer, Patient, Staff
from bot.rules.button_words import STAFF_SKIP_WORDS, Option, button_meant, keyboard_meant
from bot.rules.dictionary import real_word
from bot.rules.typed_answers import plain
from bot.services import keyboards
from bot.services.alerts import raising as alerts
from bot.services.alerts import warnings
from bot.services.enrolment import consent, patient_settings
from bot.services.enrolment import onboarding as enrolment
from bot.services.feedback import answers as feedback
from bot.services.feedback import checkins
from bot.services.outgoing import Button, KeyboardEdit, Message, Reply
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
    callbacks.TIMER: lambda db, c, k, who, p, a: _timer(db, c, k, p, int(a[0])),
}
# Patient buttons typing cannot press: none (the timer's countdown is played after a typed
# "start timer" as after the tap, bot/handlers/countdown.py).
NOT_TYPED: frozenset[str] = frozenset()
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
    """The reply to ``text`` taken as the press of a button on screen it means; ``None``
    when it means none, or the button no longer applies. Every live keyboard of the chat is
    read, the newest first (``keyboards.live``); the pressed message's buttons are cleared as
    a tap would clear them."""
    if not alerts.reachable(patient):  # stopped the service: no button to press
        return None
    boards = keyboards.live(db, patient.chat_id)
    choices = [_options(content, board) for board in boards]
    found = keyboard_meant(
        text, [(options, _skip_of(options)) for options in choices], is_word=real_word
    )
    pressed = boards[found[0]] if found is not None else None
    for board in boards:  # /stop's question: any other text ends it
        if board is not pressed and any(
            _action(d) in ENDED_BY_OTHER_TEXT for _, d in board.buttons
        ):
            keyboards.forget_row(db, board)  # a later "yes" never stops the service
    if found is None or pressed is None:
        db.flush()
        return None
    meant = found[1]
    reply = PRESSES[_action(meant)](db, clock, content, who, patient, callbacks.parts(meant))
    refused = {content.render(patient.language, key) for key in _NOT_TAKEN}
    if (
        not reply.messages
        and reply.countdown is None
        and (reply.toast in refused or not reply.toast)
    ):
        keyboards.forget_row(db, pressed)  # it was no longer the question
        db.flush()
        return None
    return as_tapped(db, patient, pressed, reply)


def typed_answer(db: Session, patient: Patient, reply: Reply, actions: Collection[str]) -> Reply:
    """A typed answer to a question asked with buttons ("ouais", "7/10", "19h30"), taken by
    the question's own service: its buttons (the newest live keyboard with a button of
    ``actions``) are cleared as a tap on them would have cleared them."""
    if not (reply.clear_buttons or reply.clear_only):
        return reply
    for board in keyboards.live(db, patient.chat_id):
        if any(_action(data) in actions for _, data in board.buttons):
            return as_tapped(db, patient, board, reply)
    return as_tapped(db, patient, None, reply)


def question_answered(
    db: Session, patient: Patient, actions: Collection[str]
) -> list[KeyboardEdit]:
    """A question asked with buttons was answered in words (a note, a city): the buttons
    (of ``actions``, on the newest live keyboard that has them) leave the screen."""
    for board in keyboards.live(db, patient.chat_id):
        if any(_action(data) in actions for _, data in board.buttons):
            keyboards.forget_row(db, board)
            db.flush()
            if board.message_id is None:
                return []
            return [KeyboardEdit(patient.chat_id, board.message_id)]
    return []


def as_tapped(
    db: Session, patient: Patient, board: keyboards.Keyboard | None, reply: Reply
) -> Reply:
    """A reply decided for a tap, made the reply to a text: what the tap's toast said is
    said in the chat, and the buttons the tap would clear leave ``board``'s message (and
    the live keyboards)."""
    if not reply.messages and reply.toast:  # "Snoozed until 7:30 PM": said in the chat
        reply.messages.append(Message(patient.chat_id, reply.toast))
    if board is not None and reply.clear_buttons:
        keyboards.forget_row(db, board)
        if board.message_id is not None:
            reply.keyboards.append(KeyboardEdit(patient.chat_id, board.message_id))
    elif board is not None and reply.clear_only is not None:  # a snooze: the session's stay
        kept = keyboards.drop_from(db, board, reply.clear_only)
        if board.message_id is not None:
            rows = tuple(tuple(Button(label, data) for label, data in row) for row in kept)
            reply.keyboards.append(KeyboardEdit(patient.chat_id, board.message_id, rows))
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
    said = button_meant(text, [(data, labels)]) == data or plain(text) in STAFF_SKIP_WORDS
    if not said:  # the note itself ("All good", "RAS": an outcome, kept)
        return None
    chat = staff.telegram_user_id
    who = Visitor(telegram_user_id=chat, chat_id=chat, language_code=staff.language)
    reply = skip.press(db, clock, content, who, subject)
    shown = keyboards.live(db, chat)
    board = next((b for b in shown if any(d == data for _, d in b.buttons)), None)
    if board is not None:  # pressed: its keyboard no longer asks, on screen too
        keyboards.forget_row(db, board)
        if board.message_id is not None:
            reply.keyboards.append(KeyboardEdit(chat, board.message_id))
    if reply.toast and not any(m.chat_id == chat for m in reply.messages):
        reply.messages.insert(0, Message(chat, reply.toast))  # a tap's words, in the chat
    reply.toast, reply.clear_buttons, reply.clear_only = None, False, None  # no press
    db.flush()
    return reply


def _options(content: Content, board: keyboards.Keyboard) -> list[Option]:
    return [
        (data, labels_of(content, label))
        for label, data in board.buttons
        if callbacks.is_well_formed(data) and _action(data) in PRESSES
    ]


def _skip_of(options: Sequence[Option]) -> str | None:
    return next((data for data, _ in options if _action(data) in SKIPS_OPTIONAL), None)


def _timer(db: Session, clock: Clock, content: Content, patient: Patient, log_id: int) -> Reply:
    """ "start timer" typed: the countdown, played after the reply as after the tap."""
    found = session_steps.countdown(db, clock, content, patient, log_id)
    return found if isinstance(found, Reply) else Reply(countdown=found)


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
