"""The tables behind the journey: clinics, staff, invites, patients, sessions and alerts.

Every piece of conversation state (the onboarding step, the question awaited) is a column
here, so a restart or a second instance carries any conversation on.
"""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import BigInteger, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.db.audit_actions import AuditAction
from bot.db.types import UTCDateTime, enum_type


class StaffRole(StrEnum):
    CLINICIAN = "clinician"
    ADMIN = "admin"


class InvitePurpose(StrEnum):
    PATIENT = "patient"
    STAFF = "staff"


class OnboardingStep(StrEnum):
    """Where a patient is in enrolment; ``ENROLLED`` once it is complete."""

    LANGUAGE = "language"
    CONSENT = "consent"
    READINESS = "readiness"
    REMINDER_TIME = "reminder_time"
    ENROLLED = "enrolled"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    ERASED = "erased"  # retention erased their personal data (bot/services/privacy)


class SessionStep(StrEnum):
    """The question a day's session is waiting on."""

    EXERCISES = "exercises"
    PAIN = "pain"
    DIFFICULTY = "difficulty"
    COMPLETE = "complete"
    STOPPED = "stopped"  # a warning sign ended the exercises (bot/services/warnings.py)


class AwaitedAnswer(StrEnum):
    """The typed answer a person's next text is taken as (``awaiting_text``), if any.

    Each is taken by one handler, registered in ``bot.services.conversation``.
    """

    REMINDER_TIME = "reminder_time"  # onboarding: when the daily session comes
    TIMEZONE = "timezone"  # /settings: the patient's time zone
    PSFS_ACTIVITY = "psfs_activity"  # the weekly check-in: an activity to rate
    SESSION_NOTE = "session_note"  # the optional note after a session
    ALERT_NOTE = "alert_note"  # staff: the note for a resolved alert
    ALERT_RELAY = "alert_relay"  # staff: a message relayed to the patient of an alert
    THREAD_REPLY = "thread_reply"  # staff: a reply to a patient's thread
    LANGUAGE = "language"  # /settings: the language question
    STOP_CONFIRM = "stop_confirm"  # /stop: "are you sure?"


