"""Free text from a person: used where a typed answer is awaited, otherwise a way forward."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from sqlmodel import Session

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.db.audit_actions import AuditAction
from bot.db.models import AwaitedAnswer, OnboardingStep, Patient, SessionStep, Staff
from bot.rules.command_words import command_meant, real_words_of
from bot.rules.invite_codes import looks_like_code
from bot.rules.pain_words import pain_reading
from bot.rules.typed_answers import (
    typed_difficulty,
    typed_score,
    typed_settled,
    typed_yes_no,
)
from bot.services import audit, pressed, readiness
from bot.services.alerts import raising as alerts
from bot.services.alerts import warnings
from bot.services.enrolment import consent, patient_settings
from bot.services.enrolment import onboarding as enrolment
from bot.services.feedback import answers as feedback
from bot.services.feedback import checkins
from bot.services.inbox import threads as inbox
from bot.services.outgoing import Message, Reply
from bot.services.patients import Visitor, language_of, patient_by_telegram, staff_by_telegram
from bot.services.sessions import today as sessions
from bot.services.staff import alert_desk, patient_record

Handler = TypeVar("Handler")


def text_received(db: Session, clock: Clock, content: Content, who: Visitor, text: str) -> Reply:
    """Answer a typed message so the person always knows what to do next.

    A typed invite code works like ``/start CODE``; a typed reminder time is taken when
    one is awaited; where a button is expected, the question is asked again.
    """
    patient = patient_by_telegram(db, who.telegram_user_id)
    if patient is None:
        if staff_by_telegram(db, who.telegram_user_id) is None and looks_like_code(text):
            return enrolment.start(db, clock, content, who, text)
        lang = language_of(db, content, who)
        staff = staff_by_telegram(db, who.telegram_user_id)
        if staff is not None:  # a reply to a thread, a note for a resolved alert, a relay
            # "no note", "pas de note": the question's skip button, never the answer.
            awaited = pressed.typed_staff_skip(db, clock, content, staff, text)
            take = _taker(STAFF_ANSWERS, staff.awaiting_text)
            awaited = awaited or (take(db, clock, content, staff, text) if take else None)
            if awaited is not None:
                return awaited
            card = alert_desk.typed(db, clock, content, staff, text)  # "ack", "résolu", "12"
            if card is not None:
                return card
        if _typed_command(content, text) == "help":  # "help", "aide": what /help says
            return help_for(db, clock, content, who)
        if staff is not None:
            return Reply().send(who.chat_id, content.render(lang, "staff_text_not_understood"))
        return Reply().send(who.chat_id, content.render(lang, "no_code"))
    # The warning-sign safety net reads every text first, before any awaited answer, so a
    # sign is never lost in a reminder time or a note. A text that is a warning sign is taken
    # as one: it is not stored as the session's note or a PSFS activity (the bot still waits
    # for those); a reminder time or a time zone is still asked for after it.
    safety = warnings.screen_text(db, clock, content, patient, text)
    if safety is None:
        waiting = _awaited(patient.awaiting_text)
        answered = _typed_button(db, clock, content, who, patient, text)
        answered = answered or _command_in_words(db, clock, content, who, patient, text)
        if answered is not None:  # a button or a command: an awaited question is kept
            answered = _question_kept(db, content, who, patient, waiting, answered)
        reply = answered or _patient_text(db, clock, content, patient, text)
    elif not alerts.reachable(patient):  # stopped the service: the advice, and nothing more
        return safety
    else:
        safety.messages += _patient_text(
            db, clock, content, patient, text, after_warning=True
        ).messages
        reply = safety
    if consent.outdated(content, patient):  # a new consent notice: asked at this contact
        reply.messages.append(consent.ask_again(db, clock, content, patient))
        db.flush()
    return reply


def _patient_text(
    db: Session,
    clock: Clock,
    content: Content,
    patient: Patient,
    text: str,
    *,
    after_warning: bool = False,
) -> Reply:
    """A patient's typed text as an answer where one is awaited; otherwise it is a message
    for their care team (bot/services/inbox/threads.py). After a warning sign it is only stored,
    unread, for the care team's /inbox: the warning's own messages already tell the
    patient what to do, and the alert climbing the ladder never carries their words.
    A warning sign typed where a note or an activity was awaited is not taken as one:
    the question stays open. A patient who stopped the service is told so, and nothing is
    taken as an answer."""
    if not alerts.reachable(patient):  # no buttons to point to, no question to answer
        return Reply(messages=[enrolment.resume_message(db, content, patient)])
    if after_warning and _awaited(patient.awaiting_text) in KEPT_OPEN_AFTER_A_WARNING:
        return inbox.patient_wrote(db, clock, content, patient, text, quietly=True)
    awaited = _awaited(patient.awaiting_text)
    take = _taker(PATIENT_ANSWERS, patient.awaiting_text)
    answered = take(db, clock, content, patient, text) if take else None
    if answered is not None and awaited is not None:  # its question's buttons, as a tap's
        return pressed.typed_answer(
            db, patient, _taken(patient, awaited, answered), ASKED_WITH[awaited]
        )
    lang = patient.language
    if patient.onboarding_step != OnboardingStep.ENROLLED:
        reply = Reply(messages=[enrolment.use_buttons_hint(content, patient)])
        reply.messages.append(enrolment.resume_message(db, content, patient))
        return reply
    if sessions.current_step(db, clock, patient) in (SessionStep.PAIN, SessionStep.DIFFICULTY):
        # A typed score is an answer in the wrong form; anything longer is also a message.
        reply = Reply()
        if not _looks_like_a_score(text):
            reply = inbox.patient_wrote(db, clock, content, patient, text, quietly=after_warning)
        reply.send(patient.chat_id, content.render(lang, "use_buttons"))
        reply.messages += sessions.today(db, clock, content, patient).messages
        return reply
    return inbox.patient_wrote(db, clock, content, patient, text, quietly=after_warning)


def _taken(patient: Patient, awaited: AwaitedAnswer, reply: Reply) -> Reply:
    """An awaited answer the text answered (no longer awaited) clears its question's
    buttons, as a tap on one of them would; one asked again keeps them."""
    if _awaited(patient.awaiting_text) != awaited and not (reply.clear_buttons or reply.clear_only):
        reply.clear_buttons = True
    return reply


def _session_note(
    db: Session, clock: Clock, content: Content, patient: Patient, text: str
) -> Reply | None:
    """The optional note after a session; ``None`` when no session waits for one."""
    noted = feedback.typed_note(db, clock, content, patient, text)
    if noted is not None:  # the note is also a message in the thread, for the clinician
        note = inbox.patient_wrote(
            db, clock, content, patient, text, kind=inbox.KIND_NOTE, receipt=False
        )
        noted.messages += note.messages
        noted.clear_only = callbacks.NOTE  # "No note" leaves; "Change my answers" stays
    return noted


# Who takes each awaited answer. A handler returns ``None`` when the answer no longer
# applies; the text is then treated as if nothing were awaited.
PatientAnswer = Callable[[Session, Clock, Content, Patient, str], Reply | None]
StaffAnswer = Callable[[Session, Clock, Content, Staff, str], Reply | None]
PATIENT_ANSWERS: Mapping[AwaitedAnswer, PatientAnswer] = {
    AwaitedAnswer.REMINDER_TIME: enrolment.typed_reminder_time,
    AwaitedAnswer.PSFS_ACTIVITY: checkins.typed_activity,
    AwaitedAnswer.TIMEZONE: patient_settings.typed_timezone,
    AwaitedAnswer.SESSION_NOTE: _session_note,
    AwaitedAnswer.LANGUAGE: enrolment.typed_language_answer,
    AwaitedAnswer.STOP_CONFIRM: patient_settings.typed_stop,
}
STAFF_ANSWERS: Mapping[AwaitedAnswer, StaffAnswer] = {
    AwaitedAnswer.THREAD_REPLY: inbox.staff_typed,
    AwaitedAnswer.ALERT_NOTE: alerts.staff_typed,
    AwaitedAnswer.ALERT_RELAY: alerts.staff_typed,
}
# The buttons each awaited answer's question is asked with: a typed answer clears them.
ASKED_WITH: Mapping[AwaitedAnswer, frozenset[str]] = {
    AwaitedAnswer.REMINDER_TIME: frozenset({callbacks.TIME}),
    AwaitedAnswer.PSFS_ACTIVITY: frozenset(),
    AwaitedAnswer.TIMEZONE: frozenset({callbacks.TIMEZONE}),
    AwaitedAnswer.SESSION_NOTE: frozenset({callbacks.NOTE}),
    AwaitedAnswer.LANGUAGE: frozenset({callbacks.LANGUAGE}),
    AwaitedAnswer.STOP_CONFIRM: frozenset({callbacks.STOP}),
}
# A warning sign typed where these were awaited is not taken as the answer: it is kept,
# unread, for the care team, and the question stays open.
KEPT_OPEN_AFTER_A_WARNING = frozenset(
    {
        AwaitedAnswer.PSFS_ACTIVITY,
        AwaitedAnswer.SESSION_NOTE,
        AwaitedAnswer.LANGUAGE,
        AwaitedAnswer.STOP_CONFIRM,
    }
)


def _awaited(value: str | None) -> AwaitedAnswer | None:
    """The awaited answer a stored value names; ``None`` for nothing (or a value unknown)."""
    known = {answer.value for answer in AwaitedAnswer}
    return AwaitedAnswer(value) if value in known else None


def _taker(answers: Mapping[AwaitedAnswer, Handler], value: str | None) -> Handler | None:
    """The registered handler for the stored awaited answer, if any."""
    awaited = _awaited(value)
    return answers.get(awaited) if awaited is not None else None


def _typed_button(
    db: Session, clock: Clock, content: Content, who: Visitor, patient: Patient, text: str
) -> Reply | None:
    """A typed answer that clearly means a button where one is awaited ("non", "7",
    "français", "19h30"), taken by the same service as the button; ``None`` when it is not
    one. Only ever called after the warning-sign safety net has read the text and found
    nothing.

    First the general rule: a text that means a button on screen is that button's press
    ("terminé", "heure", "pas de note"; ``pressed.typed_press``), whatever answer is awaited.
    Then what the buttons' questions also take in other words ("ouais", "7/10", "19h30")."""
    on_screen = pressed.typed_press(db, clock, content, who, patient, text)
    if on_screen is not None:
        return on_screen
    if patient.awaiting_text is not None:
        return None  # a typed answer is awaited (a time, a note, an activity)
    take = ONBOARDING_ANSWERS.get(patient.onboarding_step)
    found = take(db, clock, content, who, patient, text) if take else None
    if found is None:
        return None
    reply, action = found
    return None if reply is None else pressed.typed_answer(db, patient, reply, {action})


