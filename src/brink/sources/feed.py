"""RSS and Atom feeds (feedparser): one document per entry, from a file, bytes or a URL. An
entry's HTML content becomes plain text; the text stored is that plain text."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

from brink.errors import UserError
from brink.records import Document, DocumentError
from brink.sources.html import html_to_text
from brink.text import check_text, content_id


def read_feed(location: str, data: bytes | None = None) -> Iterator[Document | DocumentError]:
    import feedparser

    parsed = feedparser.parse(data if data is not None else location)
    if parsed.bozo and not parsed.entries:
        yield DocumentError(location, f"{location}: not a readable feed ({parsed.get('bozo_exception')!r})")
        return
    source = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, 1):
        yield _document(entry, f"{location}#{number}", source)


def _document(entry, origin: str, source: str | None) -> Document | DocumentError:
    doc_id = entry.get("id") or entry.get("link")
    try:
        body = check_text(html_to_text(_entry_html(entry)), origin)
    except UserError as error:
        return DocumentError(origin, str(error), doc_id)
    return Document(id=doc_id or content_id(body), text=body, title=entry.get("title") or None,
                    url=entry.get("link") or None, published=_date(entry), source=source, origin=origin)


def _entry_html(entry) -> str:
    # Full content when the feed carries it, else the summary (most news feeds).
    contents = entry.get("content") or []
    if contents and contents[0].get("value"):
        return contents[0]["value"]
    return entry.get("summary") or ""


def _date(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.timezone.utc).date().isoformat()