class AlertState(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"


class AlertEventKind(StrEnum):
    """What one row of an alert's history records: a state it entered, or a step of its
    ladder, or what staff or the patient did (``AlertEvent.state``)."""

    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"
    NOTIFIED = "notified"  # a staff member was told (a ladder step, or the reader)
    UNREACHABLE = "unreachable"  # a staff member could not be told (403)
    STEP_SKIPPED = "step_skipped"  # a ladder step had no one to tell
    REMINDED = "reminded"  # the reminder to resolve an acknowledged alert
    CONTACTED = "contacted"
    CALL_REQUESTED = "call_requested"
    ROUTINE_RESUMED = "routine_resumed"
    NOTED = "noted"
    RELAYED = "relayed"
    PATIENT_CONFIRMED = "patient_confirmed"
    REPEATED = "repeated"  # the patient reported again a sign already on the open alert
    PAIN_CORRECTED = "pain_corrected"  # the pain answer behind the alert was changed


class Clinic(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, index=True, max_length=64)
    name: str = Field(max_length=200)
    timezone: str = Field(max_length=64)
    created_at: datetime = Field(sa_type=UTCDateTime)
    # The number patients are asked to call ("Call me" under an alert); empty until set.
    phone: str | None = Field(default=None, max_length=40)
    # Days after a patient's last activity (or withdrawal) before their personal data is
    # erased by ``companion retention run``; empty: kept until the clinic sets it.
    retention_days: int | None = None


class Staff(SQLModel, table=True):
    """A clinician or admin. ``handle`` is the clinic's short label, e.g. ``dr-lee``."""

    __table_args__ = (UniqueConstraint("clinic_id", "handle"),)

    id: int | None = Field(default=None, primary_key=True)
    clinic_id: int = Field(foreign_key="clinic.id", index=True)
    role: str = Field(max_length=20)
    handle: str = Field(max_length=64)
    telegram_user_id: int | None = Field(default=None, unique=True, sa_type=BigInteger)
    language: str = Field(default="en", max_length=8)
    active: bool = True
    is_default_backup: bool = False
    created_at: datetime = Field(sa_type=UTCDateTime)
    linked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    deactivated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # A typed answer this staff member owes (bot/services/alerts/raising.py): a note for a resolved
    # alert, or a message to relay to the alert's patient. No foreign key: it is a pointer.
    awaiting_text: AwaitedAnswer | None = Field(default=None, sa_type=enum_type(AwaitedAnswer, 40))
    awaiting_alert_id: int | None = None
    # The patient whose thread a typed reply goes to (bot/services/inbox/threads.py).
    awaiting_patient_id: int | None = None
    # When a clinician's weekly digest comes, in the clinic's timezone (Monday = 0).
    digest_weekday: int = 0
    digest_time: time = time(8, 0)


class InviteCode(SQLModel, table=True):
    """A single-use, expiring code. Only its hash is stored."""

    id: int | None = Field(default=None, primary_key=True)
    clinic_id: int = Field(foreign_key="clinic.id", index=True)
    purpose: str = Field(max_length=20)
    code_hash: str = Field(unique=True, max_length=64)
    staff_id: int | None = Field(default=None, foreign_key="staff.id")
    clinician_id: int | None = Field(default=None, foreign_key="staff.id")
    backup_clinician_id: int | None = Field(default=None, foreign_key="staff.id")
    programme_id: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    used_by_telegram_id: int | None = Field(default=None, sa_type=BigInteger)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Patient(SQLModel, table=True):
    """A patient, known to the bot only by Telegram id: no name or diagnosis is stored."""

    id: int | None = Field(default=None, primary_key=True)
    clinic_id: int = Field(foreign_key="clinic.id", index=True)
    clinician_id: int = Field(foreign_key="staff.id", index=True)
    backup_clinician_id: int | None = Field(default=None, foreign_key="staff.id")
    invite_id: int | None = Field(default=None, foreign_key="invitecode.id")
    telegram_user_id: int = Field(unique=True, sa_type=BigInteger)
    chat_id: int = Field(sa_type=BigInteger)
    language: str = Field(default="en", max_length=8)
    timezone: str = Field(max_length=64)
    onboarding_step: OnboardingStep = Field(
        default=OnboardingStep.LANGUAGE, sa_type=enum_type(OnboardingStep, 20)
    )
    awaiting_text: AwaitedAnswer | None = Field(default=None, sa_type=enum_type(AwaitedAnswer, 40))
    consent_version: str | None = Field(default=None, max_length=20)
    consent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reminder_time: time | None = None
    programme_id: str = Field(max_length=64)
    created_at: datetime = Field(sa_type=UTCDateTime)
    withdrawn_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # "steps": one exercise at a time; "compact": the whole session in one message.
    session_format: str = Field(default="steps", max_length=10)
    # Scheduling (bot/services/scheduling/planning.py). Routine messages wait while paused (until
    # paused_until, or until resumed when it is empty) and while a warning-sign hold is set;
    # a clinician clears the hold. Quiet hours are local times; follow-up is after the session.
    paused_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    paused_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    hold_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    hold_reason: str | None = Field(default=None, max_length=40)
    quiet_start: time = time(21, 0)
    quiet_end: time = time(8, 0)
    follow_up_minutes: int = 180
    training_days: str = Field(default="0123456", max_length=7)  # weekdays, Monday = 0
    # Pictures with each exercise, or text only (for a small data plan): /settings.
    pictures: bool = True


class ReadinessCheck(SQLModel, table=True):
    """One readiness check: the seven answers, and the clinician's clearance if any was needed.

    A check with any "yes" holds the programme until a clinician clears it; a clearance (or
    an all-"no" check) is valid until ``valid_until`` (12 months).
    """

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    answers: str = Field(default="", max_length=40)  # one "y"/"n" per question, in order
    started_at: datetime = Field(sa_type=UTCDateTime)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    needs_clearance: bool = False
    decided_by_id: int | None = Field(default=None, foreign_key="staff.id")
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decision: str | None = Field(default=None, max_length=20)  # cleared | on_hold
    valid_until: datetime | None = Field(default=None, sa_type=UTCDateTime)


class PatientExercise(SQLModel, table=True):
    """One exercise in a patient's own programme, at the level they are working on."""

    __table_args__ = (UniqueConstraint("patient_id", "exercise_id"),)

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    exercise_id: str = Field(max_length=64)
    level: int = 1
    position: int = 0
    # A clinician's dosage for this patient; empty means the level's own dosage.
    sets: int | None = None
    reps: int | None = None
    hold_seconds: int | None = None
    duration_seconds: int | None = None
    rest_seconds: int | None = None


class ExerciseSession(SQLModel, table=True):
    """One day's session and the feedback given after it (the session log)."""

    __table_args__ = (UniqueConstraint("patient_id", "local_date"),)

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    local_date: date
    step: SessionStep = Field(default=SessionStep.EXERCISES, sa_type=enum_type(SessionStep, 20))
    started_at: datetime = Field(sa_type=UTCDateTime)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    pain: int | None = None
    pain_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    difficulty: str | None = Field(default=None, max_length=20)
    difficulty_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The optional free-text note after the answers (bot/services/feedback/answers.py).
    note: str | None = Field(default=None, max_length=1000)
    note_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Alert(SQLModel, table=True):
    """A warning for a clinician, committed before any message about it is sent."""

    id: int | None = Field(default=None, primary_key=True)
    clinic_id: int = Field(foreign_key="clinic.id", index=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    clinician_id: int = Field(foreign_key="staff.id", index=True)
    session_id: int | None = Field(default=None, foreign_key="exercisesession.id", index=True)
    level: str = Field(max_length=20)
    reason: str = Field(max_length=40)
    state: AlertState = Field(default=AlertState.OPEN, sa_type=enum_type(AlertState, 20))
    created_at: datetime = Field(sa_type=UTCDateTime)
    notified_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    acknowledged_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    acknowledged_by_id: int | None = Field(default=None, foreign_key="staff.id")
    # The alert ladder (bot/services/alerts/escalation.py): the highest step notified so far (-1:
    # none yet), the reason's details as JSON (sign ids, a pain score; never patient text),
    # and what staff did with it.
    step: int = -1
    details: str = Field(default="{}", max_length=400)
    contacted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    contacted_by_id: int | None = Field(default=None, foreign_key="staff.id")
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    resolved_by_id: int | None = Field(default=None, foreign_key="staff.id")
    note: str | None = Field(default=None, max_length=500)
    patient_confirmed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The patient's own words that raised it (a typed warning sign), shown on the alert card
    # to the care team only; never logged. ``None`` for a checklist choice or a pain score.
    words: str | None = Field(default=None, max_length=1000)


class AlertEvent(SQLModel, table=True):
    """Append-only history of an alert: every state change, who made it and when."""

    id: int | None = Field(default=None, primary_key=True)
    alert_id: int = Field(foreign_key="alert.id", index=True)
    state: AlertEventKind = Field(sa_type=enum_type(AlertEventKind, 20))
    actor_staff_id: int | None = Field(default=None, foreign_key="staff.id")
    at: datetime = Field(sa_type=UTCDateTime)
    step: int | None = None  # the ladder step a notification or skip belongs to
    target_staff_id: int | None = Field(default=None, foreign_key="staff.id")  # who was told


class AlertNotice(SQLModel, table=True):
    """One alert message as it was sent to one staff chat, so it can be edited when the
    alert's state changes (bot/services/alerts/messages.py)."""

    id: int | None = Field(default=None, primary_key=True)
    alert_id: int = Field(foreign_key="alert.id", index=True)
    staff_id: int = Field(foreign_key="staff.id")
    chat_id: int = Field(sa_type=BigInteger)
    message_id: int
    sent_at: datetime = Field(sa_type=UTCDateTime)


class ThreadSender(StrEnum):
    PATIENT = "patient"
    STAFF = "staff"


class ThreadMessage(SQLModel, table=True):
    """One message in the thread between a patient and their care team (the assigned
    clinician and the backup): what the patient typed, or what staff sent them.

    ``kind`` is ``text`` (typed to the bot), ``note`` (the note after a session) or
    ``reply`` (from staff). A patient's message is unread until someone of the care team
    marks it read; a staff message counts as sent only once Telegram accepted it.
    """

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    sender: str = Field(max_length=10)
    staff_id: int | None = Field(default=None, foreign_key="staff.id")
    kind: str = Field(default="text", max_length=10)
    text: str = Field(max_length=4096)
    at: datetime = Field(sa_type=UTCDateTime)
    read_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    read_by_id: int | None = Field(default=None, foreign_key="staff.id")
    delivered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ConsentRecord(SQLModel, table=True):
    """Each answer a patient gave to a version of the consent notice, and each withdrawal."""

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    version: str = Field(max_length=20)
    decision: str = Field(max_length=20)  # accepted | declined | withdrawn
    at: datetime = Field(sa_type=UTCDateTime)


class AuditEvent(SQLModel, table=True):
    """Append-only record of who did what to which patient's data, and of invite attempts."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime, index=True)
    action: AuditAction = Field(sa_type=enum_type(AuditAction, 40))
    telegram_user_id: int | None = Field(default=None, sa_type=BigInteger)
    staff_id: int | None = Field(default=None, foreign_key="staff.id")
    patient_id: int | None = Field(default=None, foreign_key="patient.id")
    outcome: str = Field(default="ok", max_length=40)


class ExerciseOutcome(StrEnum):
    """What the patient did with one exercise of a session."""

    PENDING = "pending"
    DONE = "done"
    MODIFIED = "modified"  # did part of it
    SKIPPED = "skipped"


class ExerciseLog(SQLModel, table=True):
    """One exercise of one day's session: what was planned, and what the patient did.

    The rows are written when the session starts, so the plan of a day never changes under
    the patient, and the first ``pending`` row is where ``/today`` resumes.
    """

    __table_args__ = (UniqueConstraint("session_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="exercisesession.id", index=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    position: int
    exercise_id: str = Field(max_length=64)
    level: int
    dosage_json: str = Field(max_length=400)
    outcome: str = Field(default=ExerciseOutcome.PENDING, max_length=20)
    skip_reason: str | None = Field(default=None, max_length=20)
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class MorningCheck(SQLModel, table=True):
    """The next-morning question after a session: has the exercise pain settled?

    ``settled`` is ``yes``, ``bit`` or ``no``; it feeds the pain model (Silbernagel 2007).
    """

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    session_id: int = Field(foreign_key="exercisesession.id", unique=True)
    asked_at: datetime = Field(sa_type=UTCDateTime)
    settled: str | None = Field(default=None, max_length=10)
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class CheckinStep(StrEnum):
    """The question a weekly check-in is waiting on."""

    PAIN = "pain"
    ACTIVITIES = "activities"  # first check-in only: the patient names their 3 activities
    SCORES = "scores"
    COMPLETE = "complete"


class WeeklyCheckin(SQLModel, table=True):
    """One weekly check-in: pain (NPRS 0-10), then a 0-10 score for each PSFS activity."""

    __table_args__ = (UniqueConstraint("patient_id", "local_date"),)

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    local_date: date
    step: str = Field(default=CheckinStep.PAIN, max_length=20)
    asked_at: datetime = Field(sa_type=UTCDateTime)
    pain: int | None = None
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class PsfsActivity(SQLModel, table=True):
    """One of the patient's own activities for the PSFS, named at the first check-in."""

    __table_args__ = (UniqueConstraint("patient_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    position: int
    label: str = Field(max_length=120)
    created_at: datetime = Field(sa_type=UTCDateTime)


class PsfsScore(SQLModel, table=True):
    """How well the patient can do one activity this week, 0 (cannot) to 10 (as before)."""

    __table_args__ = (UniqueConstraint("checkin_id", "activity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    checkin_id: int = Field(foreign_key="weeklycheckin.id", index=True)
    activity_id: int = Field(foreign_key="psfsactivity.id")
    score: int
    at: datetime = Field(sa_type=UTCDateTime)


class PainBaseline(SQLModel, table=True):
    """The patient's usual pain (0-10) as given on ``local_date``: at the end of onboarding,
    then at each weekly check-in. The latest row is the baseline now."""

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    local_date: date
    pain: int
    source: str = Field(max_length=20)  # onboarding | checkin
    at: datetime = Field(sa_type=UTCDateTime)


class LevelDecisionState(StrEnum):
    """What became of one pain-model decision (bot/services/programmes/progression.py)."""

    KEPT = "kept"  # no level change: hold, or a step down at level 1
    APPLIED = "applied"  # the level changed at once, or the clinician approved it
    PROPOSED = "proposed"  # waits for the clinician's one-button approval
    SUPERSEDED = "superseded"  # a later decision, or a corrected answer, replaced it


class LevelDecision(SQLModel, table=True):
    """The pain model's decision for one exercise after one session, and what became of it.

    One row per session and exercise: the next-morning answer updates it, so the latest rows
    read as the exercise's decisions "in a row".
    """

    __table_args__ = (UniqueConstraint("session_id", "exercise_id"),)

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    session_id: int = Field(foreign_key="exercisesession.id", index=True)
    exercise_id: str = Field(max_length=64)
    action: str = Field(max_length=20)  # progress | hold | step_down
    from_level: int
    to_level: int
    reasons: str = Field(max_length=200)  # comma-separated pain_model.Reason values
    state: str = Field(max_length=20)
    decided_at: datetime = Field(sa_type=UTCDateTime)
    applied_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    approved_by_id: int | None = Field(default=None, foreign_key="staff.id")


# The scheduler's due-work table shares this schema; importing it here keeps every table on
# SQLModel.metadata wherever the models are loaded (migrations, tests, tools).
from scheduler.models import DueWork as DueWork  # noqa: E402


class PatientThreshold(SQLModel, table=True):
    """A clinician's override of one pain-model threshold for one patient."""

    __table_args__ = (UniqueConstraint("patient_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    name: str = Field(max_length=40)
    value: int
    set_by_id: int | None = Field(default=None, foreign_key="staff.id")
    set_at: datetime = Field(sa_type=UTCDateTime)


class ReceivedUpdate(SQLModel, table=True):
    """An update from Telegram, polled or posted to the webhook, keyed by its ``update_id``.

    Polling stores ``payload`` (the raw update, which holds health data) before Telegram
    is told it arrived, so a restart handles what a crash left; it is erased once the
    update has been handled. The webhook stores no payload (Telegram keeps the update until
    we answer 200): its row is a claim, ``lease_until`` being when an unfinished claim may
    be taken over (its process died). ``handled_at`` is set once the update was handled.
    The bare id stays two days, so that a redelivered update is handled once.
    """

    update_id: int = Field(
        primary_key=True, sa_type=BigInteger, sa_column_kwargs={"autoincrement": False}
    )
    received_at: datetime = Field(sa_type=UTCDateTime, index=True)
    payload: str | None = None
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    handled_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)


class MediaUpload(SQLModel, table=True):
    """A picture Telegram already has: its ``file_id`` for this bot, by the file's SHA-256.

    A file id belongs to one bot, so each bot uploads each file once and then reuses it.
    """

    bot_id: int = Field(
        primary_key=True, sa_type=BigInteger, sa_column_kwargs={"autoincrement": False}
    )
    content_hash: str = Field(primary_key=True, max_length=64)
    kind: str = Field(max_length=20)  # photo | animation
    file_id: str = Field(max_length=200)
    uploaded_at: datetime = Field(sa_type=UTCDateTime)


class ShownKeyboard(SQLModel, table=True):
    """The buttons under one message the bot sent with buttons, as JSON rows
    ``[[[label, callback data], ...], ...]``: a typed text that means one of them is taken
    as its press (``bot.services.pressed``). One row per message; the newest few of each
    chat are live (``keyboards.KEPT``), older ones are deleted. ``message_id`` is filled in
    once Telegram has sent the message, so a typed press clears the very message it
    pressed; a row is deleted once its keyboard leaves the screen."""

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_type=BigInteger, index=True)
    message_id: int | None = Field(default=None, sa_type=BigInteger)
    buttons: str
    shown_at: datetime = Field(sa_type=UTCDateTime)
