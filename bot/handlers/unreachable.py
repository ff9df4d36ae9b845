"""The one list of Telegram errors that mean "this person cannot be reached at all".

Retrying these never helps: the person blocked the bot, deleted their account, never
started the bot, or the chat does not exist. Every send (``delivery.send``), an alert's
included, uses this list, so no two sends can disagree.
"""

from __future__ import annotations

from telegram.error import BadRequest, Forbidden, TelegramError

# A 400 with one of these (lower-case) in its description is as final as a 403.
PERMANENT_BAD_REQUESTS = (
    "chat not found",
    "user not found",
    "peer_id_invalid",
    "user is deactivated",
    "chat_id is empty",
)


def cannot_reach(error: TelegramError) -> bool:
    """Whether ``error`` says the chat can never receive this message (don't retry).

    Every 403 qualifies: "bot was blocked by the user", "user is deactivated", "bot can't
    initiate conversation with a user", "bot was kicked". Other failures (429, 5xx,
    timeouts, a bad message) are worth retrying, or are our bug, and are not on the list.
    """
    if isinstance(error, Forbidden):
        return True
    if isinstance(error, BadRequest):
        text = error.message.lower()
        return any(reason in text for reason in PERMANENT_BAD_REQUESTS)
    return False
