"""Resolve the actor mentions of a parsed article: names, titles, appositions, organisations,
countries, seats of power, anonymous sources and groups, then in-document coreference.

Passes, in order: people (a title or apposition fixes their role and country), role phrases
("an administration official", "the secretary-general"), the remaining names and places, then
pronouns (coref.py). Every token of every mention is mapped to its actor for later stages.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from brink.actors.coref import resolve_pronouns
from brink.actors.knowledge import (Entity, Knowledge, Meaning, Role, knowledge, office_on, slug, titled_surname,
                                    word_list)
from brink.actors.matcher import HONORIFICS, Match, find_matches, untagged_names
from brink.records import Actor, ActorType, Boilerplate, ResolvedActors, Span

# Words allowed between a title and a name, or inside a title ("former Russian Prime Minister").
_TITLE_FILLERS = frozenset({"'s", "-", "former", "then", "acting", "interim", "senior", "top", "new", "incoming",
                            "outgoing", "deputy", "first", "chief", "current", "de", "facto", "caretaker", "appointed",
                            "elected", "longtime", "veteran", "jailed", "imprisoned", "exiled", "detained"})
_FORMER = frozenset({"former", "ex", "then", "onetime", "erstwhile"})
_INDEFINITE = frozenset({"a", "an", "one", "some", "several", "two", "three", "many", "other", "another", "any"})
_ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "poss", "dobj", "dative", "csubj"})
_ACTOR_PREPOSITIONS = frozenset({"by", "with", "against", "between", "on", "toward", "towards"})
_MOTION_VERBS = frozenset({"leave", "visit", "reach", "enter", "tour", "fly", "travel", "return", "flee", "depart",
                           "arrive", "evacuate", "bomb", "shell", "strike", "capture", "surround", "approach"})
_LEADING_VERBS = frozenset({"lead", "head", "run", "chair", "control", "dominate"})
_SPEAKING_VERBS = frozenset({"say", "tell", "add", "ask", "write", "explain", "note", "argue", "warn", "insist"})
_ADDRESS_VERBS = frozenset({"protest", "appeal", "write", "speak", "talk", "complain", "say", "propose", "explain",
                            "signal", "apologize", "apologise", "report", "turn", "reach", "send", "deliver"})
_SECTOR_NOUNS = {"GOV": "government", "MIL": "military", "LEG": "legislature", "JUD": "judiciary",
                 "SPY": "intelligence services", "COP": "police", "OPP": "opposition", "REB": "rebels",
                 "CVL": "civilians", "MED": "media", "BUS": "business", "REL": "clergy", "EDU": "students"}
_RELIGIOUS_SECTORS = frozenset({"REL", "MUS", "CHR", "JEW", "HIN", "BUD", "SIK", "SHI", "SUN"})
# Collective nouns a community word can head ("the Kurdish minority"); otherwise only plurals.
_COLLECTIVES = frozenset({"community", "minority", "population", "people", "diaspora", "group", "leadership"})
# "militants loyal to X", "workers affiliated with X": X's country is the group's.
_AFFILIATIONS = frozenset({"loyal", "affiliated", "allied", "linked", "belonging", "attached", "close", "faithful"})
# The head word of an unknown organisation's name -> its sector ("union" is LAB only for workers).
ORGANISATION_SECTORS = {
    **dict.fromkeys(("committee", "council", "forum", "association", "organization", "organisation", "foundation",
                     "society", "institute", "network", "coalition", "league", "movement", "commission", "alliance",
                     "campaign", "watch", "trust", "initiative", "centre", "center", "federation", "confederation",
                     "syndicate", "federations", "associations", "committees", "councils"), "NGO"),
    **dict.fromkeys(("union", "unions"), "LAB"),
    **dict.fromkeys(("front", "brigade", "brigades", "militia", "militias", "tigers"), "REB"),
    **dict.fromkeys(("army", "forces"), "MIL"),
    **dict.fromkeys(("party",), "PTY"),
    **dict.fromkeys(("company", "corporation", "corp", "inc", "ltd", "bank", "airlines", "airways", "holdings",
                     "industries", "motors", "group"), "BUS"),
    **dict.fromkeys(("news", "agency", "times", "post", "journal", "radio", "television", "tv", "herald", "tribune",
                     "gazette", "press", "daily", "broadcasting"), "MED"),
    **dict.fromkeys(("university", "college", "school", "academy"), "EDU"),
}
_MEMBER_STATES = frozenset({"states", "nations", "countries", "governments"})
_LABOUR_WORDS = frozenset({"workers", "worker", "labor", "labour", "trade", "miners", "teachers", "employees"})
_BACKING = frozenset({"backed", "supported", "sponsored", "funded", "financed", "armed", "trained", "allied",
                      "aligned", "influenced", "inspired", "friendly", "leaning", "oriented"})
_LOCATIVE_PREPOSITIONS = frozenset({"in", "across", "throughout", "within", "inside", "of"})
_REGIONS = frozenset({"EUR", "WST", "AFR", "ASA", "MEA", "LAM"})
_STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
_PLACED_SECTORS = frozenset(word_list("placed_sectors"))
_PLURAL_NOUNS = frozenset(word_list("plural_nouns"))
_WHERE_PREPOSITIONS = _LOCATIVE_PREPOSITIONS - {"of"} | {"on"}
_DATELINE_TOKENS = 6  # "CITY, Country —" at most
_DATELINE_DASHES = frozenset({"—", "–", "-", "--"})
_PLACING_PREPOSITIONS = frozenset({"from", "in", "at", "of", "with", "for", "on"})
_DESCRIPTION_TOKENS = 10  # longer noun phrases keep only their head words as a name
_NOMINAL_SENTENCES = 3  # how far back "the envoy" looks for the person it names again
_ENTOURAGE = frozenset({"team", "aide", "camp", "administration", "government", "office", "entourage", "delegation",
                        "staff", "campaign", "cabinet", "allies"})


@dataclass
class Draft:
    """An actor being built; turned into an Actor (with its final id) at the end."""

    key: str
    name: str
    type: ActorType
    country: str | None
    sector: str | None
    code: str | None
    role: str | None
    former: bool = False
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token [start, end)
    role_words: frozenset[str] = frozenset()
    community: bool = False
    # Known only by a description ("a shopkeeper", "legal experts"): an actor of its article only.
    described: bool = False
    imported: bool = False  # described by an imported agent noun, which may name no human ("kingdom")
    refers_back: bool = False  # a definite description ("the spokesperson") that may name someone met before
    gender: str | None = None  # "M"/"F": from the knowledge base, a gendered title or a first name
    specific: bool = False  # a specific office, whose sector must fit the person it refers back to

    @property
    def first(self) -> int:
        return min(start for start, _ in self.mentions)


@dataclass
class Qualifiers:
    """What the words around a title say: country, organisation, body, possessor, 'former'."""

    country: str | None = None
    organisation: Entity | None = None
    sector: str | None = None  # from a body or seat ("administration", "Pentagon")
    default_country: str | None = None
    possessor: Draft | None = None
    former: bool = False
    community: bool = False  # an ethnic or religious community qualifies the title ("Kurdish rebels")
    placed: bool = False  # a country or place word qualifies it ("Iraqi", "in Kirkuk")
    matches: list[Match] = field(default_factory=list)


class Resolution:
    """State for one document."""

    def __init__(self, doc: Doc, kb: Knowledge, date: str | None, blocked: set[int], datelines: set[int]):
        self.doc, self.kb, self.date, self.blocked = doc, kb, date, blocked
        # A dateline's place and agency ("NEW DELHI (AP) -") say where and by whom the story was
        # filed, so even the media outlet other boilerplate may name is no actor there.
        self.matches = [m for m in find_matches(doc, kb, blocked) if m.start not in datelines]
        self.match_at = {i: m for m in self.matches for i in range(m.start, m.end)}
        self.consumed: set[int] = set()  # id() of matches already used as a title or qualifier
        self.drafts: dict[str, Draft] = {}
        self.token_draft: dict[int, Draft] = {}
        self.surnames: dict[str, Draft] = {}
        self.ambiguous: set[str] = set()  # name words two people share
        self.acronyms: dict[str, Draft] = {}  # "CFVC" after "The Ceasefire Violations Committee (CFVC)"
        self.people_words = {ent.text for ent in doc.ents if ent.label_ == "NORP"} | {
            t.text for t in doc if t.dep_ in ("amod", "compound") and t.pos_ == "PROPN"}
        self.named_entities = {m.entity for match in self.matches for m in match.meanings if m.kind == "entity"}
        self.located = [m for m in self.matches if _is_located(doc, m)]  # places named as where things are
        self.dominant = _dominant_country(self.located)

    # --- bookkeeping -----------------------------------------------------------------------
    def mention(self, draft: Draft, start: int, end: int, tokens: range | None = None) -> Draft:
        draft = self.drafts.setdefault(draft.key, draft)
        draft.mentions.append((start, end))
        for i in tokens or range(start, end):
            self.token_draft.setdefault(i, draft)
        return draft

    def entity(self, match: Match) -> Entity | None:
        for meaning in match.meanings:
            if meaning.kind == "entity":
                return self.kb.entities.get(meaning.entity or "")
        return None

    def meaning(self, match: Match, kind: str) -> Meaning | None:
        return next((m for m in match.meanings if m.kind == kind), None)


def resolve(doc: Doc, published: str | None = None, boilerplate: list[Boilerplate] | None = None) -> ResolvedActors:
    """The actors of one parsed article. Named actors keep one id across articles (knowledge-base
    key, or name and code); described ones ("legal experts", "a shopkeeper") get an id of this
    text only, as the same description in two articles is rarely the same people."""
    datelines = [span for span in boilerplate or () if span.kind == "dateline"]
    state = Resolution(doc, knowledge(), published[:10] if published else None, _tokens_of(doc, boilerplate),
                       _tokens_of(doc, datelines))
    _add_titled_names(state)
    for match in state.matches:
        if _is_person(state, match):
            _resolve_person(state, match)
    for match in reversed(state.matches):  # the head noun first, so "administration" qualifies "official"
        if match.kind == "role" and id(match) not in state.consumed:
            _resolve_role_phrase(state, match)
    _refer_back(state)
    for match in state.matches:
        if match.kind == "community" and id(match) not in state.consumed:
            _resolve_community(state, match)
    for match in state.matches:
        if id(match) not in state.consumed and not _is_person(state, match) and match.kind != "role":
            _resolve_other(state, match)
            _name_with_acronym(state, match)
    _resolve_surnames(state)
    resolve_pronouns(state)
    return _finish(state)


def _is_a_people(state: Resolution, match: Match) -> bool:
    """A lone plural name ("Uyghurs", next to "Uyghur" elsewhere) is a people, not a person."""
    if match.end - match.start != 1:
        return False
    token = state.doc[match.start]
    return token.tag_ in ("NNS", "NNPS") or (token.text.endswith("s") and token.text[:-1] in state.people_words)


def _personal_title(state: Resolution, title: Match | None) -> bool:
    """brink's own titles name a person; imported agent nouns ("ethnic minority") and
    organisation nouns ("X, a rights group") may not."""
    meaning = state.meaning(title, "role") if title is not None else None
    return meaning is not None and meaning.role is not None and not meaning.role.imported \
        and not _organisation_noun(state.doc[title.end - 1])


def _organisation_noun(token: Token) -> bool:
    """"group", "organization", "agency": a described actor headed by one is an organisation."""
    return token.lemma_.lower() in ORGANISATION_SECTORS


def _add_titled_names(state: Resolution) -> None:
    for run in untagged_names(state.doc, state.kb, set(state.match_at) | state.blocked):
        if _is_person(state, run) or _reads_as_a_person(state, run):
            run.ner = "PERSON"
            state.matches.append(run)
            state.match_at.update((i, run) for i in range(run.start, run.end))
    state.matches.sort(key=lambda m: m.start)


def _reads_as_a_person(state: Resolution, run: Match) -> bool:
    """A name the tagger missed ("Vassily Nebenzia told the council", "Ana Vell, a research
    associate at ..."): two or three capitalised words with a person's apposition, or the subject
    of a verb of saying."""
    words = state.doc[run.start:run.end]
    if not 2 <= len(words) <= 3 or not all(t.is_alpha and t.is_title for t in words):
        return False
    head = words[-1]
    if _organisation_noun(head):
        return False  # "Empowerment Foundation, a rights group"
    described = any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.text.islower() and not _organisation_noun(c)
                    for c in head.children)
    speaking = head.dep_ == "nsubj" and head.head.lemma_ in _SPEAKING_VERBS
    return described or speaking


def _tokens_of(doc: Doc, spans: list[Boilerplate] | None) -> set[int]:
    tokens: set[int] = set()
    for span in spans or ():
        chars = doc.char_span(span.start, span.end, alignment_mode="expand")
        if chars is not None:
            tokens.update(range(chars.start, chars.end))
    return tokens


def _is_person(state: Resolution, match: Match) -> bool:
    if match.ner == "PERSON":
        return not _is_a_people(state, match)
    if match.ner == "ORG":  # spaCy often calls an unfamiliar name ORG: a title or a known surname settles it
        title = _title_before(state, match.start)[0]
        if title is not None and state.doc[match.start].ent_iob_ == "I":
            title = None  # "People's Empowerment Foundation": a title word inside the organisation's name
        return (state.doc[match.start:match.end].text.lower() in state.surnames
                or _personal_title(state, title)
                or _personal_title(state, _apposition(state, match)[0]))
    entity = state.entity(match)
    return entity is not None and entity.type == "person"


# --- people --------------------------------------------------------------------------------
def _resolve_person(state: Resolution, match: Match) -> None:
    title_role, title_match, qualifiers, title_tokens = _title_of(state, match)
    name = state.doc[match.start:match.end].text
    entity = state.entity(match) or _spelling_variant(state, match)
    if entity is not None:
        draft = _known_person(state, entity, title_role, qualifiers)
    else:
        draft = _unknown_person(state, name, title_role, title_match, qualifiers)
    tokens = range(min([match.start, *title_tokens]), max([match.end, *[t + 1 for t in title_tokens]]))
    draft = state.mention(draft, match.start, match.end, tokens)
    draft.gender = draft.gender or (entity.gender if entity is not None else None) \
        or _gender_in_text(state, match.start, tokens) or state.kb.first_names.get(state.doc[match.start].lower_)
    _remember_name(state, name, draft)
    _possessed_entourage(state, draft, state.doc[match.end - 1])


def _gender_in_text(state: Resolution, start: int, tokens: range) -> str | None:
    """"Mrs. Vell", "the spokeswoman Ana Vell", "Queen X": a gendered word of the title or just
    before the name."""
    words = [state.doc[i] for i in range(min(tokens.start, start), start)]
    if start > 0 and state.doc[start - 1].i not in tokens:
        words.append(state.doc[start - 1])
    found = {state.kb.gendered_words.get(t.lower_.rstrip(".")) for t in words} - {None}
    return found.pop() if len(found) == 1 else None


def _spelling_variant(state: Resolution, match: Match) -> Entity | None:
    """A person spaCy named but the knowledge base does not know under this spelling."""
    if match.ner != "PERSON":
        return None
    words = tuple(t.lower_ for t in state.doc[match.start:match.end] if t.is_alpha)
    return state.kb.person_variant(words)


def _remember_name(state: Resolution, name: str, draft: Draft) -> None:
    """Each word of a full name may refer back to it later ("Wen" for "Wen Lo", "Vell" for
    "Ana Vell"), unless two people in the article share it."""
    state.surnames.setdefault(name.lower(), draft)
    for word in name.split():
        key = word.lower()
        if len(key) < 3 or not word[:1].isupper():
            continue
        known = state.surnames.get(key)
        if known is None:
            state.surnames[key] = draft
        elif known is not draft:
            state.ambiguous.add(key)


def _possessed_entourage(state: Resolution, draft: Draft, name: Token) -> None:
    """"Blinken's team", "Biden's administration": the possessor's side acts through them."""
    head = name.head if name.dep_ == "poss" else None
    if head is None and name.i + 2 < len(state.doc) and state.doc[name.i + 1].lower_ in ("'s", "’s"):
        head = state.doc[name.i + 2]  # the parser sometimes misses the possessive ("give Blinken's team a chance")
    if head is not None and head.lemma_.lower() in _ENTOURAGE and head.i not in state.token_draft:
        for i in range(name.i + 1, head.i + 1):  # the name stays the mention; its team acts for it
            state.token_draft.setdefault(i, draft)


def _known_person(state: Resolution, entity: Entity, title_role: Role | None, qualifiers: Qualifiers) -> Draft:
    office, former = office_on(entity, state.date, title_role.sector if title_role else None)
    former = former or qualifiers.former
    country = office.country or (qualifiers.country if not office.code else None)
    sector = "ELI" if former and office.sector not in (None, "IGO") else office.sector
    code = office.code if not former or not country else f"{country}ELI"
    role = office.role or (title_role.role if title_role else None)
    if former and sector == "IGO":
        sector, code = "ELI", None
    return Draft(entity.id, entity.name, "person", country, sector, code, role, former,
                 role_words=_role_words(role))


def _unknown_person(state: Resolution, name: str, title_role: Role | None, title_match: Match | None,
                    qualifiers: Qualifiers) -> Draft:
    if title_role is None:
        last = name.split()[-1].lower()
        known = state.surnames.get(name.lower()) or (state.surnames.get(last) if last not in state.ambiguous else None)
        if known is not None and known.type == "person" and _may_be_named(name, known.name):
            return known
        return Draft(f"person:{slug(name)}", name, "person", None, None, None, None)
    known_title = titled_surname(state.kb, name.lower(), title_role.sector) if " " not in name else None
    if known_title is not None and qualifiers.country in (None, known_title[1].country):
        return _known_person(state, known_title[0], title_role, qualifiers)  # "President Reagan"
    if qualifiers.country is None and qualifiers.organisation is None and title_match is not None \
            and title_role.sector in _STATE_SECTORS:
        qualifiers.country = _sentence_country(state, title_match.start)  # "President X ... in Sudan"
    country, sector, code = _placement(title_role, qualifiers)
    if qualifiers.former:
        sector, code = "ELI", f"{country}ELI" if country else None
    words = _role_words(title_role.role) | _surface_words(state, title_match)
    return Draft(f"person:{slug(name)}:{code or ''}", name, "person", country, sector, code, title_role.role,
                 qualifiers.former, role_words=frozenset(words))


def _may_be_named(name: str, known: str) -> bool:
    """"Lai" or "Mr. Lai" may be Jimmy Lai named again; "Sebastien Lai" is someone else (a
    relative): a longer name must agree with the known one in its other words or initials."""
    words = [w for w in name.split()[:-1] if w.lower().rstrip(".") not in HONORIFICS]
    known_words = known.split()
    return all(any(k == w or (len(w.rstrip(".")) == 1 and k.startswith(w.rstrip("."))) for k in known_words)
               for w in words)


def _sentence_country(state: Resolution, at: int) -> str | None:
    """The one country a sentence names as a place or owner outside other actors' titles, if it
    names exactly one ("... in Sudan"); a country the person acts on ("warned Libya") is not theirs."""
    sentence = state.doc[at].sent
    countries = {m.meanings[0].country for m in state.matches
                 if sentence.start <= m.start < sentence.end and m.kind in ("country", "capital", "place")
                 and id(m) not in state.consumed and m.meanings[0].country not in _REGIONS
                 and _locative(state.doc[m.end - 1])}
    return countries.pop() if len(countries) == 1 else None


def _locative(token: Token) -> bool:
    """A country named as a place or owner ("in Sudan", "Ukraine's delegation"), not as a verb's
    argument ("warned Libya", "talks with Iran")."""
    while token.dep_ in ("conj", "appos") and token.head is not token:
        token = token.head
    if token.dep_ == "pobj":
        return token.head.lower_ in _LOCATIVE_PREPOSITIONS
    return token.dep_ == "poss"


def _title_of(state: Resolution, match: Match) -> tuple[Role | None, Match | None, Qualifiers, list[int]]:
    """A title written before the name ("NATO Secretary-General Jens Stoltenberg") or in
    apposition ("Jens Stoltenberg, NATO's secretary-general")."""
    role_match, parts = _title_before(state, match.start)
    if role_match is None:
        role_match, parts = _apposition(state, match)
    if role_match is None:
        return None, None, Qualifiers(), []
    state.consumed.add(id(role_match))
    qualifiers = _qualifiers(state, parts, role_match)
    qualifiers.country = qualifiers.country or _country_after(state, match)
    if qualifiers.country is None and qualifiers.organisation is None:  # "Colonel X, a spokesman for the Japanese army"
        apposed, apposed_parts = _apposition(state, match)
        if apposed is not None and apposed is not role_match:
            state.consumed.add(id(apposed))
            more = _qualifiers(state, apposed_parts, apposed)
            qualifiers.country, qualifiers.organisation = more.country, more.organisation
            parts = parts + [apposed, *apposed_parts]
    role = state.meaning(role_match, "role")
    tokens = [i for part in [role_match, *parts] if id(part) in state.consumed for i in range(part.start, part.end)]
    qualifiers.former = qualifiers.former or _has_former(state, min(tokens), match.start)
    return role.role if role else None, role_match, qualifiers, tokens


def _country_after(state: Resolution, match: Match) -> str | None:
    """'Former Prime Minister Tomas Kral of Slovakia'."""
    if match.end + 1 < len(state.doc) and state.doc[match.end].lower_ in ("of", "in"):
        found = state.match_at.get(match.end + 1)
        if found is not None and found.kind == "country":
            state.consumed.add(id(found))
            return found.meanings[0].country
    return None


def _title_before(state: Resolution, start: int) -> tuple[Match | None, list[Match]]:
    """The title right before a name: the nearest office ("Secretary-General") and what
    qualifies it ("NATO", "Russian", "administration")."""
    role_match: Match | None = None
    parts: list[Match] = []
    i = start - 1
    while i >= 0:
        found = state.match_at.get(i)
        if found is not None and not _is_person(state, found) and _title_part(state, found):
            if role_match is None and _is_office(state, found):
                role_match = found
            else:
                parts.append(found)
            i = found.start - 1
        elif state.doc[i].lower_ in _TITLE_FILLERS and not state.doc[i + 1].is_sent_start:
            i -= 1
        else:
            break
    return (role_match, parts) if role_match is not None else (None, [])


def _is_office(state: Resolution, found: Match) -> bool:
    """A personal title: brink's own roles only, as imported agent nouns are often collective."""
    meaning = state.meaning(found, "role")
    return meaning is not None and meaning.role is not None and meaning.role.kind != "body" and not meaning.role.imported


def _title_part(state: Resolution, found: Match) -> bool:
    if found.kind == "role":
        return state.doc[found.end - 1].pos_ in ("NOUN", "PROPN", "ADJ")
    return found.kind in ("country", "seat", "capital", "entity")


def _apposition(state: Resolution, match: Match) -> tuple[Match | None, list[Match]]:
    head = state.doc[match.end - 1]
    candidates = [child for child in head.children if child.dep_ == "appos"]
    if head.dep_ == "appos":
        candidates.append(head.head)
    for token in candidates:
        found = state.match_at.get(token.i)
        if found is None or not _is_office(state, found):
            continue
        return found, _np_qualifier_matches(state, found, token)
    return None, []


# --- role phrases --------------------------------------------------------------------------
def _resolve_role_phrase(state: Resolution, match: Match) -> None:
    meaning = state.meaning(match, "role")
    head = state.doc[match.end - 1]
    if meaning is None or meaning.role is None or head.pos_ not in ("NOUN", "PROPN") or head.i in state.token_draft:
        return
    role = meaning.role
    parts = _np_qualifier_matches(state, match, head)
    qualifiers = _qualifiers(state, parts, match)
    start = _np_start(state, head, match, parts)
    tokens = range(start, match.end)
    if role.kind == "body":
        if not qualifiers.matches and not _is_definite(state, head) and not role.default_country \
                and not (head.tag_ == "NNS" and head.dep_ in _ACTING_DEPS):
            return  # "using military force": a bare noun names no body; "security forces fired" do
        draft = _body(state, role, qualifiers, head.i, state.doc[start:match.end].text)
    else:
        draft = _person_or_group(state, match, head, role, qualifiers, start)
    if draft is not None:
        state.mention(draft, start, match.end, tokens)


def _np_qualifier_matches(state: Resolution, match: Match, head: Token) -> list[Match]:
    """Qualifiers inside the noun phrase: before the title ("Russian", "NATO's") or after it
    ("of NATO", "of Ukraine")."""
    indices = list(range(head.left_edge.i, match.start))
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "from", "in", "at"):
            indices += [t.i for t in child.subtree]
        elif child.dep_ in ("amod", "acl") and child.lower_ in _AFFILIATIONS:
            indices += [t.i for prep in child.children if prep.dep_ == "prep" and prep.lower_ in ("to", "with")
                        for t in prep.subtree]
    parts: dict[int, Match] = {}
    for i in indices:
        found = state.match_at.get(i)
        if found is not None and found is not match and id(found) not in state.consumed:
            parts[id(found)] = found
    return [p for p in parts.values() if (p.kind in ("country", "seat", "capital", "place", "community", "entity", "role")
            or p.ner == "PERSON" or (p.ner == "ORG" and p.country)) and not _backer(state, p)]


