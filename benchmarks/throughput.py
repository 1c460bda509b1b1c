"""brink extract docs/s against bare spaCy docs/s on the same texts, in one run.

    python benchmarks/throughput.py TEXTS.jsonl [--workers 2] [--limit N]

Bare spaCy is the full small pipeline (`nlp.pipe`, n_process = workers); brink is
`pipeline.analyze_many` (every stage, the same number of processes). The ratio is brink / spaCy.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import spacy

from brink import nlp, pipeline
from brink.records import Article, Document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("texts", type=Path, help="JSON Lines with `id` and `text`")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="use the first N texts (0: all)")
    args = parser.parse_args()
    documents = _documents(args.texts, args.limit)
    characters = sum(len(d.text) for d in documents)
    print(f"{len(documents)} texts, {characters / len(documents):,.0f} characters each on average, "
          f"{args.workers} processes")

    spacy_rate = _rate(len(documents), lambda: _bare_spacy(documents, args.workers))
    print(f"bare spaCy ({nlp.MODEL}, nlp.pipe): {spacy_rate:.2f} docs/s")
    brink_rate = _rate(len(documents), lambda: _brink(documents, args.workers))
    print(f"brink extract (analyze_many):       {brink_rate:.2f} docs/s")
    print(f"ratio brink / spaCy: {brink_rate / spacy_rate:.2f} (target >= 0.8)")


def _documents(path: Path, limit: int) -> list[Document]:
    documents = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            documents.append(Document(id=str(record["id"]), text=record["text"]))
            if limit and len(documents) == limit:
                break
    return documents


def _rate(count: int, run) -> float:
    started = time.perf_counter()
    produced = run()
    seconds = time.perf_counter() - started
    assert produced == count, f"{produced} of {count} documents came back"
    return count / seconds


def _bare_spacy(documents: list[Document], workers: int) -> int:
    model = spacy.load(nlp.MODEL)
    return sum(1 for _ in model.pipe((d.text for d in documents), n_process=workers, batch_size=nlp.BATCH_SIZE))


def _brink(documents: list[Document], workers: int) -> int:
    return sum(1 for result in pipeline.analyze_many(documents, workers=workers) if isinstance(result, Article))


if __name__ == "__main__":
    main()
