"""The patient's rights from the command line: export, retention, the audit log."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner
from workspace_people import give_history, seed

from bot.cli import app
from bot.clock import ManualClock
from bot.content import Content
from bot.db import migrate
from bot.db.engine import make_engine
from bot.db.models import (
    Alert,
    AuditEvent,
    ConsentRecord,
    ExerciseSession,
    OnboardingStep,
    Patient,
    ThreadMessage,
)
from bot.rules.levels import AlertLevel
from bot.services import audit, outbox
from bot.services.alerts import raising as alerts
from bot.services.enrolment import consent
from bot.services.inbox import threads as inbox
from bot.services.outgoing import Message
from scheduler import DueWork
from scheduler.models import WorkStatus

runner = CliRunner()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_BOT_USERNAME", "CLINIC_TIMEZONE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    return tmp_path


@pytest.fixture
def seeded(folder: Path, content: Content) -> ManualClock:
    """Two clinics and two patients, enrolled 40 days ago (the CLI runs on the wall clock)."""
    engine = make_engine(f"sqlite:///{folder / 'cli.sqlite3'}")
    migrate.upgrade(engine)
    clock = ManualClock(datetime.now(UTC) - timedelta(days=40))
    with Session(engine) as db:
        seed(db, clock, content)
        patient = db.get(Patient, 1)
        assert patient is not None
        inbox.patient_wrote(db, clock, content, patient, "My private words.")
        audit.record(db, clock, "patient.view", staff_id=1, patient_id=1)
        clock.advance(timedelta(days=5))
        audit.record(db, clock, "thread.read", staff_id=2, patient_id=1)
        audit.record(db, clock, "patient.view", staff_id=2, patient_id=2)
        db.commit()  # the test is the use case's edge
        db.commit()
    give_history(engine, clock, 1, pains={3: 2, 2: 4})
    engine.dispose()
    return clock


def _engine(folder: Path) -> Session:
    return Session(make_engine(f"sqlite:///{folder / 'cli.sqlite3'}"))


def test_an_admin_exports_a_patients_record_as_json_and_html_and_it_is_audited(
    folder: Path, seeded: ManualClock
) -> None:
    result = runner.invoke(
        app, ["patient", "export", "P-1", "--clinic", "ottawa", "--out", "out", "--json"]
    )
    assert result.exit_code == 0, result.output
    paths = json.loads(result.stdout)
    data = json.loads(Path(paths["json"]).read_text())
    assert data["patient"] == "P-1" and [m["text"] for m in data["messages"]] == [
        "My private words."
    ]
    assert "My private words." in Path(paths["html"]).read_text()
    with _engine(folder) as db:
        assert db.exec(select(AuditEvent).where(AuditEvent.action == "patient.export")).one()
    other = runner.invoke(app, ["patient", "export", "P-1", "--clinic", "gatineau"])
    assert other.exit_code != 0 and "No patient P-1 in gatineau" in other.output


def test_the_audit_log_filters_by_patient_staff_action_and_date_with_json(
    folder: Path, seeded: ManualClock
) -> None:
    def events(*args: str) -> list[dict[str, str]]:
        result = runner.invoke(app, ["audit", "--clinic", "ottawa", "--json", *args])
        assert result.exit_code == 0, result.output
        return list(json.loads(result.stdout)["events"])

    assert {e["action"] for e in events("--patient", "P-2")} == {"patient.view"}
    by_roy = events("--staff", "dr-roy")
    assert [(e["action"], e["patient"]) for e in by_roy] == [
        ("thread.read", "P-1"),
        ("patient.view", "P-2"),
    ]
    assert [e["staff"] for e in events("--action", "patient.view")] == ["dr-lee", "dr-roy"]
    assert {e["action"] for e in events("--action", "thread.")} == {"thread.read"}
    day = (seeded.now() - timedelta(days=5)).date().isoformat()
    assert [e["staff"] for e in events("--until", day, "--action", "patient.view")] == ["dr-lee"]
    assert events("--since", "2999-01-01") == []
    gatineau = runner.invoke(app, ["audit", "--clinic", "gatineau", "--json"])
    assert json.loads(gatineau.stdout)["events"] == []  # another clinic sees none of it
    people = runner.invoke(app, ["audit", "--clinic", "ottawa", "--staff", "dr-lee"])
    assert "patient.view" in people.stdout and "My private words" not in people.stdout
    bad = runner.invoke(app, ["audit", "--since", "yesterday"])
    assert bad.exit_code != 0 and "YYYY-MM-DD" in bad.output


def test_retention_erases_a_departed_patients_data_and_keeps_the_trail(
    folder: Path, seeded: ManualClock
) -> None:
    with _engine(folder) as db:
        patient = db.get(Patient, 1)
        assert patient is not None
        consent.withdraw(db, seeded, patient)  # 35 days ago, by the seeded clock
        db.commit()  # the test is the use case's edge
    assert (
        runner.invoke(app, ["clinic", "set-retention", "30", "--clinic", "ottawa"]).exit_code == 0
    )
    dry = runner.invoke(app, ["retention", "run", "--dry-run", "--json"])
    assert [d["patient"] for d in json.loads(dry.stdout)["due"]] == ["P-1"]
    with _engine(folder) as db:
        assert db.exec(select(ThreadMessage)).all()  # a dry run erases nothing
    done = runner.invoke(app, ["retention", "run"])
    assert done.exit_code == 0 and "Erased 1 patient record(s)" in done.stdout
    with _engine(folder) as db:
        erased = db.get(Patient, 1)
        kept = db.get(Patient, 2)
        assert erased is not None and erased.onboarding_step == "erased"
        assert erased.telegram_user_id == -1
        assert kept is not None and kept.onboarding_step == OnboardingStep.ENROLLED
        assert db.exec(select(ThreadMessage)).all() == []
        assert db.exec(select(ExerciseSession)).all() == []
        trail = [a.action for a in db.exec(select(AuditEvent).where(AuditEvent.patient_id == 1))]
        assert "patient.view" in trail and trail[-1] == "patient.erased"
        assert [c.decision for c in db.exec(select(ConsentRecord))] == ["withdrawn"]
    again = runner.invoke(app, ["retention", "run"])
    assert "Erased 0 patient record(s)" in again.stdout
    bad = runner.invoke(app, ["clinic", "set-retention", "forever", "--clinic", "ottawa"])
    assert bad.exit_code != 0 and "number of days" in bad.output


def test_retention_erases_the_words_that_raised_an_alert_and_every_unsent_copy_of_them(
    folder: Path, seeded: ManualClock, content: Content
) -> None:
    words = 'I have chest pain & my arm is "heavy"'
    with _engine(folder) as db:
        patient = db.get(Patient, 1)
        assert patient is not None
        sent = alerts.raise_alert(
            db, seeded, content, patient, level=AlertLevel.EMERGENCY, reason="signs",
            words=words, signs=["chest-pain"], source="text",
        )  # fmt: skip
        assert sent and all(words.replace("&", "&amp;") in m.text for m in sent)
        outbox.enqueue(db, seeded, [*sent, Message(patient.chat_id, "Your clinician wrote.")])
        db.commit()  # the test is the use case's edge
        (unsent,) = db.exec(select(DueWork).where(DueWork.subject_id == sent[0].chat_id)).all()
        unsent.status = WorkStatus.DEAD  # dead-lettered for an admin: its payload kept
        db.add(unsent)
        consent.withdraw(db, seeded, patient)
        db.commit()
    retention = ["clinic", "set-retention", "30", "--clinic", "ottawa"]
    assert runner.invoke(app, retention).exit_code == 0
    assert runner.invoke(app, ["retention", "run"]).exit_code == 0
    with _engine(folder) as db:
        assert db.exec(select(Alert)).all() == []  # the alert, and its words with it
        payloads = [row.payload or "" for row in db.exec(select(DueWork)).all()]
        assert not [p for p in payloads if "chest pain" in p or "Your clinician wrote" in p]
