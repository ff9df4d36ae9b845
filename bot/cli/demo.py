"""``companion demo``: the whole journey offline, on the local emulator and simulated time."""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo

import typer
from sqlalchemy import Engine

from bot.app import TickSettings
from bot.cli.common import fail, progress
from bot.cli.extras import require
from bot.clock import AcceleratedClock, FastForwardClock, ManualClock, tick_every
from bot.content import Content, load_content
from bot.db import migrate
from bot.db.engine import make_engine
from bot.logs import configure_logging
from emulator.schema import default_schema_path

if TYPE_CHECKING:
    from bot.demo import Conversation, DemoClinic
    from emulator.world import World

# The demo's own modules (the emulator, uvicorn, the scripted journey) are imported inside
# the functions below, so that `companion run` and the admin commands start without them.

SCRIPT_SPEED = 600.0  # ten simulated minutes a second; the script also skips empty hours
CHAT_SPEED = 60.0  # a simulated hour a real minute: time to read, and to see things happen


def demo(
    script: Annotated[
        bool, typer.Option("--script", help="Play the whole journey without input, then exit.")
    ] = False,
    speed: Annotated[
        float | None,
        typer.Option(
            min=1,
            max=100_000,
            help=(
                "Simulated seconds per real second "
                f"[default: {CHAT_SPEED:g} in the chat, {SCRIPT_SPEED:g} with --script]."
            ),
            show_default=False,
        ),
    ] = None,
    schema: Annotated[
        Path | None, typer.Option(help="Bot API schema to validate every bot request against.")
    ] = None,
) -> None:
    """Seed a demo clinic, start the emulator and the bot on simulated time, and chat as the
    patient (or, with --script, play a patient's first week)."""
    run_demo(script=script, speed=speed, schema=schema)


def run_demo(*, script: bool, speed: float | None = None, schema: Path | None = None) -> None:
    """The demo: the scripted week (exits 1 if a step did not happen) or the terminal chat."""
    require("emulator", "companion demo")
    from bot.demo import DEMO_START, DEMO_TIMEZONE, DEMO_TOKEN, seed_demo_clinic
    from emulator.world import World

    configure_logging("WARNING")  # APScheduler's "skipped" warnings are capped there too
    speed = speed or (SCRIPT_SPEED if script else CHAT_SPEED)
    default_schema = default_schema_path()
    schema_path = schema or (default_schema if default_schema.is_file() else None)
    progress(
        f"Validating bot requests against {schema_path}."
        if schema_path
        else "No Bot API schema found beside the project: requests are not validated."
    )
    tick = TickSettings(every_seconds=tick_every(TickSettings().every_seconds, speed))
    with tempfile.TemporaryDirectory(prefix="companion-demo-") as folder:
        engine = make_engine(f"sqlite:///{folder}/demo.sqlite3")
        migrate.upgrade(engine)
        content = load_content()
        codes = seed_demo_clinic(engine, ManualClock(DEMO_START), content)
        progress(
            "Seeded the demo clinic 'demo': clinician dr-lee, backup clinician dr-roy, "
            "admin front-desk, and one patient invite."
        )
        progress(
            f"Simulated time: the clock starts on {DEMO_START:%A} {DEMO_START.day} "
            f"{DEMO_START:%B %Y} at "
            f"{DEMO_START:%H:%M} ({DEMO_TIMEZONE}, the times shown) and runs {speed:g} times "
            f"faster than real time{' (skipping the hours when nothing is due)' if script else ''}."
        )
        # The clock starts now, with the bot: Monday 07:00 is when the first person acts.
        clock = (FastForwardClock if script else AcceleratedClock)(DEMO_START, speed)
        world = World(
            token=DEMO_TOKEN,
            schema_path=schema_path,
            clock=lambda: clock.now().timestamp(),
            answer_clock=time.monotonic,  # Telegram's 15 s to answer a press are real seconds
        )
        try:
            if script:
                assert isinstance(clock, FastForwardClock)
                if not asyncio.run(_scripted(world, engine, clock, content, codes, tick)):
                    raise typer.Exit(1)
            else:
                _interactive(world, engine, clock, content, codes, tick)
        finally:
            engine.dispose()


