"""The shipped program as separate processes: the emulator, ``companion run`` and the CLI.

Everything here talks to the processes the way an operator and Telegram users would:
command lines, environment variables, signals and loopback HTTP. Nothing is imported into
the bot's process. Waiting is on events with deadlines: a line in a process's output, or a
long poll on the emulator's ``/_emulator/messages`` (which answers as soon as the bot sends).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from bot.settings import Settings

COMPANION = Path(sys.executable).parent / "companion"
TOKEN = "123456:process-tests-token"
STARTED = "Application started"  # PTB logs it once polling runs and post_init (the tick) ran
LONG_POLL = 20.0  # seconds per long poll; a deadline is checked between polls


class ProcessFailed(AssertionError):
    """A process did not do what the test waited for; the message carries its output."""


class Running:
    """One child process whose stdout and stderr go to a log file, line by line.

    A reader thread copies the output, so a test can wait for a line as an event.
    """

    def __init__(self, name: str, args: list[str], env: dict[str, str], cwd: Path) -> None:
        self.name = name
        self.log_path = cwd / f"{name}.log"
        self._log = self.log_path.open("a", encoding="utf-8")
        self._log.write(f"$ {' '.join(args)}\n")
        self._log.flush()
        self._lines: list[str] = []
        self._changed = threading.Condition()
        self.popen = subprocess.Popen(
            args,
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        self._reader = threading.Thread(target=self._copy, name=f"{name}-output", daemon=True)
        self._reader.start()

    def _copy(self) -> None:
        assert self.popen.stdout is not None
        for line in self.popen.stdout:
            self._log.write(line)
            self._log.flush()
            with self._changed:
                self._lines.append(line)
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    @property
    def pid(self) -> int:
        return self.popen.pid

    def output(self) -> str:
        with self._changed:
            return "".join(self._lines)

    def wait_for_line(self, text: str, timeout: float) -> str:
        """The first output line containing ``text``; fails if the process exits first."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = next((line for line in self._lines if text in line), None)
                if found is not None:
                    return found
                if self.popen.poll() is not None and not self._reader.is_alive():
                    raise ProcessFailed(
                        f"{self.name} exited with {self.popen.returncode} before printing "
                        f"{text!r}:\n{self.output()}"
                    )
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise ProcessFailed(
                        f"{self.name} did not print {text!r} within {timeout}s:\n{self.output()}"
                    )
                self._changed.wait(remaining)

    def terminate(self, timeout: float = 30.0) -> int:
        """SIGTERM, and the exit code; killed (and reported) if it takes over ``timeout``."""
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
        try:
            return self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait(10)
            raise ProcessFailed(
                f"{self.name} did not exit within {timeout}s of SIGTERM:\n{self.output()}"
            ) from None
        finally:
            self._finish()

    def kill(self) -> int:
        """SIGKILL: the process dies at once, wherever it is."""
        if self.popen.poll() is None:
            self.popen.kill()
        code = self.popen.wait(10)
        self._finish()
        return code

    def _finish(self) -> None:
        self._reader.join(10)
        if self.popen.stdout is not None:
            self.popen.stdout.close()
        self._log.close()


@dataclass
class Seen:
    """A bot message as the emulator shows it, and when this test first saw it."""

    chat_id: int
    message_id: int
    kind: str
    text: str
    buttons: tuple[str, ...]  # callback data, row by row
    version: int  # the emulator's version of its latest state
    seen_version: int  # the emulator's version when this test first saw the message
    seen_at: float  # Unix time when this test first saw the message
    deleted: bool = False

    def has(self, prefix: str) -> bool:
        """Whether one of its buttons' callback data starts with ``prefix``."""
        return any(data.startswith(prefix) for data in self.buttons)

    def button(self, prefix: str) -> str:
        """The callback data of its first button starting with ``prefix``."""
        found = next((data for data in self.buttons if data.startswith(prefix)), None)
        if found is None:
            raise AssertionError(f"message {self.message_id} has no {prefix!r} button: {self}")
        return found


Match = Callable[[Seen], bool]
Deploy = Callable[..., "Deployment"]
"""The ``deploy`` fixture: ``deploy(clock=None, **settings)`` gives a fresh Deployment."""


