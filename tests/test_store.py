"""The store: canonical actors across articles, queries with their filters, full-text search,
and syndicated copies left out of counts. Articles are built by hand: no parsing here."""

from __future__ import annotations

import pytest

import brink
from brink import dedup, store
from brink.errors import UserError
from brink.records import Actor, Article, Event, Quote, Span, TextRange


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part)


def make_article(article_id: str, published: str, speaker_name: str = "Ana Vell", speaker_code: str = "RUSGOV",
                 verb: str = "attacked", factuality: str = "asserted") -> Article:
    text = (f"Minister {speaker_name} said Moscow {verb} the port. \"We will not stop,\" {speaker_name} said. "
            f"Officials in Kyiv condemned the strike on {published}.")
    minister = Actor("A1", speaker_name, "person", speaker_code[:3], "government", speaker_code, "minister",
                     [_span(text, speaker_name)])
    ukraine = Actor("A2", "Ukraine", "country", "UKR", None, "UKR", None, [_span(text, "Kyiv")])
    cue_start = text.index("\" ") + 2 + len(speaker_name) + 1
    quote = Quote("Q1", "direct", [_span(text, "We will not stop,")], Span(cue_start, cue_start + 4, "said"),
                  _span(text, speaker_name), "A1")
    event = Event("E1", "190", "ASSAULT", -10.0, 4, "A1", "A2", speaker_code, "UKR", _span(text, verb),
                  TextRange(0, text.index(".") + 1), factuality=factuality, date=published)
    return Article(id=article_id, text=text, published=published, url=f"https://example.org/{article_id}",
                   actors=[minister, ukraine], quotes=[quote], events=[event])


def fill(path, articles: list[Article], copies: dict[str, str] | None = None) -> None:
    con = store.connect(path)
    writer = store.Writer(con, run_id=1)
    con.execute("INSERT INTO runs (run_id, started_at, status) VALUES (1, now(), 'finished')")
    for article in articles:
        original = (copies or {}).get(article.id)
        writer.add_article(article, f"test:{article.id}", dedup.text_hash(article.text), dedup.signature(article.text),
                           original, 1.0 if original else None)
    writer.flush()
    store.rebuild_search_index(con)
    con.close()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "brink.duckdb"
    fill(path, [make_article("a1", "2024-03-01"), make_article("a2", "2024-03-05", verb="shelled"),
                make_article("a3", "2024-04-10", speaker_name="Ivo Marr", speaker_code="UKRMIL", factuality="negated"),
                make_article("a1-copy", "2024-03-01")], copies={"a1-copy": "a1"})
    return path


def test_same_actor_in_two_articles_has_one_canonical_id(db):
    with brink.open(db) as source:
        actors = source.actors(name="Ana Vell").to_pylist()
    assert len(actors) == 1
    assert actors[0]["articles"] == 2  # a1 and a2; the copy of a1 is not counted


def test_canonical_id_from_the_knowledge_base_wins_over_the_name():
    actor = Actor("A1", "Ana  Vell", "person", "RUS", None, "RUSGOV", None, [], canonical_id="kb:ana-vell")
    assert store.actor_key(actor) == "kb:ana-vell"
    assert store.actor_key(Actor("A9", "Ána Vell", "person", None, None, "RUSGOV", None, [])) == "name:ana vell|RUSGOV"


def test_events_filter_by_dyad_code_factuality_and_dates(db):
    with brink.open(db) as source:
        assert sorted(source.events(dyad="RUS-UKR").column("article_id").to_pylist()) == ["a1", "a2"]
        assert source.events(source="UKR").column("article_id").to_pylist() == ["a3"]
        assert source.events(code="19", factuality="negated").column("article_id").to_pylist() == ["a3"]
        assert source.events(code="ASSAULT", since="2024-03-02", until="2024-03-31").column(
            "article_id").to_pylist() == ["a2"]
        assert source.events(dyad="RUS-UKR", duplicates=True).num_rows == 3


def test_quotes_filter_by_speaker_country_and_text(db):
    with brink.open(db) as source:
        assert source.quotes(speaker="vell").num_rows == 2
        assert source.quotes(country="rus").num_rows == 2
        assert source.quotes(contains="not stop", since="2024-04-01").column("speaker").to_pylist() == ["Ivo Marr"]


def test_full_text_search_ranks_matching_quotes_and_articles(db):
    with brink.open(db) as source:
        found = source.quotes(search="stop")
        assert found.num_rows == 3 and "score" in found.column_names
        assert source.quotes(search="nonexistentword").num_rows == 0
        assert sorted(source.articles(search="shelled").column("id").to_pylist()) == ["a2"]


def test_sql_is_read_only(db):
    with brink.open(db) as source:
        assert source.sql("SELECT count(*) AS n FROM articles").to_pylist() == [{"n": 4}]
        with pytest.raises(UserError):
            source.sql("DELETE FROM articles")


def test_opening_a_missing_database_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="no such database"):
        brink.open(tmp_path / "missing.duckdb")


def test_near_duplicate_signatures_agree_and_different_texts_do_not():
    base = " ".join(f"word{i} and the minister said peace" for i in range(60))
    copy = "By Staff Reporter\n" + base + " Copyright 2024."
    other = " ".join(f"token{i} while rain fell on the city" for i in range(60))
    assert dedup.similarity(dedup.signature(base), dedup.signature(copy)) >= dedup.NEAR_DUPLICATE_JACCARD
    assert dedup.similarity(dedup.signature(base), dedup.signature(other)) < 0.2
    assert dedup.text_hash("The  Minister, said.") == dedup.text_hash("the minister said")


def test_query_commands_print_json_and_csv(db):
    import json

    from typer.testing import CliRunner

    from brink.cli import app

    runner = CliRunner()
    events = runner.invoke(app, ["events", "--dyad", "RUS-UKR", "--db", str(db), "--json"])
    assert sorted(json.loads(line)["article_id"] for line in events.output.splitlines()) == ["a1", "a2"]
    quotes = runner.invoke(app, ["quotes", "--speaker", "marr", "--db", str(db), "--csv"])
    assert quotes.output.splitlines()[0].startswith('"article_id"') and len(quotes.output.splitlines()) == 2
    table = runner.invoke(app, ["actors", "--db", str(db)])
    assert "Ana Vell" in table.output
    refused = runner.invoke(app, ["sql", "DROP TABLE articles", "--db", str(db)])
    assert isinstance(refused.exception, UserError)
