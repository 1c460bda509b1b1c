"""Resolution accuracy on the annotated fixture mentions (issue 3 acceptance: >= 0.9).

    .venv/bin/python benchmarks/actors_fixtures.py
"""

from pathlib import Path

from brink import nlp
from brink.actors.accuracy import score

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "actors" / "mentions.jsonl"

if __name__ == "__main__":
    report = score(FIXTURES, nlp.load())
    for outcome in report.wrong:
        print(f"WRONG {outcome.item} {outcome.surface!r}: expected {outcome.expected}, found {outcome.found}")
    print(f"accuracy {report.accuracy:.3f} ({len(report.outcomes) - len(report.wrong)}/{len(report.outcomes)} mentions)")
