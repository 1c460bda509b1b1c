"""The side of an imported event's actor: a country as ISO 3166-1 alpha-3, or the code of an
international body with no country (NATO: IGOWSTNAT), as brink's own events have them.

Lookup order, first answer wins: an ISO alpha-3 code as such; brink's knowledge base (the
names of countries.tsv and pycountry, organisations, and people, whose country is the one
they serve: "Vladimir Putin" -> RUS); then data/watch/country_names.tsv, for the names event
files use that neither knows (regions of a state, old names). A name with two different
answers, or none, has no side: its events are kept but not counted in dyads.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from brink.actors.knowledge import iso_codes, knowledge, office_on, phrase_key
from brink.errors import UserError
from brink.tsv import data_rows

NAMES = files("brink") / "data" / "watch" / "country_names.tsv"


@lru_cache(maxsize=1)
def extra_names() -> dict[str, str]:
    """country_names.tsv: folded name -> ISO alpha-3."""
    table: dict[str, str] = {}
    for number, (name, code) in data_rows(NAMES.read_text(encoding="utf-8").splitlines(), str(NAMES), 2,
                                          header=("name", "code")):
        if code not in iso_codes():
            raise UserError(f"{NAMES}:{number}: {code!r} is not an ISO 3166-1 alpha-3 code")
        table[_fold(name)] = code
    return table


@lru_cache(maxsize=100_000)
def resolve(name: str) -> str | None:
    """The side `name` (a country name or code, an organisation, a person) stands for, or None."""
    name = " ".join(name.split())  # files carry no-break spaces and doubled blanks
    if not name:
        return None
    if len(name) == 3 and name.isupper() and name in iso_codes():
        return name
    return _from_knowledge(phrase_key(name)) or _from_person_variant(name) or extra_names().get(_fold(name))


def _from_person_variant(name: str) -> str | None:
    """A full name with middle names ("Joseph Robinette Biden") as the knowledge base writes
    it ("Joseph Biden"), or a variant the knowledge base knows of one person."""
    words = tuple(word for word in phrase_key(name) if word.isalpha())
    if len(words) >= 3 and (side := _from_knowledge((words[0], words[-1]))):
        return side
    entity = knowledge().person_variant(words)
    return _entity_side(entity) if entity else None


def _entity_side(entity) -> str | None:
    office, _ = office_on(entity, None)
    return office.country or (office.code if office.code and office.code.startswith("IGO") else None)


def _from_knowledge(key: tuple[str, ...]) -> str | None:
    kb = knowledge()
    found = set()
    for meaning in kb.phrases.get(key, ()):
        if meaning.kind == "country" and meaning.country:
            found.add(meaning.country)
        elif meaning.kind == "entity" and (entity := kb.entities.get(meaning.entity or "")) is not None:
            if side := _entity_side(entity):
                found.add(side)
    return found.pop() if len(found) == 1 else None


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()
