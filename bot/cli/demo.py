"""``companion demo``: the whole journey offline, on the local emulator."""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
import threading
from pathlib import Path
from typing import Annotated

import typer

from bot.cli.common import fail, progress
from bot.clock import SystemClock
from bot.content import load_content
from bot.db import migrate
from bot.db.engine import make_engine
from bot.emulator.schema import default_schema_path
from bot.logs import configure_logging

# The demo's own modules (the emulator, uvicorn, the scripted journey) are imported inside
# the functions below, so that `companion run` and the admin commands start without them.


def demo(
    script: Annotated[
        bool, typer.Option("--script", help="Play the whole journey without input, then exit.")
    ] = False,
    schema: Annotated[
        Path | None, typer.Option(help="Bot API schema to validate every bot request against.")
    ] = None,
) -> None:
    """Seed a demo clinic, start the emulator and the bot, and chat as the patient."""
    from bot.demo import DEMO_TOKEN, seed_demo_clinic
    from bot.emulator.world import World

    configure_logging("WARNING")
    default_schema = default_schema_path()
    schema_path = schema or (default_schema if default_schema.is_file() else None)
    progress(
        f"Validating bot requests against {schema_path}."
        if schema_path
        else "No Bot API schema found beside the project: requests are not validated."
    )
    with tempfile.TemporaryDirectory(prefix="companion-demo-") as folder:
        engine = make_engine(f"sqlite:///{folder}/demo.sqlite3")
        migrate.upgrade(engine)
        content = load_content()
        clock = SystemClock()
        codes = seed_demo_clinic(engine, clock, content)
        progress("Seeded the demo clinic 'demo' with clinician dr-lee and one patient invite.")
        world = World(
            token=DEMO_TOKEN, schema_path=schema_path, clock=lambda: clock.now().timestamp()
        )
        if script:
            ok = asyncio.run(_scripted(world, engine, clock, content, codes))
            engine.dispose()
            if not ok:
                raise typer.Exit(1)
            return
        _interactive(world, engine, clock, content, codes)
        engine.dispose()


async def _scripted(world, engine, clock, content, codes) -> bool:  # type: ignore[no-untyped-def]
    from bot.demo import Conversation, JourneyFailed, live_bot, play_journey

    async with live_bot(world, engine, clock, content):
        conversation = Conversation(world, say=lambda line: print(line, flush=True))
        try:
            await play_journey(conversation, codes)
        except (JourneyFailed, TimeoutError) as error:
            print(f"  ✗ the journey stopped: {error}", flush=True)
            return False
    print("The whole journey completed: every step happened.", flush=True)
    return True


def _interactive(world, engine, clock, content, codes) -> None:  # type: ignore[no-untyped-def]
    """Run the emulator and bot in a background thread; chat as the patient here."""
    from bot.demo import CLINICIAN_USER_ID, PATIENT_USER_ID, Conversation, live_bot
    from bot.emulator.chat import run_chat

    ready = threading.Event()
    stopping: list[asyncio.Event] = []
    urls: list[str] = []

    async def serve() -> None:
        async with live_bot(world, engine, clock, content) as (server, _application):
            urls.append(server.base_url)
            await Conversation(world).send(
                CLINICIAN_USER_ID, f"/start {codes.staff_code}", "clinician"
            )
            stop = asyncio.Event()
            stopping.append(stop)
            ready.set()
            await stop.wait()

    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_until_complete, args=(serve(),), daemon=True)
    thread.start()
    if not ready.wait(timeout=30):
        fail("The demo bot did not start within 30 seconds.")
    progress(
        f"The emulator is at {urls[0]}. In another terminal, be the clinician with:\n"
        f"    companion chat --user-id {CLINICIAN_USER_ID} --base-url {urls[0]}\n"
        f"You are the patient (user {PATIENT_USER_ID}). Your invite code is {codes.patient_code}:\n"
        f"type  /start {codes.patient_code}  to begin, as the invite link would."
    )
    try:
        run_chat(urls[0], PATIENT_USER_ID)
    finally:
        loop.call_soon_threadsafe(stopping[0].set)
        thread.join(timeout=10)
        with contextlib.suppress(RuntimeError):
            loop.close()
