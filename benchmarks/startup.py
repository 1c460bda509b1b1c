"""Start-up: one-article `brink analyze` against a bare `spacy.load` + parse of the same article,
in one run, as whole processes (CPU seconds, user + system, of each process).

    PYTHONPATH=src python benchmarks/startup.py [ARTICLE] [--runs 5]

The runs alternate (bare, brink without caches, brink with caches, ...) so that a busy machine
slows all three alike; the medians and the ratios brink / bare are printed. "Without caches"
runs each brink with an empty cache folder (BRINK_CACHE_DIR and XDG_CACHE_HOME pointing at a
new temporary folder), "with caches" with one folder warmed by a first run. Target (issue 16):
brink with caches at most 1.5 times bare spaCy.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE = "import sys, spacy; nlp = spacy.load(sys.argv[1]); nlp(open(sys.argv[2], encoding='utf-8').read())"


def cpu_seconds(command: list[str], env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def cache_env(folder: str) -> dict[str, str]:
    return {**os.environ, "BRINK_CACHE_DIR": folder, "XDG_CACHE_HOME": folder}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("article", nargs="?", default=str(ROOT / "examples" / "seed.txt"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from brink import nlp

    bare = [sys.executable, "-c", BARE, nlp.MODEL, args.article]
    brink = [sys.executable, "-m", "brink.cli", "analyze", args.article, "--published", "2022-01-07", "--json"]
    times: dict[str, list[float]] = {"bare": [], "cold": [], "warm": []}
    with tempfile.TemporaryDirectory() as warm:
        cpu_seconds(brink, cache_env(warm))  # fills the caches
        for _ in range(args.runs):
            times["bare"].append(cpu_seconds(bare, dict(os.environ)))
            with tempfile.TemporaryDirectory() as cold:
                times["cold"].append(cpu_seconds(brink, cache_env(cold)))
            times["warm"].append(cpu_seconds(brink, cache_env(warm)))
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"{Path(args.article).name}, {args.runs} runs each, median CPU seconds per process")
    print(f"bare spacy.load + parse:      {median['bare']:.2f} s")
    print(f"brink analyze without caches: {median['cold']:.2f} s  ({median['cold'] / median['bare']:.2f} x bare)")
    print(f"brink analyze with caches:    {median['warm']:.2f} s  ({median['warm'] / median['bare']:.2f} x bare; "
          "target <= 1.5)")


if __name__ == "__main__":
    main()
