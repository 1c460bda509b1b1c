"""The `brink` command: parse arguments, call the library, render. No analysis happens here."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import msgspec
import typer
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)
from rich.table import Table

from brink import export as brink_export
from brink import ingest as brink_ingest
from brink import pipeline, render, store
from brink.actors.knowledge import use_dictionaries
from brink.events import lexicon as event_lexicon
from brink.errors import UserError
from brink.records import DocumentError, article_json_schema, to_json
from brink.sources import count_documents, read_inputs
from brink.sources.jsonl import FieldNames
from brink.sources.txt import sidecar
from brink.text import decode
from brink.time import normalise_published

app = typer.Typer(help="brink: who said what, who did what to whom, with evidence.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None,
                  context_settings={"max_content_width": 120})
eval_app = typer.Typer(help="Score brink against gold annotations.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

Workers = Annotated[int, typer.Option("--workers", "-w", min=1, help="Processes to use (default: all cores).")]
IdField = Annotated[str, typer.Option(help="JSON Lines field holding the id.")]
TextField = Annotated[str, typer.Option(help="JSON Lines field holding the text.")]
PublishedField = Annotated[str, typer.Option(help="JSON Lines field holding the date.")]
Encoding = Annotated[str, typer.Option(help="Encoding of text files, or 'auto'.")]


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")] = False,
    actors: Annotated[Optional[list[str]], typer.Option(
        "--actors", help="Extra actor dictionary: brink's people TSV or a PETRARCH/Phoenix file (repeatable).")] = None,
    triggers: Annotated[Optional[str], typer.Option(
        "--triggers", help="Extra event trigger file in brink's format (src/brink/data/events/README.md).")] = None,
) -> None:
    """brink reads news: quotes with speakers, coded events with factuality, resolved actors."""
    if actors:
        use_dictionaries(*actors)
    if triggers:
        event_lexicon.use_user_file(triggers)


@app.command()
def analyze(
    path: Annotated[str, typer.Argument(help="A text file, or - for standard input.")],
    published: Annotated[Optional[str], typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    title: Annotated[Optional[str], typer.Option(help="Headline.")] = None,
    url: Annotated[Optional[str], typer.Option(help="Where the article was published.")] = None,
    encoding: Annotated[str, typer.Option(help="Input encoding, or 'auto' to detect one.")] = "utf-8",
    as_json: Annotated[bool, typer.Option("--json", help="Print the Article record as JSON.")] = False,
) -> None:
    """Analyse one article and show its actors, quotes and events.

    A side file `story.json` next to `story.txt` (the one `ingest` reads) gives the id, title,
    url, date and source; options given here win over it."""
    body = decode(_read_bytes(path), path, encoding)
    meta = sidecar(Path(path)) if path != "-" else {}
    article = pipeline.analyze(body, normalise_published(published, "--published") or meta.get("published"),
                               title=title or meta.get("title"), url=url or meta.get("url"), source=meta.get("source"),
                               id=meta.get("id") or (Path(path).stem if path != "-" else None))
    if as_json:
        sys.stdout.buffer.write(to_json(article) + b"\n")
    else:
        render.article(article)


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Folders, text/HTML/JSON Lines/feed/WARC files, feed URLs, or -.")],
    output: Annotated[str, typer.Option("--output", "-o", help="Article records, one JSON per line (- for stdout).")] = "-",
    workers: Workers = os.cpu_count() or 1,
    id_field: IdField = "id",
    text_field: TextField = "text",
    published_field: PublishedField = "published",
    encoding: Encoding = "utf-8",
) -> None:
    """Analyse many documents into Article records (JSON Lines), with no database.

    Bad documents are reported on stderr with their file and line and skipped; the exit status
    is then 1."""
    fields = FieldNames(id=id_field, text=text_field, published=published_field)
    items = _report_warnings(read_inputs(inputs, fields, encoding))
    counts = {"written": 0, "skipped": 0}
    with _open_output(output) as sink:
        for result in render.progress(pipeline.analyze_many(items, workers=workers), "extracting"):
            if isinstance(result, DocumentError):
                counts["skipped"] += 1
                render.warn(result.message)
            else:
                sink.write(to_json(result) + b"\n")
                counts["written"] += 1
    render.summary(f"{counts['written']} articles written, {counts['skipped']} skipped")
    if counts["skipped"]:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the Article record (the output contract)."""
    sys.stdout.write(json.dumps(article_json_schema(), indent=2, ensure_ascii=False) + "\n")


