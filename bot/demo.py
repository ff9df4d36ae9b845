"""A demo clinic on the local emulator: the real bot, seeded data, and a scripted journey.

``companion demo`` and the end-to-end tests stand on the same pieces: ``LiveBot`` runs
the real PTB ``Application`` against an ``EmulatorServer``, and ``seed_demo_clinic``
creates a clinic, a clinician and a patient invite through the same services the CLI uses.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlalchemy import Engine
from telegram import Update
from telegram.ext import Application

from bot.app import build_application
from bot.clock import Clock
from bot.content import Content
from bot.db.engine import session_factory
from bot.db.models import StaffRole
from bot.emulator.records import BotMessage
from bot.emulator.server import EmulatorServer
from bot.emulator.world import World
from bot.services import clinics
from bot.services.outgoing import as_plain_text

DEMO_TOKEN = "123456:demo-token-for-the-local-emulator"
CLINICIAN_USER_ID = 1001
PATIENT_USER_ID = 2001


@dataclass(frozen=True)
class DemoClinic:
    """The codes a seeded demo clinic hands out."""

    staff_code: str
    patient_code: str


def seed_demo_clinic(engine: Engine, clock: Clock, content: Content) -> DemoClinic:
    """A clinic, a clinician (dr-lee) and one patient invite for the starter programme."""
    with session_factory(engine)() as db:
        clinics.create_clinic(
            db, clock, slug="demo", name="Demo Clinic", timezone="America/Toronto"
        )
        staff = clinics.invite_staff(
            db, clock, clinic_slug="demo", role=StaffRole.CLINICIAN, handle="dr-lee", valid_days=14
        )
        patient = clinics.create_patient_invite(
            db,
            clock,
            clinic_slug="demo",
            clinician_handle="dr-lee",
            programme_id="starter",
            known_programmes=content.programmes.keys(),
            valid_days=14,
        )
    return DemoClinic(staff_code=staff.code, patient_code=patient.code)


@asynccontextmanager
async def live_bot(
    world: World, engine: Engine, clock: Clock, content: Content, token: str = DEMO_TOKEN
) -> AsyncIterator[tuple[EmulatorServer, Application]]:  # type: ignore[type-arg]
    """The emulator on loopback and the real bot long-polling it, until the block ends."""
    async with EmulatorServer(world) as server:
        application = build_application(
            token=token,
            api_base_url=server.base_url,
            open_db=session_factory(engine),
            clock=clock,
            content=content,
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


class Conversation:
    """Acts as people in the emulator and waits for the bot's answers, printing both sides."""

    def __init__(self, world: World, say: Callable[[str], None] = lambda _line: None) -> None:
        self.world = world
        self.say = say

    async def send(
        self, user_id: int, text: str, who: str, *, replies: int = 1
    ) -> list[BotMessage]:
        """``who`` types ``text``; returns the bot's next ``replies`` messages."""
        self.say(f"{who:>9} > {text}")
        after = self.world.last_message_id(user_id)
        await self.world.send_text(user_id, text)
        return await self.expect(user_id, after, replies, who)

    async def press(
        self, user_id: int, message: BotMessage, label: str, who: str, *, replies: int = 1
    ) -> list[BotMessage]:
        """``who`` taps the button labelled ``label`` under ``message``."""
        self.say(f"{who:>9} > [{label}]")
        after = self.world.last_message_id(user_id)
        data = next(d for text, d in message.buttons_flat() if text == label)
        await self.world.press_button(user_id, message.message_id, data=data)
        return await self.expect(user_id, after, replies, who)

    async def answer_all(
        self, user_id: int, message: BotMessage, labels: list[str], who: str
    ) -> BotMessage:
        """Press one button per question in a row of questions; the last reply is returned."""
        for label in labels:
            (message,) = await self.press(user_id, message, label, who)
        return message

    async def expect(self, chat_id: int, after: int, count: int, who: str) -> list[BotMessage]:
        """Wait for ``count`` new bot messages in ``chat_id`` after message ``after``."""
        found: list[BotMessage] = []
        for _ in range(count):
            message = await self.world.wait_for_bot_message(chat_id, after_message_id=after)
            after = message.message_id
            found.append(message)
            self.say(f"{'bot → ' + who:>9}: {_indented(as_plain_text(message.text or ''))}")
            if message.buttons:
                self.say(" " * 11 + "  ".join(f"[{text}]" for text, _ in message.buttons_flat()))
        return found


