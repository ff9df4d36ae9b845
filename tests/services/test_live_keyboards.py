"""The keyboards on screen in a chat: the newest few, each with the message it is under."""

from __future__ import annotations

from sqlmodel import Session, func, select

from bot.clock import ManualClock
from bot.db.models import ShownKeyboard
from bot.services import keyboards, outbox
from bot.services.outgoing import Button, Message

CHAT = 4242


def _send(db: Session, clock: ManualClock, *labels: str) -> list[int]:
    """One message per label, each with its one button; their keyboards' row ids."""
    messages = [
        Message(CHAT, label, ((Button(label, f"done:{n}"),),)) for n, label in enumerate(labels)
    ]
    outbox.enqueue(db, clock, messages)
    db.commit()
    return [k.id for k in keyboards.live(db, CHAT)]


def test_every_message_with_buttons_is_a_live_keyboard_newest_first(
    db: Session, clock: ManualClock
) -> None:
    _send(db, clock, "first", "second")
    assert [k.buttons for k in keyboards.live(db, CHAT)] == [
        [("second", "done:1")],
        [("first", "done:0")],
    ]
    assert keyboards.shown(db, CHAT) == [("second", "done:1")]  # the newest


def test_only_the_newest_few_are_kept_per_chat(db: Session, clock: ManualClock) -> None:
    for n in range(3):
        _send(db, clock, *(f"k{n}-{i}" for i in range(4)))
    live = keyboards.live(db, CHAT)
    assert len(live) == keyboards.KEPT
    assert live[0].buttons == [("k2-3", "done:3")]
    stored = db.exec(select(func.count()).select_from(ShownKeyboard)).one()
    assert stored <= keyboards.KEPT + 4  # the newest few, and one reply's own at most


def test_the_message_id_is_recorded_once_sent_and_a_pressed_one_is_forgotten_by_it(
    db: Session, clock: ManualClock
) -> None:
    first, second = reversed(_send(db, clock, "first", "second"))
    keyboards.sent(db, [(first, 101), (second, 102)])
    db.commit()
    assert [k.message_id for k in keyboards.live(db, CHAT)] == [102, 101]
    keyboards.forget(db, CHAT, 101)
    db.commit()
    assert [k.message_id for k in keyboards.live(db, CHAT)] == [102]


def test_dropping_one_actions_buttons_keeps_the_rest_of_the_keyboard(
    db: Session, clock: ManualClock
) -> None:
    rows = ((Button("Start ▶️", "go:1"),), (Button("In 30 min", "snz:30"),))
    outbox.enqueue(db, clock, [Message(CHAT, "session", rows)])
    (row,) = keyboards.live(db, CHAT)
    keyboards.sent(db, [(row.id, 7)])
    db.commit()
    assert keyboards.drop(db, CHAT, "snz", 7) == ((("Start ▶️", "go:1"),),)
    db.commit()
    assert keyboards.shown(db, CHAT) == [("Start ▶️", "go:1")]


def test_a_tapped_keyboard_whose_message_id_is_not_known_yet_is_found_by_its_button(
    db: Session, clock: ManualClock
) -> None:
    _send(db, clock, "first", "second")
    keyboards.forget(db, CHAT, 555, "done:0")  # "first"'s message id was never recorded
    db.commit()
    assert [k.buttons for k in keyboards.live(db, CHAT)] == [[("second", "done:1")]]
