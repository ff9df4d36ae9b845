"""Use cases. Each takes a DB session and a clock and returns what to send; no Telegram here."""
