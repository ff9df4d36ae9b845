"""One place for the unexpected: log without health data, apologise to the person."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import Conflict, TelegramError
from telegram.ext import ContextTypes

from bot.handlers.context import deps

log = logging.getLogger(__name__)

ANOTHER_POLLER = (
    "Another instance of this bot is polling Telegram for updates with the same token "
    "(409 Conflict): Telegram lets only one do that, so the two take turns and both miss "
    "updates. Stop the other instance; to run several, start each with "
    "`companion run --webhook` (see docs/deployment.md)."
)
WEBHOOK_SET = (
    "This bot's webhook is set (409 Conflict), so long polling gets no updates: instances "
    "started with `companion run --webhook` receive them. Stop this instance, or start it "
    "with --webhook too (see docs/deployment.md)."
)


def conflict_explained(error: Conflict) -> str:
    """What an operator must know about a 409 from getUpdates."""
    return WEBHOOK_SET if "webhook" in error.message.lower() else ANOTHER_POLLER


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure by type and update id only, and tell the person we are sorry.

    The message text is never logged: it may hold symptoms or a name.
    """
    error = context.error
    if isinstance(error, Conflict) and update is None:  # from getUpdates, not a handler
        log.error("%s", conflict_explained(error))
        return
    update_id = update.update_id if isinstance(update, Update) else None
    log.error(
        "update %s failed: %s",
        update_id,
        type(error).__name__,
        exc_info=(type(error), error, error.__traceback__) if error else None,
    )
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    content = deps(context).content
    user = update.effective_user
    text = content.render(content.language_for(user.language_code if user else None), "sorry_error")
    if update.callback_query is not None:
        # The press may already have been answered before the failure; that is fine.
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer()
    try:
        await context.bot.send_message(update.effective_chat.id, text)
    except TelegramError as failure:  # the apology itself failed: nothing more we can do
        log.warning("could not send the apology for update %s: %s", update_id, failure.message)
