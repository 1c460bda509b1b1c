"""Text intake: bytes -> text with offsets kept, and boilerplate flagged (never deleted)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from importlib.resources import files

from brink.errors import UserError
from brink.records import Boilerplate, Span

# Longer texts are almost always concatenated dumps, not articles. (brink parses long texts in
# windows, so this is a sanity limit, not spaCy's.)
MAX_CHARS = 1_000_000
_CONTROL_SHARE_FOR_BINARY = 0.05


def decode(data: bytes, origin: str = "input", encoding: str = "utf-8") -> str:
    """Decode one document. UTF-8 (a BOM is dropped) unless `encoding` names another codec or
    is `auto` (charset detection). Raises UserError for empty, binary or undecodable input."""
    if not data.strip():
        raise UserError(f"{origin}: empty input")
    if b"\x00" in data[:8192]:
        raise UserError(f"{origin}: binary input (NUL bytes), not text")
    if encoding == "auto":
        text = _detect_and_decode(data, origin)
    else:
        try:
            text = data.decode("utf-8-sig" if encoding.lower().replace("_", "-") == "utf-8" else encoding)
        except UnicodeDecodeError as error:
            raise UserError(
                f"{origin}: not valid {encoding} (byte {error.start}: {data[error.start:error.start + 1]!r});"
                " pass --encoding NAME or --encoding auto for legacy encodings"
            ) from None
        except LookupError:
            raise UserError(f"{origin}: unknown encoding {encoding!r}") from None
    return check_text(text, origin)


def content_id(body: str) -> str:
    """A stable id for a text that came without one."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def check_text(text: str, origin: str = "input") -> str:
    """Validate an already-decoded text (from JSON Lines, a feed, an archive)."""
    if not text or not text.strip():
        raise UserError(f"{origin}: empty text")
    if len(text) > MAX_CHARS:
        raise UserError(f"{origin}: text too large ({len(text):,} characters; the limit is {MAX_CHARS:,} characters "
                        "per document: split it into its articles)")
    sample = text[:8192]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if "\x00" in sample or controls > _CONTROL_SHARE_FOR_BINARY * len(sample):
        raise UserError(f"{origin}: binary content (control characters), not text")
    return text


