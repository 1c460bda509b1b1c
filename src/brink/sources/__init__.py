"""Readers: inputs (files, folders, JSON Lines, stdin) -> Documents, in a stable order.

A reader never raises for one bad document: it yields a DocumentError naming the file (and
line) and goes on. It raises UserError only when an input as a whole is unusable (missing).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from brink.errors import UserError
from brink.records import Document, DocumentError
from brink.sources.jsonl import FieldNames, read_jsonl
from brink.sources.txt import read_txt

Item = Document | DocumentError

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz")
TXT_SUFFIXES = (".txt",)


def read_inputs(inputs: Iterable[str], fields: FieldNames | None = None, encoding: str = "utf-8") -> Iterator[Item]:
    """Documents from every input: a file, a folder (its readable files, sorted) or `-` (stdin,
    JSON Lines when it starts with `{`, else one text)."""
    paths = list(inputs)
    for raw in paths:
        if raw != "-" and not Path(raw).exists():
            raise UserError(f"{raw}: no such file or directory")
    for raw in paths:
        if raw == "-":
            yield from _read_stdin(fields, encoding)
        elif Path(raw).is_dir():
            for path in _folder_files(Path(raw)):
                yield from _read_file(path, fields, encoding)
        else:
            yield from _read_file(Path(raw), fields, encoding)


def _folder_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and _is_known(p))


def _is_known(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(JSONL_SUFFIXES) or name.endswith(TXT_SUFFIXES)


def _read_file(path: Path, fields: FieldNames | None, encoding: str) -> Iterator[Item]:
    if path.name.lower().endswith(JSONL_SUFFIXES):
        yield from read_jsonl(path, fields)
    else:
        yield from read_txt(path, encoding)


def _read_stdin(fields: FieldNames | None, encoding: str) -> Iterator[Item]:
    data = sys.stdin.buffer.read()
    if data.lstrip()[:1] == b"{":
        yield from read_jsonl(None, fields, data=data)
    else:
        yield from read_txt(None, encoding, data=data)
