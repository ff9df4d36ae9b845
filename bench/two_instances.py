"""Two ``companion run --webhook`` processes behind a round-robin proxy, against one.

Run on demand from the repository root (not part of the test suite), with a PostgreSQL
server (``.ci/postgres.sh``'s ``start_throwaway_postgres`` starts one and sets
``TEST_POSTGRES_URL``):

    .venv/bin/python -m bench.two_instances --database-url "$TEST_POSTGRES_URL" \\
        --presses 300 --latency 40-80

Each run makes a fresh database on that server: ``--presses`` enrolled patients
(bench/population.py) with today's session at the pain question, the tick's due work
removed so that only the presses are timed. The emulator (in this process) adds the
round trip ``--latency`` to each Bot API call, as Telegram's network does, and delivers the
updates to its webhook over ``--connections`` connections at once, one at a time in each
chat, as Telegram does with ``max_connections``. The webhook is the round-robin proxy of
``tests/delivery/round_robin.py``, in front of one, then two, real processes on loopback,
each handling up to ``bot.update_order.RUNNING`` updates at once.

Every patient presses pain 3 at once; the figure is presses a second, from the first press
queued to the last patient's next question received. Then it counts, from the database
and the emulator: updates handled (``receivedupdate``), patients whose press was lost (no
answer) or doubled (more messages than the others got, or a second answer to the press).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine, delete, func, make_url, text
from sqlmodel import Session, col, select

from bench import population
from bench.pain_button import NURSE, pain_questions
from bot.content import load_content
from bot.db.models import DueWork, ExerciseSession, ReceivedUpdate, SessionStep
from bot.update_order import RUNNING
from emulator.limits import Limits
from emulator.server import EmulatorServer, LoopbackServer
from emulator.world import World
from tests.delivery.round_robin import RoundRobin
from tests.delivery.webhook_instances import free_port, instances_behind, webhook_process

TOKEN = "123456:bench-two-instances"
WARM_UP = 20  # presses before the timed ones


def fresh_database(server_url: str, presses: int) -> str:
    """A new database on the server, filled; its URL."""
    name = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    engine = population.build(url, load_content(), presses, due_now=0)
    today = datetime.now(UTC).astimezone(ZoneInfo("America/Toronto")).date()
    with Session(engine) as db:
        db.execute(delete(DueWork))  # population plans for its own date: nothing runs
        population.at_the_pain_question(db, presses, today, datetime.now(UTC), NURSE)
        db.execute(text("SELECT setval('exercisesession_id_seq', :n)"), {"n": presses})
        db.commit()
    engine.dispose()
    return url


async def wait_healthy(ports: list[int]) -> None:
    import httpx

    async with httpx.AsyncClient(timeout=5) as http:
        for port in ports:
            for _ in range(600):
                try:
                    answer = await http.get(f"http://127.0.0.1:{port}/healthz")
                    if answer.status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                await asyncio.sleep(0.1)
            else:
                raise RuntimeError(f"the instance on port {port} never became healthy")


async def run(
    instances: int,
    server_url: str,
    presses: int,
    latency: tuple[float, float],
    connections: int,
    profile: Path | None,
) -> dict[str, Any]:
    url = fresh_database(server_url, presses + WARM_UP)
    limits = Limits(per_second=10**9, chat_interval=0.0, latency=latency, seed=7)
    world = World(token=TOKEN, limits=limits)
    world.webhook_connections = connections
    everyone = pain_questions(world, presses + WARM_UP, 3)
    warm_up, asked = everyone[:WARM_UP], everyone[WARM_UP:]
    ports = [free_port() for _ in range(instances)]
    proxy = RoundRobin([f"http://127.0.0.1:{port}" for port in ports])
    folder = Path(tempfile.mkdtemp(prefix="bench-two-"))
    async with EmulatorServer(world) as emulator, LoopbackServer(proxy.app) as balancer:
        envs = instances_behind(
            balancer.base_url, ports, token=TOKEN, api_base_url=emulator.base_url, database_url=url
        )
        for env in envs:
            env.update(LOG_LEVEL="WARNING")
        async with started(envs, folder, profile) as pids:
            await world.wait_until(
                lambda: (
                    True
                    if sum(r.method == "setWebhook" for r in world.requests) >= instances
                    else None
                ),
                120,
            )
            await wait_healthy(ports)
            await timed(world, warm_up)  # each instance's first presses (imports, caches)
            before = {name: cpu_seconds(pid) for name, pid in watched(pids).items()}
            seconds = await timed(world, asked)
            cpu = {name: cpu_seconds(pid) - before[name] for name, pid in watched(pids).items()}
            await asyncio.sleep(3.0)  # let anything doubled arrive before counting
            hook = world.webhook
            errors = hook.last_error_message if hook is not None else "no webhook"
            served = dict(proxy.served)
    await proxy.aclose()
    engine = create_engine(url)
    with Session(engine) as db:
        handled = db.exec(
            select(func.count()).where(col(ReceivedUpdate.handled_at).is_not(None))
        ).one()
        moved_on = db.exec(
            select(func.count()).where(col(ExerciseSession.step) != SessionStep.PAIN)
        ).one()
    engine.dispose()
    new = Counter(
        chat
        for chat, _, _ in asked
        for message in world.messages[chat].values()
        if message.from_bot and message.text != "Pain?"
    )
    usual = statistics.mode(new.values()) if new else 0
    answers = Counter(answer.callback_query_id for answer in world.callback_answers)
    return {
        "rate": presses / seconds,
        "seconds": seconds,
        "handled": handled,
        "moved_on": moved_on,
        "lost": sum(1 for chat, _, _ in asked if new[chat] == 0),
        "doubled": sum(1 for chat, _, _ in asked if new[chat] > usual)
        + sum(1 for n in answers.values() if n > 1),
        "served": served,
        "cpu_per_press_ms": {name: round(1000 * used / presses, 1) for name, used in cpu.items()},
        "cpu_share": round(sum(cpu.values()) / seconds, 2),
        "webhook_error": errors,
    }


@contextlib.asynccontextmanager
async def started(
    envs: list[dict[str, str]], folder: Path, profile: Path | None
) -> AsyncIterator[list[int]]:
    """The instances, each ``companion run --webhook`` (under cProfile with ``profile``)."""
    async with contextlib.AsyncExitStack() as stack:
        pids = []
        for n, env in enumerate(envs):
            here = folder / f"i{n}"
            if profile is None:
                process = await stack.enter_async_context(webhook_process(env, here))
            else:
                out = profile / f"instance{len(envs)}-{n}.prof"
                process = await stack.enter_async_context(profiled_process(env, here, out))
            pids.append(process.pid)
        yield pids


@contextlib.asynccontextmanager
async def profiled_process(
    env: dict[str, str], folder: Path, out: Path
) -> AsyncIterator[asyncio.subprocess.Process]:
    await asyncio.to_thread(folder.mkdir, parents=True, exist_ok=True)
    with (folder / "instance.log").open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "cProfile", "-o", str(out), "-m", "bot", "run", "--webhook",
            env=env, cwd=Path.cwd(), stdout=log, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        try:
            yield process
        finally:
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), 60)


def watched(pids: list[int]) -> dict[str, int]:
    """The processes whose CPU time is counted: each instance, this process (the emulator
    and the proxy) and, when ``PGDATA`` names the server's folder, PostgreSQL's."""
    found = {f"instance {n + 1}": pid for n, pid in enumerate(pids)}
    found["emulator and proxy"] = os.getpid()
    data = os.environ.get("PGDATA")
    if data:
        postmaster = int(Path(data, "postmaster.pid").read_text().split()[0])
        found["postgresql"] = -postmaster  # negative: the server and its backends
    return found


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of a process (of a PostgreSQL server's backends too,
    for a negative pid: the postmaster's)."""
    if pid >= 0:
        return _cpu(pid)
    total = _cpu(-pid)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == -pid:  # its parent is the postmaster
                total += _cpu(int(stat.parent.name))
    return total


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def timed(world: World, asked: list[tuple[int, int, str]]) -> float:
    """Press every button at once; seconds until each chat got its next question."""

    def sent(chat: int) -> int:
        return sum(message.from_bot for message in world.messages[chat].values())

    before = {chat: sent(chat) for chat, _, _ in asked}
    started = time.perf_counter()
    for chat, message_id, data in asked:
        await world.press_button(chat, message_id, data=data)
    shown = 0
    deadline = started + 600
    while time.perf_counter() < deadline:
        done = sum(sent(chat) > before[chat] for chat, _, _ in asked)
        if done == len(asked):
            return time.perf_counter() - started
        if done - shown >= max(1, len(asked) // 5):
            print(f"  ... {done}/{len(asked)}", flush=True)
            shown = done
        await asyncio.sleep(0.02)
    raise RuntimeError("not every press was answered in 10 minutes")


def parse_latency(value: str) -> tuple[float, float]:
    low, _, high = value.partition("-")
    return float(low) / 1000, float(high or low) / 1000


async def main_async(args: argparse.Namespace) -> None:
    latency = parse_latency(args.latency)
    rows, cpu_rows, rates = [], [], {}
    for instances in args.instances:
        print(f"{instances} instance(s): {args.presses} presses", flush=True)
        got = await run(
            instances, args.database_url, args.presses, latency, args.connections, args.profile
        )
        rates[instances] = got["rate"]
        print(got, flush=True)
        ratio = got["rate"] / rates[args.instances[0]]
        rows.append(
            f"| {instances} | {args.presses} | {got['rate']:.1f}/s | {ratio:.2f}x "
            f"| {got['handled']} of {args.presses + WARM_UP} | {got['lost']} | {got['doubled']} "
            f"| {', '.join(str(n) for n in got['served'].values())} "
            f"| {got['cpu_share']:.2f} |"
        )
        cpu_rows.append(
            f"| {instances} | "
            + " | ".join(f"{name}: {ms} ms" for name, ms in got["cpu_per_press_ms"].items())
            + " |"
        )
    ms = f"{latency[0] * 1000:.0f}-{latency[1] * 1000:.0f} ms"
    print()
    print(
        f"Latency {ms}, {args.connections} webhook connections, "
        f"{RUNNING} updates at once per instance"
    )
    print("| Instances | Presses | Presses/s | Against one | Updates handled | Lost | Doubled "
          "| Served by each | CPU cores busy |")  # fmt: skip
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    print()
    print("CPU time per press, by process:")
    print("\n".join(cpu_rows))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True, help="a PostgreSQL server's URL")
    parser.add_argument("--presses", type=int, default=300)
    parser.add_argument("--latency", default="40-80", help="round trip in ms")
    parser.add_argument("--connections", type=int, default=40, help="webhook connections")
    parser.add_argument("--profile", type=Path, help="cProfile each instance into this folder")
    parser.add_argument("--instances", type=int, nargs="+", default=[1, 2])
    asyncio.run(main_async(parser.parse_args(argv)))


if __name__ == "__main__":
    main()