@eval_app.command("quotes")
def eval_quotes(
    gold: Annotated[str, typer.Argument(help="Gold attributions: citron JSON Lines, or a folder of brat .txt/.ann.")],
    predictions: Annotated[Optional[str], typer.Option(help="Article records to score (default: run brink on the gold texts).")] = None,
    workers: Workers = os.cpu_count() or 1,
) -> None:
    """Attribution precision, recall, F1 and source accuracy (the metrics of score_quotes.py)."""
    from brink.evaluate import quotes as quote_eval

    render.metrics(quote_eval.evaluate(gold, predictions, workers))


@eval_app.command("events")
def eval_events(
    gold: Annotated[str, typer.Argument(help="PLOVER gold records (JSON Lines).")],
    predictions: Annotated[Optional[str], typer.Option(help="Article records to score (default: run brink on the gold texts).")] = None,
    workers: Workers = os.cpu_count() or 1,
) -> None:
    """Event type, strict and actor-code accuracy (the metrics of score_events.py)."""
    from brink.evaluate import events as event_eval

    render.metrics(event_eval.evaluate(gold, predictions, workers))


@eval_app.command("alerts")
def eval_alerts(
    onsets: Annotated[str, typer.Argument(help="CSV of known onsets: dyad,onset[,kind] (RUS-UKR,2022-02-24,war).")],
    db: Annotated[str, typer.Option("--db", help="The brink database (DuckDB file).")] = store.DEFAULT_DB,
    period: Annotated[str, typer.Option(help="day or week.")] = "week",
    origin: Annotated[Optional[list[str]], typer.Option("--origin", help="Only events of this origin (repeatable).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON Lines, one method per line.")] = False,
) -> None:
    """Hits (an alert 0-8 weeks before an onset), lead time, misses and false alarms (alerts
    more than 8 weeks from any onset of their dyad), for the watch and each signal alone."""
    from brink.watch import evaluate

    known = evaluate.read_onsets(onsets)
    with store.open(db) as source:
        scores = evaluate.evaluate(source.con, known, _watch_settings(period, origin))
    if as_json:
        for score in scores:
            sys.stdout.buffer.write(msgspec.json.encode(score) + b"\n")
        return
    _show_records(scores, f"alerts against {len(known)} onsets", False, False,
                  ("method", "onsets", "hits", "misses", "mean_lead_days", "false_alarms", "alerts"))
    rows = [{"method": s.method, **msgspec.structs.asdict(r)} for s in scores for r in s.results]
    _show_records(rows, "per onset", False, False,
                  ("method", "dyad", "onset", "kind", "hit", "lead_days", "weeks_flagged_after"))


