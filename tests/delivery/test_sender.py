"""The one sender: Telegram's limits without a burst, alerts first, 429s pause only what
they must. Every test runs on a fake clock: sleeping moves it, nothing really waits."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.sender import Priority, Sender, lane


class FakeTime:
    """A clock that sleeping advances. A sleep first lets the other tasks run (those just
    granted make their call at the current time), then moves the clock."""

    def __init__(self) -> None:
        self.now = 1000.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        for _ in range(5):
            await asyncio.sleep(0)
        self.now += max(seconds, 0.0)


class Recorder:
    """The Bot API as the sender sees it: records when each call was made."""

    def __init__(self, time: FakeTime) -> None:
        self.time = time
        self.calls: list[tuple[float, str, int | None, str]] = []
        self.refuse: dict[tuple[str, int | None], int] = {}  # (label, chat) -> 429s to give
        self.five_made = asyncio.Event()

    def callback(
        self, label: str, chat: int | None, endpoint: str
    ) -> Callable[[], Coroutine[Any, Any, bool]]:
        async def call() -> bool:
            left = self.refuse.get((label, chat), 0)
            if left:
                self.refuse[(label, chat)] = left - 1
                self.calls.append((self.time.now, label, chat, "429"))
                raise RetryAfter(timedelta(seconds=5))
            self.calls.append((self.time.now, label, chat, endpoint))
            if len(self.calls) >= 5:
                self.five_made.set()
            return True

        return call


@pytest.fixture
def time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def sender(time: FakeTime) -> Sender:
    return Sender(clock=time.clock, sleep=time.sleep)


async def send(
    sender: Sender,
    recorder: Recorder,
    label: str,
    chat: int | None,
    priority: Priority = Priority.ANSWER,
    endpoint: str = "sendMessage",
) -> Any:
    data: dict[str, Any] = {"text": label} if chat is None else {"chat_id": chat, "text": label}
    return await sender.process_request(
        recorder.callback(label, chat, endpoint), (), {}, endpoint, data, lane(priority)
    )


def ok_calls(recorder: Recorder) -> list[tuple[float, str, int | None, str]]:
    return [call for call in recorder.calls if call[3] != "429"]


async def test_a_broadcast_keeps_30_a_second_without_any_burst(
    sender: Sender, time: FakeTime
) -> None:
    recorder = Recorder(time)
    start = time.now
    await asyncio.gather(*(send(sender, recorder, f"m{i}", 10_000 + i) for i in range(300)))
    moments = [at for at, *_ in recorder.calls]
    assert len(moments) == 300
    gaps = [b - a for a, b in itertools.pairwise(moments)]
    assert min(gaps) >= 1 / 30 - 1e-9  # never two at once: no opening burst
    for i, at in enumerate(moments):  # any 1-second window holds at most 30
        assert sum(1 for other in moments[i:] if other < at + 1.0) <= 30
    rate = 299 / (moments[-1] - start)
    assert rate >= 0.95 * 30


async def test_one_chat_gets_one_message_a_second_after_a_short_burst_and_never_blocks_others(
    sender: Sender, time: FakeTime
) -> None:
    recorder = Recorder(time)
    await asyncio.gather(
        *(send(sender, recorder, f"pat{i}", 4242) for i in range(6)),
        *(send(sender, recorder, f"other{i}", 5000 + i) for i in range(20)),
    )
    same_chat = [at for at, label, chat, _ in recorder.calls if chat == 4242]
    burst = sender.chat_burst
    assert same_chat[burst - 1] - same_chat[0] < 0.5  # a short reply is not held back
    assert same_chat[burst] - same_chat[0] >= 1.0 - 1e-9
    after_burst = same_chat[burst:]
    assert all(b - a >= 1.0 - 1e-9 for a, b in itertools.pairwise(after_burst))
    others = [at for at, label, chat, _ in recorder.calls if chat != 4242]
    assert max(others) < same_chat[-1]  # the other chats did not queue behind chat 4242


async def test_a_strict_sender_never_sends_two_messages_to_a_chat_within_a_second(
    time: FakeTime,
) -> None:
    strict = Sender(clock=time.clock, sleep=time.sleep, chat_burst=1)
    recorder = Recorder(time)
    await asyncio.gather(*(send(strict, recorder, f"pat{i}", 4242) for i in range(4)))
    moments = [at for at, *_ in recorder.calls]
    assert all(b - a >= 1.0 - 1e-9 for a, b in itertools.pairwise(moments))


async def test_edits_and_answers_to_a_chat_do_not_count_as_new_messages(
    time: FakeTime,
) -> None:
    strict = Sender(clock=time.clock, sleep=time.sleep, chat_burst=1)
    recorder = Recorder(time)
    await send(strict, recorder, "question", 4242)
    await send(strict, recorder, "tidy", 4242, endpoint="editMessageReplyMarkup")
    (_, first), (_, second) = [(label, at) for at, label, *_ in recorder.calls]
    assert second - first < 0.1


async def test_an_alert_goes_before_every_scheduled_send_already_waiting(
    sender: Sender, time: FakeTime
) -> None:
    recorder = Recorder(time)
    routine = [
        asyncio.create_task(send(sender, recorder, f"reminder{i}", 100 + i, Priority.SCHEDULED))
        for i in range(60)
    ]
    await asyncio.sleep(0)  # the reminders are queued first
    await recorder.five_made.wait()  # the broadcast is under way
    queued_after = len(recorder.calls)
    await asyncio.gather(
        send(sender, recorder, "ALERT", 9, Priority.ALERT),
        send(sender, recorder, "answer", 8, Priority.ANSWER),
    )
    await asyncio.gather(*routine)
    order = [label for _, label, *_ in recorder.calls]
    alert_at, answer_at = order.index("ALERT"), order.index("answer")
    assert alert_at <= queued_after + 1  # the next slot or the one after: never the queue
    assert answer_at == alert_at + 1  # then the answer, before every waiting reminder
    assert order.index("reminder59") > answer_at


async def test_a_429_for_one_chat_pauses_that_chat_only(sender: Sender, time: FakeTime) -> None:
    recorder = Recorder(time)
    recorder.refuse[("flooded", 4242)] = 1
    start = time.now
    await asyncio.gather(
        send(sender, recorder, "flooded", 4242),
        *(send(sender, recorder, f"other{i}", 5000 + i) for i in range(20)),
    )
    others = [at for at, label, chat, _ in ok_calls(recorder) if chat != 4242]
    retried = next(at for at, label, chat, _ in ok_calls(recorder) if chat == 4242)
    assert max(others) < start + 1.0  # the other chats carried on at once
    assert retried >= start + 5.0  # the flooded chat waited what Telegram asked


async def test_429s_for_two_chats_at_once_pause_every_send(sender: Sender, time: FakeTime) -> None:
    recorder = Recorder(time)
    recorder.refuse[("a", 1)] = 1
    recorder.refuse[("b", 2)] = 1
    start = time.now
    await asyncio.gather(
        send(sender, recorder, "a", 1),
        send(sender, recorder, "b", 2),
        *(send(sender, recorder, f"later{i}", 100 + i) for i in range(3)),
    )
    refused_at = max(at for at, *_, outcome in recorder.calls if outcome == "429")
    after = [at for at, label, *_ in ok_calls(recorder) if at > refused_at]
    assert after and min(after) >= refused_at + 5.0 - 1e-9
    assert time.now - start >= 5.0


async def test_a_call_refused_more_often_than_the_retries_allow_raises(time: FakeTime) -> None:
    sender = Sender(clock=time.clock, sleep=time.sleep, max_retries=2)
    recorder = Recorder(time)
    recorder.refuse[("stubborn", 7)] = 3
    with pytest.raises(RetryAfter):
        await send(sender, recorder, "stubborn", 7)
    assert [outcome for *_, outcome in recorder.calls] == ["429", "429", "429"]


async def test_get_updates_is_never_held_back(sender: Sender, time: FakeTime) -> None:
    recorder = Recorder(time)
    await asyncio.gather(*(send(sender, recorder, f"m{i}", 100 + i) for i in range(5)))
    before = time.now
    await send(sender, recorder, "poll", None, endpoint="getUpdates")
    assert time.now == before


async def test_a_cancelled_call_leaves_the_queue_and_the_rest_carry_on(
    sender: Sender, time: FakeTime
) -> None:
    recorder = Recorder(time)
    waiting = [asyncio.create_task(send(sender, recorder, f"m{i}", 100 + i)) for i in range(10)]
    await asyncio.sleep(0)
    waiting[5].cancel()
    results = await asyncio.gather(*waiting, return_exceptions=True)
    assert isinstance(results[5], asyncio.CancelledError)
    assert len(recorder.calls) == 9
    await sender.shutdown()
