"""The sender under Telegram-like limits: broadcast rate, 429s and an alert's wait.

Run on demand from the repository root (not part of the test suite):

    .venv/bin/python -m bench.delivery --messages 600 --alerts 10

Against the emulator with 40-80 ms latency, 30 new messages a second overall (as a strict
1-second window, then as a token bucket) and one a second per chat, it broadcasts
``--messages`` scheduled messages to as many patients (16 at a time, as the tick sends)
while ``--alerts`` clinician alerts are sent at even intervals during the broadcast. Each
line is measured in the same run for our ``Sender`` and for PTB's ``AIORateLimiter`` (the
baseline). Figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Sequence
from typing import Any, Literal

from telegram.ext import AIORateLimiter, BaseRateLimiter, ExtBot

from bot.sender import Priority, Sender, lane
from emulator.limits import Limits
from emulator.server import EmulatorServer
from emulator.world import World

TOKEN = "123456:bench-delivery"
NURSE = 1


async def broadcast(
    limiter: BaseRateLimiter[Any], model: Literal["window", "bucket"], messages: int, alerts: int
) -> dict[str, float]:
    limits = Limits(model=model, latency=(0.04, 0.08), seed=7)
    world = World(token=TOKEN, limits=limits)
    for user in range(1, messages + 2):
        world.add_user(user, started=True)
    async with EmulatorServer(world) as server:
        bot: ExtBot[Any] = ExtBot(TOKEN, base_url=f"{server.base_url}/bot", rate_limiter=limiter)
        async with bot:
            gate = asyncio.Semaphore(16)
            lanes = isinstance(limiter, Sender)  # PTB's limiter reads the args as max_retries
            started = time.monotonic()

            async def one(chat: int) -> None:
                async with gate:
                    await bot.send_message(
                        chat,
                        "Time for today's exercises",
                        rate_limit_args=lane(Priority.SCHEDULED) if lanes else None,
                    )

            async def alert_times() -> list[float]:
                waits = []
                spacing = messages / 30 / (alerts + 1)
                for _ in range(alerts):
                    await asyncio.sleep(spacing)
                    asked = time.monotonic()
                    await bot.send_message(
                        NURSE,
                        "Alert: pain 8",
                        rate_limit_args=lane(Priority.ALERT) if lanes else None,
                    )
                    waits.append(time.monotonic() - asked)
                return waits

            sends = asyncio.gather(*(one(chat) for chat in range(2, messages + 2)))
            waits, _ = await asyncio.gather(alert_times(), sends)
            elapsed = time.monotonic() - started
    accepted = limits.accepted
    rate = (len(accepted) - 1) / (accepted[-1] - accepted[0])
    return {
        "rate_per_s": rate,
        "share_of_limit": rate / limits.per_second,
        "refused_429": limits.refused,
        "alert_p50_s": statistics.median(waits),
        "alert_max_s": max(waits),
        "elapsed_s": elapsed,
    }


async def main_async(messages: int, alerts: int) -> None:
    print("| Limit model | Sender | Rate (/s) | Share of limit | 429s | Alert p50 | Alert max |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for model in ("window", "bucket"):
        for name, limiter in (
            ("Sender", Sender()),
            ("AIORateLimiter (baseline)", AIORateLimiter(max_retries=3)),
        ):
            got = await broadcast(limiter, model, messages, alerts)
            print(
                f"| {model} | {name} | {got['rate_per_s']:.1f} | {got['share_of_limit']:.1%} "
                f"| {got['refused_429']:.0f} | {got['alert_p50_s']:.2f} s "
                f"| {got['alert_max_s']:.2f} s |",
                flush=True,
            )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=600)
    parser.add_argument("--alerts", type=int, default=10)
    args = parser.parse_args(argv)
    asyncio.run(main_async(args.messages, args.alerts))


if __name__ == "__main__":
    main()
