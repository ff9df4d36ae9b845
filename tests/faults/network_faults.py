"""A bad network between the bot and Telegram: 429s, 500s, timeouts and an outage.

``due`` patients have today's session due in the same minute (the one who reports a
warning sign is then held, so ``due - 1`` sessions are counted); the real bot and its tick
run on the emulator with an injected clock. While the faults are queued, one patient
reports a warning sign (the advice is a reply) and the clinician must get the alert. The
clock then moves a minute at a time, ticking, until no due work is left to run (or 3
simulated hours pass). Used by ``tests/faults/test_network_faults.py`` (small) and
``bench/faults/network.py`` (issue 11's 400 due).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from bench import population
from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import Patient, Staff
from bot.demo import DEMO_TOKEN, live_bot
from bot.jobs import build_tick
from emulator.world import World
from scheduler import DueWork
from scheduler.store import RUNNABLE

CLINICIAN = 1001
FIRST_PATIENT = 10_000_000
SESSION_OPENINGS = (
    "Time for today's exercises",
    "C'est l'heure",
    "Sorry, this reminder is late",
    "Désolé, ce rappel",
)
DVT = "Calf pain with swelling, warmth or redness on one side"
DVT_BUTTON = "Swollen, painful calf"  # its short checklist button (the sign in full above)


@dataclass(frozen=True)
class Faults:
    too_many: int = 30  # 429, retry after 1 s
    server: int = 40  # 500
    timeouts: int = 6  # a reply slower than the bot waits
    outage: int = 60  # 500 for every call in a row: a minute without Telegram


@dataclass
class Outcome:
    due: int
    delivered: int
    duplicates: int
    dead: int
    alert_reached_clinician: bool
    advice_reached_patient: bool

    def line(self) -> str:
        return (
            f"{self.delivered}/{self.due} sessions delivered, {self.duplicates} duplicates, "
            f"{self.dead} dead letters; EMERGENCY/URGENT alert to the clinician: "
            f"{'yes' if self.alert_reached_clinician else 'NO'}; warning-sign advice to "
            f"the patient: {'yes' if self.advice_reached_patient else 'NO'}"
        )


async def probe(
    folder: Path, schema: Path, content: Content, due: int, faults: Faults, slow: float = 5.5
) -> Outcome:
    engine = population.build(f"sqlite:///{folder / 'faults.sqlite3'}", content, due, due)
    with Session(engine) as db:
        staff = db.exec(select(Staff)).one()
        staff.telegram_user_id = CLINICIAN
        db.add(staff)
        db.execute(update(Patient).values(consent_version=content.consent_version))
        db.commit()
    clock = ManualClock(population.SAME_MINUTE)
    world = World(token=DEMO_TOKEN, schema_path=schema)
    world.add_user(CLINICIAN, started=True)
    for n in range(due):
        world.add_user(FIRST_PATIENT + n, started=True)
    async with live_bot(world, engine, clock, content) as (_, application):
        tick = build_tick(application)
        sender = (
            FIRST_PATIENT + 1
        )  # an English-speaking patient opens the checklist before Telegram fails
        await world.send_text(sender, "/warning")
        checklist = await world.wait_for_bot_message(sender, timeout=60, predicate=_has(DVT_BUTTON))
        world.inject_fault("sendMessage", "429", count=faults.too_many, retry_after=1)
        world.inject_fault("sendMessage", "500", count=faults.server)
        world.inject_fault("sendMessage", "delay", count=faults.timeouts, delay=slow)
        data = next(d for label, d in checklist.buttons_flat() if label == DVT_BUTTON)
        await world.press_button(sender, checklist.message_id, data=data)  # then the sign
        await tick()
        world.inject_fault("sendMessage", "500", count=faults.outage)
        for _ in range(180):  # a simulated minute at a time, up to three hours
            clock.advance(timedelta(minutes=1))
            await tick()
            if not _runnable(engine):
                break
        await asyncio.sleep(0)
    others = [c for c in range(FIRST_PATIENT, FIRST_PATIENT + due) if c != sender]
    sessions = Counter(  # the patient who reported the sign is held: no session for them
        chat
        for chat in others
        for message in world.bot_messages(chat)
        if _is_session(message.text or "")
    )
    with Session(engine) as db:
        dead = db.exec(
            select(func.count()).select_from(DueWork).where(DueWork.status == "dead")
        ).one()
    said = [m.text or "" for m in world.bot_messages(sender)]
    to_clinician = [m.text or "" for m in world.bot_messages(CLINICIAN)]
    engine.dispose()
    return Outcome(
        due=len(others),
        delivered=len(sessions),
        duplicates=sum(count - 1 for count in sessions.values()),
        dead=int(dead),
        alert_reached_clinician=any("URGENT" in text for text in to_clinician),
        advice_reached_patient=any("clinic today" in text for text in said),
    )


def _has(label: str):  # type: ignore[no-untyped-def]
    return lambda message: any(text == label for text, _ in message.buttons_flat())


def _is_session(text: str) -> bool:
    """Today's session, as the tick sends it (reminder_session in content/locales)."""
    return text.startswith(SESSION_OPENINGS)


def _runnable(engine) -> int:  # type: ignore[no-untyped-def]
    with Session(engine) as db:
        return int(
            db.exec(
                select(func.count()).select_from(DueWork).where(col(DueWork.status).in_(RUNNABLE))
            ).one()
        )
