"""Real ``companion run --webhook`` processes, pointed at an emulator in the test's loop."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

SECRET = "process-webhook-secret"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def instance_env(
    *, token: str, api_base_url: str, database_url: str, port: int, public_url: str
) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WEBHOOK_", "TESTING_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=token,
        TELEGRAM_API_BASE_URL=api_base_url,
        DATABASE_URL=database_url,
        WEBHOOK_URL=public_url,
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(port),
        WEBHOOK_SECRET_TOKEN=SECRET,
        TICK_SECONDS="0.5",
        LOG_LEVEL="INFO",
    )
    return env


def instances_behind(
    public_url: str, ports: list[int], *, token: str, api_base_url: str, database_url: str
) -> list[dict[str, str]]:
    """The environments of one webhook instance per port, all behind ``public_url``."""
    return [
        instance_env(
            token=token,
            api_base_url=api_base_url,
            database_url=database_url,
            port=port,
            public_url=public_url,
        )
        for port in ports
    ]


@contextlib.asynccontextmanager
async def webhook_process(
    env: dict[str, str], folder: Path
) -> AsyncIterator[asyncio.subprocess.Process]:
    """``companion run --webhook`` until the block ends, then SIGTERM; the exit code is
    checked by the caller through ``process.returncode``."""
    await asyncio.to_thread(folder.mkdir, parents=True, exist_ok=True)
    log = await asyncio.to_thread((folder / "instance.log").open, "wb")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        "--webhook",
        env=env,
        cwd=folder,
        stdout=log,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        yield process
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
                await process.wait()
        log.close()
