"""What each stage adds to spaCy's per-document time, and the one-off cost of loading its data.

    .venv/bin/python benchmarks/stage_costs.py [TEXTS.jsonl] [--limit N]

TEXTS defaults to the bundled VOA stories; PolNeAR's dev.jsonl works too. Each document is parsed
once (nlp.pipe, one process), then every stage runs on the parsed Doc in pipeline order and is
timed on its own. Targets (issues 3-5): actors < 10%, quotes < 10%, events + time < 15%. The
actors' entity repair is a pipeline component, so spaCy's time includes it; it is timed again on
its own ("name repair") so that actors + name repair can be read against the 10%.
"""

from __future__ import annotations

import argparse
import json
import time as clock
import tracemalloc
from collections import defaultdict
from pathlib import Path

from brink import actors, events, nlp, quotes, text, time
from brink.actors import names
from brink.actors.knowledge import knowledge
from brink.events import lexicon

VOA = Path(__file__).resolve().parent.parent / "examples" / "voa" / "voa_stories.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("texts", type=Path, nargs="?", default=VOA)
    parser.add_argument("--limit", type=int, default=100)
    args = parser.parse_args()
    if not args.texts.exists():
        print(f"skipped: {args.texts} not found")
        return
    records = [json.loads(line) for line in args.texts.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = records[: args.limit]
    report_loads()
    model = nlp.load()
    model("warm up")
    started = clock.perf_counter()
    docs = list(model.pipe((r["text"] for r in records), batch_size=nlp.BATCH_SIZE))
    spacy_seconds = clock.perf_counter() - started
    seconds = time_stages(records, docs)
    print(f"{len(docs)} documents: spaCy {1000 * spacy_seconds / len(docs):.1f} ms/doc")
    for stage, spent in seconds.items():
        print(f"  {stage:12} {1000 * spent / len(docs):6.2f} ms/doc = {100 * spent / spacy_seconds:5.1f}% of spaCy's time")
    total = sum(seconds.values())
    print(f"  {'all stages':12} {1000 * total / len(docs):6.2f} ms/doc = {100 * total / spacy_seconds:5.1f}% of spaCy's time")


def report_loads() -> None:
    # the cached loaders themselves, so that a second, traced load really loads
    for name, load, arguments in (("actor knowledge base", knowledge, ()), ("trigger lexicon", lexicon._load, (None,))):
        started = clock.perf_counter()
        load(*arguments)
        seconds = clock.perf_counter() - started
        load.cache_clear()
        tracemalloc.start()  # a second load, traced: tracing slows it, so it is not the one timed
        load(*arguments)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"{name}: loaded in {seconds:.2f} s, {peak / 1e6:.0f} MB allocated at peak")


def time_stages(records: list[dict], docs: list) -> dict[str, float]:
    spent: dict[str, float] = defaultdict(float)

    def timed(stage, function, *arguments):
        started = clock.perf_counter()
        result = function(*arguments)
        spent[stage] += clock.perf_counter() - started
        return result

    for record, doc in zip(records, docs):
        published = time.normalise_published(record.get("published"))
        flagged = timed("boilerplate", text.flag_boilerplate, record["text"])
        timed("name repair", names.repair_names, doc)  # part of the pipeline (timed in spaCy's too): run again here
        resolved = timed("actors", actors.resolve, doc, published, flagged)
        found_quotes = timed("quotes", quotes.extract, doc, resolved, flagged)
        found_events = timed("events", events.extract, doc, resolved, found_quotes, flagged)
        placed = timed("time", time.resolve, found_events, doc, published)
        timed("events", events.merge_retellings, placed)
    return dict(spent)


if __name__ == "__main__":
    main()
