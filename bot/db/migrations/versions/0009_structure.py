"""typed state: session steps, alert states, alert event kinds, awaited answers and audit
actions become enum-typed columns (their values, with a CHECK constraint)

The stored strings do not change: each enum's values are the strings the code wrote before.
Existing rows are checked first. An awaited answer the bot no longer knows is cleared (the
person is simply no longer waiting on it); any other value outside its enum stops the
migration with the table, the column and the values, because an alert's history or the
audit trail is never rewritten silently.

Revision ID: 0009_structure
Revises: 0008_delivery
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_structure"
down_revision: str | None = "0008_delivery"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The values as of this revision (a later change to an enum is a later migration).
SESSION_STEP = ("exercises", "pain", "difficulty", "complete", "stopped")
ALERT_STATE = ("open", "acknowledged", "resolved")
ALERT_EVENT_KIND = (
    *ALERT_STATE,
    *("notified", "unreachable", "step_skipped", "reminded", "contacted", "call_requested"),
    *("routine_resumed", "noted", "relayed", "patient_confirmed", "repeated"),
    *("pain_corrected",),
)
AWAITED_ANSWER = (
    *("reminder_time", "timezone", "psfs_activity", "session_note"),
    *("alert_note", "alert_relay", "thread_reply"),
)
AUDIT_ACTION = (
    *("alert.acknowledge", "alert.call_requested", "alert.contacted", "alert.message_patient"),
    *("alert.note",),
    *("alert.relay", "alert.release_hold", "alert.resolve", "alert.unreachable"),
    *("alert.pain_corrected",),
    *("button_refused", "caseload.view", "clinic.default_backup", "clinic.phone"),
    *("clinic.retention", "digest.set", "digest.weekly", "invite.redeem", "invite.revoked"),
    *("level.approve", "patient_invite.created", "staff.command", "staff.deactivated"),
    *("staff.invited", "staff.reinvited", "threshold.set", "consent.accepted"),
    *("consent.asked", "consent.declined", "consent.withdrawn", "settings.pictures"),
    *("settings.reminder_time", "settings.timezone", "patient.assigned", "patient.enrolled"),
    *("patient.erased", "patient.export", "patient.paused", "patient.reopened"),
    *("patient.resumed", "patient.view", "programme.change", "programme.assign"),
    *("programme.add", "programme.remove", "programme.swap", "programme.level"),
    *("programme.dose", "readiness.completed", "readiness.decide", "readiness.recheck"),
    *("readiness.cleared", "readiness.on_hold", "thread.inbox", "thread.mark_read"),
    *("thread.read", "thread.reply", "warning.ask", "warning.denied", "warning.none"),
)

# table, column, enum name (its CHECK constraint is ck_<name>), values, length, nullable
COLUMNS = (
    ("exercisesession", "step", "sessionstep", SESSION_STEP, 20, False),
    ("alert", "state", "alertstate", ALERT_STATE, 20, False),
    ("alertevent", "state", "alerteventkind", ALERT_EVENT_KIND, 20, False),
    ("patient", "awaiting_text", "awaitedanswer", AWAITED_ANSWER, 40, True),
    ("staff", "awaiting_text", "awaitedanswer", AWAITED_ANSWER, 40, True),
    ("auditevent", "action", "auditaction", AUDIT_ACTION, 40, False),
)


def _enum(name: str, values: Sequence[str], length: int) -> sa.Enum:
    return sa.Enum(
        *values, native_enum=False, create_constraint=True, length=length, name=f"ck_{name}"
    )


def _convert_rows() -> None:
    """Clear awaited answers no longer known; refuse any other unknown value, naming it."""
    connection = op.get_bind()
    unknown: list[str] = []
    for table, column, name, values, _, _ in COLUMNS:
        t = sa.table(table, sa.column(column, sa.String))
        outside = ~t.c[column].in_(values) & t.c[column].is_not(None)
        if name == "awaitedanswer":
            connection.execute(sa.update(t).where(outside).values({column: None}))
            continue
        query = sa.select(t.c[column]).where(outside).distinct()
        found: list[str] = list(connection.execute(query).scalars())
        unknown += [f"{table}.{column}={value!r}" for value in found]
    if unknown:
        raise RuntimeError(
            "These stored values are not known to this version of the bot; nothing was "
            f"changed (fix or map them, then migrate again): {', '.join(sorted(unknown))}"
        )


def upgrade() -> None:
    _convert_rows()
    for table, column, name, values, length, nullable in COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                column,
                existing_type=sa.String(length=length),
                type_=_enum(name, values, length),
                existing_nullable=nullable,
            )


def downgrade() -> None:
    # Changing the type back drops the constraint the enum type brought (Alembic does so
    # for a SchemaType given as ``existing_type``; SQLite's copy leaves it out).
    for table, column, name, values, length, nullable in COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                column,
                existing_type=_enum(name, values, length),
                type_=sa.String(length=length),
                existing_nullable=nullable,
            )
