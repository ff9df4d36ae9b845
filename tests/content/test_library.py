"""The exercise library and programmes cover what the clinic asked for, in both languages."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app
from bot.content import Content
from bot.content.models import EXERCISE_TYPES, REGIONS


def test_the_library_has_at_least_40_exercises_of_every_type_and_region(content: Content) -> None:
    exercises = content.exercises.values()
    assert len(content.exercises) >= 40
    assert {e.type for e in exercises} == set(EXERCISE_TYPES)
    assert {e.region for e in exercises} == set(REGIONS)


def test_every_exercise_has_a_ladder_cues_safety_and_stop_if_in_both_languages(
    content: Content,
) -> None:
    for exercise in content.exercises.values():
        assert len(exercise.levels) >= 3, exercise.id
        for lang in ("en", "fr"):
            assert 2 <= len(exercise.cues[lang]) <= 4, exercise.id
            assert exercise.safety[lang] and exercise.stop_if[lang], exercise.id
            assert all(level.name[lang] for level in exercise.levels), exercise.id


def test_the_six_condition_programmes_name_their_source_and_keep_sessions_short(
    content: Content,
) -> None:
    wanted = {"knee-oa", "low-back-pain", "rotator-cuff", "ankle-sprain", "neck-pain"}
    assert wanted | {"falls-prevention"} <= set(content.programmes)
    for programme in content.programmes.values():
        assert programme.source.strip()
        for phase in programme.phases:
            assert 3 <= len(phase.exercises) <= 5, programme.id


def test_every_exercise_has_a_picture_its_poses_or_a_clinic_file(content: Content) -> None:
    for exercise in content.exercises.values():
        local = content.media_path(exercise)
        assert exercise.poses is not None or (isinstance(local, Path) and local.is_file())


def test_preview_prints_what_a_french_patient_sees_on_a_programme_day() -> None:
    result = CliRunner().invoke(
        app,
        ["content", "preview", "--programme", "falls-prevention", "--day", "30", "--lang", "fr"],
    )
    assert result.exit_code == 0, result.output
    assert "phase 2. Développer l'équilibre" in result.output
    assert "Séance du jour : 5 exercices" in result.output  # tags removed, as Telegram shows it
    assert "[Commencer ▶️]" in result.output and "[animation: " in result.output


def test_list_filters_exercises_by_type_region_and_equipment() -> None:
    result = CliRunner().invoke(
        app, ["content", "list", "--region", "shoulder", "--equipment", "band", "--json"]
    )
    assert result.exit_code == 0, result.output
    import json

    found = json.loads(result.output)
    assert [e["id"] for e in found["exercises"]] == ["band-external-rotation"]
    assert [p["id"] for p in found["programmes"]] == ["rotator-cuff"]
