"""What people do in the process tests: an admin at the command line, users in Telegram.

Replies are recognised by their buttons' callback data (``bot/callbacks.py``), never by
their wording, which is free to change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from process_harness import STARTED, Deployment, Emulator, Match, Seen
from ready_patients import ready_patient, two_linked_clinicians
from sqlmodel import select

from bot.clock import ManualClock
from bot.content import Content
from bot.db import migrate
from bot.db.engine import make_engine, session_factory
from bot.db.models import Alert
from bot.rules.levels import AlertLevel
from bot.services.scheduling import planning

CLINICIAN = 1001
BACKUP = 1002
ADMIN = 1500
PATIENT = 2001


@dataclass(frozen=True)
class Codes:
    """The codes the clinic's admin handed out."""

    staff: dict[str, str]  # handle -> code
    patient: str


def set_up_clinic_and_start_bot(
    deployment: Deployment,
    *,
    timezone: str,
    programme: str = "starter",
    backup: bool = False,
    admin: bool = False,
) -> Codes:
    """The admin's first steps, with the CLI: the clinic, its staff, one patient invite.

    ``companion run`` is launched once the clinic exists (its schema is then up to date),
    and starts while the rest is set up; this returns once the bot has started too.
    """
    deployment.cli("clinic", "create", "--id", "ottawa", "--name", "Ottawa Physio",
                   "--timezone", timezone)  # fmt: skip
    bot = deployment.launch_bot()
    staff = [("clinician", "dr-lee")]
    staff += [("clinician", "dr-roy")] if backup else []
    staff += [("admin", "desk")] if admin else []
    invited = deployment.cli_together(
        *(["staff", "invite", "--role", role, "--handle", handle] for role, handle in staff)
    )
    then = [["invite", "create", "--clinician", "dr-lee", "--programme", programme]]
    then += [["staff", "default-backup", "dr-roy"]] if backup else []
    invite, *_ = deployment.cli_together(*then)
    bot.wait_for_line(STARTED, timeout=60)
    codes = {handle: found["code"] for (_, handle), found in zip(staff, invited, strict=True)}
    return Codes(codes, invite["code"])


def link_staff(emulator: Emulator, user_id: int, code: str) -> None:
    """A staff member sends their code from their own Telegram account."""
    mark = emulator.mark()
    emulator.say(user_id, f"/start {code}")
    emulator.next_message(user_id, mark, lambda _m: True, "the staff link confirmation")


def _press_when(
    emulator: Emulator, user_id: int, after: int, prefix: str, data: str, what: str
) -> Seen:
    message = emulator.next_message(user_id, after, lambda m: m.has(prefix), what)
    emulator.press(user_id, message, data)
    return message


def _answer_readiness(emulator: Emulator, user_id: int, after: int) -> None:
    """Answer "No" to every readiness question, until the reminder-time question comes."""
    answered: set[str] = set()

    def next_question(message: Seen) -> bool:
        return message.has("time:") or any(
            data.startswith("ready:") and data.rsplit(":", 1)[0] not in answered
            for data in message.buttons
        )

    while True:
        message = emulator.next_message(user_id, after, next_question, "the next readiness step")
        if message.has("time:"):
            return
        no = next(d for d in message.buttons if d.startswith("ready:") and d.endswith(":n"))
        answered.add(no.rsplit(":", 1)[0])
        emulator.press(user_id, message, no)


def reach_reminder_time(emulator: Emulator, user_id: int, code: str) -> Seen:
    """The patient starts enrolling: /start CODE, English, consent, seven "No" answers.
    Returns the reminder-time question."""
    mark = emulator.mark()
    emulator.say(user_id, f"/start {code}")
    _press_when(emulator, user_id, mark, "lang:", "lang:en", "the language question")
    _press_when(emulator, user_id, mark, "consent:", "consent:yes", "the consent notice")
    _answer_readiness(emulator, user_id, mark)
    return emulator.next_message(user_id, mark, lambda m: m.has("time:"), "the time question")


def pick_reminder_time(emulator: Emulator, user_id: int, question: Seen) -> Seen:
    """The patient taps the first preset time (whatever its wording); returns the
    enrolment confirmation."""
    preset = next(d for d in question.buttons if d.startswith("time:") and d != "time:other")
    mark = emulator.mark()
    emulator.press(user_id, question, preset)
    return _confirmation(emulator, user_id, mark)


def type_reminder_time(emulator: Emulator, user_id: int, question: Seen, typed: str) -> Seen:
    """The patient taps "another time" and types ``typed``; returns the confirmation."""
    mark = emulator.mark()
    emulator.press(user_id, question, "time:other")
    emulator.next_message(user_id, mark, lambda m: not m.buttons, "the type-a-time prompt")
    mark = emulator.mark()
    emulator.say(user_id, typed)
    return _confirmation(emulator, user_id, mark)


def _confirmation(emulator: Emulator, user_id: int, after: int) -> Seen:
    """Enrolled: the confirmation carries the usual-pain buttons (``base:``)."""
    return emulator.next_message(user_id, after, lambda m: m.has("base:"), "the confirmation")


def session_intro(message: Seen) -> bool:
    """The daily session's reminder: snooze buttons, and no "start" button."""
    return message.has("snz:") and "today" not in message.buttons


def session_content(message: Seen) -> bool:
    """Today's exercises: the overview (step by step) or the compact session."""
    return message.has("go:") or message.has("done:")


def follow_up(message: Seen) -> bool:
    """The follow-up nudge: a "start today's session" button with the snoozes."""
    return "today" in message.buttons and message.has("snz:")


def seed_population(
    deployment: Deployment,
    content: Content,
    *,
    patients: int,
    first_user_id: int,
    seeded_at: datetime,
    reminder: time,
) -> list[int]:
    """Enrolled patients written straight into the database with the project's services
    (the way ``tests/ready_patients.py`` does), their schedules planned by
    ``planning.replan``, and each one known to the emulator as having started the bot.
    Returns their Telegram ids."""
    engine = make_engine(deployment.database_url)
    migrate.upgrade(engine)
    clock = ManualClock(seeded_at)
    ids = [first_user_id + n for n in range(patients)]
    with session_factory(engine)() as db:
        lee, _ = two_linked_clinicians(db, clock)  # dr-lee and dr-roy, as CLINICIAN and BACKUP
        assert lee.id is not None
        for telegram_id in ids:
            patient = ready_patient(
                db,
                clock,
                content,
                clinic_id=lee.clinic_id,
                clinician_id=lee.id,
                telegram_id=telegram_id,
                reminder_time=reminder,
            )
            planning.replan(db, clock, patient, content)
    engine.dispose()
    for telegram_id in [CLINICIAN, BACKUP, *ids]:
        deployment.emulator.add_user(telegram_id)
    return ids


def alert_raised(deployment: Deployment, level: AlertLevel, timeout: float = 30) -> datetime:
    """When the (only) alert of ``level`` was raised, as the database records it; waits
    for it up to ``timeout`` seconds (the reply seen last may not be the press's answer)."""
    engine = make_engine(deployment.database_url)

    def found() -> Alert | None:
        with session_factory(engine)() as db:
            return db.exec(select(Alert).where(Alert.level == level)).one_or_none()

    try:
        deployment.emulator.wait_until(found, timeout, what=f"a {level.value} alert")
        alert = found()
    finally:
        engine.dispose()
    assert alert is not None
    return alert.created_at


def count_by_chat(emulator: Emulator, chats: list[int], match: Match) -> dict[int, int]:
    """How many messages matching ``match`` each chat has received."""
    return {chat: len(emulator.messages(chat, match)) for chat in chats}
