"""Reads the warning-sign rules and the normalisation data from the content folder.

``bot.rules.warning_signs`` only applies the rules it is given (rules are pure); the files
are read here: ``rules/warning_signs.yaml`` (the signs and their phrases),
``rules/normalisation.yaml`` (SMS and Québec forms) and ``triage/lexicon.json`` (the
words a typo is repaired towards, written by ``companion triage train``).
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from bot.rules.normalise import Lexicon, Normaliser, except_after_from_data, forms_from_data
from bot.rules.warning_signs import WarningSignRules, rules_from_data

RULES_FILE = Path("rules") / "warning_signs.yaml"  # inside the content folder
FORMS_FILE = Path("rules") / "normalisation.yaml"  # SMS and Québec forms
LEXICON_FILE = Path("triage") / "lexicon.json"  # built by `companion triage train`


def load_normaliser(content_root: Path) -> Normaliser:
    """The SMS forms (``rules/normalisation.yaml``) and the lexicon (``triage/lexicon.json``).

    Without a lexicon file, typos are not repaired (nothing is guessed); ``companion triage
    train`` writes it.
    """
    forms_path = content_root / FORMS_FILE
    forms: dict[str, tuple[str, ...]] = {}
    except_after: dict[str, frozenset[str]] = {}
    if forms_path.is_file():
        data = yaml.safe_load(forms_path.read_text(encoding="utf-8")) or {}
        forms, except_after = forms_from_data(data), except_after_from_data(data)
    lexicon = Lexicon()
    lexicon_path = content_root / LEXICON_FILE
    if lexicon_path.is_file():
        stored = json.loads(lexicon_path.read_text(encoding="utf-8"))
        lexicon = Lexicon.of(stored["targets"], stored["known"])
    return Normaliser(forms, lexicon, except_after)


def load_warning_signs(content_root: Path) -> WarningSignRules:
    """Read ``rules/warning_signs.yaml`` and the normalisation data from the content folder."""
    path = content_root / RULES_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return rules_from_data(data, load_normaliser(content_root))
