"""Advice texts merged into one message (bot/rules/advice.py)."""

from __future__ import annotations

from bot.rules.advice import merge_advice, sentences


def test_two_emergency_advices_become_one_text_saying_call_911_once() -> None:
    merged = merge_advice(
        [
            "Stop now. Sit or lie down. Call 911 right away. Do not drive yourself.",
            "Stop and call 911 now. Call 911 right away.",
        ]
    )
    assert merged.count("Call 911 right away.") == 1
    assert merged.splitlines() == [
        "Stop now. Sit or lie down. Call 911 right away. Do not drive yourself.",
        "Stop and call 911 now.",
    ]


def test_a_repeated_sentence_is_dropped_whatever_its_case_accents_or_punctuation() -> None:
    merged = merge_advice(["Appelez le 911 maintenant.", "appelez le 911 maintenant !"])
    assert merged == "Appelez le 911 maintenant."


def test_one_text_is_left_as_it_is_and_a_text_with_nothing_new_is_dropped() -> None:
    assert merge_advice(["Call 911 now."]) == "Call 911 now."
    assert merge_advice(["Call 911 now.", "Call 911 now."]) == "Call 911 now."
    assert merge_advice([]) == ""


def test_sentences_split_after_a_full_stop_a_question_or_an_exclamation() -> None:
    assert sentences("Stop. Is it bad? Call now!") == ["Stop.", "Is it bad?", "Call now!"]
