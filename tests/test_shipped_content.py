"""The content shipped in content/ loads, and every message renders with no blanks."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content import Content, ContentError, load_content


def test_the_starter_programme_is_short_and_its_exercises_exist(content: Content) -> None:
    starter = content.programmes["starter"]
    assert 3 <= len(starter.exercises) <= 5
    assert all(item.exercise in content.exercises for item in starter.exercises)
    assert starter.source.strip()


def test_every_exercise_has_a_ladder_of_at_least_three_levels(content: Content) -> None:
    for exercise in content.exercises.values():
        assert len(exercise.levels) >= 3, exercise.id


def test_an_undefined_template_variable_is_an_error_not_a_blank(content: Content) -> None:
    with pytest.raises(Exception, match="reminder_time"):
        content.render("en", "enrolled", days="every day")  # reminder_time missing


def test_text_from_content_is_escaped_for_telegram_html(content: Content) -> None:
    rendered = content.render("en", "staff_linked", clinic_name="A<b>&", role="x", handle="y")
    assert "A&lt;b&gt;&amp;" in rendered


def test_a_programme_naming_an_unknown_exercise_is_refused(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "content"
    shutil.copytree(Path(__file__).resolve().parents[1] / "content", root)
    (root / "programmes" / "broken.yaml").write_text(
        "id: broken\nname: {en: Broken}\nsource: test\nexercises:\n  - {exercise: no-such-thing}\n"
    )
    with pytest.raises(ContentError, match="unknown exercise 'no-such-thing'"):
        load_content(root)
