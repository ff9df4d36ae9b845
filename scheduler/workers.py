"""Which process holds a claim: a worker id that says whether that process has ended.

A claim (``DueWork.claimed_by``) names the process that made it. After a kill, a restart
takes back the claims of a process that has *ended* at once, instead of waiting for their
lease (``store.take_over``). That is only safe when "this pid is not running" is known for
sure, and a pid alone says nothing outside its own pid namespace: two containers may share
a hostname (and even a pid) with separate namespaces, and a host reboots. So the id is

    <host>:<boot id>:<pid namespace>:<pid>

- ``host``: the hostname, cut to 24 characters (for people reading ``scheduler status``);
- ``boot id``: the first 12 hex digits of ``/proc/sys/kernel/random/boot_id``, new at each
  boot of the kernel (containers on one host share it);
- ``pid namespace``: the inode of ``/proc/self/ns/pid``, which tells apart two containers
  of one kernel;
- ``pid``: the process.

A claim's process has ended only when its host, boot and namespace are this process's own
and no process has its pid (a zombie counts as ended). Anything else, another machine,
another container, a reboot, an id of the former ``host:pid`` form, or a pid in use again,
is left to the instance's heartbeat (``store.take_over_silent``) or its lease: never taken
early by mistake. A sender of the process adds its own suffix (``<worker id>:send``).
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
HOST_CHARACTERS = 24
BOOT_DIGITS = 12


@dataclass(frozen=True)
class Worker:
    """Where a worker id's process runs, and its pid."""

    host: str
    boot: str
    namespace: int
    pid: int

    @property
    def id(self) -> str:
        return f"{self.host}:{self.boot}:{self.namespace}:{self.pid}"

    def same_place(self, other: Worker) -> bool:
        """Whether both processes are seen by the same kernel boot in the same namespace, so
        that one can tell from the other's pid whether it still runs."""
        return (self.host, self.boot, self.namespace) == (other.host, other.boot, other.namespace)


def this_process() -> Worker:
    """The calling process. Without ``/proc`` its boot id is zeros and its namespace 0, and
    then no claim is ever found ended."""
    return Worker(
        host=socket.gethostname()[:HOST_CHARACTERS].replace(":", "-"),
        boot=_boot_id(),
        namespace=_pid_namespace(),
        pid=os.getpid(),
    )


def parse(worker_id: str) -> Worker | None:
    """The worker a claim names (a sender's suffix ignored); ``None`` when it is not of this
    form (an id from before, a test's name): such a claim is never taken over early."""
    parts = worker_id.split(":")
    if len(parts) < 4:
        return None
    host, boot, namespace, pid = parts[:4]
    if len(boot) != BOOT_DIGITS or any(c not in "0123456789abcdef" for c in boot):
        return None
    if not (namespace.isdigit() and pid.isdigit()) or not boot.strip("0"):
        return None
    return Worker(host, boot, int(namespace), int(pid))


def ended(worker_id: str, here: Worker | None = None) -> bool:
    """Whether the process that ``worker_id`` names has ended, for sure (see the module)."""
    here = here or this_process()
    found = parse(worker_id)
    if found is None or not found.same_place(here) or not here.boot.strip("0"):
        return False
    if here.namespace == 0:  # no /proc: nothing can be known
        return False
    if found.pid == here.pid:
        return False  # our own id: ``store.take_back`` at start, never while we run
    return not pid_running(found.pid)


def pid_running(pid: int) -> bool:
    """Whether a process with this pid exists in our namespace (a zombie does not count)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # someone else's process: it exists
    try:
        stat = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return True  # it existed a moment ago; say running, the safe answer
    state = stat.rsplit(")", 1)[-1].split()[:1]
    return state != ["Z"]


def _boot_id() -> str:
    try:
        text = (PROC / "sys/kernel/random/boot_id").read_text()
    except OSError:
        return "0" * BOOT_DIGITS
    digits = text.strip().replace("-", "").lower()[:BOOT_DIGITS]
    return digits if len(digits) == BOOT_DIGITS else "0" * BOOT_DIGITS


def _pid_namespace() -> int:
    try:
        return os.stat(PROC / "self/ns/pid").st_ino
    except OSError:
        return 0
