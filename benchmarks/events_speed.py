"""Event extraction (events + time stages) as a share of spaCy's per-document time on the
bundled VOA stories (issue 5 acceptance: under 15%), and the lexicon's one-off load time.

    .venv/bin/python benchmarks/events_speed.py
"""

from __future__ import annotations

import json
import time as clock
from pathlib import Path

from brink import actors, events, nlp, quotes, text, time
from brink.events import lexicon

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "voa" / "voa_stories.jsonl"


def main() -> None:
    stories = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    started = clock.perf_counter()
    lexicon.load()
    load_seconds = clock.perf_counter() - started
    model = nlp.load()
    texts = [story["text"] for story in stories]
    started = clock.perf_counter()
    docs = list(model.pipe(texts, batch_size=nlp.BATCH_SIZE))
    spacy_seconds = clock.perf_counter() - started
    inputs = []
    for story, doc, body in zip(stories, docs, texts):
        published = time.normalise_published(story.get("published"))
        flagged = text.flag_boilerplate(body)
        resolved = actors.resolve(doc, published, flagged)
        inputs.append((doc, resolved, quotes.extract(doc, resolved, flagged), flagged, published))
    started = clock.perf_counter()
    count = 0
    for doc, resolved, found_quotes, flagged, published in inputs:
        found = time.resolve(events.extract(doc, resolved, found_quotes, flagged), doc, published)
        count += len(found)
    events_seconds = clock.perf_counter() - started
    print(f"trigger lexicon: loaded in {load_seconds:.2f} s")
    print(f"{len(docs)} documents, {count} events: spaCy {1000 * spacy_seconds / len(docs):.1f} ms/doc, "
          f"events {1000 * events_seconds / len(docs):.2f} ms/doc "
          f"= {100 * events_seconds / spacy_seconds:.1f}% of spaCy's time")


if __name__ == "__main__":
    main()