Db = Annotated[str, typer.Option("--db", help="The brink database (DuckDB file).")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON Lines, one row per line.")]
AsCsv = Annotated[bool, typer.Option("--csv", help="Print CSV with a header.")]
Since = Annotated[Optional[str], typer.Option("--since", help="From this date on, YYYY-MM-DD.")]
Until = Annotated[Optional[str], typer.Option("--until", help="Up to this date, YYYY-MM-DD.")]
Limit = Annotated[int, typer.Option("--limit", "-n", min=0, help="At most this many rows (0: all).")]
Duplicates = Annotated[bool, typer.Option("--duplicates", help="Include copies of syndicated articles.")]


@app.command()
def ingest(
    inputs: Annotated[Optional[list[str]], typer.Argument(help="Folders, text/HTML/JSON Lines/feed/WARC files, feed URLs, or -.")] = None,
    db: Db = store.DEFAULT_DB,
    workers: Workers = os.cpu_count() or 1,
    id_field: IdField = "id",
    text_field: TextField = "text",
    published_field: PublishedField = "published",
    encoding: Encoding = "utf-8",
    commit_every: Annotated[int, typer.Option(min=1, help="Documents per transaction.")] = brink_ingest.COMMIT_EVERY,
    parquet: Annotated[Optional[str], typer.Option(help="Load the output folder of `brink spark` instead.")] = None,
) -> None:
    """Analyse documents into a database; re-running skips what is stored (resumable).

    Failed and skipped documents are printed on stderr as `file:line: reason` and recorded in the
    `errors` table; the exit status is then 1. Non-English documents are skipped with the reason
    recorded. Ctrl-C keeps what was stored, says so, and exits 130; run the same command again to
    go on."""
    fields = FieldNames(id=id_field, text=text_field, published=published_field)
    if bool(inputs) == bool(parquet):
        raise UserError("brink ingest takes INPUTS to analyse, or --parquet DIR (a `brink spark` output)")
    if parquet:
        from brink.spark.load import load_parquet

        summary = load_parquet(parquet, db)
    else:
        try:
            with _ingest_progress(count_documents(inputs)) as on_progress:
                summary = brink_ingest.ingest(inputs, db, workers, fields, encoding, commit_every, on_progress,
                                              on_problem=_report_problem)
        except brink_ingest.Interrupted as stopped:
            _ingest_summary(stopped.summary, db, "interrupted: ")
            render.summary("run the same command again to go on (stored documents are skipped)")
            raise typer.Exit(130) from None
    _ingest_summary(summary, db)
    if summary.counts.failed:
        render.summary(f"failures are listed above and in the errors table: brink sql \"SELECT origin, reason FROM "
                       f"errors WHERE run_id = {summary.run_id}\" --db {db}")
        raise typer.Exit(1)


def _report_problem(problem: DocumentError, kind: str) -> None:
    {"skipped": render.warn, "warning": render.warning}.get(kind, render.failed)(problem.message)


def _report_warnings(items):
    """Documents read with a problem that did not stop them (a bad date): say so on stderr."""
    for item in items:
        if not isinstance(item, DocumentError) and item.warning:
            render.warning(item.warning)
        yield item


def _ingest_summary(summary: brink_ingest.RunSummary, db: str, prefix: str = "") -> None:
    counts = summary.counts
    render.summary(f"{prefix}{counts.stored} articles stored, {counts.duplicates} duplicates linked, {counts.already} "
                   f"already stored, {counts.skipped} skipped, {counts.failed} failed in {summary.seconds:.1f} s "
                   f"({counts.done / max(summary.seconds, 1e-9):.1f} docs/s) -> {db}")


@app.command()
def quotes(
    speaker: Annotated[Optional[str], typer.Option(help="Part of the speaker's name.")] = None,
    actor: Annotated[Optional[str], typer.Option(help="A canonical actor id (see brink actors).")] = None,
    country: Annotated[Optional[str], typer.Option(help="The speaker's country, ISO alpha-3 (RUS).")] = None,
    contains: Annotated[Optional[str], typer.Option(help="Text the quote contains.")] = None,
    search: Annotated[Optional[str], typer.Option(help="Full-text search, ranked (BM25).")] = None,
    since: Since = None, until: Until = None, duplicates: Duplicates = False, limit: Limit = 50,
    db: Db = store.DEFAULT_DB, as_json: AsJson = False, as_csv: AsCsv = False,
) -> None:
    """Quotes in the database: who said what, with the article."""
    with store.open(db) as source:
        rows = source.quotes(speaker=speaker, actor=actor, country=country, contains=contains, search=search,
                             since=since, until=until, duplicates=duplicates, limit=limit)
    _show_rows(rows, "quotes", as_json, as_csv, ("published", "speaker", "kind", "text", "article_id"))


@app.command()
def events(
    source: Annotated[Optional[str], typer.Option(help="Source actor: code prefix (RUS, USAGOV), id or name.")] = None,
    target: Annotated[Optional[str], typer.Option(help="Target actor: code prefix, id or name.")] = None,
    dyad: Annotated[Optional[str], typer.Option(
        help="Two sides, e.g. RUS-UKR: their events in either direction (--source/--target for one).")] = None,
    code: Annotated[Optional[str], typer.Option(help="CAMEO code prefix (19, 190) or PLOVER type (ASSAULT).")] = None,
    factuality: Annotated[Optional[str], typer.Option(help="asserted, hypothetical or negated.")] = None,
    since: Since = None, until: Until = None, duplicates: Duplicates = False, limit: Limit = 50,
    db: Db = store.DEFAULT_DB, as_json: AsJson = False, as_csv: AsCsv = False,
) -> None:
    """Coded events in the database: who did what to whom, when."""
    with store.open(db) as source_db:
        rows = source_db.events(source=source, target=target, dyad=dyad, code=code, factuality=factuality,
                                since=since, until=until, duplicates=duplicates, limit=limit)
    _show_rows(rows, "events", as_json, as_csv,
               ("day", "source", "cameo", "plover", "target", "factuality", "trigger", "article_id"))


@app.command()
def actors(
    name: Annotated[Optional[str], typer.Option(help="Part of the actor's name.")] = None,
    country: Annotated[Optional[str], typer.Option(help="ISO alpha-3 country.")] = None,
    limit: Limit = 50, db: Db = store.DEFAULT_DB, as_json: AsJson = False, as_csv: AsCsv = False,
) -> None:
    """Canonical actors in the database, most often mentioned first."""
    with store.open(db) as source:
        rows = source.actors(name=name, country=country, limit=limit)
    _show_rows(rows, "actors", as_json, as_csv, ("name", "type", "country", "code", "articles", "mentions", "id"))


@app.command()
def articles(
    search: Annotated[Optional[str], typer.Option(help="Full-text search over titles and texts, ranked (BM25).")] = None,
    since: Since = None, until: Until = None, duplicates: Duplicates = False, limit: Limit = 50,
    db: Db = store.DEFAULT_DB, as_json: AsJson = False, as_csv: AsCsv = False,
) -> None:
    """Articles in the database (without their text), newest or best matching first."""
    with store.open(db) as source:
        rows = source.articles(search=search, since=since, until=until, duplicates=duplicates, limit=limit)
    _show_rows(rows, "articles", as_json, as_csv, ("published", "title", "n_quotes", "n_events", "id"))


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="A SELECT over the tables of docs/store.md.")],
    db: Db = store.DEFAULT_DB, as_json: AsJson = False, as_csv: AsCsv = False,
) -> None:
    """Run read-only SQL on the database."""
    with store.open(db) as source:
        rows = source.sql(query)
    _show_rows(rows, "result", as_json, as_csv)


