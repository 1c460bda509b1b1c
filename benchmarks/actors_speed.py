"""Actor resolution time as a share of spaCy's per-document time on the bundled VOA stories
(issue 3 acceptance: under 10%), and the knowledge base's one-off load time and memory.

    .venv/bin/python benchmarks/actors_speed.py
"""

from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path

from brink import nlp, text
from brink.actors import resolve
from brink.actors.knowledge import knowledge

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "voa" / "voa_stories.jsonl"


def main() -> None:
    stories = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    started = time.perf_counter()
    knowledge()
    load_seconds = time.perf_counter() - started
    knowledge.cache_clear()
    tracemalloc.start()  # a second load, traced: tracing slows it, so it is not the one timed
    knowledge()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    model = nlp.load()
    texts = [story["text"] for story in stories]
    started = time.perf_counter()
    docs = list(model.pipe(texts, batch_size=nlp.BATCH_SIZE))
    spacy_seconds = time.perf_counter() - started
    boilerplate = [text.flag_boilerplate(body) for body in texts]
    started = time.perf_counter()
    for story, doc, flagged in zip(stories, docs, boilerplate):
        resolve(doc, story.get("published"), flagged)
    resolve_seconds = time.perf_counter() - started
    print(f"knowledge base: loaded in {load_seconds:.2f} s, {peak / 1e6:.0f} MB allocated at peak (tracemalloc)")
    print(f"{len(docs)} documents: spaCy {1000 * spacy_seconds / len(docs):.1f} ms/doc, "
          f"actors {1000 * resolve_seconds / len(docs):.2f} ms/doc "
          f"= {100 * resolve_seconds / spacy_seconds:.1f}% of spaCy's time")


if __name__ == "__main__":
    main()
