"""Alerts: raised, escalated up the ladder, handled by staff; pain alerts and warning signs."""
