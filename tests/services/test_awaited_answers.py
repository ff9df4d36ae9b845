"""Every answer the bot can await is taken by exactly one registered handler."""

from __future__ import annotations

from bot.db.models import AwaitedAnswer
from bot.services import conversation


def test_each_awaited_answer_has_one_handler_for_the_patient_or_for_staff() -> None:
    patients, staff = set(conversation.PATIENT_ANSWERS), set(conversation.STAFF_ANSWERS)
    assert patients.isdisjoint(staff)
    assert patients | staff == set(AwaitedAnswer)


def test_answers_kept_open_after_a_warning_sign_are_the_patients_own() -> None:
    assert set(conversation.PATIENT_ANSWERS) >= conversation.KEPT_OPEN_AFTER_A_WARNING
