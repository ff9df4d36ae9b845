"""Scheduling: what is planned when, each reminder, time in words, patient settings."""
