"""The scripted demo journey, on simulated time: a patient's first week, with the real tick.

``companion demo --script`` plays it. The bot and its due-work tick run on a
``FastForwardClock``: time runs ``speed`` times faster than real time, and while the script
waits for a timed message it skips the stretches in which nothing at all is due, landing a
moment (``GLIDE_SECONDS`` of real time) before the next due row. Every timed message is
still sent by the tick at its own time; only empty time is skipped. So a week takes about a
minute, at any speed, and no step depends on how fast this machine is: every wait is a
wait for an event, with a deadline in real time worked out from the clock.

Each step is checked (``Conversation.check``) against what really happened: the message
that arrived, when it arrived by the simulated clock, and the rows in the database.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, time, timedelta

from sqlalchemy import Engine, and_, event, func, or_
from sqlmodel import col, select

from bot import callbacks
from bot.clock import FastForwardClock
from bot.content import Content
from bot.db.engine import session_factory
from bot.db.models import (
    Alert,
    AlertState,
    ExerciseSession,
    MorningCheck,
    PainBaseline,
    Patient,
    Staff,
)
from bot.demo import (
    ADMIN_USER_ID,
    BACKUP_USER_ID,
    CLINICIAN_USER_ID,
    DEMO_PEOPLE,
    PATIENT_USER_ID,
    Conversation,
    DemoClinic,
    JourneyFailed,
    finish_exercises,
    sent_at,
)
from bot.rules import schedule
from bot.rules.escalation import first_wait
from bot.services.feedback import checkins
from bot.services.outgoing import as_plain_text
from bot.services.reminders import scheduled as reminders
from emulator.records import BotMessage
from scheduler import DueWork
from scheduler.models import WorkStatus

# The script's patient chooses this reminder time by typing it.
TYPED_REMINDER = "9.30am"
REMINDER = time(9, 30)
GLIDE_SECONDS = 0.5  # real seconds of running time before each due row, after a skip
PATIENCE_SECONDS = 60.0  # real seconds of patience on top of every computed wait
LATE_SECONDS = 10.0  # a timed message may come this many real seconds late (a busy machine)


class Journey:
    """The people, the clock and the database of one scripted run."""

    def __init__(
        self,
        conv: Conversation,
        codes: DemoClinic,
        clock: FastForwardClock,
        engine: Engine,
        content: Content,
    ) -> None:
        self.conv = conv
        self.codes = codes
        self.clock = clock
        self.engine = engine
        self.content = content
        self.world = conv.world
        self.open_db = session_factory(engine)
        self.lead = timedelta(seconds=clock.speed * GLIDE_SECONDS)
        # How late a timed message may be and still count as on time: a quarter of an hour
        # of simulated time, or more at high speeds, where a second of real time is long.
        self.late_ok = max(timedelta(minutes=15), timedelta(seconds=clock.speed * LATE_SECONDS))
        self._skipped = timedelta(0)
        self._printed_at_skip = -1

    @contextmanager
    def woken_by_commits(self) -> Iterator[None]:
        """Every database commit wakes the emulator's waiters, so a wait can see the tick
        finish a row that sent nothing (and skip on at once)."""
        loop = asyncio.get_running_loop()

        def committed(_connection: object) -> None:
            loop.call_soon_threadsafe(self.world.notify)

        event.listen(self.engine, "commit", committed)
        try:
            yield
        finally:
            event.remove(self.engine, "commit", committed)

    async def until(
        self,
        chat_id: int,
        what: str,
        by: datetime,
        match: Callable[[BotMessage], bool],
        after: int,
    ) -> BotMessage:
        """The first bot message in ``chat_id`` after message ``after`` that ``match``es,
        letting simulated time run (and skip) until it comes; fail once ``by`` has passed."""

        def find() -> BotMessage | None:
            for message in self.world.bot_messages(chat_id):
                if message.message_id > after and not message.deleted and match(message):
                    return message
            return None

        def moved_on() -> bool | None:
            if find() or self.clock.now() > by or self._skip_target(by) is not None:
                return True
            return None

        while True:
            self.conv.show_new()
            found = find()
            if found is not None:
                return found
            if self.clock.now() > by:
                raise JourneyFailed(f"{what}: it had not come by {self.when(by)}")
            self._skip(by)
            horizon = min(self._next_due() or by, by)
            ahead = max(horizon - self.clock.now(), timedelta(0))
            within = self.clock.real_seconds(ahead) + PATIENCE_SECONDS
            woke = await self.world.wait_until(moved_on, within)
            if woke is None and self.clock.now() <= by:
                raise JourneyFailed(f"{what}: nothing happened for {within:.0f} s of real time")

    def on_time(self, message: BotMessage, due: datetime) -> bool:
        """Whether ``message`` was sent at ``due`` (to the second it is stamped with), or a
        little after it, as a tick that runs every simulated minute sends it."""
        return due - timedelta(seconds=1) <= sent_at(message) <= due + self.late_ok

    def when(self, moment: datetime) -> str:
        """``moment`` as the lines show it: the weekday and the local time."""
        local = self.conv.local(moment)
        return f"{local:%a} {local:%H:%M}"

    def is_text(self, key: str, **variables: object) -> Callable[[BotMessage], bool]:
        """A match for the message the content renders as ``key`` (in English)."""
        expected = as_plain_text(self.content.render("en", key, **variables))
        return lambda message: as_plain_text(message.text or "") == expected

    def label(self, key: str) -> str:
        return self.content.label("en", key)

    def patient(self) -> Patient:
        with self.open_db() as db:
            found = db.exec(select(Patient).where(Patient.telegram_user_id == PATIENT_USER_ID))
            return found.one()

    def _next_due(self) -> datetime | None:
        with self.open_db() as db:
            return db.exec(
                select(func.min(DueWork.run_at)).where(DueWork.status == WorkStatus.PENDING)
            ).one()

    def _skip_target(self, by: datetime) -> datetime | None:
        """Where the clock may jump now: just before the next due row (never past ``by``),
        unless the tick is at work or something is already due."""
        now = self.clock.now()
        with self.open_db() as db:
            busy = db.exec(
                select(func.count())
                .select_from(DueWork)
                .where(
                    or_(
                        col(DueWork.status) == WorkStatus.CLAIMED,
                        and_(col(DueWork.status) == WorkStatus.PENDING, col(DueWork.run_at) <= now),
                    )
                )
            ).one()
        if busy:
            return None
        target = min(self._next_due() or by, by) - self.lead
        return target if target > now else None

    def _skip(self, by: datetime) -> None:
        target = self._skip_target(by)
        if target is None:
            return
        if self.conv.printed != self._printed_at_skip:  # a new run of skips
            self._skipped = timedelta(0)
        self._skipped += target - self.clock.now()
        self.clock.skip_to(target)
        # One line for a run of skips with nothing to show between them.
        self.conv.hold(
            self.clock.now(), "  ", f"⏩ {_duration(self._skipped)} skipped: nothing due"
        )
        self._printed_at_skip = self.conv.printed


def _duration(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days} d" if days else "", f"{hours} h" if hours else "", f"{minutes} min"]
    return " ".join(part for part in parts if part)


def has_action(action: str) -> Callable[[BotMessage], bool]:
    """A match for a message with a button of ``action`` (see bot/callbacks.py)."""
    prefix = f"{action}:"
    return lambda message: any(
        data == action or (data or "").startswith(prefix) for _, data in message.buttons_flat()
    )


def text_of(message: BotMessage) -> str:
    return as_plain_text(message.text or "")


async def play_journey(journey: Journey) -> None:
    """A patient's first week: every step is checked, and the first that fails stops it."""
    with journey.woken_by_commits():
        await link_staff(journey)
        await enrol(journey)
        session_at = await session_and_snooze(journey)
        follow_up = await follow_up_comes(journey, session_at)
        alert_id = await session_with_high_pain(journey, follow_up)
        await alert_climbs(journey, alert_id)
        await morning_check(journey, session_at)
        await weekly_checkin(journey, session_at)


