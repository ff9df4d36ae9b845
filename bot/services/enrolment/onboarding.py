"""Onboarding: redeem the invite, then language, consent, readiness check and reminder time.

The step a person is at is stored on their row, so each answer is checked against it:
a repeated press or a restart never skips or repeats a step.
"""

from __future__ import annotations

from datetime import time

from sqlmodel import Session, select

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.content.dates import time_words
from bot.db.audit_actions import AuditAction
from bot.db.models import (
    AwaitedAnswer,
    Clinic,
    ConsentRecord,
    InviteCode,
    InvitePurpose,
    OnboardingStep,
    Patient,
    Staff,
)
from bot.rules.reminder_time import PRESET_TIMES, format_time, parse_reminder_time
from bot.rules.typed_answers import looks_like_an_attempt, typed_language
from bot.services import audit, readiness
from bot.services.enrolment.invites import DEFAULT_POLICY, REDEEM, InvitePolicy, redeem
from bot.services.outgoing import Button, Message, Reply, StaffMenu
from bot.services.patients import (
    Visitor,
    clinician_to_tell,
    patient_by_telegram,
    staff_by_telegram,
)
from bot.services.programmes import changes as programmes
from bot.services.scheduling import digest_times, planning, schedule_words

AWAITING_REMINDER_TIME = AwaitedAnswer.REMINDER_TIME
_ENDED = (OnboardingStep.DECLINED, OnboardingStep.WITHDRAWN)


