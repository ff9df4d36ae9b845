"""Sample variables for every message the code renders, as the code passes them.

``companion content check`` renders each message with these under ``StrictUndefined``: a
template that uses a variable the code does not pass fails here, not in a patient's chat.
When code starts passing a new variable to a message, add it here too.
"""

from __future__ import annotations

from typing import Any

_EXERCISE = {
    "id": "sit-to-stand",
    "name": "Sit to stand",
    "dosage": "3 sets of 10 reps",
    "days": "5 days a week",
    "cues": ["Feet flat.", "Stand up tall."],
    "safety": "Use a steady chair.",
    "stop_if": "You feel dizzy.",
    "seconds": 120,
    "timed": False,
    "level": 2,
    "levels": 3,
    "changed": True,
}

# The longest "next session" a message can carry (a date, not "tomorrow").
_NEXT_SESSION: dict[str, Any] = {
    "next_session": "Wednesday, September 30, at 12:30 PM",
    "held": False,
    "paused": False,
    "warning_hold": False,
}

SAMPLES: dict[str, dict[str, Any]] = {
    "already_enrolled_held": {"warning_hold": True},
    "warning_checklist": {
        "signs": [
            ("Chest pain", "Chest pain, pressure or tightness"),
            ("Fall with an injury", "A fall with a blow to the head, or bleeding"),
        ]
    },
    "alert_clinician": {
        "alert_id": 42,
        "acknowledged_by": "dr-roy",
        "acknowledged_at": "2026-11-30 14:05 EST",
        "contacted_by": "dr-roy",
        "contacted_at": "2026-11-30 14:20 EST",
        "resolved_by": "dr-roy",
        "resolved_at": "2026-11-30 15:00 EST",
        "note": "Spoke to the patient; GP today. " * 10,
        "level_label": "URGENT",
        "patient_id": 123456,
        "reason": "Reported pain 9/10 after today's session.",
        "raised_at": "Nov 30, 2:00 PM EST",
        "escalated": True,
        "reminder": False,
        "on_hold": True,
        "state": "acknowledged",
        "words": 'my chest hurts "a lot" & I feel sick ' * 20,
    },
    # The alert ladder and warning signs (bot/services/alerts/: raising, escalation, warnings).
    "alert_reason_signs": {"signs": ["Chest pain", "Fainting"], "source": "checklist"},
    "alert_reason_signs_denied": {"signs": ["Chest pain"], "source": "text"},
    "alert_note_question": {"alert_id": 42},
    "warning_told_urgent": {"phone": "+1 613 555 0100 ext. 204"},
    # Under an open URGENT or EMERGENCY alert (bot/services/safety.py): the longest line.
    "safety_line": {
        "phone": "+1 613 555 0100 ext. 204",
        "emergency": False,
        "crisis": False,
        "seen": False,
    },
    "alert_reason_pain_corrected": {"pain": 3, "before": 9},
    "alert_pain_corrected": {
        "alert_id": 42,
        "patient_id": 123456,
        "before": 9,
        "pain": 3,
        "resolved": True,
    },
    "alert_sign_repeated": {"alert_id": 42, "patient_id": 123456, "signs": "Chest pain"},
    "alert_acknowledged_by": {"alert_id": 42, "patient_id": 123456, "handle": "dr-roy"},
    "relay_question": {"patient_id": 123456},
    "relay_sent": {"patient_id": 123456, "parts": 2},
    "from_clinician": {
        "text": "Please call the clinic when you can.",
        "by": "clinician",
        "part": 1,
        "parts": 2,
    },
    # The caseload (bot/services/staff/caseload.py).
    "caseload": {
        "rows": [
            {
                "patient_id": 123456,
                "step": "enrolled",
                "open_alerts": 2,
                "top_alert": "urgent",
                "held": True,
                "paused": True,
                "week": (3, 5),
                "month": (12, 20),
                "last_pain": 6,
                "pain_trend": "up",
                "psfs_change": -2.5,
                "psfs_falling": True,
                "unread": 3,
                "inactive": True,
            }
        ]
        * 15,
        "filter": "inactive",
        "page": 2,
        "pages": 4,
        "total": 60,
        "level_labels": {"emergency": "EMERGENCY", "urgent": "URGENT", "routine": "Routine"},
    },
    # The weekly digest (bot/services/staff/digest.py).
    "weekly_digest": {
        "week_of": "2026-11-30",
        "attention": [
            {
                "patient_id": 123456,
                "reasons": ("alert", "unread_late", "pain_rising", "psfs_falling", "inactive"),
                "unread": 12,
                "alert": "EMERGENCY",
            }
        ]
        * 12,
        "more": 40,
        "routine": ["#42 P-123456 · Pain above the usual for a week · 2026-11-30 14:00 EST"] * 10,
        "routine_more": 10,
    },
    "digest_setting": {"weekday": 6, "time": "08:00", "next": "2026-12-07 08:00", "changed": True},
    # The patient's rights (bot/services/staff/patient_record.py, consent.py).
    "record_title": {"patient": "P-123456"},
    # Conversation threads (bot/services/inbox/threads.py).
    "thread_received": {"reader": True, "backup": True, "hours": 48, "phone": "613-555-0100"},
    "thread_reply_question": {"patient_id": 123456},
    "thread_too_long": {"length": 5000, "limit": 4096},
    "thread_not_delivered": {"patient_id": 123456},
    "thread_patient_left": {"patient_id": 123456},
    "thread_notice": {
        "patient_id": 123456,
        "at": "2026-11-30 14:00",
        "kind": "note",
        "part": 1,
        "text": "My knee was sore after the squats.",
    },
    "thread": {
        "patient_id": 123456,
        "rows": [
            {
                "at": "2026-11-30 14:00",
                "from_patient": True,
                "handle": "",
                "kind": "text",
                "text": "My knee was sore after the squats.",
                "unread": True,
                "undelivered": False,
            },
            {
                "at": "2026-11-30 15:00",
                "from_patient": False,
                "handle": "dr-lee",
                "kind": "reply",
                "text": "Thanks, ice it and rest a day.",
                "unread": False,
                "undelivered": True,
            },
        ]
        * 5,
    },
    "alert_list": {
        "rows": [
            {
                "alert_id": 123456,
                "level": "EMERGENCY",
                "patient_id": 123456,
                "reason": "Warning signs (found in a message):",
                "raised_at": "Nov 30, 2:00 PM EST",
                "acknowledged": True,
            }
        ]
        * 20,
        "more": 4,
    },
    "inbox": {
        "rows": [
            {
                "patient_id": 123456,
                "unread": 3,
                "since": "2026-11-30 14:00",
                "overdue": True,
                "alert": "URGENT",
            }
        ]
        * 30,
        "more": 4,
    },
    "alert_unresolved_reminder": {"alert_id": 42},
    "alert_unreachable_admin": {"alert_id": 42, "patient_id": 123456, "handles": ["dr-lee"]},
    "alert_digest": {"rows": ["#42 P-123456 · Night pain · Nov 30, 12:00 PM EST"] * 20},
    "warning_confirm": {"signs": ["Chest pain, pressure or tightness"]},
    # When sessions come, in words (services/scheduling/schedule_words.py, content/dates.py).
    "enrolled": {"reminder_time": "7:30 PM", "days": "Monday to Friday"},
    "baseline_saved": {"ready": True},
    "reminder_time_saved": {"reminder_time": "7:30 PM"},
    "reminders_wait": {"why": "paused_until", "until": "Saturday, December 26"},
    "settings_menu": {
        "reminder_time": "7:30 PM",
        "days": "Monday to Friday",
        "language": "English",
        "timezone": "Vancouver",
        "pictures": False,
    },
    "no_session_yet": _NEXT_SESSION,
    "session_complete": _NEXT_SESSION,
    "training_days": {
        "count": 3,
        "every_day": False,
        "first": None,
        "last": None,
        "names": "Monday, Wednesday, and Friday",
    },
    "next_session": {"when": "on", "date": "Wednesday, September 30", "time": "12:30 PM"},
    "reminder_time_quiet": {
        "chosen": "10:30 PM",
        "quiet_start": "9:00 PM",
        "quiet_end": "8:00 AM",
        "choices": ["8:30 PM", "8:00 AM"],
    },
    "reminder_time": {
        "reminder_time": "7:30 PM",
        "days": "every Monday, Wednesday, and Friday",
        "quiet_start": "9:00 PM",
        "quiet_end": "8:00 AM",
        "waiting": False,
    },
    "staff_linked": {"clinic_name": "Ottawa East Physio", "role": "clinician", "handle": "dr-lee"},
    "alert_reason_pain_high": {"pain": 9, "baseline": 3},
    # Feedback and the pain model applied (bot/services/feedback/answers.py, progression.py).
    "alert_reason_pain_above_baseline": {"pain": 6, "baseline": 2},
    "correct_too_late": {"answered_at": "7:42 PM"},
    "level_up": {"name": "Sit to stand", "level": 2},
    "level_down": {"name": "Sit to stand", "level": 1},
    "level_proposal": {
        "patient_id": 123456,
        "exercise": "Sit to stand",
        "from_level": 1,
        "to_level": 2,
        "up": True,
        "pain": 2,
    },
    "clinician_patient_too_hard": {"patient_id": 123456},
    "alert_reason_warning_sign": {"during_session": True},
    "dosage_reps": {"sets": 3, "reps": 12, "rest_seconds": 60, "days_per_week": 5},
    "dosage_hold": {"sets": 3, "hold_seconds": 30, "rest_seconds": 30, "days_per_week": 5},
    "dosage_duration": {"sets": 2, "duration_seconds": 1200, "rest_seconds": 60},
    "days_per_week": {"days": 5},
    "session": {"exercises": [_EXERCISE] * 5, "minutes": 12},
    "session_overview": {"exercises": [_EXERCISE] * 5, "minutes": 12},
    "session_step": {"item": _EXERCISE, "number": 5, "total": 5, "resumed": True},
    "timer_running": {"name": "Sit to stand", "seconds": 30},
    "timer_done": {"name": "Sit to stand", "rest_seconds": 30, "sets": 3},
    "plan": {"patient_id": 123456, "programme_id": "knee-oa", "exercises": [_EXERCISE] * 5},
    "plan_not_yours": {"patient_id": 123456},
    "plan_unknown_exercise": {"exercise": "heel-raise"},
    "plan_unknown_programme": {"programme": "knee-oa"},
    "plan_unknown_phase": {"programme": "knee-oa", "phases": 3},
    "plan_already_there": {"exercise": "heel-raise"},
    "plan_too_many": {"most": 5},
    "plan_not_in_programme": {"exercise": "heel-raise"},
    "plan_bad_level": {"exercise": "heel-raise", "levels": 3},
    # Reminders and check-ins (bot/services/reminders/scheduled.py, checkins.py).
    "snooze_set": {"time": "7:00 PM"},
    "snooze_late": _NEXT_SESSION,
    "checkin_activity_ask": {"number": 3},
    "checkin_activity_score": {"activity": "Climbing the stairs to my apartment with groceries"},
    "call_the_clinic": {
        "clinic_name": "Ottawa East Physiotherapy and Sports Rehabilitation",
        "phone": "+1 613-555-0100 ext. 204",
        "by": "clinic",
    },
    "alert_acknowledged_patient": {"by": "care_team"},
    "admin_bad_phone": {"phone": "call us"},
    "admin_bad_retention": {"days": -1},
    "patient_view": {
        "patient_id": 123456,
        "step": "enrolled",
        "readiness": "cleared",
        "paused": True,
        "held": True,
        "week": (7, 7),
        "month": (28, 28),
        "pains": [10] * 10,
        "weeks": [{"date": "Sep 30", "pain": 10, "psfs": 10.0, "scores": [10, 10, 10]}] * 8,
        "exercises": [{"name": "Sit to stand with hands on the chair", "level": 3}] * 5,
        "programme": "falls-prevention",
        "by_week": [("11-30", 5, 7)] * 8,
        "session_pains": [("11-30", 10)] * 10,
        "psfs": {1: [10] * 8, 2: [10] * 8, 3: [10] * 8},
        "level_changes": [
            {"date": "11-30", "name": "Sit to stand with hands on the chair", "from": 2, "to": 3}
        ]
        * 10,
        "alerts": [
            {
                "id": 123456,
                "level": "EMERGENCY",
                "state": "acknowledged",
                "raised": "2026-11-30 14:00 EST",
                "history": [
                    {"state": "acknowledged", "at": "2026-11-30 14:00 EST", "who": "dr-lee"}
                ]
                * 6,
            }
        ]
        * 5,
        "care_team": True,
        "messages": [
            {
                "at": "2026-11-30 14:00 EST",
                "from_patient": True,
                "who": "",
                "text": "My knee was sore after the squats.",
            }
        ]
        * 5,
    },
    "chart_caption": {"patient_id": 123456, "since": "2026-11-30"},
    # Admin refusals (AdminError in bot/services/clinics.py and assignments.py).
    "admin_no_patient": {"patient_id": 123456, "clinic": "ottawa-east-physiotherapy"},
    "admin_no_staff": {"handle": "dr-lee-longer-handle", "clinic": "ottawa-east-physiotherapy"},
    "admin_bad_timezone": {"timezone": "America/Somewhere_Far_Away"},
    "admin_clinic_exists": {"clinic": "ottawa-east-physiotherapy"},
    "admin_no_clinic": {"clinic": "ottawa-east-physiotherapy"},
    "admin_handle_exists": {"handle": "dr-lee", "clinic": "ottawa-east-physiotherapy"},
    "admin_no_programme": {"programme": "knee-oa", "choices": ", ".join(["knee-oa"] * 10)},
    "admin_no_active_staff": {"handle": "dr-lee", "clinic": "ottawa-east-physiotherapy"},
    "admin_not_a_clinician": {"handle": "front-desk"},
    "admin_no_invite": {"invite_id": 42, "clinic": "ottawa-east-physiotherapy"},
    "admin_invite_used": {"invite_id": 42},
    # Per-patient pain thresholds (bot/services/feedback/thresholds.py).
    "threshold_summary": {"patient_id": 123456, "rows": ["baseline_rise_days = 7 *"] * 10},
    "threshold_usage": {"names": ", ".join(["good_sessions_to_progress"] * 10)},
    "threshold_invalid": {"problem": "pain_safe_max must not be above pain_acceptable_max"},
    # Enrolment, roles and settings (bot/services/enrolment/onboarding.py, invites.py, readiness.py,
    # staff_desk.py, patient_settings.py).
    "bound_code_reused": {"invite_id": 42, "who": "P-123456"},
    "clinician_patient_declined": {"patient_id": 123456},
    "clinician_patient_paused": {"patient_id": 123456, "until": "Wednesday, September 30"},
    "clinician_patient_resumed": {"patient_id": 123456, "held": "warning"},
    "clinician_patient_stopped": {"patient_id": 123456},
    "code_locked": {"minutes": 15},
    "enrolled_on_hold": {"reminder_time": "7:30 PM", "days": "Monday to Friday"},
    "paused": {"until": "Wednesday, September 30", **_NEXT_SESSION},
    "resumed": _NEXT_SESSION,
    "routine_resumed_patient": _NEXT_SESSION,
    "readiness_question": {
        "number": 7,
        "total": 7,
        "question": "Has a doctor told you to exercise only with a health professional watching?",
    },
    "readiness_review": {"patient_id": 123456, "yes_answers": ["Heart problem?"] * 7},
    "reminder_time_changed": {"reminder_time": "7:30 PM", "days": "Monday to Friday"},
    "staff_assigned": {"patient_id": 123456, "clinician": "dr-lee", "backup": "dr-roy"},
    "staff_deactivated": {
        "handle": "dr-lee",
        "patients": ["P-123456"] * 20,
        "alerts": ["#99 P-123456"] * 10,
    },
    "staff_help": {"role": "admin"},
    "staff_invite_created": {
        "who": "dr-lee",
        "code": "K7MXQ-P4RT9",
        "link": "https://t.me/rehab_companion_bot?start=K7MXQP4RT9",
        "expires": "Wednesday, September 30",
    },
    "staff_invite_revoked": {"invite_id": 42},
    "staff_invites": {"rows": ["#42 patient · Sep 30"] * 60, "more": 940},
    "staff_patients": {"rows": ["P-123456 · enrolled · cleared · 2026-11-30"] * 60, "more": 940},
    "staff_problem": {"problem": "No patient P-123456 in ottawa-east."},
    "timezone_changed": {
        "timezone": "America/St_Johns",
        "reminder_time": "12:30 PM",
        "days": "every Monday, Wednesday, and Friday",
    },
    # Exercise pictures (bot/services/programmes/exercise_pictures.py).
    "picture_alt": {"alt": "A person sitting on a chair, then standing up in front of it"},
    "picture_drawn": {"name": "Sit to stand with hands on the chair"},
}


