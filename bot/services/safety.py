"""What a patient must hear while an URGENT or EMERGENCY alert of theirs is not resolved:
their care team has been alerted, and the safety line for the alert's level (call the
clinic today; 911 in an emergency; 9-8-8 where the sign is about self-harm). Every reply
that would otherwise promise a slow answer, or say goodbye, says it instead.
"""

from __future__ import annotations

import json

from sqlmodel import Session, col, select

from bot.content import Content
from bot.db.models import Alert, AlertState, Clinic, Patient
from bot.rules.levels import AlertLevel

_SERIOUS = (AlertLevel.EMERGENCY.value, AlertLevel.URGENT.value)
CRISIS_LINE = "9-8-8"  # a sign whose advice gives it is about self-harm


def open_serious_alert(db: Session, patient: Patient) -> Alert | None:
    """The patient's most serious URGENT or EMERGENCY alert not resolved yet, if any."""
    found = db.exec(
        select(Alert).where(
            Alert.patient_id == patient.id,
            Alert.state != AlertState.RESOLVED,
            col(Alert.level).in_(_SERIOUS),
        )
    ).all()
    if not found:
        return None
    return min(found, key=lambda alert: (_SERIOUS.index(alert.level), -(alert.id or 0)))


def safety_line(db: Session, content: Content, patient: Patient) -> str | None:
    """The safety advice under an open URGENT or EMERGENCY alert, in the patient's
    language; ``None`` when there is none. Once someone at the clinic acknowledged it, it
    says so, and an EMERGENCY's line is for the sign coming back: "if it is happening now,
    call 911" (with 9-8-8 for self-harm)."""
    alert = open_serious_alert(db, patient)
    if alert is None:
        return None
    clinic = db.get(Clinic, patient.clinic_id)
    return content.render(
        patient.language,
        "safety_line",
        emergency=alert.level == AlertLevel.EMERGENCY.value,
        crisis=_about_self_harm(content, alert),
        seen=alert.state == AlertState.ACKNOWLEDGED,
        phone=clinic.phone if clinic and clinic.phone else "",
    )


def _about_self_harm(content: Content, alert: Alert) -> bool:
    rules = content.warning_signs
    signs = json.loads(alert.details or "{}").get("signs", [])
    for sign_id in signs if isinstance(signs, list) else []:
        try:
            advice = rules.sign(str(sign_id)).advice
        except (KeyError, LookupError):
            continue  # a sign no longer in the rules
        if any(CRISIS_LINE in text for text in advice.values()):
            return True
    return False