def _indented(text: str) -> str:
    return text.replace("\n", "\n" + " " * 11)


class JourneyFailed(Exception):
    """A step of the scripted journey did not happen as it should."""


def _check(ok: bool, step: str, say: Callable[[str], None]) -> None:
    if not ok:
        raise JourneyFailed(step)
    say(f"  ✓ {step}")


async def play_journey(conv: Conversation, codes: DemoClinic) -> None:
    """Invite code to acknowledged alert, checking that each step really happened."""
    say, nurse, pat = conv.say, CLINICIAN_USER_ID, PATIENT_USER_ID
    (linked,) = await conv.send(nurse, f"/start {codes.staff_code}", "clinician")
    _check("linked" in (linked.text or ""), "the clinician linked their Telegram account", say)

    (language,) = await conv.send(pat, f"/start {codes.patient_code}", "patient")
    _check("Which language" in (language.text or ""), "the invite worked; language asked", say)
    (consent,) = await conv.press(pat, language, "English", "patient")
    _check("911" in (consent.text or ""), "the patient saw the consent notice", say)
    (first,) = await conv.press(pat, consent, "I agree", "patient")
    _check("1 of 7" in (first.text or ""), "consent was recorded; the readiness check began", say)
    question = await conv.answer_all(pat, first, ["No"] * 7, "patient")
    _check("What time" in (question.text or ""), "seven 'no' answers: the reminder time asked", say)
    (typed,) = await conv.press(pat, question, "Another time", "patient")
    _check("type a time" in (typed.text or ""), "'another time' asked the patient to type one", say)
    (enrolled,) = await conv.send(pat, "7.30pm", "patient")
    _check("7:30 PM" in (enrolled.text or ""), "the typed reminder time 7.30pm was understood", say)

    (session,) = await conv.press(pat, enrolled, "Start today's session", "patient")
    _check("Sit to stand" in (session.text or ""), "today's session came from the programme", say)
    (step,) = await conv.press(pat, session, "Start ▶️", "patient")
    _check(step.kind == "photo", "the first exercise came with its picture (sendPhoto)", say)
    pain = await finish_exercises(conv, step, pat)
    _check(len(pain.buttons_flat()) == 11, "after the last Done, pain 0-10 was asked", say)

    nurse_after = conv.world.last_message_id(nurse)
    _, difficulty = await conv.press(pat, pain, "8", "patient", replies=2)
    (alert,) = await conv.expect(nurse, nurse_after, 1, "clinician")
    _check(
        "P-" in (alert.text or "") and bool(alert.buttons), "pain 8/10 alerted the clinician", say
    )
    (thanks,) = await conv.press(pat, difficulty, "About right", "patient")
    _check("saved" in (thanks.text or ""), "the difficulty answer was stored", say)

    pat_after = conv.world.last_message_id(pat)
    say(f"{'clinician':>9} > [Acknowledge]")
    data = alert.buttons_flat()[0][1]
    assert data is not None
    await conv.world.press_button(nurse, alert.message_id, data=data)
    (seen,) = await conv.expect(pat, pat_after, 1, "patient")
    _check(
        "clinician has seen" in (seen.text or ""), "the acknowledgement reached the patient", say
    )


async def finish_exercises(conv: Conversation, step: BotMessage, user_id: int) -> BotMessage:
    """Tap Done under each exercise in turn; returns the pain question that follows."""
    while any(label == "Done ✅" for label, _ in step.buttons_flat()):
        (step,) = await conv.press(user_id, step, "Done ✅", "patient")
    return step
