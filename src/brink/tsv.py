"""The one reader of brink's tab-separated data files: comments (#) and blank lines skipped,
fields stripped, errors naming the file and line."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from brink.errors import UserError


def data_rows(lines: Iterable[str], origin: str, columns: int, header: tuple[str, ...] | None = None,
              pad: bool = False) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of each data line. With `header`, the first data line must be it
    (and is not yielded); with `pad`, missing trailing fields are empty strings."""
    header_seen = header is None
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\n").rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        fields = [value.strip() for value in line.split("\t")]
        if not header_seen:
            if tuple(fields) != header:
                raise UserError(f"{origin}:{number}: expected the header {' '.join(header)} (tab-separated)")
            header_seen = True
            continue
        if pad and len(fields) < columns:
            fields += [""] * (columns - len(fields))
        if len(fields) != columns:
            raise UserError(f"{origin}:{number}: expected {columns} tab-separated fields, got {len(fields)}")
        yield number, fields


WORD_LIST_HEADER = ("list", "words", "note")


def word_lists(lines: Iterable[str], origin: str) -> dict[str, tuple[str, ...]]:
    """Named word lists, one a line (`list`, comma-separated `words`, `note`), in file order; a
    repeated or empty list is an error naming the file and line."""
    lists: dict[str, tuple[str, ...]] = {}
    for number, (name, words, _note) in data_rows(lines, origin, 3, header=WORD_LIST_HEADER):
        entries = tuple(w.strip() for w in words.split(",") if w.strip())
        if not name or name in lists or not entries:
            raise UserError(f"{origin}:{number}: list {name!r} is repeated or empty")
        lists[name] = entries
    return lists