# What a step's taker returns: the reply (``None``: not taken) and the action of the
# question's buttons, cleared as a tap would clear them; ``None`` when no question waits.
TypedAnswer = tuple[Reply | None, str] | None


def _typed_language(
    db: Session, clock: Clock, content: Content, who: Visitor, patient: Patient, text: str
) -> TypedAnswer:
    """ "français", "English": the language question's answer."""
    reply = enrolment.typed_language_answer(db, clock, content, patient, text)
    return reply, callbacks.LANGUAGE


def _typed_time(
    db: Session, clock: Clock, content: Content, who: Visitor, patient: Patient, text: str
) -> TypedAnswer:
    """ "19h30", before or after "another time": the reminder-time question's answer."""
    step = patient.onboarding_step
    reply = enrolment.typed_reminder_time(db, clock, content, patient, text)
    if reply is not None and patient.onboarding_step != step:  # taken: as after a tap
        reply.clear_buttons = True
    return reply, callbacks.TIME


def _typed_consent(
    db: Session, clock: Clock, content: Content, who: Visitor, patient: Patient, text: str
) -> TypedAnswer:
    """ "oui", "no": the consent question's answer."""
    said = typed_yes_no(text)
    if said is None:
        return None
    return enrolment.answer_consent(db, clock, content, who, said), callbacks.CONSENT