def _backer(state: Resolution, part: Match) -> bool:
    """"Iranian-backed militias", "pro-Syrian guerrillas": the country backs the group, it is
    not the group's own."""
    doc = state.doc
    after = doc[part.end + 1].lower_ if part.end + 1 < len(doc) and doc[part.end].text == "-" else ""
    before = doc[part.start - 2].lower_ if part.start >= 2 and doc[part.start - 1].text == "-" else ""
    return after in _BACKING or before in ("pro", "anti")


def _qualifiers(state: Resolution, parts: list[Match], title: Match | None = None) -> Qualifiers:
    """What the qualifying words say; they become part of the title's mention, except a named
    organisation after it ("a spokeswoman for the WHO"), which stays an actor of its own."""
    qualifiers = Qualifiers(matches=parts)
    for part in parts:
        named_after = title is not None and part.start > title.start and (part.kind == "entity" or part.ner == "ORG")
        if not named_after:
            state.consumed.add(id(part))
        meaning = part.meanings[0] if part.meanings else None
        if part.ner == "ORG":
            qualifiers.country = qualifiers.country or part.country
        elif part.ner == "PERSON" or (meaning and meaning.kind == "entity" and _is_person(state, part)):
            qualifiers.possessor = state.token_draft.get(part.start)
        elif meaning is None:
            continue
        elif meaning.kind in ("country", "capital", "place"):
            qualifiers.country = qualifiers.country or meaning.country
            qualifiers.placed = True
        elif meaning.kind == "community":
            qualifiers.country = qualifiers.country or meaning.country
            qualifiers.community = True
        elif meaning.kind == "seat":
            qualifiers.country = qualifiers.country or meaning.country
            qualifiers.sector = qualifiers.sector or meaning.sector
        elif meaning.kind == "entity":
            qualifiers.organisation = qualifiers.organisation or state.kb.entities.get(meaning.entity or "")
        elif meaning.kind == "role" and meaning.role:  # "administration official", "leader of the gang"
            heads_phrase = any(t.dep_ == "pobj" for t in state.doc[part.start:part.end])
            resolved_after = state.token_draft.get(part.end - 1) if title is not None and part.start > title.start else None
            if resolved_after is not None:  # "gunmen loyal to Syria's army chief": the chief's country
                qualifiers.country = qualifiers.country or resolved_after.country
            qualifiers.sector = meaning.role.sector if heads_phrase else qualifiers.sector or meaning.role.sector
            qualifiers.default_country = qualifiers.default_country or meaning.role.default_country
    return qualifiers


