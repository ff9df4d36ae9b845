"""How urgent a warning is (clinical-rules section 2)."""

from __future__ import annotations

from enum import StrEnum


class AlertLevel(StrEnum):
    """EMERGENCY: call 911 now. URGENT: clinician today. ROUTINE: next digest."""

    EMERGENCY = "emergency"
    URGENT = "urgent"
    ROUTINE = "routine"
