"""Every module imports on its own, whatever was imported before: no hidden import cycle."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import importlib, os, pkgutil, sys
import sqlalchemy, sqlmodel, telegram, telegram.ext  # heavy libraries: loaded once, shared
names = sorted(
    m.name
    for root in ("bot", "scheduler", "emulator")
    for m in pkgutil.walk_packages([root], root + ".")
    if ".migrations" not in m.name and not m.name.endswith("__main__")
) + ["bot", "scheduler", "emulator"]
failed = []
for name in names:  # each in a forked child that has imported nothing of ours yet
    pid = os.fork()
    if pid == 0:
        try:
            importlib.import_module(name)
        except ImportError as error:
            print(f"{name}: {error}", file=sys.stderr, flush=True)
            os._exit(1)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    if status:
        failed.append(name)
print(len(names))
print("\\n".join(failed))
"""


def test_each_module_of_the_bot_and_the_scheduler_imports_first_on_its_own() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=300, check=True
    )
    count, *failed = result.stdout.strip().splitlines()
    assert int(count) > 100
    assert [line for line in failed if line] == [], result.stderr
