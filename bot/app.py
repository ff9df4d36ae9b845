"""Builds the python-telegram-bot ``Application`` with our handlers, defaults and limits."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import timedelta

from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    MessageHandler,
    filters,
)

from bot import callbacks, durable_updates, jobs, update_order
from bot.clock import Clock
from bot.content import Content
from bot.db.engine import SessionFactory
from bot.handlers import (
    alerts,
    commands,
    enrolment,
    errors,
    feedback,
    inbox,
    menus,
    privacy,
    programmes,
    scheduled,
    sessions,
    settings,
    staff,
    warnings,
)
from bot.handlers.context import DEPS_KEY, Deps
from bot.sender import Sender
from bot.services.enrolment.invites import DEFAULT_POLICY, InvitePolicy
from bot.services.reminders.composer import ComposerPool
from bot.services.staff import desk as staff_desk


def build_application(
    *,
    token: str,
    api_base_url: str,
    open_db: SessionFactory,
    clock: Clock,
    content: Content,
    invite_policy: InvitePolicy = DEFAULT_POLICY,
    invite_valid_days: int = 14,
    tick: TickSettings | None = None,
    sender: Sender | None = None,
    updates: BaseUpdateProcessor | None = None,
    composers: ComposerPool | None = None,
) -> Application:  # type: ignore[type-arg]
    """The bot, pointed at ``api_base_url`` (Telegram, a self-hosted server or the emulator).

    ``updates`` is how updates are processed: by default concurrently, one at a time per
    chat (``update_order.OnePerChat``); the benchmarks pass PTB's one-at-a-time processor
    as their baseline. ``composers`` (``companion run``'s ``COMPOSER_PROCESSES``) compose
    the tick's routine rows in worker processes, started and closed with the tick."""

    async def on_start(app: Application) -> None:  # type: ignore[type-arg]
        await menus.publish_menus(app)
        await durable_updates.replay_unhandled(app)
        settle_memory()

    application = (
        ApplicationBuilder()
        .application_class(durable_updates.DurableApplication)
        .update_queue(durable_updates.DurableUpdateQueue(open_db, clock))
        # Concurrent across chats, one at a time within a chat (bot/update_order.py).
        .concurrent_updates(updates or update_order.OnePerChat())
        .token(token)
        .base_url(f"{api_base_url}/bot")
        .base_file_url(f"{api_base_url}/file/bot")
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        # Every call goes through one sender: Telegram's limits, alerts first (bot/sender.py).
        # `companion run` passes Telegram's limits; this default (tests, the demo, on the
        # emulator, which enforces none) keeps the overall rate and the lanes but no
        # per-chat wait, which a fast-forward clock would stretch into simulated hours.
        .rate_limiter(sender or Sender(chat_interval=0.0))
        .post_init(on_start)
        .build()
    )
    application.bot_data[DEPS_KEY] = Deps(
        open_db=open_db,
        clock=clock,
        content=content,
        invite_policy=invite_policy,
        invite_valid_days=invite_valid_days,
    )
    register_handlers(application)
    if tick is not None:  # tests and the demo drive the tick themselves, with their clock
        jobs.install_tick(
            application,
            every_seconds=tick.every_seconds,
            grace=tick.grace,
            max_attempts=tick.max_attempts,
            composers=composers,
            first_at_once=tick.first_at_once,
        )
    return application


def settle_memory() -> None:
    """Once started: move what start-up built (content, handlers, the ORM) out of the
    garbage collector's sight. Each full collection scanned all of it, stopping every thread,
    the event loop included, for up to a second while 10,000 sessions were composed
    (``bench/event_loop.py``); now it scans only what was made since."""
    gc.collect()
    gc.freeze()


@dataclass(frozen=True)
class TickSettings:
    """How the due-work tick runs in this process (see bot/jobs.py)."""

    every_seconds: float = 5.0
    grace: timedelta = timedelta(hours=2)
    max_attempts: int = 5
    # The first tick at once on start (``companion run``), not one interval later.
    first_at_once: bool = False


def register_handlers(application: Application) -> None:  # type: ignore[type-arg]
    """Every handler. Health data stays in private chats, so groups are ignored."""
    private = filters.ChatType.PRIVATE

    def on_button(action: str, callback: object) -> None:
        application.add_handler(
            CallbackQueryHandler(callback, pattern=callbacks.pattern(action))  # type: ignore[arg-type]
        )

    # PTB hands a press with no data to the first handler that has a pattern; this one
    # matches no data at all, so such a press is refused here instead of reaching an action.
    application.add_handler(CallbackQueryHandler(commands.stale_button, pattern="(?!)"))
    application.add_handler(CommandHandler("start", enrolment.start, filters=private))
    application.add_handler(CommandHandler("today", sessions.today, filters=private))
    application.add_handler(CommandHandler("help", commands.help_command, filters=private))
    application.add_handler(CommandHandler("plan", programmes.plan, filters=private))
    application.add_handler(CommandHandler("settings", settings.settings_menu, filters=private))
    application.add_handler(CommandHandler("stop", settings.stop, filters=private))
    application.add_handler(CommandHandler("mydata", privacy.my_data, filters=private))
    application.add_handler(CommandHandler("correct", feedback.correct_command, filters=private))
    application.add_handler(CommandHandler("pause", settings.pause, filters=private))
    application.add_handler(CommandHandler("resume", settings.resume, filters=private))
    application.add_handler(CommandHandler("warning", warnings.warning_command, filters=private))
    # /patients is the caseload; it must come before the other staff commands it is among.
    application.add_handler(CommandHandler("patients", staff.caseload_command, filters=private))
    application.add_handler(
        CommandHandler(staff_desk.STAFF_COMMANDS, staff.staff_command, filters=private)
    )
    application.add_handler(
        CommandHandler(staff_desk.CLEARANCE_COMMANDS, staff.clearance_command, filters=private)
    )
    application.add_handler(CommandHandler("threshold", staff.threshold_command, filters=private))
    application.add_handler(CommandHandler("patient", staff.patient_command, filters=private))
    application.add_handler(CommandHandler("inbox", inbox.inbox_command, filters=private))
    application.add_handler(CommandHandler("alerts", staff.alerts_command, filters=private))
    application.add_handler(CommandHandler("digest", staff.digest_command, filters=private))
    on_button(callbacks.LANGUAGE, enrolment.language)
    on_button(callbacks.READINESS, enrolment.readiness_answer)
    on_button(callbacks.CLEARANCE, enrolment.clearance)
    on_button(callbacks.SETTINGS, settings.settings_choice)
    on_button(callbacks.TIMEZONE, settings.timezone)
    on_button(callbacks.STOP, settings.stop_answer)
    on_button(callbacks.CONSENT, enrolment.consent)
    on_button(callbacks.RECONSENT, privacy.reconsent)
    on_button(callbacks.TIME, enrolment.reminder_time)
    on_button(callbacks.START_SESSION, sessions.today)
    on_button(callbacks.DONE, sessions.done)
    on_button(callbacks.PAIN, sessions.pain)
    on_button(callbacks.DIFFICULTY, sessions.difficulty)
    on_button(callbacks.WARNING, sessions.warning_sign)
    on_button(callbacks.BEGIN, sessions.begin)
    on_button(callbacks.STEP, sessions.step)
    on_button(callbacks.SKIP, sessions.skip_reason)
    on_button(callbacks.FORMAT, sessions.session_format)
    # The countdown waits between edits: block=False lets other updates run meanwhile.
    timer = callbacks.pattern(callbacks.TIMER)
    application.add_handler(CallbackQueryHandler(sessions.timer, pattern=timer, block=False))
    on_button(callbacks.ACKNOWLEDGE, alerts.acknowledge)
    on_button(callbacks.CONTACTED, alerts.contacted)
    on_button(callbacks.RESOLVE, alerts.resolve)
    on_button(callbacks.NO_NOTE, alerts.no_note)
    on_button(callbacks.MESSAGE_PATIENT, alerts.message_patient)
    on_button(callbacks.RELEASE_HOLD, alerts.release_hold)
    on_button(callbacks.CALL_ME, alerts.ask_to_call)
    on_button(callbacks.SIGN, warnings.sign)
    on_button(callbacks.PATIENT_READ, warnings.read_advice)
    on_button(callbacks.SNOOZE, scheduled.snooze)
    on_button(callbacks.SETTLED, scheduled.settled)
    on_button(callbacks.CHECKIN_PAIN, scheduled.checkin_pain)
    on_button(callbacks.PSFS, scheduled.psfs_score)
    # Feedback: the baseline pain, no note, change my answers, a clinician's level approval.
    on_button(callbacks.BASELINE, feedback.baseline)
    on_button(callbacks.NOTE, feedback.no_note)
    on_button(callbacks.CORRECT, feedback.correct_button)
    on_button(callbacks.APPROVE_LEVEL, feedback.approve_level)
    # The clinician's inbox: answer a patient's message, mark it read, open a thread.
    on_button(callbacks.REPLY, inbox.reply)
    on_button(callbacks.MARK_READ, inbox.mark_read)
    on_button(callbacks.THREAD, inbox.open_thread)
    on_button(callbacks.OPEN_PATIENT, staff.open_patient)
    on_button(callbacks.CASELOAD_PAGE, staff.caseload_page)
    on_button(callbacks.ALERT_CARD, staff.open_alert_card)
    application.add_handler(CallbackQueryHandler(commands.stale_button))  # after every action
    # Order matters: typed text goes last, after every command, so "/today" is never text.
    application.add_handler(
        MessageHandler(filters.TEXT & ~filters.COMMAND & private, enrolment.text)
    )
    application.add_handler(MessageHandler(filters.COMMAND & private, commands.unknown_command))
    # Photos, voice notes, stickers...: the bot reads text only, and says so.
    application.add_handler(MessageHandler(~filters.TEXT & private, commands.not_text))
    application.add_error_handler(errors.on_error)
