"""``companion content check`` fails on each broken catalogue entry, at its file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.content import DEFAULT_CONTENT_DIR
from bot.content.check import check_content
from bot.content.readability import grade, patient_facing


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, root)
    return root


def _edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` by ``new``; the line (from 1) where ``old`` started."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def _shown(root: Path) -> list[str]:
    return [problem.shown(root) for problem in check_content(root).problems]


def test_a_fuzzy_translation_fails_at_its_catalogue_line(copy: Path) -> None:
    po = copy / "locales" / "fr.po"
    line = _edit(po, 'msgctxt "stop_kept"\n', '#, fuzzy\nmsgctxt "stop_kept"\n') + 2  # the msgid
    assert (
        f"content/locales/fr.po:{line}: stop_kept: the fr translation is fuzzy (to be checked)"
        in (_shown(copy))
    )


def test_an_empty_translation_fails_at_its_catalogue_line(copy: Path) -> None:
    po = copy / "locales" / "fr.po"
    line = _edit(po, 'msgctxt "stop_kept"\n', 'msgctxt "stop_kept"\n') + 1
    _edit(po, 'msgstr "Très bien. Rien n\'a changé."', 'msgstr ""')
    shown = _shown(copy)
    assert any(
        s.startswith(f"content/locales/fr.po:{line}: stop_kept: the fr translation is empty")
        for s in shown
    ), shown


def test_a_placeholder_that_differs_between_languages_fails(copy: Path) -> None:
    po = copy / "locales" / "fr.po"
    line = _edit(po, 'msgctxt "snooze_set"\n', 'msgctxt "snooze_set"\n') + 1
    _edit(po, "Je vous le rappelle à %(time)s.", "Je vous le rappelle à %(heure)s.")
    assert (
        f"content/locales/fr.po:{line}: snooze_set: placeholders differ: ['heure'] in fr, "
        "['time'] in en"
    ) in _shown(copy)


def test_an_empty_plural_form_fails(copy: Path) -> None:
    po = copy / "locales" / "fr.po"
    line = (
        _edit(
            po,
            'msgctxt "dosage_reps"\nmsgid "%(count)s set"',
            'msgctxt "dosage_reps"\nmsgid "%(count)s set"',
        )
        + 1
    )
    _edit(po, 'msgstr[1] "%(count)s séries"', 'msgstr[1] ""')
    assert f"content/locales/fr.po:{line}: dosage_reps: plural form 1 is empty" in _shown(copy)


def test_a_button_label_over_30_characters_fails_in_every_language(copy: Path) -> None:
    messages = copy / "messages.yaml"
    line = _edit(
        messages, '  stop_no: "No, keep going"', '  stop_no: "No, I would like to keep going on"'
    )
    po = copy / "locales" / "fr.po"
    _edit(po, 'msgid "No, keep going"', 'msgid "No, I would like to keep going on"')
    at = _edit(po, 'msgstr "Non, continuer"', 'msgstr "Non, je voudrais continuer le service"')
    shown = _shown(copy)
    assert f"content/messages.yaml:{line}: buttons.stop_no (en) is 33 characters" in "".join(shown)
    assert f"content/locales/fr.po:{at - 1}: buttons.stop_no (fr) is 37 characters" in "".join(
        shown
    )


def test_a_long_warning_sign_button_fails_at_its_line_in_the_rules(copy: Path) -> None:
    rules = copy / "rules" / "warning_signs.yaml"
    line = _edit(
        rules, '      en: "Chest pain"\n', '      en: "Chest pain, pressure or tightness"\n'
    )
    shown = _shown(copy)
    assert any(
        s.startswith(
            f"content/rules/warning_signs.yaml:{line}: chest-pain: the checklist button (en)"
        )
        for s in shown
    ), shown


def test_a_message_added_without_its_french_fails_at_the_source_line(copy: Path) -> None:
    messages = copy / "messages.yaml"
    text = messages.read_text(encoding="utf-8")
    messages.write_text(
        text + '  new_hint: |-\n    {% trans "new_hint" %}Drink some water.{% endtrans %}\n',
        encoding="utf-8",
    )
    line = text.count("\n") + 2
    assert (
        f"content/messages.yaml:{line}: new_hint: no fr translation in locales/fr.po: "
        "'Drink some water.'" in _shown(copy)
    )
    result = CliRunner().invoke(app, ["content", "check", "--root", str(copy)])
    assert result.exit_code == 1


def test_readability_lists_grades_and_the_messages_above_grade_8() -> None:
    result = CliRunner().invoke(app, ["content", "check", "--readability"])
    assert result.exit_code == 0, result.output
    assert "grade" in result.output and "  en  help" in result.output
    assert "Above grade 8 (" in result.output
    assert "Readability (fr): " in result.output


def test_a_plain_sentence_reads_at_a_lower_grade_than_a_dense_one() -> None:
    easy_en = "Time for your exercises. Tap Start when you are ready."
    hard_en = (
        "Notwithstanding considerable methodological heterogeneity, contemporaneous "
        "physiotherapeutic interventions demonstrate substantial effectiveness."
    )
    assert grade(easy_en, "en") < 6 < grade(hard_en, "en")
    easy_fr = "C'est l'heure de vos exercices. Touchez Commencer quand vous voulez."
    hard_fr = (
        "Nonobstant une hétérogénéité méthodologique considérable, les interventions "
        "physiothérapeutiques contemporaines démontrent une efficacité substantielle."
    )
    assert grade(easy_fr, "fr") < 7 < grade(hard_fr, "fr")
    assert patient_facing("help") and not patient_facing("admin_no_clinic")
