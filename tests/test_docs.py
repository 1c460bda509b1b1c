"""The documentation keeps up with the code: every field of the output records is described."""

from __future__ import annotations

import re

import msgspec
import pytest

from brink import records

from conftest import ROOT

SCHEMA_DOC = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
DOCUMENTED = set(re.findall(r"`([a-z_]+)`", SCHEMA_DOC))


@pytest.mark.parametrize("record", [records.Article, records.Actor, records.Quote, records.Event,
                                    records.Boilerplate, records.Mention])
def test_every_record_field_is_described_in_the_schema_doc(record):
    missing = [name for name in record.__struct_fields__ if name not in DOCUMENTED]
    assert not missing, f"{record.__name__} fields missing from docs/schema.md: {missing}"


def test_every_boilerplate_kind_is_described_in_the_schema_doc():
    kinds = msgspec.json.schema(records.Boilerplate)["$defs"]["Boilerplate"]["properties"]["kind"]["enum"]
    assert set(kinds) <= DOCUMENTED
