"""The gettext catalogues: one template per message, one ``.po`` per language, plurals."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from bot.content import DEFAULT_CONTENT_DIR
from bot.content.check import check_content
from bot.content.library import load_content
from bot.content.models import Dosage


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, root)
    return root


def test_one_template_serves_every_language_and_no_compiled_catalogue_is_kept() -> None:
    assert not (DEFAULT_CONTENT_DIR / "templates" / "en").exists()
    assert not (DEFAULT_CONTENT_DIR / "templates" / "fr").exists()
    assert list(DEFAULT_CONTENT_DIR.rglob("*.mo")) == []
    content = load_content()
    assert content.render("en", "help").startswith("<b>")
    assert content.render("en", "help") != content.render("fr", "help")


@pytest.mark.parametrize(
    ("lang", "sets", "reps", "expected"),
    [
        ("en", 1, 8, "1 set of 8 reps"),
        ("en", 2, 1, "2 sets of 1 rep, rest 60 s between sets"),
        ("fr", 1, 8, "1 série de 8 répétitions"),
        ("fr", 3, 10, "3 séries de 10 répétitions, repos de 60 s entre les séries"),
    ],
)
def test_counts_of_sets_and_reps_take_the_right_plural(
    lang: str, sets: int, reps: int, expected: str
) -> None:
    content = load_content()
    dosage = Dosage(sets=sets, reps=reps, rest_seconds=60, days_per_week=5)
    assert content.dosage_text(lang, dosage) == expected


def test_holds_read_as_times_not_as_a_calque() -> None:
    content = load_content()
    one = Dosage(sets=1, hold_seconds=10, rest_seconds=30, days_per_week=5)
    three = Dosage(sets=3, hold_seconds=10, rest_seconds=30, days_per_week=5)
    assert content.dosage_text("en", one) == "Hold for 10 s, once"
    assert (
        content.dosage_text("fr", three)
        == "Tenez 10 s, 3 fois, avec 30 s de repos entre chaque fois"
    )
    assert "maintiens" not in content.dosage_text("fr", three)


def test_one_set_left_on_the_timer_says_no_next_set() -> None:
    content = load_content()
    assert "all 1 sets" not in content.render("en", "timer_done", sets=1, rest_seconds=30)
    assert "les 2 séries" in content.render("fr", "timer_done", sets=2, rest_seconds=30)


def _tiny_spanish(root: Path) -> None:
    catalogue = Catalog(locale="es", domain="messages")  # CLDR: three plural forms
    catalogue.add("English", "Español", context="language_name")
    catalogue.add("Yes", "Sí", context="answer_yes")
    catalogue.add(
        ("%(count)s set", "%(count)s sets"),
        ("%(count)s serie", "%(count)s series", "%(count)s series"),
        context="dosage_reps",
    )
    catalogue.add(
        ("%(count)s rep", "%(count)s reps"),
        ("%(count)s rep.", "%(count)s reps.", "%(count)s reps."),
        context="dosage_reps",
    )
    catalogue.add(
        "%(sets_text)s of %(reps_text)s", "%(sets_text)s de %(reps_text)s", context="dosage_reps"
    )
    catalogue.add("Sit to stand", "Sentarse y levantarse")
    with (root / "locales" / "es.po").open("wb") as file:
        write_po(file, catalogue)


def test_a_third_language_comes_from_one_po_file_and_nothing_else(copy: Path) -> None:
    _tiny_spanish(copy)
    content = load_content(copy)
    assert content.languages == ["en", "es", "fr"]
    assert content.label("es", "answer_yes") == "Sí"
    assert content.label("es", "answer_no") == "No"  # not translated yet: the English
    dosage = Dosage(sets=2, reps=8, rest_seconds=60, days_per_week=5)
    assert content.dosage_text("es", dosage).startswith("2 series de 8 reps.")
    assert content.exercises["sit-to-stand"].name["es"] == "Sentarse y levantarse"
    assert content.language_for("es-MX") == "es"
    # The check names what the new catalogue still lacks, at the English source line.
    shown = [p.shown(copy) for p in check_content(copy).problems]
    assert any("no es translation in locales/es.po: 'No'" in line for line in shown)
    assert not any("locales/fr.po" in line for line in shown)


def test_a_key_added_the_old_way_is_ported_into_the_catalogues(copy: Path, tmp_path: Path) -> None:
    """The merger's recipe: another branch added a message to locales/{en,fr}.yaml."""
    from typer.testing import CliRunner

    from bot.cli import app

    old = tmp_path / "old"
    (old / "locales").mkdir(parents=True)
    (old / "locales" / "en.yaml").write_text(
        'buttons:\n  pause_now: "Pause now"\nmessages:\n'
        '  pause_hint: "{% if until %}Paused until {{ until }}.{% endif %} Rest well."\n'
    )
    (old / "locales" / "fr.yaml").write_text(
        'buttons:\n  pause_now: "Mettre en pause"\nmessages:\n'
        '  pause_hint: "{% if until %}En pause jusqu\'au {{ until }}.{% endif %} Reposez-vous."\n'
    )
    args = ["content", "port", "pause_now", "pause_hint", "--old", str(old), "--root", str(copy)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    content = load_content(copy)
    assert content.label("fr", "pause_now") == "Mettre en pause"
    assert content.render("fr", "pause_hint", until="24 décembre") == (
        "En pause jusqu'au 24 décembre. Reposez-vous."
    )
    assert content.render("en", "pause_hint", until="") == "Rest well."
    assert [p.shown(copy) for p in check_content(copy).problems] == []
