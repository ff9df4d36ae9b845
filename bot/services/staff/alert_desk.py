"""The clinician's alerts in Telegram: ``/alerts``, an alert's card, and a card's button words
typed instead of tapped.

``/alerts`` lists the open alerts (not resolved) of the sender's patients, most serious first,
then newest, each with its number and a button that opens its card. Only the patient's
clinician, their backup or an admin of the clinic (``may_handle``) sees an alert; the list is
audited (``caseload.view``), each card opened too (``patient.view``), and a refused one is
audited ``denied``.

A typed card word ("ack", "prendre en charge", "résolu") acts on the alert card on screen:
the last keyboard the bot sent to the chat (``keyboards``) is an alert card's. Without a card
on screen a typed card word never acts on an alert, not even when only one is open: the bot
asks which one, by number (acknowledging stops the ladder, so it never guesses).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from markupsafe import Markup
from sqlmodel import Session, col, select

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.db.audit_actions import AuditAction
from bot.db.models import Alert, AlertState, Clinic, Patient, Staff
from bot.rules import card_words
from bot.rules.levels import AlertLevel
from bot.services import audit, keyboards
from bot.services.alerts import raising as alerts
from bot.services.alerts.messages import local_time, reason_text, staff_message
from bot.services.outgoing import Button, Message, Reply
from bot.services.patients import Visitor, language_of, may_handle, staff_by_telegram

LISTED = 20  # alerts shown by /alerts; "and N more" after them
_URGENCY = {AlertLevel.EMERGENCY.value: 0, AlertLevel.URGENT.value: 1, AlertLevel.ROUTINE.value: 2}
# The callback action of each card button, and the service its handler runs.
_CARD_BUTTONS = {
    callbacks.ACKNOWLEDGE: card_words.ACKNOWLEDGE,
    callbacks.CONTACTED: card_words.CONTACTED,
    callbacks.RESOLVE: card_words.RESOLVE,
    callbacks.CALL_ME: card_words.CALL,
    callbacks.MESSAGE_PATIENT: card_words.MESSAGE,
    callbacks.RELEASE_HOLD: card_words.RELEASE,
}
CardService = Callable[[Session, Clock, Content, Visitor, int], Reply]
_SERVICES: Mapping[str, CardService] = {
    card_words.ACKNOWLEDGE: alerts.acknowledge,
    card_words.CONTACTED: alerts.contacted,
    card_words.RESOLVE: alerts.resolve,
    card_words.CALL: alerts.ask_to_call,
    card_words.MESSAGE: alerts.message_patient,
    card_words.RELEASE: alerts.release_hold,
}


def open_alerts(db: Session, staff: Staff) -> list[Alert]:
    """The alerts not resolved of the patients this staff member may handle: the most
    serious first, then the newest."""
    found = db.exec(
        select(Alert).where(Alert.clinic_id == staff.clinic_id, Alert.state != AlertState.RESOLVED)
    ).all()
    patients = {
        p.id: p
        for p in db.exec(
            select(Patient).where(col(Patient.id).in_({a.patient_id for a in found}))
        ).all()
    }
    mine = [
        a for a in found if a.patient_id in patients and may_handle(staff, patients[a.patient_id])
    ]
    return sorted(
        mine, key=lambda a: (_URGENCY.get(a.level, 9), -a.created_at.timestamp(), -(a.id or 0))
    )


def alert_list(db: Session, clock: Clock, content: Content, who: Visitor) -> Reply:
    """``/alerts``: the sender's open alerts, numbered, a button each to open its card."""
    staff = staff_by_telegram(db, who.telegram_user_id)
    if staff is None:  # the same answer as any unknown command
        audit.denied(db, clock, AuditAction.CASELOAD_VIEW, who.telegram_user_id)
        lang = language_of(db, content, who)
        return Reply().send(who.chat_id, content.render(lang, "unknown_command"))
    audit.record(db, clock, AuditAction.CASELOAD_VIEW, staff_id=staff.id)
    db.flush()
    return Reply(messages=[_listing(db, content, staff, "alert_list")])


