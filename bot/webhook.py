"""Webhook mode: Telegram POSTs each update to us, so several instances can share the work.

One Starlette app per process, served by uvicorn (the pattern of PTB's
``customwebhookbot/starlettebot.py``), with two routes:

- ``POST <WEBHOOK_PATH>``: one update. A request without the right
  ``X-Telegram-Bot-Api-Secret-Token`` is refused with 403 and never read further. The
  update is claimed in the database (``bot.services.received_updates``), so a redelivery is
  processed once, by whichever instance gets it first; then it is processed *before* the
  answer: 200 means handled. If handling takes longer than ``answer_within`` the answer is
  503 and Telegram delivers the update again later; the redelivery is answered 503 while
  the first is still working and 200, without processing, once it has finished.
  Updates are processed by the application's update processor (``bot.update_order``):
  side by side, but one at a time in each chat, in the order they arrive, exactly as in
  polling mode. The application marks the claim handled once its handlers are done.
- ``GET /healthz``: for a load balancer. 200 when the process is alive, the database
  answers and this instance's tick ran recently; 503 otherwise. It names no patient.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import signal
from collections.abc import AsyncIterator, Callable, Generator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import uvicorn
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application

from bot.clock import Clock
from bot.db.engine import SessionFactory, off_the_loop
from bot.durable_updates import DurableApplication
from bot.services import received_updates
from bot.services.received_updates import Claim
from scheduler import store

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
HEALTH_PATH = "/healthz"
PRUNE_EVERY = timedelta(minutes=10)

App = Application[Any, Any, Any, Any, Any, Any]


def _wall_clock() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Health:
    """What ``/healthz`` checks: the database, and this instance's tick heartbeat.

    ``worker`` is the tick's name in the ``schedulerinstance`` table (``None``: this
    process runs no tick, so only the database is checked). ``clock`` is the tick's clock.
    """

    open_db: SessionFactory
    clock: Clock
    worker: str | None
    stale_after: timedelta = timedelta(minutes=5)

    def check(self) -> tuple[bool, dict[str, Any]]:
        """Whether this instance is healthy, and a report of plain statuses and ages."""
        report: dict[str, Any] = {"alive": True}
        try:
            with self.open_db() as db:
                db.execute(text("SELECT 1"))
                instances = store.instances(db) if self.worker is not None else []
        except Exception as error:  # the reason is logged by type only
            log.warning("healthz: the database did not answer: %s", type(error).__name__)
            report.update(database="unreachable", tick="unknown")
            return False, report
        report["database"] = "ok"
        if self.worker is None:
            report["tick"] = "not run here"
            return True, report
        mine = next((i for i in instances if i.worker == self.worker), None)
        if mine is None or mine.stopped_at is not None:
            report["tick"] = "not running"
            return False, report
        age = (self.clock.now() - (mine.last_tick_at or mine.started_at)).total_seconds()
        report["tick_age_seconds"] = round(age, 1)
        fresh = age <= self.stale_after.total_seconds()
        report["tick"] = "ok" if fresh else "stale"
        return fresh, report


class WebhookReceiver:
    """The ASGI app that receives updates for ``application`` (initialized and started)."""

    def __init__(
        self,
        application: App,
        *,
        path: str,
        secret_token: str,
        open_db: SessionFactory,
        health: Health,
        answer_within: float = 50.0,
        wall_clock: Callable[[], datetime] = _wall_clock,
    ) -> None:
        if not secret_token:
            raise ValueError("a webhook needs a secret token")
        if not isinstance(application, DurableApplication):  # it marks updates handled
            raise TypeError("the webhook needs the application of bot.app.build_application")
        self.application = application
        self.path = path
        self._secret = secret_token.encode()
        self.open_db = open_db
        self.health = health
        self.answer_within = answer_within
        # The claim's lease is wall-clock time, whatever clock the bot's rules run on.
        self.lease = timedelta(seconds=answer_within + 30)
        self.wall_clock = wall_clock
        self._working: set[asyncio.Task[None]] = set()
        self._pruned_at: datetime | None = None
        self.app = Starlette(
            routes=[
                Route(path, self._receive, methods=["POST"]),
                Route(HEALTH_PATH, self._healthz, methods=["GET"]),
            ]
        )

    async def drain(self) -> None:
        """Wait for the updates still being processed (shutdown)."""
        if self._working:
            await asyncio.gather(*self._working, return_exceptions=True)

    async def _receive(self, request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            log.warning("webhook: a request without the right secret token was refused")
            return Response(status_code=403)
        try:
            body = await request.json()
            update_id = int(body["update_id"])
        except (ValueError, KeyError, TypeError):
            return Response(status_code=400)
        await self._maybe_prune()

        def take() -> Claim:
            with self.open_db() as db:
                return received_updates.claim(db, update_id, self.wall_clock(), self.lease)

        # Off the event loop: a claim is a database round trip (on PostgreSQL, a few ms on
        # a busy machine), and the loop meanwhile runs the other chats' updates and sends.
        claim = await off_the_loop(take)
        if claim is Claim.DONE:
            log.info("webhook: update %s was delivered again; already handled", update_id)
            return Response(status_code=200)
        if claim is Claim.BUSY:
            return Response(status_code=503, headers={"Retry-After": "5"})
        try:
            update = Update.de_json(body, self.application.bot)
        except Exception as error:  # not an update after all: let it be sent again, fixed
            log.warning("webhook: update %s could not be read: %s", update_id, type(error).__name__)
            with self.open_db() as db:
                received_updates.forget(db, update_id)
            return Response(status_code=400)
        work = asyncio.create_task(self._process(update, update_id))
        self._working.add(work)
        work.add_done_callback(self._working.discard)
        try:
            await asyncio.wait_for(asyncio.shield(work), self.answer_within)
        except TimeoutError:  # still working: Telegram will ask again; that one is told 503
            log.warning("webhook: update %s is taking long; answered 503", update_id)
            return Response(status_code=503, headers={"Retry-After": "5"})
        except Exception:  # logged by _process, the claim forgotten: let Telegram retry
            return Response(status_code=500)
        return Response(status_code=200)

    async def _process(self, update: Update, update_id: int) -> None:
        application = self.application
        try:
            # Handler failures are caught by the application and go to its error handler;
            # it marks the update handled (bot.durable_updates.DurableApplication).
            await application.update_processor.process_update(
                update, application.process_update(update)
            )
        except BaseException as error:
            log.error("webhook: update %s was not processed: %s", update_id, type(error).__name__)
            with self.open_db() as db:
                received_updates.forget(db, update_id)
            raise

    async def _maybe_prune(self) -> None:
        now = self.wall_clock()
        if self._pruned_at is not None and now - self._pruned_at < PRUNE_EVERY:
            return
        self._pruned_at = now

        def prune() -> None:
            with self.open_db() as db:
                received_updates.prune(db, now)

        try:
            await off_the_loop(prune)
        except Exception as error:  # pruning is housekeeping: never refuse an update for it
            log.warning("webhook: old update ids not pruned: %s", type(error).__name__)

    async def _healthz(self, _request: Request) -> Response:
        healthy, report = await asyncio.to_thread(self.health.check)
        report["status"] = "ok" if healthy else "unhealthy"
        return JSONResponse(report, status_code=200 if healthy else 503)


async def register(
    application: App, url: str, secret_token: str, *, max_connections: int = 40
) -> None:
    """Tell Telegram where to send updates. Every instance does it at start, with the
    same values, so it is harmless when several do; pending updates are kept."""
    await application.bot.set_webhook(
        url=url,
        secret_token=secret_token,
        allowed_updates=ALLOWED_UPDATES,
        drop_pending_updates=False,
        max_connections=max_connections,
    )


@contextlib.asynccontextmanager
async def running(application: App) -> AsyncIterator[App]:
    """The application's lifecycle as ``run_polling`` has it, without the updater:
    initialize, post_init (menus, the tick), start; then stop, post_stop, shutdown."""
    await application.initialize()
    try:
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        try:
            yield application
        finally:
            await application.stop()
            if application.post_stop is not None:
                await application.post_stop(application)
    finally:
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)


@dataclass(frozen=True)
class WebhookSettings:
    """Where this instance listens and what it registers with Telegram."""

    public_url: str  # e.g. https://companion.clinic.example
    path: str
    listen: str
    port: int
    secret_token: str
    max_connections: int = 40

    @property
    def url(self) -> str:
        return self.public_url.rstrip("/") + self.path


class _Server(uvicorn.Server):
    """uvicorn that stops on SIGINT/SIGTERM without re-raising them afterwards, and says
    when it listens (the webhook is registered only then)."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.listening = asyncio.Event()

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        loop = asyncio.get_running_loop()
        handled = (signal.SIGINT, signal.SIGTERM)
        for sig in handled:
            loop.add_signal_handler(sig, self._exit)
        try:
            yield
        finally:
            for sig in handled:
                loop.remove_signal_handler(sig)

    def _exit(self) -> None:
        self.should_exit = True

    async def startup(self, sockets: Any = None) -> None:
        await super().startup(sockets=sockets)
        self.listening.set()


async def serve(
    application: App, settings: WebhookSettings, health: Health, open_db: SessionFactory
) -> bool:
    """Run the bot in webhook mode until SIGINT/SIGTERM; ``False`` if it could not listen."""
    async with running(application):
        receiver = WebhookReceiver(
            application,
            path=settings.path,
            secret_token=settings.secret_token,
            open_db=open_db,
            health=health,
        )
        config = uvicorn.Config(
            receiver.app,
            host=settings.listen,
            port=settings.port,
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=30,
        )
        server = _Server(config)
        serving = asyncio.create_task(server.serve())
        listening = asyncio.create_task(server.listening.wait())
        await asyncio.wait({serving, listening}, return_when=asyncio.FIRST_COMPLETED)
        if not server.listening.is_set():
            listening.cancel()
            await asyncio.gather(serving, listening, return_exceptions=True)
            return False
        await register(
            application,
            settings.url,
            settings.secret_token,
            max_connections=settings.max_connections,
        )
        log.info("webhook: listening on %s:%s", settings.listen, settings.port)
        await serving
        await receiver.drain()
    return True
