"""Cross-validation on the train split only, by family: the tuning loop never sees heldout.

    python -m tools.triage_corpus.crossval [--misses] [--choose]

The training messages are cut into four folds by paraphrase family (a message and its
rewordings stay in one fold). Each fold is read by a classifier fitted on the other three,
with the clinic's rules as shipped, so every figure is on messages the model did not learn.

``--choose`` calibrates the classifier's thresholds (``warning_signs.yaml``: ``doubt``,
``sure``, ``routine_doubt``, ``emergency_doubt`` and the ``overrule`` of each level) on those
same out-of-fold
readings, by coordinate descent from the shipped values (see ``choose``). Each candidate is
scored by a cost: a missed emergency counts as COST["emergency"] false alarms, a missed
urgent message as COST["urgent"], a missed routine one or a lost negated mention as
COST["routine"], and each false alarm as 1. The cheapest candidate wins, the value in hand on
a tie (the shipped thresholds stay whenever the data cannot tell), among those that raise or
ask about at most EVERYDAY_MAX of the everyday messages, typed button labels left out of that
count (a bot that asks about everything is not used).
"""

from __future__ import annotations

import random
import sys
from collections.abc import Sequence

from bot.content import DEFAULT_CONTENT_DIR
from bot.content.warning_signs import load_warning_signs
from bot.rules.classifier import Prediction, context_tokens
from bot.rules.levels import AlertLevel
from bot.rules.triage import Triage, decide
from bot.rules.warning_signs import (
    SEVERITY,
    Detection,
    Thresholds,
    WarningSignRules,
    detect_tokens,
)
from bot.triage.corpus import CORPUS_FILE, Row, class_of, read_rows
from bot.triage.evaluate import Rate, Report, decided, evaluate
from bot.triage.train import fit_classifier, fit_context

FOLDS = 4
COST = {"emergency": 20, "urgent": 10, "routine": 2}
EVERYDAY_MAX = 0.05  # a candidate that asks about more everyday messages than this is out
DOUBT = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)
SURE = (0.5, 0.6, 0.7, 0.8, 0.9)
GRID = (1.0, 0.995, 0.99, 0.98, 0.97, 0.96, 0.95, 0.93, 0.9, 0.87, 0.85, 0.8, 0.75, 0.7)

Readings = dict[str, tuple[Detection, Prediction | None, Prediction | None]]


def out_of_fold(rules: WarningSignRules, rows: Sequence[Row]) -> Readings:
    """Each message read by the rules and by a classifier that never saw its family."""
    families = sorted({r.family for r in rows})
    random.Random(7).shuffle(families)
    fold_of = {f: i % FOLDS for i, f in enumerate(families)}
    tokens = {r.text: rules.normaliser.tokens(r.text) for r in rows}
    readings: Readings = {}
    for fold in range(FOLDS):
        train = [r for r in rows if fold_of[r.family] != fold]
        model, _ = fit_classifier([tokens[r.text] for r in train], [class_of(r) for r in train])
        context = fit_context(rules, train, [tokens[r.text] for r in train])
        for r in rows:
            if fold_of[r.family] == fold:
                found = tokens[r.text]
                detection = detect_tokens(found, rules)
                readings[r.text] = (
                    detection,
                    model.predict(found) if found else None,
                    context.predict(context_tokens(found, rules.sign_words))
                    if context is not None and detection.signs
                    else None,
                )
    return readings


def report_at(
    rules: WarningSignRules, rows: Sequence[Row], readings: Readings, limits: Thresholds
) -> Report:
    def read(text: str) -> Triage:
        found, prediction, context = readings[text]
        return decide(found, prediction, rules, limits, context)

    return evaluate(rows, rules, read)


def cost(report: Report) -> int:
    """The weighted count of mistakes (see the module's docstring)."""
    total = 0
    for row, found in report.misses:
        if row.expected == "benign":
            total += 1
        elif row.expected == "confirm":
            total += COST["routine"]
        elif row.expected == "emergency" and (
            found.level is None or SEVERITY[found.level] < SEVERITY[AlertLevel.URGENT]
        ):
            total += 2 * COST["emergency"]  # not even urgent: the worst miss
        else:
            total += COST[row.expected]
    return total


