"""A real, unmodified python-telegram-bot ``Bot`` works against the emulator."""

from __future__ import annotations

import datetime as dtm

import pytest
import telegram
from emulator_helpers import NOW, PATIENT
from telegram import BotCommand, BotCommandScopeChat, InlineKeyboardButton, InlineKeyboardMarkup

from emulator import World

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x80\x00\x00\x01\xe0"


def keyboard(*labels: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(x, callback_data=x.lower())] for x in labels]
    )


@pytest.fixture(autouse=True)
def patient(world: World) -> None:
    world.add_user(PATIENT, first_name="Alex", language_code="de", started=True)


async def test_get_me_describes_the_configured_bot(bot: telegram.Bot) -> None:
    me = await bot.get_me()

    assert (me.username, me.is_bot, me.can_join_groups) == ("rehab_companion_bot", True, True)


async def test_send_message_with_keyboard_is_stored_and_returned(
    bot: telegram.Bot, world: World
) -> None:
    sent = await bot.send_message(PATIENT, "Ready?", reply_markup=keyboard("Yes", "No"))

    assert sent.text == "Ready?"
    assert sent.date == dtm.datetime.fromtimestamp(NOW, dtm.UTC)
    assert sent.chat.id == PATIENT and sent.chat.type == "private"
    assert sent.from_user is not None and sent.from_user.is_bot
    assert sent.reply_markup == keyboard("Yes", "No")
    [stored] = world.bot_messages(PATIENT)
    assert (stored.message_id, stored.kind, stored.text) == (sent.message_id, "text", "Ready?")
    assert stored.buttons == [[("Yes", "yes")], [("No", "no")]]
    assert stored.buttons_flat() == [("Yes", "yes"), ("No", "no")]


async def test_editing_keeps_the_message_id_and_sets_edit_date(
    bot: telegram.Bot, world: World
) -> None:
    sent = await bot.send_message(PATIENT, "Ready?", reply_markup=keyboard("Yes"))

    edited = await bot.edit_message_text("Done", chat_id=PATIENT, message_id=sent.message_id)

    assert isinstance(edited, telegram.Message)
    assert edited.message_id == sent.message_id
    assert edited.edit_date is not None and edited.reply_markup is None
    [stored] = world.bot_messages(PATIENT)
    assert (stored.text, stored.edited, stored.buttons) == ("Done", True, [])


async def test_editing_only_the_keyboard(bot: telegram.Bot, world: World) -> None:
    sent = await bot.send_message(PATIENT, "Ready?", reply_markup=keyboard("Yes"))

    await bot.edit_message_reply_markup(PATIENT, sent.message_id, reply_markup=keyboard("No"))

    assert world.bot_messages(PATIENT)[0].buttons == [[("No", "no")]]