def _placement(role: Role, qualifiers: Qualifiers) -> tuple[str | None, str | None, str | None]:
    """Country, sector and code of a titled person or group from the words around the title."""
    organisation = qualifiers.organisation
    possessor = qualifiers.possessor
    if organisation is not None:
        office = organisation.offices[0]
        sector = office.sector if role.kind == "generic" or office.sector in ("IGO", "REB", "NGO", "MED") else role.sector
        if office.country is None and office.sector != "IGO" and qualifiers.country not in (None, *_REGIONS):
            return qualifiers.country, sector, f"{qualifiers.country}{sector or ''}"  # "Iraq's al-Qaeda"
        return office.country, sector, office.code if sector == office.sector else (office.country or "") + (sector or "")
    country = qualifiers.country or (possessor.country if possessor else None) or qualifiers.default_country \
        or role.default_country
    sector = role.sector
    if role.kind in ("generic", "leader"):
        sector = qualifiers.sector or (possessor.sector if possessor else None) or role.sector
    if country in _REGIONS:
        return None, sector, f"{country}{sector}"
    return country, sector, (country + sector) if country else None


def _body(state: Resolution, role: Role, qualifiers: Qualifiers, at: int, surface: str) -> Draft | None:
    if qualifiers.country is None and qualifiers.organisation is None and not role.default_country:
        # "the government led by X" is X's country's; else "the military" of the country just named
        head = state.doc[at]
        placed = role.sector in _PLACED_SECTORS
        qualifiers.country = _leader_country(state, head) or (_sentence_place(state, head) if placed else None) \
            or _recent_country(state, at) or (state.dominant if placed else None)
    country, sector, code = _placement(role, qualifiers)
    if qualifiers.organisation is not None:
        entity = qualifiers.organisation
        return Draft(entity.id, entity.name, entity.type, country, sector, code, None)
    if country is None:
        if sector in ("GOV", None):
            return None  # "the government" of no named country: nothing to resolve to
        return Draft(f"body::{sector}:{slug(role.role)}", surface, "organization", None, sector, None, None,
                     described=True)  # a body of no known country is named as the text describes it
    return _government(state, country, sector)


