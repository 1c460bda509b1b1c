"""The small store the web, analytics and browser tests share, built once per test session
through the real pipeline: the seed article, a few VOA stories, a syndicated copy of one of
them, and an article whose title and text carry HTML and a script (it must render inert)."""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VOA = ROOT / "examples" / "voa" / "voa_stories.jsonl"
VOA_STORIES = 6
HOSTILE_TITLE = 'Council <b>vote</b> <script>window.hostileTitle = 1</script>'
HOSTILE_TEXT = ('Minister Ana Vell said on Monday: "The <script>window.hostileText = 1</script> proposal '
                'is <img src=x onerror="window.hostileImg = 1"> unacceptable." The council will meet again next week.')


def voa_stories(count: int = VOA_STORIES) -> list[dict]:
    with open(VOA, encoding="utf-8") as handle:
        return [json.loads(line) for line, _ in zip(handle, range(count))]


@lru_cache(maxsize=1)
def web_store() -> Path:
    """The path of the shared test store (built on first use, kept for the session)."""
    from brink import ingest

    folder = Path(tempfile.mkdtemp(prefix="brink-web-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    seed = folder / "seed.txt"
    seed.write_text((ROOT / "examples" / "seed.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "seed.json").write_text(json.dumps({"published": "2022-01-07", "title": "Blinken warns of Russian pretext"}))
    stories = voa_stories()
    copy = dict(stories[0], id=stories[0]["id"] + "-copy", url=None)
    hostile = {"id": "hostile", "title": HOSTILE_TITLE, "text": HOSTILE_TEXT, "published": "2025-03-10"}
    lines = [*stories, copy, hostile]
    (folder / "stories.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    db = folder / "web.duckdb"
    ingest.ingest([str(seed), str(folder / "stories.jsonl")], str(db), workers=1)
    return db