def _typed_readiness(
    db: Session, clock: Clock, content: Content, who: Visitor, patient: Patient, text: str
) -> TypedAnswer:
    """ "oui", "no": the next readiness question's answer."""
    said, check = typed_yes_no(text), readiness.latest(db, patient)
    if said is None or check is None or check.id is None:
        return None
    index = len(check.answers)
    reply = enrolment.answer_readiness(db, clock, content, who, check.id, index, said)
    return reply, callbacks.READINESS


def _typed_enrolled(
    db: Session, clock: Clock, content: Content, who: Visitor, patient: Patient, text: str
) -> TypedAnswer:
    """An enrolled patient's typed pain score, difficulty, usual pain or "settled" answer."""
    session = sessions.current_session(db, clock, patient)
    if session is not None and session.id is not None:
        if session.step == SessionStep.PAIN and (reading := pain_reading(text)) is not None:
            if reading.score is not None:
                reply = sessions.record_pain(db, clock, content, patient, session.id, reading.score)
                return reply, callbacks.PAIN
            key = "pain_out_of_range" if reading.out_of_range else "pain_ambiguous"
            reply = Reply().send(patient.chat_id, content.render(patient.language, key))
            reply.messages += sessions.today(db, clock, content, patient).messages
            return reply, callbacks.PAIN
        if session.step == SessionStep.DIFFICULTY and (answer := typed_difficulty(text)):
            reply = sessions.record_difficulty(db, clock, content, patient, session.id, answer)
            return reply, callbacks.DIFFICULTY
    elif (score := _pain_score(text)) is not None and feedback.awaits_baseline(db, patient):
        # Before today's session, a typed "7" answers the usual-pain question if it waits.
        return feedback.answer_baseline(db, clock, content, patient, score), callbacks.BASELINE
    # "Is your pain back to normal?" asked this morning: "oui", "a bit", "not yet".
    settled = typed_settled(text)
    morning = checkins.waiting_morning_check(db, clock, patient) if settled else None
    if settled is None or morning is None or morning.id is None:
        return None
    reply = checkins.answer_settled(db, clock, content, patient, morning.id, settled)
    return reply, callbacks.SETTLED


