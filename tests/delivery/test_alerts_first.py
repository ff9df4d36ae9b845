"""Alert work is claimed before routine work, and the rows used to find it are indexed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlmodel import Session, col, select

from bot.clock import ManualClock
from bot.db.models import Alert
from bot.services import outbox
from bot.services.alerts import raising as alerts
from bot.services.outgoing import Message
from scheduler import store
from scheduler.models import ROUTINE, URGENT, DueWork
from scheduler.store import Planned

NOON = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)
LEASE = timedelta(seconds=30)


def test_an_escalation_step_due_mid_broadcast_is_claimed_before_the_waiting_reminders(
    db: Session,
) -> None:
    reminders = [
        Planned("session_reminder", i, f"reminder:{i}", NOON - timedelta(minutes=5))
        for i in range(500)
    ]
    store.add(db, reminders, NOON - timedelta(hours=1))
    store.add(db, [alerts.step_row(77, 2, NOON)], NOON - timedelta(hours=1))
    db.commit()
    first = store.claim(db, NOON, limit=48, lease=LEASE, worker="a")
    assert first[0].kind == alerts.STEP_KIND and first[0].priority == URGENT
    assert [due.priority for due in first[1:]] == [ROUTINE] * 47


def test_escalation_steps_are_planned_urgent_and_other_rows_routine() -> None:
    assert alerts.step_row(1, 1, NOON).priority == URGENT
    assert Planned("session_reminder", 1, "k", NOON).priority == ROUTINE


def test_routine_rows_keep_their_due_order_among_themselves(db: Session) -> None:
    store.add(
        db,
        [
            Planned("checkin", 1, "late", NOON - timedelta(minutes=1)),
            Planned("checkin", 2, "early", NOON - timedelta(minutes=9)),
        ],
        NOON - timedelta(hours=1),
    )
    db.commit()
    claimed = store.claim(db, NOON, limit=10, lease=LEASE, worker="a")
    assert [due.key for due in claimed] == ["early", "late"]


def plan(db: Session, statement: str) -> str:
    rows = db.connection().execute(text(f"EXPLAIN QUERY PLAN {statement}")).all()
    return " | ".join(str(row[-1]) for row in rows)


def test_a_sessions_pain_alerts_are_found_by_an_index(db: Session) -> None:
    query = select(Alert.id).where(col(Alert.session_id) == 5)
    compiled = query.compile(db.get_bind(), compile_kwargs={"literal_binds": True})
    used = plan(db, str(compiled))
    assert "USING INDEX ix_alert_session_id" in used or "USING COVERING INDEX" in used, used


def test_claiming_due_rows_uses_the_claimable_index(db: Session) -> None:
    used = plan(
        db,
        "SELECT id FROM duework WHERE status IN ('pending', 'claimed') "
        "AND run_at <= '2026-12-01 17:00:00' ORDER BY priority, run_at LIMIT 48",
    )
    assert "ix_duework_claimable" in used, used


def test_the_urgent_lanes_claim_uses_the_priority_index(db: Session) -> None:
    """The lane claims every half second: it reads the few urgent rows, not every routine
    row due in a broadcast."""
    used = plan(
        db,
        "SELECT id FROM duework WHERE status IN ('pending', 'claimed') "
        "AND run_at <= '2026-12-01 17:00:00' AND priority IN (0) "
        "ORDER BY priority, run_at LIMIT 8",
    )
    assert "ix_duework_by_priority" in used, used


def test_an_alerts_row_decided_by_a_press_is_marked_urgent_and_listed_first(
    db: Session, clock: ManualClock
) -> None:
    """``deliver`` sends such rows at once in the sender's alert lane, beside the answer."""
    keys = outbox.enqueue(
        db, clock, [Message(5, "The next question"), Message(1, "Alert: pain 9", alert_id=3)]
    )
    assert [outbox.is_urgent(key) for key in keys] == [True, False]
    urgent = db.exec(select(DueWork).where(col(DueWork.key) == keys[0])).one()
    assert urgent.priority == URGENT and urgent.subject_id == 1
