"""The triage benchmark: ``python -m bench.triage [--runs 2000]``.

1. Triage time of one 4,096-character message (Telegram's longest), both layers, after a
   warm-up: the median, p99 and worst of ``--runs`` runs, on three kinds of message (a long
   rambling one with a sign near the end, a long harmless one, and one full of typos that
   the normaliser must repair). The p99 of the thread's CPU time is printed too: on a
   machine shared with other work, wall-clock time mostly measures the others.
2. What loading the model adds to start-up: reading ``content/triage/model.npz`` and the
   lexicon in a fresh process (the median of ``--repeat`` processes), against loading the
   rules without them.

Prints a Markdown table (docs/benchmarks.md keeps the figures).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from bot.content import DEFAULT_CONTENT_DIR
from bot.content.warning_signs import load_warning_signs
from bot.rules.classifier import MODEL_FILE, load_classifier
from bot.rules.triage import triage

LIMIT = 4096
FILLER = (
    "Today I walked to the pharmacy with my neighbour and then did my exercises, the bridges "
    "and the heel raises, slowly like the video shows. The weather was nice. "
)
MESSAGES = {
    "long, sign at the end": FILLER,
    "long, harmless": FILLER.replace("pharmacy", "market"),
    "long, typos": "I did the brigdes and the hele raises but my kneee is stiif and ",
}
ENDINGS = {
    "long, sign at the end": "Now my chest feels tight and heavy.",
    "long, harmless": "All good.",
    "long, typos": "my calff is swolen.",
}


def message(kind: str) -> str:
    ending = ENDINGS[kind]
    body = MESSAGES[kind] * (LIMIT // len(MESSAGES[kind]) + 1)
    return (body[: LIMIT - len(ending) - 1] + " " + ending)[:LIMIT]


def time_triage(runs: int) -> list[tuple[str, float, float, float, float]]:
    rules = load_warning_signs(DEFAULT_CONTENT_DIR)
    classifier = load_classifier(DEFAULT_CONTENT_DIR / MODEL_FILE)
    rows = []
    for kind in MESSAGES:
        text = message(kind)
        assert len(text) == LIMIT
        for _ in range(20):
            triage(text, rules, classifier)
        found, cpu = [], []
        for n in range(runs):
            varied = text[:-1] + "?!."[n % 3]  # not the same string twice in a row
            started, cpu_started = time.perf_counter(), time.thread_time()
            triage(varied, rules, classifier)
            found.append((time.perf_counter() - started) * 1000)
            cpu.append((time.thread_time() - cpu_started) * 1000)
        found.sort()
        cpu.sort()
        p99 = int(0.99 * len(found)) - 1
        rows.append((kind, statistics.median(found), found[p99], found[-1], cpu[p99]))
    return rows


LOAD = """
import time
started = time.perf_counter()
from bot.content import DEFAULT_CONTENT_DIR
from bot.content.warning_signs import load_warning_signs
rules = load_warning_signs(DEFAULT_CONTENT_DIR)
{extra}
print(time.perf_counter() - started)
"""
MODEL = """
from bot.rules.classifier import MODEL_FILE, load_classifier
load_classifier(DEFAULT_CONTENT_DIR / MODEL_FILE)
"""


def time_load(repeat: int) -> tuple[float, float]:
    def one(extra: str) -> float:
        code = LOAD.format(extra=extra)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
        return float(out.stdout)

    without = statistics.median(one("") for _ in range(repeat))
    with_model = statistics.median(one(MODEL) for _ in range(repeat))
    return without, with_model


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print("| Message (4,096 characters) | median | p99 | worst | p99 of CPU time |")
    print("| --- | --- | --- | --- | --- |")
    for kind, median, p99, worst, cpu in time_triage(args.runs):
        print(f"| {kind} | {median:.2f} ms | {p99:.2f} ms | {worst:.2f} ms | {cpu:.2f} ms |")
    without, with_model = time_load(args.repeat)
    loads = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        load_classifier(DEFAULT_CONTENT_DIR / MODEL_FILE)
        loads.append(time.perf_counter() - started)
    print()
    print("| Start-up, fresh process | seconds |")
    print("| --- | --- |")
    print(f"| rules, forms and lexicon | {without:.3f} |")
    print(f"| the same and the model | {with_model:.3f} |")
    print(f"| added by the model (difference of medians) | {with_model - without:.3f} |")
    print(f"| **reading the model alone, in process** | **{statistics.median(loads):.3f}** |")


if __name__ == "__main__":
    main()
