"""Scoring brink against gold annotations, with the metrics of the reference scorers.

Shared here: reading gold and prediction files (errors name the file and line) and running the
whole pipeline on gold texts, exactly as `brink extract` does."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from brink.errors import UserError
from brink.records import Article, Document, DocumentError, article_from_json


def numbered_lines(path: str) -> Iterator[tuple[int, str]]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise UserError(f"{path}: cannot read ({error.strerror})") from None
    return ((number, line) for number, line in enumerate(lines, 1) if line.strip())


def read_records(path: str) -> Iterator[tuple[int, dict]]:
    """JSON objects with a string `id`, one per line, with their line numbers."""
    for number, line in numbered_lines(path):
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise UserError(f"{path}:{number}: not JSON ({error})") from None
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise UserError(f"{path}:{number}: expected an object with a string \"id\"")
        yield number, item


def read_articles(path: str) -> Iterator[Article]:
    for number, line in numbered_lines(path):
        try:
            yield article_from_json(line)
        except Exception as error:  # noqa: BLE001 - any malformed record is the user's input
            raise UserError(f"{path}:{number}: not an Article record ({error})") from None


def analyze_texts(texts: Iterable[tuple[str, str]], workers: int) -> Iterator[Article]:
    """Articles for (id, text) pairs; texts brink cannot analyse predict nothing."""
    from brink import pipeline  # the evaluation runs the whole pipeline, as `brink extract` does

    documents = (Document(id=doc_id, text=text, origin=doc_id) for doc_id, text in texts)
    return (a for a in pipeline.analyze_many(documents, workers=workers) if not isinstance(a, DocumentError))
