"""One start-up, measured in a fresh process: ``python -m bench.startup tick|naive DB_URL``.

``tick``: what ``companion run`` does before polling: check the schema, load the content,
build the Application and start the one due-work tick. ``naive``: the same Application,
plus one PTB ``run_daily`` job per patient (the ``timerbot`` pattern), then its JobQueue.
Prints one JSON line: seconds from process start to ready, and peak RSS in MB.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from datetime import datetime  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

from sqlmodel import Session, select  # noqa: E402
from telegram.ext import Application, ContextTypes  # noqa: E402

from bot import jobs  # noqa: E402
from bot.app import build_application  # noqa: E402
from bot.clock import SystemClock  # noqa: E402
from bot.content import load_content  # noqa: E402
from bot.db import migrate  # noqa: E402
from bot.db.engine import make_engine, session_factory  # noqa: E402
from bot.db.models import Patient  # noqa: E402

TOKEN = "123456:bench"


async def remind(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The naive design's per-patient job (never runs during the measurement)."""


async def start(design: str, url: str) -> dict[str, float]:
    engine = make_engine(url)
    assert migrate.is_up_to_date(engine), "run the benchmark's set-up first"
    application: Application = build_application(  # type: ignore[type-arg]
        token=TOKEN,
        api_base_url="http://127.0.0.1:9",  # never contacted
        open_db=session_factory(engine),
        clock=SystemClock(),
        content=load_content(),
    )
    if design == "tick":
        tick = jobs.build_tick(application)
        tick.start(every_seconds=5)
        ready = time.perf_counter() - STARTED
        await tick.stop()
    else:
        queue = application.job_queue
        assert queue is not None
        with Session(engine) as db:
            for patient in db.exec(select(Patient)):
                assert patient.reminder_time is not None
                queue.run_daily(
                    remind,
                    patient.reminder_time.replace(tzinfo=ZoneInfo(patient.timezone)),
                    name=str(patient.chat_id),
                    chat_id=patient.chat_id,
                    data=patient.id,
                )
        await queue.start()
        ready = time.perf_counter() - STARTED
        jobs_count = len(queue.jobs())
        await queue.stop(wait=False)
        assert jobs_count >= 0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": round(ready, 2), "peak_rss_mb": round(peak_mb, 1)}


if __name__ == "__main__":
    design, url = sys.argv[1], sys.argv[2]
    print(
        json.dumps(
            {"design": design, "at": datetime.now().isoformat(), **asyncio.run(start(design, url))}
        )
    )
