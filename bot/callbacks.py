"""The callback data our buttons carry: one place that builds it and parses it.

Each button names its action and the row it acts on, so a press is handled the same
way after a restart or on another instance, and a stale or repeated press is detected
from the database, never from memory. All of it fits Telegram's 64-byte limit.
"""

from __future__ import annotations

import re

CONSENT = "consent"  # consent:yes | consent:no
TIME = "time"  # time:HH:MM | time:other
START_SESSION = "today"  # today
DONE = "done"  # done:<session id>
PAIN = "pain"  # pain:<session id>:<0-10>
DIFFICULTY = "diff"  # diff:<session id>:<easy|right|hard>
WARNING = "warn"  # warn:<session id, or 0 outside a session>
ACKNOWLEDGE = "ack"  # ack:<alert id>
CONTACTED = "cont"  # cont:<alert id> - the clinician has contacted the patient
RESOLVE = "resolve"  # resolve:<alert id>
NO_NOTE = "nonote"  # nonote:<alert id> - resolved without a note
MESSAGE_PATIENT = "tell"  # tell:<alert id> - relay the clinician's next typed message
CALL_ME = "callme"  # callme:<alert id> - ask the patient to call the clinic
RELEASE_HOLD = "unhold"  # unhold:<alert id> - resume the patient's routine messages
PATIENT_READ = "safe"  # safe:<alert id> - the patient confirms they read the 911 advice
SIGN = "sign"  # sign:<session id, or 0>:<warning sign id | none>
BEGIN = "go"  # go:<session id> - step through today's exercises
FORMAT = "fmt"  # fmt:<session id>:<steps|compact>
STEP = "step"  # step:<exercise log id>:<done|part|skip>
SKIP = "skip"  # skip:<exercise log id>:<pain|time|hard|other>
TIMER = "timer"  # timer:<exercise log id>
LANGUAGE = "lang"  # lang:<en|fr>
READINESS = "ready"  # ready:<check id>:<question index>:<y|n>
CLEARANCE = "clear"  # clear:<check id>:<clear|hold>
STOP = "stop"  # stop:<yes|no>
SETTINGS = "set"  # set:<time|language|timezone|pictures|pictures_on|pictures_off>
TIMEZONE = "tz"  # tz:<IANA name>
SNOOZE = "snz"  # snz:<30|60|evening>
SETTLED = "settled"  # settled:<morning check id>:<yes|bit|no>
CHECKIN_PAIN = "wpain"  # wpain:<weekly check-in id>:<0-10>
PSFS = "psfs"  # psfs:<weekly check-in id>:<activity id>:<0-10>
BASELINE = "base"  # base:<0-10> - usual pain, at the end of onboarding
NOTE = "note"  # note:<session id>:skip - no note after today's answers
CORRECT = "fix"  # fix:<session id> - change my answers (within the hour)
REPLY = "reply"  # reply:<thread message id> - the clinician's next typed text answers it
MARK_READ = "mread"  # mread:<thread message id> - it and the earlier ones are read
THREAD = "thread"  # thread:<patient id> - open the patient's thread from /inbox
OPEN_PATIENT = "pt"  # pt:<patient id> - one patient's view, from the caseload
CASELOAD_PAGE = "pts"  # pts:<all|alerts|held|inactive>:<page>
RECONSENT = "reconsent"  # reconsent:<yes|no> - the answer to a new version of the notice
APPROVE_LEVEL = "lvl"  # lvl:<level decision id> - the clinician approves a proposed change
ALERT_CARD = "card"  # card:<alert id> - open an alert's card, from /alerts

DIFFICULTIES = ("easy", "right", "hard")

# The exact shape of each action's arguments. A press whose data does not fit is routed
# to no action handler (``pattern`` matches the whole data), so handlers only ever see
# well-formed arguments; the catch-all refuses the rest without raising.
_ID = r"\d{1,18}"
_SCORE = r"(?:10|\d)"
_NAME = r"[A-Za-z0-9_.+\-]{1,44}"
_ZONE = r"[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+){0,2}"
SHAPES: dict[str, str] = {
    CONSENT: "(?:yes|no)",
    TIME: r"(?:\d{2}:\d{2}|other)",
    START_SESSION: "",
    DONE: _ID,
    PAIN: f"{_ID}:{_SCORE}",
    DIFFICULTY: f"{_ID}:(?:easy|right|hard)",
    WARNING: _ID,
    ACKNOWLEDGE: _ID,
    CONTACTED: _ID,
    RESOLVE: _ID,
    NO_NOTE: _ID,
    MESSAGE_PATIENT: _ID,
    CALL_ME: _ID,
    RELEASE_HOLD: _ID,
    ALERT_CARD: _ID,
    PATIENT_READ: _ID,
    SIGN: f"{_ID}:{_NAME}",
    BEGIN: _ID,
    FORMAT: f"{_ID}:(?:steps|compact)",
    STEP: f"{_ID}:(?:done|part|skip)",
    SKIP: f"{_ID}:(?:pain|time|hard|other)",
    TIMER: _ID,
    LANGUAGE: "[a-z]{2,3}",
    READINESS: f"{_ID}:\\d{{1,2}}:[yn]",
    CLEARANCE: f"{_ID}:(?:clear|hold)",
    STOP: "(?:yes|no)",
    SETTINGS: "[a-z_]{1,24}",
    TIMEZONE: f"(?:{_ZONE})",
    SNOOZE: "(?:30|60|evening)",
    SETTLED: f"{_ID}:(?:yes|bit|no)",
    CHECKIN_PAIN: f"{_ID}:{_SCORE}",
    PSFS: f"{_ID}:{_ID}:{_SCORE}",
    BASELINE: _SCORE,
    NOTE: f"{_ID}:skip",
    CORRECT: _ID,
    APPROVE_LEVEL: _ID,
    REPLY: _ID,
    MARK_READ: _ID,
    THREAD: _ID,
    OPEN_PATIENT: _ID,
    CASELOAD_PAGE: r"(?:all|alerts|held|inactive):\d{1,4}",
    RECONSENT: "(?:yes|no)",
}


def data(action: str, *parts: object) -> str:
    """Callback data for ``action`` with its arguments."""
    return ":".join([action, *(str(part) for part in parts)])


def pattern(action: str) -> str:
    """The regular expression a handler uses to receive one action's presses: the whole
    data must have the action's shape, or the press goes to the catch-all instead."""
    shape = SHAPES[action]
    return rf"^{action}(?::{shape})?\Z" if shape == "" else rf"^{action}:{shape}\Z"


def is_well_formed(callback_data: str | None) -> bool:
    """Whether ``callback_data`` is one of ours, with the right shape. Never raises."""
    if not callback_data:
        return False
    action = callback_data.split(":", 1)[0]
    return action in SHAPES and re.match(pattern(action), callback_data) is not None


def parts(callback_data: str) -> list[str]:
    """The arguments of a press, without the action."""
    return callback_data.split(":")[1:]