class Emulator:
    """The user side of a running ``companion emulator``, over HTTP."""

    def __init__(self, process: Running, base_url: str) -> None:
        self.process = process
        self.base_url = base_url
        self.http = httpx.Client(base_url=base_url, timeout=LONG_POLL + 10)
        self.seen: dict[tuple[int, int], Seen] = {}
        self.version = 0

    @classmethod
    def start(cls, workdir: Path, schema: Path, env: dict[str, str]) -> Emulator:
        args = [str(COMPANION), "emulator", "--port", "0", "--schema", str(schema)]
        process = Running("emulator", [*args, "--token", TOKEN], env, workdir)
        line = process.wait_for_line("listening on http://", timeout=30)
        return cls(process, line.rsplit(" ", 1)[1].strip())

    def close(self) -> None:
        self.http.close()

    # -- acting as people ----------------------------------------------------------------

    def add_user(self, user_id: int, *, started: bool = True, language: str = "en") -> None:
        """A Telegram user; ``started``: they have written to the bot before."""
        body = {"started": started, "language_code": language}
        self._ok(self.http.post(f"/_emulator/users/{user_id}", json=body))

    def say(self, user_id: int, text: str) -> None:
        """The user types ``text`` (a command or plain text)."""
        self._ok(self.http.post(f"/_emulator/users/{user_id}/messages", json={"text": text}))

    def press(self, user_id: int, message: Seen, data: str) -> None:
        """The user taps the button with callback data ``data`` under ``message``."""
        body = {"message_id": message.message_id, "data": data}
        self._ok(self.http.post(f"/_emulator/users/{user_id}/press", json=body))

    def slow_down(self, method: str, delay: float, count: int) -> None:
        """The next ``count`` calls of ``method`` each wait ``delay`` seconds first."""
        body = {"method": method, "kind": "delay", "delay": delay, "count": count}
        self._ok(self.http.post("/_emulator/faults", json=body))

    # -- watching the bot -------------------------------------------------------------

    def sync(self, wait: float = 0.0) -> list[Seen]:
        """Fetch every change since the last call (waiting up to ``wait`` s for one)."""
        params = {"since": self.version, "wait": wait}
        answer = self._ok(self.http.get("/_emulator/messages", params=params))
        now = time.time()
        changed = []
        for item in answer["messages"]:
            key = (item["chat_id"], item["message_id"])
            known = self.seen.get(key)
            message = Seen(
                chat_id=item["chat_id"],
                message_id=item["message_id"],
                kind=item["kind"],
                text=item["text"] or "",
                buttons=tuple(
                    b["callback_data"] for row in item["buttons"] for b in row if b["callback_data"]
                ),
                version=item["version"],
                seen_version=known.seen_version if known else item["version"],
                seen_at=known.seen_at if known else now,
                deleted=item["deleted"],
            )
            self.seen[key] = message
            changed.append(message)
        self.version = max(self.version, answer["version"])
        return changed

    def settle(self, quiet: float = 1.0, timeout: float = 30.0) -> None:
        """Return once the bot has sent nothing for ``quiet`` seconds: after a process
        died, the emulator may still be finishing the sends it had in hand."""
        deadline = time.monotonic() + timeout
        while self.sync(wait=quiet):
            if time.monotonic() > deadline:
                raise ProcessFailed(f"the bot was still sending after {timeout}s")

    def mark(self) -> int:
        """Everything sent so far has been seen; returns the version to wait after."""
        self.sync()
        return self.version

    def messages(self, chat_id: int | None = None, match: Match | None = None) -> list[Seen]:
        """What the bot has sent (to ``chat_id``), oldest first, in its latest state."""
        found = [
            m
            for m in self.seen.values()
            if (chat_id is None or m.chat_id == chat_id) and not m.deleted
        ]
        found.sort(key=lambda m: (m.seen_version, m.message_id))
        return [m for m in found if match is None or match(m)]

    def wait_for(
        self,
        what: str,
        condition: Callable[[], Any],
        timeout: float,
        *,
        watch: Iterable[Running] = (),
    ) -> Any:
        """``condition()``'s first truthy value, re-checked after each change the bot makes.

        Fails after ``timeout`` seconds, or when a watched process has exited.
        """
        found = self.wait_until(condition, timeout, watch=watch, what=what)
        if not found:
            raise ProcessFailed(f"waited {timeout}s for {what}; {self.describe()}")
        return found

    def wait_until(
        self,
        condition: Callable[[], Any],
        timeout: float,
        *,
        watch: Iterable[Running] = (),
        what: str = "a condition",
    ) -> Any:
        """Like :meth:`wait_for`, but a deadline passed returns ``condition()``'s last value
        (for a test that reports its figures either way). A watched process that exits
        still fails at once."""
        deadline = time.monotonic() + timeout
        watched = tuple(watch)
        self.sync()
        while True:
            found = condition()
            remaining = deadline - time.monotonic()
            if found or remaining <= 0:
                return found
            for process in watched:
                if process.popen.poll() is not None:
                    raise ProcessFailed(
                        f"{process.name} exited with {process.popen.returncode} while waiting "
                        f"for {what}:\n{process.output()}"
                    )
            # A long poll returns at the bot's next message; while processes are watched,
            # it returns every 2 s at the latest to look at them too.
            self.sync(wait=min(remaining, 2.0 if watched else LONG_POLL))

    def next_message(
        self,
        chat_id: int,
        after: int,
        match: Match,
        what: str,
        timeout: float = 15.0,
    ) -> Seen:
        """The first message to ``chat_id``, sent or edited since version ``after``, that
        ``match``es (take ``after`` from :meth:`mark` before acting)."""

        def find() -> Seen | None:
            return next((m for m in self.messages(chat_id) if m.version > after and match(m)), None)

        found: Seen = self.wait_for(f"{what} in chat {chat_id}", find, timeout)
        return found

    def describe(self, chats: int = 6) -> str:
        """A short account of what the bot sent, for failure messages."""
        by_chat: dict[int, list[Seen]] = {}
        for message in self.messages():
            by_chat.setdefault(message.chat_id, []).append(message)
        lines = [f"the bot sent {len(self.seen)} messages to {len(by_chat)} chats"]
        for chat_id, found in list(by_chat.items())[:chats]:
            lines.append(f"  chat {chat_id}:")
            lines += [f"    #{m.message_id} {m.kind} buttons={list(m.buttons)[:4]}" for m in found]
        return "\n".join(lines)

    @staticmethod
    def _ok(answer: httpx.Response) -> Any:
        body = answer.json()
        if answer.status_code != 200 or not body.get("ok"):
            raise AssertionError(f"the emulator refused {answer.request.url}: {body}")
        return body


