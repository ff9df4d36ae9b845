"""Every action the audit trail records (``AuditEvent.action``), in one place.

A new action is added here; recording one that is not here fails at once (in the tests),
and the database refuses it too (an enum-typed column with a CHECK constraint).
"""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    # Alerts, by the staff member who acted
    ALERT_ACKNOWLEDGE = "alert.acknowledge"
    ALERT_CALL_REQUESTED = "alert.call_requested"
    ALERT_CONTACTED = "alert.contacted"
    ALERT_MESSAGE_PATIENT = "alert.message_patient"
    ALERT_NOTE = "alert.note"
    ALERT_RELAY = "alert.relay"
    ALERT_RELEASE_HOLD = "alert.release_hold"
    ALERT_RESOLVE = "alert.resolve"
    ALERT_UNREACHABLE = "alert.unreachable"
    ALERT_PAIN_CORRECTED = "alert.pain_corrected"
    # Buttons no action took (malformed or forged data)
    BUTTON_REFUSED = "button_refused"
    # Staff reading and setting up
    CASELOAD_VIEW = "caseload.view"
    CLINIC_DEFAULT_BACKUP = "clinic.default_backup"
    CLINIC_PHONE = "clinic.phone"
    CLINIC_RETENTION = "clinic.retention"
    DIGEST_SET = "digest.set"
    DIGEST_WEEKLY = "digest.weekly"
    INVITE_REDEEM = "invite.redeem"
    INVITE_REVOKED = "invite.revoked"
    LEVEL_APPROVE = "level.approve"
    PATIENT_INVITE_CREATED = "patient_invite.created"
    STAFF_COMMAND = "staff.command"
    STAFF_DEACTIVATED = "staff.deactivated"
    STAFF_INVITED = "staff.invited"
    STAFF_REINVITED = "staff.reinvited"
    THRESHOLD_SET = "threshold.set"
    # Consent and the patient's own changes
    CONSENT_ACCEPTED = "consent.accepted"
    CONSENT_ASKED = "consent.asked"
    CONSENT_DECLINED = "consent.declined"
    CONSENT_WITHDRAWN = "consent.withdrawn"
    SETTINGS_PICTURES = "settings.pictures"
    SETTINGS_REMINDER_TIME = "settings.reminder_time"
    SETTINGS_TIMEZONE = "settings.timezone"
    # A patient's record
    PATIENT_ASSIGNED = "patient.assigned"
    PATIENT_ENROLLED = "patient.enrolled"
    PATIENT_ERASED = "patient.erased"
    PATIENT_EXPORT = "patient.export"
    PATIENT_PAUSED = "patient.paused"
    PATIENT_REOPENED = "patient.reopened"
    PATIENT_RESUMED = "patient.resumed"
    PATIENT_VIEW = "patient.view"
    # A clinician's changes to a programme (``programme.<action>`` of /plan)
    PROGRAMME_CHANGE = "programme.change"
    PROGRAMME_ASSIGN = "programme.assign"
    PROGRAMME_ADD = "programme.add"
    PROGRAMME_REMOVE = "programme.remove"
    PROGRAMME_SWAP = "programme.swap"
    PROGRAMME_LEVEL = "programme.level"
    PROGRAMME_DOSE = "programme.dose"
    # The readiness check (``readiness.<decision>`` of the clinician's clearance)
    READINESS_COMPLETED = "readiness.completed"
    READINESS_DECIDE = "readiness.decide"
    READINESS_RECHECK = "readiness.recheck"
    READINESS_CLEARED = "readiness.cleared"
    READINESS_ON_HOLD = "readiness.on_hold"
    # Threads between patients and their care team
    THREAD_INBOX = "thread.inbox"
    THREAD_MARK_READ = "thread.mark_read"
    THREAD_READ = "thread.read"
    THREAD_REPLY = "thread.reply"
    # Warning signs
    WARNING_ASK = "warning.ask"
    WARNING_DENIED = "warning.denied"
    WARNING_NONE = "warning.none"
