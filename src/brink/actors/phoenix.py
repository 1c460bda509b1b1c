"""Import PETRARCH/Phoenix actor and agent dictionaries (format: dictionaries.rst of
openeventdata/petrarch2) into brink's knowledge-base formats.

    python -m brink.actors.phoenix ACTORS.txt... --agents AGENTS.txt --out DIR

Real files are not valid UTF-8 throughout and hold malformed lines: each line is decoded on
its own (UTF-8, else Windows-1252), and whatever cannot be read is reported with its line
number while the rest loads.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from brink.actors.knowledge import SECTORS, ImportedActor, ImportedActors, is_short_acronym, office_from_code, phrase_key, slug

_RESTRICTION = re.compile(r"\[([^\[\]]*)\]")
_DATE_RANGE = re.compile(r"^(\d{6}|\d{8})-(\d{6}|\d{8})$")
_DATE_BOUND = re.compile(r"^([<>])(\d{6}|\d{8})$")
_CODE = re.compile(r"^[A-Z0-9]{3,15}$")
# Alias lines that are a title plus a name ("PRESIDENT_PUTIN_"): the resolver reads titles itself.
_TITLE_WORDS = {"PRESIDENT", "PRIME", "MINISTER", "FOREIGN", "DEFENSE", "DEFENCE", "SECRETARY", "GENERAL",
                "KING", "QUEEN", "PRINCE", "CHAIRMAN", "LEADER", "AMBASSADOR", "SENATOR", "GOVERNOR", "MAYOR",
                "COMMANDER", "VICE", "DEPUTY", "FORMER", "SPEAKER", "CHANCELLOR", "PREMIER", "US", "U.S.", "UN",
                "U.N.", "UNITED", "RUSSIAN", "AMERICAN", "BRITISH", "CHINESE", "FRENCH", "GERMAN", "MOSCOW"}
_ORG_WORDS = {"AGENCY", "ORGANIZATION", "ORGANISATION", "COUNCIL", "COMMITTEE", "COMMISSION", "BANK", "FUND",
              "COURT", "UNION", "ASSOCIATION", "LEAGUE", "PARTY", "FRONT", "ARMY", "MOVEMENT", "BRIGADE",
              "BRIGADES", "GROUP", "FORCES", "FORCE", "PROGRAMME", "PROGRAM", "OFFICE", "TRIBUNAL", "MISSION",
              "INSTITUTE", "FOUNDATION", "SOCIETY", "FEDERATION", "ALLIANCE", "COALITION", "NETWORK", "CENTER",
              "CENTRE", "ASSEMBLY", "PARLIAMENT", "MINISTRY", "DEPARTMENT", "SECRETARIAT", "CONFERENCE",
              "COMMUNITY", "INITIATIVE", "PANEL", "BUREAU", "AUTHORITY", "HOUSE", "PALACE", "GOVERNMENT", "CORPS", "CELLS", "FACTION", "NUCLEI",
              "COMMANDOS", "GUARD", "GUARDS", "MILITIA", "JIHAD", "TALIBAN", "CONGRESS", "NATIONS", "STATES"}
_BODY_WORDS = {"court", "courts", "army", "armies", "force", "forces", "guard", "ministry", "ministries", "government",
               "party", "parliament", "council", "committee", "agency", "department", "navy", "police", "media",
               "tribunal", "cabinet", "assembly", "senate", "congress", "militia", "organization", "commission"}
_PARTICLES = {"al", "el", "bin", "ibn", "de", "da", "del", "van", "von", "der", "la", "le", "du", "of", "the",
              "and", "for", "on", "in", "abu", "ad", "as", "ul"}


@dataclass
class PhoenixActor:
    primary: str
    line: int
    aliases: list[str] = field(default_factory=list)
    restrictions: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # code, start, end


@dataclass
class PhoenixAgent:
    phrase: str
    sector: str
    line: int


@dataclass
class PhoenixDictionary:
    path: str
    actors: list[PhoenixActor] = field(default_factory=list)
    agents: list[PhoenixAgent] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "file:line: what could not be read"


def decode_lines(data: bytes, origin: str, problems: list[str]) -> Iterator[tuple[int, str]]:
    for number, raw in enumerate(data.split(b"\n"), 1):
        try:
            yield number, raw.decode("utf-8").rstrip("\r")
        except UnicodeDecodeError:
            problems.append(f"{origin}:{number}: not UTF-8, read as Windows-1252")
            yield number, raw.decode("cp1252", errors="replace").rstrip("\r")


def read_dictionary(path: Path | str) -> PhoenixDictionary:
    """Actors or agents, told apart by content: agent lines carry `~` codes (`[~GOV]`)."""
    path = Path(path)
    dictionary = PhoenixDictionary(str(path))
    lines = list(decode_lines(path.read_bytes(), str(path), dictionary.problems))
    is_agents = sum("~" in line.split("#", 1)[0] for _, line in lines[:2000]) > 20
    if is_agents:
        _read_agents(dictionary, lines)
    else:
        _read_actors(dictionary, lines)
    return dictionary


# --- actors --------------------------------------------------------------------------------
def _read_actors(dictionary: PhoenixDictionary, lines: list[tuple[int, str]]) -> None:
    current: PhoenixActor | None = None
    for number, line in lines:
        content = line.split("#", 1)[0].rstrip()
        where = f"{dictionary.path}:{number}"
        if not content.strip():
            if current is not None and not line.strip():
                current = _close(dictionary, current)
            continue
        stripped = content.strip()
        if stripped.startswith("+"):
            if current is None:
                dictionary.problems.append(f"{where}: alias before any actor: {stripped[:60]!r}")
                continue
            current.aliases.append(_phrase(stripped[1:].split("[", 1)[0]))
            _add_restrictions(current, stripped, where, dictionary.problems)
        elif stripped.startswith("["):
            if current is None:
                dictionary.problems.append(f"{where}: date restriction before any actor: {stripped[:60]!r}")
                continue
            _add_restrictions(current, stripped, where, dictionary.problems)
        else:
            phrase = _phrase(stripped.split("[", 1)[0])
            if current is not None and not current.restrictions and not line[:1].isspace():
                current.aliases.append(phrase)  # consecutive names share the codes that follow
            else:
                if current is not None:
                    _close(dictionary, current)
                current = PhoenixActor(phrase, number)
            _add_restrictions(current, stripped, where, dictionary.problems)
    if current is not None:
        _close(dictionary, current)


def _close(dictionary: PhoenixDictionary, actor: PhoenixActor) -> None:
    if actor.restrictions:
        dictionary.actors.append(actor)
    else:
        dictionary.problems.append(f"{dictionary.path}:{actor.line}: actor {actor.primary!r} has no code")
    return None


def _phrase(text: str) -> str:
    return " ".join(text.replace("_", " ").split())


def _add_restrictions(actor: PhoenixActor, text: str, where: str, problems: list[str]) -> None:
    for inside in _RESTRICTION.findall(text):
        parts = inside.split()
        if not parts or parts[0] == "---":
            continue
        code, dates = parts[0], parts[1:]
        if not _CODE.match(code):
            problems.append(f"{where}: unreadable code {inside!r}")
            continue
        if not dates:
            actor.restrictions.append((code, None, None))
            continue
        span = _date_span("".join(dates))
        if span is None:
            problems.append(f"{where}: unreadable date restriction {inside!r}")
            continue
        actor.restrictions.append((code, *span))


def _date_span(text: str) -> tuple[str | None, str | None] | None:
    bound = _DATE_BOUND.match(text)
    if bound:
        date = _iso(bound.group(2))
        return (date, None) if bound.group(1) == ">" else (None, date)
    both = _DATE_RANGE.match(text)
    if both:
        return _iso(both.group(1)), _iso(both.group(2))
    return None


def _iso(digits: str) -> str:
    """yymmdd (20xx up to '30, else 19xx) or yyyymmdd -> YYYY-MM-DD."""
    if len(digits) == 6:
        year = int(digits[:2])
        digits = f"{2000 + year if year <= 30 else 1900 + year}{digits[2:]}"
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"


def _without_brackets(names: list[str]) -> Iterator[str]:
    """"TAMIL TIGERS (LTTE)" -> "TAMIL TIGERS" and "LTTE"."""
    for name in names:
        inside = re.findall(r"\(([^()]*)\)", name)
        if not inside:
            yield name
            continue
        yield " ".join(re.sub(r"\([^()]*\)", " ", name).split())
        yield from (value.strip() for value in inside)


def _spellings(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    """"AL_ZARQAWI" is written "al-Zarqawi" in news: both spellings."""
    hyphenated: list[str] = []
    for word in key:
        if hyphenated and hyphenated[-1] in ("al", "el", "ad", "ar", "as", "ash", "at", "az", "an") and word != "-":
            hyphenated.append("-")
        hyphenated.append(word)
    return [key] if tuple(hyphenated) == key else [key, tuple(hyphenated)]


def _without_article(key: tuple[str, ...]) -> tuple[str, ...]:
    """"THE_WHITE_HOUSE" is found as "White House": the resolver reads "the" itself."""
    return key[1:] if len(key) > 1 and key[0] == "the" else key


def display_name(phrase: str) -> str:
    words = phrase.lower().split()
    return " ".join(word if word in _PARTICLES and i else "-".join(p[:1].upper() + p[1:] for p in word.split("-"))
                    for i, word in enumerate(words))


def _is_title_alias(phrase: str) -> bool:
    words = phrase.upper().split()
    return not words or words[0] in _TITLE_WORDS or len(words) > 5


def _entity_type(actor: PhoenixActor) -> str:
    words = set(actor.primary.upper().replace("-", " ").split())
    return "organization" if words & _ORG_WORDS or len(words) == 1 else "person"


def imported_actors(dictionary: PhoenixDictionary, since: str | None = None) -> list[ImportedActor]:
    """The actors in brink's imported form. Country-level entries (a bare country code) become
    type "country": their aliases are places (cities, provinces, spelling variants) filed under
    that country, and brink's own country files keep every name they define; with `since`
    (YYYY-MM-DD), actors whose every dated code ended before it are left out."""
    out: list[ImportedActor] = []
    for actor in dictionary.actors:
        country_level = all(len(code) == 3 and office_from_code(code, "").country for code, _, _ in actor.restrictions)
        dated = [end for _, start, end in actor.restrictions if start or end]
        if since and dated and all(end and end < since for end in dated):
            continue
        written = [actor.primary, *actor.aliases]
        if country_level:  # "KOREA_(NORTH)": the brackets qualify a place, they hold no acronym
            written = [name for name in written if "(" not in name]
        names = [a for a in dict.fromkeys(_without_brackets(written)) if a and not _is_title_alias(a)]
        if not names:
            continue
        keys = list(dict.fromkeys(("=" if is_short_acronym(name) else "") + " ".join(key)
                                  for name in names for key in _spellings(_without_article(phrase_key(name)))))
        codes = [[code, start or "", end or ""] for code, start, end in actor.restrictions]
        kind = "country" if country_level else _entity_type(actor)
        out.append(ImportedActor(f"phoenix:{slug(actor.primary)}", display_name(names[0]), kind, keys, codes))
    return out


# --- agents --------------------------------------------------------------------------------
_AGENT = re.compile(r"^(?P<phrase>[^\[{]+?)\s*(\{(?P<plural>[^}]*)\}\s*)?\[(?P<code>[^\]}]+)[\]}]")


def _read_agents(dictionary: PhoenixDictionary, lines: list[tuple[int, str]]) -> None:
    markers: dict[str, list[str]] = {}
    for number, line in lines:
        content = line.split("#", 1)[0].strip()
        where = f"{dictionary.path}:{number}"
        if not content or content.startswith("<!--"):
            continue
        if content.startswith("!") and "=" in content and "[" not in content:
            name, values = content.split("=", 1)
            markers[name.strip()] = [value.strip() for value in values.split(",") if value.strip()]
            continue
        match = _AGENT.match(content)
        if match is None:
            dictionary.problems.append(f"{where}: unreadable agent line {content[:60]!r}")
            continue
        sector = match.group("code").replace("~", "")[:3]
        if sector not in SECTORS:
            dictionary.problems.append(f"{where}: unknown agent sector {match.group('code')!r}")
            continue
        for phrase in _expand(match.group("phrase"), markers, where, dictionary.problems):
            dictionary.agents.append(PhoenixAgent(phrase, sector, number))
            plural = match.group("plural")
            if plural is None:
                dictionary.agents.append(PhoenixAgent(_regular_plural(phrase), sector, number))
            elif plural.strip():
                dictionary.agents.append(PhoenixAgent(_phrase(plural), sector, number))


def _expand(phrase: str, markers: dict[str, list[str]], where: str, problems: list[str]) -> list[str]:
    found = re.search(r"![A-Z]+!", phrase)
    if found is None:
        return [_phrase(phrase)]
    values = markers.get(found.group())
    if values is None:
        problems.append(f"{where}: undefined substitution {found.group()}")
        return []
    return [p for value in values
            for p in _expand(phrase[:found.start()] + value + phrase[found.end():], markers, where, problems)]


def _regular_plural(phrase: str) -> str:
    if phrase.endswith("SS"):
        return phrase + "ES"
    if phrase.endswith("Y") and phrase[-2:-1] not in "AEIOU":
        return phrase[:-1] + "IES"
    return phrase + "S"


def agent_rows(dictionary: PhoenixDictionary) -> Iterator[str]:
    """Rows of brink's roles format (phrases, kind, sector, role, default_country)."""
    for agent in dictionary.agents:
        phrase = agent.phrase.lower().removeprefix("the ").strip()
        if phrase:
            kind = "body" if phrase.split()[-1] in _BODY_WORDS else "person"
            yield "\t".join((phrase, kind, agent.sector, display_name(phrase), ""))


# --- command line --------------------------------------------------------------------------
MIT_NOTICE = (
    "Derived from the PETRARCH2/Phoenix dictionaries (openeventdata/petrarch2), MIT licence. "
    "Copyright (c) 2014 Open Event Data Alliance. Permission is hereby granted, free of charge, to any "
    "person obtaining a copy of this software and associated documentation files (the \"Software\"), to "
    "deal in the Software without restriction, including without limitation the rights to use, copy, "
    "modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit "
    "persons to whom the Software is furnished to do so, subject to the following conditions: The above "
    "copyright notice and this permission notice shall be included in all copies or substantial portions "
    "of the Software. THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED."
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("actors", nargs="+", help="PETRARCH/Phoenix .actors files")
    parser.add_argument("--agents", action="append", default=[], help="PETRARCH/Phoenix agents file")
    parser.add_argument("--out", required=True, help="folder for phoenix_actors.json and phoenix_agents.tsv")
    parser.add_argument("--since", help="leave out actors whose every dated code ended before this YYYY-MM-DD")
    args = parser.parse_args(argv)
    out = Path(args.out)
    problems: list[str] = []
    actors: list[ImportedActor] = []
    for path in args.actors:
        dictionary = read_dictionary(path)
        problems += dictionary.problems
        actors += imported_actors(dictionary, args.since)
    agent_lines = list(dict.fromkeys(row for path in args.agents for row in _agents_of(path, problems)))
    (out / "phoenix_actors.json").write_bytes(msgspec.json.encode(ImportedActors(MIT_NOTICE, actors)))
    notice = "".join(f"# {line}\n" for line in MIT_NOTICE.splitlines())
    header = "# Columns (tab-separated): phrases\tkind\tsector\trole\tdefault_country (see README.md)\n"
    (out / "phoenix_agents.tsv").write_text(notice + header + "\n".join(agent_lines) + "\n", encoding="utf-8")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(actors)} actors, {len(agent_lines)} agent rows, {len(problems)} problems", file=sys.stderr)
    return 0


def _agents_of(path: str, problems: list[str]) -> Iterator[str]:
    dictionary = read_dictionary(path)
    problems += dictionary.problems
    return agent_rows(dictionary)


if __name__ == "__main__":
    sys.exit(main())