@dataclass(frozen=True)
class SimulatedClock:
    """The accelerated clock the processes share (``TESTING_CLOCK_*``), seen from the test."""

    start: datetime
    speed: float
    anchor: float  # real Unix time at which simulated time is ``start``

    def at(self, real: float) -> datetime:
        """The simulated time at real Unix time ``real``."""
        return self.start + timedelta(seconds=(real - self.anchor) * self.speed)

    def now(self) -> datetime:
        return self.at(time.time())

    def real(self, simulated: datetime) -> float:
        """The real Unix time at which the clock reads ``simulated``."""
        return self.anchor + (simulated - self.start).total_seconds() / self.speed

    def env(self) -> dict[str, str]:
        return {
            "TESTING_CLOCK_START": self.start.isoformat(),
            "TESTING_CLOCK_SPEED": repr(self.speed),
            "TESTING_CLOCK_ANCHOR": repr(self.anchor),
        }


@dataclass
class Deployment:
    """One clinic's installation: a SQLite file, the emulator, the bot and the admin CLI."""

    workdir: Path
    emulator: Emulator
    clock: SimulatedClock | None = None
    settings: dict[str, str] = field(default_factory=dict)
    bots: list[Running] = field(default_factory=list)

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.workdir / 'companion.sqlite3'}"

    def env(self) -> dict[str, str]:
        """The environment of every process: only what an operator would set."""
        env = clean_environment()
        env.update(
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=self.emulator.base_url,
            DATABASE_URL=self.database_url,
            LOG_LEVEL="INFO",
        )
        if self.clock is not None:
            env.update(self.clock.env())
        env.update(self.settings)
        return env

    def cli(self, *args: str) -> Any:
        """Run ``companion ARGS --json`` and return its JSON; fail with its output if refused."""
        (found,) = self.cli_together(list(args))
        return found

    def cli_together(self, *commands: list[str]) -> list[Any]:
        """Run independent ``companion ... --json`` commands side by side (as two admins
        at two terminals would); their JSON results, in order."""
        running = [
            (
                args,
                subprocess.Popen(
                    [str(COMPANION), *args, "--json"],
                    env=self.env(),
                    cwd=self.workdir,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                ),
            )
            for args in commands
        ]
        results = []
        for args, process in running:
            try:
                out, err = process.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                out, err = process.communicate()
            with (self.workdir / "cli.log").open("a", encoding="utf-8") as log:
                log.write(f"$ companion {' '.join(args)} --json\n{err}{out}")
            if process.returncode != 0:
                raise ProcessFailed(f"{' '.join(args)} failed ({process.returncode}):\n{err}")
            results.append(json.loads(out))
        return results

    def launch_bot(self) -> Running:
        """``companion run``, as production starts it; see :meth:`start_bot`."""
        bot = Running(
            f"bot-{len(self.bots) + 1}", [str(COMPANION), "run"], self.env(), self.workdir
        )
        self.bots.append(bot)
        return bot

    def start_bot(self, timeout: float = 60.0) -> Running:
        """Launch ``companion run``; return once PTB says it started (after ``post_init``,
        which starts the tick)."""
        bot = self.launch_bot()
        bot.wait_for_line(STARTED, timeout)
        return bot

    def scheduler_counts(self) -> dict[str, int]:
        """``companion scheduler status``: how many due-work rows are in each status."""
        counts: dict[str, int] = self.cli("scheduler", "status")["counts"]
        return counts

    def logs(self) -> str:
        """Every process's output, for a failing test's report (without APScheduler's
        two lines per tick, which drown everything else under a fast clock)."""
        parts = []
        for path in sorted(self.workdir.glob("*.log")):
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            kept = "".join(line for line in lines if "apscheduler.executors" not in line)
            parts.append(f"----- {path.name} -----\n{kept[-20000:]}")
        return "\n".join(parts)


def clean_environment() -> dict[str, str]:
    """This environment without any of the bot's settings (they must come from the test)."""
    ours = {name.upper() for name in Settings.model_fields}
    env = {k: v for k, v in os.environ.items() if k.upper() not in ours}
    env["PYTHONUNBUFFERED"] = "1"
    return env
