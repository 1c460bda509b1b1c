"""Knowledge importers (tools/), run on the real shared files; skipped where ../shared is absent."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from brink.actors.knowledge import DATA, Knowledge, load_people
from conftest import ROOT, SHARED

ARCHIGOS = SHARED / "data" / "leaders" / "archigos_tenures.tsv"


def _tool(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not ARCHIGOS.exists(), reason="../shared/data/leaders is not here")
def test_archigos_import_reproduces_the_shipped_file_and_loads():
    made = subprocess.run([sys.executable, str(ROOT / "tools" / "import_archigos.py"), str(ARCHIGOS)],
                          capture_output=True, text=True, check=True).stdout
    assert made == (DATA / "leaders_archigos.tsv").read_text(encoding="utf-8")
    kb = Knowledge()
    load_people(kb, made.splitlines(), "leaders_archigos.tsv", {})
    thatcher = kb.entities["person:margaret-thatcher"]
    assert thatcher.gender == "F"
    assert [(o.country, o.start, o.end) for o in thatcher.offices] == [("GBR", "1979-05-04", "1990-11-28")]
    assert {o.country for o in kb.entities["person:helmut-kohl"].offices} == {"DEU"}  # German Federal Republic
    assert ("recep", "tayyip", "erdogan") in kb.phrases  # the name as English news writes it


def test_every_cow_state_of_the_table_is_an_iso_code():
    import pycountry

    tool = _tool("import_archigos")
    assert all(pycountry.countries.get(alpha_3=code) or code == "XKX" for code in tool.COW_TO_ISO.values())
    assert tool.iso_code("2", "United States of America") == "USA"
    with pytest.raises(SystemExit, match="Atlantis"):
        tool.iso_code("9999", "Atlantis")
