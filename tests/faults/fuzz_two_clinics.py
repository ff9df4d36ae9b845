"""Fuzzing the real bot with updates from the people of two clinics and from strangers.

One bot runs on the emulator in a thread of its own for a whole fuzzing run; each drawn
action (a typed text, a command, a press of any callback data, forged or well formed with
someone else's ids) is sent, then the run waits until the bot has handled it (its row in
``receivedupdate``). After each action: nothing the bot sent crosses patients or clinics,
and the production log at DEBUG holds no typed text and no pressed data. Used by
``tests/faults/test_fuzzed_updates.py`` (a small run) and ``bench/faults/fuzz.py``.
"""

from __future__ import annotations

import asyncio
import io
import logging
import re
import threading
import time
from collections.abc import Coroutine
from dataclasses import dataclass, field
from datetime import time as clock_time
from typing import Any

from alert_ward import DESK, LEE, PAT, ROY, seed_clinic
from hypothesis import strategies as st
from ready_patients import ready_patient
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from bot import callbacks
from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import (
    Alert,
    AlertNotice,
    Clinic,
    Patient,
    ReceivedUpdate,
    Staff,
    StaffRole,
    ThreadMessage,
)
from bot.demo import DEMO_TOKEN, live_bot
from bot.handlers.sessions import SLEEP_KEY
from bot.logs import configure_logging
from emulator.world import World

WEST_CLINICIAN, WEST_ADMIN, WEST_PATIENT, STRANGER = 1501, 1503, 2501, 9001
CLINIC_OF = {LEE: "ottawa", ROY: "ottawa", DESK: "ottawa", PAT: "ottawa"}
CLINIC_OF |= {WEST_CLINICIAN: "west", WEST_ADMIN: "west", WEST_PATIENT: "west"}
PATIENTS = {PAT, WEST_PATIENT}
USERS = sorted([*CLINIC_OF, STRANGER])
COMMANDS = [
    "/start", "/today", "/warning", "/correct", "/settings", "/pause", "/resume", "/mydata",
    "/help", "/stop", "/patients", "/inbox", "/digest", "/invite dr-lee", "/assign P-1 dr-west",
    "/patient P-1", "/patient P-2", "/clear P-1", "/clear P-2", "/hold P-2", "/threshold P-1 6",
    "/plan P-2", "/start AAAAA-BBBBB",
]  # fmt: skip


def marker(user_id: int) -> str:
    """A word only ``user_id`` ever types: where it shows up, their words went."""
    return f"qz{user_id}zq"


def _data_strategy() -> st.SearchStrategy[str]:
    """Callback data: well formed for every action (any ids), or anything at all."""
    shaped = [
        st.from_regex(
            callbacks.pattern(action), fullmatch=True, alphabet=st.characters(codec="ascii")
        )
        for action in callbacks.SHAPES
    ]
    anything = st.text(max_size=64)
    return st.one_of(*shaped, anything).filter(lambda d: 0 < len(d.encode()) <= 64)


ACTIONS = st.tuples(
    st.sampled_from(USERS),
    st.sampled_from(["text", "command", "press", "press"]),
    st.text(max_size=120),
    st.sampled_from(COMMANDS),
    _data_strategy(),
)


@dataclass
class Figures:
    """What a fuzzing run counts; ``problems`` should stay empty."""

    updates: int = 0
    presses: int = 0
    errors_logged: int = 0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.updates} fuzzed updates ({self.presses} presses), "
            f"{self.errors_logged} errors logged, {len(self.problems)} crossings or leaks"
        )


