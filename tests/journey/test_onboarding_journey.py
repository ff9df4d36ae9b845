"""Onboarding, roles and clinic isolation, end to end through the real bot and the emulator."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from journey_steps import link_clinician
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.clock import ManualClock
from bot.content import Content
from bot.db.engine import session_factory
from bot.db.models import ReadinessCheck, StaffRole
from bot.demo import CLINICIAN_USER_ID as NURSE
from bot.demo import DEMO_TOKEN, Conversation, live_bot, seed_demo_clinic
from bot.demo import PATIENT_USER_ID as PAT
from bot.services import clinics
from emulator.records import BotMessage
from emulator.world import World

ADMIN = 1500
OTHER = 4242


def _texts(messages: list[BotMessage]) -> str:
    return "\n".join(m.text or "" for m in messages)


async def _to_readiness(live, lang_button: str = "English", agree: str = "I agree") -> BotMessage:  # type: ignore[no-untyped-def]
    (language,) = await live.talk.send(PAT, f"/start {live.codes.patient_code}", "patient")
    (consent,) = await live.talk.press(PAT, language, lang_button, "patient")
    (first,) = await live.talk.press(PAT, consent, agree, "patient")
    return first


def _admin_code(live, clinic: str = "demo") -> str:  # type: ignore[no-untyped-def]
    with session_factory(live.engine)() as db:
        issued = clinics.invite_staff(
            db, live.clock, clinic_slug=clinic, role=StaffRole.ADMIN, handle="desk", valid_days=14
        )
    return issued.code


async def test_onboarding_in_french_from_the_code_to_the_first_session(live) -> None:  # type: ignore[no-untyped-def]
    live.world.add_user(PAT, "Pat", "fr")
    (language,) = await live.talk.send(PAT, f"/start {live.codes.patient_code}", "patient")
    assert [t for t, _ in language.buttons_flat()] == ["Français", "English"]
    (consent,) = await live.talk.press(PAT, language, "Français", "patient")
    assert (
        "911" in (consent.text or "")
        and "988" in (consent.text or "")
        and "811" in (consent.text or "")
    )
    (first,) = await live.talk.press(PAT, consent, "J'accepte", "patient")
    assert "question 1 sur 7" in (first.text or "")
    time_question = await live.talk.answer_all(PAT, first, ["Non"] * 7, "patient")
    (enrolled,) = await live.talk.press(PAT, time_question, "18 h", "patient")
    assert "du lundi au vendredi à 18 h" in (enrolled.text or "")  # starter: 5 days a week
    assert "C'est prêt" in (enrolled.text or "")
    assert "Commencer la séance" not in [label for label, _ in enrolled.buttons_flat()]
    (saved,) = await live.talk.send(PAT, "3", "patient")  # the usual pain, typed
    assert "Commencer la séance" in [label for label, _ in saved.buttons_flat()]
    (session,) = await live.talk.press(PAT, saved, "Commencer la séance", "patient")
    assert "Assis-debout" in (session.text or "")


async def test_a_readiness_hold_waits_for_the_clinicians_clearance(live) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    first = await _to_readiness(live)
    nurse_after = live.world.last_message_id(NURSE)
    question = await live.talk.answer_all(PAT, first, ["Yes"] + ["No"] * 5, "patient")
    held = await live.talk.press(PAT, question, "No", "patient", replies=2)
    assert "look at your answers" in _texts(held)
    (review,) = await live.talk.expect(NURSE, nurse_after, 1, "clinician")
    assert "heart problem" in (review.text or "")
    (enrolled,) = await live.talk.press(PAT, held[-1], "6:00 PM", "patient")
    assert "once your clinician has looked" in (enrolled.text or "")
    (saved,) = await live.talk.send(PAT, "4", "patient")  # the usual pain, under the hold
    assert "I saved it" in (saved.text or "") and "ready now" not in (saved.text or "")
    assert saved.buttons_flat() == []  # no session to start before the clearance
    (blocked,) = await live.talk.send(PAT, "/today", "patient")
    assert "on hold" in (blocked.text or "")
    pat_after = live.world.last_message_id(PAT)
    await live.world.press_button(NURSE, review.message_id, data=review.buttons_flat()[0][1])
    (cleared,) = await live.talk.expect(PAT, pat_after, 1, "patient")
    assert "can start" in (cleared.text or "")


async def test_a_restart_in_the_middle_of_onboarding_resumes_at_the_same_step(
    api_schema_path: Path, engine: Engine, clock: ManualClock, content: Content
) -> None:
    world = World(token=DEMO_TOKEN, schema_path=api_schema_path)
    codes = seed_demo_clinic(engine, clock, content)
    talk = Conversation(world)
    async with live_bot(world, engine, clock, content):
        (language,) = await talk.send(PAT, f"/start {codes.patient_code}", "patient")
        (consent,) = await talk.press(PAT, language, "English", "patient")
        (first,) = await talk.press(PAT, consent, "I agree", "patient")
        await talk.answer_all(PAT, first, ["No", "No"], "patient")
    async with live_bot(world, engine, clock, content):  # a new process, same database
        (resumed,) = await talk.send(PAT, "/start", "patient")
        assert "question 3 of 7" in (resumed.text or "")


async def test_mistyped_expired_and_reused_codes_get_clear_answers(live) -> None:  # type: ignore[no-untyped-def]
    spaced = live.codes.patient_code.lower().replace("-", " ")
    (wrong,) = await live.talk.send(PAT, "/start ABCDE-FGHJK", "patient")
    assert "don't know that code" in (wrong.text or "")
    (works,) = await live.talk.send(PAT, spaced, "patient")  # typed, lower case, with a space
    assert "Which language" in (works.text or "")
    await link_clinician(live)
    nurse_after = live.world.last_message_id(NURSE)
    (reused,) = await live.talk.send(OTHER, f"/start {live.codes.patient_code}", "someone")
    assert "already been used" in (reused.text or "")
    (notice,) = await live.talk.expect(NURSE, nurse_after, 1, "clinician")
    assert "already used by P-" in (notice.text or "")


async def test_an_expired_invite_is_refused(live) -> None:  # type: ignore[no-untyped-def]
    live.clock.advance(timedelta(days=15))
    (reply,) = await live.talk.send(PAT, f"/start {live.codes.patient_code}", "patient")
    assert "expired" in (reply.text or "")


async def test_five_wrong_codes_lock_the_account_out(live) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        await live.talk.send(OTHER, "/start ABCDE-FGHJK", "someone")
    (locked,) = await live.talk.send(OTHER, f"/start {live.codes.patient_code}", "someone")
    assert "wait 15 minutes" in (locked.text or "")
    live.clock.advance(timedelta(minutes=16))
    (works,) = await live.talk.send(OTHER, f"/start {live.codes.patient_code}", "someone")
    assert "Which language" in (works.text or "")


async def test_an_admin_manages_invites_and_assignments_from_telegram(live) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    await live.talk.send(ADMIN, f"/start {_admin_code(live)}", "admin")
    menu = await live.world.wait_for_request(
        "setMyCommands",
        predicate=lambda r: "scope" in r.params and r.params["scope"].get("chat_id") == ADMIN,
    )
    assert "assign" in [c["command"] for c in menu.params["commands"]]
    (invite,) = await live.talk.send(ADMIN, "/invite dr-lee", "admin")
    assert "t.me/rehab_companion_bot?start=" in (invite.text or "")
    (listing,) = await live.talk.send(ADMIN, "/invites", "admin")
    assert "patient" in (listing.text or "")
    await live.talk.send(PAT, f"/start {live.codes.patient_code}", "patient")
    (assigned,) = await live.talk.send(ADMIN, "/assign P-1 dr-lee", "admin")
    assert "P-1 is now with dr-lee" in (assigned.text or "")
    (patients,) = await live.talk.send(NURSE, "/patients", "clinician")
    assert "P-1" in (patients.text or "")


async def test_roles_are_checked_and_refusals_reveal_nothing(live) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    (clinician_tries_admin,) = await live.talk.send(NURSE, "/invite dr-lee", "clinician")
    assert "don't know that command" in (clinician_tries_admin.text or "")
    (patient_tries_staff,) = await live.talk.send(PAT, "/assign P-1 dr-lee", "patient")
    assert "don't know that command" in (patient_tries_staff.text or "")
    (staff_tries_patient,) = await live.talk.send(NURSE, "/settings", "clinician")
    assert "for patients" in (staff_tries_patient.text or "")


async def test_two_clinics_are_isolated(live) -> None:  # type: ignore[no-untyped-def]
    with session_factory(live.engine)() as db:
        clinics.create_clinic(db, live.clock, slug="west", name="West", timezone="America/Toronto")
        clinics.invite_staff(
            db,
            live.clock,
            clinic_slug="west",
            role=StaffRole.CLINICIAN,
            handle="dr-west",
            valid_days=3,
        )
    west_admin = _admin_code(live, clinic="west")
    await live.talk.send(ADMIN, f"/start {west_admin}", "west admin")
    await live.talk.send(PAT, f"/start {live.codes.patient_code}", "patient")  # a demo patient
    (assign,) = await live.talk.send(ADMIN, "/assign P-1 dr-west", "west admin")
    assert "No patient P-1 in west" in (assign.text or "")
    (invite,) = await live.talk.send(ADMIN, "/invite dr-lee", "west admin")
    assert "No active staff member 'dr-lee' in west" in (invite.text or "")
    (patients,) = await live.talk.send(ADMIN, "/patients", "west admin")
    assert "P-1" not in (patients.text or "")


async def test_a_forged_button_naming_another_record_does_nothing(live) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    first = await _to_readiness(live)
    question = await live.talk.answer_all(PAT, first, ["Yes"] + ["No"] * 5, "patient")
    await live.talk.press(PAT, question, "No", "patient", replies=2)
    # Another Telegram user replays the clinician's "Clear to start" payload.
    (linked,) = await live.talk.send(OTHER, "hello", "someone")
    forged = live.world.messages[OTHER][linked.message_id]
    forged.reply_markup = {"inline_keyboard": [[{"text": "x", "callback_data": "clear:1:clear"}]]}
    query = await live.world.press_button(OTHER, linked.message_id, data="clear:1:clear")
    answer = await live.world.wait_for_callback_answer(query)
    assert answer.text is not None and "can't do that" in answer.text
    with Session(live.engine) as db:
        check = db.exec(select(ReadinessCheck)).one()
    assert check.decision is None and check.valid_until is None


async def test_settings_switch_the_language_and_stop_withdraws_consent(live) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    first = await _to_readiness(live)
    question = await live.talk.answer_all(PAT, first, ["No"] * 7, "patient")
    await live.talk.press(PAT, question, "6:00 PM", "patient")
    (menu,) = await live.talk.send(PAT, "/settings", "patient")
    (language,) = await live.talk.press(PAT, menu, "Language", "patient")
    (changed,) = await live.talk.press(PAT, language, "Français", "patient")
    assert "en français" in (changed.text or "")
    (confirm,) = await live.talk.send(PAT, "/stop", "patient")
    nurse_after = live.world.last_message_id(NURSE)
    (stopped,) = await live.talk.press(PAT, confirm, "Oui, arrêter", "patient")
    assert "plus de messages" in (stopped.text or "")
    (told,) = await live.talk.expect(NURSE, nurse_after, 1, "clinician")
    assert "stopped the service" in (told.text or "")
    (after,) = await live.talk.send(PAT, "/today", "patient")
    assert "arrêté le service" in (after.text or "")


async def test_a_patient_who_blocked_the_bot_continues_where_they_were(live) -> None:  # type: ignore[no-untyped-def]
    first = await _to_readiness(live)
    live.world.inject_fault("sendMessage", "403", count=1)
    yes = next(data for text, data in first.buttons_flat() if text == "Yes")
    query = await live.world.press_button(PAT, first.message_id, data=yes)
    await live.world.wait_for_callback_answer(query)
    (resumed,) = await live.talk.send(PAT, "/start", "patient")  # they unblocked and came back
    assert "question 2 of 7" in (resumed.text or "")


async def test_a_patient_pauses_for_a_holiday_and_the_clinician_is_told(live) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    first = await _to_readiness(live)
    question = await live.talk.answer_all(PAT, first, ["No"] * 7, "patient")
    await live.talk.press(PAT, question, "6:00 PM", "patient")
    nurse_after = live.world.last_message_id(NURSE)
    (paused,) = await live.talk.send(PAT, "/pause 5 days", "patient")
    assert "paused until Saturday, December 5" in (paused.text or "")
    (told,) = await live.talk.expect(NURSE, nurse_after, 1, "clinician")
    assert "until Saturday, December 5" in (told.text or "")
    (back,) = await live.talk.send(PAT, "/resume", "patient")
    assert "Welcome back" in (back.text or "")


async def test_an_invite_revoked_in_telegram_no_longer_works(live) -> None:  # type: ignore[no-untyped-def]
    await live.talk.send(ADMIN, f"/start {_admin_code(live)}", "admin")
    (listing,) = await live.talk.send(ADMIN, "/invites", "admin")
    patient_invite = next(
        line.split()[0] for line in (listing.text or "").splitlines() if "patient" in line
    )
    (revoked,) = await live.talk.send(ADMIN, f"/revoke {patient_invite}", "admin")
    assert "cancelled" in (revoked.text or "")
    (refused,) = await live.talk.send(PAT, f"/start {live.codes.patient_code}", "patient")
    assert "cancelled by your clinic" in (refused.text or "")
