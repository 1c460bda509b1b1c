"""Exports: GDELT 2.0 events that a typed GDELT reader parses, citron quotes, Article JSONL and
Parquet tables; copies of syndicated articles are exported once."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.csv
import pyarrow.parquet

from brink import export, store
from brink.records import article_from_json
from test_store import db, make_article  # noqa: F401 - the filled store fixture

# The types of the GDELT 2.0 Event Codebook, as a GDELT reader declares them.
_INTEGER = {"GlobalEventID", "Day", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions", "NumSources",
            "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type", "DATEADDED"}
_FLOAT = {"FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor2Geo_Lat",
          "Actor2Geo_Long", "ActionGeo_Lat", "ActionGeo_Long"}


def read_gdelt(path) -> pa.Table:
    types = {name: pa.int64() if name in _INTEGER else pa.float64() if name in _FLOAT else pa.string()
             for name in export.GDELT_COLUMNS}
    return pyarrow.csv.read_csv(path, read_options=pyarrow.csv.ReadOptions(column_names=list(export.GDELT_COLUMNS)),
                                parse_options=pyarrow.csv.ParseOptions(delimiter="\t", quote_char=False),
                                convert_options=pyarrow.csv.ConvertOptions(column_types=types))


def test_gdelt_export_has_61_typed_columns_and_asserted_events_once(db, tmp_path):
    target = tmp_path / "events.CSV"
    assert export.export(str(db), "gdelt", str(target)) == 2  # a1, a2; a3 is negated, a1-copy a copy
    assert all(len(line.split("\t")) == 61 for line in target.read_text(encoding="utf-8").splitlines())
    table = read_gdelt(target)
    rows = sorted(table.to_pylist(), key=lambda row: row["Day"])
    assert len(export.GDELT_COLUMNS) == 61 and table.num_columns == 61
    assert [row["Day"] for row in rows] == [20240301, 20240305]
    first = rows[0]
    assert (first["Actor1Code"], first["Actor1CountryCode"], first["Actor1Type1Code"]) == ("RUSGOV", "RUS", "GOV")
    assert (first["Actor2Code"], first["EventCode"], first["EventRootCode"], first["QuadClass"]) == ("UKR", "190", "19", 4)
    assert first["GoldsteinScale"] == -10.0 and first["NumArticles"] == 2  # the story and its copy
    assert first["SOURCEURL"] == "https://example.org/a1"


def test_citron_export_holds_quote_spans_into_the_text(db, tmp_path):
    target = tmp_path / "quotes.jsonl"
    export.export(str(db), "citron", str(target))
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a1", "a2", "a3"]
    quote = records[0]["quotes"][0]
    content = quote["contents"][0]
    assert records[0]["text"][content["start"]:content["end"]] == content["text"] == "We will not stop,"
    assert quote["sources"][0]["text"] == "Ana Vell" and quote["cue"]["text"] == "said"


def test_jsonl_export_round_trips_article_records(db, tmp_path):
    target = tmp_path / "articles.jsonl"
    export.export(str(db), "jsonl", str(target))
    first = article_from_json(target.read_text(encoding="utf-8").splitlines()[0])
    assert first == make_article("a1", "2024-03-01")


def test_parquet_export_writes_every_table(db, tmp_path):
    export.export(str(db), "parquet", str(tmp_path / "parquet"))
    for table in store.TABLES:
        assert (tmp_path / "parquet" / f"{table}.parquet").exists()
    assert pyarrow.parquet.read_table(tmp_path / "parquet" / "articles.parquet").num_rows == 4
