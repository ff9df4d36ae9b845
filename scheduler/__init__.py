"""Durable timers: a table of due work and one tick that dispatches it (see ARCHITECTURE.md).

Nothing lives here yet: the daily schedule, reminders and escalation timers arrive with the
durable-scheduling work. This package knows nothing about patients.
"""
