"""Every answer the bot can await, and every onboarding step, is taken by its one registered
handler."""

from __future__ import annotations

from bot.db.models import AwaitedAnswer, OnboardingStep
from bot.services import conversation


def test_each_awaited_answer_has_one_handler_for_the_patient_or_for_staff() -> None:
    patients, staff = set(conversation.PATIENT_ANSWERS), set(conversation.STAFF_ANSWERS)
    assert patients.isdisjoint(staff)
    assert patients | staff == set(AwaitedAnswer)


def test_answers_kept_open_after_a_warning_sign_are_the_patients_own() -> None:
    assert set(conversation.PATIENT_ANSWERS) >= conversation.KEPT_OPEN_AFTER_A_WARNING


def test_each_onboarding_step_a_patient_types_at_has_its_handler_and_the_ended_ones_none() -> None:
    ended = {OnboardingStep.DECLINED, OnboardingStep.WITHDRAWN, OnboardingStep.ERASED}
    assert set(conversation.ONBOARDING_ANSWERS) == set(OnboardingStep) - ended
