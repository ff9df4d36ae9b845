"""The fifth round's phrases: signs said in words the corpus had not used, found by the rules.

Each example is made up here for the phrase it checks; none is from a held-out or dev set.
"""

from __future__ import annotations

import pytest

from bot.content import DEFAULT_CONTENT_DIR
from bot.content.warning_signs import load_warning_signs
from bot.rules.warning_signs import detect
from bot.triage.corpus import CORPUS_FILE, read_rows

RULES = load_warning_signs(DEFAULT_CONTENT_DIR)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("I'm on the floor and I can't get myself back up", "fall-injury"),
        ("had a tumble by the bed and my legs won't push me up", "fall-injury"),
        ("je suis tombée dans le salon, chu pu capable de me relever", "fall-injury"),
        ("there's an anvil on my chest since lunch", "chest-pain"),
        ("my heart feels like it's being squeezed in a fist", "chest-pain"),
        ("j'ai une grosse douleur dans le torse", "chest-pain"),
        ("j'ai comme un étau sur le cœur", "chest-pain"),
        ("I'm winded at rest today", "breathing"),
        ("I can't lie down because I'm drowning", "breathing"),
        ("je fais une dyspnée depuis ce matin", "breathing"),
        ("I had a syncopal episode after the walk", "fainting"),
        ("je suis revenue à moi sur le plancher", "fainting"),
        ("my husband is talking like he's drunk and he hasn't had a drop", "stroke"),
        ("ma mère parle comme si elle était saoule", "stroke"),
        ("my back is worse and I can't empty my bladder", "cauda-equina"),
        ("j'arrive pas à vider ma vessie et mon dos est pire", "cauda-equina"),
    ],
)
def test_a_sign_in_the_fifth_rounds_words_is_found_plainly(text: str, sign: str) -> None:
    found = detect(text, RULES)
    assert sign in found.signs and sign not in found.tentative, found


@pytest.mark.parametrize(
    "text",
    [
        "I fell asleep on the sofa and couldn't get up for the bridges this morning lol",
        "I'm breathless with excitement about the trip",
        "the weight is off my chest now that the tests are back",
    ],
)
def test_a_look_alike_in_the_same_words_raises_no_emergency_from_the_rules(text: str) -> None:
    found = detect(text, RULES)
    assert not {"fall-injury", "breathing", "chest-pain"} & set(found.signs), found


def test_the_fifth_round_of_families_is_all_on_the_train_side() -> None:
    fifth = [r for r in read_rows(DEFAULT_CONTENT_DIR / CORPUS_FILE) if "-r5-" in r.family]
    assert len(fifth) > 1000 and {r.split for r in fifth} == {"train"}
    assert {r.lang for r in fifth} == {"en", "fr"}
