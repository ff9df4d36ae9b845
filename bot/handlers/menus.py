"""The command menus Telegram shows: one for patients per language, one per staff chat."""

from __future__ import annotations

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.ext import Application

from bot.content import Content
from bot.db.models import StaffRole
from bot.handlers.context import DEPS_KEY, Deps
from bot.services.patients import linked_staff
from bot.services.staff.desk import ADMIN_ONLY, CLEARANCE_COMMANDS, STAFF_COMMANDS

PATIENT_MENU = (
    "today",
    "warning",
    "correct",
    "settings",
    "pause",
    "resume",
    "mydata",
    "help",
    "stop",
)


async def publish_menus(application: Application) -> None:  # type: ignore[type-arg]
    """At start-up: the patients' menu in every language, and each linked staff member's."""
    found = application.bot_data[DEPS_KEY]
    assert isinstance(found, Deps)
    content = found.content
    for lang in content.languages:
        commands = [
            BotCommand(name, content.render(lang, f"command_{name}")) for name in PATIENT_MENU
        ]
        language_code = None if lang == content.default_language else lang
        await application.bot.set_my_commands(commands, language_code=language_code)
    with found.open_db() as db:
        staff = linked_staff(db)
    for member in staff:
        assert member.telegram_user_id is not None
        await publish_staff_menu(
            application.bot, content, member.telegram_user_id, member.role, member.language
        )


async def publish_staff_menu(
    bot: Bot, content: Content, chat_id: int, role: str, lang: str
) -> None:
    """A staff member's own menu: clinicians see their tools, admins see everything."""
    if role == StaffRole.ADMIN:
        names = ["patient", "alerts", *STAFF_COMMANDS]  # admins read no messages: no /inbox
    else:
        names = [n for n in STAFF_COMMANDS if n not in ADMIN_ONLY]
        names += ["patient", "alerts", "inbox", "digest", *CLEARANCE_COMMANDS, "threshold"]
    commands = [
        BotCommand(name, content.render(lang, f"command_{name}")) for name in [*names, "help"]
    ]
    await bot.set_my_commands(commands, scope=BotCommandScopeChat(chat_id))
