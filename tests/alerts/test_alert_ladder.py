"""The alert ladder on the scheduler, with an injected clock: nobody is ever left untold."""

from __future__ import annotations

from datetime import timedelta

from alert_ward import ADMIN, BACKUP, CLINICIAN, DESK, LEE, PAT, ROY, Ward
from sqlmodel import select

from bot.db.models import AlertState, AuditEvent, Staff
from bot.rules.levels import AlertLevel
from bot.services import outbox
from bot.services.alerts import raising as alerts
from scheduler import DueWork


def _raise(ward: Ward, level: AlertLevel = AlertLevel.URGENT) -> list[int]:
    """Raise a pain alert; returns the chats its first messages go to (the reply's send)."""
    with ward.db() as db:
        messages = alerts.raise_alert(
            db, ward.clock, ward.content, ward.patient(db), level=level, reason="pain_high", pain=9
        )
    return [m.chat_id for m in messages]


def _delivered(ward: Ward) -> None:
    """The reply's own send went out, as ``delivery.send`` records it."""
    with ward.db() as db:
        alert = ward.alert(db)
        assert alert.id is not None
        alerts.mark_notified(db, ward.clock, alert.id, LEE)


async def test_an_alert_and_its_ladder_are_committed_before_any_message(ward: Ward) -> None:
    chats = _raise(ward)
    assert chats == [LEE]
    with ward.db() as db:
        alert = ward.alert(db)
        assert alert.state == AlertState.OPEN and alert.notified_at is None
        rows = db.exec(select(DueWork).where(DueWork.kind == alerts.STEP_KIND)).all()
        assert sorted(r.key for r in rows) == [
            f"alert_step:{alert.id}:0",
            f"alert_step:{alert.id}:1",
        ]


async def test_emergency_alerts_the_clinician_and_the_backup_at_once(ward: Ward) -> None:
    assert _raise(ward, AlertLevel.EMERGENCY) == [LEE, ROY]


async def test_urgent_not_acknowledged_goes_to_the_backup_after_15_minutes_then_the_admins(
    ward: Ward,
) -> None:
    _raise(ward)
    _delivered(ward)
    await ward.wait(minutes=14)
    assert ward.outbox.take() == []
    await ward.wait(minutes=1)
    (to_backup,) = ward.outbox.take()
    assert to_backup.chat_id == ROY and "Not acknowledged yet" in to_backup.text
    await ward.wait(minutes=15)
    assert [m.chat_id for m in ward.outbox.take()] == [DESK]


async def test_emergency_not_acknowledged_goes_to_the_admins_after_5_minutes(ward: Ward) -> None:
    _raise(ward, AlertLevel.EMERGENCY)
    _delivered(ward)
    await ward.wait(minutes=5)
    assert [m.chat_id for m in ward.outbox.take()] == [DESK]


async def test_after_the_last_step_the_admins_are_told_again_until_someone_acknowledges(
    ward: Ward,
) -> None:
    _raise(ward, AlertLevel.EMERGENCY)
    _delivered(ward)
    await ward.wait(minutes=5)
    ward.outbox.take()
    await ward.wait(minutes=30)
    assert [m.chat_id for m in ward.outbox.take()] == [DESK]
    with ward.db() as db:
        alert_id = ward.alert(db).id
        assert alert_id is not None
        reply = alerts.acknowledge(db, ward.clock, ward.content, ADMIN, alert_id)
    told = {m.chat_id: m.text for m in reply.messages}
    assert set(told) == {PAT, LEE, ROY} and "acknowledged by front-desk" in told[LEE]
    await ward.wait(minutes=90)
    assert ward.outbox.take() == []


async def test_an_acknowledged_alert_stops_climbing(ward: Ward) -> None:
    _raise(ward)
    _delivered(ward)
    ward.clock.advance(timedelta(minutes=3))
    with ward.db() as db:
        alert_id = ward.alert(db).id
        assert alert_id is not None
        reply = alerts.acknowledge(db, ward.clock, ward.content, CLINICIAN, alert_id)
    assert [m.chat_id for m in reply.messages] == [PAT]  # "your clinician has seen it"
    await ward.wait(minutes=60)
    assert ward.outbox.take() == []


async def test_a_crash_after_the_commit_and_before_the_send_still_delivers_after_restart(
    ward: Ward,
) -> None:
    _raise(ward)  # the process dies here: the reply's messages are never sent
    ward.restart()
    await ward.wait(seconds=60)
    (sent,) = ward.outbox.take()
    assert sent.chat_id == LEE and "P-" in sent.text
    with ward.db() as db:
        alert = ward.alert(db)
        assert alert.notified_at is not None and alert.step == 0


async def test_a_403_from_the_clinician_moves_to_the_backup_at_once_and_tells_the_admins(
    ward: Ward,
) -> None:
    ward.outbox.blocked.add(LEE)
    _raise(ward)  # the reply's send hits the 403 and is not confirmed
    await ward.wait(seconds=60)  # the first check: the clinician is tried again, 403 again
    sent = ward.outbox.take()
    assert [m.chat_id for m in sent] == [ROY, DESK]  # no 15-minute wait for an unreachable person
    assert "dr-lee" in sent[1].text
    with ward.db() as db:
        alert = ward.alert(db)
        assert alert.id is not None and alert.step == 1
        history = ward.history(db, alert.id)
        assert ("unreachable", 0, ward.staff["dr-lee"]) in history
        assert ("notified", 1, ward.staff["dr-roy"]) in history
        assert db.exec(select(AuditEvent).where(AuditEvent.action == "alert.unreachable")).one()