@app.command("export")
def export_store(
    output: Annotated[str, typer.Argument(help="Output file (- for stdout), or a folder for parquet.")],
    fmt: Annotated[Optional[str], typer.Option(
        "--format", "-f", help="jsonl, parquet, gdelt or citron (default: from the output's name).")] = None,
    db: Db = store.DEFAULT_DB,
) -> None:
    """Export the database: Article JSONL, Parquet tables, GDELT 2.0 events, citron quotes.

    Without --format the output's name decides: .jsonl or .ndjson (and - for stdout) Article
    records, .citron.jsonl quotes, .gdelt, .tsv or .csv GDELT events (tab-separated, as GDELT's
    own files), .parquet or a folder Parquet tables; another name is refused."""
    fmt = fmt or brink_export.format_for(output)
    count = brink_export.export(db, fmt, output)
    render.summary(f"{count} {'tables' if fmt == 'parquet' else 'records'} written to {output}")


@app.command("spark")
def spark_job(
    ctx: typer.Context,
    input: Annotated[str, typer.Argument(help="A file, folder or glob on any Hadoop path: JSON Lines, text, HTML, WARC.")],
    output: Annotated[str, typer.Argument(help="A new folder: one Parquet dataset per store table.")],
    master: Annotated[Optional[str], typer.Option(help="Spark master, e.g. local[4] (default: Spark's own configuration).")] = None,
    partitions: Annotated[Optional[int], typer.Option(min=1, help="Analysis tasks (default: ~500 documents each).")] = None,
    id_field: IdField = "id",
    text_field: TextField = "text",
    published_field: PublishedField = "published",
    encoding: Encoding = "utf-8",
) -> None:
    """Analyse an archive on Apache Spark into Parquet with the store's tables (docs/spark.md).

    Needs PySpark (the spark extra). `brink --actors/--triggers` files are shipped to every
    executor. Load the output into a database with `brink ingest --parquet OUTPUT`. Failed
    documents land in the errors dataset; the exit status is then 1."""
    try:
        from brink.spark import job
    except ImportError:
        raise UserError("brink spark needs PySpark: install brink with its spark extra") from None
    fields = FieldNames(id=id_field, text=text_field, published=published_field)
    given = ctx.parent.params  # brink --actors/--triggers: shipped to every executor
    spark = job.session(master)
    try:
        summary = job.run(spark, [input], output, fields, encoding, partitions, given["actors"] or (), given["triggers"])
    finally:
        spark.stop()
    counts = summary.counts
    render.summary(f"{counts.stored} articles stored, {counts.duplicates} duplicates linked, {counts.skipped} skipped, "
                   f"{counts.failed} failed in {summary.seconds:.1f} s on {summary.partitions} partitions -> {output}")
    if counts.failed:
        raise typer.Exit(1)


