"""Exports from the store, in the formats the field uses (docs/store.md):

- jsonl:   Article records (the `brink extract` output), one per line
- parquet: every table, one Parquet file each, into a folder
- gdelt:   GDELT 2.0 Events (61 tab-separated columns, no header), asserted events only; an
           event of an undated article takes the day brink added it (GDELT's DATEADDED), so
           Day, MonthYear, Year and FractionDate are never empty
- citron:  quotes in citron JSON Lines ({"id", "text", "quotes": [{"cue", "sources", "contents"}]})

Copies of syndicated articles are left out: each story once (GDELT's NumArticles counts them).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import msgspec

from brink import store
from brink.errors import UserError
from brink.records import Article, to_json

FORMATS = ("jsonl", "parquet", "gdelt", "citron")
# The format an output's name asks for, longest ending first; GDELT's own files are `.CSV` but
# tab-separated, so .csv and .tsv both mean GDELT rows.
_FORMAT_SUFFIXES = ((".citron.jsonl", "citron"), (".jsonl", "jsonl"), (".ndjson", "jsonl"), (".gdelt", "gdelt"),
                    (".tsv", "gdelt"), (".csv", "gdelt"), (".parquet", "parquet"))
_FETCH_ROWS = 256  # rows per fetch: exports stream, whatever the size of the store

# GDELT 2.0 Event table columns, in file order (the GDELT Event Codebook V2.0).
GDELT_COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{field}" for n in (1, 2) for field in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{field}" for who in ("Actor1", "Actor2", "Action") for field in (
        "Type", "Fullname", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)
# The event's own sentence near the top: GDELT's "root event" is one from the lead paragraph.
_LEAD_CHARS = 600


def format_for(output: str) -> str:
    """The format the output's name asks for (stdout: jsonl; a folder: parquet). Raises
    UserError for a name that says none, rather than guess."""
    if output == "-":
        return "jsonl"
    name = output.lower()
    for suffix, fmt in _FORMAT_SUFFIXES:
        if name.endswith(suffix):
            return fmt
    if Path(output).is_dir() or output.endswith(("/", "\\")):
        return "parquet"
    raise UserError(f"{output}: cannot tell the export format from the name; name it .jsonl, .citron.jsonl, "
                    f".gdelt/.tsv/.csv or .parquet, or pass --format {'|'.join(FORMATS)}")


def export(db: str, fmt: str, output: str) -> int:
    """Write the store in `fmt` to `output` (a file, `-` for stdout; a folder for parquet).
    Returns the number of records written."""
    if fmt not in FORMATS:
        raise UserError(f"--format {fmt!r}: expected one of {', '.join(FORMATS)}")
    with store.open(db) as source:
        if fmt == "parquet":
            return export_parquet(source, Path(output))
        lines = {"jsonl": article_lines, "gdelt": gdelt_lines, "citron": citron_lines}[fmt](source)
        return _write_lines(lines, output)


def export_parquet(source: store.Store, folder: Path) -> int:
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder}: parquet export writes one file per table into a folder")
    folder.mkdir(parents=True, exist_ok=True)
    for table in store.TABLES:
        target = str(folder / f"{table}.parquet").replace("'", "''")
        source.con.execute(f"COPY {table} TO '{target}' (FORMAT parquet, COMPRESSION zstd)")
    return len(store.TABLES)


def article_lines(source: store.Store) -> Iterator[bytes]:
    cursor = source.con.execute("SELECT text, record FROM articles WHERE duplicate_of IS NULL AND record IS NOT NULL "
                                "ORDER BY id")
    for text, record in _rows(cursor):
        article = msgspec.json.decode(record, type=Article)
        yield to_json(msgspec.structs.replace(article, text=text))


def citron_lines(source: store.Store) -> Iterator[bytes]:
    cursor = source.con.execute(
        "SELECT a.id, a.text, list({'kind': q.kind, 'speaker': q.speaker_id, 'cue_start': q.cue_start, "
        "  'cue_end': q.cue_end, 'cue': q.cue, 'source_start': q.source_start, 'source_end': q.source_end, "
        "  'source_text': q.source_text, 'contents': q.contents} ORDER BY q.id) FILTER (WHERE q.id IS NOT NULL) "
        "FROM articles a LEFT JOIN quotes q ON q.article_id = a.id "
        "WHERE a.duplicate_of IS NULL AND a.record IS NOT NULL GROUP BY a.id, a.text ORDER BY a.id")
    for article_id, text, quotes in _rows(cursor):
        record = {"id": article_id, "text": text, "quotes": [_citron_quote(q) for q in quotes or []]}
        yield json.dumps(record, ensure_ascii=False).encode("utf-8")


def _citron_quote(quote: dict) -> dict:
    def span(start, end, text):
        return {"start": start, "end": end, "text": text}

    cue = span(quote["cue_start"], quote["cue_end"], quote["cue"]) if quote["cue"] is not None else None
    sources = [span(quote["source_start"], quote["source_end"], quote["source_text"])] if quote["source_text"] else []
    contents = [span(c["start_char"], c["end_char"], c["text"]) for c in quote["contents"]]
    return {"cue": cue, "sources": sources, "contents": contents, "kind": quote["kind"], "speaker": quote["speaker"]}


def gdelt_lines(source: store.Store) -> Iterator[bytes]:
    cursor = source.con.execute(f"""
        WITH copies AS (
            SELECT coalesce(duplicate_of, id) AS story, count(*) AS articles,
                   count(DISTINCT coalesce(source, regexp_extract(url, '//([^/]+)', 1), id)) AS sources
            FROM articles GROUP BY ALL)
        SELECT e.article_id, e.id, coalesce({store.EVENT_DAY}, CAST(r.started_at AS DATE), current_date) AS day,
               e.source_code, e.source, e.source_country, e.target_code, e.target, e.target_country,
               e.sentence_start < {_LEAD_CHARS} AS root, e.cameo, e.quad_class, e.goldstein,
               coalesce(c.articles, 1), coalesce(c.sources, 1), r.started_at, coalesce(a.url, a.id)
        FROM events e JOIN articles a ON a.id = e.article_id
        LEFT JOIN copies c ON c.story = a.id LEFT JOIN runs r ON r.run_id = a.run_id
        WHERE a.duplicate_of IS NULL AND e.factuality = 'asserted'
        ORDER BY e.article_id, e.id""")
    for row in _rows(cursor):
        yield "\t".join(_gdelt_row(*row)).encode("utf-8")


def _gdelt_row(article_id, event_id, day, source_code, source, source_country, target_code, target, target_country,
               root, cameo, quad_class, goldstein, articles, sources, added, url) -> list[str]:
    empty_geo = ["0", "", "", "", "", "", "", ""]
    return [
        str(_event_number(article_id, event_id)),
        day.strftime("%Y%m%d") if day else "", day.strftime("%Y%m") if day else "", str(day.year) if day else "",
        f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
        *_gdelt_actor(source_code, source, source_country), *_gdelt_actor(target_code, target, target_country),
        "1" if root else "0", cameo, cameo[:3], cameo[:2], str(quad_class), f"{goldstein:.1f}",
        str(articles), str(sources), str(articles), "0",  # brink scores no tone: AvgTone 0
        *empty_geo, *empty_geo, *empty_geo,  # brink does not geocode (yet)
        added.strftime("%Y%m%d%H%M%S") if added else "", _clean(url),
    ]


def _gdelt_actor(code: str | None, name: str | None, country: str | None) -> list[str]:
    code = code or ""
    types = [code[i:i + 3] for i in (3, 6, 9)]  # CAMEO: country then role codes, three letters each
    return [code, _clean(name or "").upper(), country or code[:3], "", "", "", "", *types]


def _event_number(article_id: str, event_id: str) -> int:
    # GDELT ids are integers: a stable 53-bit hash of the article and event ids.
    digest = hashlib.blake2b(f"{article_id}/{event_id}".encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 11


def _clean(value: str) -> str:
    return " ".join(value.split())  # no tab or newline may reach a tab-separated line


def _rows(cursor) -> Iterator[tuple]:
    while rows := cursor.fetchmany(_FETCH_ROWS):
        yield from rows


def _write_lines(lines: Iterator[bytes], output: str) -> int:
    count = 0
    if output == "-":
        for line in lines:
            sys.stdout.buffer.write(line + b"\n")
            count += 1
        sys.stdout.buffer.flush()
        return count
    target = Path(output)
    partial = target.with_name(target.name + ".partial")
    with open(partial, "wb") as sink:
        for line in lines:
            sink.write(line + b"\n")
            count += 1
    partial.replace(target)
    return count
