"""Telegram-like flood limits and latency for the emulator (off unless a World is given them).

Telegram does not publish its exact rules; these are the usual models, as settings:

- ``per_second`` new messages a second for the whole bot, counted either as a **token
  bucket** (``model="bucket"``: up to ``per_second`` at once, refilled evenly) or as a
  **strict window** (``model="window"``: at most ``per_second`` in any 1-second window);
- ``chat_interval`` seconds between new messages in one chat, after a burst of
  ``chat_burst`` (1: strict);
- ``latency``: each request waits a uniformly random time in this range (seconds), half
  before it is counted and half before it is answered, as network transit both ways.

Only calls that put a new message in a chat count (``sendMessage``, ``sendPhoto``...);
edits, button answers and the rest pass. Over a limit the answer is Telegram's
``429 Too Many Requests: retry after N`` with ``parameters.retry_after``.
"""

from __future__ import annotations

import math
import random
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

COUNTED = frozenset(
    {
        "sendmessage",
        "sendphoto",
        "senddocument",
        "sendvideo",
        "sendaudio",
        "sendvoice",
        "sendanimation",
        "sendsticker",
        "sendmediagroup",
        "copymessage",
        "forwardmessage",
    }
)


@dataclass
class Limits:
    """The limits one World enforces; ``refused`` counts the 429s it gave."""

    per_second: int = 30
    model: Literal["bucket", "window"] = "window"
    chat_interval: float = 1.0
    chat_burst: int = 1
    latency: tuple[float, float] = (0.0, 0.0)
    clock: Callable[[], float] = time.monotonic
    seed: int | None = None
    refused: int = 0
    accepted: list[float] = field(default_factory=list)  # when each counted call was let in
    _recent: deque[float] = field(default_factory=deque)
    _tokens: float = -1.0
    _filled_at: float = 0.0
    _chat_tat: dict[int, float] = field(default_factory=dict)
    _random: random.Random = field(default_factory=random.Random)

    def __post_init__(self) -> None:
        if self.seed is not None:
            self._random.seed(self.seed)
        self._tokens = float(self.per_second)

    def transit(self) -> float:
        """Seconds one leg of a request takes (half of a random round trip)."""
        low, high = self.latency
        return self._random.uniform(low, high) / 2 if high > 0 else 0.0

    def admit(self, method: str, chat_id: object) -> int | None:
        """``None`` if the call may go ahead, else the seconds to wait (a 429)."""
        if method.lower() not in COUNTED:
            return None
        now = self.clock()
        wait = self._overall(now)
        chat = chat_id if isinstance(chat_id, int) else None
        if wait is None and chat is not None:
            wait = self._chat(now, chat)
        if wait is not None:
            self.refused += 1
            return max(1, math.ceil(wait))
        self._take(now, chat)
        return None

    def _overall(self, now: float) -> float | None:
        if self.model == "window":
            while self._recent and self._recent[0] <= now - 1.0:
                self._recent.popleft()
            if len(self._recent) >= self.per_second:
                return self._recent[0] + 1.0 - now
            return None
        self._tokens = min(
            float(self.per_second), self._tokens + (now - self._filled_at) * self.per_second
        )
        self._filled_at = now
        return None if self._tokens >= 1.0 - 1e-9 else (1.0 - self._tokens) / self.per_second

    def _chat(self, now: float, chat: int) -> float | None:
        tat = self._chat_tat.get(chat, now)
        allowed_at = tat - (self.chat_burst - 1) * self.chat_interval
        return None if now >= allowed_at - 1e-9 else allowed_at - now

    def _take(self, now: float, chat: int | None) -> None:
        self.accepted.append(now)
        if self.model == "window":
            self._recent.append(now)
        else:
            self._tokens -= 1.0
        if chat is not None:
            self._chat_tat[chat] = max(self._chat_tat.get(chat, now), now) + self.chat_interval
