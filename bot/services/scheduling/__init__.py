"""Scheduling: which due-work rows exist, and what a patient is told about time."""
