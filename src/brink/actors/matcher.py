"""Find knowledge-base phrases and spaCy name entities in a Doc: longest match first, keyed by
lowercase token sequences (one dict lookup per token that can start a phrase)."""

from __future__ import annotations

from dataclasses import dataclass
from spacy.tokens import Doc, Token

from brink.actors.knowledge import REGIONS, Knowledge, Meaning, normalise

# Lowercase name particles: "al-Sharaa", "von der Leyen" are names although not capitalised.
NAME_PARTICLES = frozenset({"al", "el", "ad", "as", "bin", "ibn", "abu", "von", "van", "de", "da", "di", "le", "la"})
_NAME_JOINERS = NAME_PARTICLES | {"of", "the", "and", "for", "in", "on", "du", "des", "del", "y"}
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "gen", "lt", "col", "adm", "maj", "sgt", "capt", "sen", "rep",
                         "gov", "pres", "prof", "sheikh", "prince", "princess", "king", "queen", "emir", "ayatollah"})
_KIND_ORDER = {"entity": 0, "seat": 1, "country": 2, "capital": 3, "place": 4, "community": 5, "role": 6, "context": 7}
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass
class Match:
    """Tokens [start, end) and what they may mean; `ner` is set for spaCy names unknown to the
    knowledge base ("PERSON", "ORG")."""

    start: int
    end: int
    meanings: list[Meaning]
    ner: str | None = None
    country: str | None = None  # a spaCy ORG name holding a country or place ("the Serbian Workers' Union")

    @property
    def kind(self) -> str:
        return self.meanings[0].kind if self.meanings else "ner"


def find_matches(doc: Doc, kb: Knowledge, blocked: set[int]) -> list[Match]:
    norms = [normalise(token.text) for token in doc]
    longest = kb.longest
    matches: list[Match] = []
    i, n = 0, len(doc)
    while i < n:
        found = _match_at(doc, kb, norms, i, min(longest.get(norms[i], 0), n - i), blocked)
        if found is not None and _overtaken(doc, kb, norms, found, longest, blocked):
            found = None  # "the West" inside "the West Bank": the longer phrase wins
        if found is None or _inside_longer_name(doc, kb, found):
            i += 1
            continue
        matches.append(found)
        i = found.end
    return _with_names(doc, kb, matches, blocked)


def _match_at(doc: Doc, kb: Knowledge, norms: list[str], i: int, longest: int, blocked: set[int]) -> Match | None:
    for length in range(longest, 0, -1):
        meanings = kb.phrases.get(tuple(norms[i:i + length]))
        if not meanings:
            continue
        fitting = [m for m in meanings if _written_as(m, doc, i, i + length) and _allowed(m, kb, i, length, blocked)]
        if fitting:
            fitting.sort(key=lambda m: _KIND_ORDER[m.kind])
            return Match(i, i + length, fitting)
    return None


def _overtaken(doc: Doc, kb: Knowledge, norms: list[str], found: Match, longest: dict[str, int],
               blocked: set[int]) -> bool:
    for j in range(found.start + 1, found.end):
        later = _match_at(doc, kb, norms, j, min(longest.get(norms[j], 0), len(doc) - j), blocked)
        if later is not None and later.end > found.end and later.end - later.start >= found.end - found.start:
            return True
    return False


def _inside_longer_name(doc: Doc, kb: Knowledge, found: Match) -> bool:
    """A one-word alias ("Hassan") next to other name words ("Omar Hassan al-Bashir") is part of
    someone else's name; an imported one that is also an English word ("Foundation") is part of
    any longer name, a person's or an organisation's, and of any longer entity spaCy found."""
    if found.end - found.start != 1 or found.kind != "entity" or found.meanings[0].exact_case:
        return False
    common = found.meanings[0].common
    if common and (doc[found.start].ent_iob_ == "I" or (found.end < len(doc) and doc[found.end].ent_iob_ == "I")):
        return True
    neighbours = [doc[i] for i in (found.start - 1, found.end) if 0 <= i < len(doc)]
    return any(t.pos_ == "PROPN" and t.text[:1].isupper() and (common or t.ent_type_ in ("", "PERSON"))
               and t.text.rstrip(".").lower() not in HONORIFICS and not is_known_title(kb, t) for t in neighbours)


def _written_as(meaning: Meaning, doc: Doc, start: int, end: int) -> bool:
    first = doc[start]
    if meaning.kind == "place" and not _named_place(doc[start:end]):
        return False
    if meaning.common and (first.pos_ != "PROPN" and first.ent_type_ not in ("ORG", "PERSON", "GPE", "NORP")
                           or start > 0 and doc[start - 1].pos_ == "DET"):
        return False  # "Country music", "the Foundation": an English word, not the name
    if meaning.exact_case:
        return all(ch.isupper() for token in doc[start:end] for ch in token.text if ch.isalpha())
    if meaning.title_case:  # "We will win" is not the group Venceremos
        return all(t.text[:1].isupper() or t.lower_ in _NAME_JOINERS or not t.is_alpha for t in doc[start:end])
    if meaning.capitalised and end - start == 1:  # lowercase multi-word names ("north korea") are safe
        return first.text[:1].isupper() or first.lower_ in NAME_PARTICLES
    return True


def _named_place(span) -> bool:
    """Imported place names include words of ordinary English ("Marches", "Split"): they count
    only where the parser reads a proper noun or a place name."""
    return all(t.pos_ == "PROPN" or t.ent_type_ in _PLACE_LABELS for t in span if t.is_alpha and t.is_title)


def _allowed(meaning: Meaning, kb: Knowledge, start: int, length: int, blocked: set[int]) -> bool:
    """Boilerplate (promos, calls to action) yields no actors, except the media outlets it names."""
    if start not in blocked and start + length - 1 not in blocked:
        return True
    entity = kb.entities.get(meaning.entity or "")
    return bool(entity and entity.offices and entity.offices[0].sector == "MED")


