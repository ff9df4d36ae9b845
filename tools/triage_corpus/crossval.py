"""Cross-validation on the train split only, by family: the tuning loop never sees heldout.

python -m tools.triage_corpus.crossval [--misses]
"""

from __future__ import annotations

import random
import sys

from bot.content import DEFAULT_CONTENT_DIR
from bot.rules.triage import triage
from bot.rules.warning_signs import load_warning_signs
from bot.triage.corpus import CORPUS_FILE, class_of, read_rows
from bot.triage.evaluate import decided, evaluate
from bot.triage.train import fit_classifier

FOLDS = 4


def main() -> None:
    rules = load_warning_signs(DEFAULT_CONTENT_DIR)
    rows = [r for r in read_rows(DEFAULT_CONTENT_DIR / CORPUS_FILE) if r.split == "train"]
    families = sorted({r.family for r in rows})
    random.Random(7).shuffle(families)
    fold_of = {f: i % FOLDS for i, f in enumerate(families)}
    decisions = {}
    for fold in range(FOLDS):
        train = [r for r in rows if fold_of[r.family] != fold]
        model, _ = fit_classifier(
            [rules.normaliser.tokens(r.text) for r in train], [class_of(r) for r in train]
        )
        for r in rows:
            if fold_of[r.family] == fold:
                decisions[r.text] = triage(r.text, rules, model)
    report = evaluate(rows, rules, lambda text: decisions[text])
    print("\n".join(report.lines()))
    if "--misses" in sys.argv:
        for row, found in report.misses:
            print(
                f"  [{row.expected} {row.sign or '-'} -> {decided(found)} {found.layer}] {row.text}"
            )


if __name__ == "__main__":
    main()
