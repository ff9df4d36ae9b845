"""The part of the pain-monitoring model the first journey needs: when pain is an alert."""

from __future__ import annotations

from bot.rules.levels import AlertLevel


def pain_alert_level(pain: int, alert_urgent_at: int) -> AlertLevel | None:
    """The alert a pain score raises on its own, if any.

    clinical-rules section 3: pain of 8 or more (``alert_urgent_at``, a clinic setting)
    after a session is an URGENT alert for the clinician.
    """
    if not 0 <= pain <= 10:
        raise ValueError(f"pain is scored 0-10, got {pain}")
    return AlertLevel.URGENT if pain >= alert_urgent_at else None
