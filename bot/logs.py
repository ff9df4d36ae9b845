"""Logs that hold no health data and no secrets, at every level.

Three guards, because any one of them alone has been bypassed before:

- the libraries that see whole requests are capped: ``telegram`` at INFO (at DEBUG it
  prints every update and every parameter sent), ``httpx``/``httpcore`` at WARNING (their
  request lines carry the bot token in the URL), ``apscheduler`` at ERROR (its warnings
  are by design: a tick still running when the next is due is skipped);
- tracebacks keep their frames (file, line, function) and the exception's type, never its
  message or source lines, which can quote a patient's text or forged callback data;
- every secret the process knows (the bot token) is replaced in whatever is written.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterable
from types import TracebackType
from typing import TextIO

# Library loggers and the least severe level they may log at, whatever LOG_LEVEL says.
CAPPED = {
    "telegram": logging.INFO,
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
    "apscheduler": logging.ERROR,  # its warnings ("skipped: already running") are by design
    "uvicorn.access": logging.WARNING,
}
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]


class HealthSafeFormatter(logging.Formatter):
    """Formats records without exception messages, and with every secret masked."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__(FORMAT)
        self.secrets = [s for s in secrets if s]

    def formatException(self, ei: ExcInfo) -> str:
        kind, _error, trace = ei
        frames = [
            f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}\n'
            for frame in traceback.extract_tb(trace)
        ]
        name = kind.__name__ if kind is not None else "Exception"
        return "Traceback (message withheld):\n" + "".join(frames) + name

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self.secrets:
            text = text.replace(secret, "<redacted>")
        return text


def configure_logging(
    level: str, *, secrets: Iterable[str] = (), stream: TextIO | None = None
) -> logging.Handler:
    """Plain logs at ``level`` on stderr (or ``stream``), with the three guards above."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(HealthSafeFormatter(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    wanted = logging.getLevelName(level)
    for name, floor in CAPPED.items():
        logging.getLogger(name).setLevel(max(floor, wanted))
    return handler