async def _scripted(
    world: World,
    engine: Engine,
    clock: FastForwardClock,
    content: Content,
    codes: DemoClinic,
    tick: TickSettings,
) -> bool:
    from bot.demo import DEMO_PEOPLE, Conversation, JourneyFailed, live_bot
    from bot.demo_journey import Journey, play_journey

    started, simulated_start = time.monotonic(), clock.now()
    conversation = Conversation(
        world, say=lambda line: print(line, flush=True), clock=clock, names=DEMO_PEOPLE
    )
    async with live_bot(world, engine, clock, content, tick=tick):
        try:
            await play_journey(Journey(conversation, codes, clock, engine, content))
        except (JourneyFailed, TimeoutError) as error:
            conversation.show_new()
            print(f"  ✗ the journey stopped: {error}", flush=True)
            return False
    days = (clock.now() - simulated_start).total_seconds() / 86_400
    print(
        f"The whole journey completed: every step happened ({days:.1f} simulated days "
        f"in {time.monotonic() - started:.0f} s).",
        flush=True,
    )
    return True


def _interactive(
    world: World,
    engine: Engine,
    clock: AcceleratedClock,
    content: Content,
    codes: DemoClinic,
    tick: TickSettings,
) -> None:
    """Run the emulator and bot in a background thread; chat as the patient here, and see
    what the clinic's staff receive too."""
    from bot.demo import DEMO_PEOPLE, DEMO_TIMEZONE, PATIENT_USER_ID, Conversation, live_bot
    from emulator.chat import run_chat

    ready = threading.Event()
    stopping: list[asyncio.Event] = []
    urls: list[str] = []
    staff = {user_id: DEMO_PEOPLE[user_id] for user_id, _ in codes.staff()}

    def stamp() -> str:
        return f"{clock.now().astimezone(ZoneInfo(DEMO_TIMEZONE)):%a %H:%M}"

    async def serve() -> None:
        async with live_bot(world, engine, clock, content, tick=tick) as (server, _application):
            urls.append(server.base_url)
            linking = Conversation(world)
            for user_id, code in codes.staff():
                await linking.send(user_id, f"/start {code}", staff[user_id])
            feed = Conversation(world, say=_stamped(stamp), names=staff)
            feed.mark_read()
            stop = asyncio.Event()
            stopping.append(stop)
            ready.set()
            printer = asyncio.create_task(_staff_feed(world, feed))
            await stop.wait()
            printer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await printer

    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_until_complete, args=(serve(),), daemon=True)
    thread.start()
    if not ready.wait(timeout=60):
        fail("The demo bot did not start within 60 seconds.")
    progress(
        f"The emulator is at {urls[0]}. In another terminal, be the clinician with:\n"
        f"    companion chat --user-id 1001 --base-url {urls[0]}\n"
        "What the bot sends the clinic's staff is shown here too (bot → clinician, backup, "
        "admin).\n"
        f"You are the patient (user {PATIENT_USER_ID}). Your invite code is "
        f"{codes.patient_code}:\n"
        f"type  /start {codes.patient_code}  to begin, as the invite link would. Choose 12:00 "
        "as your reminder time\n"
        "(or type a time a few hours ahead) to see today's session arrive by itself."
    )
    try:
        run_chat(urls[0], PATIENT_USER_ID, stamp=stamp)
    finally:
        if stopping:
            loop.call_soon_threadsafe(stopping[0].set)
        thread.join(timeout=30)
        with contextlib.suppress(RuntimeError):
            loop.close()


def _stamped(stamp: Callable[[], str]) -> Callable[[str], None]:
    """Print a line of the staff feed as the chat prints the patient's: after the time."""

    def say(line: str) -> None:
        when = f"[{stamp()}] "
        first = when if not line.startswith(" ") else " " * len(when)  # a row of buttons
        print(first + line.replace("\n", "\n" + " " * len(when)), flush=True)

    return say


async def _staff_feed(world: World, feed: Conversation) -> None:
    """Print each message the bot sends a staff member, as it comes (until cancelled)."""
    while not world.released:
        await world.wait_until(lambda: True if feed.has_new() else None, 3600)
        feed.show_new()
