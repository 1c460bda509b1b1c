"""Speed of the escalation watch: GDELT import rows/s, then series, standings and alerts over
the imported events (the issue's bars: >= 100,000 rows/s; < 5 s over 1,000,000 events).

    PYTHONPATH=src python benchmarks/watch.py [--rows 1000000] [--folder /tmp/brink-bench]

The rows are synthetic, made here by DuckDB: 150 countries with a skewed share of the news,
52 weeks, a mix of CAMEO codes, about four events per source URL. Wall-clock and CPU seconds
are both printed: on a shared machine the wall clock measures the neighbours too.
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

import duckdb
import pycountry

from brink import store
from brink.export import GDELT_COLUMNS
from brink.watch import imports, signals

CODES = ("010", "020", "036", "040", "042", "043", "046", "051", "057", "061", "071", "111", "112", "120", "130",
         "138", "141", "154", "163", "173", "175", "180", "190", "193", "195")


def write_rows(path: Path, rows: int) -> None:
    countries = [country.alpha_3 for country in pycountry.countries][:150]
    columns = {name: "''" for name in GDELT_COLUMNS}
    columns.update({
        "GlobalEventID": "i::VARCHAR", "Day": "strftime(day, '%Y%m%d')", "MonthYear": "strftime(day, '%Y%m')",
        "Year": "strftime(day, '%Y')", "FractionDate": "'2021.5'",
        "Actor1Code": "a || 'GOV'", "Actor1Name": "a", "Actor1CountryCode": "a",
        "Actor2Code": "b || 'GOV'", "Actor2Name": "b", "Actor2CountryCode": "b",
        "IsRootEvent": "'1'", "EventCode": "code", "EventBaseCode": "code", "EventRootCode": "code[1:2]",
        "QuadClass": "'1'", "GoldsteinScale": "''", "NumMentions": "'1'", "NumSources": "'1'", "NumArticles": "'1'",
        "AvgTone": "'0'", "DATEADDED": "strftime(day, '%Y%m%d') || '000000'",
        "SOURCEURL": "'https://news.example/' || (i // 4)::VARCHAR"})
    select = ", ".join(f"{sql} AS \"{name}\"" for name, sql in columns.items())
    con = duckdb.connect()
    con.execute(f"""
        COPY (
            WITH r AS (SELECT range AS i, DATE '2021-01-04' + (range % 364)::INT AS day,
                              list_extract(?, 1 + floor(150 * pow(random(), 3))::INT) AS a,
                              list_extract(?, 1 + floor(150 * pow(random(), 3))::INT) AS b,
                              list_extract(?, 1 + floor(random() * {len(CODES)})::INT) AS code
                       FROM range({rows}))
            SELECT {select} FROM r)
        TO '{path}' (FORMAT csv, DELIMITER '\t', HEADER false, QUOTE '')""", [countries, countries, list(CODES)])


class Clock:
    def __init__(self):
        self.wall, self.cpu = time.monotonic(), time.process_time()

    def read(self) -> tuple[float, float]:
        return time.monotonic() - self.wall, time.process_time() - self.cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--folder", default="/tmp/brink-bench-watch")
    args = parser.parse_args()
    folder = Path(args.folder)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    source, db = folder / "events.gdelt.tsv", folder / "watch.duckdb"
    write_rows(source, args.rows)
    imports.countries.resolve("Russia")  # the knowledge base loads once per process, not per import
    clock = Clock()
    summary = imports.import_events([str(source)], "gdelt", str(db))
    wall, cpu = clock.read()
    print(f"import: {summary.imported:,} rows in {wall:.2f} s wall ({summary.imported / wall:,.0f} rows/s), "
          f"{cpu:.2f} s CPU ({summary.imported / cpu:,.0f} rows per CPU second); {summary.errors} bad")
    con = store.connect(db, read_only=True)
    clock = Clock()
    found = signals.watch(con)
    wall, cpu = clock.read()
    print(f"watch (series, standings, alerts with evidence) over {summary.imported:,} events: {wall:.2f} s wall, "
          f"{cpu:.2f} s CPU; {len(found.alerts)} alerts, {len(found.standings)} standings shown, {len(found.gaps)} gaps")
    clock = Clock()
    top = found.standings[0] if found.standings else None
    points = signals.series(con, top.side_a, top.side_b) if top else []
    wall, cpu = clock.read()
    con.close()
    print(f"one dyad's series ({len(points)} periods): {wall:.2f} s wall, {cpu:.2f} s CPU")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