async def link_staff(j: Journey) -> None:
    """The clinician, the backup clinician and the admin each link their Telegram."""
    for user_id, code in j.codes.staff():
        who = DEMO_PEOPLE[user_id]
        (linked,) = await j.conv.send(user_id, f"/start {code}", who)
        j.conv.check("linked" in text_of(linked), f"the {who} linked their Telegram account")


async def enrol(j: Journey) -> None:
    """Invite code, language, consent, readiness, a typed reminder time, the usual pain."""
    conv, pat, check = j.conv, PATIENT_USER_ID, j.conv.check
    (language,) = await conv.send(pat, f"/start {j.codes.patient_code}", "patient")
    check("Which language" in text_of(language), "the invite worked; language asked")
    (consent,) = await conv.press(pat, language, "English", "patient")
    check("911" in text_of(consent), "the patient saw the consent notice")
    (first,) = await conv.press(pat, consent, "I agree", "patient")
    check("1 of 7" in text_of(first), "consent was recorded; the readiness check began")
    question = await conv.answer_all(pat, first, ["No"] * 7, "patient")
    check("What time" in text_of(question), "seven 'no' answers: the reminder time asked")
    (typed,) = await conv.press(pat, question, "Another time", "patient")
    check("type a time" in text_of(typed), "'another time' asked the patient to type one")
    (enrolled,) = await conv.send(pat, TYPED_REMINDER, "patient")
    # The wording of the confirmation changes (24-hour or "9:30 AM"); the stored time does not.
    check(
        j.patient().reminder_time == REMINDER and "9:30" in text_of(enrolled),
        f"the typed reminder time {TYPED_REMINDER} was understood as {REMINDER:%H:%M}",
    )
    scores = [label for label, _ in enrolled.buttons_flat()]
    check(scores == [str(n) for n in range(11)], "the usual pain was asked on its own 0-10 keys")
    (saved,) = await conv.press(pat, enrolled, "2", "patient")
    check(
        j.label("start_session") in [label for label, _ in saved.buttons_flat()],
        "today's session was offered only once the usual pain was answered",
    )
    with j.open_db() as db:
        usual = [b.pain for b in db.exec(select(PainBaseline))]
    check(usual == [2], "the usual pain, 2 out of 10, was stored")
    j.conv.note("The patient does not start today's session now: the bot will bring it.")