# Who takes a typed answer at each onboarding step (a step that is absent takes none: a
# patient who declined, withdrew or was erased types nothing that means a button).
OnboardingAnswer = Callable[[Session, Clock, Content, Visitor, Patient, str], TypedAnswer]
ONBOARDING_ANSWERS: Mapping[OnboardingStep, OnboardingAnswer] = {
    OnboardingStep.LANGUAGE: _typed_language,
    OnboardingStep.CONSENT: _typed_consent,
    OnboardingStep.READINESS: _typed_readiness,
    OnboardingStep.REMINDER_TIME: _typed_time,
    OnboardingStep.ENROLLED: _typed_enrolled,
}


def _pain_score(text: str) -> int | None:
    """A clear 0-10 score typed in figures or words ("7", "seven", "pas de douleur")."""
    reading = pain_reading(text)
    return reading.score if reading is not None else typed_score(text)


def _typed_command(content: Content, text: str) -> str | None:
    """The command a text typed without its slash means ("today", "aide"), if any."""
    words = content.command_words
    return command_meant(text, words.commands, real_words_of(words.real_words))


def _command_in_words(
    db: Session, clock: Clock, content: Content, who: Visitor, patient: Patient, text: str
) -> Reply | None:
    """A command typed as words ("today", "aujourd'hui", "aide", "stop", "signe"), run as
    the command; ``None`` when the text is no command. Only ever called after the
    warning-sign screen and the buttons on screen have read the text. A patient who
    stopped the service gets only "help" this way (every other command needs them back)."""
    command = _typed_command(content, text)
    if command is None or (command != "help" and not alerts.reachable(patient)):
        return None
    commands: dict[str, Callable[[], Reply]] = {
        "today": lambda: sessions.today(db, clock, content, patient),
        "help": lambda: help_for(db, clock, content, who),
        "settings": lambda: patient_settings.open_menu(db, clock, content, who),
        "stop": lambda: patient_settings.ask_stop(db, clock, content, who),
        "pause": lambda: patient_settings.pause(db, clock, content, who, ""),
        "resume": lambda: patient_settings.resume(db, clock, content, who),
        "warning": lambda: warnings.checklist(db, clock, content, patient, None),
        "mydata": lambda: patient_record.my_data(db, clock, content, who),
    }
    run = commands.get(command)
    return run() if run is not None else None


