"""The one sender every outgoing Bot API call goes through, with a lane for alerts.

PTB hands each request to the application's rate limiter; ``Sender`` is that limiter
(``ApplicationBuilder().rate_limiter(Sender())``). It keeps Telegram's limits and decides
who goes first:

- **Overall, at most ``per_second`` calls a second, with no burst**: calls are spaced
  ``1 / per_second`` apart, and no more than ``per_second`` *reach Telegram* within any
  1-second window, so a strict window on Telegram's side never sees a 31st, at the window's
  edge included. (PTB's own limiter lets 30 go at once.) When a call reached Telegram is
  not known, only bounded: after the call started (``_Call.started``, when the request
  really left, after any event-loop lag) and before its answer came back. The sender
  learns the shortest round trip seen and takes half of it as the least one-way transit
  (``_least_leg``), so a call arrived at least that long after it started and at least
  that long before its answer. A new call starts only when the ``per_second``-th most
  recent call had surely arrived ``1 + margin`` seconds before the new one can arrive; a
  call still in flight counts as not arrived yet. The cost is the round trip's jitter,
  not the round trip: about 97% of the limit at 40-80 ms.
- **Only new messages count** against the overall rate (``NEW_MESSAGE``: what Telegram
  limits, and what the emulator counts). A button's answer (``answerCallbackQuery``, which
  the person's app waits for) and an edit (clearing the pressed buttons, updating an
  alert) go at once, by lane, never behind a broadcast's spacing: they took a third of
  every press's place in the overall rate and held answers back during a broadcast.
  A 429 pause still holds them.
- **One message a second per chat** (``chat_interval``) on average, with a burst of at
  most ``chat_burst`` (3: a reply of two or three messages is not held back; Telegram
  allows short bursts in private chats), counted on the calls that put a new message in
  a chat (``sendMessage``, ``sendPhoto``...). ``chat_burst=1`` makes it strict. A chat
  waiting for its turn never holds up the other chats.
- **Lanes**: when a slot frees, the waiting call of the most urgent lane goes first:
  ``ALERT`` (a clinician's alert, an escalation step), then ``ANSWER`` (what a person just
  pressed or typed; the default), then ``SCHEDULED`` (reminders, check-ins). Call sites
  say which with ``rate_limit_args=lane(Priority.ALERT)``, which PTB passes on here.
- **A ``RetryAfter`` pauses only what it must**: a 429 on a call to one chat pauses that
  chat; a 429 without a chat, or 429s on two different chats within ``retry_after``,
  pause everything (then it is the overall limit). The call is retried up to
  ``max_retries`` times, after the pause.
- **A last check before each call leaves** (``checked_before_each_call``): a call made
  inside it awaits the check right before each try goes to Telegram, after its wait for a
  turn or a 429's pause, and is not made when the check raises. The outbox uses it to
  send nothing from a row another instance took over while the message waited here.

``getUpdates`` and the webhook and identity calls are never held back.
The clock and the sleep are injectable, so the tests run on a fake clock.
"""

from __future__ import annotations

import asyncio
import contextvars
import itertools
import logging
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from enum import IntEnum
from typing import Any, cast

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter, ExtBot

log = logging.getLogger(__name__)

CATCH_UP = 0.010  # seconds of a late wake-up that the next slots may make up


class Priority(IntEnum):
    """The lanes, most urgent first."""

    ALERT = 0
    ANSWER = 1
    SCHEDULED = 2


RateLimitArgs = dict[str, Any]


def lane(priority: Priority) -> RateLimitArgs:
    """The ``rate_limit_args`` that put a call in ``priority``'s lane."""
    return {"priority": priority}


def with_lanes(bot: ExtBot[Any]) -> ExtBot[RateLimitArgs]:
    """``bot`` typed as the sender's: PTB's default context types say it takes no
    ``rate_limit_args``, but the application's limiter is always a ``Sender``."""
    return cast("ExtBot[RateLimitArgs]", bot)


Check = Callable[[], Awaitable[None]]
_BEFORE_EACH_CALL: contextvars.ContextVar[Check | None] = contextvars.ContextVar(
    "before_each_call", default=None
)


@contextmanager
def checked_before_each_call(check: Check) -> Iterator[None]:
    """The calls made inside (by this task, and by the tasks it starts meanwhile) await
    ``check`` right before each try leaves for Telegram: after the wait for a turn or for
    a 429's pause, which can be long. ``check`` raises to stop the call; nothing is sent."""
    token = _BEFORE_EACH_CALL.set(check)
    try:
        yield
    finally:
        _BEFORE_EACH_CALL.reset(token)


