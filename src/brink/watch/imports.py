"""`brink import-events`: coded-event files analysts already have, into the store's
`imported_events` table beside brink's own events (docs/watch.md).

- gdelt: GDELT 2.0 Event exports, 61 tab-separated columns, no header (what `brink export
  --format gdelt` writes);
- icews: ICEWS coded-event files, tab-separated with the public header row.

Lines are split and checked in DuckDB (a file of a million rows takes seconds); a bad row goes
to `errors` as `file:line: reason` and the rest go in. Re-importing a file replaces what it
imported before. Countries become ISO alpha-3 through brink.watch.countries; a country name
nothing knows is counted in the summary and its event kept without that side.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import duckdb
import msgspec
import pyarrow as pa

from brink import store
from brink.errors import UserError
from brink.events.codebook import codebook
from brink.export import GDELT_COLUMNS
from brink.watch import countries

FORMATS = ("gdelt", "icews")
ICEWS_COLUMNS = ("Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
                 "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
                 "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude")
_CHUNK_BYTES = 64 << 20  # lines handed to DuckDB at a time: memory stays bounded on big files


class ImportSummary(msgspec.Struct):
    files: int = 0
    rows: int = 0
    imported: int = 0
    errors: int = 0
    without_side: int = 0  # imported, but an actor maps to no country: not counted in dyads
    unknown_countries: dict[str, int] = {}  # country names nothing maps, with their rows
    seconds: float = 0.0


def _field(name: str, fmt: str) -> str:
    columns = GDELT_COLUMNS if fmt == "gdelt" else ICEWS_COLUMNS
    return f"nullif(trim(f[{columns.index(name) + 1}]), '')"  # one string_split per row (split_part splits per call)


def _parse_sql(fmt: str) -> str:
    """Rows of brink_lines (line, raw) split into fields, with the reason a row is bad (or NULL)."""
    def col(name: str) -> str:
        return _field(name, fmt)

    width = len(GDELT_COLUMNS if fmt == "gdelt" else ICEWS_COLUMNS)
    if fmt == "gdelt":
        day = f"TRY_STRPTIME({col('Day')}, '%Y%m%d')::DATE"
        fields = {"id": col("GlobalEventID"), "day_text": col("Day"), "cameo": col("EventCode"),
                  "goldstein_text": col("GoldsteinScale"), "source": col("Actor1Name"),
                  "source_code": col("Actor1Code"), "source_country_text": col("Actor1CountryCode"),
                  "target": col("Actor2Name"), "target_code": col("Actor2Code"),
                  "target_country_text": col("Actor2CountryCode"), "story_id": "NULL::VARCHAR", "sentence": "NULL::VARCHAR",
                  "publisher": "NULL::VARCHAR", "url": col("SOURCEURL")}
        day_reason = "'Day ' || coalesce(day_text, '(empty)') || ' is not a YYYYMMDD date'"
    else:
        day = f"TRY_CAST({col('Event Date')} AS DATE)"
        fields = {"id": col("Event ID"), "day_text": col("Event Date"), "cameo": _ICEWS_CAMEO.format(code=col("CAMEO Code")),
                  "goldstein_text": col("Intensity"), "source": col("Source Name"), "source_code": "NULL::VARCHAR",
                  "source_country_text": col("Source Country"), "target": col("Target Name"),
                  "target_code": "NULL::VARCHAR", "target_country_text": col("Target Country"),
                  "story_id": col("Story ID"), "sentence": col("Sentence Number"), "publisher": col("Publisher"),
                  "url": "NULL::VARCHAR"}
        day_reason = "'Event Date ' || coalesce(day_text, '(empty)') || ' is not a YYYY-MM-DD date'"
    selected = ", ".join(f"{sql} AS {name}" for name, sql in fields.items())
    return f"""
        WITH split AS (SELECT line, raw, string_split(raw, chr(9)) AS f FROM brink_lines WHERE trim(raw) <> ''),
        parsed AS (SELECT line, len(f) AS width, contains(raw, chr(65533)) AS undecodable, {day} AS day, {selected}
                   FROM split)
        SELECT p.*, c.plover, coalesce(TRY_CAST(p.goldstein_text AS DOUBLE), c.goldstein) AS goldstein, c.quad_class,
               CASE WHEN p.undecodable THEN 'not UTF-8 text'
                    WHEN p.width <> {width} THEN 'expected {width} tab-separated fields, got ' || p.width
                    WHEN p.id IS NULL THEN 'no event id'
                    WHEN p.day IS NULL THEN {day_reason}
                    WHEN c.code IS NULL THEN 'unknown CAMEO code ' || coalesce(p.cameo, '(empty)')
                    WHEN p.goldstein_text IS NOT NULL AND TRY_CAST(p.goldstein_text AS DOUBLE) IS NULL
                        THEN 'intensity ' || p.goldstein_text || ' is not a number'
               END AS reason
        FROM parsed p LEFT JOIN brink_codebook c ON c.code = p.cameo"""


# ICEWS writes codes as numbers: the leading zero of roots 01-09 is lost ("42" is 042, "10" is
# 010; root 10 is written 100). A longer code is taken as written when the codebook has it.
_ICEWS_CAMEO = ("CASE WHEN length({code}) = 2 THEN '0' || {code} "
                "WHEN {code} IN (SELECT code FROM brink_codebook) THEN {code} "
                "WHEN '0' || {code} IN (SELECT code FROM brink_codebook) THEN '0' || {code} ELSE {code} END")


def import_events(paths: list[str], fmt: str, db: str) -> ImportSummary:
    """Import every file; UserError (before writing) for an unknown format or a missing file."""
    if fmt not in FORMATS:
        raise UserError(f"--format {fmt!r}: expected one of {', '.join(FORMATS)}")
    for path in paths:
        if not Path(path).is_file():
            raise UserError(f"{path}: no such file")
    started = time.monotonic()
    summary = ImportSummary()
    unknown: Counter[str] = Counter()
    con = store.connect(db)
    # One thread: these statements split strings and compress columns, which a second thread
    # speeds up by less than it costs (measured: a third less CPU per row on one thread).
    con.execute("SET enable_progress_bar = false; SET threads = 1")
    try:
        _register_codebook(con)
        for path in paths:
            _import_file(con, path, fmt, summary, unknown)
            summary.files += 1
    finally:
        con.close()
    summary.unknown_countries = dict(unknown.most_common())
    summary.seconds = time.monotonic() - started
    return summary


def _register_codebook(con: duckdb.DuckDBPyConnection) -> None:
    codes = list(codebook().values())
    con.register("brink_codebook", pa.table({
        "code": [c.code for c in codes], "plover": [c.plover for c in codes],
        "goldstein": [c.goldstein for c in codes], "quad_class": [c.quad_class for c in codes]}))


def _import_file(con, path: str, fmt: str, summary: ImportSummary, unknown: Counter[str]) -> None:
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM imported_events WHERE file = ?", [path])
        con.execute("DELETE FROM errors WHERE starts_with(origin, ?)", [f"{path}:"])
        for first, lines in _chunks(path, fmt):
            con.register("brink_lines", pa.table({"line": pa.array(range(first, first + len(lines)), pa.int32()),
                                                  "raw": pa.array(lines, pa.string())}))
            con.execute(f"CREATE OR REPLACE TEMP TABLE brink_parsed AS {_parse_sql(fmt)}")
            con.unregister("brink_lines")
            _register_sides(con, fmt, unknown)
            _store_chunk(con, path, fmt, summary)
        summary.without_side += con.execute(f"""
            SELECT count(*) FROM imported_events
            WHERE file = ? AND ({SIDE.format(who='source')} IS NULL OR {SIDE.format(who='target')} IS NULL)""",
                                            [path]).fetchone()[0]
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.execute("DROP TABLE IF EXISTS brink_parsed")


def _chunks(path: str, fmt: str) -> Iterator[tuple[int, list[str]]]:
    """(first line number, lines) in chunks of whole lines; ICEWS files must start with their header."""
    number = 1
    for text in _texts(path):
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        start = number
        number += len(lines)
        if start == 1 and lines:
            header = [name.strip() for name in lines[0].lstrip("\ufeff").rstrip("\r").split("\t")]
            if fmt == "icews":
                if tuple(header) != ICEWS_COLUMNS:
                    raise UserError(f"{path}:1: expected the ICEWS header ({', '.join(ICEWS_COLUMNS[:3])}, ...), "
                                    "tab-separated")
                lines, start = lines[1:], start + 1
            elif header[0] == GDELT_COLUMNS[0]:  # a header some tools add
                lines, start = lines[1:], start + 1
        yield start, [line.rstrip("\r") for line in lines] if "\r" in text else lines


def _texts(path: str) -> Iterator[str]:
    """The file's text in big pieces that end at a line end (bytes that are not UTF-8 become
    U+FFFD, which marks their line as bad)."""
    with open(path, "rb") as handle:
        rest = b""
        while block := handle.read(_CHUNK_BYTES):
            block = rest + block
            cut = block.rfind(b"\n") + 1
            if cut == 0:
                rest = block
                continue
            rest = block[cut:]
            yield block[:cut].decode("utf-8", errors="replace")
        if rest:
            yield rest.decode("utf-8", errors="replace") + "\n"


def _register_sides(con, fmt: str, unknown: Counter[str]) -> None:
    """brink_sides(text, side): every country text (and, for ICEWS, every name whose country
    column is empty) of the chunk, resolved once per distinct value."""
    rows = con.execute("""
        SELECT text, sum(n) FROM (
            SELECT source_country_text AS text, count(*) AS n FROM brink_parsed WHERE reason IS NULL GROUP BY 1
            UNION ALL SELECT target_country_text, count(*) FROM brink_parsed WHERE reason IS NULL GROUP BY 1
            UNION ALL SELECT source, count(*) FROM brink_parsed
                      WHERE reason IS NULL AND source_country_text IS NULL GROUP BY 1
            UNION ALL SELECT target, count(*) FROM brink_parsed
                      WHERE reason IS NULL AND target_country_text IS NULL GROUP BY 1)
        WHERE text IS NOT NULL GROUP BY text""").fetchall()
    texts = [text for text, _ in rows]
    sides = [countries.resolve(text) for text in texts]
    country_texts = _country_texts(con)
    for (text, count), side in zip(rows, sides):
        if side is None and text in country_texts:
            unknown[text] += int(count)
    con.register("brink_sides", pa.table({"text": pa.array(texts, pa.string()), "side": pa.array(sides, pa.string())}))


def _country_texts(con) -> set[str]:
    # GDELT writes a body's code prefix ("IGO") as its country: that is no unknown country.
    return {text for (text,) in con.execute("""
        SELECT source_country_text FROM brink_parsed WHERE reason IS NULL AND NOT coalesce(source_code LIKE 'IGO%', FALSE)
        UNION SELECT target_country_text FROM brink_parsed WHERE reason IS NULL AND NOT coalesce(target_code LIKE 'IGO%', FALSE)
    """).fetchall() if text is not None}


def _store_chunk(con, path: str, fmt: str, summary: ImportSummary) -> None:
    def side(who: str) -> str:
        # A country column names the side; an empty one leaves it to the actor's name (ICEWS).
        resolved = f"coalesce(s_{who}c.side, CASE WHEN p.{who}_country_text IS NULL THEN s_{who}n.side END)"
        country = f"CASE WHEN length({resolved}) = 3 THEN {resolved} END"
        code = f"coalesce(p.{who}_code, CASE WHEN length({resolved}) > 3 THEN {resolved} END)"
        return f"{country} AS {who}_country, {code} AS {who}_code"

    con.execute(f"""
        INSERT INTO imported_events BY NAME
        SELECT '{fmt}' AS origin, p.id, ? AS file, p.line, p.day, p.cameo, p.plover, p.goldstein, p.quad_class,
               p.source, {side('source')}, p.target, {side('target')}, p.story_id, p.sentence, p.publisher, p.url,
               now() AS imported_at
        FROM brink_parsed p
        LEFT JOIN brink_sides s_sourcec ON s_sourcec.text = p.source_country_text
        LEFT JOIN brink_sides s_sourcen ON s_sourcen.text = p.source
        LEFT JOIN brink_sides s_targetc ON s_targetc.text = p.target_country_text
        LEFT JOIN brink_sides s_targetn ON s_targetn.text = p.target
        WHERE p.reason IS NULL""", [path])
    con.execute("""
        INSERT OR REPLACE INTO errors (origin, doc_id, kind, reason, run_id, recorded_at)
        SELECT ? || ':' || line, id, 'error', ? || ':' || line || ': ' || reason, NULL, now()
        FROM brink_parsed WHERE reason IS NOT NULL""", [path, path])
    counts = con.execute("SELECT count(*), count(*) FILTER (WHERE reason IS NOT NULL) FROM brink_parsed").fetchone()
    summary.rows += counts[0]
    summary.errors += counts[1]
    summary.imported += counts[0] - counts[1]
    con.unregister("brink_sides")


# An imported actor's side in dyads: its country, else the code of an international body.
SIDE = "coalesce({who}_country, CASE WHEN {who}_code LIKE 'IGO%' THEN {who}_code END)"