def _leader_country(state: Resolution, head: Token) -> str | None:
    for participle in head.children:
        if participle.dep_ == "acl" and participle.lemma_.lower() in _LEADING_VERBS:
            for agent in participle.children:
                if agent.dep_ == "agent":
                    leader = next((state.token_draft.get(o.i) for o in agent.children if o.dep_ == "pobj"), None)
                    if leader is not None and leader.country:
                        return leader.country
    return None


def _recent_country(state: Resolution, at: int) -> str | None:
    """The country named last within the two sentences before a bare "the military"."""
    sentences = 0
    for i in range(at - 1, -1, -1):
        if state.doc[i].is_sent_start:
            sentences += 1
            if sentences > 2:
                break
        found = state.match_at.get(i)
        if found is not None and found.kind in ("country", "capital", "place", "seat") and found.meanings[0].country:
            country = found.meanings[0].country
            return None if country in _REGIONS else country
    return None


def _is_located(doc: Doc, match: Match) -> bool:
    """A country or place named as where something is: "in Quetta", "Balochistan province",
    "Ukraine's", or a dateline ("ISLAMABAD — ...")."""
    if match.kind not in ("country", "capital", "place") or match.meanings[0].country in (None, *_REGIONS):
        return False
    token = doc[match.end - 1]
    if token.pos_ != "PROPN":  # "Russian drones": an adjective qualifies, it places nothing ...
        noun = token.head  # ... except in a place phrase: "on Afghan soil", "in Syrian territory"
        return token.dep_ == "amod" and noun.dep_ == "pobj" and noun.head.lower_ in _WHERE_PREPOSITIONS
    if _in_dateline(doc, match):
        return True
    while token.dep_ == "compound" and token.head.pos_ == "NOUN":  # "in Balochistan province"
        token = token.head
    return _locative(token)


