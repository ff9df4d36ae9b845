"""Run the emulator over HTTP on loopback, inside the caller's event loop or standalone."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import sys
from collections.abc import Generator
from pathlib import Path
from types import TracebackType
from typing import Self, TextIO

import uvicorn
from starlette.types import ASGIApp

from emulator.app import create_app
from emulator.world import World


class _QuietServer(uvicorn.Server):
    """A uvicorn server that leaves signals alone and reports when it listens."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.listening = asyncio.Event()
        self.exit_requested = asyncio.Event()

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        self.listening.set()

    async def main_loop(self) -> None:
        """Wait for :meth:`request_exit` instead of uvicorn's 0.1 s ticking loop."""
        await self.on_tick(0)
        await self.exit_requested.wait()

    def request_exit(self) -> None:
        self.should_exit = True
        self.exit_requested.set()


class LoopbackServer:
    """Serve any ASGI app with uvicorn in the running event loop (an async context manager).

    Port 0 picks a free port; ``base_url`` is known once started.
    """

    def __init__(self, app: ASGIApp, host: str = "127.0.0.1", port: int = 0) -> None:
        self.app = app
        self.host = host
        self.port = port
        self._socket: socket.socket | None = None
        self._server: _QuietServer | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def base_url(self) -> str:
        if self._socket is None:
            raise RuntimeError("the server is not running")
        return f"http://{self.host}:{self.port}"

    async def start(self) -> None:
        """Bind, serve from a task of the running loop, and return once it listens."""
        # proto=IPPROTO_TCP matters: asyncio only sets TCP_NODELAY (no 40 ms Nagle stalls)
        # on accepted connections of sockets that declare it.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        sock.listen(128)
        sock.setblocking(False)
        self._socket, self.port = sock, sock.getsockname()[1]
        config = uvicorn.Config(
            self.app,
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=2,
        )
        server = self._server = _QuietServer(config)
        self._task = asyncio.create_task(server.serve(sockets=[sock]))
        listening = asyncio.create_task(server.listening.wait())
        await asyncio.wait({self._task, listening}, return_when=asyncio.FIRST_COMPLETED)
        if not server.listening.is_set():
            listening.cancel()
            await self.stop()
            raise RuntimeError(f"the server failed to start on {self.host}:{self.port}")

    async def stop(self) -> None:
        """Shut the server down and wait for it."""
        if self._server is not None:
            self._server.request_exit()
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)
        if self._socket is not None:
            self._socket.close()
        self._server = self._task = self._socket = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()


class EmulatorServer(LoopbackServer):
    """Serve ``world`` over HTTP; point PTB at ``f"{server.base_url}/bot"``."""

    def __init__(self, world: World, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__(create_app(world), host, port)
        self.world = world

    async def start(self) -> None:
        self.world.reopen()
        await super().start()

    async def stop(self) -> None:
        """Wake pending long polls and stop webhook delivery first, so shutdown is quick."""
        await self.world.aclose()
        await super().stop()


def serve(
    host: str = "127.0.0.1",
    port: int = 8081,
    schema_path: str | Path | None = None,
    token: str | None = None,
    bot_username: str = "rehab_companion_bot",
    *,
    out: TextIO = sys.stdout,
) -> None:
    """Run the emulator until interrupted, printing the base URL once it listens."""
    world = World(token=token, schema_path=schema_path, bot_username=bot_username)

    async def main() -> None:
        async with EmulatorServer(world, host, port) as server:
            print(f"Telegram Bot API emulator listening on {server.base_url}", file=out)
            print(
                f"Point the bot at it: TELEGRAM_API_BASE_URL={server.base_url}",
                file=out,
                flush=True,
            )
            await asyncio.Event().wait()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main())
