"""Readers: inputs -> Documents, in a stable order. One interface for every kind of input:
a folder of .txt (with optional .json sidecars), JSON Lines, HTML pages, RSS/Atom feeds (a file
or a URL), WARC archives, and stdin (sniffed).

A reader never raises for one bad document: it yields a DocumentError naming the file (and
line or record) and goes on. It raises UserError only when an input as a whole is unusable
(missing).
"""

from __future__ import annotations

import sys
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from brink.errors import UserError
from brink.records import Document, DocumentError
from brink.sources.feed import read_feed
from brink.sources.html import document_from_html, read_html
from brink.sources.jsonl import FieldNames, read_jsonl
from brink.sources.txt import read_txt
from brink.sources.warc import read_warc

Item = Document | DocumentError

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
TXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
KNOWN_SUFFIXES = JSONL_SUFFIXES + TXT_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES + WARC_SUFFIXES
URL_PREFIXES = ("http://", "https://")
_SNIFF_BYTES = 2048


def read_inputs(inputs: Iterable[str], fields: FieldNames | None = None, encoding: str = "utf-8") -> Iterator[Item]:
    """Documents from every input: a file (routed by suffix, else by its first bytes), a folder
    (its files of known kinds, sorted), a feed URL, or `-` (stdin, sniffed)."""
    paths = list(inputs)
    check_inputs(paths)
    for raw in paths:
        if raw == "-":
            yield from _read_bytes(sys.stdin.buffer.read(), "<stdin>", fields, encoding)
        elif raw.startswith(URL_PREFIXES):
            yield from read_feed(raw)
        elif Path(raw).is_dir():
            for path in _folder_files(Path(raw)):
                yield from _read_file(path, fields, encoding)
        else:
            yield from _read_file(Path(raw), fields, encoding)


def check_inputs(inputs: Iterable[str]) -> None:
    """Raise UserError for an input that does not exist, before anything is read."""
    for raw in inputs:
        if raw != "-" and not raw.startswith(URL_PREFIXES) and not Path(raw).exists():
            raise UserError(f"{raw}: no such file or directory")


def count_documents(inputs: Iterable[str]) -> int | None:
    """How many documents the inputs hold, when that is cheap to know (JSON Lines lines, text
    files); None when some input can only be counted by reading it (feeds, archives, stdin)."""
    total = 0
    for raw in inputs:
        if raw == "-" or raw.startswith(URL_PREFIXES) or not Path(raw).exists():
            return None
        files = _folder_files(Path(raw)) if Path(raw).is_dir() else [Path(raw)]
        for path in files:
            name = path.name.lower()
            if name.endswith(TXT_SUFFIXES + HTML_SUFFIXES):
                total += 1
            elif name.endswith((".jsonl", ".ndjson")):
                total += _count_lines(path)
            else:
                return None
    return total


def _count_lines(path: Path) -> int:
    lines = 0
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            lines += block.count(b"\n")
    return lines


def _folder_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name.lower().endswith(KNOWN_SUFFIXES))


def _read_file(path: Path, fields: FieldNames | None, encoding: str) -> Iterator[Item]:
    kind = _kind_by_name(path.name.lower())
    if kind is None:  # an unknown suffix given by name: look at the content
        try:
            with open(path, "rb") as handle:
                kind = _kind_by_content(handle.read(_SNIFF_BYTES))
        except OSError as error:
            yield DocumentError(str(path), f"{path}: cannot read ({error.strerror})")
            return
    if kind == "jsonl":
        yield from read_jsonl(path, fields)
    elif kind == "html":
        yield from read_html(path)
    elif kind == "feed":
        yield from read_feed(str(path))
    elif kind == "warc":
        yield from read_warc(path)
    else:
        yield from read_txt(path, encoding)


def _kind_by_name(name: str) -> str | None:
    for kind, suffixes in (("jsonl", JSONL_SUFFIXES), ("warc", WARC_SUFFIXES), ("html", HTML_SUFFIXES),
                           ("feed", FEED_SUFFIXES), ("txt", TXT_SUFFIXES)):
        if name.endswith(suffixes):
            return kind
    return None


def _kind_by_content(head: bytes) -> str:
    if head[:2] == b"\x1f\x8b":  # gzip: look inside
        head = _gunzip_head(head)
    start = head.lstrip()[:200].lower()
    if start.startswith(b"warc/"):
        return "warc"
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    if start.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head) or start.startswith(
            (b"<rss", b"<feed")):
        return "feed"
    return "txt"


def _gunzip_head(head: bytes) -> bytes:
    """The first decompressed bytes of a gzip stream cut short."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)
    except zlib.error:
        return b""


def _read_bytes(data: bytes, origin: str, fields: FieldNames | None, encoding: str) -> Iterator[Item]:
    kind = _kind_by_content(data[:_SNIFF_BYTES])
    if kind == "jsonl":
        yield from read_jsonl(None, fields, data=data)
    elif kind == "html":
        yield document_from_html(data, origin, doc_id="stdin")
    elif kind == "feed":
        yield from read_feed(origin, data=data)
    elif kind == "warc":
        yield from _read_warc_bytes(data)
    else:
        yield from read_txt(None, encoding, data=data)


def _read_warc_bytes(data: bytes) -> Iterator[Item]:
    # warcio reads a seekable stream; stdin is spooled to a temporary file first.
    with tempfile.NamedTemporaryFile(suffix=".warc.gz" if data[:2] == b"\x1f\x8b" else ".warc") as spool:
        spool.write(data)
        spool.flush()
        yield from read_warc(Path(spool.name))
