"""Turning a service's reply into Telegram calls.

``respond`` and ``as_patient`` are the edge of a use case: the service runs in one session,
its outgoing messages are added to the outbox (``bot.services.outbox``) in that same
session, a polled update is marked handled in it too, and the session commits once. Only then
are the messages sent, from the rows that were committed; a row that could not be sent is
retried by the tick. A process that dies after the commit therefore never handles the
update again at its restart: a typed warning sign is not reported twice, nor a typed
message stored twice in the thread (``tests/reliability/test_commit_boundaries.py``).
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram import Message as TgMessage
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, CallbackContext, ContextTypes

from bot.db.engine import in_session, off_the_loop
from bot.handlers import countdown, media
from bot.handlers.context import deps, marked_handled, visitor
from bot.handlers.menus import publish_staff_menu
from bot.handlers.unreachable import cannot_reach
from bot.sender import Priority, checked_before_each_call, lane, with_lanes
from bot.services import keyboards, outbox, received_updates
from bot.services.alerts import escalation
from bot.services.alerts import raising as alerts
from bot.services.inbox import threads as inbox
from bot.services.outgoing import Edit, KeyboardEdit, Message, Reply
from bot.services.patients import language_of, patient_by_telegram, staff_by_telegram
from scheduler import store, workers
from scheduler.models import WorkStatus
from scheduler.store import Due

log = logging.getLogger(__name__)

# A row being sent is held this long, renewed every third of it while its messages go
# (``_Hold``); a process killed mid-send gives its rows back to the tick when it runs out.
SEND_LEASE = timedelta(seconds=30)
RENEW_POLL_SECONDS = 1.0  # real seconds between checks whether a send's lease needs renewing
RETRY_AFTER = timedelta(seconds=30)  # a row whose first send failed: the tick's first retry
T = TypeVar("T")
SENDER = f"{workers.this_process().id}:send"[:64]  # so a restart knows when it ended


class ClaimLost(Exception):
    """The outbox row being sent here is no longer ours: another instance took it over (this
    one stalled past its lease, or went silent). Nothing more of it is sent from here."""


class _Hold:
    """The claim on one outbox row while its messages are sent, kept alive as the tick keeps
    its batch's: renewed every third of ``SEND_LEASE`` by a keeper while a message waits in
    the sender (a chat's turn, a 429's pause: ``Sender.max_retries`` waits as long as
    Telegram asks), and checked again right before each call leaves for Telegram, renewed
    first when a third of the lease has passed since it was last found ours (the claim, a
    renewal, a kept payload). A renewal that changes no row means the claim is lost: the
    next check raises ``ClaimLost``, and no call leaves after it. A call already on its way
    is let finish (cancelling it could not take it back, only hide whether it went)."""

    def __init__(self, context: ContextTypes.DEFAULT_TYPE, due: Due, priority: Priority) -> None:
        self.context, self.due, self.priority = context, due, priority
        self.clock = deps(context).clock
        self.confirmed_at = self.clock.now()  # just claimed, or its payload just read
        self.lost = False
        self._renewing = asyncio.Lock()

    def confirmed(self, at: datetime) -> None:
        """The claim was found ours at ``at`` (a payload kept, with its lease renewed)."""
        self.confirmed_at = max(self.confirmed_at, at)

    async def check(self) -> None:
        """Renew the lease if a third of it has passed since the claim was last found ours;
        ``ClaimLost`` when it is not ours any more."""
        async with self._renewing:  # the keeper and the last check: one renewal at a time
            if self.lost:
                raise ClaimLost
            now = self.clock.now()
            if now - self.confirmed_at < SEND_LEASE / 3:
                return
            due, until = self.due, now + SEND_LEASE
            kept = await _db(self.context, lambda db: store.renew(db, [due], until), self.priority)
            if not kept:
                self.lost = True
                raise ClaimLost
            self.confirmed(now)

    async def _keep(self) -> None:
        """Renew while a message is being sent, until the claim is found lost."""
        while True:
            await asyncio.sleep(RENEW_POLL_SECONDS)
            try:
                await self.check()
            except ClaimLost:
                return  # the last check before the next call stops the row
            except Exception as error:  # the last check before the call tries again
                log.warning("an outbox row's lease was not renewed: %s", type(error).__name__)

    async def run(self, sending: Awaitable[T]) -> T:
        """Await ``sending`` (one message's calls) while the claim is kept and checked."""
        keeper = asyncio.ensure_future(self._keep())
        try:
            with checked_before_each_call(self.check):
                return await sending
        finally:
            keeper.cancel()
            await asyncio.gather(keeper, return_exceptions=True)


def _claim_lost(sent: int, messages: int) -> None:
    """Say, with counts only, that a row was given up to the instance that took it over."""
    log.warning(
        "claim lost: an outbox row was taken over by another instance after %d of its %d "
        "messages went from here; the rest is left to it",
        sent,
        messages,
    )


class _Flight:
    """An outbox row this process is sending right after its commit."""

    def __init__(self) -> None:
        self.ended = asyncio.Event()


_IN_FLIGHT: dict[str, _Flight] = {}
_SENT_UNMARKED: OrderedDict[str, None] = OrderedDict()  # sent here after the tick took it


async def sent_here(key: str) -> bool:
    """Whether this process is sending the row ``key`` itself, and it went out. The tick
    asks before it retries a row whose lease ran out: a send still in flight here (a slow
    send past its lease, or a test's clock moved on) is waited for, never repeated."""
    flight = _IN_FLIGHT.get(key)
    if flight is not None:
        await flight.ended.wait()
    if key in _SENT_UNMARKED:
        del _SENT_UNMARKED[key]
        return True
    return False


async def respond(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    action: Callable[..., Reply],
    *args: Any,
    **kwargs: Any,
) -> None:
    """Run a service as the person who sent the update, then deliver its reply.

    ``action`` is called as ``action(db, clock, content, visitor, *args, **kwargs)``.
    """
    found = deps(context)
    who = visitor(update)

    marked: list[int] = []

    def decide() -> tuple[Reply, list[str]]:
        with found.open_db() as db:  # the use case's one transaction, messages included
            reply = action(db, found.clock, found.content, who, *args, **kwargs)
            _pressed_keyboard_gone(db, update, who.chat_id, reply)
            if received_updates.decided(db, found.clock.now(), update.update_id):
                marked.append(update.update_id)
            return reply, outbox.enqueue(db, found.clock, reply.messages)

    reply, keys = await off_the_loop(decide)
    for update_id in marked:
        marked_handled(context, update_id)
    await deliver(update, context, reply, keys)


async def as_patient(
    update: Update, context: ContextTypes.DEFAULT_TYPE, action: Callable[..., Any], *args: Any
) -> Any:
    """Run ``action`` for the enrolled patient who sent the update, or say how to join.

    ``action`` is called as ``action(db, clock, content, patient, *args)``. A ``Reply`` is
    delivered here; anything else it returns (a countdown to play) is handed back.
    """
    found = deps(context)
    who = visitor(update)
    pressed = update.callback_query is not None
    marked: list[int] = []

    def decide() -> tuple[Any, list[str]]:
        with found.open_db() as db:  # the use case's one transaction, messages included
            patient = patient_by_telegram(db, who.telegram_user_id)
            if patient is None:
                # Staff are told the command is a patient's, in their own language.
                lang = language_of(db, found.content, who)
                staff = staff_by_telegram(db, who.telegram_user_id) is not None
                key = "for_patients_only" if staff else "not_enrolled"
                text = found.content.render(lang, key)
                reply = Reply(toast=text) if pressed else Reply().send(who.chat_id, text)
            else:
                result = action(db, found.clock, found.content, patient, *args)
                if not isinstance(result, Reply):
                    return result, []
                reply = result
            _pressed_keyboard_gone(db, update, who.chat_id, reply)
            if received_updates.decided(db, found.clock.now(), update.update_id):
                marked.append(update.update_id)
            return reply, outbox.enqueue(db, found.clock, reply.messages)

    decided, keys = await off_the_loop(decide)
    for update_id in marked:
        marked_handled(context, update_id)
    if not isinstance(decided, Reply):
        return decided
    await deliver(update, context, decided, keys)
    return None


def _pressed_keyboard_gone(db: Any, update: Update, chat_id: int, reply: Reply) -> None:
    """A press that clears its keyboard takes it off the screen: a text typed after it is
    no longer taken for one of its buttons (``bot.services.pressed``)."""
    query = update.callback_query
    if query is None:
        return
    message_id = query.message.message_id if query.message is not None else None
    if reply.clear_buttons:
        keyboards.forget(db, chat_id, message_id, query.data)  # one DELETE, before the flush
    elif reply.clear_only is not None:
        keyboards.drop(db, chat_id, reply.clear_only, message_id)


async def deliver(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    reply: Reply,
    keys: Sequence[str] | None = None,
) -> None:
    """Answer the button press (if any), then send the reply's outbox rows.

    ``keys`` are the rows committed with the use case; without them (a reply decided
    outside ``respond``) the messages are put in the outbox first, in their own commit.
    """
    if keys is None:
        found = deps(context)

        def enqueue() -> list[str]:
            with found.open_db() as db:
                return outbox.enqueue(db, found.clock, reply.messages)

        keys = await off_the_loop(enqueue)
    # An alert's rows go at once, in the alert lane, while the button is answered; the
    # patient's own rows follow them, as before: the alert's first message is first.
    urgent = [key for key in keys if outbox.is_urgent(key)]
    keys = [key for key in keys if key not in urgent]
    alerting = asyncio.ensure_future(send_rows(context, urgent, Priority.ALERT)) if urgent else None
    try:
        query = update.callback_query
        if query is not None:
            # Answering or tidying the pressed button can fail (a press from before a
            # restart is "too old"); the messages below matter more, so they go regardless.
            try:
                await query.answer(reply.toast)
                if reply.clear_buttons and query.message is not None:
                    await query.edit_message_reply_markup(reply_markup=None)
                elif reply.clear_only is not None and isinstance(query.message, TgMessage):
                    kept = _without(query.message.reply_markup, reply.clear_only)
                    await query.edit_message_reply_markup(reply_markup=kept)
            except TelegramError as error:
                if "not modified" not in error.message:  # else: cleared by an earlier press
                    log.warning(
                        "could not answer button press %s: %s", query.id, type(error).__name__
                    )
        for edit in reply.edits:
            await _edit(context, edit)
        for cleared in reply.keyboards:  # a typed press: its message's buttons, as a tap's
            await _edit_keyboard(context, cleared)
    finally:
        if alerting is not None:
            await alerting
    await send_rows(context, keys)
    if reply.countdown is not None:  # "start timer" typed: played as after the tap
        context.application.create_task(countdown.play(context, reply.countdown), update=update)
    if reply.staff_menu is not None:
        menu = reply.staff_menu
        await publish_staff_menu(
            context.bot, deps(context).content, menu.chat_id, menu.role, menu.language
        )


async def send_rows(
    context: ContextTypes.DEFAULT_TYPE, keys: Sequence[str], priority: Priority = Priority.ANSWER
) -> None:
    """Send committed outbox rows now, one after the other. A row that fails is left for
    the tick to retry (with backoff); the next row is still sent."""
    for key in keys:
        flight = _IN_FLIGHT[key] = _Flight()
        try:
            await _send_now(context, key, priority)
        finally:
            flight.ended.set()
            _IN_FLIGHT.pop(key, None)


def _db(
    context: ContextTypes.DEFAULT_TYPE, work: Callable[[Any], T], priority: Priority
) -> Awaitable[T]:
    """One short store call in its own session, off the event loop: a person's (an answer)
    goes before the tick's background work; a scheduled send's goes with it; an alert's
    has threads of its own, never behind the presses' calls."""
    background = priority == Priority.SCHEDULED
    urgent = priority == Priority.ALERT
    return in_session(deps(context).open_db, work, background=background, urgent=urgent)


async def _send_now(context: ContextTypes.DEFAULT_TYPE, key: str, priority: Priority) -> bool:
    """Claim the committed row ``key`` and send it; ``True`` when it went from here."""
    found = deps(context)
    taken = await _db(  # the claim and what the row carries: one statement, one commit
        context,
        lambda db: store.take_to_send(db, key, found.clock.now(), lease=SEND_LEASE, worker=SENDER),
        priority,
    )
    if taken is None:  # the tick took it already (this send came very late)
        return False
    due, payload = taken
    shown: list[tuple[int, int]] = []  # the keyboards sent, recorded with the row's end
    try:
        sent = await send_row(context, due, priority, payload=payload, shown=shown)
    except Exception as error:  # retried by the tick; the text may hold health data
        log.warning("an outbox row was not sent, retried later: %s", type(error).__name__)
        error_type = type(error).__name__
        status = await _db(
            context,
            lambda db: store.retry_later(
                db, due, found.clock.now(), error=error_type, wait=RETRY_AFTER
            ),
            priority,
        )
        if status is None:
            log.warning(
                "claim lost: 1 outbox row that failed here had been taken over by another "
                "instance; its retry is left to it"
            )
        return False
    if not sent:  # the claim was lost on the way (logged): the rest is another's to send
        return False

    def finish(db: Any) -> bool:  # payload erased; the keyboards' messages in the same commit
        keyboards.sent(db, shown)
        return store.finish(db, due, WorkStatus.DONE, found.clock.now())

    marked = await _db(context, finish, priority)
    if not marked:  # the tick took the row meanwhile: it must not send it again
        log.warning(
            "claim lost: 1 outbox row sent from here had been taken over before it was "
            "marked sent; another instance may send it again (this one's tick will not)"
        )
        _SENT_UNMARKED[key] = None
        while len(_SENT_UNMARKED) > 1000:
            _SENT_UNMARKED.popitem(last=False)
    return True


SentKeyboards = tuple[tuple[int, int], ...]  # (chat id, message id) of keyboards sent


async def send_row(
    context: ContextTypes.DEFAULT_TYPE,
    due: Due,
    priority: Priority = Priority.SCHEDULED,
    *,
    payload: str | None = None,
    shown: list[tuple[int, int]] | None = None,
) -> bool:
    """Send what a claimed outbox row still holds, in order. After each message the rest is
    saved as the row's payload, so a retry never sends a message twice that Telegram
    confirmed. A failure raises (the row is retried); a chat that cannot be reached counts
    as delivered, and a message that needs it (``needs_previous``) is replaced by its
    ``if_undelivered``.

    The claim is kept while the messages go (``_Hold``). ``False`` when it was lost on the
    way (another instance took the row over): nothing more is sent from here, and the log
    says so, in counts.

    ``payload`` is what the claim itself read (``store.take_to_send``); without it (the
    tick's claims carry none) it is read here, while the claim is still ours.

    The message ids of the keyboards sent (``keyboards.sent``) are recorded with the rest
    of the payload; the last one's is added to ``shown`` for the caller to record with the
    row's end, or recorded here when there is no ``shown``."""
    found = deps(context)
    if payload is None:
        payload = await _db(context, lambda db: store.payload_of(db, due), priority)
        if payload is None:  # a claimed outbox row always carries one: not ours any more
            log.warning(
                "claim lost: an outbox row was taken over by another instance before it "
                "was read here; nothing of it was sent from here"
            )
            return False
    hold = _Hold(context, due, priority)
    messages = outbox.decode(payload)
    pending: list[tuple[int, int]] = []
    delivered = True
    for number, message in enumerate(messages, start=1):
        try:
            if message.needs_previous and not delivered:
                if message.if_undelivered is not None:
                    await hold.run(send(context, message.if_undelivered, priority))
                # and so the message after this one is held back too
            else:
                try:
                    delivered = await hold.run(send(context, message, priority, pending))
                except BadRequest as error:  # Telegram refuses this message for good
                    log.warning("a message was refused by Telegram: %s", type(error).__name__)
                    delivered = False
        except ClaimLost:
            _claim_lost(number - 1, len(messages))
            return False
        if number < len(messages):
            rest, now = outbox.encode(messages[number:]), found.clock.now()

            def keep(
                db: Any, rest: str = rest, now: datetime = now, sent: SentKeyboards = ()
            ) -> bool:
                keyboards.sent(db, sent)
                return store.keep_payload(db, due, rest, now + SEND_LEASE)

            if not await _db(context, partial(keep, sent=tuple(pending)), priority):
                _claim_lost(number, len(messages))
                return False
            pending.clear()
            hold.confirmed(now)
    if shown is not None:
        shown.extend(pending)
    elif pending:
        await _db(context, lambda db: _recorded(db, pending), priority)
    return True


def _recorded(db: Any, shown: Sequence[tuple[int, int]]) -> None:
    keyboards.sent(db, shown)
    db.commit()


async def send_unprompted(application: Application, messages: Iterable[Message]) -> None:  # type: ignore[type-arg]
    """Send messages no update asked for (the scheduler's), exactly as replies are sent,
    in the sender's scheduled lane (an alert's message still goes in the alert lane).

    A chat that cannot be reached counts as delivered; any other failure raises, so the
    scheduler retries the whole row later.
    """
    context = CallbackContext(application)
    for message in messages:
        await send(context, message, Priority.SCHEDULED)


async def send(
    context: ContextTypes.DEFAULT_TYPE,
    message: Message,
    priority: Priority = Priority.ANSWER,
    shown: list[tuple[int, int]] | None = None,
) -> bool:
    """Send one message; ``False`` when the chat cannot be reached (``unreachable``).

    A message with a remembered keyboard adds (its keyboard's row, its id) to ``shown``,
    for the caller to record (``keyboards.sent``); without ``shown`` it is recorded here.

    An alert is recorded as delivered once its message has gone out (with the message's
    id, so it can be edited when the alert changes), and so is a thread message. A message
    that notifies a clinician of an alert always goes in the sender's alert lane.
    """
    limits = lane(Priority.ALERT if message.alert_id is not None else priority)
    try:
        if message.album:
            await _album(context, message)
        if message.has_picture:
            sent_id = await _with_picture(context, message)
        elif message.document is not None:
            sent_doc = await context.bot.send_document(
                message.chat_id,
                message.document.data,
                filename=message.document.filename,
                caption=message.text,
                reply_markup=_keyboard(message),
            )
            sent_id = sent_doc.message_id
        else:
            sent = await with_lanes(context.bot).send_message(
                message.chat_id,
                message.text,
                reply_markup=_keyboard(message),
                rate_limit_args=limits,
            )
            sent_id = sent.message_id
    except TelegramError as error:
        if not cannot_reach(error):
            raise
        log.warning("a chat cannot be reached (%s); message not delivered", type(error).__name__)
        if message.alert_id is not None or message.digest_of:  # move the ladder on
            found = deps(context)

            def unreachable(db: Any) -> list[str]:  # one use case: the notices and their rows
                notices = escalation.could_not_reach(db, found.clock, found.content, message)
                return outbox.enqueue(db, found.clock, notices)

            keys = await _db(context, unreachable, Priority.ALERT)
            await send_rows(context, keys, Priority.ALERT)  # the admins hear who it was
        return False
    found = deps(context)
    if message.keyboard_id is not None:
        if shown is not None:
            shown.append((message.keyboard_id, sent_id))
        else:
            seen = [(message.keyboard_id, sent_id)]
            await _db(context, lambda db: _recorded(db, seen), priority)
    if message.alert_id is not None or message.digest_of:
        await _db(
            context,
            lambda db: escalation.reached(db, found.clock, message, sent_id),
            Priority.ALERT,
        )
    if message.card_of is not None:  # an alert card opened from /alerts: edited as it changes
        card_of, chat_id = message.card_of, message.chat_id
        await _db(
            context,
            lambda db: alerts.record_notice(db, found.clock, card_of, chat_id, sent_id),
            Priority.ALERT,
        )
    if message.thread_message_id is not None:
        thread_message_id = message.thread_message_id
        await _db(
            context,
            lambda db: inbox.mark_delivered(db, found.clock, thread_message_id),
            priority,
        )
    return True


async def _edit(context: ContextTypes.DEFAULT_TYPE, edit: Edit) -> None:
    """Bring a message already sent up to date; one that cannot be edited is left as it is."""
    try:
        await context.bot.edit_message_text(
            edit.text,
            chat_id=edit.chat_id,
            message_id=edit.message_id,
            reply_markup=_keyboard(edit),
        )
    except TelegramError as error:
        if "not modified" not in error.message:  # else: already up to date
            log.warning("a message could not be edited: %s", type(error).__name__)


async def _edit_keyboard(context: ContextTypes.DEFAULT_TYPE, edit: KeyboardEdit) -> None:
    """Show only the buttons left under a message (none: its keyboard is cleared)."""
    try:
        await context.bot.edit_message_reply_markup(
            chat_id=edit.chat_id, message_id=edit.message_id, reply_markup=_keyboard(edit)
        )
    except TelegramError as error:
        if "not modified" not in error.message:  # else: cleared already
            log.warning("a keyboard could not be cleared: %s", type(error).__name__)


async def _album(context: ContextTypes.DEFAULT_TYPE, message: Message) -> None:
    """The album before a message: if it can't be sent, the message still is."""
    try:
        await media.send_album(context, message.chat_id, message.album)
    except (BadRequest, OSError, ValueError) as error:
        log.warning("an album of exercise pictures was not sent: %s", type(error).__name__)


async def _with_picture(context: ContextTypes.DEFAULT_TYPE, message: Message) -> int:
    """The message as a picture's caption; a picture that can't be made or sent gives text.
    Returns the id of the message sent."""
    try:
        return await media.send_picture(context, message, _keyboard(message))
    except (BadRequest, OSError, ValueError) as error:
        log.warning("a picture was not sent, text instead: %s", type(error).__name__)
        sent = await context.bot.send_message(
            message.chat_id, message.text, reply_markup=_keyboard(message)
        )
        return sent.message_id


def _without(markup: InlineKeyboardMarkup | None, action: str) -> InlineKeyboardMarkup | None:
    """``markup`` without the buttons of ``action``; ``None`` when no button is left."""
    if markup is None:
        return None
    rows = [
        [b for b in row if str(b.callback_data or "").split(":", 1)[0] != action]
        for row in markup.inline_keyboard
    ]
    kept = [row for row in rows if row]
    return InlineKeyboardMarkup(kept) if kept else None


def _keyboard(message: Message | Edit | KeyboardEdit) -> InlineKeyboardMarkup | None:
    if not message.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.label, callback_data=b.data) for b in row]
            for row in message.buttons
        ]
    )