async def test_editing_without_changes_is_not_modified(bot: telegram.Bot) -> None:
    sent = await bot.send_message(PATIENT, "Ready?", reply_markup=keyboard("Yes"))

    with pytest.raises(telegram.error.BadRequest, match="Message is not modified"):
        await bot.edit_message_text(
            "Ready?", PATIENT, sent.message_id, reply_markup=keyboard("Yes")
        )
    with pytest.raises(telegram.error.BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(PATIENT, sent.message_id, reply_markup=keyboard("Yes"))


async def test_editing_a_missing_message_fails(bot: telegram.Bot) -> None:
    with pytest.raises(telegram.error.BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", chat_id=PATIENT, message_id=99)


async def test_callback_queries_are_answered_once(bot: telegram.Bot, world: World) -> None:
    sent = await bot.send_message(PATIENT, "Ready?", reply_markup=keyboard("Yes"))
    query_id = await world.press_button(PATIENT, sent.message_id, data="yes")

    assert await bot.answer_callback_query(query_id, text="Noted")
    with pytest.raises(telegram.error.BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query_id)

    answer = await world.wait_for_callback_answer(query_id)
    assert (answer.text, answer.user_id, answer.show_alert) == ("Noted", PATIENT, False)
    assert world.callback_answers == [answer]


async def test_a_callback_query_can_be_answered_up_to_15_seconds_after_the_press(
    bot: telegram.Bot, world: World
) -> None:
    now = [NOW]
    world.clock = lambda: now[0]
    sent = await bot.send_message(PATIENT, "Ready?", reply_markup=keyboard("Yes", "No"))
    early = await world.press_button(PATIENT, sent.message_id, data="yes")
    late = await world.press_button(PATIENT, sent.message_id, data="no")

    now[0] += 15
    assert await bot.answer_callback_query(early)
    now[0] += 0.5
    with pytest.raises(telegram.error.BadRequest, match="Query is too old and response timeout"):
        await bot.answer_callback_query(late)

    assert [a.callback_query_id for a in world.callback_answers] == [early]


async def test_deleted_messages_are_flagged_and_cannot_be_deleted_twice(
    bot: telegram.Bot, world: World
) -> None:
    sent = await bot.send_message(PATIENT, "Oops")

    assert await bot.delete_message(PATIENT, sent.message_id)
    with pytest.raises(telegram.error.BadRequest, match="Message to delete not found"):
        await bot.delete_message(PATIENT, sent.message_id)
    assert world.bot_messages(PATIENT)[0].deleted


async def test_send_photo_uploads_bytes_and_returns_photo_sizes(
    bot: telegram.Bot, world: World
) -> None:
    data = PNG_HEADER + bytes(range(256)) * 8 + b"\r\n--\x00\xff"

    sent = await bot.send_photo(PATIENT, data, caption="Knee bend", filename="knee.png")

    biggest = sent.photo[-1]
    assert (biggest.width, biggest.height) == (640, 480)
    assert biggest.file_size == len(data)
    assert world.files[biggest.file_id].data == data
    assert sent.caption == "Knee bend"
    [stored] = world.bot_messages(PATIENT)
    assert (stored.kind, stored.text) == ("photo", "Knee bend")


async def test_a_photo_can_be_resent_by_file_id(bot: telegram.Bot) -> None:
    first = await bot.send_photo(PATIENT, PNG_HEADER)

    again = await bot.send_photo(PATIENT, first.photo[-1].file_id)

    assert again.photo[-1].file_unique_id == first.photo[-1].file_unique_id


GIF_HEADER = b"GIF89a\x40\x01\x40\x01" + bytes(20)


async def test_send_animation_uploads_a_gif_and_returns_an_animation(
    bot: telegram.Bot, world: World
) -> None:
    sent = await bot.send_animation(
        PATIENT,
        GIF_HEADER,
        caption="Sit to stand",
        filename="sit.gif",
        reply_markup=keyboard("Done"),
    )

    assert sent.animation is not None
    assert (sent.animation.width, sent.animation.height) == (320, 320)
    assert world.files[sent.animation.file_id].data == GIF_HEADER
    [stored] = world.bot_messages(PATIENT)
    assert (stored.kind, stored.text, stored.buttons_flat()[0][0]) == (
        "animation",
        "Sit to stand",
        "Done",
    )
    assert world.requests[-1].method == "sendAnimation"


async def test_an_animation_is_resent_by_file_id_without_a_new_file(
    bot: telegram.Bot, world: World
) -> None:
    first = await bot.send_animation(PATIENT, GIF_HEADER, filename="sit.gif")
    files = len(world.files)

    again = await bot.send_animation(PATIENT, first.animation.file_id)

    assert again.animation.file_unique_id == first.animation.file_unique_id
    assert len(world.files) == files


async def test_a_photo_file_id_is_refused_as_an_animation(bot: telegram.Bot) -> None:
    photo = await bot.send_photo(PATIENT, PNG_HEADER)

    with pytest.raises(telegram.error.BadRequest, match="file of type photo as animation"):
        await bot.send_animation(PATIENT, photo.photo[-1].file_id)


async def test_an_album_of_uploaded_and_known_photos_arrives_as_one_group(
    bot: telegram.Bot, world: World
) -> None:
    known = await bot.send_photo(PATIENT, PNG_HEADER)

    sent = await bot.send_media_group(
        PATIENT,
        [
            telegram.InputMediaPhoto(PNG_HEADER, caption="Bridge", filename="bridge.png"),
            telegram.InputMediaPhoto(known.photo[-1].file_id, caption="Pont"),
        ],
    )

    assert [m.caption for m in sent] == ["Bridge", "Pont"]
    assert len({m.media_group_id for m in sent}) == 1 and sent[0].media_group_id
    assert sent[1].photo[-1].file_unique_id == known.photo[-1].file_unique_id
    assert [m.kind for m in world.bot_messages(PATIENT)] == ["photo", "photo", "photo"]


async def test_an_album_needs_two_to_ten_pictures(bot: telegram.Bot) -> None:
    with pytest.raises(telegram.error.BadRequest, match="an album needs 2 to 10"):
        await bot.send_media_group(PATIENT, [telegram.InputMediaPhoto(PNG_HEADER)])


async def test_send_document_keeps_name_size_and_content(bot: telegram.Bot, world: World) -> None:
    sent = await bot.send_document(PATIENT, b"week 1: 3x10", filename="plan.txt")

    document = sent.document
    assert document is not None
    assert (document.file_name, document.file_size) == ("plan.txt", 12)
    assert document.file_id and document.file_unique_id
    assert world.files[document.file_id].data == b"week 1: 3x10"


async def test_a_non_ascii_document_filename_arrives_intact(
    bot: telegram.Bot, world: World
) -> None:
    sent = await bot.send_document(PATIENT, b"%PDF-1.4", filename="exercice-épaule.pdf")

    assert sent.document is not None
    assert sent.document.file_name == "exercice-épaule.pdf"
    assert world.files[sent.document.file_id].filename == "exercice-épaule.pdf"


async def test_commands_are_stored_per_scope_and_language(bot: telegram.Bot, world: World) -> None:
    await bot.set_my_commands([BotCommand("start", "Begin")])
    await bot.set_my_commands(
        [BotCommand("today", "Heute")], scope=BotCommandScopeChat(PATIENT), language_code="de"
    )

    assert await bot.get_my_commands() == (BotCommand("start", "Begin"),)
    assert await bot.get_my_commands(BotCommandScopeChat(PATIENT), "de") == (
        BotCommand("today", "Heute"),
    )
    assert world.commands[("default", "")] == [{"command": "start", "description": "Begin"}]

    await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()


async def test_requests_are_logged_with_coerced_parameters(bot: telegram.Bot, world: World) -> None:
    await bot.send_message(PATIENT, "Hello")

    method, params = world.requests[-1]
    assert method == "sendMessage"
    assert params == {"chat_id": PATIENT, "text": "Hello"}