async def session_and_snooze(j: Journey) -> datetime:
    """At the reminder time the session arrives unprompted; the patient snoozes it and the
    reminder comes back. Returns when the session was due."""
    conv, pat = j.conv, PATIENT_USER_ID
    now = j.clock.now()
    session_at = schedule.at_local(conv.local(now).date(), REMINDER, conv.zone)
    if now >= session_at:
        raise JourneyFailed(
            f"enrolment ended at {j.when(now)}, after the {REMINDER:%H:%M} reminder: "
            "this machine is slow for this --speed; try a lower one"
        )
    mark = j.world.last_message_id(pat)
    arrives = has_action(callbacks.SNOOZE)
    intro = await j.until(pat, "today's session", session_at + j.late_ok, arrives, mark)
    conv.check(
        j.on_time(intro, session_at),
        f"today's session arrived unprompted at {j.when(session_at)}, the reminder time",
    )
    begins = has_action(callbacks.BEGIN)
    await j.until(pat, "the session's exercises", session_at + j.late_ok, begins, mark)
    pressed_at = j.clock.now()
    toast = await conv.tap(pat, intro, j.label("snooze_30"), "patient")
    with j.open_db() as db:
        snoozes = db.exec(
            select(DueWork).where(
                DueWork.kind == schedule.SNOOZE, DueWork.status == WorkStatus.PENDING
            )
        ).all()
    conv.check(bool(toast) and len(snoozes) == 1, "the patient snoozed it for 30 minutes")
    back_at = pressed_at + reminders.SNOOZES["30"]
    back = await j.until(
        pat, "the snoozed reminder", back_at + j.late_ok, j.is_text("reminder_snooze"), mark
    )
    conv.check(
        j.on_time(back, back_at),
        f"the snooze came back at {j.when(sent_at(back))}, 30 minutes after the tap",
    )
    return session_at


