"""Plain records the emulator keeps and hands to tests: requests, faults, answers, messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from emulator.objects import Button, MessageKind

FaultKind = Literal["429", "500", "403", "delay"]
FAULT_KINDS: frozenset[str] = frozenset({"429", "500", "403", "delay"})


class BotRequest(NamedTuple):
    """One call the bot made: the method name and its (coerced) parameters."""

    method: str
    params: dict[str, Any]


@dataclass(frozen=True)
class Fault:
    """A scheduled failure for the next call of a method."""

    kind: FaultKind
    retry_after: int = 1
    delay: float = 0.0


@dataclass(frozen=True)
class CallbackAnswer:
    """What the bot answered to a button press."""

    callback_query_id: str
    user_id: int
    text: str | None
    show_alert: bool
    url: str | None


@dataclass(frozen=True)
class BotMessage:
    """A snapshot of one message the bot sent, as the user currently sees it."""

    chat_id: int
    message_id: int
    kind: MessageKind
    text: str | None
    buttons: list[list[Button]]
    edited: bool
    deleted: bool
    version: int
    raw: dict[str, Any] = field(repr=False, compare=False)

    def buttons_flat(self) -> list[Button]:
        """All buttons row by row, the order ``press_button(index=...)`` counts in."""
        return [button for row in self.buttons for button in row]

    def summary(self) -> str:
        """A one-line description for error messages and logs of tests."""
        flags = "".join([" (edited)" if self.edited else "", " (deleted)" if self.deleted else ""])
        labels = [text for text, _ in self.buttons_flat()]
        return f"#{self.message_id} {self.kind}{flags}: {self.text!r} buttons={labels}"


@dataclass
class Webhook:
    """The webhook the bot registered with ``setWebhook``."""

    url: str
    secret_token: str | None = None
    max_connections: int = 40
    allowed_updates: list[str] | None = None
    ip_address: str | None = None
    last_error_date: int | None = None
    last_error_message: str | None = None


@dataclass
class PendingCallback:
    """A button press the bot has not answered yet; ``pressed_at`` is on ``World.answer_time``."""

    user_id: int
    pressed_at: float
    answered: bool = False
