"""Dates, times and weekdays as a patient or clinician reads them, in their language.

Pure functions over Babel (CLDR data): English ``Saturday, December 5`` and ``7:30 PM``,
French ``samedi 5 décembre`` and ``19 h 30`` (Canadian French). Every template variable
that carries a date or a time is made here, never with ``strftime`` or ``isoformat``.

Spaces come out as plain spaces: CLDR puts narrow no-break spaces in some patterns, which
look the same in a chat but make the text hard to search and to compare.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime, format_time, get_day_names
from babel.lists import format_list

# The CLDR locale behind each language: Canadian French writes "19 h 30". English uses
# CLDR's plain "en", whose "7:30 PM" is what the clinic's English patients read.
_LOCALES = {"en": "en", "fr": "fr_CA"}
_DATE = {"en": "EEEE, MMMM d", "fr": "EEEE d MMMM"}
_DATE_WITH_YEAR = {"en": "EEEE, MMMM d, y", "fr": "EEEE d MMMM y"}
_SHORT_DATE = {"en": "MMM d", "fr": "d MMM"}
_SHORT_DATE_WITH_YEAR = {"en": "MMM d, y", "fr": "d MMM y"}
_TIME = {"en": "h:mm a", "fr": "H 'h' mm"}
_TIME_ON_THE_HOUR = {"en": "h:mm a", "fr": "H 'h'"}  # French writes 18 h, not 18 h 00


def locale_of(lang: str) -> Locale:
    """The Babel locale for one of our language codes (any other code is taken as is)."""
    return Locale.parse(_LOCALES.get(lang, lang))


def time_words(moment: time, lang: str) -> str:
    """A time of day: ``7:30 PM`` / ``19 h 30``, ``8:00 AM`` / ``8 h``."""
    patterns = _TIME_ON_THE_HOUR if moment.minute == 0 else _TIME
    pattern = patterns.get(lang) or _medium_time(lang)
    return _plain(format_time(moment, pattern, locale=locale_of(lang)))


def date_words(day: date, lang: str, *, today: date) -> str:
    """A date with its weekday: ``Saturday, December 5`` / ``samedi 5 décembre``.

    The year is added when it is not ``today``'s year.
    """
    same_year = day.year == today.year
    patterns = _DATE if same_year else _DATE_WITH_YEAR
    pattern = patterns.get(lang) or ("long" if same_year else "full")
    return _plain(format_date(day, pattern, locale=locale_of(lang)))


def short_date_words(day: date, lang: str, *, today: date) -> str:
    """A compact date for staff lists: ``Dec 5`` / ``5 déc.`` (the year when not this year)."""
    same_year = day.year == today.year
    patterns = _SHORT_DATE if same_year else _SHORT_DATE_WITH_YEAR
    pattern = patterns.get(lang) or "medium"
    return _plain(format_date(day, pattern, locale=locale_of(lang)))


def moment_words(moment: datetime, zone: ZoneInfo, lang: str, *, today: date) -> str:
    """An instant for staff, in ``zone``: ``Nov 30, 2:00 PM EST`` / ``30 nov., 14 h HNE``."""
    local = moment.astimezone(zone)
    abbreviation = format_datetime(local, "z", tzinfo=zone, locale=locale_of(lang))
    day = short_date_words(local.date(), lang, today=today)
    return f"{day}, {time_words(local.time(), lang)} {_plain(abbreviation)}"


def weekday_name(weekday: int, lang: str) -> str:
    """The name of a weekday (Monday = 0): ``Monday`` / ``lundi``."""
    return str(get_day_names("wide", locale=locale_of(lang))[weekday])


def list_words(items: Iterable[str], lang: str) -> str:
    """Items joined as the language does: ``Monday, Wednesday, and Friday`` / ``... et ...``."""
    return _plain(format_list(list(items), locale=locale_of(lang)))


@dataclass(frozen=True)
class WeekdayWords:
    """A set of training weekdays, ready for a message to put into a sentence.

    ``every_day``: all seven. ``first`` and ``last``: set when the days are one run of
    three or more in a row (Monday to Friday). ``names``: every day, joined as a list.
    """

    count: int
    every_day: bool
    first: str | None
    last: str | None
    names: str


def weekday_words(weekdays: Iterable[int], lang: str) -> WeekdayWords:
    """The words for the weekdays (Monday = 0) a programme is done on."""
    days = sorted(set(weekdays))
    run = len(days) >= 3 and days == list(range(days[0], days[-1] + 1))  # sorted, no gap
    return WeekdayWords(
        count=len(days),
        every_day=len(days) == 7,
        first=weekday_name(days[0], lang) if run else None,
        last=weekday_name(days[-1], lang) if run else None,
        names=list_words((weekday_name(d, lang) for d in days), lang),
    )


def _medium_time(lang: str) -> str:
    return str(locale_of(lang).time_formats["short"].pattern)


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def zone_city(zone: str, lang: str) -> str:
    """A timezone as a patient knows it: its city in their language (``St. John's``)."""
    from babel.dates import get_timezone_location

    city = get_timezone_location(zone, locale=locale_of(lang), return_city=True)
    return _plain(str(city)).replace("\u2019", "'")


def zone_from_words(typed: str) -> str | None:
    """The timezone a patient typed: a city (in English or French, accents and case
    forgiven: ``montreal``, ``St Johns``, ``Saint-Jean de Terre-Neuve``) or an IANA name."""
    return _zones_by_words().get(_key(typed))


def same_place(one: str, other: str) -> bool:
    """Whether two names are the same place once case, accents and spaces are forgiven."""
    return _key(one) == _key(other)


def _key(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text.strip().lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = plain.replace("saint", "st").replace("sainte", "ste")
    return "".join(c for c in plain if c.isalnum())


@cache
def _zones_by_words() -> dict[str, str]:
    """Every IANA zone by its name and its city's name in each locale (built once)."""
    from zoneinfo import available_timezones

    found: dict[str, str] = {}
    zones = [
        zone
        for zone in sorted(available_timezones())
        if "/" in zone and not zone.startswith(("Etc/", "SystemV/", "posix/", "right/"))
    ]
    for zone in zones:  # a zone's own name first: "Toronto" is America/Toronto
        found.setdefault(_key(zone), zone)
        found.setdefault(_key(zone.rsplit("/", 1)[1].replace("_", " ")), zone)
    for zone in zones:  # then its city in each language: "Londres", "St. John's"
        for lang in _LOCALES:
            try:
                found.setdefault(_key(zone_city(zone, lang)), zone)
            except (LookupError, ValueError):
                continue
    return found
