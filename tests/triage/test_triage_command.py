"""``companion triage``: one JSON line per message, from stdin or a CSV file."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app

runner = CliRunner()


def lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_triage_reads_one_message_per_line_from_stdin() -> None:
    result = runner.invoke(
        app, ["triage"], input="I fell and hit my head\npas de douleur\nno chest pain but...\n"
    )
    assert result.exit_code == 0, result.output
    assert lines(result.stdout) == [
        {
            "level": "emergency",
            "signs": ["fall-injury", "fall-or-dizzy-spell"],
            "needs_confirmation": False,
        },
        {"level": "none", "signs": [], "needs_confirmation": False},
        {"level": "emergency", "signs": ["chest-pain"], "needs_confirmation": True},
    ]


def test_triage_reads_a_csv_column_in_one_language(tmp_path: Path) -> None:
    messages = tmp_path / "messages.csv"
    messages.write_text(
        'id,message\n1,"Mon mollet est enflé, rouge"\n2,douleur à la poitrine\n', encoding="utf-8"
    )
    result = runner.invoke(
        app, ["triage", "--csv", str(messages), "--column", "message", "--lang", "fr"]
    )
    assert result.exit_code == 0, result.output
    assert [line["level"] for line in lines(result.stdout)] == ["urgent", "emergency"]
    english_only = runner.invoke(
        app,
        ["triage", "--csv", str(messages), "--column", "message", "--lang", "en", "--rules-only"],
    )
    assert [line["level"] for line in lines(english_only.stdout)] == ["none", "none"]


def test_a_csv_without_the_text_column_fails_with_one_clear_line(tmp_path: Path) -> None:
    messages = tmp_path / "messages.csv"
    messages.write_text("id,body\n1,hello\n", encoding="utf-8")
    result = runner.invoke(app, ["triage", "--csv", str(messages)])
    assert result.exit_code == 1
    assert "no 'text' column" in result.output


def test_an_unknown_language_is_refused() -> None:
    result = runner.invoke(app, ["triage", "--lang", "de"], input="hello\n")
    assert result.exit_code == 1
    assert "--lang must be one of: en, fr" in result.output


def test_a_broken_rules_file_is_reported_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "warning_signs.yaml").write_text("languages: [en]\n", encoding="utf-8")
    result = runner.invoke(app, ["triage", "--content", str(tmp_path)], input="hello\n")
    assert result.exit_code == 1
    assert "Cannot read the warning-sign rules" in result.output


def test_explain_says_which_layer_decided_how_sure_and_why() -> None:
    result = runner.invoke(app, ["triage", "--explain"], input="I fell and hit my head\nhello\n")
    assert result.exit_code == 0, result.output
    head, hello = lines(result.stdout)
    assert head["level"] == "emergency" and head["layer"] in ("rules", "rules+classifier")
    assert 0 < float(head["confidence"]) <= 1  # type: ignore[arg-type]
    assert any(str(reason).startswith("rules: fall-injury") for reason in head["why"])  # type: ignore[union-attr]
    assert hello["level"] == "none" and hello["layer"] == "none"


def test_eval_prints_recall_with_intervals_false_alarms_and_a_confusion_table(
    tmp_path: Path,
) -> None:
    labelled = tmp_path / "labelled.tsv"
    labelled.write_text(
        "lang\texpected\tsign\tkind\ttext\n"
        "en\temergency\tchest-pain\tsign\tmy chest is tight and heavy\n"
        "en\turgent\tdvt\tsign\tmy calf is swollen and red\n"
        "en\tbenign\t\tlook-alike\tmy phone fell off the table\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["triage", "eval", str(labelled)])
    assert result.exit_code == 0, result.output
    assert "EMERGENCY recall" in result.stdout and "1/1" in result.stdout
    assert "[ 20.7, 100.0]" in result.stdout  # the Wilson interval of 1 out of 1
    assert "false alarms, look-alikes" in result.stdout
    assert "Confusion" in result.stdout


def test_eval_refuses_a_file_with_an_unknown_label(tmp_path: Path) -> None:
    labelled = tmp_path / "labelled.tsv"
    labelled.write_text("expected\ttext\nscary\thello\n", encoding="utf-8")
    result = runner.invoke(app, ["triage", "eval", str(labelled)])
    assert result.exit_code == 1 and "expected must be one of" in result.output
