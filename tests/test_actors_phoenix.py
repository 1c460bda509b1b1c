"""The PETRARCH/Phoenix importer, on the real dictionaries and on broken input."""

from __future__ import annotations

import pytest

from brink.actors.phoenix import imported_actors, read_dictionary

from conftest import SHARED

PETRARCH = SHARED / "data" / "petrarch"
needs_petrarch = pytest.mark.skipif(not PETRARCH.is_dir(), reason="shared PETRARCH dictionaries absent")


@needs_petrarch
def test_real_country_actors_import_with_dates():
    dictionary = read_dictionary(PETRARCH / "Phoenix.Countries.actors.txt")
    putin = next(a for a in dictionary.actors if a.primary == "VLADIMIR PUTIN")
    assert "PUTIN" in putin.aliases
    assert ("RUSGOV", "2008-05-08", None) in putin.restrictions
    assert len(dictionary.actors) > 10000
    assert any(":2039: unreadable date restriction" in problem for problem in dictionary.problems)


@needs_petrarch
def test_real_agents_import_with_sectors_and_plurals():
    dictionary = read_dictionary(PETRARCH / "Phoenix.agents.txt")
    sectors = {agent.phrase: agent.sector for agent in dictionary.agents}
    assert sectors["POLICE"] == "COP" and sectors["SOLDIERS"] == "MIL"
    assert sectors["CONGRESSWOMAN"] == "LEG"  # the !PERSON! substitution expanded


@needs_petrarch
def test_real_international_actors_keep_igo_codes():
    actors = imported_actors(read_dictionary(PETRARCH / "Phoenix.International.actors.txt"))
    iaea = next(a for a in actors if "iaea" in a.keys)
    assert iaea.codes[0][0].startswith("IGOUNO")


def test_unreadable_bytes_and_lines_are_reported_and_the_rest_loads(tmp_path):
    path = tmp_path / "broken.actors.txt"
    path.write_bytes(b"ANA_VELL_\n\t[ESTGOV 200101-301231]\n\n"
                     b"JOS\xe9_MAR_\n\t[ESPGOV 1999]\n\n"
                     b"+ORPHAN_\n"
                     b"KARI_TUULI_ [FINGOV]\n")
    dictionary = read_dictionary(path)
    assert [a.primary for a in dictionary.actors] == ["ANA VELL", "KARI TUULI"]
    assert f"{path}:4: not UTF-8, read as Windows-1252" in dictionary.problems
    assert any(p.startswith(f"{path}:5: unreadable date restriction") for p in dictionary.problems)
    assert any(p.startswith(f"{path}:7: alias before any actor") for p in dictionary.problems)