def choose(rules: WarningSignRules, rows: Sequence[Row], readings: Readings) -> Thresholds:
    """The thresholds of least cost, by coordinate descent from the shipped ones: each value
    in turn (``doubt``, ``sure``, ``routine_doubt``, then the overrule thresholds, most
    serious level first) moves to its cheapest candidate with the others held, and the
    rounds repeat until a whole round changes nothing. A candidate must cost strictly less to
    replace the value in hand, so the shipped thresholds stay whenever the data cannot tell."""
    limits = rules.thresholds
    best = _scored(rules, rows, readings, limits)
    for round_number in range(1, MAX_ROUNDS + 1):
        changed = False
        for name, grid in _AXES:
            for value in grid:
                trial = _with(limits, name, value)
                if trial is None or trial == limits:
                    continue
                found = _scored(rules, rows, readings, trial)
                if found < best:
                    best, limits, changed = found, trial, True
            print(f"  round {round_number} {name:<20} {_value(limits, name)!s:<6} cost {best}")
        if not changed:
            break
    return limits


MAX_ROUNDS = 4
EMERGENCY_DOUBT = (None, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15)
_AXES: tuple[tuple[str, tuple[float | None, ...]], ...] = (
    ("doubt", DOUBT),
    ("sure", SURE),
    ("routine_doubt", DOUBT),
    ("emergency_doubt", EMERGENCY_DOUBT),
    ("overrule.emergency", GRID),
    ("overrule.urgent", GRID),
    ("overrule.routine", GRID),
)


def _value(limits: Thresholds, name: str) -> float | None:
    if name.startswith("overrule."):
        return float(getattr(limits.overrule, name.split(".", 1)[1]))
    found: float | None = getattr(limits, name)
    return found


def _with(limits: Thresholds, name: str, value: float | None) -> Thresholds | None:
    """These thresholds with one value changed, or None when the pair would be out of order."""
    if name.startswith("overrule."):
        level = name.split(".", 1)[1]
        return limits.model_copy(
            update={"overrule": limits.overrule.model_copy(update={level: value})}
        )
    trial = limits.model_copy(update={name: value})
    return None if trial.doubt > trial.sure else trial


def _scored(
    rules: WarningSignRules, rows: Sequence[Row], readings: Readings, limits: Thresholds
) -> tuple[int, int]:
    """The cost at these thresholds, after how many everyday messages they ask about beyond
    EVERYDAY_MAX (0 when within it): a start that asks about too many moves first to
    thresholds that do not."""
    report = report_at(rules, rows, readings, limits)
    everyday = everyday_alarms(report, rows)
    beyond = max(0, everyday.hits - int(EVERYDAY_MAX * everyday.total))
    return beyond, cost(report)


def everyday_alarms(report: Report, rows: Sequence[Row]) -> Rate:
    """The everyday messages raised or asked about, without the typed button labels
    (``-everyday-button-`` families): short and easy, they would make the everyday limit
    looser without being the everyday talk it is meant to protect."""
    kept = [r for r in rows if _talk(r)]
    hits = sum(1 for row, found in report.misses if _talk(row))
    return Rate("false alarms, everyday talk", hits, len(kept))


def _talk(row: Row) -> bool:
    return row.expected == "benign" and row.kind != "look-alike" and "-button-" not in row.family


def _summary(report: Report) -> str:
    return (
        f"E {100 * report.rate('EMERGENCY recall').value:5.1f}%  "
        f"U {100 * report.rate('URGENT recall').value:5.1f}%  "
        f"R {100 * report.rate('ROUTINE recall').value:5.1f}%  "
        f"look-alike alarms {100 * report.rate('false alarms, look-alikes').value:4.1f}%"
    )


def main() -> None:
    rules = load_warning_signs(DEFAULT_CONTENT_DIR)
    rows = [r for r in read_rows(DEFAULT_CONTENT_DIR / CORPUS_FILE) if r.split == "train"]
    readings = out_of_fold(rules, rows)
    limits = choose(rules, rows, readings) if "--choose" in sys.argv else rules.thresholds
    report = report_at(rules, rows, readings, limits)
    print(f"{len(rows)} training messages, {FOLDS} folds by family, thresholds {limits}")
    print("\n".join(report.lines()))
    if "--misses" in sys.argv:
        for row, found in report.misses:
            print(
                f"  [{row.expected} {row.sign or '-'} -> {decided(found)} {found.layer}] {row.text}"
            )


if __name__ == "__main__":
    main()
