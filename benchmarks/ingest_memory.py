"""Peak memory of `brink ingest` over 10,000 documents, and whether it grows with the count.

    python benchmarks/ingest_memory.py ../shared/data/polnear/train.jsonl [--documents 10000] [--workers 2]

The texts are repeated with changed ids (and a changed first word, so they are not exact
copies) until there are `--documents` of them. RSS of the ingest process and its workers is
sampled every 250 documents; the script prints the peak and the RSS at each tenth of the run.
Skips (exit 0) when the texts file is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from brink import ingest

_SAMPLE_EVERY = 250


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("texts", type=Path)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not args.texts.exists():
        print(f"skipped: {args.texts} not found")
        return
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "texts.jsonl"
        _write_repeated(args.texts, source, args.documents)
        samples: list[tuple[int, float]] = []

        def sample(counts: ingest.Counts) -> None:
            if counts.done % _SAMPLE_EVERY == 0:
                samples.append((counts.done, _tree_rss_mb()))

        started = time.monotonic()
        summary = ingest.ingest([str(source)], str(Path(folder) / "brink.duckdb"), workers=args.workers,
                                on_progress=sample)
        seconds = time.monotonic() - started
    counts = summary.counts
    print(f"{counts.done} documents: {counts.stored} stored, {counts.duplicates} duplicates, {counts.skipped} skipped, "
          f"{counts.failed} failed in {seconds:.0f} s ({counts.done / seconds:.1f} docs/s, {args.workers} workers)")
    peak = max(rss for _, rss in samples)
    print(f"peak RSS (ingest process + workers): {peak:,.0f} MB (limit 2,500 MB)")
    tenth = max(1, len(samples) // 10)
    print("RSS along the run: " + ", ".join(f"{done}: {rss:,.0f} MB" for done, rss in samples[::tenth]))
    sys.exit(0 if peak < 2500 else 1)


def _write_repeated(texts: Path, target: Path, count: int) -> None:
    with open(texts, encoding="utf-8") as handle:
        bodies = [json.loads(line)["text"] for line in handle if line.strip()]
    with open(target, "w", encoding="utf-8") as out:
        for number in range(count):
            body = bodies[number % len(bodies)]
            round_ = number // len(bodies)
            out.write(json.dumps({"id": f"doc{number}", "text": f"Copy{round_} {body}" if round_ else body}) + "\n")


def _tree_rss_mb() -> float:
    """Resident memory of this process and its children (the analysis workers), in MB."""
    me = os.getpid()
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            if int(entry) == me or int(fields[1]) == me:
                total += int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    return total / 1e6


if __name__ == "__main__":
    main()
