"""``companion content check`` passes on the shipped content and catches each broken fixture."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.content import DEFAULT_CONTENT_DIR
from bot.content.check import Report, check_content
from bot.services.programmes.preview import check_messages


def _check(root: Path) -> Report:
    report = check_content(root)
    if report.content is not None:
        check_messages(report.content, report)
    return report


def _shown(report: Report, root: Path) -> list[str]:
    return [problem.shown(root) for problem in report.problems]


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the shipped content to break."""
    root = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, root)
    return root


def _edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` in ``path``; returns the line (from 1) where it was."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def _line_of(path: Path, snippet: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text[: text.index(snippet)].count("\n") + 1


def test_the_shipped_content_passes_the_check() -> None:
    report = _check(DEFAULT_CONTENT_DIR)
    assert _shown(report, DEFAULT_CONTENT_DIR) == []
    assert report.rendered > 500


def test_the_check_command_exits_zero_on_the_shipped_content() -> None:
    result = CliRunner().invoke(app, ["content", "check"])
    assert result.exit_code == 0, result.output
    assert "Content OK: " in result.output


def test_a_missing_translation_is_reported_at_its_file_and_line(copy: Path) -> None:
    line = _edit(
        copy / "exercises" / "bridge.yaml",
        'stop_if: {en: "You feel sharp pain in your back or a cramp that does not ease.", fr:',
        'stop_if: {en: "You feel sharp pain in your back or a cramp that does not ease.", de:',
    )
    shown = _shown(_check(copy), copy)
    assert f"content/exercises/bridge.yaml:{line}: stop_if: missing the French (fr) text" in shown


def test_a_missing_translation_of_a_button_is_reported_at_its_source_line(copy: Path) -> None:
    line = _line_of(copy / "messages.yaml", "  step_skip:")
    _edit(copy / "locales" / "fr.po", 'msgctxt "step_skip"\nmsgid "Skip"\nmsgstr "Passer"\n', "")
    shown = _shown(_check(copy), copy)
    assert (
        f"content/messages.yaml:{line}: step_skip: no fr translation in locales/fr.po: 'Skip'"
        in shown
    )


def test_an_unknown_exercise_in_a_programme_is_reported_at_its_line(copy: Path) -> None:
    line = _edit(
        copy / "programmes" / "knee-oa.yaml",
        "{exercise: heel-slide, level: 1}",
        "{exercise: heel-slid}",
    )
    shown = _shown(_check(copy), copy)
    assert f"content/programmes/knee-oa.yaml:{line}: unknown exercise 'heel-slid'" in shown


def test_an_over_long_caption_is_reported_for_the_exercise_with_a_picture(copy: Path) -> None:
    _edit(
        copy / "exercises" / "sit-to-stand.yaml",
        '    - "Rasseyez-vous lentement, en contrôle."',
        '    - "' + "Rasseyez-vous lentement. " * 45 + '"',
    )
    shown = _shown(_check(copy), copy)
    over = [line for line in shown if "a photo caption allows 1024" in line]
    level_1 = _line_of(copy / "exercises" / "sit-to-stand.yaml", "  - level: 1")
    assert any(
        line.startswith(f"content/exercises/sit-to-stand.yaml:{level_1}: level 1 step (fr) is ")
        for line in over
    ), shown


def test_an_undefined_template_variable_is_reported_at_its_template_line(copy: Path) -> None:
    at = _edit(copy / "templates" / "session_step.j2", "=item.safety", "=item.securite")
    shown = _shown(_check(copy), copy)
    assert any(
        line.startswith(f"content/templates/session_step.j2:{at}: session_step (fr):")
        and "securite" in line
        for line in shown
    ), shown


def test_the_check_command_prints_file_and_line_and_exits_non_zero(copy: Path) -> None:
    line = _edit(
        copy / "programmes" / "neck-pain.yaml",
        "{exercise: chin-tuck, level: 1}",
        "{exercise: chin-tuk}",
    )
    result = CliRunner().invoke(app, ["content", "check", "--root", str(copy)])
    assert result.exit_code == 1
    assert f"content/programmes/neck-pain.yaml:{line}: unknown exercise 'chin-tuk'" in result.output


def test_callback_data_over_64_bytes_is_caught() -> None:
    from bot.content.check import callback_problem
    from bot.content.located import Problem

    where = Problem(Path("content/x.yaml"), 3, "step")
    assert callback_problem("step:1:done", where) is None
    problem = callback_problem("step:" + "9" * 70, where)
    assert problem is not None and problem.line == 3 and "max 64" in problem.message


def test_a_knee_bent_backwards_is_reported_at_its_line(copy: Path) -> None:
    line = _edit(
        copy / "exercises" / "seated-knee-extension.yaml",
        "- {name: end, knee_l: 0, ankle_l: 10}",
        "- {name: end, knee_l: -15, ankle_l: 10}",
    )
    shown = _shown(_check(copy), copy)
    assert (
        f"content/exercises/seated-knee-extension.yaml:{line}: poses: keyframe 'end': "
        "knee_l -15: a knee cannot bend backwards"
    ) in shown


def test_an_angle_outside_a_joint_range_in_a_level_is_reported_at_its_line(copy: Path) -> None:
    line = _edit(
        copy / "exercises" / "sit-to-stand.yaml",
        "change: {shoulder: 30, elbow: 120}",
        "change: {shoulder: 30, elbow: 190}",
    )
    shown = _shown(_check(copy), copy)
    assert any(
        text.startswith(f"content/exercises/sit-to-stand.yaml:{line}: poses: levels.2.change")
        and "elbow 190 is outside the joint's range 0 to 150" in text
        for text in shown
    ), shown


def test_an_exercise_with_neither_poses_nor_a_clinic_file_is_reported(copy: Path) -> None:
    path = copy / "exercises" / "wall-slide.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("poses:")], encoding="utf-8")
    shown = _shown(_check(copy), copy)
    assert (
        "content/exercises/wall-slide.yaml:1: wall-slide has no picture: "
        "add poses, or a clinic's file under media"
    ) in shown


def test_a_clinic_file_is_enough_without_poses(copy: Path) -> None:
    path = copy / "exercises" / "wall-slide.yaml"
    text = path.read_text(encoding="utf-8")
    media = (
        "  image: media/wall-slide.png\n"
        '  alt: {en: "Hands slide up a wall", fr: "Les mains glissent sur un mur"}\n'
    )
    path.write_text(text[: text.index("poses:")] + "media:\n" + media, encoding="utf-8")
    (copy / "media" / "wall-slide.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert _shown(_check(copy), copy) == []
