"""The start-up cache: built once, read back after, rebuilt when its data file changes, never an
error."""

from __future__ import annotations

from brink import cache


def test_a_cached_value_is_built_once_and_rebuilt_when_its_file_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("BRINK_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "words.tsv"
    data.write_text("alpha\n", encoding="utf-8")
    builds = []

    def build():
        builds.append(1)
        return data.read_text(encoding="utf-8").split()

    assert cache.cached("words", [data], build) == ["alpha"]
    assert cache.cached("words", [data], build) == ["alpha"] and len(builds) == 1
    data.write_text("alpha\nbeta\n", encoding="utf-8")
    assert cache.cached("words", [data], build) == ["alpha", "beta"] and len(builds) == 2
    assert len(list((tmp_path / "cache").glob("words-*.pickle"))) == 1  # the stale entry is gone


def test_a_corrupt_entry_or_an_unwritable_folder_only_costs_a_rebuild(tmp_path, monkeypatch):
    data = tmp_path / "words.tsv"
    data.write_text("alpha\n", encoding="utf-8")
    monkeypatch.setenv("BRINK_CACHE_DIR", str(tmp_path / "cache"))
    cache.cached("words", [data], lambda: ["alpha"])
    [entry] = (tmp_path / "cache").glob("words-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert cache.cached("words", [data], lambda: ["rebuilt"]) == ["rebuilt"]
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("BRINK_CACHE_DIR", str(blocked / "cache"))  # a folder inside a file: unwritable
    assert cache.cached("words", [data], lambda: ["built"]) == ["built"]
