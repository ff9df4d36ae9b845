"""Invite codes that are easy to read aloud and type, and are stored only as a hash."""

from __future__ import annotations

import hashlib
import hmac
import secrets

# No 0/O, 1/I/L or U/V: nothing a patient can misread from paper or mishear on the phone.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
CODE_LENGTH = 10
GROUP = 5


def new_code(choose: secrets.SystemRandom | None = None) -> str:
    """A fresh random code, grouped for reading: ``K7MXQ-P4RT9``."""
    rng = choose or secrets.SystemRandom()
    raw = "".join(rng.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, CODE_LENGTH, GROUP))


def normalise(typed: str) -> str:
    """The canonical form of what a person typed: upper case, no spaces or dashes.

    So ``k7mxq p4rt9`` and ``K7MXQ-P4RT9`` are the same code.
    """
    return "".join(ch for ch in typed.upper() if ch.isascii() and ch.isalnum())


def looks_like_code(typed: str) -> bool:
    """Whether the text could be a code at all (right length, right characters)."""
    code = normalise(typed)
    return len(code) == CODE_LENGTH and all(ch in ALPHABET for ch in code)


def code_hash(typed: str, secret: bytes | None = None) -> str:
    """The stored fingerprint of a code; the code itself is never stored.

    With the clinic's ``secret`` (``INVITE_CODE_SECRET``) it is an HMAC, so a copy of the
    database alone is not enough to search for unused codes.
    """
    raw = normalise(typed).encode("ascii", "ignore")
    if secret:
        return hmac.new(secret, raw, hashlib.sha256).hexdigest()
    return hashlib.sha256(raw).hexdigest()


def deep_link(bot_username: str, code: str) -> str:
    """The ``t.me`` link that opens the bot with the code filled in."""
    return f"https://t.me/{bot_username}?start={normalise(code)}"
