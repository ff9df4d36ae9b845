"""Exercise pictures in the chat: uploaded once per bot, an album for the one-message form,
and none for a patient who chose text only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from session_people import Clinic
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import MediaUpload
from bot.demo import DEMO_TOKEN, Conversation, live_bot
from bot.media import cache
from emulator.errors import UploadedFile
from emulator.world import World

NURSE = 1001


@pytest.fixture
def world(api_schema_path: Path) -> World:
    world = World(token=DEMO_TOKEN, schema_path=api_schema_path)
    world.add_user(NURSE, "Lee", started=True)
    return world


@pytest.fixture
def clinic(engine: Engine, clock: ManualClock, content: Content) -> Clinic:
    from session_people import clinic_with_two_clinicians, enrolled_patient

    with Session(engine, expire_on_commit=False) as db:
        lee, roy = clinic_with_two_clinicians(db, clock)
        patient = enrolled_patient(db, clock, content, lee, 2001)
        other = enrolled_patient(db, clock, content, lee, 2002, language="fr")
    return Clinic(lee, roy, patient, other)


def _animations(world: World) -> list[object]:
    return [r.params["animation"] for r in world.requests if r.method == "sendAnimation"]


async def test_a_drawing_is_uploaded_once_then_sent_by_its_file_id(
    world: World, engine: Engine, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    async with live_bot(world, engine, clock, content):
        talk = Conversation(world)
        (overview,) = await talk.send(2001, "/today", "patient")
        (first,) = await talk.press(2001, overview, "Start ▶️", "patient")
        (overview_fr,) = await talk.send(2002, "/today", "patient")
        (first_fr,) = await talk.press(2002, overview_fr, "Commencer ▶️", "patient")
    uploaded, reused = _animations(world)
    assert isinstance(uploaded, UploadedFile) and uploaded.filename.startswith("sit-to-stand-1-")
    assert reused == first.raw["animation"]["file_id"] == first_fr.raw["animation"]["file_id"]
    assert "Picture: A person sitting on a chair" in (first.text or "")
    assert "Image : Une personne assise sur une chaise" in (first_fr.text or "")
    with Session(engine) as db:
        (row,) = db.exec(select(MediaUpload)).all()
    assert (row.kind, row.file_id) == ("animation", reused)


async def test_a_refused_file_id_is_forgotten_and_the_file_uploaded_again(
    world: World, engine: Engine, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    async with live_bot(world, engine, clock, content):
        talk = Conversation(world)
        (overview,) = await talk.send(2001, "/today", "patient")
        await talk.press(2001, overview, "Start ▶️", "patient")
        world.files.clear()  # as if Telegram no longer knew the file
        (overview_fr,) = await talk.send(2002, "/today", "patient")
        (first_fr,) = await talk.press(2002, overview_fr, "Commencer ▶️", "patient")
    assert first_fr.kind == "animation"
    first, refused, again = _animations(world)
    assert isinstance(first, UploadedFile) and isinstance(refused, str)
    assert isinstance(again, UploadedFile)
    with Session(engine) as db:
        (row,) = db.exec(select(MediaUpload)).all()
    assert row.file_id == first_fr.raw["animation"]["file_id"]


async def test_all_in_one_message_comes_with_an_album_of_the_days_stills(
    world: World, engine: Engine, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    async with live_bot(world, engine, clock, content):
        talk = Conversation(world)
        (overview,) = await talk.send(2001, "/today", "patient")
        *album, compact = await talk.press(
            2001, overview, "All in one message", "patient", replies=4
        )
    assert [m.kind for m in album] == ["photo", "photo", "photo"]
    assert len({m.raw["media_group_id"] for m in album}) == 1
    assert album[0].text == "A person sitting on a chair, then standing up in front of it"
    assert all(m.text for m in album)  # every picture keeps its alt text
    assert compact.kind == "text" and "Today's exercises" in (compact.text or "")
    assert [r.method for r in world.requests].count("sendMediaGroup") == 1


async def test_text_only_in_settings_sends_the_exercises_without_pictures(
    world: World, engine: Engine, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    async with live_bot(world, engine, clock, content):
        talk = Conversation(world)
        (menu,) = await talk.send(2001, "/settings", "patient")
        (question,) = await talk.press(2001, menu, "Pictures", "patient")
        assert "less mobile data" in (question.text or "")
        (saved,) = await talk.press(2001, question, "Text only", "patient")
        assert "text only" in (saved.text or "")
        (overview,) = await talk.send(2001, "/today", "patient")
        (first,) = await talk.press(2001, overview, "Start ▶️", "patient")
        (menu,) = await talk.send(2001, "/settings", "patient")
        (question,) = await talk.press(2001, menu, "Pictures", "patient")
        await talk.press(2001, question, "Pictures on", "patient")
        (second,) = await talk.press(2001, first, "Done ✅", "patient")
    assert first.kind == "text" and "1 of 3. Sit to stand" in (first.text or "")
    assert "Picture:" not in (first.text or "")
    assert second.kind == "animation"
    assert not _animations(world)[:-1]  # only the step after "Pictures on" had one


async def test_a_picture_that_cannot_be_made_still_sends_the_step_as_text(
    world: World,
    engine: Engine,
    clock: ManualClock,
    content: Content,
    clinic: Clinic,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def disk_full(*_: object) -> Path:
        raise OSError("No space left on device")

    monkeypatch.setattr(cache, "ensure", disk_full)
    async with live_bot(world, engine, clock, content):
        talk = Conversation(world)
        (overview,) = await talk.send(2001, "/today", "patient")
        (first,) = await talk.press(2001, overview, "Start ▶️", "patient")
        (overview_fr,) = await talk.send(2002, "/today", "patient")
        (compact,) = await talk.press(2002, overview_fr, "Tout dans un message", "patient")
    assert first.kind == "text" and "1 of 3. Sit to stand" in (first.text or "")
    assert [label for label, _ in first.buttons_flat()][:2] == ["Done ✅", "Did part of it"]
    assert compact.kind == "text" and "Terminé" in str(compact.buttons_flat())
    assert not [r for r in world.requests if r.method in ("sendAnimation", "sendMediaGroup")]


async def test_the_second_album_sends_the_stills_by_the_file_ids_of_the_first(
    world: World, engine: Engine, clock: ManualClock, content: Content, clinic: Clinic
) -> None:
    async with live_bot(world, engine, clock, content):
        talk = Conversation(world)
        albums_seen = []
        for chat, lang in ((2001, "en"), (2002, "fr")):
            (overview,) = await talk.send(chat, "/today", "patient")
            label = content.label(lang, "format_compact")
            *album, _compact = await talk.press(chat, overview, label, "patient", replies=4)
            albums_seen.append(album)
    first_ids = [m.raw["photo"][-1]["file_id"] for m in albums_seen[0]]
    albums = [r.params["media"] for r in world.requests if r.method == "sendMediaGroup"]
    assert len(albums) == 2
    uploaded, reused = (_media_of(album) for album in albums)
    assert all(str(m).startswith("attach://") for m in uploaded)  # the first: files
    assert reused == first_ids  # the second: the ids Telegram gave, nothing uploaded again
    with Session(engine) as db:
        assert len(db.exec(select(MediaUpload)).all()) == 3


def _media_of(album: object) -> list[object]:
    items = json.loads(album) if isinstance(album, str) else album
    assert isinstance(items, list)
    return [item["media"] for item in items]