def _imported_part(match: Match, start: int, end: int) -> bool:
    """An imported name covering only part of a longer person name ("Abu Musab" in "Abu Musab
    al-Zarqawi") is someone else."""
    entity = match.meanings[0].entity or ""
    return entity.startswith("phoenix:") and (match.start > start or match.end < end)


def _places_inside(ent, by_token: dict[int, Match]) -> set[int]:
    """A country or capital strictly inside a longer place name ("New Jersey", "Kyiv Oblast")
    is not that country."""
    start, end = ent.start, ent.end
    while start < end - 1 and ent.doc[start].lower_ == "the":
        start += 1
    while end > start + 1 and ent.doc[end - 1].lower_ in ("'s", "’s", "'", "’"):
        end -= 1
    inside = {id(by_token[i]): by_token[i] for i in range(start, end) if i in by_token}
    return {key for key, match in inside.items() if match.kind in ("country", "capital", "place")
            and match.start >= start and match.end <= end and (match.start, match.end) != (start, end)}


def _is_name_word(kb: Knowledge, token: Token) -> bool:
    # dates are capitalised proper nouns too: "told reporters Friday" names no one
    return (token.pos_ == "PROPN" and token.text[:1].isupper() and token.ent_type_ not in ("DATE", "TIME")
            and not is_known_title(kb, token))


def untagged_names(doc: Doc, kb: Knowledge, covered: set[int]) -> list[Match]:
    """Runs of capitalised proper nouns that neither spaCy nor the knowledge base named: the
    resolver keeps those that carry a personal title ("Pavel Orlov, Russia's defense minister")."""
    runs: list[Match] = []
    i = 0
    while i < len(doc):
        if i in covered or not _is_name_word(kb, doc[i]):
            i += 1
            continue
        start = i
        while i < len(doc) and i not in covered and _is_name_word(kb, doc[i]):
            i += 1
        runs.append(Match(start, i, [], ner="ORG"))
    return runs


def _own_name(doc: Doc, inside, end: int) -> bool:
    """An organisation name holding known words is a name of its own ("the Nigerian Bar
    Association", "the University of Sarajevo") unless it ends in a known word other than its
    place ("the Serbian government" is read as a role phrase), holds an institution's name or
    is a title with no country ("Defense Minister"); a body word inside a name with a head of its
    own is part of that name ("the Somali Military Command")."""
    parts = list(inside)
    if any((m.end >= end and m.kind != "context" and not _place_of_name(doc, m))
           or m.kind not in ("country", "capital", "place", "community", "role", "context")
           or (m.kind == "role" and any(r.role is not None and r.role.kind == "body" for r in m.meanings)
               and (m.end >= end or doc[m.end].lower_ == "of"))
           for m in parts):
        return False  # "the Government of Sudan", "the Ministry of Defence" are read as role phrases
    return _country_inside(parts) is not None or not any(m.kind == "role" for m in parts)


def _place_of_name(doc: Doc, match: Match) -> bool:
    return match.kind in ("country", "capital", "place") and match.start > 0 and doc[match.start - 1].lower_ == "of"


def _country_inside(inside) -> str | None:
    """The country of an unknown organisation, from a country or place word in its name."""
    parts = sorted(inside, key=lambda m: m.start)
    return next((m.meanings[0].country for m in parts if m.kind != "role" and m.meanings[0].country
                 and m.meanings[0].country not in REGIONS), None)


def is_known_title(kb: Knowledge, token: Token) -> bool:
    return any(m.kind in ("role", "country") for m in kb.phrases.get((normalise(token.text),), ()))


def _with_names(doc: Doc, kb: Knowledge, matches: list[Match], blocked: set[int]) -> list[Match]:
    """Add spaCy PERSON/ORG names the knowledge base does not know; a person's name wins over
    places and titles inside it ("George Washington")."""
    by_token = {i: match for match in matches for i in range(match.start, match.end)}
    dropped: set[int] = set()
    added: list[Match] = []
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC", "FAC"):
            dropped.update(_places_inside(ent, by_token))
            continue
        if ent.label_ not in ("PERSON", "ORG") or ent.start in blocked:
            continue
        start, end = ent.start, ent.end
        while ent.label_ == "ORG" and end > start + 1 and doc[end - 1].lower_ in ("'s", "’s", "'", "’"):
            end -= 1  # "Guinea-Bissau's" tagged ORG is the country's
        while ent.label_ == "PERSON" and start < ent.end - 1 and is_known_title(kb, doc[start]):
            start += 1  # "President Joe Biden" tagged whole: the title is read separately
        while start > 0 and _is_name_word(kb, doc[start - 1]) and start - 1 not in by_token:
            start -= 1  # "Ana Vell" tagged as just "Vell"
        inside = {id(by_token[i]): by_token[i] for i in range(start, end) if i in by_token}
        if any((m.kind == "entity" and not _imported_part(m, start, end)) or (m.start, m.end) == (start, end)
               for m in inside.values()):
            continue  # the knowledge base knows this name, or spaCy mislabelled a place ("Kyiv")
        if ent.label_ == "ORG" and inside and not _own_name(doc, inside.values(), end):
            continue
        if any(m.start < start or m.end > end for m in inside.values()):
            continue
        dropped.update(inside)
        while ent.label_ == "ORG" and start < end - 1 and doc[start].lower_ == "the":
            start += 1
        country = _country_inside(inside.values()) if ent.label_ == "ORG" else None
        added.append(Match(start, end, [], ner=ent.label_, country=country))
    kept = [m for m in matches if id(m) not in dropped]
    return sorted(kept + added, key=lambda m: m.start)
