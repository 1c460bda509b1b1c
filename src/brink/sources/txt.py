"""Plain-text files: one document per file, id from the file name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from brink.errors import UserError
from brink.records import Document, DocumentError
from brink.text import decode


def read_txt(path: Path | None, encoding: str = "utf-8", data: bytes | None = None) -> Iterator[Document | DocumentError]:
    origin = str(path) if path is not None else "<stdin>"
    try:
        if data is None:
            data = path.read_bytes()
        body = decode(data, origin, encoding)
    except UserError as error:
        yield DocumentError(origin, str(error))
        return
    except OSError as error:
        yield DocumentError(origin, f"{origin}: cannot read ({error.strerror})")
        return
    doc_id = path.stem if path is not None else "stdin"
    yield Document(id=doc_id, text=body, origin=origin)