# What the code passes to a French message where the English sample holds English words
# (a date, a time, an exercise, a clinic's name): the readability grades of French messages
# are measured on French, not on English words in French sentences.
SAMPLES["alert_which_one"] = SAMPLES["alert_list"]  # the same list, asked "which one?"

_EXERCISE_FR = {
    **_EXERCISE,
    "name": "Assis-debout",
    "dosage": "3 séries de 10 répétitions",
    "days": "5 jours par semaine",
    "cues": ["Pieds à plat.", "Tenez-vous bien droit."],
    "safety": "Prenez une chaise stable.",
    "stop_if": "Vous avez des étourdissements.",
}
_NEXT_SESSION_FR = {**_NEXT_SESSION, "next_session": "mercredi 30 septembre, à 12 h 30"}
_WHEN_FR = {"reminder_time": "19 h 30", "days": "du lundi au vendredi"}
LOCAL_SAMPLES: dict[str, dict[str, dict[str, Any]]] = {
    "fr": {
        "warning_checklist": {
            "signs": [
                ("Douleur à la poitrine", "Douleur, pression ou serrement à la poitrine"),
                ("Chute avec blessure", "Une chute avec un coup à la tête, ou un saignement"),
            ]
        },
        "warning_confirm": {"signs": ["Douleur, pression ou serrement à la poitrine"]},
        "from_clinician": {
            **SAMPLES["from_clinician"],
            "text": "Appelez la clinique quand vous pouvez.",
        },
        "enrolled": _WHEN_FR,
        "enrolled_on_hold": _WHEN_FR,
        "reminder_time_changed": _WHEN_FR,
        "reminder_time_saved": {"reminder_time": "19 h 30"},
        "reminders_wait": {"why": "paused_until", "until": "samedi 26 décembre"},
        "settings_menu": {
            **_WHEN_FR,
            "language": "Français",
            "timezone": "Saint-Jean de Terre-Neuve",
            "pictures": False,
        },
        "no_session_yet": _NEXT_SESSION_FR,
        "session_complete": _NEXT_SESSION_FR,
        "snooze_late": _NEXT_SESSION_FR,
        "resumed": _NEXT_SESSION_FR,
        "routine_resumed_patient": _NEXT_SESSION_FR,
        "paused": {**_NEXT_SESSION_FR, "until": "mercredi 30 septembre"},
        "training_days": {**SAMPLES["training_days"], "names": "lundi, mercredi et vendredi"},
        "next_session": {"when": "on", "date": "mercredi 30 septembre", "time": "12 h 30"},
        "reminder_time_quiet": {
            "chosen": "22 h 30",
            "quiet_start": "21 h",
            "quiet_end": "8 h",
            "choices": ["20 h 30", "8 h"],
        },
        "reminder_time": {
            "reminder_time": "19 h 30",
            "days": "chaque lundi, mercredi et vendredi",
            "quiet_start": "21 h",
            "quiet_end": "8 h",
            "waiting": False,
        },
        "timezone_changed": {
            "timezone": "St. John's",
            "reminder_time": "12 h 30",
            "days": "chaque lundi, mercredi et vendredi",
        },
        "correct_too_late": {"answered_at": "19 h 42"},
        "snooze_set": {"time": "19 h"},
        "level_up": {"name": "Assis-debout", "level": 2},
        "level_down": {"name": "Assis-debout", "level": 1},
        "timer_running": {"name": "Assis-debout", "seconds": 30},
        "timer_done": {"name": "Assis-debout", "rest_seconds": 30, "sets": 3},
        "session": {"exercises": [_EXERCISE_FR] * 5, "minutes": 12},
        "session_overview": {"exercises": [_EXERCISE_FR] * 5, "minutes": 12},
        "session_step": {"item": _EXERCISE_FR, "number": 5, "total": 5, "resumed": True},
        "checkin_activity_score": {
            "activity": "Monter l'escalier de mon appartement avec l'épicerie"
        },
        "call_the_clinic": {
            **SAMPLES["call_the_clinic"],
            "clinic_name": "Physiothérapie et réadaptation sportive d'Ottawa-Est",
            "phone": "+1 613-555-0100 poste 204",
        },
        "readiness_question": {
            **SAMPLES["readiness_question"],
            "question": "Un médecin vous a-t-il dit de faire de l'exercice seulement avec un "
            "professionnel de la santé?",
        },
        "picture_alt": {"alt": "Une personne assise sur une chaise, qui se lève devant elle"},
        "picture_drawn": {"name": "Assis-debout, mains sur la chaise"},
    }
}


def samples_for(key: str, lang: str) -> dict[str, Any] | None:
    """The sample variables of message ``key`` as the code passes them in ``lang``."""
    base = SAMPLES.get(key)
    local = LOCAL_SAMPLES.get(lang, {}).get(key)
    if local is None:
        return base
    return {**(base or {}), **local}


class Placeholder(str):
    """Stands in for any variable of a message with no samples: text, list or object."""

    __slots__ = ()

    def __new__(cls, name: str = "sample") -> Placeholder:
        return super().__new__(cls, f"[{name}]")

    def __getattr__(self, name: str) -> Placeholder:
        if name.startswith("__"):
            raise AttributeError(name)
        return Placeholder(name)

    def __getitem__(self, key: Any) -> Placeholder:
        return Placeholder(str(key))

    def __iter__(self) -> Any:
        return iter([Placeholder("item")])

    def __len__(self) -> int:
        return 1
