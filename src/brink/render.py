"""Terminal output for people (Rich): the article view, progress, messages. Programs use --json."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from brink.records import Article

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def error(message: str) -> None:
    err.print(Text(f"brink: error: {message}"), style="red", soft_wrap=True)


def warn(message: str) -> None:
    err.print(Text(f"brink: skipped: {message}"), style="yellow", soft_wrap=True)


def warning(message: str) -> None:
    err.print(Text(f"brink: warning: {message}"), style="yellow", soft_wrap=True)


def failed(message: str) -> None:
    err.print(Text(f"brink: failed: {message}"), style="yellow", soft_wrap=True)


def summary(message: str) -> None:
    # soft_wrap: a suggested command stays one line that can be copied whole
    err.print(Text(message), style="bold", soft_wrap=True)


def progress(items: Iterable, label: str) -> Iterator:
    """Yield items, with a live count and rate on stderr when it is a terminal."""
    if not sys.stderr.isatty():
        yield from items
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=False) as bar:
        task = bar.add_task(label, total=None, rate="")
        for count, item in enumerate(items, 1):
            elapsed = bar.tasks[0].elapsed or 0
            bar.update(task, advance=1, rate=f"{count / elapsed:.1f} docs/s" if elapsed else "")
            yield item


def metrics(values: dict) -> None:
    table = Table("metric", "value", title="scores", title_justify="left")
    for key, value in values.items():
        if not isinstance(value, dict):
            table.add_row(key, str(value))
    out.print(table)


def article(record: Article) -> None:
    names = {a.id: a.name for a in record.actors}
    heading = record.title or record.id
    place = record.location.text if record.location else ""
    out.rule(Text("  ".join(part for part in (heading, record.published or "", place) if part)))
    _actors_table(record)
    _quotes_table(record, names)
    _events_table(record, names)
    if record.boilerplate:
        kinds = ", ".join(f"{b.kind}: {b.text[:40]}" for b in record.boilerplate)
        out.print(Text(f"Boilerplate flagged ({len(record.boilerplate)}): {kinds}", style="dim"))


def _actors_table(record: Article) -> None:
    table = Table("actor", "code", "role", "n", title=f"Actors ({len(record.actors)})", title_justify="left",
                  expand=True)
    for actor in sorted(record.actors, key=lambda a: -len(a.mentions)):
        table.add_row(actor.name, actor.code or actor.country or "", actor.role or actor.type, str(len(actor.mentions)))
    out.print(table)


def _quotes_table(record: Article, names: dict[str, str]) -> None:
    table = Table("speaker", "kind", "quote", title=f"Quotes ({len(record.quotes)})", title_justify="left",
                  expand=True)
    for quote in record.quotes:
        said = " … ".join(span.text for span in quote.contents)
        speaker = names.get(quote.speaker) or (quote.source.text if quote.source else "?")
        table.add_row(speaker, quote.kind, said if len(said) < 240 else said[:237] + "...")
    out.print(table)


def _events_table(record: Article, names: dict[str, str]) -> None:
    table = Table("source → target", "event", "trigger", "factuality", "when", title=f"Events ({len(record.events)})",
                  title_justify="left", expand=True)
    for event in record.events:
        dyad = f"{names.get(event.source, '-')} → {names.get(event.target, '-')}"
        when = f"{event.date} ({event.time})" if event.date else event.time
        table.add_row(dyad, f"{event.cameo} {event.plover or ''}", event.trigger.text, event.factuality, when)
    out.print(table)