def _question_kept(
    db: Session,
    content: Content,
    who: Visitor,
    patient: Patient,
    awaited: AwaitedAnswer | None,
    reply: Reply,
) -> Reply:
    """A command typed as words, or a button's words, while a typed answer is awaited (a
    note, a reminder time): it runs, and the question it interrupted is asked again after
    it, so neither is lost. Unless what ran moved on from the question itself (answered it,
    or asked another; today's session leaves the /settings questions,
    ``sessions.LEFT_BY_A_SESSION``). /stop's "are you sure?" is ended by any other text."""
    if awaited is None or _awaited(patient.awaiting_text) != awaited:
        return reply
    if awaited == AwaitedAnswer.STOP_CONFIRM:  # a later "yes" never stops the service
        patient.awaiting_text = None
        db.add(patient)
        db.flush()
        return reply
    again = _asked_again(db, content, who, patient, awaited)
    if again is not None:
        if again.buttons:  # the new question's buttons replace the old one's
            reply.keyboards += pressed.question_answered(db, patient, ASKED_WITH[awaited])
        reply.messages.append(again)
    return reply


def _asked_again(
    db: Session, content: Content, who: Visitor, patient: Patient, awaited: AwaitedAnswer
) -> Message | None:
    """The awaited answer's question, asked again."""
    lang = patient.language
    if awaited == AwaitedAnswer.REMINDER_TIME:
        return enrolment.ask_reminder_time(content, patient)
    if awaited == AwaitedAnswer.LANGUAGE:
        return enrolment.ask_language(content, patient, content.language_for(who.language_code))
    if awaited == AwaitedAnswer.TIMEZONE:
        return patient_settings.ask_timezone(content, patient)
    if awaited == AwaitedAnswer.SESSION_NOTE:  # its "No note" button is still above
        return Message(patient.chat_id, content.render(lang, "note_question"))
    if awaited == AwaitedAnswer.PSFS_ACTIVITY:
        return checkins.activity_asked_again(db, content, patient)
    return None


def _looks_like_a_score(text: str) -> bool:
    """ "7", "7/10", "easy": what a patient types instead of tapping a pain or difficulty
    button."""
    words = text.strip().lower().replace("/10", "").split()
    return len(words) <= 1 and len(text.strip()) <= 12


def help_for(db: Session, clock: Clock, content: Content, who: Visitor) -> Reply:
    """``/help`` in the person's language: the patient's guide, or the staff commands."""
    staff = staff_by_telegram(db, who.telegram_user_id)
    if staff is not None:
        return Reply().send(
            who.chat_id, content.render(staff.language, "staff_help", role=staff.role)
        )
    patient = patient_by_telegram(db, who.telegram_user_id)
    lang = patient.language if patient else language_of(db, content, who)
    return Reply().send(who.chat_id, content.render(lang, "help"))


def button_not_taken(
    db: Session, clock: Clock, content: Content, who: Visitor, *, well_formed: bool
) -> Reply:
    """A press that no action took: a button from an older version, or forged or malformed
    data. The latter is audited by who pressed it, never with its payload."""
    if not well_formed:
        audit.record(
            db,
            clock,
            AuditAction.BUTTON_REFUSED,
            outcome="malformed",
            telegram_user_id=who.telegram_user_id,
        )
        db.flush()
    text = content.render(language_of(db, content, who), "stale_button")
    return Reply(toast=text, clear_buttons=True)


def not_text(db: Session, clock: Clock, content: Content, who: Visitor) -> Reply:
    """Something that is not text: the bot can't read it, so it says so plainly."""
    patient = patient_by_telegram(db, who.telegram_user_id)
    lang = patient.language if patient else language_of(db, content, who)
    return Reply().send(who.chat_id, content.render(lang, "text_only"))


def unknown_command(db: Session, clock: Clock, content: Content, who: Visitor) -> Reply:
    """An unknown command gets the same answer whoever sends it."""
    patient = patient_by_telegram(db, who.telegram_user_id)
    staff = staff_by_telegram(db, who.telegram_user_id)
    lang = patient.language if patient else staff.language if staff else None
    text = content.render(lang or language_of(db, content, who), "unknown_command")
    return Reply().send(who.chat_id, text)
