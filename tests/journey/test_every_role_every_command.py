"""Every command of every menu, sent by every kind of person: each gets a sensible answer, in
their own language, and never an error or an answer meant for someone else."""

from __future__ import annotations

import re
from dataclasses import dataclass

from journey_steps import link_clinician
from ready_patients import ready_patient
from sqlmodel import select

from bot.db.engine import session_factory
from bot.db.models import OnboardingStep, Patient, Staff
from bot.demo import ADMIN_USER_ID, CLINICIAN_USER_ID
from bot.handlers.menus import PATIENT_MENU
from bot.services.staff.desk import ADMIN_ONLY, CLEARANCE_COMMANDS, STAFF_COMMANDS

STAFF_MENU = (*STAFF_COMMANDS, *CLEARANCE_COMMANDS, "patient", "inbox", "digest", "threshold")
# Each role's own menu, as bot/handlers/menus.py publishes it.
ADMIN_MENU = ("patient", *STAFF_COMMANDS, "help")
CLINICIAN_MENU = tuple(name for name in STAFF_MENU if name not in ADMIN_ONLY)
# Commands that name a patient are sent with one (the active English patient), and without.
NAMES_A_PATIENT = ("patient", "clear", "hold", "threshold")

# Words that only one of the two languages uses: an answer in French has none of the English
# ones, and the other way round.
ENGLISH_ONLY = {"you", "your", "the", "please", "sorry", "send", "this", "that", "with"}
FRENCH_ONLY = {"vous", "votre", "vos", "les", "pour", "avec", "une", "est", "pas"}


@dataclass(frozen=True)
class Role:
    name: str
    user_id: int
    lang: str
    staff: bool = False


ROLES = (
    Role("unknown visitor", 3001, "fr"),
    Role("patient in onboarding", 3002, "fr"),
    Role("active patient", 3003, "en"),
    Role("active patient (French)", 3004, "fr"),
    Role("paused patient", 3005, "fr"),
    Role("withdrawn patient", 3006, "en"),
    Role("clinician", CLINICIAN_USER_ID, "fr", staff=True),
    Role("admin", ADMIN_USER_ID, "en", staff=True),
)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-zà-ÿ']+", re.sub(r"<[^>]+>", " ", text.lower())))


async def _people(live, content) -> int:  # type: ignore[no-untyped-def]
    """Everyone of ``ROLES`` as they would be; returns the active English patient's number."""
    await link_clinician(live)
    (_, admin_code), *_ = [p for p in live.codes.staff() if p[0] == ADMIN_USER_ID]
    await live.talk.send(ADMIN_USER_ID, f"/start {admin_code}", "admin")
    live.world.add_user(3001, "Vi", "fr")
    live.world.add_user(3002, "On", "fr")
    (language,) = await live.talk.send(3002, f"/start {live.codes.patient_code}", "onboarding")
    await live.talk.press(3002, language, "Français", "onboarding")
    now = live.clock.now()
    with session_factory(live.engine)() as db:
        lee = db.exec(select(Staff).where(Staff.handle == "dr-lee")).one()
        lee.language = "fr"
        db.add(lee)
        db.commit()
        assert lee.id is not None
        made = {}
        for user_id, lang, fields in (
            (3003, "en", {}),
            (3004, "fr", {}),
            (3005, "fr", {"paused_at": now}),
            (3006, "en", {"withdrawn_at": now, "onboarding_step": OnboardingStep.WITHDRAWN}),
        ):
            live.world.add_user(user_id, f"P{user_id}", lang)
            step = fields.pop("onboarding_step", None)
            patient = ready_patient(
                db,
                live.clock,
                content,
                clinic_id=lee.clinic_id,
                clinician_id=lee.id,
                telegram_id=user_id,
                language=lang,
                **fields,
            )
            if step is not None:
                patient.onboarding_step = step
                db.add(patient)
                db.commit()
            made[user_id] = patient.id
    live.talk.reply_timeout = 10.0
    return int(made[3003])


def _commands(patient_number: int) -> list[str]:
    names = dict.fromkeys((*PATIENT_MENU, *STAFF_MENU, "help", "plan", "start"))
    sent = [f"/{name}" for name in names if name != "stop"]
    sent += [f"/{name} P-{patient_number}" for name in NAMES_A_PATIENT]
    return [*sent, "/stop"]  # last: it asks, and changes nothing until answered


def _wrong(role: Role, command: str, text: str, content) -> str | None:  # type: ignore[no-untyped-def]
    """Why this answer is not a sensible one for this person, or ``None``."""
    words = _words(text)
    other = ENGLISH_ONLY if role.lang == "fr" else FRENCH_ONLY
    if words & other:
        return f"not in {role.lang}: {sorted(words & other)}"
    render = content.render
    if role.staff and text == render(role.lang, "not_enrolled"):
        return "tells staff they are not signed up"
    name = command.split()[0].removeprefix("/")
    own_menu = PATIENT_MENU
    if role.staff:
        own_menu = ADMIN_MENU if role.user_id == ADMIN_USER_ID else CLINICIAN_MENU
    if name in own_menu and text == render(role.lang, "unknown_command"):
        return "a command of their own menu is unknown"
    if "error" in words or "traceback" in words or "erreur" in words:
        return "an error"
    return None


async def test_every_role_gets_a_sensible_answer_to_every_command_in_its_language(  # type: ignore[no-untyped-def]
    live, content
) -> None:
    patient_number = await _people(live, content)
    problems: list[str] = []
    for role in ROLES:
        for command in _commands(patient_number):
            try:
                (answer, *_) = await live.talk.send(role.user_id, command, role.name)
            except TimeoutError:
                problems.append(f"{role.name} {command}: no answer")
                continue
            why = _wrong(role, command, answer.text or "", content)
            if why is not None:
                problems.append(f"{role.name} {command}: {why}: {answer.text!r}")
    assert problems == [], "\n".join(problems)
    with session_factory(live.engine)() as db:  # /stop only asked: nobody has left
        left = db.exec(select(Patient).where(Patient.withdrawn_at.is_not(None))).all()  # type: ignore[union-attr]
        assert [p.telegram_user_id for p in left] == [3006]