def _in_dateline(doc: Doc, match: Match) -> bool:
    """"QUETTA, Pakistan — ...": names only, then a dash, at the start of a sentence."""
    sentence = doc[match.start].sent
    for token in sentence[:_DATELINE_TOKENS]:
        if token.text in _DATELINE_DASHES:
            return match.end <= token.i
        if token.pos_ not in ("PROPN", "PUNCT"):
            return False
    return False


def _dominant_country(located: list[Match]) -> str | None:
    """The country most of an article's located mentions name, if one leads."""
    counts = Counter(m.meanings[0].country for m in located)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _sentence_place(state: Resolution, head: Token) -> str | None:
    """Where a sentence places a group with no country of its own (CAMEO codes state bodies by
    the state they serve and armed groups by where they act): the located place of its own
    clause, else the one named nearest it in the sentence."""
    sentence = head.sent
    places = [m for m in state.located if sentence.start <= m.start < sentence.end]
    if not places:
        return None
    clause = head
    while clause.pos_ not in ("VERB", "AUX") and clause.head is not clause:
        clause = clause.head
    in_clause = {t.i for t in clause.subtree}
    chosen = min((m for m in places if m.start in in_clause), key=lambda m: abs(m.start - head.i), default=None) \
        or min(places, key=lambda m: abs(m.start - head.i))
    return chosen.meanings[0].country