# Calls that are not messages to anyone: never held back.
UNLIMITED = frozenset(
    {"getUpdates", "getMe", "setWebhook", "deleteWebhook", "getWebhookInfo", "close", "logOut"}
)
# Calls that put a new message in a chat: these count against the chat's one a second.
NEW_MESSAGE = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "sendVideo",
        "sendAudio",
        "sendVoice",
        "sendAnimation",
        "sendVideoNote",
        "sendSticker",
        "sendMediaGroup",
        "sendLocation",
        "sendVenue",
        "sendContact",
        "sendPoll",
        "sendDice",
        "copyMessage",
        "forwardMessage",
    }
)


@dataclass
class _Call:
    """One call let through: when it started (``None``: granted, not started yet) and when
    its answer came back (``None``: still in flight)."""

    started: float | None = None
    answered: float | None = None


@dataclass(order=True)
class _Waiter:
    priority: int
    order: int
    chat: int | None = field(compare=False)
    new_message: bool = field(compare=False)
    granted: asyncio.Future[None] = field(compare=False)
    call: _Call = field(default_factory=_Call, compare=False)


class Sender(BaseRateLimiter[RateLimitArgs]):
    """Telegram's limits, lanes by priority, and pauses only where a 429 says so."""

    def __init__(
        self,
        *,
        per_second: float = 30.0,
        chat_interval: float = 1.0,
        chat_burst: int = 3,
        margin: float = 0.01,
        max_retries: int = 3,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.per_second = per_second
        self.spacing = 1.0 / per_second
        self.window = 1.0 + margin  # between the arrivals of a call and the per_second-th after
        self.chat_interval = chat_interval
        self.chat_burst = max(1, chat_burst)
        self.max_retries = max_retries
        self.clock = clock
        self.sleep = sleep
        self._limit = max(1, int(per_second))
        self._calls: deque[_Call] = deque(maxlen=2 * self._limit)  # the latest, in grant order
        self._least_round_trip: float | None = None
        # The ideal time of the last slot: slots follow a timeline 1/per_second apart, so a
        # sleep that wakes a little late (a few ms) does not cost throughput; never more
        # than CATCH_UP is made up, so there is no burst after an idle spell.
        self._slot_at = -1e18
        # Per chat, GCRA's "theoretical arrival time": one message per chat_interval on
        # average, at most chat_burst at once.
        self._chat_tat: dict[int, float] = {}
        self._chat_paused: dict[int, float] = {}  # chats paused by a 429, until when
        self._paused_until = 0.0  # everything paused by a 429, until when
        self._last_429: tuple[int | None, float] | None = None  # (chat, when)
        self._waiting: list[_Waiter] = []
        self._order = itertools.count()
        self._wake = asyncio.Event()
        self._dispatcher: asyncio.Task[None] | None = None

    async def initialize(self) -> None:
        """Nothing to set up: the dispatcher starts with the first call."""

    async def shutdown(self) -> None:
        """Stop granting; calls still waiting are cancelled."""
        task, self._dispatcher = self._dispatcher, None
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        for waiter in self._waiting:
            waiter.granted.cancel()
        self._waiting.clear()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: RateLimitArgs | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        if endpoint in UNLIMITED:
            return await callback(*args, **kwargs)
        priority = Priority((rate_limit_args or {}).get("priority", Priority.ANSWER))
        chat = data.get("chat_id")
        chat_id = chat if isinstance(chat, int) and not isinstance(chat, bool) else None
        check = _BEFORE_EACH_CALL.get()
        retries = 0
        while True:
            call = await self.slot(priority, chat_id, new_message=endpoint in NEW_MESSAGE)
            try:
                if check is not None:  # the wait may have been long: still ours to send?
                    await check()
                call.started = self.clock()
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                if retries >= self.max_retries:
                    raise
                retries += 1
                wait = _seconds(error)
                everything = self._pause(chat_id, wait)
                log.warning(
                    "sender: Telegram asked to wait %.1f s (%s); %s paused, try %d of %d",
                    wait,
                    endpoint,
                    "all sends" if everything else "one chat",
                    retries,
                    self.max_retries,
                )
            finally:
                self._answered(call)

    async def slot(self, priority: Priority, chat_id: int | None, *, new_message: bool) -> _Call:
        """Wait for this call's turn; the caller notes when it starts and is answered."""
        granted: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        waiter = _Waiter(priority, next(self._order), chat_id, new_message, granted)
        self._waiting.append(waiter)
        self._wake.set()
        if self._dispatcher is None or self._dispatcher.done():
            self._dispatcher = asyncio.create_task(self._dispatch(), name="sender")
        try:
            await granted
        except BaseException:
            if granted.done() and not granted.cancelled():  # granted, then cancelled: the
                self._answered(waiter.call)  # slot counts as used now, never as in flight
            else:
                self._drop(waiter)
            raise
        return waiter.call

    def _answered(self, call: _Call) -> None:
        now = self.clock()
        call.answered = now
        if call.started is not None:
            trip = now - call.started
            if self._least_round_trip is None or trip < self._least_round_trip:
                self._least_round_trip = trip
        self._wake.set()  # a full window may have room now

    def _drop(self, waiter: _Waiter) -> None:
        if waiter in self._waiting:
            self._waiting.remove(waiter)

    def _pause(self, chat_id: int | None, seconds: float) -> bool:
        """Pause the chat, or everything; ``True`` when everything was paused."""
        now = self.clock()
        until = now + seconds
        last, self._last_429 = self._last_429, (chat_id, now)
        recent_other_chat = (
            last is not None and last[0] != chat_id and now - last[1] < max(seconds, 1.0)
        )
        if chat_id is None or recent_other_chat:
            self._paused_until = max(self._paused_until, until)
            return True
        self._chat_paused[chat_id] = max(self._chat_paused.get(chat_id, 0.0), until)
        return False

    def _chat_ready_at(self, waiter: _Waiter) -> float:
        if waiter.chat is None:
            return 0.0
        ready = self._chat_paused.get(waiter.chat, 0.0)
        if waiter.new_message and waiter.chat in self._chat_tat:
            allowance = (self.chat_burst - 1) * self.chat_interval
            ready = max(ready, self._chat_tat[waiter.chat] - allowance)
        return ready

    def _least_leg(self) -> float:
        """The least one-way transit: half the shortest round trip seen (0 before any)."""
        return (self._least_round_trip or 0.0) / 2

    def _overall_ready_at(self) -> float:
        """When the next call may start: ``inf`` while the window is full of calls that
        may not have arrived yet (in flight); an answer wakes the dispatcher."""
        ready = self._paused_until
        if not self._calls:
            return ready
        ready = max(ready, self._slot_at + self.spacing)
        if len(self._calls) < self._limit:
            return ready
        leg = self._least_leg()
        # The latest each call can have reached Telegram; a call in flight: not yet known.
        arrived_by = sorted(
            (math.inf if c.answered is None else c.answered - leg for c in self._calls),
            reverse=True,
        )
        boundary = arrived_by[self._limit - 1]  # the per_second-th most recent arrival
        # The new call arrives at least ``leg`` after it starts.
        return max(ready, boundary + self.window - leg)

    async def _dispatch(self) -> None:
        """Grant slots one at a time, the most urgent eligible waiter first."""
        while True:
            self._waiting = [w for w in self._waiting if not w.granted.done()]
            if not self._waiting:
                self._wake.clear()
                await self._wake.wait()
                continue
            now = self.clock()
            if self._paused_until <= now:  # button answers and edits go at once, by lane
                free = [
                    w for w in self._waiting if not w.new_message and self._chat_ready_at(w) <= now
                ]
                for waiter in sorted(free):
                    self._waiting.remove(waiter)  # and never in the window's calls
                    waiter.granted.set_result(None)
                if free:
                    continue
            overall = self._overall_ready_at()
            if overall == math.inf:  # wait for an answer (or a new, more urgent call)
                await self._nap(1.0)
                continue
            if overall > now:  # a button answer arriving meanwhile need not wait
                await self._nap(overall - now)
                continue
            eligible = [w for w in self._waiting if self._chat_ready_at(w) <= now]
            if not eligible:  # every waiting call is for a chat that must wait its turn
                soonest = min(self._chat_ready_at(w) for w in self._waiting)
                await self._nap(soonest - now)
                continue
            chosen = min(eligible)
            self._waiting.remove(chosen)
            ideal = self._slot_at + self.spacing
            self._slot_at = ideal if ideal >= now - CATCH_UP else now
            self._calls.append(chosen.call)
            if chosen.chat is not None and chosen.new_message:
                tat = max(self._chat_tat.get(chosen.chat, now), now)
                self._chat_tat[chosen.chat] = tat + self.chat_interval
            self._forget_idle_chats(now)
            chosen.granted.set_result(None)

    async def _nap(self, seconds: float) -> None:
        """Sleep ``seconds``, or less if a new call arrives (it may be for another chat)."""
        self._wake.clear()
        napping = asyncio.ensure_future(self.sleep(seconds))
        woken = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait({napping, woken}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (napping, woken):
                task.cancel()
            await asyncio.gather(napping, woken, return_exceptions=True)

    def _forget_idle_chats(self, now: float) -> None:
        if len(self._chat_tat) > 10_000:  # keep the maps small on a big broadcast
            self._chat_tat = {c: t for c, t in self._chat_tat.items() if t > now}
            self._chat_paused = {c: t for c, t in self._chat_paused.items() if t > now}


def _seconds(error: RetryAfter) -> float:
    """The wait a 429 asks for. PTB's own limiter reads the timedelta the same way; the
    public ``retry_after`` warns about its coming change from int to timedelta."""
    value = getattr(error, "_retry_after", None)
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(error.retry_after)  # type: ignore[arg-type]
