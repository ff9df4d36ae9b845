"""Pain-button updates a second: the real bot against a bare PTB echo bot, same harness.

Run on demand from the repository root (not part of the test suite):

    .venv/bin/python -m bench.pain_button --presses 200

``--presses`` enrolled patients (bench/population.py) each have today's session at the
pain question. Every patient presses a pain button at once; the figure is presses handled
a second, from the first press queued to the last patient's next question received. The
bot long-polls the emulator, handles updates concurrently (bot/update_order.py) and has
its rate limits lifted, so that only the handling is timed. The baseline, in the same run
and harness, is a bare PTB echo bot with the same concurrency: it answers each press and
sends one message back, without any database. Keep ``--presses`` small enough that the
slower bot answers within Telegram's 15 s for a button press (the emulator enforces it).
It also prints presses per CPU second (the whole process's CPU over the same span), the
steadier figure on a shared machine. ``--pain 8`` times presses that alert the clinician.
``--latency`` adds the emulator's round trip (ms, e.g. ``40-80``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, ContextTypes

from bench import population
from bot import callbacks
from bot.app import build_application
from bot.clock import ManualClock
from bot.content import Content, load_content
from bot.db.engine import session_factory
from bot.sender import Sender
from bot.update_order import RUNNING
from emulator.limits import Limits
from emulator.server import EmulatorServer
from emulator.world import World

TOKEN = "123456:bench-pain-button"
NURSE = 1
FIRST = 10_000_000  # population's first patient's Telegram id
TODAY = date(2026, 12, 1)  # SAME_MINUTE's date in Ottawa
DEADLINE = 300.0  # seconds: a run whose answer was lost (a failed call) ends, not hangs


def seed(path: Path, content: Content, presses: int) -> Any:
    """``presses`` patients with today's session at the pain question; the nurse linked."""
    engine = population.build(f"sqlite:///{path}", content, presses, due_now=0)
    started = population.SAME_MINUTE - timedelta(minutes=10)
    with Session(engine) as db:
        population.at_the_pain_question(db, presses, TODAY, started, NURSE)
        db.commit()
    return engine


def pain_questions(world: World, presses: int, pain: int) -> list[tuple[int, int, str]]:
    """The pain question in each patient's chat, as the bot sent it: (chat, message, data)."""
    world.add_user(NURSE, started=True)
    asked = []
    for n in range(presses):
        chat = FIRST + n
        world.add_user(chat, started=True)
        data = callbacks.data(callbacks.PAIN, n + 1, pain)
        markup = {"inline_keyboard": [[{"text": str(pain), "callback_data": data}]]}
        message = world.store_message(chat, from_bot=True, text="Pain?", reply_markup=markup)
        asked.append((chat, message.message_id, data))
    return asked


@dataclass(frozen=True)
class Timed:
    """One run: wall-clock seconds until every chat had its next message, and the CPU
    seconds the whole process (bot, emulator, database threads) spent meanwhile."""

    seconds: float
    cpu: float