def _government(state: Resolution, country: str, sector: str | None) -> Draft:
    info = state.kb.countries.get(country)
    adjective = info.adjective if info else country
    name = f"{adjective} {_SECTOR_NOUNS.get(sector or '', (sector or '').lower())}".strip()
    return Draft(f"body:{country}:{sector}", name, "organization", country, sector, f"{country}{sector or ''}", None)


def _person_or_group(state: Resolution, match: Match, head: Token, role: Role, qualifiers: Qualifiers,
                     start: int) -> Draft | None:
    plural = head.tag_ in ("NNS", "NNPS") or (head.lower_.endswith("s") and head.lemma_.lower() != head.lower_) \
        or head.lower_ in _PLURAL_NOUNS
    indefinite = state.doc[head.left_edge.i].lower_ in _INDEFINITE
    surface = state.doc[start:match.end].text
    words = _role_words(role.role) | _surface_words(state, match)
    if not plural and not indefinite:
        antecedent = _title_antecedent(state, match.start, role, words, qualifiers)
        if antecedent is not None:
            return antecedent
        if not qualifiers.matches and not _is_definite(state, head):
            return None  # a bare singular noun ("military force", "use of police") refers to no one
    country, sector, code = _placement(role, qualifiers)
    kind: ActorType = "group" if plural else "organization" if _organisation_noun(head) else "person"
    if (plural or indefinite) and code is None and sector in _PLACED_SECTORS and not qualifiers.community \
            and qualifiers.organisation is None and qualifiers.possessor is None:
        country = _sentence_place(state, head) or state.dominant  # "militants attacked a train in X"
        code = f"{country}{sector}" if country else None
    bodies = "-".join(sorted(state.doc[p.end - 1].lemma_.lower() for p in qualifiers.matches if p.kind == "role"))
    organisation = qualifiers.organisation.id if qualifiers.organisation else ""
    key = f"{kind}:{code or country or ''}:{sector}:{slug(role.role)}:{organisation}:{bodies}"
    if indefinite and not plural:
        key += f":{head.i}"  # "a witness ... another witness": each is someone new
    community = (qualifiers.community or role.sector in _RELIGIOUS_SECTORS) and not qualifiers.placed \
        and sector not in _STATE_SECTORS  # "Greek Cypriot officials" serve a state, they are no community
    name = _description(state, head, start, match.end) if indefinite or plural else surface
    genders = {state.kb.gendered_words.get(t.lower_) for t in state.doc[start:match.end]} - {None}
    return Draft(key, name, kind, country, sector, code, role.role, qualifiers.former,
                 gender=genders.pop() if len(genders) == 1 and not plural else None,
                 role_words=frozenset(words), community=community, described=True, imported=role.imported,
                 refers_back=not plural and not indefinite and _is_definite(state, head),
                 specific=role.kind == "person")


def _description(state: Resolution, head: Token, start: int, end: int) -> str:
    """The name of someone known only by a description: the noun phrase as written, from its
    quantifier ("one user", "both leaders") to a short phrase placing it ("a shopkeeper in the
    old city", "another user from Beijing")."""
    doc = state.doc
    left = head.left_edge.i
    if left < start and doc[left].lower_ in _INDEFINITE | {"both", "all"}:
        start = left
    following = doc[end] if end < len(doc) else None  # the parser may hang it on the verb ("wrote a user from X")
    if following is not None and following.dep_ == "prep" and following.lower_ in _PLACING_PREPOSITIONS \
            and following.head in (head, head.head):
        right = following.right_edge.i + 1
        if right - start <= _DESCRIPTION_TOKENS and not any(t.is_punct for t in doc[end:right]):
            end = right
    return doc[start:end].text


def _refer_back(state: Resolution) -> None:
    """A definite description with no title before it to match ("the spokesperson", "the
    student", "the envoy") is, in text order, the same described person met before ("a State
    Department spokesperson") or else the person named last in the sentences before it (as
    role phrases are read from the end, this runs once all of them are drafted)."""
    for draft in sorted((d for d in state.drafts.values() if d.described and d.type == "person" and d.mentions),
                        key=lambda d: d.first):
        at = draft.first
        antecedent = _name_set_off_before(state, draft)
        if antecedent is None and draft.refers_back:
            antecedent = _apposed_name(state, draft) or _described_antecedent(state, draft, at) \
                or (None if draft.imported else _nominal_antecedent(state, draft, at))  # "the prison" names no one
        if antecedent is not None:
            _merge(state, draft, antecedent)


def _name_set_off_before(state: Resolution, draft: Draft) -> Draft | None:
    """"Al-Sharaa — leader of the group — said", "Vell, the minister,": a description set off
    right after a name, where the parser saw no apposition, is that person."""
    start, _ = min(draft.mentions)
    if start < 2 or state.doc[start - 1].text not in (",", "—", "–"):
        return None
    named = state.token_draft.get(start - 2)
    return named if named is not None and named.type == "person" and not named.described else None


def _apposed_name(state: Resolution, draft: Draft) -> Draft | None:
    """"Pakistan's envoy to the UN, Munir Akram, said": the name set off by a comma after it,
    within its noun phrase (the parser may hang the name on the phrase's last noun)."""
    start, end = min(draft.mentions)
    right = state.doc[end - 1].right_edge.i + 1
    for i in range(end + 1, min(right + 2, len(state.doc))):
        named = state.token_draft.get(i)
        if state.doc[i - 1].text in (",", "—", "–") and named is not None and named.type == "person" \
                and not named.described:
            return named
    return None


def _described_antecedent(state: Resolution, draft: Draft, at: int) -> Draft | None:
    best: Draft | None = None
    for other in state.drafts.values():
        if other is draft or other.type != "person" or not other.mentions or other.first >= at:
            continue
        if draft.role_words and draft.role_words <= other.role_words and draft.country in (None, other.country):
            best = other if best is None or other.first > best.first else best
    return best


def _nominal_antecedent(state: Resolution, draft: Draft, at: int) -> Draft | None:
    """The person named last in the sentences before a definite description, if nothing it says
    (country, organisation, the sector of a specific office) contradicts them. Someone named in
    the same sentence is another person ("Rubio met the foreign minister")."""
    sentence_start = state.doc[at].sent.start
    window_start = _sentence_start_back(state.doc, at, _NOMINAL_SENTENCES)
    best: tuple[int, Draft] | None = None
    for other in state.drafts.values():
        if other.type != "person" or other.described:
            continue
        earlier = [s for s, _ in other.mentions if s < at]
        if not earlier or not window_start <= max(earlier) < sentence_start:
            continue
        if draft.country and other.country and draft.country != other.country:
            continue
        if draft.code and other.code and other.sector != "ELI" and draft.code != other.code \
                and not draft.code.startswith(other.code):
            continue  # a former office holder is coded ELI, whatever the description says he was
        if draft.specific and other.sector and other.sector not in (draft.sector, "ELI"):
            continue
        if best is None or max(earlier) > best[0]:
            best = (max(earlier), other)
    return best[1] if best else None


