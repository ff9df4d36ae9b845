"""A terminal chat with the bot through the emulator, as any user (patient or clinician).

A background thread long-polls ``/_emulator/chats/{id}/messages`` and prints every new
or changed bot message. The person types text (sent as a message), the number of a
button shown most recently (pressed), or ``/quit``. After each action the client waits
briefly for the bot's first reaction so that replies appear before the next prompt.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any, TextIO

import httpx

QUIT = "/quit"


class _Display:
    """Prints bot messages and remembers which buttons the numbers refer to."""

    def __init__(self, out: TextIO, stamp: Callable[[], str] | None = None) -> None:
        self.out = out
        self.stamp = stamp
        self.lock = threading.Condition()
        self.printed = 0
        self.seen: dict[int, int] = {}
        self.buttons: tuple[int, list[dict[str, Any]]] | None = None

    def say(self, line: str) -> None:
        with self.lock:
            self.out.write(line + "\n")
            self.out.flush()

    def show(self, messages: list[dict[str, Any]]) -> None:
        with self.lock:
            for message in messages:
                self._show_one(message)
            self.lock.notify_all()

    def _show_one(self, message: dict[str, Any]) -> None:
        message_id, version = int(message["message_id"]), int(message["version"])
        if self.seen.get(message_id, -1) >= version:
            return
        known = message_id in self.seen
        self.seen[message_id] = version
        when = f"[{self.stamp()}] " if self.stamp is not None else ""
        if message["deleted"]:
            self.out.write(f"{when}bot (deleted #{message_id})\n")
        else:
            flag = " (edited)" if known or message["edited"] else ""
            kind = "" if message["kind"] == "text" else f"[{message['kind']}] "
            self.out.write(f"{when}bot{flag}: {kind}{message['text'] or ''}\n")
            flat = [button for row in message["buttons"] for button in row]
            if flat:
                keys = button_keys([b["text"] for b in flat])
                labels = "  ".join(
                    f"[{key}]" if key == b["text"] else f"[{key}] {b['text']}"
                    for key, b in zip(keys, flat, strict=True)
                )
                self.out.write(f"  {labels}\n")
                self.buttons = (message_id, flat)
            elif self.buttons is not None and self.buttons[0] == message_id:
                self.buttons = None
        if message["deleted"] and self.buttons is not None and self.buttons[0] == message_id:
            self.buttons = None
        self.printed += 1
        self.out.flush()

    def wait_for_reaction(self, before: int, timeout: float) -> None:
        with self.lock:
            self.lock.wait_for(lambda: self.printed > before, timeout=timeout)


def _poll(
    base_url: str,
    user_id: int,
    display: _Display,
    stop: threading.Event,
    poll_wait: float,
) -> None:
    version = 0
    url = f"{base_url}/_emulator/chats/{user_id}/messages"
    with httpx.Client(timeout=poll_wait + 10.0) as client:
        while not stop.is_set():
            try:
                response = client.get(url, params={"since": version, "wait": poll_wait})
                body = response.json()
            except (httpx.HTTPError, ValueError):
                if not stop.is_set():
                    display.say("(lost contact with the emulator)")
                    stop.wait(1.0)
                continue
            if stop.is_set():
                return
            display.show(list(body.get("messages", [])))
            version = int(body.get("version", version))


def run_chat(
    base_url: str,
    user_id: int,
    *,
    input_stream: TextIO = sys.stdin,
    output_stream: TextIO = sys.stdout,
    language: str = "en",
    name: str = "Pat",
    reply_timeout: float = 3.0,
    poll_wait: float = 10.0,
    stamp: Callable[[], str] | None = None,
) -> None:
    """Chat with the bot as ``user_id`` until ``/quit`` or end of input.

    ``stamp``, when given, says what time it is: each bot message is printed after it in
    brackets (the demo passes its simulated local time)."""
    base_url = base_url.rstrip("/")
    display = _Display(output_stream, stamp)
    stop = threading.Event()
    display.say(
        f"Chatting as user {user_id} ({name}) via {base_url}. "
        "Type a message, a button number, or /quit."
    )
    poller = threading.Thread(
        target=_poll, args=(base_url, user_id, display, stop, poll_wait), daemon=True
    )
    poller.start()
    try:
        with httpx.Client(base_url=base_url, timeout=10.0) as client:
            for raw_line in input_stream:
                line = raw_line.strip()
                if line == QUIT:
                    break
                if line:
                    before = display.printed
                    if _act(client, display, user_id, line, language, name):
                        display.wait_for_reaction(before, reply_timeout)
    finally:
        stop.set()
        display.say("Bye.")


def button_keys(labels: list[str]) -> list[str]:
    """What to type for each button: its number, or, on a keyboard of numbers (a pain
    scale), the number on the button itself, with letters for the other buttons, so that
    typing 8 always means the button that says 8."""
    if not any(label.isdigit() for label in labels):
        return [str(n) for n in range(1, len(labels) + 1)]
    letters = iter("abcdefghijklmnopqrstuvwxyz")
    return [label if label.isdigit() else next(letters) for label in labels]


def _act(
    client: httpx.Client, display: _Display, user_id: int, line: str, language: str, name: str
) -> bool:
    """Send ``line`` or press the numbered button; True if the bot was contacted."""
    with display.lock:
        buttons = display.buttons
    keys = button_keys([b["text"] for b in buttons[1]]) if buttons is not None else []
    typed = line.strip().lower()
    if buttons is not None and (typed in keys or (typed.isdigit() and keys[0] == "1")):
        message_id, flat = buttons
        if typed not in keys:
            display.say(f"(no button [{typed}]; there are {len(flat)})")
            return False
        index = keys.index(typed)
        button = flat[index]
        if button.get("callback_data") is None:
            display.say(f"(button [{typed}] opens a link: {button.get('url')})")
            return False
        response = client.post(
            f"/_emulator/users/{user_id}/press",
            json={"message_id": message_id, "index": index},
        )
    else:
        body = {"text": line, "language_code": language, "first_name": name}
        response = client.post(f"/_emulator/users/{user_id}/messages", json=body)
    if response.status_code != 200:
        display.say(f"(emulator refused: {_error_detail(response)})")
        return False
    return True


def _error_detail(response: httpx.Response) -> str:
    """The emulator's ``error`` text, or the status line when the body is not that JSON."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and "error" in body:
        return str(body["error"])
    return f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
