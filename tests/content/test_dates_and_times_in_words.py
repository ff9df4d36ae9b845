"""Dates, times and training days are written as each language writes them (Babel, CLDR)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.content import Content
from bot.content.dates import date_words, moment_words, short_date_words, time_words
from bot.rules import schedule
from bot.rules.reminder_time import parse_reminder_time
from bot.services.scheduling.schedule_words import days_words

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("moment", "en", "fr"),
    [
        (time(19, 30), "7:30 PM", "19 h 30"),
        (time(8, 0), "8:00 AM", "8 h"),
        (time(0, 5), "12:05 AM", "0 h 05"),
        (time(12, 0), "12:00 PM", "12 h"),
    ],
)
def test_a_time_of_day_reads_as_each_language_writes_it(moment: time, en: str, fr: str) -> None:
    assert (time_words(moment, "en"), time_words(moment, "fr")) == (en, fr)


@given(st.times().map(lambda t: t.replace(second=0, microsecond=0)), st.sampled_from(["en", "fr"]))
def test_a_time_the_bot_writes_reads_back_as_the_same_time(moment: time, lang: str) -> None:
    assert parse_reminder_time(time_words(moment, lang)) == moment


def test_a_date_has_its_weekday_and_a_year_only_when_it_is_not_this_year() -> None:
    assert date_words(date(2026, 12, 5), "en", today=TODAY) == "Saturday, December 5"
    assert date_words(date(2026, 12, 5), "fr", today=TODAY) == "samedi 5 décembre"
    assert date_words(date(2027, 1, 5), "en", today=TODAY) == "Tuesday, January 5, 2027"
    assert date_words(date(2027, 1, 5), "fr", today=TODAY) == "mardi 5 janvier 2027"


def test_staff_lists_get_short_dates_and_times_with_the_clinics_zone() -> None:
    assert short_date_words(date(2026, 12, 14), "en", today=TODAY) == "Dec 14"
    assert short_date_words(date(2026, 12, 14), "fr", today=TODAY) == "14 déc."
    raised = datetime(2026, 11, 30, 19, 0, tzinfo=UTC)
    ottawa = ZoneInfo("America/Toronto")
    assert moment_words(raised, ottawa, "en", today=TODAY) == "Nov 30, 2:00 PM EST"
    assert moment_words(raised, ottawa, "fr", today=TODAY) == "30 nov., 14 h HNE"


@pytest.mark.parametrize(
    ("days_per_week", "en", "fr"),
    [
        (7, "every day", "tous les jours"),
        (6, "Monday to Saturday", "du lundi au samedi"),
        (5, "Monday to Friday", "du lundi au vendredi"),
        (
            4,
            "every Monday, Tuesday, Thursday, and Friday",
            "chaque lundi, mardi, jeudi et vendredi",
        ),
        (3, "every Monday, Wednesday, and Friday", "chaque lundi, mercredi et vendredi"),
        (2, "every Tuesday and Friday", "chaque mardi et vendredi"),
        (1, "every Wednesday", "chaque mercredi"),
    ],
)
def test_the_training_days_are_named_from_the_planners_own_rule(
    content: Content, days_per_week: int, en: str, fr: str
) -> None:
    weekdays = schedule.training_weekdays(days_per_week)  # what planning.replan plans with
    assert days_words(content, "en", weekdays) == en
    assert days_words(content, "fr", weekdays) == fr
