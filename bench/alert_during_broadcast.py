"""A patient's pain press to the clinician's alert, while the bot broadcasts the day's
reminders under Telegram-like limits: the real bot, end to end.

Run on demand from the repository root (not part of the test suite):

    .venv/bin/python -m bench.alert_during_broadcast --patients 600 --presses 20

The emulator adds 40-80 ms to each request and enforces 30 new messages a second overall
(as a strict 1-second window, then as a token bucket) and one a second per chat. The bot
long-polls it with Telegram's limits in its sender (as ``companion run`` has them) and
broadcasts one reminder to each of ``--patients`` patients, 16 at a time as the tick
sends, in the scheduled lane. During the broadcast, ``--presses`` of those patients press
pain 9 at even intervals, while other patients answer pain 3 at ``--busy`` presses a
second; each pain-9 press is timed until the clinician's alert arrives in the emulator.
The broadcast's rate is counted over its own span (first to last message accepted while
it ran). The baseline, in the same run, is the same bot handling updates one at a time
(PTB's default ``SimpleUpdateProcessor``), as before issue 12.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import re
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from telegram.ext import BaseUpdateProcessor, SimpleUpdateProcessor

from bench import population
from bench.pain_button import FIRST, NURSE, TOKEN, pain_questions, seed
from bot.app import build_application
from bot.clock import ManualClock
from bot.content import load_content
from bot.db.engine import session_factory
from bot.handlers.delivery import send_unprompted
from bot.sender import Priority, Sender
from bot.services.outgoing import Message
from emulator.limits import Limits
from emulator.server import EmulatorServer
from emulator.world import World

PATIENT_SHOWN = re.compile(r"P-(\d+)")


class TimedSender(Sender):
    """The sender, noting how long each new message waited for its turn, by lane."""

    def __init__(self) -> None:
        super().__init__()
        self.waits: dict[Priority, list[float]] = {lane: [] for lane in Priority}

    async def slot(self, priority: Priority, chat_id: int | None, *, new_message: bool) -> Any:
        asked = time.monotonic()
        call = await super().slot(priority, chat_id, new_message=new_message)
        if new_message:
            self.waits[priority].append(time.monotonic() - asked)
        return call


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


async def run(
    model: Literal["window", "bucket"],
    updates: BaseUpdateProcessor | None,
    patients: int,
    presses: int,
    busy: float,
) -> dict[str, float]:
    limits = Limits(model=model, latency=(0.04, 0.08), seed=7)
    world = World(token=TOKEN, limits=limits)
    asked = pain_questions(world, patients, 9)
    routine = pain_questions(world, patients, 3)  # a second question, for routine presses
    content = load_content()
    engine = seed(
        Path(tempfile.mkdtemp(prefix="bench-alert-")) / "bench.sqlite3", content, patients
    )
    sender = TimedSender()  # Telegram's limits, as `companion run` has them
    alert_at: dict[int, float] = {}
    pressed_at: dict[int, float] = {}
    query_of: dict[int, str] = {}  # the press's callback query, to time its answer
    answered_at: dict[str, float] = {}
    async with EmulatorServer(world) as server:
        application = build_application(
            token=TOKEN,
            api_base_url=server.base_url,
            open_db=session_factory(engine),
            clock=ManualClock(population.SAME_MINUTE),
            content=content,
            sender=sender,
            updates=updates,
        )
        async with application:
            await application.start()
            assert application.updater is not None
            await application.updater.start_polling(poll_interval=0.0, timeout=1)
            gate = asyncio.Semaphore(16)  # as the tick sends
            started = time.monotonic()

            async def remind(chat: int) -> None:
                async with gate:
                    await send_unprompted(application, [Message(chat, "Time for exercises")])

            async def watch_alerts() -> None:
                seen = answers_seen = 0
                while len(alert_at) < presses:
                    for answer in world.callback_answers[answers_seen:]:
                        answered_at.setdefault(answer.callback_query_id, time.monotonic())
                    answers_seen = len(world.callback_answers)
                    texts = [m.text or "" for m in world.messages[NURSE].values() if m.from_bot]
                    for text in texts[seen:]:
                        found = PATIENT_SHOWN.search(text)
                        if found:
                            alert_at.setdefault(int(found[1]), time.monotonic())
                    seen = len(texts)
                    await asyncio.sleep(0.005)

            async def press_during_broadcast() -> None:
                spacing = patients / limits.per_second / (presses + 2)
                step = max(1, patients // presses)
                for k in range(presses):
                    await asyncio.sleep(spacing)
                    chat, message_id, data = asked[k * step]
                    pressed_at[chat - FIRST + 1] = time.monotonic()
                    query_of[chat - FIRST + 1] = await world.press_button(
                        chat, message_id, data=data
                    )
                    print(f"  ... press {k + 1}/{presses}", flush=True)

            async def routine_presses() -> None:
                """Other patients answering pain 3 meanwhile, ``busy`` a second."""
                chosen = {k * max(1, patients // presses) for k in range(presses)}
                others = [q for n, q in enumerate(routine) if n not in chosen]
                for chat, message_id, data in others[: int(busy * patients / 30)]:
                    await asyncio.sleep(1 / busy)
                    await world.press_button(chat, message_id, data=data)

            watching = asyncio.create_task(watch_alerts())
            await asyncio.gather(
                press_during_broadcast(),
                routine_presses(),
                *(remind(FIRST + n) for n in range(patients)),
            )
            ended = time.monotonic()
            broadcast_s = ended - started
            await asyncio.wait_for(watching, 120)
            await application.updater.stop()
            await application.stop()
    waits = [alert_at[p] - pressed_at[p] for p in pressed_at]
    # Where a press's time goes: to the button's answer (the update reaches the bot, its
    # use case, the answer's turn in the sender), then from there to the clinician's alert.
    to_answer = [answered_at[q] - pressed_at[p] for p, q in query_of.items() if q in answered_at]
    after_answer = [alert_at[p] - answered_at[q] for p, q in query_of.items() if q in answered_at]
    accepted = [at for at in limits.accepted if at <= ended]  # the broadcast's own span
    rate = (len(accepted) - 1) / (accepted[-1] - accepted[0])
    return {
        "share": rate / limits.per_second,
        "refused": limits.refused,
        "p50": statistics.median(waits),
        "p99": p99(waits),
        "alert_lane_wait_p99": p99(sender.waits[Priority.ALERT] or [math.nan]),
        "answer_lane_wait_p99": p99(sender.waits[Priority.ANSWER] or [math.nan]),
        "answer_p99": p99(to_answer) if to_answer else math.nan,
        "after_answer_p99": p99(after_answer) if after_answer else math.nan,
        "broadcast_s": broadcast_s,
    }


async def main_async(
    patients: int, presses: int, busy: float, models: Sequence[Literal["window", "bucket"]]
) -> None:
    rows = []
    for model in models:
        for name, updates in (
            ("concurrent, one per chat", None),
            ("one at a time (baseline)", SimpleUpdateProcessor(1)),
        ):
            print(f"{model}, {name}: broadcast to {patients}, {presses} presses", flush=True)
            got = await run(model, updates, patients, presses, busy)
            rows.append(
                f"| {model} | {name} | {got['share']:.1%} | {got['refused']:.0f} "
                f"| {got['p50']:.2f} s | {got['p99']:.2f} s "
                f"| {got['answer_p99']:.2f} s | {got['after_answer_p99']:.2f} s |"
            )
            print(rows[-1], flush=True)
            print(
                f"  sender's wait for a new message, p99: alert lane "
                f"{got['alert_lane_wait_p99']:.2f} s, "
                f"answer lane {got['answer_lane_wait_p99']:.2f} s",
                flush=True,
            )
    print()
    print(
        "| Limit model | Updates | Broadcast, share of limit | 429s | Alert p50 | Alert p99 "
        "| Press to its answer, p99 | Answer to alert, p99 |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--patients", type=int, default=600)
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--busy", type=float, default=10.0, help="routine presses a second")
    parser.add_argument("--models", nargs="+", default=["window", "bucket"])
    args = parser.parse_args(argv)
    asyncio.run(main_async(args.patients, args.presses, args.busy, args.models))


if __name__ == "__main__":
    main()