async def follow_up_comes(j: Journey, session_at: datetime) -> BotMessage:
    """The session is still not done, so the follow-up comes some hours later."""
    follow_up_at = session_at + timedelta(minutes=j.patient().follow_up_minutes)
    mark = j.world.last_message_id(PATIENT_USER_ID)
    follow_up = await j.until(
        PATIENT_USER_ID,
        "the follow-up",
        follow_up_at + j.late_ok,
        j.is_text("reminder_follow_up"),
        mark,
    )
    hours = (follow_up_at - session_at) / timedelta(hours=1)
    j.conv.check(
        j.on_time(follow_up, follow_up_at),
        f"still not done: the follow-up came at {j.when(follow_up_at)}, {hours:g} h later",
    )
    return follow_up


async def session_with_high_pain(j: Journey, follow_up: BotMessage) -> int:
    """From the follow-up, the patient does the session and reports pain 8: an alert."""
    conv, pat, nurse, check = j.conv, PATIENT_USER_ID, CLINICIAN_USER_ID, j.conv.check
    (session,) = await conv.press(pat, follow_up, j.label("start_session"), "patient")
    check("Sit to stand" in text_of(session), "today's session came from the programme")
    (step,) = await conv.press(pat, session, "Start ▶️", "patient")
    check(step.kind == "animation", "the first exercise came with its animation (sendAnimation)")
    pain = await finish_exercises(conv, step, pat)
    check(len(pain.buttons_flat()) == 11, "after the last Done, pain 0-10 was asked")

    nurse_after = j.world.last_message_id(nurse)
    _, difficulty = await conv.press(pat, pain, "8", "patient", replies=2)
    (alert,) = await conv.expect(nurse, nurse_after, 1, "clinician")
    with j.open_db() as db:
        raised = db.exec(select(Alert).order_by(col(Alert.id).desc())).first()
    check(
        raised is not None and bool(alert.buttons) and f"P-{raised.patient_id}" in text_of(alert),
        "pain 8/10 alerted the clinician, dr-lee",
    )
    assert raised is not None and raised.id is not None
    (thanks,) = await conv.press(pat, difficulty, "About right", "patient")
    with j.open_db() as db:
        done = db.exec(select(ExerciseSession)).one()
    check((done.pain, done.difficulty) == (8, "right"), "the answers were stored: pain 8, right")
    await conv.tap(pat, thanks, j.label("no_note"), "patient")
    conv.note("Nobody at the clinic acknowledges the alert yet.")
    return raised.id


async def alert_climbs(j: Journey, alert_id: int) -> None:
    """Unacknowledged, the alert climbs to the backup, then to the admin, who takes it."""
    conv, check = j.conv, j.conv.check
    with j.open_db() as db:
        alert = db.get(Alert, alert_id)
        assert alert is not None
        raised_at, level = alert.created_at, alert.level
    wait = first_wait(j.content.escalation, level)
    names_alert = has_action(callbacks.ACKNOWLEDGE)
    to_backup = await j.until(
        BACKUP_USER_ID, "the alert to the backup", raised_at + wait + j.late_ok, names_alert, 0
    )
    check(
        j.on_time(to_backup, raised_at + wait),
        f"unacknowledged for {_duration(wait)}, it climbed to the backup, dr-roy",
    )
    admin_mark = j.world.last_message_id(ADMIN_USER_ID)
    to_admin = await j.until(
        ADMIN_USER_ID,
        "the alert to the admin",
        raised_at + 2 * wait + j.late_ok,
        names_alert,
        admin_mark,
    )
    check(
        j.on_time(to_admin, raised_at + 2 * wait),
        f"{_duration(wait)} later still nobody: it climbed to the admin, front-desk",
    )

    pat_mark = j.world.last_message_id(PATIENT_USER_ID)
    nurse_mark = j.world.last_message_id(CLINICIAN_USER_ID)
    await conv.tap(ADMIN_USER_ID, to_admin, j.label("acknowledge"), "admin")
    await conv.expect(PATIENT_USER_ID, pat_mark, 1, "patient", lambda m: "seen" in text_of(m))
    await conv.expect(
        CLINICIAN_USER_ID, nurse_mark, 1, "clinician", lambda m: "front-desk" in text_of(m)
    )
    with j.open_db() as db:
        alert = db.get(Alert, alert_id)
        admin = db.exec(select(Staff).where(Staff.telegram_user_id == ADMIN_USER_ID)).one()
        taken = alert is not None and alert.acknowledged_by_id == admin.id
    check(taken, "the admin acknowledged it: the patient and the clinician were told")
    admin_mark = j.world.last_message_id(ADMIN_USER_ID)
    await conv.tap(ADMIN_USER_ID, to_admin, j.label("alert_resolve"), "admin")
    (question,) = await conv.expect(ADMIN_USER_ID, admin_mark, 1, "admin")
    await conv.tap(ADMIN_USER_ID, question, j.label("alert_no_note"), "admin")
    with j.open_db() as db:
        alert = db.get(Alert, alert_id)
        check(
            alert is not None and alert.state == AlertState.RESOLVED,
            "the admin resolved the alert",
        )