def open_card(db: Session, clock: Clock, content: Content, who: Visitor, alert_id: int) -> Reply:
    """An alert's card, sent anew with the buttons its state allows (and edited, like every
    copy, as the alert changes). The patient's care team only; a refusal is audited."""
    staff = staff_by_telegram(db, who.telegram_user_id)
    alert = db.get(Alert, alert_id)
    patient = db.get(Patient, alert.patient_id) if alert else None
    if staff is None or alert is None or patient is None or not may_handle(staff, patient):
        audit.denied(db, clock, AuditAction.PATIENT_VIEW, who.telegram_user_id)
        lang = staff.language if staff else language_of(db, content, who)
        text = content.render(lang, "alert_not_yours")
        return Reply(toast=text).send(who.chat_id, text)
    audit.record(db, clock, AuditAction.PATIENT_VIEW, staff_id=staff.id, patient_id=patient.id)
    db.flush()
    card = staff_message(db, content, alert, staff)
    shown = Message(card.chat_id, card.text, card.buttons, card_of=alert.id)
    return Reply(toast=content.render(staff.language, "choice_saved"), messages=[shown])


def typed(db: Session, clock: Clock, content: Content, staff: Staff, text: str) -> Reply | None:
    """A staff member's typed text that means an alert card's button, or an alert's number
    under the list; ``None`` when it is neither.

    A card word acts on the card on screen only. With none on screen, the bot asks which
    alert, by number, and acts on none."""
    assert staff.telegram_user_id is not None
    chat = staff.telegram_user_id
    who = Visitor(telegram_user_id=chat, chat_id=chat, language_code=staff.language)
    shown = keyboards.shown(db, chat)
    number = card_words.alert_number(text)
    listed = {int(callbacks.parts(d)[0]) for _, d in shown if _action(d) == callbacks.ALERT_CARD}
    if number is not None and number in listed:
        return open_card(db, clock, content, who, number)
    action = card_words.card_action(text, _labels(content))
    if action is None:
        return None
    on_screen = _card_on_screen(shown)
    if on_screen is None:  # never a guess: acknowledging stops the ladder
        return Reply(messages=[_listing(db, content, staff, "alert_which_one")])
    reply = _SERVICES[action](db, clock, content, who, on_screen)
    if reply.toast and not any(m.chat_id == chat for m in reply.messages):
        reply.messages.insert(0, Message(chat, reply.toast))  # said in the chat: no press
    reply.toast, reply.clear_buttons = None, False
    return reply


def _listing(db: Session, content: Content, staff: Staff, key: str) -> Message:
    lang = staff.language
    assert staff.telegram_user_id is not None
    found = open_alerts(db, staff)
    clinic = db.get(Clinic, staff.clinic_id)
    assert clinic is not None
    rows = [
        {
            "alert_id": a.id,
            "level": content.render(lang, f"level_{a.level}"),
            "patient_id": a.patient_id,
            "reason": Markup(str(reason_text(content, lang, a)).splitlines()[0]),
            "raised_at": local_time(a.created_at, clinic, lang),
            "acknowledged": a.state == AlertState.ACKNOWLEDGED,
        }
        for a in found[:LISTED]
    ]
    buttons = tuple(
        (
            Button(
                content.label(lang, "alert_open").format(alert=f"#{a.id}"),
                callbacks.data(callbacks.ALERT_CARD, a.id),
            ),
        )
        for a in found[:LISTED]
    )
    text = content.render(lang, key, rows=rows, more=max(0, len(found) - LISTED))
    return Message(staff.telegram_user_id, text, buttons)


def _card_on_screen(shown: keyboards.Shown) -> int | None:
    """The alert whose card is the keyboard on screen, if it is an alert card."""
    for _, data in shown:
        if callbacks.is_well_formed(data) and _action(data) in _CARD_BUTTONS:
            return int(callbacks.parts(data)[0])
    return None


def _labels(content: Content) -> dict[str, list[str]]:
    """Each card button's label in every language."""
    return {
        action: [content.label(lang, action) for lang in content.languages]
        for action in card_words.CARD_ACTIONS
    }


def _action(data: str) -> str:
    return data.split(":", 1)[0]
