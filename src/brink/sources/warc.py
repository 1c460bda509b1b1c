"""Web archives (WARC, WARC.gz; e.g. Common Crawl CC-NEWS): every successful HTML response
record becomes a document; the record's WARC-Record-ID is its stable id."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from brink.records import Document, DocumentError
from brink.sources.html import document_from_html


def read_warc(path: Path) -> Iterator[Document | DocumentError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    origin = str(path)
    try:
        with open(path, "rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                if _is_html_response(record):
                    page = record.content_stream().read()  # before the offset: asking for it skips the content
                    yield _document(record, page, f"{origin}@{records.get_record_offset()}")
    except ArchiveLoadFailed as error:
        yield DocumentError(origin, f"{origin}: not a readable WARC ({error})")
    except OSError as error:
        yield DocumentError(origin, f"{origin}: cannot read ({error.strerror or error})")


def _is_html_response(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode()
    content_type = record.http_headers.get_header("Content-Type") or ""
    return status == "200" and "html" in content_type.lower()


def _document(record, page: bytes, origin: str) -> Document | DocumentError:
    headers = record.rec_headers
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<>").removeprefix("urn:uuid:") or None
    return document_from_html(page, origin, doc_id=record_id,
                              url=headers.get_header("WARC-Target-URI"), published=headers.get_header("WARC-Date"))