def _detect_and_decode(data: bytes, origin: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UserError(f"{origin}: could not detect the text encoding")
    return str(best)


# --- Boilerplate ---------------------------------------------------------------------------
BOILERPLATE_RULES = files("brink") / "data" / "boilerplate.tsv"
_KINDS = {"promo", "call_to_action", "byline", "caption", "credit", "related", "other"}  # rules may use these;
# "dateline" is flagged by code: its place is kept as the story's location
_SCOPES = {"line", "tail"}  # the whole line, or its closing sentence
_DATELINE = re.compile(r"^([A-Z][A-Z .'’-]{2,40}(,\s*[A-Z][A-Za-z. ]{2,30})?)\s*(\([A-Za-z. ]{2,20}\))?\s*[—–-]{1,2}\s+")
_PROMO_MIN_LETTERS = 12


@lru_cache(maxsize=1)
def _compiled_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return load_rules(BOILERPLATE_RULES.read_text(encoding="utf-8"), str(BOILERPLATE_RULES))


def load_rules(source: str, origin: str) -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """Parse a rules file (KIND<TAB>PATTERN[<TAB>SCOPE] per line); errors name the line."""
    rules = []
    for number, line in enumerate(source.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, pattern, *rest = line.split("\t")
        scope = rest[0] if rest else "line"
        if kind not in _KINDS or not pattern or scope not in _SCOPES or len(rest) > 1:
            raise ValueError(f"{origin}:{number}: expected KIND<TAB>PATTERN[<TAB>SCOPE] with KIND in "
                             f"{sorted(_KINDS)} and SCOPE in {sorted(_SCOPES)}")
        try:
            rules.append((kind, re.compile(pattern), scope))
        except re.error as error:
            raise ValueError(f"{origin}:{number}: bad pattern ({error})") from None
    return tuple(rules)


def flag_boilerplate(text: str) -> list[Boilerplate]:
    """Spans of text that are not the article's own reporting: promos, calls to action,
    credits, captions, bylines and datelines. Offsets index `text` unchanged."""
    flagged: list[Boilerplate] = []
    for start, end in _lines(text):
        line = text[start:end]
        kind = _line_kind(line)
        if kind:
            lead = len(line) - len(line.lstrip())
            flagged.append(Boilerplate(start + lead, end, line[lead:], kind))
            continue
        tail = _tail(line)
        if tail is not None:
            kind, at = tail
            flagged.append(Boilerplate(start + at, end, line[at:], kind))
        found = dateline(line)
        if found is not None:
            flagged.append(Boilerplate(start, start + found[1], line[: found[1]], "dateline"))
    return flagged


def dateline(line: str) -> tuple[int, int] | None:
    """ "NEW DELHI (AP) - Troops ...", "KYIV, Ukraine — ...": where the place ends and where the
    dateline (place, agency, dash) ends in the line; None when the line opens with none."""
    found = _DATELINE.match(line)
    if found is None or not _looks_like_dateline(found.group(1)):
        return None
    return len(found.group(1).rstrip()), len(found.group(0).rstrip())


def dateline_ends(text: str) -> list[int]:
    """Offsets where a line's reporting starts after its dateline: a sentence starts there."""
    ends = []
    for start, end in _lines(text):
        found = dateline(text[start:end]) if text[start].isupper() else None
        if found is not None:
            reporting = start + found[1]
            ends.append(reporting + len(text[reporting:end]) - len(text[reporting:end].lstrip()))
    return ends


def location(text: str, boilerplate: list[Boilerplate]) -> Span | None:
    """The place of the story's first dateline ("NEW DELHI"): where it was filed."""
    for span in boilerplate:
        if span.kind == "dateline":
            found = dateline(span.text + " ")
            if found is not None:
                return Span(span.start, span.start + found[0], text[span.start:span.start + found[0]])
    return None


def _lines(text: str):
    """(start, end) of each non-blank line, trailing whitespace excluded."""
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.span()
        stripped = match.group().rstrip()
        if stripped.strip():
            yield start, start + len(stripped)


def _line_kind(line: str) -> str | None:
    stripped = line.strip()
    for kind, pattern, scope in _compiled_rules():
        if scope == "line" and pattern.match(stripped):
            return kind
    if _is_promo_headline(stripped):
        return "promo"
    return None


def _tail(line: str) -> tuple[str, int] | None:
    """A closing sentence of a line that is no reporting ("Ana Vell contributed to this report."):
    its kind and where it starts in the line. Text without paragraph breaks ends this way."""
    for kind, pattern, scope in _compiled_rules():
        found = pattern.search(line) if scope == "tail" else None
        if found is not None and found.end() == len(line.rstrip()):
            return kind, found.start()
    return None


def _is_promo_headline(line: str) -> bool:
    """An all-capitals line that is not a sentence: another story's headline dropped inline."""
    letters = [ch for ch in line if ch.isalpha()]
    if len(letters) < _PROMO_MIN_LETTERS or len(line) > 200:
        return False
    upper_share = sum(ch.isupper() for ch in letters) / len(letters)
    return upper_share > 0.9 and len(line.split()) >= 3


def _looks_like_dateline(place: str) -> bool:
    # "KYIV, Ukraine —" or "WASHINGTON —": a place in capitals, not a capitalised sentence start.
    head = place.split(",")[0].strip()
    return head.isupper() and 1 <= len(head.split()) <= 4


def overlaps_any(start: int, end: int, spans: list[Boilerplate]) -> bool:
    return any(start < span.end and span.start < end for span in spans)
