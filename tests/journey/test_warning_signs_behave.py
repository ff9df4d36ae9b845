"""Warning signs behave as a clinician expects, through the real bot on the emulator: a sign
ends the session under way, a sign said again joins its alert, a patient who stopped the
service still gets the advice and reaches the clinic once, and "backup" is only said when
there is one."""

from __future__ import annotations

import json

from journey_steps import enrol_patient, link_clinician
from sqlmodel import col, select

from bot.db.engine import session_factory
from bot.db.models import Alert, AlertEvent, ExerciseSession, Patient, SessionStep, Staff
from bot.demo import BACKUP_USER_ID, CLINICIAN_USER_ID, PATIENT_USER_ID
from bot.services import clinics
from bot.services.enrolment import assignments
from emulator.records import BotMessage

PAT, LEE = PATIENT_USER_ID, CLINICIAN_USER_ID
DVT = "Calf pain with swelling, warmth or redness on one side"
CHEST = "Chest pain, pressure or tightness"
# The checklist buttons are short (30 characters at most); the full sign is in the message.
DVT_BUTTON = "Swollen, painful calf"
CHEST_BUTTON = "Chest pain"


def _label(message: BotMessage, starts: str) -> str:
    return next(text for text, _ in message.buttons_flat() if text.startswith(starts))


async def _choose_sign(live, message: BotMessage, sign: str, replies: int = 2) -> list[BotMessage]:  # type: ignore[no-untyped-def]
    """The Warning sign button under ``message``, then ``sign`` on the checklist."""
    (checklist,) = await live.talk.press(PAT, message, _label(message, "Warning sign"), "patient")
    return await live.talk.press(
        PAT, checklist, _label(checklist, sign), "patient", replies=replies
    )


def _alerts(live) -> list[Alert]:  # type: ignore[no-untyped-def]
    with session_factory(live.engine)() as db:
        return list(db.exec(select(Alert).order_by(col(Alert.id))).all())


async def test_a_warning_sign_in_the_middle_of_a_session_ends_its_exercises(live) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    overview = await enrol_patient(live)
    (step,) = await live.talk.press(PAT, overview, "Start ▶️", "patient")
    assert any(label == "Done ✅" for label, _ in step.buttons_flat())
    _advice, told = await _choose_sign(live, step, DVT_BUTTON)
    assert "Today's exercises have stopped" in (told.text or "")

    toast = await live.talk.tap(PAT, step, "Done ✅", "patient")  # the old Done does nothing
    assert toast is not None and "already" in toast.lower()
    (today,) = await live.talk.send(PAT, "/today", "patient")
    assert "stopped after the warning sign" in (today.text or "")
    assert "carry on" not in (today.text or "").lower()
    assert not today.buttons_flat()
    with session_factory(live.engine)() as db:
        session = db.exec(select(ExerciseSession)).one()
        assert session.step == SessionStep.STOPPED and session.completed_at is None


async def test_a_sign_said_again_joins_its_acknowledged_alert_and_tells_who_took_it(live) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    overview = await enrol_patient(live)
    lee_after = live.world.last_message_id(LEE)
    await _choose_sign(live, overview, DVT_BUTTON)
    (to_lee,) = await live.talk.expect(LEE, lee_after, 1, "clinician")
    pat_after = live.world.last_message_id(PAT)
    await live.talk.tap(LEE, to_lee, _label(to_lee, "Acknowledge"), "clinician")
    await live.talk.expect(PAT, pat_after, 1, "patient")  # "Your clinician has seen your report"
    assert _alerts(live)[0].state == "acknowledged"

    lee_after = live.world.last_message_id(LEE)
    (checklist,) = await live.talk.send(PAT, "/warning", "patient")
    advice, _told = await live.talk.press(PAT, checklist, DVT_BUTTON, "patient", replies=2)
    assert "clinic today" in (advice.text or "")  # the advice is always given again
    (again,) = await live.talk.expect(LEE, lee_after, 1, "clinician")
    assert f"Alert #{to_lee_id(to_lee)}" in (again.text or "")
    assert "reported it again" in (again.text or "") and DVT in (again.text or "")

    (alert,) = _alerts(live)  # no second alert
    with session_factory(live.engine)() as db:
        states = [
            e.state for e in db.exec(select(AlertEvent).where(AlertEvent.alert_id == alert.id))
        ]
    assert states.count("repeated") == 1 and states.count("open") == 1


