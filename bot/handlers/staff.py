"""Staff commands in Telegram. Each checks the sender's role and clinic in the service."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.context import deps
from bot.handlers.delivery import respond
from bot.services import staff_desk
from bot.services.staff_desk import ADMIN_ONLY, StaffAction


async def staff_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any staff command: ``/invite``, ``/assign``, ``/patients``, ..."""
    assert update.effective_message is not None and update.effective_message.text is not None
    name = update.effective_message.text.split()[0].lstrip("/").split("@")[0].lower()
    await respond(
        update,
        context,
        staff_desk.run,
        _action(name, context),
        list(context.args or []),
        admin_only=name in ADMIN_ONLY,
    )


def _action(name: str, context: ContextTypes.DEFAULT_TYPE) -> StaffAction:
    d = deps(context)
    username = context.bot.username
    if name == "invite":
        return staff_desk.invite_patient(username, d.content.programmes.keys(), d.invite_valid_days)
    if name == "staffinvite":
        return staff_desk.invite_staff(username, d.invite_valid_days)
    actions: dict[str, StaffAction] = {
        "invites": staff_desk.list_invites,
        "revoke": staff_desk.revoke,
        "assign": staff_desk.assign,
        "deactivate": staff_desk.deactivate,
        "patients": staff_desk.patients,
    }
    return actions[name]
