"""The pain-monitoring model: progress, hold or step down, and when pain reaches the clinician.

clinical-rules section 3, with the thresholds shipped in content/rules/pain.yaml.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.content import Content
from bot.rules.levels import AlertLevel
from bot.rules.pain_model import (
    Action,
    BaselineReading,
    Difficulty,
    ExerciseHistory,
    PainThresholds,
    Reason,
    SessionReport,
    StepMode,
    decide,
    routine_pain_notice,
    thresholds_for,
    urgent_pain_alert,
)

LIMITS = PainThresholds(
    pain_safe_max=2,
    pain_acceptable_max=5,
    good_sessions_to_progress=3,
    difficulty_easy_max=4,
    morning_rise_points=1,
    alert_urgent_at=8,
    urgent_rise_over_baseline=3,
    step_downs_for_routine=2,
    baseline_rise_points=2,
    baseline_rise_days=7,
)
GOOD = SessionReport(pain=1, difficulty=Difficulty.EASY, settled_next_morning=True)
TODAY = date(2026, 12, 14)


def history(
    *sessions: SessionReport, level: int = 2, top: int = 4, **kw: object
) -> ExerciseHistory:
    return ExerciseHistory(level=level, top_level=top, sessions=sessions, **kw)  # type: ignore[arg-type]


# --- the shipped thresholds and overrides ---------------------------------------------------


def test_the_shipped_thresholds_match_clinical_rules_section_3(content: Content) -> None:
    assert thresholds_for(content.pain_rules) == LIMITS
    assert content.pain_rules.alert_urgent_at == 8  # the key the first journey reads


def test_a_clinic_override_wins_over_the_shipped_value_and_a_patient_override_over_both() -> None:
    clinic = LIMITS.overridden({"good_sessions_to_progress": 2, "alert_urgent_at": 7})
    patient = clinic.overridden({"alert_urgent_at": 6})
    assert clinic.good_sessions_to_progress == 2
    assert (clinic.alert_urgent_at, patient.alert_urgent_at) == (7, 6)
    assert patient.good_sessions_to_progress == 2


def test_a_misspelt_override_is_refused_instead_of_silently_ignored() -> None:
    with pytest.raises(ValueError, match="unknown pain threshold"):
        LIMITS.overridden({"alert_urgent": 7})


def test_an_override_outside_the_pain_scale_is_refused() -> None:
    with pytest.raises(ValueError, match="0-10"):
        LIMITS.overridden({"pain_acceptable_max": 11})


# --- progress ----------------------------------------------------------------------------------


def test_three_good_sessions_in_a_row_progress_one_level() -> None:
    decision = decide(history(GOOD, GOOD, GOOD), LIMITS)
    assert decision.action is Action.PROGRESS
    assert (decision.from_level, decision.to_level) == (2, 3)
    assert decision.reasons == (Reason.GOOD_SESSIONS_IN_A_ROW,)


def test_two_good_sessions_are_not_enough_by_default_but_a_clinic_can_say_two() -> None:
    assert decide(history(GOOD, GOOD), LIMITS).action is Action.HOLD
    two = LIMITS.overridden({"good_sessions_to_progress": 2})
    assert decide(history(GOOD, GOOD), two).action is Action.PROGRESS


def test_a_difficulty_rating_of_4_or_below_counts_as_easy() -> None:
    rated = SessionReport(
        pain=0, difficulty=Difficulty.RIGHT, difficulty_rating=4, settled_next_morning=True
    )
    assert decide(history(rated, rated, rated), LIMITS).action is Action.PROGRESS


def test_about_right_without_a_low_rating_does_not_count_towards_progress() -> None:
    right = SessionReport(pain=0, difficulty=Difficulty.RIGHT, settled_next_morning=True)
    decision = decide(history(right, right, right), LIMITS)
    assert decision.action is Action.HOLD
    assert decision.reasons == (Reason.NOT_ENOUGH_GOOD_SESSIONS,)


def test_a_session_with_sets_missed_breaks_the_streak() -> None:
    missed = SessionReport(
        pain=0, difficulty=Difficulty.EASY, all_sets_done=False, settled_next_morning=True
    )
    assert decide(history(GOOD, missed, GOOD, GOOD), LIMITS).action is Action.HOLD


def test_the_hardest_level_holds_instead_of_progressing() -> None:
    decision = decide(history(GOOD, GOOD, GOOD, level=4, top=4), LIMITS)
    assert decision.action is Action.HOLD
    assert decision.reasons == (Reason.AT_HARDEST_LEVEL,)


def test_a_programme_that_proposes_steps_needs_the_clinicians_approval() -> None:
    decision = decide(history(GOOD, GOOD, GOOD, step_mode=StepMode.PROPOSE), LIMITS)
    assert decision.action is Action.PROGRESS and decision.needs_approval
    assert not decide(history(GOOD, GOOD, GOOD), LIMITS).needs_approval


# --- hold --------------------------------------------------------------------------------------


@pytest.mark.parametrize("pain", [3, 4, 5])
def test_pain_of_3_to_5_that_settles_holds_the_level(pain: int) -> None:
    latest = SessionReport(pain=pain, difficulty=Difficulty.EASY, settled_next_morning=True)
    decision = decide(history(GOOD, GOOD, latest), LIMITS)
    assert decision.action is Action.HOLD
    assert decision.to_level == decision.from_level
    assert Reason.PAIN_IN_HOLD_BAND in decision.reasons


def test_too_hard_holds_the_level_and_tells_the_clinician() -> None:
    hard = SessionReport(pain=1, difficulty=Difficulty.HARD, settled_next_morning=True)
    decision = decide(history(GOOD, GOOD, hard), LIMITS)
    assert decision.action is Action.HOLD
    assert decision.tell_clinician
    assert Reason.PATIENT_SAYS_TOO_HARD in decision.reasons


def test_without_the_next_morning_answer_the_level_holds() -> None:
    waiting = SessionReport(pain=1, difficulty=Difficulty.EASY)
    decision = decide(history(GOOD, GOOD, waiting), LIMITS)
    assert decision.action is Action.HOLD
    assert decision.reasons == (Reason.AWAITING_NEXT_MORNING,)


def test_no_sessions_yet_holds() -> None:
    assert decide(history(), LIMITS).action is Action.HOLD


# --- step down ---------------------------------------------------------------------------------


@pytest.mark.parametrize("pain", [6, 7, 10])
def test_pain_above_5_steps_down_one_level(pain: int) -> None:
    decision = decide(
        history(GOOD, GOOD, SessionReport(pain=pain, difficulty=Difficulty.EASY)), LIMITS
    )
    assert decision.action is Action.STEP_DOWN
    assert (decision.from_level, decision.to_level) == (2, 1)
    assert Reason.PAIN_ABOVE_ACCEPTABLE in decision.reasons


def test_pain_not_settled_by_the_next_morning_steps_down() -> None:
    unsettled = SessionReport(pain=3, difficulty=Difficulty.EASY, settled_next_morning=False)
    decision = decide(history(unsettled, level=3), LIMITS)
    assert decision.action is Action.STEP_DOWN
    assert decision.to_level == 2
    assert decision.reasons == (Reason.NOT_SETTLED_BY_MORNING,)


def test_morning_pain_rising_week_to_week_steps_down_even_after_good_sessions() -> None:
    decision = decide(history(GOOD, GOOD, GOOD, weekly_morning_pain=(2.0, 3.0)), LIMITS)
    assert decision.action is Action.STEP_DOWN
    assert decision.reasons == (Reason.MORNING_PAIN_RISING,)


def test_a_small_wobble_in_morning_pain_is_not_rising() -> None:
    assert decide(history(GOOD, GOOD, GOOD, weekly_morning_pain=(2.0, 2.5)), LIMITS).action is (
        Action.PROGRESS
    )


def test_at_the_easiest_level_a_step_down_stays_at_level_1() -> None:
    decision = decide(history(SessionReport(pain=7), level=1), LIMITS)
    assert decision.action is Action.STEP_DOWN
    assert decision.to_level == 1
    assert Reason.AT_EASIEST_LEVEL in decision.reasons


# --- properties --------------------------------------------------------------------------------

sessions = st.builds(
    SessionReport,
    pain=st.integers(0, 10),
    difficulty=st.one_of(st.none(), st.sampled_from(Difficulty)),
    all_sets_done=st.booleans(),
    difficulty_rating=st.one_of(st.none(), st.integers(0, 10)),
    settled_next_morning=st.one_of(st.none(), st.booleans()),
)


@st.composite
def histories(draw: st.DrawFn) -> ExerciseHistory:
    top = draw(st.integers(1, 8))
    return ExerciseHistory(
        level=draw(st.integers(1, top)),
        top_level=top,
        sessions=draw(st.lists(sessions, max_size=8)),
        weekly_morning_pain=draw(st.lists(st.floats(0, 10), max_size=4)),
        step_mode=draw(st.sampled_from(StepMode)),
    )


@given(histories())
def test_no_decision_ever_moves_more_than_one_level_or_off_the_ladder(h: ExerciseHistory) -> None:
    decision = decide(h, LIMITS)
    assert abs(decision.to_level - decision.from_level) <= 1
    assert 1 <= decision.to_level <= h.top_level


@given(st.integers(1, 30), st.integers(1, 6))
def test_no_run_of_good_sessions_ever_steps_more_than_one_level(count: int, level: int) -> None:
    decision = decide(history(*[GOOD] * count, level=level, top=7), LIMITS)
    assert decision.to_level - decision.from_level in (0, 1)


@given(histories(), st.integers(6, 10))
def test_a_pain_answer_above_5_never_leads_to_a_progression(h: ExerciseHistory, pain: int) -> None:
    latest = SessionReport(pain=pain, difficulty=Difficulty.EASY, settled_next_morning=True)
    h = ExerciseHistory(h.level, h.top_level, [*h.sessions, latest], h.weekly_morning_pain)
    decision = decide(h, LIMITS)
    assert decision.action is Action.STEP_DOWN
    assert decision.to_level <= decision.from_level


@given(histories())
def test_progress_only_ever_follows_enough_good_sessions(h: ExerciseHistory) -> None:
    if decide(h, LIMITS).action is Action.PROGRESS:
        latest = h.sessions[-LIMITS.good_sessions_to_progress :]
        assert len(latest) == LIMITS.good_sessions_to_progress
        assert all(s.pain <= 5 and s.settled_next_morning and s.all_sets_done for s in latest)


@given(histories())
def test_too_hard_never_progresses(h: ExerciseHistory) -> None:
    if h.sessions and h.sessions[-1].difficulty is Difficulty.HARD:
        assert decide(h, LIMITS).action is not Action.PROGRESS


# --- notifying the clinician -------------------------------------------------------------------


def test_pain_of_8_or_more_is_an_urgent_alert() -> None:
    assert urgent_pain_alert(8, baseline=None, limits=LIMITS) is not None
    notice = urgent_pain_alert(9, baseline=7, limits=LIMITS)
    assert notice is not None and notice.level is AlertLevel.URGENT


def test_pain_3_points_over_baseline_in_a_day_is_urgent_even_below_8() -> None:
    notice = urgent_pain_alert(5, baseline=2, limits=LIMITS)
    assert notice is not None
    assert (notice.level, notice.reason) == (AlertLevel.URGENT, "pain_above_baseline")
    assert urgent_pain_alert(4, baseline=2, limits=LIMITS) is None


@given(st.integers(0, 10), st.one_of(st.none(), st.integers(0, 10)))
def test_the_urgent_pain_rule_follows_its_two_thresholds(pain: int, baseline: int | None) -> None:
    expected = pain >= 8 or (baseline is not None and pain - baseline >= 3)
    assert (urgent_pain_alert(pain, baseline, LIMITS) is not None) == expected


def test_two_step_downs_in_a_row_notify_the_clinician_at_routine_level() -> None:
    notice = routine_pain_notice(
        [Action.HOLD, Action.STEP_DOWN, Action.STEP_DOWN], [], TODAY, LIMITS
    )
    assert notice is not None
    assert (notice.level, notice.reason) == (AlertLevel.ROUTINE, "step_downs_in_a_row")
    assert (
        routine_pain_notice([Action.STEP_DOWN, Action.HOLD, Action.STEP_DOWN], [], TODAY, LIMITS)
        is None
    )


def test_a_baseline_up_2_points_for_a_week_notifies_the_clinician() -> None:
    readings = [
        BaselineReading(TODAY - timedelta(days=21), 2),
        BaselineReading(TODAY - timedelta(days=7), 4),
    ]
    notice = routine_pain_notice([], readings, TODAY, LIMITS)
    assert notice is not None and notice.reason == "baseline_rising"


def test_a_baseline_up_for_less_than_a_week_or_back_down_is_not_yet_a_notice() -> None:
    recent = [
        BaselineReading(TODAY - timedelta(days=21), 2),
        BaselineReading(TODAY - timedelta(days=6), 4),
    ]
    settled = [
        *recent[:1],
        BaselineReading(TODAY - timedelta(days=14), 4),
        BaselineReading(TODAY - timedelta(days=7), 3),
    ]
    assert routine_pain_notice([], recent, TODAY, LIMITS) is None
    assert routine_pain_notice([], settled, TODAY, LIMITS) is None


def test_pain_scores_outside_0_to_10_are_refused() -> None:
    with pytest.raises(ValueError, match="0-10"):
        SessionReport(pain=11)
    with pytest.raises(ValueError, match="0-10"):
        urgent_pain_alert(-1, None, LIMITS)
