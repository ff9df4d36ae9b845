"""At every log level, the logs of a whole journey hold no typed text, name or token."""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Iterator

import pytest
from journey_steps import enrol_patient, link_clinician

from bot.demo import DEMO_TOKEN, PATIENT_USER_ID
from bot.logs import HealthSafeFormatter, configure_logging

SECRET_NAME = "Zéphyrine"
TYPED = [
    "my left knee is swollen and the calf is warm since Tuesday",
    "j'ai une douleur dans la poitrine qui serre",
]


@pytest.fixture
def debug_log() -> Iterator[io.StringIO]:
    """The production logging set-up at DEBUG, written to a buffer for the test to read."""
    stream = io.StringIO()
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    handler = configure_logging("DEBUG", secrets=[DEMO_TOKEN], stream=stream)
    yield stream
    root.removeHandler(handler)
    for old in saved[0]:
        root.addHandler(old)
    root.setLevel(saved[1])
    for name in ("telegram", "httpx", "httpcore", "apscheduler", "uvicorn.access"):
        logging.getLogger(name).setLevel(logging.NOTSET)


async def test_a_journey_logged_at_debug_holds_no_text_name_or_token(
    live: object, debug_log: io.StringIO
) -> None:
    live.world.add_user(PATIENT_USER_ID, first_name=SECRET_NAME)  # type: ignore[attr-defined]
    await link_clinician(live)
    await enrol_patient(live)
    for text in TYPED:
        await live.talk.send(PATIENT_USER_ID, text, "patient")  # type: ignore[attr-defined]
    logged = debug_log.getvalue()
    assert logged, "nothing was logged at DEBUG: the test would prove nothing"
    leaks = [word for word in [DEMO_TOKEN, SECRET_NAME, *TYPED] if word in logged]
    leaks += [c for c in (live.codes.patient_code, live.codes.staff_code) if c in logged]  # type: ignore[attr-defined]
    assert leaks == []


def test_a_traceback_keeps_its_frames_but_not_the_exception_message() -> None:
    formatter = HealthSafeFormatter(secrets=["123:secret"])
    try:
        raise ValueError("forged callback data: pain|9|patient 4 says chest pain")
    except ValueError:
        record = logging.LogRecord("bot", logging.ERROR, __file__, 1, "update 7 failed", None, None)
        record.exc_info = sys.exc_info()
    text = formatter.format(record)
    assert "update 7 failed" in text and "ValueError" in text and "test_logs_hold" in text
    assert "chest pain" not in text and "forged" not in text


def test_the_token_is_masked_in_anything_logged() -> None:
    formatter = HealthSafeFormatter(secrets=["123:secret"])
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "POST /bot123:secret/getMe", None, None
    )
    assert formatter.format(record).endswith("POST /bot<redacted>/getMe")
