"""Warning signs: the checklist, and free-text detection as a safety net (clinical-rules 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from bot.content import DEFAULT_CONTENT_DIR
from bot.content.warning_signs import RULES_FILE, load_warning_signs
from bot.rules.levels import AlertLevel
from bot.rules.phrases import compile_phrase, words
from bot.rules.warning_signs import WarningSignRules, detect, rules_from_data


@pytest.fixture(scope="module")
def rules() -> WarningSignRules:
    return load_warning_signs(DEFAULT_CONTENT_DIR)


def shipped_data() -> dict[str, object]:
    data = yaml.safe_load((DEFAULT_CONTENT_DIR / RULES_FILE).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


# --- the signs as data ---------------------------------------------------------------------


def test_the_13_signs_of_section_2_each_have_a_level_a_source_and_both_languages(
    rules: WarningSignRules,
) -> None:
    assert len(rules.signs) == 13
    levels = [sign.level for sign in rules.signs]
    assert levels.count(AlertLevel.EMERGENCY) == 7
    assert levels.count(AlertLevel.URGENT) == 4
    assert levels.count(AlertLevel.ROUTINE) == 2
    for sign in rules.signs:
        assert sign.source.strip()
        assert set(sign.label) == set(sign.advice) == {"en", "fr"}


def test_every_sign_a_patient_can_type_has_phrases_in_english_and_french(
    rules: WarningSignRules,
) -> None:
    for sign in rules.signs:
        assert sign.phrases.get("en") and sign.phrases.get("fr"), sign.id


def test_the_checklist_lists_every_sign_in_the_patients_language_most_serious_first(
    rules: WarningSignRules,
) -> None:
    english = rules.checklist("en")
    french = rules.checklist("fr")
    assert [sign_id for sign_id, _ in english] == [sign_id for sign_id, _ in french]
    assert len(english) == 13
    assert english[0] == ("chest-pain", "Chest pain, pressure or tightness")
    assert "poitrine" in french[0][1]
    order = [rules.sign(sign_id).level for sign_id, _ in english]
    assert order.index(AlertLevel.URGENT) > max(
        i for i, level in enumerate(order) if level is AlertLevel.EMERGENCY
    )


def test_emergency_advice_says_911_and_self_harm_advice_says_988(rules: WarningSignRules) -> None:
    for sign in rules.signs:
        if sign.level is AlertLevel.EMERGENCY:
            assert "911" in sign.advice["en"] and "911" in sign.advice["fr"], sign.id
    self_harm = detect("I want to end my life", rules)
    assert self_harm.signs == ("self-harm",)
    assert "9-8-8" in rules.advice(self_harm, "en")[0]
    assert "9-8-8" in rules.advice(self_harm, "fr")[0]


def test_advice_comes_most_serious_first(rules: WarningSignRules) -> None:
    found = detect("my calf is swollen and I can't breathe", rules)
    assert found.signs == ("breathing", "dvt")
    assert rules.advice(found, "en")[0].startswith("Stop and call 911")


def test_a_sign_missing_its_french_advice_is_refused() -> None:
    data = shipped_data()
    signs = data["signs"]
    assert isinstance(signs, list)
    del signs[0]["advice"]["fr"]
    with pytest.raises(ValueError, match=r"chest-pain\.advice: missing fr"):
        rules_from_data(data)


def test_a_malformed_phrase_is_refused_with_its_text() -> None:
    data = shipped_data()
    signs = data["signs"]
    assert isinstance(signs, list)
    signs[0]["phrases"]["en"].append("chest (pain")
    with pytest.raises(ValueError, match=r"chest \(pain"):
        rules_from_data(data)


# --- detection -----------------------------------------------------------------------------


def test_emergency_beats_urgent_beats_routine(rules: WarningSignRules) -> None:
    found = detect("I fell, my calf is swollen, the pain wakes me at night, chest pain", rules)
    assert found.level is AlertLevel.EMERGENCY
    assert found.signs[0] == "chest-pain"
    assert detect("my calf is swollen and the squats hurt too much", rules).level is (
        AlertLevel.URGENT
    )


@pytest.mark.parametrize(
    "text",
    [
        "douleur à la poitrine",
        "douleur a la poitrine",
        "DOULEUR À LA POITRINE",
        "j'ai une douleur dans la poitrine",
        "Je me suis évanouie",
        "je me suis evanouie",
        "evanouissement ce matin",
    ],
)
def test_accents_case_and_inflection_do_not_matter(rules: WarningSignRules, text: str) -> None:
    assert detect(text, rules).level is AlertLevel.EMERGENCY


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("chest pian", "chest-pain"),
        ("cant breath", "breathing"),
        ("I can\u2019t breathe", "breathing"),
        ("unconcious for a minute", "fainting"),
        ("swolen calf", "dvt"),
        ("numbnes down there", "cauda-equina"),
        ("je n'arive pas a uriner", "cauda-equina"),
    ],
)
def test_common_misspellings_are_still_found(rules: WarningSignRules, text: str, sign: str) -> None:
    assert sign in detect(text, rules).signs


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("no chest pain but my knee is stiff", "chest-pain"),
        ("I don't think I fell", "fall-or-dizzy-spell"),
        ("maybe my calf is a bit swollen", "dvt"),
        ("je n'ai pas de douleur à la poitrine", "chest-pain"),
        ("je ne pense pas être tombé", "fall-or-dizzy-spell"),
        ("peut-être un peu essoufflé", "breathing"),
    ],
)
def test_a_negated_or_doubtful_mention_asks_for_confirmation_and_is_never_dropped(
    rules: WarningSignRules, text: str, sign: str
) -> None:
    found = detect(text, rules)
    assert found.needs_confirmation
    assert sign in found.signs and sign in found.tentative
    assert found.level is rules.sign(sign).level


def test_a_negation_in_another_clause_does_not_soften_a_plain_sign(
    rules: WarningSignRules,
) -> None:
    found = detect("No chest pain, but I fell and hit my head", rules)
    assert found.level is AlertLevel.EMERGENCY
    assert not found.needs_confirmation  # the head injury is plain
    assert "chest-pain" in found.tentative


@pytest.mark.parametrize(
    "text",
    [
        "my legs are tired",
        "I chest-pressed today",
        "pas de douleur",
        "ça va pas trop mal",
        "I fell asleep after the session",
        "j'ai laissé tomber le dernier exercice",
        "",
        "   ",
    ],
)
def test_benign_look_alikes_are_not_flagged(rules: WarningSignRules, text: str) -> None:
    found = detect(text, rules)
    assert found.level is None and found.signs == () and not found.needs_confirmation


def test_a_second_part_in_another_sentence_still_counts(rules: WarningSignRules) -> None:
    found = detect("Tripped on the rug. I'm on blood thinners.", rules)
    assert found.level is AlertLevel.EMERGENCY and "fall-injury" in found.signs


def test_languages_can_be_tried_one_at_a_time(rules: WarningSignRules) -> None:
    assert detect("douleur à la poitrine", rules, ["en"]).level is None
    assert detect("douleur à la poitrine", rules, ["fr"]).level is AlertLevel.EMERGENCY


@given(st.text(max_size=200))
def test_any_text_gives_a_well_formed_answer(text: str) -> None:
    found = detect(text, _RULES)
    assert (found.level is None) == (found.signs == ())
    assert set(found.tentative) <= set(found.signs)
    assert found.needs_confirmation <= bool(found.tentative)


_RULES = load_warning_signs(DEFAULT_CONTENT_DIR)


# --- the phrase language -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("chest pain", "Chest pain!", True),
        ("breath*", "breathing", True),
        ("(my|) chest", "chest", True),
        ("pain .. chest", "pain in my upper chest", True),
        ("pain .. chest", "pain in my upper left chest", False),
        ("pain .. chest", "pain. chest", False),
        ("(blood clot|dvt)", "a blood clot", True),
        ("swollen", "swollens", True),
        ("swollen", "swolen", False),  # typos are repaired before, by bot.rules.normalise
        ("fell", "feel", False),
    ],
)
def test_phrases_read_as_documented(phrase: str, text: str, found: bool) -> None:
    assert bool(compile_phrase(phrase).find(words(text))) is found


@pytest.mark.parametrize("bad", ["..", "(a|b", "pain ..", "chest p@in", "(|)"])
def test_malformed_phrases_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="phrase"):
        compile_phrase(bad)


def test_the_rules_file_sits_in_the_content_folder() -> None:
    assert (DEFAULT_CONTENT_DIR / RULES_FILE).is_file()
    assert Path("rules") in RULES_FILE.parents