async def timed_presses(world: World, asked: list[tuple[int, int, str]]) -> Timed:
    """Press every button at once; time until each chat got its answer and next message."""

    def sent(chat: int) -> int:  # without world.bot_messages' snapshots, which cost
        return sum(message.from_bot for message in world.messages[chat].values())

    before = {chat: sent(chat) for chat, _, _ in asked}
    started, cpu_started = time.perf_counter(), time.process_time()
    for chat, message_id, data in asked:
        await world.press_button(chat, message_id, data=data)
    last_shown = 0
    while True:
        done = sum(sent(chat) > before[chat] for chat, _, _ in asked)
        if done == len(asked):
            return Timed(time.perf_counter() - started, time.process_time() - cpu_started)
        if time.perf_counter() - started > DEADLINE:  # a call failed (logged above)
            raise RuntimeError(f"only {done} of {len(asked)} chats answered in {DEADLINE} s")
        if done - last_shown >= max(1, len(asked) // 5):
            print(f"  ... {done}/{len(asked)}", flush=True)
            last_shown = done
        await asyncio.sleep(0.02)


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The baseline: answer the press and send one message back."""
    query = update.callback_query
    assert query is not None and update.effective_chat is not None
    with contextlib.suppress(TelegramError):  # as the bot does: the message matters more
        await query.answer("Saved")
    await context.bot.send_message(update.effective_chat.id, query.data or "")


async def run_once(kind: str, presses: int, pain: int, latency: tuple[float, float]) -> Timed:
    limits = Limits(per_second=10**9, chat_interval=0.0, latency=latency, seed=7)
    world = World(token=TOKEN, limits=limits if latency[1] > 0 else None)
    asked = pain_questions(world, presses, pain)
    async with EmulatorServer(world) as server:
        if kind == "echo":
            application: Application[Any, Any, Any, Any, Any, Any] = (
                Application.builder()
                .token(TOKEN)
                .base_url(f"{server.base_url}/bot")
                .concurrent_updates(RUNNING)
                .build()
            )
            application.add_handler(CallbackQueryHandler(echo))
        else:
            content = load_content()
            folder = tempfile.mkdtemp(prefix="bench-pain-")
            engine = seed(Path(folder) / "bench.sqlite3", content, presses)
            application = build_application(
                token=TOKEN,
                api_base_url=server.base_url,
                open_db=session_factory(engine),
                clock=ManualClock(population.SAME_MINUTE),
                content=content,
                sender=Sender(per_second=10**6, chat_interval=0.0),
            )
        async with application:
            if application.post_init is not None:
                await application.post_init(application)
            await application.start()
            assert application.updater is not None
            await application.updater.start_polling(poll_interval=0.0, timeout=1)
            try:
                return await timed_presses(world, asked)
            finally:
                await application.updater.stop()
                await application.stop()


async def profile(presses: int, pain: int, out: Path) -> None:
    """The bot's run under cProfile, its database work on the event loop so that the
    profile sees it (cProfile follows one thread); prints where the time went."""
    import cProfile
    import pstats

    from bot.db import engine as db_engine

    db_engine.DB_OFF_THE_LOOP = False
    profiler = cProfile.Profile()
    profiler.enable()
    timed = await run_once("bot", presses, pain, (0.0, 0.0))
    profiler.disable()
    profiler.dump_stats(out)
    print(f"bot, profiled: {presses / timed.seconds:.0f} presses/s; profile in {out}")
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(r"(bot|scheduler|emulator)/", 40)
    stats.sort_stats("tottime").print_stats(25)


def parse_latency(text: str) -> tuple[float, float]:
    low, _, high = text.partition("-")
    return float(low) / 1000, float(high or low) / 1000


async def main_async(presses: int, pain: int, latency: tuple[float, float]) -> None:
    rates, per_cpu = {}, {}
    for kind in ("echo", "bot"):
        print(f"{kind}: {presses} presses...", flush=True)
        timed = await run_once(kind, presses, pain, latency)
        rates[kind] = presses / timed.seconds
        per_cpu[kind] = presses / timed.cpu
        print(
            f"{kind}: {rates[kind]:.0f} presses/s ({timed.seconds:.2f} s), "
            f"{per_cpu[kind]:.0f} presses per CPU second ({timed.cpu:.2f} s)",
            flush=True,
        )
    ms = f"{latency[0] * 1000:.0f}-{latency[1] * 1000:.0f} ms" if latency[1] else "none"
    print()
    print(
        "| Pain | Presses | Latency | Echo bot (baseline) | Rehab Companion | Ratio "
        "| Per CPU second: echo, bot, ratio |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print(
        f"| {pain} | {presses} | {ms} | {rates['echo']:.0f}/s | {rates['bot']:.0f}/s "
        f"| {rates['bot'] / rates['echo']:.2f}x | {per_cpu['echo']:.0f}, {per_cpu['bot']:.0f}, "
        f"{per_cpu['bot'] / per_cpu['echo']:.2f}x |"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--presses", type=int, default=200)
    parser.add_argument("--pain", type=int, default=3)
    parser.add_argument("--latency", default="0", help="round trip in ms, e.g. 40-80")
    parser.add_argument("--profile", type=Path, help="profile the bot's run into this file")
    args = parser.parse_args(argv)
    if args.profile is not None:
        asyncio.run(profile(args.presses, args.pain, args.profile))
        return
    asyncio.run(main_async(args.presses, args.pain, parse_latency(args.latency)))


if __name__ == "__main__":
    main()
