"""Time: the publication date, date expressions resolved against it, events placed in time."""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime

from spacy.tokens import Doc

from brink.errors import UserError
from brink.records import Event


def normalise_published(value: str | None, origin: str = "input") -> str | None:
    """`YYYY-MM-DD` from a date, an ISO date-time (VOA's `2025-03-14 20:30:26Z`) or an RSS
    (RFC 2822) date; None for None or blank. Raises UserError for anything else."""
    if value is None or not str(value).strip():
        return None
    raw = str(value).strip()
    try:
        return dt.datetime.fromisoformat(raw.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(raw).date().isoformat()
    except (TypeError, ValueError, IndexError):
        raise UserError(f"{origin}: bad date {raw!r} (expected YYYY-MM-DD)") from None


def resolve(events: list[Event], doc: Doc, published: str | None) -> list[Event]:
    return events
