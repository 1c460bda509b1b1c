"""Plain-text files: one document per file, id from the file name. Optional sidecar metadata:
`name.json` next to `name.txt`, a JSON object with any of id, title, url, published, source."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import msgspec

from brink.errors import UserError
from brink.records import Document, DocumentError
from brink.text import decode
from brink.time import normalise_published

SIDECAR_FIELDS = ("id", "title", "url", "published", "source")


def read_txt(path: Path | None, encoding: str = "utf-8", data: bytes | None = None) -> Iterator[Document | DocumentError]:
    origin = str(path) if path is not None else "<stdin>"
    try:
        if data is None:
            data = path.read_bytes()
        body = decode(data, origin, encoding)
        meta = sidecar(path) if path is not None else {}
    except UserError as error:
        yield DocumentError(origin, str(error))
        return
    except OSError as error:
        yield DocumentError(origin, f"{origin}: cannot read ({error.strerror})")
        return
    doc_id = meta.get("id") or (path.stem if path is not None else "stdin")
    yield Document(id=doc_id, text=body, title=meta.get("title"), url=meta.get("url"), published=meta.get("published"),
                   source=meta.get("source"), origin=origin)


def sidecar(path: Path) -> dict[str, str]:
    """The metadata in `name.json` beside `name.txt`, validated; {} when there is none."""
    sidecar = path.with_suffix(".json")
    if not sidecar.is_file():
        return {}
    try:
        record = msgspec.json.decode(sidecar.read_bytes())
    except msgspec.DecodeError as error:
        raise UserError(f"{sidecar}: malformed JSON sidecar ({error})") from None
    if not isinstance(record, dict):
        raise UserError(f"{sidecar}: a sidecar must be a JSON object")
    meta = {key: str(record[key]) for key in SIDECAR_FIELDS if isinstance(record.get(key), (str, int))}
    if "published" in meta:
        meta["published"] = normalise_published(meta["published"], str(sidecar))
    return meta
