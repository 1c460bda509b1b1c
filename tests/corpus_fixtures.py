"""Builders for reader fixtures made from the bundled VOA stories (public domain): HTML pages,
an RSS feed and a WARC archive, written into a test's temporary folder."""

from __future__ import annotations

import html
import io
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VOA = ROOT / "examples" / "voa" / "voa_stories.jsonl"


def voa_stories(count: int) -> list[dict]:
    with open(VOA, encoding="utf-8") as handle:
        return [json.loads(line) for line, _ in zip(handle, range(count))]


def story_html(story: dict) -> str:
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(story["text"]))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(story['title'])}</title>
<meta property="og:title" content="{html.escape(story['title'])}">
<meta property="article:published_time" content="{story['published'][:10]}">
<link rel="canonical" href="{story['url']}"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>{html.escape(story['title'])}</h1>
{paragraphs}
</article><footer>Subscribe to our newsletter for daily updates.</footer></body></html>"""


def write_html(folder: Path, stories: list[dict]) -> list[Path]:
    paths = []
    for story in stories:
        path = folder / f"{story['id']}.html"
        path.write_text(story_html(story), encoding="utf-8")
        paths.append(path)
    return paths


def write_rss(path: Path, stories: list[dict]) -> Path:
    items = "\n".join(f"""<item><title>{html.escape(s['title'])}</title><link>{s['url']}</link>
<guid>{s['url']}</guid><pubDate>Fri, 14 Mar 2025 20:30:26 GMT</pubDate>
<description>{html.escape(''.join(f'<p>{p}</p>' for p in _paragraphs(s['text'])))}</description></item>"""
                      for s in stories)
    path.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>VOA test feed</title><link>https://example.org/</link>
<description>fixture</description>
{items}
</channel></rss>""", encoding="utf-8")
    return path


def write_warc(path: Path, stories: list[dict], extra_records: bool = True) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))
        for story in stories:
            body = story_html(story).encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(story["url"], "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)
        if extra_records:  # not articles: a request record and an image response
            writer.write_record(writer.create_warc_record("https://example.org/", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record("https://example.org/a.png", "response",
                                                          payload=io.BytesIO(b"\x89PNG...."), http_headers=image))
    return path


def _paragraphs(text: str) -> list[str]:
    # VOA texts are paragraphs joined by spaces after sentence ends; split on blank lines when
    # present, else in groups of sentences so the page has several <p>.
    if "\n\n" in text:
        return [p for p in text.split("\n\n") if p.strip()]
    sentences = text.replace(". ", ".\n").splitlines()
    return [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
