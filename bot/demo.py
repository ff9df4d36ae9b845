"""A demo clinic on the local emulator: the real bot, seeded data, and a conversation printer.

``companion demo`` and the end-to-end tests stand on the same pieces: ``live_bot`` runs
the real PTB ``Application`` against an ``EmulatorServer`` (with the due-work tick when
asked), and ``seed_demo_clinic`` creates a clinic, its people and a patient invite through
the same services the CLI uses. The scripted journey itself is in ``bot/demo_journey.py``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from telegram import Update
from telegram.ext import Application

from bot.app import TickSettings, build_application
from bot.clock import Clock
from bot.content import Content
from bot.db.engine import session_factory
from bot.db.models import StaffRole
from bot.services import clinics
from bot.services.enrolment import assignments
from bot.services.outgoing import as_plain_text
from emulator.records import BotMessage
from emulator.server import EmulatorServer
from emulator.world import World

DEMO_TOKEN = "123456:demo-token-for-the-local-emulator"
DEMO_TIMEZONE = "America/Toronto"
DEMO_PHONE = "+1 613 555 0199"  # the number the demo patient is asked to call
CLINICIAN_USER_ID = 1001
BACKUP_USER_ID = 1002
ADMIN_USER_ID = 1003
PATIENT_USER_ID = 2001
Match = Callable[[BotMessage], bool]

# The demo's simulated clock starts on a Monday morning, before the usual reminder times.
DEMO_START = datetime(2026, 12, 7, 7, 0, tzinfo=ZoneInfo(DEMO_TIMEZONE))
# Who is who in the demo's emulator, as the printed conversation names them.
DEMO_PEOPLE = {
    CLINICIAN_USER_ID: "clinician",
    BACKUP_USER_ID: "backup",
    ADMIN_USER_ID: "admin",
    PATIENT_USER_ID: "patient",
}


@dataclass(frozen=True)
class DemoClinic:
    """The codes a seeded demo clinic hands out: one per staff member, one patient invite."""

    staff_code: str  # the clinician, dr-lee
    patient_code: str
    backup_code: str  # the backup clinician, dr-roy
    admin_code: str  # the clinic admin, front-desk

    def staff(self) -> list[tuple[int, str]]:
        """Each staff member's emulator user id and staff code."""
        return [
            (CLINICIAN_USER_ID, self.staff_code),
            (BACKUP_USER_ID, self.backup_code),
            (ADMIN_USER_ID, self.admin_code),
        ]


def seed_demo_clinic(engine: Engine, clock: Clock, content: Content) -> DemoClinic:
    """A clinic with a clinician (dr-lee), the backup for new patients (dr-roy), an admin
    (front-desk), and one patient invite to dr-lee for the starter programme."""
    with session_factory(engine)() as db:
        clinics.create_clinic(
            db, clock, slug="demo", name="Demo Clinic", timezone=DEMO_TIMEZONE, phone=DEMO_PHONE
        )
        codes = {
            handle: clinics.invite_staff(
                db, clock, clinic_slug="demo", role=role, handle=handle, valid_days=14
            ).code
            for handle, role in (
                ("dr-lee", StaffRole.CLINICIAN),
                ("dr-roy", StaffRole.CLINICIAN),
                ("front-desk", StaffRole.ADMIN),
            )
        }
        assignments.set_default_backup(db, clock, clinic_slug="demo", handle="dr-roy")
        patient = clinics.create_patient_invite(
            db,
            clock,
            clinic_slug="demo",
            clinician_handle="dr-lee",
            programme_id="starter",
            known_programmes=content.programmes.keys(),
            valid_days=14,
        )
    return DemoClinic(
        staff_code=codes["dr-lee"],
        patient_code=patient.code,
        backup_code=codes["dr-roy"],
        admin_code=codes["front-desk"],
    )


