"""The actors with the most mentions in the bundled VOA stories, with the country, sector and
role brink resolves them to (issue 3 acceptance: check the 40 by hand, at least 38 right).

    .venv/bin/python benchmarks/actors_voa.py [--top 40] [--corpus examples/voa/voa_stories.jsonl]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from brink import nlp, text
from brink.actors import resolve

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--corpus", default=str(ROOT / "examples" / "voa" / "voa_stories.jsonl"))
    args = parser.parse_args()
    stories = [json.loads(line) for line in open(args.corpus, encoding="utf-8") if line.strip()]
    mentions: Counter[str] = Counter()
    labels: defaultdict[str, Counter[tuple]] = defaultdict(Counter)
    for story, doc in zip(stories, nlp.parse_many(s["text"] for s in stories)):
        resolved = resolve(doc, story.get("published"), text.flag_boilerplate(story["text"]))
        for actor in resolved.actors:
            key = actor.canonical_id or actor.name
            mentions[key] += len(actor.mentions)
            labels[key][(actor.name, actor.type, actor.country, actor.sector, actor.role)] += len(actor.mentions)
    print(f"{'#':>3} {'mentions':>8}  {'name':32} {'type':12} {'country':7} {'sector':6} role")
    for rank, (key, count) in enumerate(mentions.most_common(args.top), 1):
        name, kind, country, sector, role = labels[key].most_common(1)[0][0]
        print(f"{rank:>3} {count:>8}  {name[:32]:32} {kind:12} {country or '-':7} {sector or '-':6} {role or '-'}")


if __name__ == "__main__":
    main()
