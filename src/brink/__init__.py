"""brink: who said what, who did what to whom, and how close each pair is to the brink."""

from brink.errors import UserError
from brink.pipeline import analyze, analyze_many
from brink.records import Actor, Article, Boilerplate, Document, Event, Quote, Span
from brink.store import open

__all__ = ["Actor", "Article", "Boilerplate", "Document", "Event", "Quote", "Span", "UserError",
           "analyze", "analyze_many", "open"]
__version__ = "0.1.0"
