"""Staff commands in Telegram. Each checks the sender's role and clinic in the service."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.context import button_args, deps
from bot.handlers.delivery import respond
from bot.services import readiness
from bot.services.feedback import thresholds as patient_thresholds
from bot.services.staff import alert_desk, caseload, digest, patient_view
from bot.services.staff import desk as staff_desk
from bot.services.staff.desk import ADMIN_ONLY, StaffAction


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


async def clearance_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/clear P-12`` or ``/hold P-12``: decide on a readiness hold without the button."""
    assert update.effective_message is not None and update.effective_message.text is not None
    cleared = update.effective_message.text.lstrip("/").lower().startswith("clear")
    args = list(context.args or [])
    await respond(update, context, readiness.decide_for_patient, args[0] if args else "", cleared)


async def threshold_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/threshold P-12 [name value]``: a patient's own pain-model thresholds."""
    await respond(update, context, patient_thresholds.set_threshold, list(context.args or []))


async def patient_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/patient P-12``: adherence, pain and the weekly trend of one of the sender's patients."""
    await respond(update, context, patient_view.patient_view, list(context.args or []))


async def caseload_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/patients [alerts|held|inactive]``: the caseload, one line per patient."""
    await respond(update, context, caseload.caseload, list(context.args or []))


async def caseload_page(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Previous / Next under the caseload."""
    wanted, number = button_args(update)
    await respond(update, context, caseload.page, wanted, int(number))


async def open_patient(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A patient's button under the caseload: the same as ``/patient P-n``."""
    (patient_id,) = button_args(update)
    await respond(update, context, patient_view.patient_view, [f"P-{int(patient_id)}"])


async def alerts_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/alerts``: the open alerts of the sender's patients, a button each to open its card."""
    await respond(update, context, alert_desk.alert_list)


async def open_alert_card(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An alert's button under ``/alerts``: its card, with its buttons."""
    (alert_id,) = button_args(update)
    await respond(update, context, alert_desk.open_card, int(alert_id))


async def digest_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/digest [day HH:MM]``: when the clinician's weekly digest comes."""
    await respond(update, context, digest.set_time, list(context.args or []))


def _action(name: str, context: ContextTypes.DEFAULT_TYPE) -> StaffAction:
    d = deps(context)
    username = context.bot.username
    if name == "invite":
        return staff_desk.invite_patient(
            username, d.content.programmes.keys(), d.invite_valid_days, d.invite_policy.secret
        )
    if name == "staffinvite":
        return staff_desk.invite_staff(username, d.invite_valid_days, d.invite_policy.secret)
    actions: dict[str, StaffAction] = {
        "invites": staff_desk.list_invites,
        "revoke": staff_desk.revoke,
        "assign": staff_desk.assign,
        "deactivate": staff_desk.deactivate,
    }
    return actions[name]