async def test_a_403_at_a_later_step_moves_the_ladder_on_at_once_and_tells_the_admins(
    ward: Ward,
) -> None:
    ward.outbox.blocked.add(ROY)  # the backup blocked the bot
    _raise(ward)
    _delivered(ward)
    await ward.wait(minutes=15)  # step 1, the backup: 403; step 2 is decided at once
    sent = ward.outbox.take()
    assert [m.chat_id for m in sent] == [DESK, DESK]  # the step's alert, and who was missed
    assert "dr-roy" in sent[1].text
    with ward.db() as db:
        alert = ward.alert(db)
        assert alert.id is not None and alert.step == 2
        history = ward.history(db, alert.id)
        assert ("unreachable", 1, ward.staff["dr-roy"]) in history
        assert ("notified", 2, ward.staff["front-desk"]) in history


async def test_a_crash_between_a_steps_commit_and_its_send_loses_and_doubles_nothing(
    ward: Ward,
) -> None:
    _raise(ward)
    _delivered(ward)
    ward.outbox.crash_before_send = True
    await ward.wait(minutes=15)  # step 1 committed with its outbox row; then the process dies
    assert ward.outbox.take() == []
    with ward.db() as db:
        (row,) = db.exec(select(DueWork).where(DueWork.kind == outbox.KIND)).all()
        assert row.status == "pending" and row.payload is not None  # committed, not sent
    ward.restart()
    await ward.wait(minutes=1)
    (to_backup,) = ward.outbox.take()
    assert to_backup.chat_id == ROY
    await ward.wait(minutes=14)  # step 2 after its own wait, not a second step 1
    assert [m.chat_id for m in ward.outbox.take()] == [DESK]
    with ward.db() as db:
        alert = ward.alert(db)
        assert alert.id is not None
        told = [e for e in ward.history(db, alert.id) if e[0] == "notified"]
        lee, roy, desk = (ward.staff[h] for h in ("dr-lee", "dr-roy", "front-desk"))
        assert told == [("notified", 0, lee), ("notified", 1, roy), ("notified", 2, desk)]
        rows = db.exec(select(DueWork).where(DueWork.kind == outbox.KIND)).all()
        assert {(r.status, r.payload) for r in rows} == {("done", None)}


async def test_a_clinician_who_never_linked_telegram_is_skipped_without_waiting(ward: Ward) -> None:
    with ward.db() as db:
        lee = db.get(Staff, ward.staff["dr-lee"])
        assert lee is not None
        lee.telegram_user_id = None
        db.add(lee)
        db.commit()
    assert _raise(ward) == []  # nobody to tell in the first step: its row is due now
    await ward.wait(seconds=1)
    assert [m.chat_id for m in ward.outbox.take()] == [ROY, DESK]


async def test_an_acknowledged_alert_not_resolved_reminds_the_acknowledger_after_4_hours(
    ward: Ward,
) -> None:
    _raise(ward)
    _delivered(ward)
    with ward.db() as db:
        alert_id = ward.alert(db).id
        assert alert_id is not None
        alerts.acknowledge(db, ward.clock, ward.content, BACKUP, alert_id)
    await ward.wait(hours=3, minutes=59)
    assert ward.outbox.take() == []
    await ward.wait(minutes=1)
    (reminder,) = ward.outbox.take()
    assert reminder.chat_id == ROY and "not resolved" in reminder.text
    with ward.db() as db:
        alerts.resolve(db, ward.clock, ward.content, BACKUP, alert_id)
    await ward.wait(hours=8)
    assert ward.outbox.take() == []


async def test_routine_alerts_wait_for_the_clinicians_daily_digest(ward: Ward) -> None:
    assert _raise(ward, AlertLevel.ROUTINE) == []
    _raise(ward, AlertLevel.ROUTINE)
    await ward.wait(hours=23, minutes=30)  # 08:30 the next morning in Ottawa
    (digest,) = ward.outbox.take()
    assert digest.chat_id == LEE and digest.text.count("P-") == 2 and len(digest.buttons) == 2
    await ward.wait(days=2)
    assert ward.outbox.take() == []


async def test_a_digest_whose_clinician_blocked_the_bot_goes_to_the_backup_at_once(
    ward: Ward,
) -> None:
    ward.outbox.blocked.add(LEE)
    _raise(ward, AlertLevel.ROUTINE)
    await ward.wait(hours=23, minutes=30)  # the digest, as an outbox row: 403, then the backup
    (digest,) = ward.outbox.take()
    assert digest.chat_id == ROY and digest.text.count("P-") == 1
    with ward.db() as db:
        alert = ward.alert(db)
        assert alert.id is not None and alert.notified_at is not None
        history = ward.history(db, alert.id)
        assert ("unreachable", 0, ward.staff["dr-lee"]) in history
        assert ("notified", 0, ward.staff["dr-roy"]) in history
    await ward.wait(days=2)
    assert ward.outbox.take() == []