def start(
    db: Session,
    clock: Clock,
    content: Content,
    who: Visitor,
    payload: str,
    policy: InvitePolicy = DEFAULT_POLICY,
) -> Reply:
    """Handle ``/start`` with or without a code: redeem it, or resume where they are.

    A patient who declined or stopped can come back with a new code from their clinic.
    """
    lang = content.language_for(who.language_code)
    patient = patient_by_telegram(db, who.telegram_user_id)
    staff = staff_by_telegram(db, who.telegram_user_id)
    returning = patient is not None and patient.onboarding_step in _ENDED
    if staff is not None or (patient is not None and not returning) or not payload.strip():
        return _resume(db, clock, content, who, lang)
    outcome = redeem(db, clock, content, who.telegram_user_id, payload, policy)
    if outcome.invite is None:
        minutes = int(policy.lockout.total_seconds() // 60)
        text = content.render(lang, f"code_{outcome.problem}", minutes=minutes)
        reply = Reply().send(who.chat_id, text)
        reply.messages += outcome.notices
        return reply
    if patient is not None and outcome.invite.purpose == InvitePurpose.PATIENT:
        return _reopen(db, clock, content, outcome.invite, patient)
    if outcome.invite.purpose == InvitePurpose.STAFF and patient is None:
        return _link_staff(db, clock, content, outcome.invite, who, lang)
    if outcome.invite.purpose == InvitePurpose.STAFF:  # a patient can't also be staff
        return Reply().send(who.chat_id, content.render(lang, "code_unknown"))
    return _enrol_patient(db, clock, content, outcome.invite, who, lang)


def choose_language(db: Session, clock: Clock, content: Content, who: Visitor, lang: str) -> Reply:
    """The patient confirms their language; during onboarding, the consent notice follows."""
    patient = patient_by_telegram(db, who.telegram_user_id)
    if patient is None:
        return Reply(toast=content.render(_lang(content, who), "not_enrolled"))
    if lang not in content.languages:
        return Reply(toast=content.render(patient.language, "stale_button"), clear_buttons=True)
    return _set_language(db, content, patient, lang)


def typed_language_answer(
    db: Session, clock: Clock, content: Content, patient: Patient, text: str
) -> Reply | None:
    """A language typed at the language question ("français", "English"); ``None`` when the
    text names no language the bot speaks."""
    lang = typed_language(text)
    if lang is None or lang not in content.languages:
        return None
    return _set_language(db, content, patient, lang)


def _set_language(db: Session, content: Content, patient: Patient, lang: str) -> Reply:
    """Save the language; during onboarding, the consent notice follows."""
    patient.language = lang
    if patient.awaiting_text == AwaitedAnswer.LANGUAGE:
        patient.awaiting_text = None
    reply = Reply(clear_buttons=True, toast=content.render(lang, "choice_saved"))
    if patient.onboarding_step == OnboardingStep.LANGUAGE:
        patient.onboarding_step = OnboardingStep.CONSENT
        reply.messages.append(ask_consent(content, patient))
    else:
        reply.send(patient.chat_id, content.render(lang, "language_changed"))
    db.add(patient)
    db.flush()
    return reply


def answer_consent(
    db: Session, clock: Clock, content: Content, who: Visitor, accepted: bool
) -> Reply:
    """Record the answer to the consent notice, with its version and time.

    Accepting moves on to the readiness check; declining stops all messages, and the
    clinician is told.
    """
    patient = patient_by_telegram(db, who.telegram_user_id)
    if patient is None:
        return Reply(toast=content.render(_lang(content, who), "not_enrolled"))
    if patient.onboarding_step != OnboardingStep.CONSENT:
        return Reply(toast=content.render(patient.language, "already_answered"), clear_buttons=True)
    reply = Reply(clear_buttons=True, toast=content.render(patient.language, "choice_saved"))
    if accepted:
        patient.consent_version = content.consent_version
        patient.consent_at = clock.now()
        patient.onboarding_step = OnboardingStep.READINESS
        reply.messages.append(readiness.begin(db, clock, content, patient))
    else:
        patient.onboarding_step = OnboardingStep.DECLINED
        reply.send(patient.chat_id, content.render(patient.language, "declined_stopped"))
        reply.messages += tell_clinician(db, content, patient, "clinician_patient_declined")
    audit.record(
        db,
        clock,
        AuditAction.CONSENT_ACCEPTED if accepted else AuditAction.CONSENT_DECLINED,
        patient_id=patient.id,
    )
    assert patient.id is not None
    db.add(
        ConsentRecord(
            patient_id=patient.id,
            version=content.consent_version,
            decision="accepted" if accepted else "declined",
            at=clock.now(),
        )
    )
    db.add(patient)
    db.flush()
    return reply


def answer_readiness(
    db: Session,
    clock: Clock,
    content: Content,
    who: Visitor,
    check_id: int,
    index: int,
    said_yes: bool,
) -> Reply:
    """One readiness answer; after the last one, the reminder time is asked."""
    patient = patient_by_telegram(db, who.telegram_user_id)
    if patient is None:
        return Reply(toast=content.render(_lang(content, who), "not_enrolled"))
    reply, complete = readiness.answer(db, clock, content, patient, check_id, index, said_yes)
    if complete and patient.reminder_time is not None:  # a yearly re-check: nothing else to ask
        patient.onboarding_step = OnboardingStep.ENROLLED
        db.add(patient)
        if readiness.may_exercise(db, clock, patient):
            reply.send(patient.chat_id, content.render(patient.language, "readiness_renewed"))
    elif complete:
        patient.onboarding_step = OnboardingStep.REMINDER_TIME
        db.add(patient)
        reply.messages.append(ask_reminder_time(content, patient))
    db.flush()
    return reply


def start_recheck(db: Session, clock: Clock, content: Content, patient: Patient) -> Reply:
    """A clearance lasts 12 months: after that, the readiness questions are asked again."""
    patient.onboarding_step = OnboardingStep.READINESS
    db.add(patient)
    first = readiness.begin(db, clock, content, patient)
    audit.record(db, clock, AuditAction.READINESS_RECHECK, patient_id=patient.id)
    db.flush()
    reply = Reply().send(patient.chat_id, content.render(patient.language, "readiness_again"))
    reply.messages.append(first)
    return reply


def choose_reminder_time(
    db: Session, clock: Clock, content: Content, who: Visitor, choice: str
) -> Reply:
    """A preset time button, or "another time", which asks the patient to type one.

    It works during onboarding and later from /settings.
    """
    patient = patient_by_telegram(db, who.telegram_user_id)
    if patient is None:
        return Reply(toast=content.render(_lang(content, who), "not_enrolled"))
    if patient.onboarding_step not in (OnboardingStep.REMINDER_TIME, OnboardingStep.ENROLLED):
        return Reply(toast=content.render(patient.language, "already_answered"), clear_buttons=True)
    if choice == "other":
        patient.awaiting_text = AWAITING_REMINDER_TIME
        db.add(patient)
        db.flush()
        reply = Reply(clear_buttons=True)
        return reply.send(patient.chat_id, content.render(patient.language, "reminder_time_other"))
    chosen = parse_reminder_time(choice)
    if chosen is None:
        return Reply(toast=content.render(patient.language, "stale_button"), clear_buttons=True)
    reply = _set_reminder_time(db, clock, content, patient, chosen)
    reply.clear_buttons = True
    return reply


def typed_reminder_time(
    db: Session, clock: Clock, content: Content, patient: Patient, text: str
) -> Reply | None:
    """A reminder time typed where one is asked (at enrolment, from /settings, or after
    "another time"). A text that is no time but looks like a try at one is asked again;
    anything longer is ``None``: a message, not an answer (the question stays open)."""
    chosen = parse_reminder_time(text)
    if chosen is None:
        if not looks_like_an_attempt(text):
            return None
        return Reply().send(patient.chat_id, content.render(patient.language, "time_invalid"))
    return _set_reminder_time(db, clock, content, patient, chosen)


def use_buttons_hint(content: Content, patient: Patient) -> Message:
    """What to do when a text answered none of the question's choices: for the language
    question, in every language (the patient's is not known yet); for the reminder time, a
    time; otherwise yes, no or a number."""
    step = patient.onboarding_step
    if step == OnboardingStep.LANGUAGE:
        hints = (content.render(lang, "use_buttons_language") for lang in _order(content, patient))
        return Message(patient.chat_id, "\n".join(hints))
    key = "use_buttons_time" if step == OnboardingStep.REMINDER_TIME else "use_buttons"
    return Message(patient.chat_id, content.render(patient.language, key))


def _order(content: Content, patient: Patient, suggested: str | None = None) -> list[str]:
    """The languages as the language question lists them: the one Telegram suggests first
    (``suggested``; during enrolment it is the patient's language), so the order is the same
    at enrolment and in /settings."""
    first = suggested if suggested in content.languages else patient.language
    return [first] + [lang for lang in content.languages if lang != first]


def ask_language(content: Content, patient: Patient, suggested: str | None = None) -> Message:
    """Every language, the one Telegram suggests first, each asking in its own words."""
    order = _order(content, patient, suggested)
    row = tuple(
        Button(content.label(lang, "language_name"), callbacks.data(callbacks.LANGUAGE, lang))
        for lang in order
    )
    text = "\n".join(content.render(lang, "choose_language") for lang in order)
    return Message(patient.chat_id, text, (row,))


def ask_consent(content: Content, patient: Patient) -> Message:
    """The consent notice with its two answers."""
    lang = patient.language
    return Message(
        patient.chat_id,
        content.render(lang, "consent"),
        (
            (
                Button(
                    content.label(lang, "consent_accept"), callbacks.data(callbacks.CONSENT, "yes")
                ),
                Button(
                    content.label(lang, "consent_decline"), callbacks.data(callbacks.CONSENT, "no")
                ),
            ),
        ),
    )


def ask_reminder_time(content: Content, patient: Patient) -> Message:
    """The reminder-time question: the preset times outside quiet hours, and "another time".

    From /settings it says first when the reminder comes now; under a hold or a pause, only
    the time it is set to (the answer says when reminders start again).
    """
    lang = patient.language
    presets = tuple(
        Button(time_words(t, lang), callbacks.data(callbacks.TIME, format_time(t)))
        for t in schedule_words.allowed_presets(patient, PRESET_TIMES)
    )
    other = (Button(content.label(lang, "time_other"), callbacks.data(callbacks.TIME, "other")),)
    now = schedule_words.reminder_words(content, patient)  # empty during onboarding
    text = content.render(
        lang,
        "reminder_time",
        quiet_start=time_words(patient.quiet_start, lang),
        quiet_end=time_words(patient.quiet_end, lang),
        waiting=patient.hold_at is not None or patient.paused_at is not None,
        **now,
    )
    return Message(patient.chat_id, text, (presets, other) if presets else (other,))


def tell_clinician(
    db: Session, content: Content, patient: Patient, key: str, **details: object
) -> list[Message]:
    """A short note about the patient for their clinician (or backup), in that person's language."""
    staff = clinician_to_tell(db, patient)
    if staff is None or staff.telegram_user_id is None:
        return []
    text = content.render(staff.language, key, patient_id=patient.id, **details)
    return [Message(staff.telegram_user_id, text)]


def _set_reminder_time(
    db: Session, clock: Clock, content: Content, patient: Patient, chosen: time
) -> Reply:
    """Save the time and confirm it as it will really be planned; a quiet-hours time is
    refused with the nearest allowed ones (and nothing changes)."""
    refusal = schedule_words.quiet_hours_refusal(content, patient, chosen)
    if refusal is not None:
        return Reply(messages=[refusal])
    first_time = patient.onboarding_step == OnboardingStep.REMINDER_TIME
    patient.reminder_time = chosen
    patient.awaiting_text = None
    patient.onboarding_step = OnboardingStep.ENROLLED
    audit.record(
        db,
        clock,
        AuditAction.PATIENT_ENROLLED if first_time else AuditAction.SETTINGS_REMINDER_TIME,
        patient_id=patient.id,
    )
    db.add(patient)
    db.flush()
    planning.replan(db, clock, patient, content)  # the daily session starts from here
    lang, when = patient.language, schedule_words.reminder_words(content, patient)
    if not first_time:  # under a hold or a pause: saved, and when reminders start again
        waiting = schedule_words.reminders_wait(db, clock, content, patient)
        if waiting is None:
            text = content.render(lang, "reminder_time_changed", **when)
        else:
            shown = time_words(chosen, lang)
            text = content.render(lang, "reminder_time_saved", reminder_time=shown)
            text += " " + waiting
        return Reply().send(patient.chat_id, text)
    # One last question on the same message: the usual pain, with its own 0-10 keyboard
    # (typed "7" works too). "Start today's session" comes with the answer to it
    # (``feedback.answer_baseline``), so the two questions never share a keyboard.
    question, *scores = baseline_question(content, lang)
    held = not readiness.may_exercise(db, clock, patient)
    text = content.render(lang, "enrolled_on_hold" if held else "enrolled", **when)
    text += hold_note(content, patient)
    return Reply().send(patient.chat_id, f"{text}\n\n{question}", *scores)


def hold_note(content: Content, patient: Patient) -> str:
    """After a message that names the reminder: under a warning-sign hold, that it does not
    come (nor do the exercises) until the care team has looked at the warning."""
    if patient.hold_at is None:
        return ""
    return "\n\n" + content.render(patient.language, "on_warning_hold")


def baseline_question(
    content: Content, lang: str
) -> tuple[str, tuple[Button, ...], tuple[Button, ...]]:
    """ "How much pain on a usual day?" and its 0-10 buttons (``feedback.answer_baseline``)."""
    scores = [Button(str(n), callbacks.data(callbacks.BASELINE, n)) for n in range(11)]
    return content.render(lang, "baseline_question"), tuple(scores[:6]), tuple(scores[6:])


def _resume(db: Session, clock: Clock, content: Content, who: Visitor, lang: str) -> Reply:
    """Someone we may know sent /start again: pick up where they are."""
    staff = staff_by_telegram(db, who.telegram_user_id)
    if staff is not None:
        return Reply().send(who.chat_id, content.render(staff.language, "staff_already_linked"))
    patient = patient_by_telegram(db, who.telegram_user_id)
    if patient is None:
        return Reply().send(who.chat_id, content.render(lang, "no_code"))
    if patient.onboarding_step == OnboardingStep.ENROLLED:
        return Reply(messages=[_already_enrolled(db, clock, content, patient)])
    return Reply(messages=[resume_message(db, content, patient)])


def _already_enrolled(db: Session, clock: Clock, content: Content, patient: Patient) -> Message:
    """``/start`` from an enrolled patient: what is happening now. Under a hold (a warning
    sign, or health answers the clinician has not looked at yet) or the patient's own pause,
    "Send /today" would point to exercises they cannot do."""
    lang, now = patient.language, clock.now()
    if patient.hold_at is not None:
        text = content.render(lang, "already_enrolled_held", warning_hold=True)
    elif not readiness.may_exercise(db, clock, patient):
        text = content.render(lang, "already_enrolled_held", warning_hold=False)
    elif patient.paused_at is not None and (
        patient.paused_until is None or patient.paused_until > now
    ):
        text = content.render(lang, "already_enrolled_paused")
    else:
        text = content.render(lang, "already_enrolled")
    return Message(patient.chat_id, text)


def not_enrolled_yet(db: Session, content: Content, patient: Patient) -> Reply:
    """What a patient who is not (or no longer) enrolled gets when they ask for a session."""
    reply = Reply()
    if patient.onboarding_step not in (OnboardingStep.DECLINED, OnboardingStep.WITHDRAWN):
        reply.send(patient.chat_id, content.render(patient.language, "finish_signup_first"))
    reply.messages.append(resume_message(db, content, patient))
    return reply


def resume_message(db: Session, content: Content, patient: Patient) -> Message:
    """The message that moves a patient on from the step they are at."""
    step, lang = patient.onboarding_step, patient.language
    if step == OnboardingStep.LANGUAGE:
        return ask_language(content, patient)
    if step == OnboardingStep.CONSENT:
        return ask_consent(content, patient)
    if step == OnboardingStep.READINESS:
        check = readiness.latest(db, patient)
        assert check is not None, "the readiness step always has a check"
        return readiness.question_message(content, patient, check)
    if step == OnboardingStep.REMINDER_TIME:
        if patient.awaiting_text == AWAITING_REMINDER_TIME:
            return Message(patient.chat_id, content.render(lang, "reminder_time_other"))
        return ask_reminder_time(content, patient)
    if step == OnboardingStep.DECLINED:
        return Message(patient.chat_id, content.render(lang, "declined_stopped"))
    if step == OnboardingStep.WITHDRAWN:
        return Message(patient.chat_id, content.render(lang, "withdrawn_stopped"))
    return Message(patient.chat_id, content.render(lang, "already_enrolled"))


def _link_staff(
    db: Session, clock: Clock, content: Content, invite: InviteCode, who: Visitor, lang: str
) -> Reply:
    staff = db.get(Staff, invite.staff_id)
    clinic = db.get(Clinic, invite.clinic_id)
    assert staff is not None and clinic is not None
    staff.telegram_user_id = who.telegram_user_id
    staff.linked_at = clock.now()
    staff.language = lang
    db.add(staff)
    audit.record(db, clock, REDEEM, staff_id=staff.id, telegram_user_id=who.telegram_user_id)
    db.flush()
    digest_times.plan(db, clock, staff)  # a clinician's weekly digest, Monday 08:00 until changed
    text = content.render(
        lang, "staff_linked", clinic_name=clinic.name, role=staff.role, handle=staff.handle
    )
    reply = Reply(staff_menu=StaffMenu(who.chat_id, staff.role, lang))
    reply.send(who.chat_id, text)
    reply.messages += readiness.pending_reviews(db, content, staff)  # holds that waited for them
    return reply


def _reopen(
    db: Session, clock: Clock, content: Content, invite: InviteCode, patient: Patient
) -> Reply:
    """A patient who had declined or stopped comes back: consent is asked again."""
    assert invite.clinician_id is not None
    patient.clinician_id = invite.clinician_id
    backup = invite.backup_clinician_id or patient.backup_clinician_id
    patient.backup_clinician_id = backup if backup != patient.clinician_id else None
    patient.invite_id = invite.id
    patient.onboarding_step = OnboardingStep.CONSENT
    patient.withdrawn_at = None
    db.add(patient)
    audit.record(
        db, clock, REDEEM, patient_id=patient.id, telegram_user_id=patient.telegram_user_id
    )
    audit.record(db, clock, AuditAction.PATIENT_REOPENED, patient_id=patient.id)
    db.flush()
    return Reply(messages=[ask_consent(content, patient)])


def _enrol_patient(
    db: Session, clock: Clock, content: Content, invite: InviteCode, who: Visitor, lang: str
) -> Reply:
    clinic = db.get(Clinic, invite.clinic_id)
    assert clinic is not None and invite.clinician_id is not None
    # A programme removed from content since the invite was made falls back to the starter.
    programme = content.programmes.get(invite.programme_id or "") or content.programmes["starter"]
    patient = Patient(
        clinic_id=invite.clinic_id,
        clinician_id=invite.clinician_id,
        invite_id=invite.id,
        backup_clinician_id=invite.backup_clinician_id
        or _default_backup(db, clinic, invite.clinician_id),
        telegram_user_id=who.telegram_user_id,
        chat_id=who.chat_id,
        language=lang,
        timezone=clinic.timezone,
        programme_id=programme.id,
        created_at=clock.now(),
    )
    db.add(patient)
    db.flush()
    assert patient.id is not None
    programmes.give_exercises(db, patient.id, programme.exercises)
    audit.record(db, clock, REDEEM, patient_id=patient.id, telegram_user_id=who.telegram_user_id)
    db.flush()
    return Reply(messages=[ask_language(content, patient)])


def _default_backup(db: Session, clinic: Clinic, clinician_id: int) -> int | None:
    """The clinic's default backup, except for their own patients: nobody is their own
    backup, so those patients have none until one is assigned."""
    backup = db.exec(
        select(Staff).where(Staff.clinic_id == clinic.id, Staff.is_default_backup, Staff.active)
    ).first()
    return backup.id if backup is not None and backup.id != clinician_id else None


def _lang(content: Content, who: Visitor) -> str:
    return content.language_for(who.language_code)
