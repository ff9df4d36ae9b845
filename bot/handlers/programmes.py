"""``/plan``: a clinician shows or changes one patient's programme from Telegram."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.delivery import respond
from bot.services.programmes import changes as programmes


async def plan(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/plan 12``, ``/plan 12 swap heel-raise calf-stretch``, ``/plan 12 level heel-raise 2``."""
    await respond(update, context, programmes.plan_command, list(context.args or []))
