"""/today and the buttons of a session: start, each step, skip, timer, pain, difficulty, warning.

The countdown is the one handler that waits: it edits a single message every few seconds
(``bot.handlers.countdown``), and is registered with ``block=False`` so other updates are
not held up while it runs.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers import countdown
from bot.handlers.context import button_args
from bot.handlers.delivery import as_patient
from bot.services.outgoing import Countdown
from bot.services.sessions import steps as session_steps
from bot.services.sessions import today as sessions

SLEEP_KEY = countdown.SLEEP_KEY


async def today(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/today`` or the "start today's session" button."""
    await as_patient(update, context, sessions.today)


async def done(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The Done button under today's exercises."""
    (session_id,) = button_args(update)
    await as_patient(update, context, sessions.mark_done, int(session_id))


async def pain(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A pain score button, 0 to 10."""
    session_id, score = button_args(update)
    await as_patient(update, context, sessions.record_pain, int(session_id), int(score))


async def difficulty(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Too easy / about right / too hard."""
    session_id, answer = button_args(update)
    await as_patient(update, context, sessions.record_difficulty, int(session_id), answer)


async def warning_sign(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The warning-sign button, inside a session or outside one (session id 0)."""
    (session_id,) = button_args(update)
    await as_patient(update, context, sessions.report_warning_sign, int(session_id) or None)


async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Start stepping through today's exercises from the overview."""
    (session_id,) = button_args(update)
    await as_patient(update, context, session_steps.begin, int(session_id))


async def step(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Done, "did part of it" or Skip under one exercise."""
    log_id, answer = button_args(update)
    await as_patient(update, context, session_steps.answer_step, int(log_id), answer)


async def skip_reason(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Why an exercise was skipped: pain, no time, too hard, other."""
    log_id, reason = button_args(update)
    await as_patient(update, context, session_steps.skip_for, int(log_id), reason)


async def session_format(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """One exercise at a time, or the whole session in one message."""
    session_id, chosen = button_args(update)
    await as_patient(update, context, session_steps.choose_format, int(session_id), chosen)


async def timer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Start timer: count one timed set down in one message, then say it is over."""
    (log_id,) = button_args(update)
    found = await as_patient(update, context, session_steps.countdown, int(log_id))
    if not isinstance(found, Countdown):
        return
    assert update.callback_query is not None
    await update.callback_query.answer(found.toast)
    await countdown.play(context, found)
