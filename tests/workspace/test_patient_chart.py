"""/patient P-n: a chart as a photo, then the numbers in text; tested on the chart's data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, col, select
from workspace_people import DESK, LEE, OTHER, PAT, ROY, Clinic2, give_history

from bot.content import Content
from bot.db.models import ExerciseSession, LevelDecision, LevelDecisionState, Patient
from bot.rules.levels import AlertLevel
from bot.services.alerts import raising as alerts
from bot.services.outgoing import as_plain_text
from bot.services.staff import patient_chart

TODAY = date(2026, 11, 30)  # the fixtures' Monday


def _history(ws: Clinic2) -> None:
    give_history(
        ws.engine,
        ws.clock,
        ws.patient_id,
        pains={15: 2, 12: 3, 8: 4, 2: 6},
        psfs=[[3, 4, 5], [5, 5, 6], [6, 7, 8]],
        enrolled_days_ago=20,
    )
    with Session(ws.engine) as db:
        session = db.exec(
            select(ExerciseSession)
            .where(ExerciseSession.patient_id == ws.patient_id)
            .order_by(col(ExerciseSession.local_date))
        ).first()
        assert session is not None and session.id is not None
        db.add(
            LevelDecision(
                patient_id=ws.patient_id,
                session_id=session.id,
                exercise_id="sit-to-stand",
                action="progress",
                from_level=1,
                to_level=2,
                reasons="",
                state=LevelDecisionState.APPLIED,
                decided_at=ws.clock.now(),
            )
        )
        db.commit()


async def test_the_chart_is_drawn_from_sessions_weekly_pain_psfs_and_level_changes(
    ws: Clinic2, content: Content
) -> None:
    _history(ws)
    with Session(ws.engine) as db:
        patient = db.get(Patient, ws.patient_id)
        assert patient is not None
        data = patient_chart.chart_data(db, ws.clock, content, patient, "en")
        png = patient_chart.draw(data, content, "fr")
    days = lambda *ago: [TODAY - timedelta(days=n) for n in ago]  # noqa: E731
    assert data.session_pain == list(zip(days(15, 12, 8, 2), [2, 3, 4, 6], strict=True))
    assert [p for _, p in data.weekly_pain] == [4, 4, 4]
    assert data.psfs == {
        1: list(zip(days(21, 14, 7), [3, 5, 6], strict=True)),
        2: list(zip(days(21, 14, 7), [4, 5, 7], strict=True)),
        3: list(zip(days(21, 14, 7), [5, 6, 8], strict=True)),
    }
    # Enrolled on Tuesday 10 November: 6 planned days that week, today (Monday) the last.
    assert data.weeks == [
        (date(2026, 11, 9), 1, 6),
        (date(2026, 11, 16), 2, 7),
        (date(2026, 11, 23), 1, 7),
        (date(2026, 11, 30), 0, 1),
    ]
    (change,) = data.level_changes
    assert (change.day, change.exercise, change.from_level, change.to_level) == (
        TODAY - timedelta(days=15),
        "Sit to stand",
        1,
        2,
    )
    assert png.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            [
                "By week:",
                "Activity 1: 3 → 5 → 6",
                "Level changes:",
                "acknowledged · dr-lee",
                "A question about the chart.",
            ],
        ),
        (
            "fr",
            [
                "Par semaine :",
                "Activité 1 : 3 → 5 → 6",
                "Changements de niveau :",
                "acknowledged · dr-lee",
                "A question about the chart.",
            ],
        ),
    ],
)
async def test_the_clinician_gets_the_chart_as_a_photo_then_the_numbers_in_text(
    lang: str, words: list[str], ws: Clinic2, content: Content
) -> None:
    _history(ws)
    await ws.talk.send(PAT, "A question about the chart.", "patient")
    with Session(ws.engine) as db:
        patient = db.get(Patient, ws.patient_id)
        assert patient is not None
        alerts.raise_alert(
            db, ws.clock, content, patient, level=AlertLevel.URGENT, reason="pain_high", pain=8
        )
        db.commit()  # the test is the use case's edge
    await ws.later(seconds=60)
    (to_lee,) = [m for m in ws.world.bot_messages(LEE) if m.buttons and "URGENT" in (m.text or "")]
    await ws.press(LEE, to_lee, "Acknowledge")
    await ws.world.wait_for_edit(LEE, to_lee.message_id, since_version=0)
    ws.speak(lang, lang)
    photo, numbers = await ws.talk.send(LEE, "/patient P-1", "clinician", replies=2)
    assert photo.kind == "photo" and "P-1" in (photo.text or "")
    stored = ws.world.messages[LEE][photo.message_id].file
    assert stored is not None and (stored.data or b"").startswith(b"\x89PNG")
    text = as_plain_text(numbers.text or "")
    assert all(word in text for word in words), text
    assert "activity 0" not in text  # what the patient named their activities is not shown


async def test_the_backup_reads_messages_an_admin_sees_no_messages_another_clinic_nothing(
    ws: Clinic2,
) -> None:
    await ws.talk.send(PAT, "Private words for my clinician.", "patient")
    _, backup = await ws.talk.send(ROY, "/patient P-1", "backup", replies=2)
    assert "Private words for my clinician." in (backup.text or "")
    _, admin = await ws.talk.send(DESK, "/patient P-1", "admin", replies=2)
    assert "Private words" not in (admin.text or "")
    assert "Only the patient's clinician and backup can read their messages" in (admin.text or "")
    (other,) = await ws.talk.send(OTHER, "/patient P-1", "other admin")
    assert "can't do that" in (other.text or "") and other.kind == "text"
    views = [(a.staff_id, a.outcome) for a in ws.audit("patient.view")]
    assert views == [(ws.staff["dr-roy"], "ok"), (ws.staff["front-desk"], "ok"), (None, "denied")]
