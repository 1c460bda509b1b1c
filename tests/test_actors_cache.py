"""The knowledge-base cache: a second load reads the snapshot, a changed input builds anew."""

from __future__ import annotations

from brink.actors import cache
from brink.actors.knowledge import Entity, Knowledge, Meaning, Office


def _tiny() -> Knowledge:
    kb = Knowledge()
    kb.add_entity(Entity("person:ana-vell", "Ana Vell", "person", (Office("EST", "GOV", "ESTGOV", "Minister"),)),
                  ["Ana Vell"])
    kb.add_phrase("Tallinn", Meaning("capital", country="EST", sector="GOV", capitalised=True))
    kb.first_names["ana"] = "F"
    kb.index()
    return kb


def test_second_load_reads_the_snapshot_and_a_changed_input_builds_again(tmp_path, monkeypatch):
    monkeypatch.setenv("BRINK_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "people.tsv"
    source.write_text("Ana Vell\n", encoding="utf-8")
    builds = []

    def build() -> Knowledge:
        builds.append(1)
        return _tiny()

    first = cache.load_or_build(build, [source])
    second = cache.load_or_build(build, [source])
    assert len(builds) == 1
    assert second.phrases == first.phrases and second.entities == first.entities
    assert second.phrases.get(("tallinn",))[0].country == "EST" and second.phrases.get(("riga",), ()) == ()
    assert second.people_by_end_word == first.people_by_end_word and second.first_names == {"ana": "F"}
    source.write_text("Ana Vell\nRob Tarr\n", encoding="utf-8")
    cache.load_or_build(build, [source])
    assert len(builds) == 2
    assert len(list((tmp_path / "cache").glob("knowledge-*.msgpack"))) == 1  # the stale snapshot is gone


def test_a_damaged_snapshot_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("BRINK_CACHE_DIR", str(tmp_path))
    source = tmp_path / "roles.tsv"
    source.write_text("x\n", encoding="utf-8")
    (tmp_path / f"knowledge-{cache.digest([source])}.msgpack").write_bytes(b"\x93garbage")
    kb = cache.load_or_build(_tiny, [source])
    assert ("tallinn",) in kb.phrases


def test_an_unwritable_cache_only_costs_the_build(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("BRINK_CACHE_DIR", str(blocker / "cache"))  # a directory inside a file cannot exist
    assert ("ana", "vell") in cache.load_or_build(_tiny, [blocker]).phrases
