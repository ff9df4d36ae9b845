"""The caseload, /patients, through the emulator: one line per patient, filters, pages."""

from __future__ import annotations

import re

import pytest
from ready_patients import ready_patient
from sqlmodel import Session
from workspace_people import LEE, OTHER, PAT, ROY, Clinic2, give_history

from bot.content import Content
from bot.db.models import Patient
from bot.rules.levels import AlertLevel
from bot.services.alerts import raising as alerts
from bot.services.outgoing import as_plain_text
from emulator.records import BotMessage


def _lines(message: BotMessage) -> list[str]:
    """Each patient's two lines, joined."""
    text = as_plain_text(message.text or "")
    blocks = re.split(r"\n(?=P-\d+)", text)
    return [" ".join(b.split("\n")[:2]) for b in blocks if b.startswith("P-")]


def _alert(ws: Clinic2, content: Content, patient_id: int, level: AlertLevel) -> None:
    with Session(ws.engine) as db:
        patient = db.get(Patient, patient_id)
        assert patient is not None
        alerts.raise_alert(db, ws.clock, content, patient, level=level, reason="pain_high", pain=8)
        db.commit()  # the test is the use case's edge


@pytest.mark.parametrize(
    ("lang", "first", "second"),
    [
        (
            "en",
            ["P-2", "URGENT alert"],
            ["P-1", "7 days 3/", "pain 6 ↑ rising", "PSFS +3.0", "1 unread"],
        ),
        (
            "fr",
            ["P-2", "alerte URGENTE"],
            ["P-1", "7 jours 3/", "douleur 6 ↑ en hausse", "PSFS +3.0", "1 non lu"],
        ),
    ],
)
async def test_the_caseload_shows_open_alerts_first_then_adherence_pain_trend_psfs_and_unread(
    lang: str, first: list[str], second: list[str], ws: Clinic2, content: Content
) -> None:
    give_history(
        ws.engine, ws.clock, ws.patient_id, pains={3: 2, 2: 3, 1: 6}, psfs=[[3, 4, 5], [6, 7, 8]]
    )
    await ws.talk.send(PAT, "A quick question for you.", "patient")
    _alert(ws, content, 2, AlertLevel.URGENT)
    ws.speak(lang, lang)
    (listing,) = await ws.talk.send(LEE, "/patients", "clinician")
    top, below = _lines(listing)
    assert all(part in top for part in first), top
    assert all(part in below for part in second), below
    assert [label for label, _ in listing.buttons_flat()] == ["P-2", "P-1"]


async def test_the_filters_show_patients_with_alerts_on_hold_or_inactive(
    ws: Clinic2, content: Content
) -> None:
    give_history(ws.engine, ws.clock, ws.patient_id, pains={1: 2}, enrolled_days_ago=10)
    give_history(ws.engine, ws.clock, 2, pains={9: 2}, enrolled_days_ago=10)
    with Session(ws.engine) as db:
        second = db.get(Patient, 2)
        assert second is not None
        second.hold_at = ws.clock.now()
        db.add(second)
        db.commit()
    _alert(ws, content, ws.patient_id, AlertLevel.ROUTINE)
    found = {}
    for name in ("alerts", "held", "inactive"):
        (listing,) = await ws.talk.send(LEE, f"/patients {name}", "clinician")
        found[name] = [line.split()[0] for line in _lines(listing)]
    assert found == {"alerts": ["P-1"], "held": ["P-2"], "inactive": ["P-2"]}
    (usage,) = await ws.talk.send(LEE, "/patients everyone", "clinician")
    assert "Try /patients" in (usage.text or "")


async def test_a_caseload_of_60_is_paged_and_every_patient_can_be_opened(
    ws: Clinic2, content: Content
) -> None:
    with Session(ws.engine) as db:
        for n in range(58):
            ready_patient(
                db,
                ws.clock,
                content,
                clinic_id=1,
                clinician_id=ws.staff["dr-lee"],
                telegram_id=5000 + n,
            )
    (page,) = await ws.talk.send(LEE, "/patients", "clinician")
    assert "page 1 of 4" in (page.text or "")
    seen: list[str] = []
    while True:
        seen += [line.split()[0] for line in _lines(page)]
        if not any(label == "Next ▶" for label, _ in page.buttons_flat()):
            break
        (page,) = await ws.talk.press(LEE, page, "Next ▶", "clinician")
    assert sorted(seen, key=lambda p: int(p[2:])) == [f"P-{n}" for n in range(1, 61)]
    chart, opened = await ws.talk.press(LEE, page, "P-60", "clinician", replies=2)
    assert chart.kind == "photo" and "P-60" in (chart.text or "")
    assert "P-60" in (opened.text or "") and "Sessions done" in (opened.text or "")
    assert ws.audit("patient.view")[-1].patient_id == 60


async def test_the_backup_sees_their_patients_and_another_clinics_admin_sees_none(
    ws: Clinic2,
) -> None:
    (backup,) = await ws.talk.send(ROY, "/patients", "backup")
    assert [line.split()[0] for line in _lines(backup)] == ["P-1", "P-2"]
    (other,) = await ws.talk.send(OTHER, "/patients", "other admin")
    assert _lines(other) == [] and "No patients here" in (other.text or "")
    assert await ws.forge(OTHER, "pt:1") is None
    (refused,) = await ws.talk.expect(OTHER, other.message_id, 1, "other admin")
    assert "can't do that" in (refused.text or "")
    assert ws.audit("patient.view")[-1].outcome == "denied"
