"""The emulator's Telegram-like limits: 30 new messages a second, one a second per chat."""

from __future__ import annotations

from emulator.limits import Limits


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_strict_window_refuses_the_31st_message_within_one_second() -> None:
    clock = Clock()
    limits = Limits(model="window", chat_interval=0.0, clock=clock)
    for chat in range(30):
        assert limits.admit("sendMessage", chat) is None
        clock.now += 0.01
    assert limits.admit("sendMessage", 99) == 1  # retry after 1 s
    clock.now = 101.0  # the first left the window
    assert limits.admit("sendMessage", 99) is None
    assert limits.refused == 1


def test_a_token_bucket_lets_a_burst_of_30_through_then_refills_evenly() -> None:
    clock = Clock()
    limits = Limits(model="bucket", chat_interval=0.0, clock=clock)
    assert all(limits.admit("sendMessage", chat) is None for chat in range(30))
    assert limits.admit("sendMessage", 31) is not None
    clock.now += 1 / 30
    assert limits.admit("sendMessage", 32) is None


def test_one_chat_gets_one_new_message_a_second_but_edits_and_answers_pass() -> None:
    clock = Clock()
    limits = Limits(clock=clock)
    assert limits.admit("sendMessage", 4242) is None
    assert limits.admit("sendPhoto", 4242) == 1
    assert limits.admit("editMessageText", 4242) is None
    assert limits.admit("answerCallbackQuery", None) is None
    assert limits.admit("sendMessage", 5151) is None  # another chat is not held back
    clock.now += 1.0
    assert limits.admit("sendMessage", 4242) is None


def test_latency_is_split_between_the_way_in_and_the_way_back() -> None:
    limits = Limits(latency=(0.04, 0.08), seed=3)
    legs = [limits.transit() for _ in range(200)]
    assert min(legs) >= 0.02 and max(legs) <= 0.04
    assert Limits().transit() == 0.0
