"""How hard each patient-facing message is to read: a school grade per message and language.

English uses the Flesch-Kincaid grade. French uses the Kandel-Moles reading ease (Flesch's
formula refitted for French, ``textstat.set_lang("fr")``), turned into a grade with
Flesch's own table (90-100 = grade 5, 80-90 = 6, 70-80 = 7, 60-70 = 8-9, 50-60 = 10-12, ...).
Tags, commands (/today), numbers and emoji are taken out first: they are not words to read.
The clinic aims at about grade 6, and lists every message above grade 8.
"""

from __future__ import annotations

import html
import itertools
import re
import statistics
import warnings
from dataclasses import dataclass

import textstat  # type: ignore[import-untyped]

from bot.content.library import Content
from bot.content.samples import Placeholder, samples_for

GOAL = 6.0
LIMIT = 8.0
# Messages only staff read (clinicians, admins), or that are not prose: left out.
_STAFF = (
    "admin_",
    "staff_",
    "alert_",
    "caseload",
    "caseload_",
    "threshold_",
    "inbox",
    "patient_view",
    "threshold",
    "thread",
    "level_proposal",
    "level_approved",
    "level_not_yours",
    "clinician_",
    "plan_",
    "plan",
    "chart_",
    "command_",
    "relay_",
    "bound_code_reused",
    "weekly_digest",
    "digest_",
    "call_requested_toast",
    "kept_on_hold",
    "cleared_toast",
    "acknowledged_toast",
    "routine_resumed_toast",
    "readiness_review",
    "record_",
    "level_urgent",
    "level_emergency",
    "level_routine",
    "from_clinician",
    "dosage_",
    "days_per_week",
    "training_days",
    "next_session",
    "picture_",
    "mydata_json_caption",
    "mydata_html_caption",
    "choice_saved",
)
_PATIENT_ALERT = ("alert_acknowledged_patient",)
# Flesch reading ease -> school grade, from Flesch's table (ease falls as grade rises).
_EASE_TO_GRADE = [
    (100.0, 4.0),
    (90.0, 5.0),
    (80.0, 6.0),
    (70.0, 7.0),
    (60.0, 9.0),
    (50.0, 12.0),
    (30.0, 16.0),
    (0.0, 18.0),
]


@dataclass(frozen=True)
class Reading:
    """One message in one language: its grade, and the words it was measured on."""

    key: str
    lang: str
    grade: float
    words: int


def patient_facing(key: str) -> bool:
    """Whether patients read message ``key`` (staff messages and fragments are left out)."""
    if key in _PATIENT_ALERT:
        return True
    return not any(key == p or (p.endswith("_") and key.startswith(p)) for p in _STAFF)


def plain_words(text: str) -> str:
    """The words of a message: no tags, commands, numbers, emoji or bullets."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.sub(r"/\w+", " ", text)
    text = re.sub(r"[^\w\s.,;:!?'\u2019«»()-]", " ", text)
    text = re.sub(r"\b\d+([.,:h]\d+)?\b", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def grade(text: str, lang: str) -> float:
    """The school grade of ``text`` in ``lang`` (English or French formulas)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # textstat has no French easy-word list; not used here
        textstat.set_lang("fr" if lang == "fr" else "en_US")
        try:
            if lang == "fr":
                return _ease_to_grade(float(textstat.flesch_reading_ease(text)))
            return max(0.0, float(textstat.flesch_kincaid_grade(text)))
        finally:
            textstat.set_lang("en_US")


def _ease_to_grade(ease: float) -> float:
    ease = max(0.0, min(100.0, ease))
    for (high, low_grade), (low, high_grade) in itertools.pairwise(_EASE_TO_GRADE):
        if low <= ease <= high:
            return low_grade + (high - ease) / (high - low) * (high_grade - low_grade)
    return 18.0


def readings(content: Content) -> list[Reading]:
    """Every patient-facing message in every language, rendered with its samples."""
    keys = sorted({*content.template_keys(), *content.messages.data["messages"]})
    found = []
    for key in keys:
        if not patient_facing(key):
            continue
        placeholders = {
            name: Placeholder(name) for name in content.variables(content.source_language, key)
        }
        for lang in content.languages:
            variables = samples_for(key, lang) or placeholders  # French samples for French
            words = plain_words(content.template(lang, key).render(**variables))
            if len(words.split()) < 6:
                continue  # a label or a one-word answer: no grade to speak of
            found.append(Reading(key, lang, round(grade(words, lang), 1), len(words.split())))
    return found


def summary(found: list[Reading], lang: str) -> tuple[int, int, float]:
    """For ``lang``: messages measured, messages above grade 8, the median grade."""
    mine = [r.grade for r in found if r.lang == lang]
    above = sum(1 for g in mine if g > LIMIT)
    return len(mine), above, statistics.median(mine) if mine else 0.0