def _merge(state: Resolution, draft: Draft, into: Draft) -> None:
    into.mentions.extend(draft.mentions)
    into.role_words |= draft.role_words  # "the envoy" later is this person too
    draft.mentions.clear()
    for i, owner in list(state.token_draft.items()):
        if owner is draft:
            state.token_draft[i] = into
    del state.drafts[draft.key]


def _sentence_start_back(doc: Doc, at: int, sentences: int) -> int:
    start = doc[at].sent.start
    for _ in range(sentences):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return start


def _title_antecedent(state: Resolution, before: int, role: Role, words: frozenset[str],
                      qualifiers: Qualifiers) -> Draft | None:
    """'the secretary-general' after 'NATO Secretary-General Jens Stoltenberg'."""
    best: tuple[int, Draft] | None = None
    for draft in state.drafts.values():
        if draft.type != "person" or not draft.mentions or draft.first >= before:
            continue
        if role.kind == "leader":
            fits = bool(draft.role_words & {"president", "prime", "chancellor", "leader", "king", "emir", "premier"})
        else:
            fits = bool(words) and words <= draft.role_words
        if qualifiers.country and draft.country != qualifiers.country:
            fits = False
        if qualifiers.organisation and qualifiers.organisation.offices[0].code != draft.code:
            fits = False
        last = max(s for s, _ in draft.mentions if s < before)
        if fits and (best is None or last > best[0]):
            best = (last, draft)
    return best[1] if best else None


def _is_definite(state: Resolution, head: Token) -> bool:
    return any(child.dep_ in ("det", "poss") and child.lower_ not in _INDEFINITE for child in head.children)


def _np_start(state: Resolution, head: Token, match: Match, parts: list[Match]) -> int:
    start = min([match.start, *[p.start for p in parts if p.start < match.start]])
    edge = head.left_edge.i
    while edge < start and (state.doc[edge].pos_ in ("DET", "NUM", "PRON") or state.doc[edge].is_punct):
        edge += 1
    return min(start, edge) if edge < match.start else start


def _role_words(role: str | None) -> frozenset[str]:
    if not role:
        return frozenset()
    return frozenset(w for w in role.lower().replace("-", " ").split() if w not in ("of", "the", "for", "and"))


def _surface_words(state: Resolution, match: Match | None) -> frozenset[str]:
    if match is None:
        return frozenset()
    return frozenset(t.lemma_.lower() for t in state.doc[match.start:match.end]
                     if t.is_alpha and t.lower_ not in ("of", "the", "for", "and"))


def _has_former(state: Resolution, start: int, end: int) -> bool:
    return any(t.lower_ in _FORMER for t in state.doc[max(0, start - 2):end])


# --- names, countries, places ---------------------------------------------------------------
def _resolve_other(state: Resolution, match: Match) -> None:
    if match.start in state.token_draft:
        return
    if match.ner in ("ORG", "PERSON"):
        name = state.doc[match.start:match.end].text
        if name.isupper() and name in state.acronyms:
            state.mention(state.acronyms[name], match.start, match.end)
            return
        if _is_a_people(state, match):
            draft = Draft(f"people:{slug(name)}", name, "group", None, "CVL", None, None)
        else:
            draft = _named_organisation(state, match, name)
        state.mention(draft, match.start, match.end)
        return
    kind = match.kind
    if kind == "entity":
        _resolve_entity(state, match)
    elif kind == "country":
        _resolve_country(state, match)
    elif kind in ("capital", "seat") and _acts(state.doc[match.end - 1]):
        meaning = match.meanings[0]
        state.mention(_government(state, meaning.country or "", meaning.sector), match.start, match.end)
    elif kind in ("capital", "place"):
        _resolve_place(state, match)
    elif kind == "context":
        _resolve_context(state, match)


def _name_with_acronym(state: Resolution, match: Match) -> None:
    """"The Ceasefire Violations Committee (CFVC)": the acronym in brackets names the body
    before it, here and later in the article."""
    doc, end = state.doc, match.end
    name = doc[match.start:end].text
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and doc[end + 1].text.isupper() \
            and len(doc[end + 1].text) >= 2 and end + 1 not in state.token_draft:
        draft = state.token_draft.get(end - 1)
        if draft is not None and draft.type in ("organization", "group") and name[:1].isupper():
            state.acronyms[doc[end + 1].text] = draft
            state.mention(draft, end + 1, end + 2)


def _named_organisation(state: Resolution, match: Match, name: str) -> Draft:
    """An organisation the knowledge base does not know: its country from a country word in its
    name, its sector from its head word (the last before "of"/"for") ("... Workers' Union" LAB, "... Committee" NGO). Without a
    country, a committee, forum or association is coded NGO, CAMEO's code for non-governmental
    bodies; a company, outlet or party without one stays uncoded."""
    words = [t.lower_ for t in state.doc[match.start:match.end] if t.is_alpha]
    head = next((w for w, after in zip(words, words[1:] + [""]) if after in ("of", "for", "on", "")), "")
    sector = ORGANISATION_SECTORS.get(head) if match.ner == "ORG" else None  # "Institute" of "... Institute of Study"
    if sector in ("NGO", "LAB") and _LABOUR_WORDS.intersection(words):
        sector = "LAB"
    elif sector == "LAB":
        sector = "NGO"
    if "liberation" in words and sector in (None, "NGO", "MIL"):
        sector = "REB"
    if sector == "NGO" and _MEMBER_STATES.intersection(words):
        sector = "IGO"  # "the Alliance of Sahel States": a body of states
    country = match.country
    if country:
        code = f"{country}{sector or ''}"
    else:
        code = sector if sector in ("NGO", "IGO") else None
    return Draft(f"org:{slug(name)}:{code or ''}", name, "organization", country, sector, code, None)


def _resolve_surnames(state: Resolution) -> None:
    """A later bare surname the name recogniser missed ("Orlov met ...") is the person named before."""
    for token in state.doc:
        if token.pos_ == "PROPN" and token.i not in state.token_draft and token.i not in state.blocked:
            draft = state.surnames.get(token.lower_)
            if draft is not None and draft.first < token.i and token.lower_ not in state.ambiguous:
                state.mention(draft, token.i, token.i + 1)


def _resolve_entity(state: Resolution, match: Match) -> None:
    entity = state.entity(match)
    if entity is None:
        return
    office, _ = office_on(entity, state.date)
    draft = Draft(entity.id, entity.name, entity.type, office.country, office.sector, office.code, office.role)
    state.mention(draft, match.start, match.end)


