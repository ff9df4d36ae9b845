"""Reminders: what each scheduled kind sends, and the scheduler's routine handlers."""
