"""A whole PTB ``Application`` (long polling, handlers) runs unmodified against the emulator."""

from __future__ import annotations

from emulator_helpers import PATIENT, TOKEN
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from emulator import EmulatorServer, World


async def _start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_chat is not None
    button = InlineKeyboardButton("Done", callback_data="done")
    await context.bot.send_message(
        update.effective_chat.id, "Welcome!", reply_markup=InlineKeyboardMarkup([[button]])
    )


async def _done(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer("Great")
    await query.edit_message_text("Well done!")


async def test_polling_application_handles_a_command_and_a_button(
    server: EmulatorServer, world: World
) -> None:
    application = Application.builder().token(TOKEN).base_url(f"{server.base_url}/bot").build()
    application.add_handler(CommandHandler("start", _start))
    application.add_handler(CallbackQueryHandler(_done))

    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0.0, timeout=5)

        await world.send_text(PATIENT, "/start")
        welcome = await world.wait_for_bot_message(PATIENT, predicate=lambda m: bool(m.buttons))
        before_press = world.version
        query_id = await world.press_button(PATIENT, welcome.message_id, data="done")
        answer = await world.wait_for_callback_answer(query_id)
        edited = await world.wait_for_edit(PATIENT, welcome.message_id, since_version=before_press)

        await application.updater.stop()
        await application.stop()

    assert (welcome.text, edited.text, answer.text) == ("Welcome!", "Well done!", "Great")
    assert [r.method for r in world.requests][:2] == ["getMe", "deleteWebhook"]
