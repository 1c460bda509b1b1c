"""JSON Lines: one document per line, `id` and `text` required; `published`, `title`, `url`,
`source` optional; other fields ignored. Field names are configurable."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import msgspec

from brink.errors import UserError
from brink.records import Document, DocumentError
from brink.text import check_text, content_id
from brink.time import normalise_published


@dataclass(frozen=True)
class FieldNames:
    id: str = "id"
    text: str = "text"
    published: str = "published"
    title: str = "title"
    url: str = "url"
    source: str = "source"


_decoder = msgspec.json.Decoder()


def read_jsonl(path: Path | None, fields: FieldNames | None = None, data: bytes | None = None) -> Iterator[Document | DocumentError]:
    fields = fields or FieldNames()
    name = str(path) if path is not None else "<stdin>"
    try:
        lines = _lines(path, data)
        for number, line in enumerate(lines, 1):
            if line.strip():
                yield document_from_line(line, f"{name}:{number}", fields)
    except OSError as error:
        yield DocumentError(name, f"{name}: cannot read ({error.strerror or error})")


def _lines(path: Path | None, data: bytes | None) -> Iterator[bytes]:
    if data is not None:
        yield from data.splitlines()
        return
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as handle:
        yield from handle


def document_from_line(line: bytes, origin: str, fields: FieldNames) -> Document | DocumentError:
    """One JSON Lines line (origin `file:N`): a Document, or the error that names the line."""
    try:
        record = _decoder.decode(line)
    except msgspec.DecodeError as error:
        return DocumentError(origin, f"{origin}: malformed JSON ({error})")
    if not isinstance(record, dict):
        return DocumentError(origin, f"{origin}: expected a JSON object")
    body = record.get(fields.text)
    if not isinstance(body, str):
        return DocumentError(origin, f"{origin}: no {fields.text!r} string field", _as_id(record.get(fields.id)))
    doc_id = _as_id(record.get(fields.id))
    try:
        check_text(body, origin)
    except UserError as error:
        return DocumentError(origin, str(error), doc_id)
    published, warning = _published(record.get(fields.published), origin)
    if doc_id is None:
        doc_id = content_id(body)
    return Document(id=doc_id, text=body, title=_as_str(record.get(fields.title)), url=_as_str(record.get(fields.url)),
                    published=published, source=_as_str(record.get(fields.source)), origin=origin, warning=warning)


def _published(value, origin: str) -> tuple[str | None, str | None]:
    """The date and no warning, or no date and why: a bad date costs the date, not the article."""
    try:
        return normalise_published(_as_str(value), origin), None
    except UserError as error:
        return None, f"{error}; kept undated"


def _as_id(value) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value)


def _as_str(value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