def to_lee_id(message: BotMessage) -> int:
    """The alert number an alert message starts with (Alert #12 · URGENT)."""
    text = message.text or ""
    return int(text.split("#", 1)[1].split()[0])


async def test_a_withdrawn_patients_warning_sign_gets_the_advice_and_reaches_the_clinic_once(
    live,
) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    await enrol_patient(live)
    (confirm,) = await live.talk.send(PAT, "/stop", "patient")
    lee_after = live.world.last_message_id(LEE)
    await live.talk.press(PAT, confirm, "Yes, stop", "patient")
    (_,) = await live.talk.expect(LEE, lee_after, 1, "clinician")  # "P-1 stopped the service"
    lee_after = live.world.last_message_id(LEE)

    advice, told = await live.talk.send(PAT, "I have chest pain", "patient", replies=2)
    assert "911" in (advice.text or "")
    assert "told your clinic" in (told.text or "")
    (to_lee,) = await live.talk.expect(LEE, lee_after, 1, "clinician")
    assert "EMERGENCY" in (to_lee.text or "")
    # The same update asks nothing more of them: the bot's next answer is to the next text.
    (after,) = await live.talk.send(PAT, "hello", "patient")
    said = [m for m in live.world.bot_messages(PAT) if m.message_id > advice.message_id]
    assert [m.message_id for m in said] == [told.message_id, after.message_id]
    assert "tap one of the buttons" not in (after.text or "")  # a plain answer to "hello"
    assert "stopped the service" in (after.text or "")
    assert len(_alerts(live)) == 1


async def test_without_a_backup_the_patient_is_not_told_of_one(live) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    await enrol_patient(live)
    with session_factory(live.engine)() as db:
        patient = db.exec(select(Patient)).one()
        patient.backup_clinician_id = None
        db.add(patient)
        db.commit()
    (checklist,) = await live.talk.send(PAT, "/warning", "patient")
    messages = await live.talk.press(PAT, checklist, CHEST_BUTTON, "patient", replies=2)
    told = messages[-1]
    assert "told your clinician right now" in (told.text or "")
    assert "backup" not in (told.text or "")


async def test_the_default_backup_is_never_the_backup_of_their_own_patients(live) -> None:  # type: ignore[no-untyped-def]
    """dr-roy is the demo clinic's default backup; a patient of dr-roy gets none."""
    with session_factory(live.engine)() as db:
        roy = db.exec(select(Staff).where(Staff.handle == "dr-roy")).one()
        invite = clinics.create_patient_invite(
            db,
            live.clock,
            clinic_slug="demo",
            clinician_handle="dr-roy",
            programme_id="starter",
            known_programmes=["starter"],
            valid_days=14,
        )
        assignments.set_default_backup(db, live.clock, clinic_slug="demo", handle="dr-roy")
    (_, roy_code), *_ = [p for p in live.codes.staff() if p[0] == BACKUP_USER_ID]
    await live.talk.send(BACKUP_USER_ID, f"/start {roy_code}", "dr-roy")
    live.codes = type(live.codes)(
        live.codes.staff_code, invite.code, live.codes.backup_code, live.codes.admin_code
    )
    await enrol_patient(live)
    with session_factory(live.engine)() as db:
        patient = db.exec(select(Patient)).one()
        assert patient.clinician_id == roy.id and patient.backup_clinician_id is None
    (checklist,) = await live.talk.send(PAT, "/warning", "patient")
    messages = await live.talk.press(PAT, checklist, CHEST_BUTTON, "patient", replies=2)
    assert "backup" not in (messages[-1].text or "")
    alert = _alerts(live)[0]
    assert json.loads(alert.details)["signs"]
