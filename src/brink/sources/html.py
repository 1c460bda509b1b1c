"""HTML pages: the main text and metadata (trafilatura; htmldate for the date). The stored text
is the extracted text, so every offset refers to it, never to the HTML."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from brink.errors import UserError
from brink.records import Document, DocumentError
from brink.text import check_text, content_id
from brink.time import normalise_published


def read_html(path: Path) -> Iterator[Document | DocumentError]:
    origin = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        yield DocumentError(origin, f"{origin}: cannot read ({error.strerror})")
        return
    yield document_from_html(data, origin, doc_id=path.stem)


def document_from_html(html: bytes | str, origin: str, *, doc_id: str | None = None, url: str | None = None,
                       published: str | None = None, source: str | None = None) -> Document | DocumentError:
    """One page -> one Document; the page's own metadata wins over what the caller knows
    (an archive's crawl date is only a fallback for the publication date)."""
    try:
        page = _extract(html, url)
        body = check_text(page.text or "", origin)
        date = _safe_date(page.date, origin) or normalise_published(published, origin)
    except UserError as error:
        return DocumentError(origin, str(error), doc_id)
    return Document(id=doc_id or content_id(body), text=body, title=page.title or None, url=page.url or url,
                    published=date, source=source or page.sitename or None, origin=origin)


def html_to_text(html: str) -> str:
    """Visible text of an HTML fragment (a feed entry's content), paragraphs kept as lines."""
    import lxml.html

    if "<" not in html:
        return html.strip()
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # noqa: BLE001 - lxml raises several types for broken markup; keep the raw text
        return html.strip()
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4"):
        block.tail = "\n" + (block.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _extract(html: bytes | str, url: str | None):
    """trafilatura's Document: .text, .title, .date (htmldate), .url, .sitename."""
    import trafilatura

    if isinstance(html, bytes) and (not html.strip() or b"\x00" in html[:8192]):
        raise UserError("not an HTML page (empty or binary)")
    result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                         include_tables=False, favor_precision=True)
    if result is None:
        raise UserError("no main text found in the HTML")
    return result


def _safe_date(value: str | None, origin: str) -> str | None:
    try:
        return normalise_published(value, origin)
    except UserError:
        return None  # a page date htmldate could not read must not lose the document