async def morning_check(j: Journey, session_at: datetime) -> None:
    """The next morning the bot asks whether yesterday's exercise pain has settled."""
    conv, pat = j.conv, PATIENT_USER_ID
    next_day = conv.local(session_at).date() + timedelta(days=1)
    morning_at = schedule.at_local(next_day, schedule.MORNING_CHECK_AT, conv.zone)
    mark = j.world.last_message_id(pat)
    asked = await j.until(
        pat, "the morning check", morning_at + j.late_ok, has_action(callbacks.SETTLED), mark
    )
    conv.check(
        j.on_time(asked, morning_at),
        f"the next morning, at {j.when(morning_at)}, the bot asked: has the pain settled?",
    )
    mark = j.world.last_message_id(pat)
    await conv.tap(pat, asked, j.label("settled_bit"), "patient")
    await conv.expect(pat, mark, 1, "patient", j.is_text("morning_thanks_not_settled"))
    with j.open_db() as db:
        answer = db.exec(select(MorningCheck)).one().settled
    conv.check(answer == "bit", "the answer 'a bit' was stored for the pain model")


async def weekly_checkin(j: Journey, session_at: datetime) -> None:
    """A week after enrolment: pain, the patient's three activities, and their scores."""
    conv, pat = j.conv, PATIENT_USER_ID
    week_later = conv.local(session_at).date() + timedelta(days=7)
    checkin_at = schedule.at_local(week_later, REMINDER, conv.zone)
    conv.note("The patient lets the rest of the week's reminders go by.")
    mark = j.world.last_message_id(pat)
    asked = await j.until(
        pat, "the weekly check-in", checkin_at + j.late_ok, has_action(callbacks.CHECKIN_PAIN), mark
    )
    conv.check(
        j.on_time(asked, checkin_at),
        f"a week after enrolment, at {j.when(checkin_at)}, the weekly check-in came",
    )
    # The day's session comes at the same time: each reply is waited for by what it is.
    mark = j.world.last_message_id(pat)
    await conv.tap(pat, asked, "4", "patient")
    first = j.is_text("checkin_activity_ask", number=1)
    (ask,) = await conv.expect(pat, mark, 1, "patient", first)
    scores = has_action(callbacks.PSFS)
    for number, activity in enumerate(("climbing stairs", "gardening", "walking the dog"), 2):
        following = j.is_text("checkin_activity_ask", number=number) if number <= 3 else scores
        (ask,) = await conv.send(pat, activity, "patient", reply=following)
    done = j.is_text("checkin_done")
    for score in ("3", "6", "8"):
        mark = j.world.last_message_id(pat)
        await conv.tap(pat, ask, score, "patient")
        (ask,) = await conv.expect(pat, mark, 1, "patient", lambda m: scores(m) or done(m))
    conv.check(done(ask), "the patient named three activities and scored each")
    patient = j.patient()
    assert patient.id is not None
    with j.open_db() as db:
        weeks = checkins.trend(db, patient.id)
    conv.check(
        [(w.pain, w.psfs_average) for w in weeks] == [(4, 5.7)],
        "the check-in was stored: pain 4, activities 3, 6 and 8 (PSFS 5.7)",
    )
