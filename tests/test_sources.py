"""Readers: every input kind yields Documents with id, text, title, url, published; problems
become DocumentErrors naming the file, and a run goes on."""

from __future__ import annotations

import io
import json
import sys

from brink.records import Document, DocumentError
from brink.sources import count_documents, read_inputs
from corpus_fixtures import voa_stories, write_html, write_rss, write_warc


def _documents(items):
    return [item for item in items if isinstance(item, Document)]


def test_html_page_yields_main_text_without_navigation_and_with_metadata(tmp_path):
    story = voa_stories(1)[0]
    [path] = write_html(tmp_path, [story])
    [document] = read_inputs([str(path)])
    assert document.id == story["id"]
    assert document.title == story["title"]
    assert document.published == "2025-03-14"
    assert story["text"][:60] in document.text
    assert "Home" not in document.text.split("\n")[0] and "newsletter" not in document.text


def test_rss_feed_yields_one_document_per_entry_as_plain_text(tmp_path):
    stories = voa_stories(3)
    feed = write_rss(tmp_path / "voa.rss", stories)
    documents = _documents(read_inputs([str(feed)]))
    assert [d.url for d in documents] == [s["url"] for s in stories]
    assert all("<p>" not in d.text and d.published == "2025-03-14" for d in documents)
    assert documents[0].source == "VOA test feed"


def test_warc_yields_html_responses_only_with_stable_record_ids(tmp_path):
    stories = voa_stories(2)
    archive = write_warc(tmp_path / "news.warc.gz", stories)
    first = _documents(read_inputs([str(archive)]))
    again = _documents(read_inputs([str(archive)]))
    assert [d.url for d in first] == [s["url"] for s in stories]  # request and image records left out
    assert [d.id for d in first] == [d.id for d in again]
    assert first[0].origin.startswith(f"{archive}@")
    assert stories[0]["text"][:60] in first[0].text


def test_txt_sidecar_metadata_is_used(tmp_path):
    (tmp_path / "note.txt").write_text("Minister Ana Vell met the delegation on Monday.", encoding="utf-8")
    (tmp_path / "note.json").write_text(json.dumps({"title": "A meeting", "published": "2024-05-02",
                                                    "url": "https://example.org/a"}), encoding="utf-8")
    [document] = read_inputs([str(tmp_path)])
    assert (document.id, document.title, document.published, document.url) == (
        "note", "A meeting", "2024-05-02", "https://example.org/a")


def test_a_malformed_sidecar_is_an_error_for_that_file_only(tmp_path):
    (tmp_path / "a.txt").write_text("First text.", encoding="utf-8")
    (tmp_path / "a.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Second text.", encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    assert isinstance(items[0], DocumentError) and "a.json" in items[0].message
    assert isinstance(items[1], Document) and items[1].id == "b"


def test_unknown_suffix_is_sniffed_and_binary_is_reported(tmp_path):
    feed = write_rss(tmp_path / "feed.download", voa_stories(1))
    blob = tmp_path / "blob.bin"
    blob.write_bytes(bytes(range(256)) * 4)
    feed_items, blob_items = list(read_inputs([str(feed)])), list(read_inputs([str(blob)]))
    assert feed_items[0].title == voa_stories(1)[0]["title"]
    assert isinstance(blob_items[0], DocumentError) and "binary" in blob_items[0].reason


def test_stdin_html_is_sniffed(monkeypatch, tmp_path):
    [path] = write_html(tmp_path, voa_stories(1))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(path.read_bytes())))
    [document] = read_inputs(["-"])
    assert document.title == voa_stories(1)[0]["title"]


def test_count_documents_is_known_for_jsonl_and_text_and_unknown_for_archives(tmp_path, voa_path):
    (tmp_path / "a.txt").write_text("Some text.", encoding="utf-8")
    assert count_documents([str(voa_path), str(tmp_path)]) == 65 + 1
    assert count_documents([str(write_warc(tmp_path / "x.warc", voa_stories(1)))]) is None


def test_extract_reads_a_web_archive(tmp_path):
    from typer.testing import CliRunner

    from brink.cli import app
    from brink.records import article_from_json

    story = voa_stories(1)[0]
    archive = write_warc(tmp_path / "news.warc.gz", [{**story, "text": story["text"][:700]}])
    output = tmp_path / "articles.jsonl"
    result = CliRunner().invoke(app, ["extract", str(archive), "-o", str(output), "--workers", "1"])
    assert result.exit_code == 0, result.output
    [article] = [article_from_json(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert article.url == story["url"] and article.published == "2025-03-14"
    assert all(article.text[s.start:s.end] == s.text for a in article.actors for s in a.mentions)
