"""``python -m bot`` runs the same CLI as ``companion``."""

from bot.cli import main

main()