class FuzzedClinics:
    """Two clinics and the real bot, in a thread, until ``close``."""

    def __init__(self, world: World, engine: Engine, clock: ManualClock, content: Content):
        self.world, self.engine, self.clock, self.content = world, engine, clock, content
        self.figures = Figures()
        self.log = io.StringIO()
        self._handler = configure_logging("DEBUG", secrets=[DEMO_TOKEN], stream=self.log)
        self.patient_number: dict[int, int] = {}
        self.app: Any = None  # the running bot's Application, once started
        self._seed()
        self._loop = asyncio.new_event_loop()
        self._ready, self._stop = threading.Event(), asyncio.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        if not self._ready.wait(60):
            raise RuntimeError("the bot did not start within 60 s")
        for user_id in USERS:  # everyone has a bot message to press buttons under
            self.act(user_id, "command", "", "/help", "")

    def _seed(self) -> None:
        with Session(self.engine) as db:
            patient_id, _ = seed_clinic(db, self.clock, self.content)
            self.patient_number[PAT] = patient_id
            west = Clinic(slug="west", name="West", timezone="America/Toronto")
            west.created_at = self.clock.now()
            db.add(west)
            db.flush()
            assert west.id is not None
            people = {}
            for handle, role, user_id in (
                ("dr-west", StaffRole.CLINICIAN, WEST_CLINICIAN),
                ("west-desk", StaffRole.ADMIN, WEST_ADMIN),
            ):
                person = Staff(
                    clinic_id=west.id,
                    role=role,
                    handle=handle,
                    telegram_user_id=user_id,
                    created_at=self.clock.now(),
                )
                db.add(person)
                db.flush()
                people[handle] = person.id
            patient = ready_patient(
                db,
                self.clock,
                self.content,
                clinic_id=west.id,
                clinician_id=people["dr-west"],
                telegram_id=WEST_PATIENT,
                reminder_time=clock_time(18, 0),
            )
            assert patient.id is not None
            self.patient_number[WEST_PATIENT] = patient.id
        for user_id in USERS:
            self.world.add_user(user_id, f"Name{user_id}", "en", started=True)

    def _serve(self) -> None:
        async def main() -> None:
            async with live_bot(self.world, self.engine, self.clock, self.content) as (_, app):
                app.bot_data[SLEEP_KEY] = _no_wait
                self.app = app
                self._ready.set()
                await self._stop.wait()

        self._loop.run_until_complete(main())

    def _call(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=60)

    def act(self, user_id: int, kind: str, text: str, command: str, data: str) -> None:
        """One update from ``user_id``; returns once the bot has handled it."""
        chat_before = {chat: self.world.last_message_id(chat) for chat in USERS}
        update_id = self.world._next_update_id  # the id the emulator gives the next update
        if kind == "press":
            self.figures.presses += 1
            self._press(user_id, data)
        elif kind == "command":
            self._call(self.world.send_text(user_id, command))
        else:
            self._call(self.world.send_text(user_id, f"{text} {marker(user_id)}"))
        self.figures.updates += 1
        self._wait_handled(update_id)
        echoed = set(re.findall(r"P-\d+", command)) if kind == "command" else set()
        self._check(chat_before, pressed=data if kind == "press" else None, echo=(user_id, echoed))

    def _press(self, user_id: int, data: str) -> None:
        chat = self.world.messages.get(user_id, {})
        message_id = max((m for m, stored in chat.items() if stored.from_bot), default=None)
        assert message_id is not None, f"{user_id} has no bot message to press under"
        stored = chat[message_id]
        stored.reply_markup = {"inline_keyboard": [[{"text": "x", "callback_data": data}]]}
        self._call(self.world.press_button(user_id, message_id, data=data))

    def _wait_handled(self, update_id: int) -> None:
        """Until the update is marked handled (its use case's commit marks it, before its
        sends) and the bot has finished processing it: no update queued or in a handler, so
        its messages, edits and cleared buttons are on screen."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with Session(self.engine) as db:
                row = db.get(ReceivedUpdate, update_id)
                marked = row is not None and row.handled_at is not None
            idle = self.app.update_queue.empty()
            idle = idle and self.app.update_processor.current_concurrent_updates == 0
            if marked and idle:
                return
            time.sleep(0.01)
        raise TimeoutError(f"update {update_id} was not handled within 60 s")

    def _check(
        self, chat_before: dict[int, int], pressed: str | None, echo: tuple[int, set[str]]
    ) -> None:
        """Nothing crossed patients or clinics; the log holds no text or pressed data. A
        refusal may repeat the patient number its sender typed ("No patient P-1 in west")."""
        others = {user: marker(user) for user in USERS}
        for chat, after in chat_before.items():
            for message in self.world.bot_messages(chat):
                if message.message_id <= after:
                    continue
                text = message.text or ""
                for user, word in others.items():
                    if word in text and not self._may_read(chat, user):
                        self.figures.problems.append(f"{user}'s words reached {chat}")
                for patient_user, number in self.patient_number.items():
                    clinic = CLINIC_OF.get(chat)
                    foreign = clinic is not None and CLINIC_OF[patient_user] != clinic
                    echoes = chat == echo[0] and f"P-{number}" in echo[1]
                    shown = re.search(rf"\bP-{number}\b", text) and "qz" not in text
                    if foreign and shown and not echoes:
                        self.figures.problems.append(f"P-{number} shown to {chat}")
        logged = self.log.getvalue()
        self.figures.errors_logged = logged.count(" ERROR ")
        leaks = [word for word in others.values() if word in logged]
        if pressed is not None and len(pressed) >= 8 and pressed in logged:
            leaks.append("pressed data")
        self.figures.problems += [f"in the log: {leak}" for leak in leaks]

    def _may_read(self, chat: int, writer: int) -> bool:
        """A person reads their own words; a clinic's staff read their patients'."""
        if chat == writer:
            return True
        return (
            writer in PATIENTS
            and chat not in PATIENTS
            and CLINIC_OF.get(chat) == (CLINIC_OF.get(writer))
        )

    def database_problems(self) -> list[str]:
        """Rows that join two clinics: an alert, an alert message or a thread message."""
        found = []
        with Session(self.engine) as db:
            clinic_of_patient = {p.id: p.clinic_id for p in db.exec(select(Patient))}
            clinic_of_staff = {s.id: s.clinic_id for s in db.exec(select(Staff))}
            for alert in db.exec(select(Alert)):
                if clinic_of_patient[alert.patient_id] != alert.clinic_id:
                    found.append(f"alert {alert.id} in another clinic")
                notices = db.exec(select(AlertNotice).where(AlertNotice.alert_id == alert.id))
                for notice in notices:
                    if clinic_of_staff[notice.staff_id] != alert.clinic_id:
                        found.append(f"alert {alert.id} told another clinic's staff")
            for row in db.exec(
                select(ThreadMessage).where(col(ThreadMessage.staff_id).is_not(None))
            ):
                if clinic_of_staff[row.staff_id] != clinic_of_patient[row.patient_id]:  # type: ignore[index]
                    found.append(f"thread message {row.id} across clinics")
            unhandled = db.exec(
                select(func.count())
                .select_from(ReceivedUpdate)
                .where(col(ReceivedUpdate.handled_at).is_(None))
            ).one()
            if unhandled:
                found.append(f"{unhandled} updates never handled")
        return found

    def close(self) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(60)
        root = logging.getLogger()
        root.removeHandler(self._handler)
        for name in ("telegram", "httpx", "httpcore", "apscheduler", "uvicorn.access"):
            logging.getLogger(name).setLevel(logging.NOTSET)


async def _no_wait(_seconds: float) -> None:
    return None
