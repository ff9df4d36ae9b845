"""``companion run``'s composer workers (``COMPOSER_PROCESSES=1``) never outlive it.

Forty patients are due at once and the emulator answers each sendMessage slowly, so the
worker is composing when the bot is stopped, once a few sessions have arrived:

- SIGTERM (a deploy, systemd stop): the bot stops its tick, then its workers; it exits 0
  and none of its child processes is left;
- SIGKILL (a crash, the OOM killer): nobody stops the workers, and they exit by
  themselves (each waits on a pipe only its parent holds open), within a deadline.

Each process's exit is waited for as an event (a pidfd becomes readable when it ends),
with a deadline; the workers are found as the bot's child processes in /proc.
"""

from __future__ import annotations

import os
import select
import sys
import time
from pathlib import Path

import pytest
from process_harness import Deploy, Running
from test_stopping_in_the_middle_of_a_batch import Batch, due_batch

from bot.content import Content

pytestmark = [
    pytest.mark.process,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc, pidfd"),
]

PATIENTS = 40
STOP_AFTER = 5  # sessions arrived when the signal is sent: the worker is busy
GONE_WITHIN = 15.0  # seconds for every child to have exited after the bot stopped or died


def children_of(pid: int) -> dict[int, str]:
    """The processes whose parent is ``pid``, with their command lines."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:  # it exited meanwhile
            continue
        if int(fields[1]) == pid:
            found[int(stat.parent.name)] = cmdline
    return found


def composer_workers(bot: Running) -> dict[int, str]:
    """The bot's children: its composer workers (and multiprocessing's resource tracker)."""
    children = children_of(bot.pid)
    workers = {pid: line for pid, line in children.items() if "spawn_main" in line}
    assert len(workers) == 1, f"expected one composer worker among {children}"
    return children


def still_running(pids: list[int], within: float) -> list[int]:
    """Those of ``pids`` that have not exited ``within`` seconds from now."""
    handles = {}
    for pid in pids:
        try:
            handles[os.pidfd_open(pid)] = pid
        except ProcessLookupError:
            continue  # gone already
    deadline = time.monotonic() + within
    try:
        while handles and (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select(list(handles), [], [], left)
            for handle in ready:
                os.close(handle)
                del handles[handle]
        return sorted(handles.values())
    finally:
        for handle in handles:
            os.close(handle)


def _sending_with_a_composer_worker(
    deploy: Deploy, content: Content
) -> tuple[Batch, Running, dict[int, str]]:
    """The real bot with one composer worker, started on a due batch, once it has sent
    ``STOP_AFTER`` sessions: the batch, the bot's process and its worker's pids."""
    batch = due_batch(deploy, content, patients=PATIENTS)
    batch.deployment.settings["COMPOSER_PROCESSES"] = "1"
    bot = batch.deployment.start_bot()
    children = composer_workers(bot)
    batch.emulator.wait_for(
        f"{STOP_AFTER} sessions", lambda: len(batch.served()) >= STOP_AFTER, 60, watch=[bot]
    )
    return batch, bot, children


def test_sigterm_stops_the_tick_then_the_composer_worker_and_no_child_process_is_left(
    deploy: Deploy, content: Content
) -> None:
    batch, bot, children = _sending_with_a_composer_worker(deploy, content)
    signalled = time.monotonic()
    code = bot.terminate(timeout=60)
    left = still_running(list(children), GONE_WITHIN)
    figure = (
        f"SIGTERM with {len(batch.served())} of {PATIENTS} served: exit {code} after "
        f"{time.monotonic() - signalled:.1f} s; children {sorted(children)}, left {left}"
    )
    print(f"\n[process] {figure}")
    assert code == 0 and left == [], figure
    assert "composer: 1 worker process(es) stopped, 0 killed" in bot.output(), figure


def test_after_a_sigkill_of_the_bot_its_composer_worker_exits_by_itself(
    deploy: Deploy, content: Content
) -> None:
    batch, bot, children = _sending_with_a_composer_worker(deploy, content)
    killed = time.monotonic()
    bot.kill()
    left = still_running(list(children), GONE_WITHIN)
    figure = (
        f"SIGKILL with {len(batch.served())} of {PATIENTS} served: children "
        f"{sorted(children)} gone after {time.monotonic() - killed:.2f} s, left {left}"
    )
    print(f"\n[process] {figure}")
    assert left == [], figure
