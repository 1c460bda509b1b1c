"""Page latency of the web UI on a large store.

    .venv/bin/python benchmarks/web_latency.py [--articles 50000] [--requests 200] [--db PATH]

Synthesises Article records directly into a store (no spaCy: the pages, not the parser, are
measured), then times article, search and dyad pages in-process with FastAPI's TestClient
(the full ASGI stack: routing, queries, templates), and prints p50/p95 per page. Target: p95
under 300 ms. A --db that exists is reused.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from brink import dedup, store
from brink.records import Actor, Article, Event, Quote, Span, TextRange

COUNTRIES = ["USA", "RUS", "UKR", "CHN", "TWN", "IRN", "ISR", "PSE", "TUR", "SYR", "IRQ", "IND", "PAK", "AFG",
             "PRK", "KOR", "JPN", "FRA", "DEU", "GBR", "SDN", "SOM", "NGA", "MLI", "VEN", "MEX", "CAN", "BRA"]
EVENT_TYPES = [("042", "CONSULT", 1.9, 1), ("057", "AGREE", 8.0, 1), ("070", "AID", 7.0, 2),
               ("112", "ACCUSE", -2.0, 3), ("138", "THREATEN", -7.0, 3), ("163", "SANCTION", -8.0, 4),
               ("190", "ASSAULT", -10.0, 4), ("141", "PROTEST", -6.5, 3)]
WORDS = ("talks ceasefire border troops sanctions tariffs election aid convoy drones missile summit trade "
         "refugees embassy ministers pipeline grain harbour envoy parliament court strike protest").split()


def synthetic_article(index: int, rng: random.Random, start: dt.date) -> Article:
    """A plausible article: three officials of three countries, two quotes, three events."""
    countries = rng.sample(COUNTRIES, 3)
    names = [f"Minister {rng.choice('ABCDEFGHKLMNPRSTV')}{rng.choice('aeiou')}{rng.choice('lmnrstv')} "
             f"{country.title()}{index % 97}" for country in countries]
    parts: list[str] = []

    def add(piece: str) -> Span:
        begin = sum(len(p) for p in parts)
        parts.append(piece)
        return Span(begin, begin + len(piece), piece)

    filler = " ".join(rng.choice(WORDS) for _ in range(40))
    mentions = [add(names[0]), add(" said "), ]
    quote_one = add(f"“The {rng.choice(WORDS)} must stop, and the {rng.choice(WORDS)} will continue.”")
    add(f" {filler}. ")
    mentions.append(add(names[1]))
    cue = add(" told reporters ")
    quote_two = add(f"“We reject the {rng.choice(WORDS)} of {countries[2].title()}.”")
    add(f" {filler}. ")
    triggers = []
    for k in range(3):
        add(" The envoy said troops ")
        code = rng.choice(EVENT_TYPES)
        triggers.append((add(code[1].lower() + "ed"), code))
        add(f" {rng.choice(WORDS)} near the {rng.choice(WORDS)}. ")
    mentions.append(add(names[2]))
    add(f" {filler}.")
    text = "".join(parts)
    actors = [Actor(f"A{k + 1}", names[k], "person", countries[k], "GOV", f"{countries[k]}GOV", "Minister",
                    [mentions[k]]) for k in range(3)]
    quotes = [Quote("Q1", "direct", [quote_one], None, mentions[0], "A1"),
              Quote("Q2", "direct", [quote_two], cue, mentions[1], "A2")]
    events = []
    for k, (trigger, (cameo, plover, goldstein, quad)) in enumerate(triggers):
        source, target = rng.sample(range(3), 2)
        events.append(Event(f"E{k + 1}", cameo, plover, goldstein, quad, f"A{source + 1}", f"A{target + 1}",
                            actors[source].code, actors[target].code, trigger,
                            TextRange(trigger.start, trigger.end + 20)))
    published = start + dt.timedelta(days=rng.randrange(730))
    return Article(f"syn{index:06d}", text, title=f"{' '.join(rng.sample(WORDS, 5)).capitalize()} ({index})",
                   published=published.isoformat(), actors=actors, quotes=quotes, events=events)


def build(db: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    con = store.connect(db)
    writer = store.Writer(con, run_id=1)
    started = time.monotonic()
    for index in range(count):
        article = synthetic_article(index, rng, dt.date(2023, 1, 1))
        writer.add_article(article, f"synthetic:{index}", dedup.text_hash(article.text), dedup.signature(article.text))
        if (index + 1) % 2000 == 0:
            writer.flush()
            print(f"\r  {index + 1} articles", end="", file=sys.stderr, flush=True)
    writer.flush()
    store.rebuild_search_index(con)
    con.close()
    print(f"\r  {count} articles stored in {time.monotonic() - started:.0f} s", file=sys.stderr)


def measure(db: Path, requests: int, seed: int = 11) -> dict[str, list[float]]:
    from fastapi.testclient import TestClient

    from brink.web import create_app

    rng = random.Random(seed)
    client = TestClient(create_app(db))
    ids = [row[0] for row in client.app.state.con.execute(
        "SELECT id FROM articles USING SAMPLE 500 ROWS").fetchall()]
    pages = {
        "article": lambda: f"/article/{rng.choice(ids)}",
        "search": lambda: f"/search?q={rng.choice(WORDS)}&page={rng.randint(1, 5)}",
        "search+filters": lambda: f"/search?q={rng.choice(WORDS)}&country={rng.choice(COUNTRIES)}&event_type=ASSAULT",
        "search articles": lambda: f"/search?kind=articles&q={rng.choice(WORDS)}",
        "dyad": lambda: "/dyad/{}/{}".format(*rng.sample(COUNTRIES, 2)),
    }
    client.get("/")  # warm the corpus caches once, as a running server would have
    timings: dict[str, list[float]] = {}
    for name, url in pages.items():
        for _ in range(requests):
            path = url()
            began = time.perf_counter()
            response = client.get(path)
            timings.setdefault(name, []).append((time.perf_counter() - began) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{path}: HTTP {response.status_code}")
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per page kind")
    parser.add_argument("--db", type=Path, help="store to build (or reuse); default: a temporary file")
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="brink-bench-")) / "web.duckdb"
    if not db.exists():
        build(db, args.articles)
    timings = measure(db, args.requests)
    con = store.connect(db, read_only=True)
    articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    print(f"{'page':16} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  (n={args.requests} each, {articles} articles)")
    for name, values in timings.items():
        p95 = statistics.quantiles(values, n=20)[18]
        print(f"{name:16} {statistics.median(values):8.1f} {p95:8.1f} {max(values):8.1f}")


if __name__ == "__main__":
    main()
