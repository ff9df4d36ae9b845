"""Optional parts of the install: a command that needs one says in one line how to add it.

A clinic's production install (``pip install rehab-companion``) carries neither the
emulator nor the webhook server; ``[emulator]`` and ``[webhook]`` add them (``[dev]`` both).
"""

from __future__ import annotations

from importlib.util import find_spec

from bot.cli.common import fail

# What each extra brings, by the module names that must import.
EXTRAS: dict[str, tuple[str, ...]] = {
    "emulator": ("starlette", "uvicorn", "multipart"),
    "webhook": ("starlette", "uvicorn"),
}


def missing(extra: str) -> list[str]:
    """The modules of ``extra`` that are not installed (empty when it is all there)."""
    return [name for name in EXTRAS[extra] if find_spec(name) is None]


def require(extra: str, command: str) -> None:
    """Stop ``command`` with one line naming the extra to install, if any of it is missing."""
    if missing(extra):
        fail(
            f"`{command}` needs the {extra} extra: pip install 'rehab-companion[{extra}]' "
            f"(in a checkout: .venv/bin/pip install -e '.[{extra}]')."
        )
