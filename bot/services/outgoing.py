"""What a service asks the bot to do in Telegram, as plain data the handlers render."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal


@dataclass(frozen=True)
class Button:
    """An inline button: what it says and the callback data it sends back."""

    label: str
    data: str


@dataclass(frozen=True)
class Drawn:
    """A picture the project draws from an exercise's poses (``bot.media``).

    ``animation`` is the looping GIF, ``still`` the start-and-end picture. The delivery
    takes the file from the media cache, drawing it first if needed.
    """

    exercise_id: str
    level: int
    kind: Literal["animation", "still"]


@dataclass(frozen=True)
class AlbumPicture:
    """One picture of an album: a clinic's file (path, URL or file id) or a drawn still."""

    picture: Drawn | Path | str
    caption: str


@dataclass(frozen=True)
class Document:
    """A file sent with ``sendDocument``: its name as the person sees it, and its bytes."""

    filename: str
    data: bytes


@dataclass(frozen=True)
class Message:
    """A message to send to one chat.

    ``alert_id`` marks the message that notifies a clinician of an alert, so the
    delivery can record that the alert reached them. ``photo`` (a local file, a URL, a
    Telegram file id, or PNG bytes made here) sends the text as that picture's caption;
    ``animation`` does the same with a drawn animation. ``album`` is sent first, as one
    album of pictures with their own captions (an album cannot carry buttons, so the text
    follows it). ``document`` sends a file, with the text as its caption.

    ``thread_message_id`` marks the (last part of the) message that carries a thread
    message to its reader: it counts as delivered only once Telegram accepted it.
    ``needs_previous`` sends this message only if the one before it in the same reply was
    delivered; otherwise ``if_undelivered`` (if any) goes instead, so a confirmation such
    as "Sent" is never shown for a message that did not go out.
    """

    chat_id: int
    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    alert_id: int | None = None
    # The ladder step whose message this is (``escalation.run_step``); ``None``: an alert's
    # first message, sent with the reply that raised it.
    alert_step: int | None = None
    # The alerts a daily digest carries (``escalation.digest_offer``): its delivery records
    # who read them; a reader who cannot be reached passes it to the next.
    digest_of: tuple[int, ...] = ()
    photo: Path | str | bytes | None = None
    animation: Drawn | None = None
    album: tuple[AlbumPicture, ...] = ()
    thread_message_id: int | None = None
    needs_previous: bool = False
    if_undelivered: Message | None = None
    document: Document | None = None  # sent as a file, with the text as its caption
    # An alert's card opened from /alerts: kept once sent (``AlertNotice``), so it is edited
    # when the alert changes, without counting as the ladder's notification.
    card_of: int | None = None
    # The keyboard's row (``keyboards``), set by the outbox: the sender records the id of
    # the message it went out in, so a typed press clears that very message.
    keyboard_id: int | None = None

    @property
    def has_picture(self) -> bool:
        """The text goes out as a caption (1024 characters at most)."""
        return self.photo is not None or self.animation is not None


@dataclass(frozen=True)
class Edit:
    """Replace the text and buttons of a message already sent (an alert whose state moved)."""

    chat_id: int
    message_id: int
    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()


@dataclass(frozen=True)
class KeyboardEdit:
    """Leave only ``buttons`` under a message already sent (none: its keyboard is cleared),
    as a tap on it would: a typed press."""

    chat_id: int
    message_id: int
    buttons: tuple[tuple[Button, ...], ...] = ()


@dataclass(frozen=True)
class Countdown:
    """A timer shown by editing one message: wait ``frames[i][0]`` seconds, then show text."""

    chat_id: int
    frames: tuple[tuple[int, str], ...]
    toast: str | None = None


@dataclass(frozen=True)
class StaffMenu:
    """Show this staff member the command menu for their role."""

    chat_id: int
    role: str
    language: str


@dataclass
class Reply:
    """Everything that answers one update.

    ``toast`` answers a button press; ``clear_buttons`` removes the keyboard from the
    message whose button was pressed, so the same question can't be answered twice;
    ``clear_only`` (an action of ``bot.callbacks``) removes only that action's buttons from
    it and keeps the rest (a snooze press keeps the session's buttons above the snoozes);
    ``staff_menu`` publishes a newly linked staff member's command menu; ``edits`` bring
    messages already sent up to date (after the pressed button's keyboard is cleared);
    ``keyboards`` clear the buttons of the message a typed press pressed, as the tap would;
    ``countdown`` is a timer the typed "start timer" plays after the reply.
    """

    messages: list[Message] = field(default_factory=list)
    toast: str | None = None
    clear_buttons: bool = False
    clear_only: str | None = None
    staff_menu: StaffMenu | None = None
    edits: list[Edit] = field(default_factory=list)
    keyboards: list[KeyboardEdit] = field(default_factory=list)
    countdown: Countdown | None = None

    def send(self, chat_id: int, text: str, *rows: tuple[Button, ...]) -> Reply:
        """Add a message; returns itself so replies read as a sentence."""
        self.messages.append(Message(chat_id, text, tuple(rows)))
        return self


def as_plain_text(text: str) -> str:
    """A message as a person reads it in a terminal: HTML tags removed, entities decoded."""
    return html.unescape(re.sub(r"</?[a-z]+>", "", text))


MAX_TEXT = 4096  # Telegram's limit on a message's text, counted after HTML is parsed


def visible_length(text: str) -> int:
    """How long Telegram counts an HTML message: tags removed, entities as one character."""
    return len(as_plain_text(text))


def split_text(text: str, room: int) -> list[str]:
    """``text`` in pieces of at most ``room`` characters, cut at a line break or a space
    where one is near, so a long message reads as several whole messages."""
    if room < 1:
        raise ValueError("no room for any text")
    pieces: list[str] = []
    rest = text
    while len(rest) > room:
        cut = max(rest.rfind("\n", 0, room + 1), rest.rfind(" ", 0, room + 1))
        if cut < room // 2:  # no break near the end: cut the word
            cut = room
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest or not pieces:
        pieces.append(rest)
    return pieces
