"""Alerts: raised, escalated up the ladder, handled by staff; pain, warning signs, digest."""
