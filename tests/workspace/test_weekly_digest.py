"""The clinicians' weekly digest, planned on the due-work table and sent by the real tick."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
from sqlmodel import Session, select
from workspace_people import DESK, LEE, OTHER, PAT, ROY, Clinic2, give_history

from bot.content import Content
from bot.db.models import Patient, Staff
from bot.rules.levels import AlertLevel
from bot.services.alerts import raising as alerts
from bot.services.outgoing import as_plain_text
from bot.services.scheduling import digest_times
from scheduler import DueWork

NEXT_MONDAY_8AM = datetime(2026, 12, 7, 13, 0, tzinfo=UTC)  # 08:00 in Ottawa (EST)


def _digest_rows(ws: Clinic2) -> list[str]:
    with Session(ws.engine) as db:
        rows = db.exec(select(DueWork).where(DueWork.kind == digest_times.KIND)).all()
        return sorted(f"{r.key}:{r.status}" for r in rows)


def _plan(ws: Clinic2) -> int:
    with Session(ws.engine) as db:
        planned = digest_times.plan_everyone(db, ws.clock)
        db.commit()  # the test is the use case's edge
        return planned


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            [
                "Your weekly digest",
                "P-2 · 🔴 Routine alert open",
                "pain rising ↑",
                "P-1 · ✉️ 1 unread, past the reply time",
                "no session on 3+ planned days",
                "Reported pain 6/10",
                "none of your patients needs attention",
            ],
        ),
        (
            "fr",
            [
                "Votre résumé de la semaine",
                "P-2 · 🔴 alerte de routine ouverte",
                "douleur en hausse ↑",
                "P-1 · ✉️ 1 non lu, délai de réponse dépassé",
                "aucune séance depuis 3 jours prévus ou plus",
                "aucun de vos patients n'a besoin d'attention",
            ],
        ),
    ],
)
async def test_the_clinician_gets_the_weekly_digest_on_monday_at_8_in_the_clinics_time(
    lang: str, words: list[str], ws: Clinic2, content: Content
) -> None:
    assert _plan(ws) == 2  # dr-lee and dr-roy; admins get none
    await ws.talk.send(PAT, "Are the exercises still right for me?", "patient")
    give_history(ws.engine, ws.clock, 2, pains={3: 2, 2: 2, 0: 6}, enrolled_days_ago=3)
    with Session(ws.engine) as db:
        second = db.get(Patient, 2)
        assert second is not None
        alerts.raise_alert(
            db, ws.clock, content, second, level=AlertLevel.ROUTINE, reason="pain_high", pain=6
        )
        db.commit()  # the test is the use case's edge
    ws.speak(lang, lang)
    lee_after = ws.world.last_message_id(LEE)
    ws.clock.set(NEXT_MONDAY_8AM.replace(minute=0, hour=12))  # 07:00: not yet
    await ws.tick()
    assert not any("📋" in (m.text or "") for m in ws.world.bot_messages(LEE))
    ws.clock.set(NEXT_MONDAY_8AM)
    await ws.tick()
    found = await ws.world.wait_for_bot_message(
        LEE, after_message_id=lee_after, predicate=lambda m: "📋" in (m.text or "")
    )
    text = as_plain_text(found.text or "")
    *for_lee, quiet = words
    assert all(word in text for word in for_lee), text
    assert text.index("P-2") < text.index("P-1 ·")  # the open alert first
    assert [label for label, _ in found.buttons_flat()] == ["P-2", "P-1"]
    lee, roy = ws.staff["dr-lee"], ws.staff["dr-roy"]
    assert _digest_rows(ws) == [
        f"staff_digest:{lee}:2026-12-07:done",
        f"staff_digest:{lee}:2026-12-14:pending",
        f"staff_digest:{roy}:2026-12-07:done",
        f"staff_digest:{roy}:2026-12-14:pending",
    ]
    roy_digest = await ws.world.wait_for_bot_message(
        ROY, predicate=lambda m: "📋" in (m.text or "")
    )
    assert quiet in (roy_digest.text or "")  # the backup's own patients: none
    for admin in (DESK, OTHER):
        assert not any("📋" in (m.text or "") for m in ws.world.bot_messages(admin))


async def test_a_clinician_moves_their_digest_with_the_digest_command(ws: Clinic2) -> None:
    _plan(ws)
    (shown,) = await ws.talk.send(LEE, "/digest", "clinician")
    assert "Monday at 8:00 AM" in (shown.text or "") and "Dec 7, 8:00 AM EST" in (shown.text or "")
    (saved,) = await ws.talk.send(LEE, "/digest friday 4pm", "clinician")
    assert "Saved" in (saved.text or "") and "Friday at 4:00 PM" in (saved.text or "")
    lee = ws.staff["dr-lee"]
    assert f"staff_digest:{lee}:2026-12-04:pending" in _digest_rows(ws)
    assert f"staff_digest:{lee}:2026-12-07:pending" not in _digest_rows(ws)
    with Session(ws.engine) as db:
        staff = db.get(Staff, lee)
        assert staff is not None and (staff.digest_weekday, staff.digest_time) == (4, time(16, 0))
    (usage,) = await ws.talk.send(LEE, "/digest someday", "clinician")
    assert "Example: /digest" in (usage.text or "")
    (refused,) = await ws.talk.send(DESK, "/digest friday 16:00", "admin")
    assert "don't know that command" in (refused.text or "")


async def test_a_digest_missed_by_more_than_a_day_is_skipped_and_the_next_week_planned(
    ws: Clinic2,
) -> None:
    _plan(ws)
    lee_after = ws.world.last_message_id(LEE)
    ws.clock.set(datetime(2026, 12, 9, 13, 0, tzinfo=UTC))  # the bot was down until Wednesday
    await ws.tick()
    assert not any(
        "📋" in (m.text or "") for m in ws.world.bot_messages(LEE) if m.message_id > lee_after
    )
    lee = ws.staff["dr-lee"]
    assert f"staff_digest:{lee}:2026-12-14:pending" in _digest_rows(ws)