@app.command("import-events")
def import_events(
    files: Annotated[list[str], typer.Argument(help="Coded-event files: GDELT 2.0 exports or ICEWS TSV (with header).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="gdelt or icews.")] = "gdelt",
    db: Db = store.DEFAULT_DB,
) -> None:
    """Import coded events beside brink's own (origin gdelt/icews; docs/watch.md). Bad rows are
    recorded in `errors` as file:line and skipped; the exit status is then 1."""
    from brink.watch import imports

    summary = imports.import_events(files, fmt, db)
    render.summary(f"{summary.imported} events imported from {summary.files} files, {summary.errors} bad rows, "
                   f"{summary.without_side} without a country on one side in {summary.seconds:.1f} s "
                   f"({summary.rows / max(summary.seconds, 1e-9):,.0f} rows/s) -> {db}")
    if summary.unknown_countries:
        names = ", ".join(f"{name} ({n})" for name, n in list(summary.unknown_countries.items())[:10])
        render.summary(f"{len(summary.unknown_countries)} country names brink cannot map: {names}")
    if summary.errors:
        render.summary(f"see the bad rows: brink sql \"SELECT reason FROM errors WHERE kind = 'error'\" --db {db}")
        raise typer.Exit(1)


Origin = Annotated[Optional[list[str]], typer.Option(
    "--origin", help="Only events of this origin: brink, gdelt or icews (repeatable; default: all).")]
WatchPeriod = Annotated[str, typer.Option(help="day or week.")]
Domestic = Annotated[bool, typer.Option("--domestic", help="Same-country dyads (listed apart by default).")]


def _watch_settings(period: str, origin: Optional[list[str]], **values):
    from brink.watch.signals import Settings

    given = {name: value for name, value in values.items() if value is not None}
    return Settings(period=period, origins=tuple(origin or ()), **given).check()  # type: ignore[arg-type]


def _evidence_text(evidence, shown: int = 3) -> str:
    """The first events' links for a table cell; --json has them all."""
    links = [e.link or e.label for e in evidence[:shown]]
    return " ".join(links) + (f" (+{len(evidence) - shown})" if len(evidence) > shown else "")


@app.command()
def dyads(
    dyad: Annotated[Optional[str], typer.Option(help="One dyad, e.g. RUS-UKR: its watch series per period.")] = None,
    period: WatchPeriod = "week", origin: Origin = None, domestic: Domestic = False, limit: Limit = 20,
    db: Db = store.DEFAULT_DB, as_json: AsJson = False, as_csv: AsCsv = False,
) -> None:
    """Where each dyad stands now (cross-border first; docs/watch.md): rung, level against its
    long baseline, trend and the events behind them; or one dyad per period, by rung."""
    from brink.watch import signals

    settings = _watch_settings(period, origin)
    with store.open(db) as source:
        if dyad:
            side_a, side_b = _dyad_sides(dyad)
            points = signals.series(source.con, side_a, side_b, settings)
            rows = [{**msgspec.structs.asdict(p), "by_rung": " ".join(map(str, p.by_rung)),
                     "signals": " ".join(p.signals)} for p in points]
            shown = ("period", "volume", "gap", "events", "by_rung", "sources", "share", "rung", "z", "signals")
            _show_records(points if as_json else rows, f"{dyad} per {period}", as_json, as_csv, shown)
            return
        found = signals.watch(source.con, settings, standings=limit or None)
    standings = found.domestic if domestic else found.standings
    if as_json:
        for standing in standings:
            sys.stdout.buffer.write(msgspec.json.encode(standing) + b"\n")
        return
    rows = [{**msgspec.structs.asdict(s), "signals": " ".join(s.signals), "evidence": _evidence_text(s.evidence)}
            for s in standings]
    _show_records(rows, f"{'same-country' if domestic else 'cross-border'} dyads as of {found.as_of}", False, as_csv,
                  ("side_a", "side_b", "rung_name", "events", "sources", "share", "level", "trend", "signals",
                   "evidence"))
    _show_gaps(found.gaps)


@app.command()
def alerts(
    period: WatchPeriod = "week", origin: Origin = None, domestic: Domestic = False,
    dyad: Annotated[Optional[str], typer.Option(help="Only this dyad, e.g. RUS-UKR.")] = None,
    threshold: Annotated[Optional[float], typer.Option(min=0.1, help="Change: alert at this z-score or above.")] = None,
    min_events: Annotated[Optional[int], typer.Option(min=1, help="Conflict events a period needs to alert.")] = None,
    min_sources: Annotated[Optional[int], typer.Option(min=1, help="Independent reports a period needs to alert.")] = None,
    limit: Limit = 50, db: Db = store.DEFAULT_DB, as_json: AsJson = False, as_csv: AsCsv = False,
) -> None:
    """Escalation alerts, newest first: which signal fired (change, level, rung), the rung
    held, and the events behind it with their evidence (docs/watch.md)."""
    from brink.watch import signals

    settings = _watch_settings(period, origin, threshold=threshold, min_events=min_events, min_sources=min_sources)
    with store.open(db) as source:
        found = signals.watch(source.con, settings, domestic=domestic, standings=1)
    chosen = found.alerts
    if dyad:
        pair = tuple(sorted(side.upper() for side in _dyad_sides(dyad)))
        chosen = [alert for alert in chosen if (alert.side_a, alert.side_b) == pair]
    chosen = chosen[:limit] if limit else chosen
    if as_json:
        for alert in chosen:
            sys.stdout.buffer.write(msgspec.json.encode(alert) + b"\n")
        return
    rows = [{**msgspec.structs.asdict(a), "signals": " ".join(a.signals), "evidence": _evidence_text(a.evidence)}
            for a in chosen]
    _show_records(rows, "alerts", False, as_csv, ("side_a", "side_b", "period", "signals", "rung_name", "events",
                                                  "sources", "share", "baseline", "z", "long_baseline", "evidence"))
    _show_gaps(found.gaps)


def _show_gaps(gaps) -> None:
    if gaps:
        listed = ", ".join(f"{g.period} ({g.volume} events, usually {g.usual:g})" for g in gaps)
        render.summary(f"gaps (corpus volume under half its trailing median: no alerts): {listed}")


@app.command()
def serve(
    db: Db = store.DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to bind; the default serves this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web UI and JSON API over a database (pages, /api, /api/openapi.json).

    A port in use, or an address that cannot be bound, exits 2 with one line before anything
    is served."""
    from brink import web

    web.serve(db, host, port, on_ready=lambda url: render.summary(f"brink is serving {db} at {url} (Ctrl-C stops)"))


@app.command()
def watch(
    sources: Annotated[list[str], typer.Argument(help="Folders, files or feed URLs to ingest what is new from.")],
    db: Db = store.DEFAULT_DB,
    every: Annotated[str, typer.Option(help="Time between rounds: 30s, 10m, 1h.")] = "10m",
    notify: Annotated[Optional[str], typer.Option(help="Command run with each new alert as JSON on stdin.")] = None,
    workers: Workers = 1,
    host: Annotated[str, typer.Option(help="Address to bind; the default serves this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the UI and ingest what is new in SOURCES every round, in one process (the
    database's only writer; pages keep answering). New alerts go to --notify (docs/watch.md)."""
    from brink.watch import live

    live.serve(sources, db, host, port, live.parse_every(every), workers, notify, report=render.summary)


def _dyad_sides(dyad: str) -> tuple[str, str]:
    return store.dyad_sides(dyad)


def _show_records(records, title: str, as_json: bool, as_csv: bool, shown: tuple[str, ...]) -> None:
    """msgspec records (or dicts) through _show_rows; nested values are left to --json."""
    import pyarrow as pa

    rows = [record if isinstance(record, dict) else msgspec.structs.asdict(record) for record in records]
    flat = [{name: value for name, value in row.items() if not isinstance(value, (dict, list))} for row in rows]
    if as_json:
        for record in records:
            sys.stdout.buffer.write(msgspec.json.encode(record) + b"\n")
        return
    table = pa.Table.from_pylist(flat) if flat else pa.table({name: [] for name in shown})
    _show_rows(table, title, False, as_csv, shown)


def _show_rows(rows, title: str, as_json: bool, as_csv: bool, shown: tuple[str, ...] | None = None) -> None:
    """A query result (pyarrow Table) as a Rich table of the `shown` columns for people, or every
    column as JSON Lines / CSV for programs."""
    if as_json and as_csv:
        raise UserError("--json and --csv: choose one")
    if as_csv:
        import pyarrow.csv

        pyarrow.csv.write_csv(rows, sys.stdout.buffer)
    elif as_json:
        for row in rows.to_pylist():
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    else:
        rows = rows.select(list(shown)) if shown else rows
        table = Table(*rows.column_names, title=f"{title} ({rows.num_rows})", title_justify="left")
        for row in rows.to_pylist():
            table.add_row(*("" if value is None else _shorten(str(value)) for value in row.values()))
        render.out.print(table)


def _shorten(value: str, width: int = 160) -> str:
    return value if len(value) <= width else value[: width - 1] + "…"


@contextlib.contextmanager
def _ingest_progress(total: int | None):
    """A progress callback for ingest: bar, docs/s and ETA on a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]} docs/s"),
               TextColumn("failed {task.fields[failed]}"), TimeElapsedColumn(), TextColumn("ETA"),
               TimeRemainingColumn())
    with Progress(*columns, console=render.err) as bar:
        task = bar.add_task("ingest", total=total, rate="-", failed=0)

        def update(counts) -> None:
            elapsed = bar.tasks[0].elapsed or 0
            rate = f"{counts.done / elapsed:.1f}" if elapsed else "-"
            bar.update(task, completed=counts.done, rate=rate, failed=counts.failed)

        yield update


def _read_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    target = Path(path)
    if not target.exists():
        raise UserError(f"{path}: no such file")
    if target.is_dir():
        raise UserError(f"{path}: is a directory; analyze takes one file (brink extract reads folders)")
    try:
        return target.read_bytes()
    except OSError as error:
        raise UserError(f"{path}: cannot read ({error.strerror})") from None


class _open_output:
    """stdout or a file, as a binary sink; a file is written whole or not at all."""

    def __init__(self, output: str):
        self.output = output

    def __enter__(self):
        if self.output == "-":
            self.handle = sys.stdout.buffer
        else:
            target = Path(self.output)
            if target.is_dir():
                raise UserError(f"{self.output}: is a directory; -o takes a file name")
            self.partial = target.with_name(target.name + ".partial")
            self.handle = open(self.partial, "wb")
        return self.handle

    def __exit__(self, kind, value, trace):
        if self.output == "-":
            self.handle.flush()
            return
        self.handle.close()
        if kind is None or issubclass(kind, typer.Exit):
            self.partial.replace(self.output)
        else:
            self.partial.unlink(missing_ok=True)


def main() -> None:
    """Entry point: user errors exit 2 with one line, internal errors exit 1 with a hint."""
    debug = "--debug" in sys.argv
    command = typer.main.get_command(app)
    try:
        code = command.main(standalone_mode=False)
    except UserError as error:
        render.error(str(error))
        sys.exit(2)
    except typer.TyperException as error:  # bad usage: an unknown option, a missing argument
        render.error(error.format_message())
        sys.exit(2)
    except typer.Abort:
        sys.exit(130)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as error:  # noqa: BLE001 - the last line of defence for people, not programs
        if debug:
            raise
        render.error(f"internal error: {error!r} (run again with --debug for the traceback)")
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