@asynccontextmanager
async def live_bot(
    world: World,
    engine: Engine,
    clock: Clock,
    content: Content,
    token: str = DEMO_TOKEN,
    tick: TickSettings | None = None,
) -> AsyncIterator[tuple[EmulatorServer, Application]]:  # type: ignore[type-arg]
    """The emulator on loopback and the real bot long-polling it, until the block ends.

    With ``tick``, the due-work tick runs too, as in ``companion run``; without it, tests
    move their clock and call the tick themselves."""
    async with EmulatorServer(world) as server:
        application = build_application(
            token=token,
            api_base_url=server.base_url,
            open_db=session_factory(engine),
            clock=clock,
            content=content,
            tick=tick,
        )
        async with application:
            if application.post_init is not None:  # run_polling() would call it for us
                await application.post_init(application)
            await application.start()
            assert application.updater is not None
            await application.updater.start_polling(
                poll_interval=0.0,
                timeout=1,
                allowed_updates=[Update.MESSAGE, Update.CALLBACK_QUERY],
            )
            try:
                yield server, application
            finally:
                await application.updater.stop()
                await application.stop()
                if application.post_stop is not None:  # as run_polling() would: stops the tick
                    await application.post_stop(application)


class Conversation:
    """Acts as people in the emulator and waits for the bot's answers, printing both sides.

    Every bot message in the chats of ``names`` is printed once, oldest first, whoever it
    went to: each wait prints what has arrived so far. With a ``clock``, each line starts
    with the simulated local time in ``zone``, and a heading names each new day.
    """

    reply_timeout = 30.0  # real seconds; generous, for a loaded machine

    def __init__(
        self,
        world: World,
        say: Callable[[str], None] = lambda _line: None,
        *,
        clock: Clock | None = None,
        zone: str = DEMO_TIMEZONE,
        names: dict[int, str] | None = None,
    ) -> None:
        self.world = world
        self.say = say
        self.clock = clock
        self.zone = ZoneInfo(zone)
        self.names = dict(names or {})
        self._shown: set[tuple[int, int]] = set()
        self._day: date | None = None
        self._held: tuple[datetime | None, str, str] | None = None
        self.printed = 0  # lines printed so far

    async def send(
        self, user_id: int, text: str, who: str, *, replies: int = 1, reply: Match | None = None
    ) -> list[BotMessage]:
        """``who`` types ``text``; returns the bot's next ``replies`` messages (that
        ``reply`` matches, when given: in a chat where timed messages also arrive)."""
        self.names.setdefault(user_id, who)
        self.person(who, text)
        after = self.world.last_message_id(user_id)
        await self.world.send_text(user_id, text)
        return await self.expect(user_id, after, replies, who, reply)

    async def press(
        self,
        user_id: int,
        message: BotMessage,
        label: str,
        who: str,
        *,
        replies: int = 1,
        reply: Match | None = None,
    ) -> list[BotMessage]:
        """``who`` taps the button labelled ``label`` under ``message``; as ``send``."""
        self.names.setdefault(user_id, who)
        self.person(who, f"[{label}]")
        after = self.world.last_message_id(user_id)
        await self.world.press_button(user_id, message.message_id, data=button_data(message, label))
        return await self.expect(user_id, after, replies, who, reply)

    async def tap(self, user_id: int, message: BotMessage, label: str, who: str) -> str | None:
        """``who`` taps a button the bot answers with a short notice only; returns its text."""
        self.names.setdefault(user_id, who)
        self.person(who, f"[{label}]")
        query = await self.world.press_button(
            user_id, message.message_id, data=button_data(message, label)
        )
        answer = await self.world.wait_for_callback_answer(query, timeout=self.reply_timeout)
        if answer.text:
            self.line(self.now(), f"{'bot → ' + who:>9}: ", f"({answer.text})")
        return answer.text

    async def answer_all(
        self, user_id: int, message: BotMessage, labels: list[str], who: str
    ) -> BotMessage:
        """Press one button per question in a row of questions; the last reply is returned."""
        for label in labels:
            (message,) = await self.press(user_id, message, label, who)
        return message

    async def expect(
        self, chat_id: int, after: int, count: int, who: str, match: Match | None = None
    ) -> list[BotMessage]:
        """Wait for ``count`` new bot messages in ``chat_id`` after message ``after`` (that
        ``match`` matches, when given)."""
        self.names.setdefault(chat_id, who)
        found: list[BotMessage] = []
        for _ in range(count):
            message = await self.world.wait_for_bot_message(
                chat_id, after_message_id=after, predicate=match, timeout=self.reply_timeout
            )
            after = message.message_id
            found.append(message)
            self.show_new()
        return found

    def mark_read(self) -> None:
        """Count every bot message of the named chats so far as printed, without printing."""
        for chat in self.names:
            self._shown.update((chat, m.message_id) for m in self.world.bot_messages(chat))

    def has_new(self) -> bool:
        """Whether a bot message of the named chats is still to be printed."""
        return any(
            (chat, m.message_id) not in self._shown and not m.deleted
            for chat in self.names
            for m in self.world.bot_messages(chat)
        )

    def show_new(self) -> None:
        """Print each bot message of the named chats that is not printed yet, oldest first."""
        order = {chat: n for n, chat in enumerate(self.names)}
        fresh = [
            message
            for chat in self.names
            for message in self.world.bot_messages(chat)
            if (chat, message.message_id) not in self._shown and not message.deleted
        ]
        fresh.sort(key=lambda m: (sent_at(m), order[m.chat_id], m.message_id))
        for message in fresh:
            self._shown.add((message.chat_id, message.message_id))
            kind = "" if message.kind == "text" else f"[{message.kind}] "
            who = self.names[message.chat_id]
            body = kind + as_plain_text(message.text or "")
            self.line(sent_at(message), f"{'bot → ' + who:>9}: ", body)
            if message.buttons:
                self.line(None, " " * 11, "  ".join(f"[{t}]" for t, _ in message.buttons_flat()))

    def person(self, who: str, text: str) -> None:
        """A line for what ``who`` typed or tapped, now."""
        self.line(self.now(), f"{who:>9} > ", text)

    def check(self, ok: bool, step: str) -> None:
        """Print ``step`` as done, or stop the journey there."""
        if not ok:
            raise JourneyFailed(step)
        self.line(self.now(), "  ✓ ", step)

    def note(self, text: str) -> None:
        """A line of commentary, now."""
        self.line(self.now(), "  ", text)

    def now(self) -> datetime | None:
        return self.clock.now() if self.clock is not None else None

    def local(self, moment: datetime) -> datetime:
        """``moment`` in the zone the lines are printed in."""
        return moment.astimezone(self.zone)

    def hold(self, moment: datetime | None, head: str, body: str) -> None:
        """A line printed only before the next one, unless another ``hold`` replaces it."""
        self._held = (moment, head, body)

    def line(self, moment: datetime | None, head: str, body: str) -> None:
        """``head`` then ``body``, continuation lines indented; stamped when there is a clock.

        ``moment`` None continues the previous line's time (a row of buttons)."""
        held, self._held = self._held, None
        if held is not None:
            self._print(*held)
        self._print(moment, head, body)

    def _print(self, moment: datetime | None, head: str, body: str) -> None:
        self.printed += 1
        stamp = ""
        if self.clock is not None:
            stamp = " " * 7
            if moment is not None:
                local = self.local(moment)
                if local.date() != self._day:
                    self._day = local.date()
                    self.say(f"── {local:%A} {local.day} {local:%B %Y} ──")
                stamp = f"{local:%H:%M}  "
        indent = "\n" + " " * (len(stamp) + 11)
        self.say(stamp + head + body.replace("\n", indent))


def sent_at(message: BotMessage) -> datetime:
    """When the bot sent ``message``, by the emulator's clock (simulated time in the demo)."""
    return datetime.fromtimestamp(int(message.raw.get("date", 0)), UTC)


def button_data(message: BotMessage, label: str) -> str:
    """The callback data of the button labelled ``label`` under ``message``."""
    data = next((d for text, d in message.buttons_flat() if text == label), None)
    if data is None:
        raise JourneyFailed(f"no button {label!r} under: {message.summary()}")
    return data


class JourneyFailed(Exception):
    """A step of a scripted journey did not happen as it should."""


async def finish_exercises(conv: Conversation, step: BotMessage, user_id: int) -> BotMessage:
    """Tap Done under each exercise in turn; returns the pain question that follows."""
    while any(label == "Done ✅" for label, _ in step.buttons_flat()):
        (step,) = await conv.press(user_id, step, "Done ✅", "patient")
    return step
