"""Time and peak memory of `brink.analyze` on one long document, 10,000 / 100,000 / 1,000,000
characters, in one run.

    PYTHONPATH=src python benchmarks/long_document.py [--sizes 10000,100000,1000000]

Each document is the bundled VOA stories (examples/voa/voa_stories.jsonl) joined by blank lines,
repeated as needed and cut at the size. Each size runs in a fresh process that loads the model
and data first (not timed), then analyses the document: the time is that analysis, the memory the
process's peak resident size. Targets (issue 16): 1,000,000 characters at most 12 times the
100,000 one, and under 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

STORIES = Path(__file__).resolve().parent.parent / "examples" / "voa" / "voa_stories.jsonl"


def document(size: int) -> str:
    stories = [json.loads(line)["text"] for line in STORIES.read_text(encoding="utf-8").splitlines() if line.strip()]
    text = ""
    while len(text) < size:
        text += "\n\n".join(stories) + "\n\n"
    cut = text.rfind("\n\n", 0, size)  # end at a paragraph, as a real document would
    return text[:cut if cut > size // 2 else size]


def measure(size: int) -> dict:
    """In this process: load everything, then analyse one document of `size` characters."""
    from brink import pipeline

    pipeline.warm_up()
    text = document(size)
    started = time.process_time()
    article = pipeline.analyze(text, "2025-03-14")
    seconds = time.process_time() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    return {"chars": len(text), "seconds": seconds, "peak_mb": peak_mb, "events": len(article.events),
            "quotes": len(article.quotes), "actors": len(article.actors)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated character counts")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child process's job
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    results = {}
    for size in (int(s) for s in args.sizes.split(",")):
        child = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True,
                               check=True)
        results[size] = json.loads(child.stdout.strip().splitlines()[-1])
        r = results[size]
        print(f"{r['chars']:>9,} chars: {r['seconds']:7.1f} s  peak {r['peak_mb']:6.0f} MB  "
              f"({r['events']} events, {r['quotes']} quotes, {r['actors']} actors)", flush=True)
    if 100_000 in results and 1_000_000 in results:
        ratio = results[1_000_000]["seconds"] / results[100_000]["seconds"]
        print(f"1,000,000 / 100,000 time ratio: {ratio:.1f} (target <= 12); "
              f"1,000,000 peak {results[1_000_000]['peak_mb'] / 1024:.2f} GB (target < 1.5)")


if __name__ == "__main__":
    main()
