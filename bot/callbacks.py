"""The callback data our buttons carry: one place that builds it and parses it.

Each button names its action and the row it acts on, so a press is handled the same
way after a restart or on another instance, and a stale or repeated press is detected
from the database, never from memory. All of it fits Telegram's 64-byte limit.
"""

from __future__ import annotations

CONSENT = "consent"  # consent:yes | consent:no
TIME = "time"  # time:HH:MM | time:other
START_SESSION = "today"  # today
DONE = "done"  # done:<session id>
PAIN = "pain"  # pain:<session id>:<0-10>
DIFFICULTY = "diff"  # diff:<session id>:<easy|right|hard>
WARNING = "warn"  # warn:<session id, or 0 outside a session>
ACKNOWLEDGE = "ack"  # ack:<alert id>

DIFFICULTIES = ("easy", "right", "hard")


def data(action: str, *parts: object) -> str:
    """Callback data for ``action`` with its arguments."""
    return ":".join([action, *(str(part) for part in parts)])


def pattern(action: str) -> str:
    """The regular expression a handler uses to receive one action's presses."""
    return rf"^{action}(:|$)"


def parts(callback_data: str) -> list[str]:
    """The arguments of a press, without the action."""
    return callback_data.split(":")[1:]