def _resolve_country(state: Resolution, match: Match) -> None:
    meaning = match.meanings[0]
    code = meaning.country or ""
    head = state.doc[match.end - 1]
    is_people = head.tag_ in ("NNS", "NNPS") and head.dep_ not in ("compound", "amod")
    if code in _REGIONS and not is_people and head.pos_ == "ADJ":
        return  # "Western security bloc": a region as a modifier is not an actor
    info = state.kb.countries.get(code)
    if _people_of(state, head.head) is not None and head.dep_ in ("amod", "compound") and code not in _REGIONS:
        return  # "Bosnian" in "Bosnian Serbs": where the people live, read with them
    if is_people and info and state.doc[match.start:match.end].text.lower() != info.name.lower():
        home_word = next((m for c in head.children if c.dep_ in ("amod", "compound") and c.i < head.i
                          and (m := state.match_at.get(c.i)) is not None and m.kind in ("country", "capital", "place")
                          and m.meanings[0].country not in (None, *_REGIONS)), None)
        residence = home_word or _residence(state, head)
        community = residence is None and any(c.lower_ == "ethnic" for c in head.children)
        home = residence.meanings[0].country if residence is not None else code
        start = home_word.start if home_word is not None else match.start
        draft = Draft(f"people:{home}:{code}", state.doc[start:match.end].text, "group",
                      None if home in _REGIONS else home, "CVL", f"{home}CVL", None, community=community)
        state.mention(draft, start, match.end)
        return
    else:
        draft = Draft(f"country:{code}", info.name if info else code, "country",
                      None if code in _REGIONS else code, None, code, None)
    state.mention(draft, match.start, match.end)


def _people_of(state: Resolution, token: Token) -> Match | None:
    """The plural demonym ("Serbs", "Albanians") at a token, if it is one."""
    found = state.match_at.get(token.i)
    if found is None or found.kind != "country" or token.tag_ not in ("NNS", "NNPS") or found.end - 1 != token.i:
        return None
    return found


def _resolve_place(state: Resolution, match: Match) -> None:
    """A city, province or spelling of a country stands for its country (event coders file a
    place under its state: "the curfew in Abidjan" is imposed on Cote d'Ivoire); a capital acting
    as subject or object is the government instead (`_acts`)."""
    code = match.meanings[0].country or ""
    name = state.doc[match.start:match.end].text
    state.mention(Draft(f"place:{code}:{slug(name)}", name, "country", code, None, code, None),
                  match.start, match.end)


def _residence(state: Resolution, head: Token) -> Match | None:
    """The country or place a community lives in, named inside its noun phrase: "the Albanians
    of southern Serbia", "Kurds in northern Iraq"."""
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "in"):
            continue
        for obj in prep.children:
            found = state.match_at.get(obj.i) if obj.dep_ == "pobj" else None
            if found is not None and found.kind in ("country", "capital", "place") \
                    and found.meanings[0].country not in (None, *_REGIONS):
                return found
    return None


def _resolve_community(state: Resolution, match: Match) -> None:
    """An ethnic or religious community, with the noun it qualifies ("Igbo elders", "the
    Kurdish minority"): coded by the country named in its noun phrase ("Iraqi Kurds", "Kurds
    of northern Syria"), else the one country it lives in, else no country (the events stage
    codes it by where it acts)."""
    meaning = match.meanings[0]
    word = state.doc[match.end - 1]
    head = word
    if word.dep_ in ("amod", "compound", "nmod") and word.head.i > word.i:
        head = word.head
        if head.i in state.token_draft or head.pos_ not in ("NOUN", "PROPN") or not (
                head.tag_ in ("NNS", "NNPS") or head.lemma_.lower() in _COLLECTIVES):
            return  # "Kurdish language", or a word inside another actor's title
    if word.i in state.token_draft:
        return
    before = [m for i in range(head.left_edge.i, head.i) if (m := state.match_at.get(i)) is not None
              and m.kind in ("country", "capital", "place") and m.meanings[0].country not in (None, *_REGIONS)
              and i not in state.token_draft]
    residence = before[0] if before else _residence(state, head)
    country = residence.meanings[0].country if residence is not None else meaning.country
    for found in before:
        state.consumed.add(id(found))
    start = min([match.start, *[m.start for m in before]])
    surface = state.doc[start:head.i + 1].text
    sector = meaning.sector or "CVL"
    draft = Draft(f"community:{country or ''}:{slug(surface)}", surface, "group", country, sector,
                  f"{country}{sector}" if country else None, None, community=residence is None)
    state.mention(draft, start, head.i + 1)


def _resolve_context(state: Resolution, match: Match) -> None:
    """'the alliance' is NATO only when the article names NATO."""
    if match.start == 0 or state.doc[match.start - 1].lower_ != "the":
        return
    for meaning in match.meanings:
        if meaning.entity in state.named_entities:
            entity = state.kb.entities[meaning.entity]
            office = entity.offices[0]
            draft = Draft(entity.id, entity.name, entity.type, office.country, office.sector, office.code, None)
            state.mention(draft, match.start - 1, match.end)
            return


def _acts(token: Token) -> bool:
    """A capital or seat names a government only where it acts: subject, object, possessor or
    agent ("Moscow warned", "behaviour by Moscow"), not a location ("talks in Moscow")."""
    while token.dep_ in ("conj", "appos", "compound") and token.head is not token:
        if token.dep_ == "compound":
            return False
        token = token.head
    if token.dep_ == "dobj" and token.head.lemma_.lower() in _MOTION_VERBS:
        return False  # "left Cairo", "visited Beirut"
    if token.dep_ in _ACTING_DEPS:
        return True
    if token.dep_ != "pobj":
        return False
    preposition = token.head
    if preposition.lower_ == "to":  # "protested to Pyongyang", not "flew to Pyongyang"
        return preposition.head.lemma_.lower() in _ADDRESS_VERBS
    return preposition.lower_ in _ACTOR_PREPOSITIONS


# --- output --------------------------------------------------------------------------------
def _finish(state: Resolution) -> ResolvedActors:
    drafts = sorted((d for d in state.drafts.values() if d.mentions), key=lambda d: d.first)
    ids = {d.key: f"A{n}" for n, d in enumerate(drafts, 1)}
    doc = state.doc
    local = hashlib.blake2b(doc.text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    actors = []
    for draft in drafts:
        spans = sorted(set(draft.mentions))
        mentions = [Span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), doc[s:e].text) for s, e in spans]
        actors.append(Actor(ids[draft.key], draft.name, draft.type, draft.country, draft.sector, draft.code,
                            draft.role, mentions, canonical_id=f"{draft.key}@{local}" if draft.described else draft.key,
                            former=draft.former,
                            community=draft.community))
    token_actor = {i: ids[d.key] for i, d in state.token_draft.items() if d.key in ids}
    return ResolvedActors(actors, token_actor)
