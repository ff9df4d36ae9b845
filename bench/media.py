"""The drawn exercise pictures, timed: ``python -m bench.media [--repeat 3] [--workers 2]``.

Draws every still and animation of the library into an empty folder (what
``companion content media build`` does on a fresh install), ``--repeat`` times, then once
more into the full folder (nothing to draw). Prints one JSON line per run and a summary:
seconds, files, MB, and the largest GIF. See docs/benchmarks.md, "Exercise pictures".
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from bot.content import load_content
from bot.media import cache


def _run(folder: Path, workers: int) -> dict[str, float]:
    content = load_content()
    todo = cache.jobs(list(content.exercises.values()))
    started = time.perf_counter()
    made = cache.build(folder, todo, workers)
    seconds = time.perf_counter() - started
    gifs = [p.stat().st_size for p in made if p.suffix == ".gif"]
    return {
        "seconds": round(seconds, 2),
        "files": len(made),
        "mb": round(sum(p.stat().st_size for p in made) / 1_000_000, 2),
        "largest_gif_kb": round(max(gifs) / 1000),
        "median_gif_kb": round(statistics.median(gifs) / 1000),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    cold = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as folder:
            result = _run(Path(folder), args.workers)
            cold.append(result)
            print(json.dumps({"run": "empty cache", "workers": args.workers, **result}))
            if len(cold) == args.repeat:
                warm = _run(Path(folder), args.workers)
                print(json.dumps({"run": "full cache", "workers": args.workers, **warm}))
    median = statistics.median(r["seconds"] for r in cold)
    print(json.dumps({"summary": "median empty-cache build", "seconds": median, "limit": 120}))


if __name__ == "__main__":
    main()
