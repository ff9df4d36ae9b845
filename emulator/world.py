"""The emulated Telegram world: users, private chats, the bot's updates and messages.

Tests drive the user side through this object (``send_text``, ``press_button``) and
observe the bot through it (``bot_messages``, ``wait_for_bot_message``); the bot reaches
the same state over HTTP (see ``methods.py``). Waiting never polls: every change wakes
the waiters through an :class:`asyncio.Event` that is replaced on each change.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from emulator.formatting import command_entities
from emulator.limits import Limits
from emulator.objects import (
    BotIdentity,
    EmuUser,
    StoredFile,
    StoredMessage,
    inline_buttons,
    message_json,
    user_json,
)
from emulator.records import (
    FAULT_KINDS,
    BotMessage,
    BotRequest,
    CallbackAnswer,
    Fault,
    FaultKind,
    PendingCallback,
    Webhook,
)
from emulator.schema import Schema

T = TypeVar("T")
REQUEST_LOG_SIZE = 1000


class World:
    """All state of one emulated Telegram, shared by the HTTP app and test code."""

    def __init__(
        self,
        *,
        token: str | None = None,
        schema_path: str | Path | None = None,
        bot_username: str = "rehab_companion_bot",
        bot_id: int = 7_000_000_001,
        bot_first_name: str = "Rehab Companion",
        clock: Callable[[], float] = time.time,
        request_log_size: int = REQUEST_LOG_SIZE,
        answer_clock: Callable[[], float] | None = None,
        limits: Limits | None = None,
    ) -> None:
        """``clock`` dates messages; ``answer_clock`` (default: ``clock``) times the 15 s in
        which a button press may be answered. Telegram's limit is real time: a world on
        simulated time passes a real clock here, or no answer would ever be in time."""
        self.token = token
        self.limits = limits  # Telegram-like flood limits and latency; None: unlimited
        self.schema = Schema.load(schema_path) if schema_path is not None else None
        self.bot = BotIdentity(id=bot_id, username=bot_username, first_name=bot_first_name)
        self.clock = clock
        self.answer_clock = answer_clock
        self.users: dict[int, EmuUser] = {}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        # The most recent bot calls only: a polling bot calls getUpdates forever.
        self.requests: deque[BotRequest] = deque(maxlen=request_log_size)
        self._request_waiters = 0
        self.callback_answers: list[CallbackAnswer] = []
        self.files: dict[str, StoredFile] = {}
        self.webhook: Webhook | None = None
        self.updates: list[dict[str, Any]] = []
        self.polls = 0  # getUpdates calls so far: a newer one ends an older one (409)
        self.polls_waiting = 0  # long polls waiting right now
        self.callbacks: dict[str, PendingCallback] = {}
        self.messages: dict[int, dict[int, StoredMessage]] = {}
        self.version = 0
        self._next_update_id = 1
        self._ids = itertools.count(1)
        self._faults: dict[str, deque[Fault]] = {}
        self.webhook_task: asyncio.Task[None] | None = None
        # Webhook POSTs in flight at once (one per chat); 1: one at a time, in order.
        self.webhook_connections = 1
        self._changed = asyncio.Event()
        self._released = False

    # -- users ------------------------------------------------------------------------

    def add_user(
        self,
        user_id: int,
        first_name: str = "Pat",
        language_code: str | None = "en",
        *,
        username: str | None = None,
        last_name: str | None = None,
        started: bool = False,
    ) -> EmuUser:
        """Create (or update) a user and their private chat with the bot.

        Like on Telegram, the bot can only message a user who has written to it (403
        otherwise): the user counts as having started the bot after their first
        :meth:`send_text`, or at once with ``started=True``.
        """
        user = self.users.get(user_id)
        if user is None:
            user = EmuUser(user_id, first_name, language_code, username, last_name)
            self.users[user_id] = user
            self.messages[user_id] = {}
        else:
            user.first_name, user.language_code = first_name, language_code
            user.username = username if username is not None else user.username
            user.last_name = last_name if last_name is not None else user.last_name
        user.started = user.started or started
        return user

    def user(self, user_id: int) -> EmuUser:
        """The user with ``user_id``, created with defaults on first use."""
        return self.users.get(user_id) or self.add_user(user_id)

    async def send_text(
        self, user_id: int, text: str, language_code: str | None = None
    ) -> dict[str, Any]:
        """The user sends ``text`` to the bot; returns the ``Message`` the bot will get."""
        user = self.user(user_id)
        if language_code is not None:
            user.language_code = language_code
        user.started = True
        message = self.store_message(user_id, from_bot=False, text=text)
        message.entities = command_entities(text)
        payload = message_json(message, user, self.bot)
        self.enqueue_update({"message": payload})
        return payload

    async def press_button(
        self, user_id: int, message_id: int, *, data: str | None = None, index: int | None = None
    ) -> str:
        """The user presses an inline button (by ``callback_data`` or 0-based ``index``).

        Returns the callback query id. Raises ``ValueError`` if the bot message has no
        such callback button.
        """
        if (data is None) == (index is None):
            raise ValueError("press_button needs exactly one of data= or index=")
        user = self.user(user_id)
        message = self.messages[user_id].get(message_id)
        if message is None or not message.from_bot or message.deleted:
            raise ValueError(f"chat {user_id} has no bot message {message_id}")
        buttons = [b for row in inline_buttons(message.reply_markup) for b in row]
        if index is not None:
            if not 0 <= index < len(buttons):
                raise ValueError(f"message {message_id} has no button at index {index}")
            data = _callback_data(message, index)
        elif data not in {target for _, target in buttons} or data is None:
            raise ValueError(f"message {message_id} has no button with data {data!r}")
        if data is None:
            raise ValueError(f"button {index} of message {message_id} is not a callback button")
        query_id = str(next(self._ids) * 1_000_003)
        self.callbacks[query_id] = PendingCallback(user_id, pressed_at=self.answer_time())
        query = {
            "id": query_id,
            "from": user_json(user),
            "message": message_json(message, user, self.bot),
            "chat_instance": str(-user_id - 1_000),
            "data": data,
        }
        self.enqueue_update({"callback_query": query})
        return query_id

    # -- observing the bot --------------------------------------------------------------

    def bot_messages(self, chat_id: int) -> list[BotMessage]:
        """Every message the bot sent to ``chat_id``, in its current state."""
        return [self.snapshot(m) for m in self.messages.get(chat_id, {}).values() if m.from_bot]

    def last_message_id(self, chat_id: int) -> int:
        """The highest message id in the chat so far (user or bot), 0 if none.

        Ids are handed out in increasing order and never removed (a deletion only marks the
        message), so the newest key is the last one inserted: O(1), however long the chat."""
        return next(reversed(self.messages.get(chat_id, {})), 0)

    async def wait_for_bot_message(
        self,
        chat_id: int,
        *,
        after_message_id: int = 0,
        predicate: Callable[[BotMessage], bool] | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the documented API
    ) -> BotMessage:
        """The first live bot message with id > ``after_message_id`` that satisfies
        ``predicate``, waiting up to ``timeout`` seconds for one to arrive or to be edited
        into shape. Messages at or below ``after_message_id`` never count (use
        :meth:`wait_for_edit` for those); take the mark with :meth:`last_message_id`
        before acting so that a fast reply is not missed."""

        def find() -> BotMessage | None:
            # Only the messages after the mark are looked at (and snapshotted): a chat of
            # thousands of old messages must not make every wait cost thousands of copies.
            for stored in _newer_than(self.messages.get(chat_id, {}), after_message_id):
                if not stored.from_bot or stored.deleted:
                    continue
                message = self.snapshot(stored)
                if predicate is None or predicate(message):
                    return message
            return None

        return await self._wait_for(find, timeout, chat_id, "a matching bot message")

    async def wait_for_edit(
        self,
        chat_id: int,
        message_id: int,
        *,
        since_version: int | None = None,
        predicate: Callable[[BotMessage], bool] | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the documented API
    ) -> BotMessage:
        """Bot message ``message_id`` once it changes (edit or deletion) after
        ``since_version`` (default: the world's version when called). Take
        ``world.version`` before acting and pass it, so that an edit that happens
        before this call still counts."""
        start_version = self.version if since_version is None else since_version

        def find() -> BotMessage | None:
            stored = self.messages.get(chat_id, {}).get(message_id)
            if stored is None or stored.version <= start_version:
                return None
            message = self.snapshot(stored)
            return message if predicate is None or predicate(message) else None

        return await self._wait_for(find, timeout, chat_id, f"an edit of message {message_id}")

    async def wait_for_callback_answer(
        self,
        callback_query_id: str,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the documented API
    ) -> CallbackAnswer:
        """The bot's answer to the given button press."""

        def find() -> CallbackAnswer | None:
            return next(
                (a for a in self.callback_answers if a.callback_query_id == callback_query_id),
                None,
            )

        found = await self.wait_until(find, timeout)
        if found is None:
            raise TimeoutError(f"callback query {callback_query_id} was not answered")
        return found

    async def wait_for_request(
        self,
        method: str,
        *,
        predicate: Callable[[BotRequest], bool] | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the documented API
    ) -> BotRequest:
        """The first logged bot call of ``method`` (any spelling) matching ``predicate``.

        Only the last ``request_log_size`` calls are kept (see :attr:`requests`).
        """

        def find() -> BotRequest | None:
            for request in self.requests:
                same = request.method.lower() == method.lower()
                if same and (predicate is None or predicate(request)):
                    return request
            return None

        self._request_waiters += 1
        try:
            found = await self.wait_until(find, timeout)
        finally:
            self._request_waiters -= 1
        if found is None:
            raise TimeoutError(f"the bot did not call {method} within {timeout}s")
        return found

    # -- faults -------------------------------------------------------------------------

    def inject_fault(
        self,
        method: str,
        kind: FaultKind | str,
        count: int = 1,
        retry_after: int = 1,
        delay: float = 0.0,
    ) -> None:
        """Make the next ``count`` calls of ``method`` fail with ``kind`` (or be delayed)."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; use one of {sorted(FAULT_KINDS)}")
        fault = Fault(kind=kind, retry_after=retry_after, delay=delay)  # type: ignore[arg-type]
        self._faults.setdefault(method.lower(), deque()).extend([fault] * count)

    def take_fault(self, method: str) -> Fault | None:
        """The fault scheduled for this call of ``method``, if any (consumed)."""
        queue = self._faults.get(method.lower())
        return queue.popleft() if queue else None

    # -- shared mechanics (used by the HTTP side) ----------------------------------------

    def log_request(self, request: BotRequest) -> None:
        """Remember a bot call; only :meth:`wait_for_request` callers are woken."""
        self.requests.append(request)
        if self._request_waiters:
            self.notify()

    def now(self) -> int:
        return int(self.clock())

    def answer_time(self) -> float:
        """The time on the clock that times answers to button presses, in seconds."""
        return (self.answer_clock or self.clock)()

    def next_id(self) -> int:
        """A fresh number for ids that only need to be unique (files, queries)."""
        return next(self._ids)

    def store_message(self, chat_id: int, *, from_bot: bool, **fields: Any) -> StoredMessage:
        """Append a message to the chat, with the next message id and a fresh version."""
        chat = self.messages[chat_id]
        message = StoredMessage(
            chat_id=chat_id,
            message_id=next(reversed(chat), 0) + 1,
            from_bot=from_bot,
            date=self.now(),
            **fields,
        )
        chat[message.message_id] = message
        self.touch(message)
        return message

    def touch(self, message: StoredMessage) -> None:
        """Record that ``message`` changed and wake everybody waiting."""
        self.version += 1
        message.version = self.version
        self.notify()

    def enqueue_update(self, body: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates or the webhook."""
        update = {"update_id": self._next_update_id, **body}
        self._next_update_id += 1
        self.updates.append(update)
        self.notify()
        return update

    def snapshot(self, message: StoredMessage) -> BotMessage:
        user = self.user(message.chat_id)
        return BotMessage(
            chat_id=message.chat_id,
            message_id=message.message_id,
            kind=message.kind,
            text=message.text if message.kind == "text" else message.caption,
            buttons=inline_buttons(message.reply_markup),
            edited=message.edit_date is not None,
            deleted=message.deleted,
            version=message.version,
            raw=message_json(message, user, self.bot),
        )

    def notify(self) -> None:
        """Wake all waiters (they re-check their condition)."""
        self._changed.set()
        self._changed = asyncio.Event()

    def release_waiters(self) -> None:
        """Make every pending and future wait return at once (server shutdown)."""
        self._released = True
        self.notify()

    def reopen(self) -> None:
        """Allow waiting again after :meth:`release_waiters`."""
        self._released = False

    @property
    def released(self) -> bool:
        return self._released

    async def aclose(self) -> None:
        """Release waiters and stop background webhook delivery."""
        self.release_waiters()
        task, self.webhook_task = self.webhook_task, None
        if task is not None and not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    async def wait_for_confirmed_updates(self, within: float = 10.0) -> None:
        """Wait until the bot has confirmed every queued update with a ``getUpdates``
        offset: from then on, like Telegram, the emulator will never send them again."""
        if await self.wait_until(lambda: True if not self.updates else None, within) is None:
            raise TimeoutError(f"{len(self.updates)} updates still unconfirmed after {within} s")

    async def wait_until(self, find: Callable[[], T | None], within: float) -> T | None:
        """``find()``'s first non-None result, or None after ``within`` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while True:
            found = find()
            remaining = deadline - loop.time()
            if found is not None or remaining <= 0 or self._released:
                return found
            changed = self._changed
            try:
                await asyncio.wait_for(changed.wait(), remaining)
            except TimeoutError:
                return find()

    async def _wait_for(
        self, find: Callable[[], BotMessage | None], within: float, chat_id: int, what: str
    ) -> BotMessage:
        found = await self.wait_until(find, within)
        if found is not None:
            return found
        received = "\n  ".join(m.summary() for m in self.bot_messages(chat_id)) or "nothing"
        raise TimeoutError(
            f"waited {within}s for {what} in chat {chat_id}; the chat received:\n  {received}"
        )


def _callback_data(message: StoredMessage, index: int) -> str | None:
    markup = message.reply_markup or {}
    flat = [button for row in markup.get("inline_keyboard", []) for button in row]
    value = flat[index].get("callback_data")
    return value if isinstance(value, str) else None


def _newer_than(chat: dict[int, StoredMessage], mark: int) -> list[StoredMessage]:
    """The messages of ``chat`` with an id above ``mark``, oldest first, found from the end
    (ids only grow), so the cost is the number of new messages, not the chat's length."""
    newer: list[StoredMessage] = []
    for message_id in reversed(chat):
        if message_id <= mark:
            break
        newer.append(chat[message_id])
    newer.reverse()
    return newer
