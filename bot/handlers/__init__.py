"""Telegram handlers: parse the update, call one service, deliver its reply. Nothing else."""
