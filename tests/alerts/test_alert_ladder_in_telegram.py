"""The ladder end to end: the real bot on the emulator, the real tick, an injected clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from alert_ward import DESK, LEE, PAT, ROY
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import Alert, AlertEvent, AuditEvent, Patient
from bot.demo import Conversation, live_bot
from bot.jobs import build_tick
from bot.rules.levels import AlertLevel
from bot.services.alerts import raising as alerts
from emulator.records import BotMessage
from emulator.world import World
from scheduler import Tick

DVT = "Calf pain with swelling, warmth or redness on one side"
DVT_BUTTON = "Swollen, painful calf"  # its short checklist button (the sign in full above)


async def _later(clock: ManualClock, tick: Tick, **delta: float) -> None:
    clock.advance(timedelta(**delta))
    await tick()


async def _press(world: World, user_id: int, message: BotMessage, label: str) -> None:
    data = next(d for text, d in message.buttons_flat() if text.startswith(label))
    await world.press_button(user_id, message.message_id, data=data)


async def test_nobody_acknowledges_until_the_admin_who_then_resolves_with_a_full_audit_trail(
    world: World, engine: Engine, clock: ManualClock, seeded: dict[str, int], bot: Tick
) -> None:
    world.add_user(LEE, started=True)
    talk = Conversation(world)
    (checklist,) = await talk.send(PAT, "/warning", "patient")
    lee_after = world.last_message_id(LEE)
    advice, told = await talk.press(PAT, checklist, DVT_BUTTON, "patient", replies=2)
    assert "clinic today" in (advice.text or "") and "told your clinician" in (told.text or "")
    (to_lee,) = await talk.expect(LEE, lee_after, 1, "clinician")
    assert "URGENT" in (to_lee.text or "")

    roy_after, desk_after = world.last_message_id(ROY), world.last_message_id(DESK)
    await _later(clock, bot, minutes=14)
    assert world.last_message_id(ROY) == roy_after  # the clinician still has a minute
    await _later(clock, bot, minutes=1)
    (to_roy,) = await talk.expect(ROY, roy_after, 1, "backup")
    assert "Not acknowledged yet" in (to_roy.text or "")
    await _later(clock, bot, minutes=15)
    (to_desk,) = await talk.expect(DESK, desk_after, 1, "admin")

    pat_after = world.last_message_id(PAT)
    await _press(world, DESK, to_desk, "Acknowledge")
    (seen,) = await talk.expect(PAT, pat_after, 1, "patient")
    assert "The clinic has seen" in (seen.text or "")  # the admin acknowledged
    desk_after = world.last_message_id(DESK)
    await _press(world, DESK, to_desk, "Resolve")
    (question,) = await talk.expect(DESK, desk_after, 1, "admin")
    assert "type it now" in (question.text or "")
    (saved,) = await talk.send(DESK, "Spoke to the patient; GP today.", "admin")
    assert "Note saved" in (saved.text or "")
    await _later(clock, bot, hours=12)
    assert world.last_message_id(DESK) == saved.message_id  # nothing more once resolved

    with Session(engine) as db:
        alert = db.exec(select(Alert)).one()
        assert alert.state == "resolved" and alert.note == "Spoke to the patient; GP today."
        trail = db.exec(
            select(AlertEvent).where(AlertEvent.alert_id == alert.id).order_by(col(AlertEvent.id))
        ).all()
        lee, roy, desk = seeded["dr-lee"], seeded["dr-roy"], seeded["front-desk"]
        assert [(e.state, e.step, e.actor_staff_id or e.target_staff_id) for e in trail] == [
            ("open", None, None),
            ("notified", 0, lee),  # the reply's own send, confirmed by delivery
            ("notified", 1, roy),
            ("notified", 2, desk),
            ("acknowledged", None, desk),
            ("resolved", None, desk),
            ("noted", None, desk),
        ]
        assert [e.at for e in trail] == sorted(e.at for e in trail)
        actions = [a.action for a in db.exec(select(AuditEvent).where(AuditEvent.staff_id == desk))]
        assert actions == ["alert.acknowledge", "alert.resolve", "alert.note"]


async def test_a_403_from_the_clinician_sends_the_alert_to_the_backup_without_waiting(
    world: World, clock: ManualClock, bot: Tick
) -> None:
    world.add_user(LEE)  # dr-lee has not started the bot: every message to them is a 403
    talk = Conversation(world)
    (checklist,) = await talk.send(PAT, "/warning", "patient")
    roy_after, desk_after = world.last_message_id(ROY), world.last_message_id(DESK)
    await talk.press(PAT, checklist, DVT_BUTTON, "patient", replies=2)
    await _later(clock, bot, seconds=0)  # the very next tick: no waiting for the re-send check
    (to_roy,) = await talk.expect(ROY, roy_after, 1, "backup")
    (notice,) = await talk.expect(DESK, desk_after, 1, "admin")
    assert "P-1" in (to_roy.text or "") and "dr-lee" in (notice.text or "")


async def test_an_alert_committed_before_a_crash_is_delivered_after_the_restart(
    world: World, engine: Engine, clock: ManualClock, content: Content, seeded: dict[str, int]
) -> None:
    world.add_user(LEE, started=True)
    with Session(engine) as db:  # committed; the process dies before sending anything
        patient = db.exec(select(Patient)).one()
        alerts.raise_alert(
            db, clock, content, patient, level=AlertLevel.URGENT, reason="pain_high", pain=9
        )
        db.commit()  # the test is the use case's edge
    lee_after = world.last_message_id(LEE)
    async with live_bot(world, engine, clock, content) as (_, application):
        await _later(clock, build_tick(application), seconds=60)
        (to_lee,) = await Conversation(world).expect(LEE, lee_after, 1, "clinician")
    assert "9/10" in (to_lee.text or "")


def _speaks(world: World, engine: Engine, lang: str) -> None:
    """dr-lee has started the bot; the patient reads the bot in ``lang``."""
    world.add_user(LEE, started=True)
    with Session(engine) as db:
        patient = db.exec(select(Patient)).one()
        patient.language = lang
        db.add(patient)
        db.commit()


@pytest.mark.parametrize(
    ("lang", "text", "advice"),
    [
        ("en", "I have chest pain and I feel sweaty", "Call 911"),
        ("fr", "j'ai une douleur à la poitrine", "Appelez le 911"),
    ],
)
async def test_typed_chest_pain_gets_911_first_in_the_patients_language(
    lang: str, text: str, advice: str, world: World, engine: Engine, bot: Tick
) -> None:
    _speaks(world, engine, lang)
    talk = Conversation(world)
    lee_after = world.last_message_id(LEE)
    first, _ = await talk.send(PAT, text, "patient", replies=2)
    assert advice in (first.text or "")
    (to_lee,) = await talk.expect(LEE, lee_after, 1, "clinician")
    # the card shows the patient's own words, escaped once (an apostrophe stays one)
    assert "EMERGENCY" in (to_lee.text or "") and f"“{text}”" in (to_lee.text or "")


@pytest.mark.parametrize(
    ("lang", "text", "question"),
    [
        ("en", "no chest pain but my knee is sore", "Is this happening to you now?"),
        pytest.param(
            "fr",
            "je ne pense pas être tombé",
            "Est-ce que cela vous arrive maintenant?",
            marks=pytest.mark.xfail(
                strict=True,
                reason="known false alarm since corpus round 5: the classifier reads 'pense' "
                "as self-harm (p=0.41 at doubt 0.40), so the 9-8-8 line comes with the "
                "fall question; a retrain with 'je pense' look-alikes lost 2 emergencies "
                "on held-out 2, so it waits for thresholds chosen again",
            ),
        ),
    ],
)
async def test_a_negated_or_doubtful_sign_is_confirmed_with_yes_and_no(
    lang: str, text: str, question: str, world: World, engine: Engine, bot: Tick
) -> None:
    _speaks(world, engine, lang)
    talk = Conversation(world)
    (asked,) = await talk.send(PAT, text, "patient")
    assert question in (asked.text or "") and len(asked.buttons_flat()) == 2
    lee_after = world.last_message_id(LEE)
    yes = asked.buttons_flat()[0][0]
    await talk.press(PAT, asked, yes, "patient", replies=2)
    await talk.expect(LEE, lee_after, 1, "clinician")
