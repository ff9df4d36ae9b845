"""Rehab Companion: a Telegram companion for home exercise programmes."""

__version__ = "0.1.0"
