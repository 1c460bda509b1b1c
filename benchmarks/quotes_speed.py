"""Quote extraction time as a share of spaCy's per-document time (issue 4 acceptance: under 10%),
on the bundled VOA stories and the seed. Each document is parsed once; extraction runs on the
parsed Doc with the actors the pipeline would hand it, so only the quotes stage is timed.

    .venv/bin/python benchmarks/quotes_speed.py
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from brink import actors, nlp, quotes, text

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 5  # extraction is fast: repeat it to time it above the clock's noise


def main() -> None:
    bodies = [json.loads(line)["text"] for line in (ROOT / "examples" / "voa" / "voa_stories.jsonl").open()]
    bodies.append((ROOT / "examples" / "seed.txt").read_text(encoding="utf-8"))
    model = nlp.load()
    model("warm up")
    parse_seconds = extract_seconds = 0.0
    found = 0
    for body in bodies:
        started = time.perf_counter()
        doc = model(body)
        parse_seconds += time.perf_counter() - started
        boilerplate = text.flag_boilerplate(body)
        resolved = actors.resolve(doc, None, boilerplate)
        started = time.perf_counter()
        for _ in range(REPEATS):
            found_here = quotes.extract(doc, resolved, boilerplate)
        extract_seconds += (time.perf_counter() - started) / REPEATS
        found += len(found_here)
    share = extract_seconds / parse_seconds
    print(f"{len(bodies)} documents, {found} quotes")
    print(f"spaCy   {1000 * parse_seconds / len(bodies):7.2f} ms/document")
    print(f"quotes  {1000 * extract_seconds / len(bodies):7.2f} ms/document  ({share:.1%} of spaCy; target < 10%)")


if __name__ == "__main__":
    main()
