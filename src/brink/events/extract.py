"""Event extraction over the dependency parse.

A trigger is a verb or noun whose lemma the lexicon knows; the most specific matching pattern
(object, preposition) gives its CAMEO code. Arguments come from the parse and must be actors
resolved by the actors stage: source from the subject (the agent of passives, the controller of
infinitives, the possessor or modifier of nominal triggers), target from the object, the
indirect object or a prepositional complement. Coordinated actors give one event per pair.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from brink.events.codebook import CameoCode, intent_of, lookup
from brink.events.constructions import given
from brink.events.factuality import factuality, frame_factuality, intent_frame, ruled_out
from brink.events.lexicon import Lexicon, Pattern, load, word_list
from brink.records import Actor, Boilerplate, Event, Quote, ResolvedActors, Span, TextRange

SUBJECT_DEPS = frozenset(("nsubj", "csubj"))
OBJECT_DEPS = frozenset(("dobj", "dative", "iobj", "attr", "oprd"))
# Prepositions that introduce the target of an event, in order of preference.
TARGET_PREPS = tuple(word_list("target_preps"))
NOUN_TARGET_PREPS = tuple(word_list("noun_target_preps"))
# Verbs whose subject undergoes, judges or reports what their object noun names, rather than
# doing it: "faced threats", "condemned the attack", "fled the fighting".
UNDERGOING_VERBS = frozenset(word_list("undergoing_verbs"))
# Verbs whose subject undergoes the act their object names: "faced criticism from X" is X's.
RECEIVING_VERBS = frozenset(word_list("receiving_verbs"))
MATERIAL_QUADS = frozenset((2, 4))
PARTICIPANT_PREPS = frozenset(("of", "between", "among", "by"))
# Nominal triggers whose "of" complement is the doer: "a meeting of ministers", "the massing of troops".
PARTICIPANT_ROOTS = frozenset(("04", "14", "15"))
FORCE_WORDS = frozenset(word_list("force_words"))
LOOK_THROUGH_DEPS = frozenset(("compound", "amod", "poss", "nmod", "appos"))
LOOK_THROUGH_PREPS = frozenset(("of", "from", "in", "by"))
# Dependents that give a participle a clause of its own: not a reduced relative.
OWN_CLAUSE_DEPS = frozenset(word_list("own_clause_deps"))
MEMBER_NOUNS = frozenset(("member", "ally", "partner", "signatory"))
# Appositions that name a part, not the referent: "British nationals, most of them Asians".
PARTITIVES = frozenset(word_list("partitives"))
# A participle's prepositions that tie a group to an actor ("affiliated with X", "loyal to X"),
# unlike where it acts ("an attempt at talks in X").
AFFILIATION_PREPS = frozenset(("with", "to", "of", "by", "from"))
LOCATIVE_PREPS = frozenset(word_list("locative_preps"))
DIRECTION_PREPS = frozenset(("to", "into"))  # "sent aid to X": a recipient as much as a place
HELPING_VERBS = frozenset(("help", "assist"))
# Links by which a trigger serves a clause whose place it shares: "sent experts to X to
# investigate", "mounted an offensive in X".
SERVING_LINKS = frozenset(("xcomp", "advcl", "dobj"))
# Meetings, whose place is only their venue ("talks in Geneva"), unlike visits (042, the place
# is the host) and acts done in a place, which coders take as done to it ("opened an embassy in
# X", "sought refuge in X").
MEETING_ROOT, VISIT_CODE = "04", "042"
# Words that make a group an ethnic or religious community, coded (CAMEO's convention) by the
# country it lives in, not by the country its name recalls: "ethnic Albanians in Serbia" -> SRB.
COMMUNITY_WORDS = frozenset(("ethnic", "minority", "community", "diaspora", "population"))
SIMULTANEOUS_MARKS = frozenset(("when", "as", "while"))
SELF_PRONOUNS = frozenset(("it", "they", "he", "she", "we"))
ANNOUNCING_VERBS = frozenset(word_list("announcing_verbs"))
REPORTING_VERBS = frozenset(word_list("reporting_verbs"))
# Participles that describe their subject's own stance or activity: "is opposed to", "were engaged in".
STATIVE_PARTICIPLES = frozenset(word_list("stative_participles"))
# The main event of a sentence is the asserted one nearest the root; an event without a target
# counts as this much deeper (a bare "X is willing to send material" is less informative than
# the "to help defend Y" it serves).
UNTARGETED_PENALTY = 1
CONVENTIONAL_FORCE = frozenset(("190", "193"))
IRREGULAR_SECTORS = frozenset(word_list("irregular_sectors"))
UNCONVENTIONAL_VIOLENCE = "180"
# Acts that, with no target named, are done within the actor's own country: a protest is aimed at
# its own authorities, a curfew, a crackdown or the lifting of an emergency at its own population.
DOMESTIC_ROOTS = frozenset(("08", "13", "14", "17"))
THREAT_ROOT, PROTEST_ROOT = "13", "14"
# Acts only a state does, and only to its own country: easing or imposing restrictions on
# political freedoms, bans on parties, curfews and emergency rule, and the threat of them.
SELF_DIRECTED_CODES = tuple(word_list("self_directed_codes"))
# Acts with no one side: with two or more parties and no target, one event per pair of them.
MUTUAL_CODES = ("040", "044", "046", "057", "06")
VERBAL_QUADS = frozenset((1, 3))
VERBAL_CONFLICT = 3
FIRST_PERSON = frozenset(("i", "we"))
# Documents whose content is their issuer's act: "X issued a statement condemning Y".
STATEMENT_NOUNS = frozenset(word_list("statement_nouns"))
RESPONSE_DISTANCE = 2  # sentences between a demand and the answer that refers back to it
RESPONSE_ROOTS = {"08": "124", "03": "120"}  # a negated concession or agreement is a rejection
ACCUSED_ACTS = frozenset(word_list("accused_acts"))
ACCUSE_CODE = "112"  # "Spain said Norland attacked its troops": Spain, a party, accuses Norland


@dataclass
class Trigger:
    token: Token
    code: CameoCode
    consumed: Token | None  # the object noun of a light-verb construction


def extract(doc: Doc, actors: ResolvedActors, quotes: list[Quote], boilerplate: list[Boilerplate]) -> list[Event]:
    lexicon = load()
    blocked = [(b.start, b.end) for b in boilerplate]
    quotes_in = _quotes_by_sentence(doc, quotes)
    found: list[tuple[tuple, Event]] = []
    for sentence_index, sentence in enumerate(doc.sents):
        if any(start < sentence.end_char and sentence.start_char < end for start, end in blocked):
            continue
        around = quotes_in.get(sentence.start, [])  # only a quote in the sentence can hold its events
        for rank, event in _sentence_events(sentence, actors, around, lexicon):
            found.append(((sentence_index, *rank), event))
    found.sort(key=lambda item: item[0])
    events = _respond_to_demands([event for _, event in found])
    for number, event in enumerate(events, 1):
        event.id = f"E{number}"
    return events


def _quotes_by_sentence(doc: Doc, quotes: list[Quote]) -> dict[int, list[Quote]]:
    """The quotes each sentence (by its first token) holds part of, in their order."""
    found: dict[int, list[Quote]] = {}
    for quote in quotes:
        starts = set()
        for content in quote.contents:
            span = doc.char_span(content.start, content.end, alignment_mode="expand")
            if span is not None:
                starts.update(sentence.start for sentence in span.sents)
        for start in sorted(starts):
            found.setdefault(start, []).append(quote)
    return found


def _sentence_events(sentence: SpacySpan, resolved: ResolvedActors, quotes: list[Quote],
                     lexicon: Lexicon) -> Iterator[tuple[tuple, Event]]:
    triggers = [t for t in _triggers(sentence, lexicon) if not _in_a_name(t.token, resolved)]
    consumed = {t.consumed.i for t in triggers if t.consumed is not None}
    seen: set[tuple] = set()
    for trigger in triggers:
        if trigger.token.i in consumed:
            continue
        sources, targets = _arguments(trigger, resolved)
        if not sources:
            sources = _quoted_self(trigger.token, resolved, quotes)
        doers = [a for a in _reacted_to(trigger.token, resolved, lexicon) if a not in sources]
        targets = doers or targets
        place = _place(trigger.token, resolved)
        depth = _depth(trigger.token) + (0 if _coded(targets) else UNTARGETED_PENALTY) + (0 if sources else 1)
        stand_in = not sources and trigger.code.quad_class == 4
        if stand_in:  # "an explosion near X killed ...": X stands for the unnamed doer (and is accused of nothing)
            sources = place
        if not sources and not (targets and trigger.token.pos_ == "VERB"):
            continue
        if not _coded(targets) and not _at_a_venue(trigger.code):  # "opened an embassy in X"
            targets = _better(targets, [a for a in place if a not in sources])
        imposed = trigger.code.code.startswith(SELF_DIRECTED_CODES)  # only a state imposes a curfew: the place's
        if stand_in and not imposed and targets and all(t in place for t in targets):
            sources = []  # "militants were killed in X": the place is what is hit, the doer stays unknown
        sources = _unique([_resident(a, place, sentence, resolved) for a in sources])
        targets = _unique([_resident(a, place, sentence, resolved) for a in targets])
        code, state = _coded_as(trigger)
        claimant, quote_id = _claim(trigger.token, resolved, quotes)
        rank = _rank(code, state, depth, trigger.token)
        for source, target in _dyads(code, sources, targets):
            home = None
            if target is None and not _coded(targets) and (imposed or not stand_in):
                target = home = _home_target(code, source, place, sentence, resolved)
            if (target is not None and source is not None and target.id == source.id
                    and not ((target is home or target in place) and (_domestic(code) or source in place))):
                continue  # only a domestic act, or violence by unnamed hands, is done by a country to itself
            own_code = _by_whom(code, source)
            key = (own_code.code, source.id if source else None, target.id if target else None)
            if key in seen:
                continue
            seen.add(key)
            yield rank, _event(trigger.token, sentence, own_code, source, target, state, claimant, quote_id)
            accusation = (ACCUSE_CODE, claimant.id if claimant else None, source.id if source else None)
            if (not stand_in and _accuses(claimant, source, target, code, state, quote_id is not None)
                    and accusation not in seen):
                seen.add(accusation)
                yield (*rank, 1), _event(trigger.token, sentence, lookup(ACCUSE_CODE), claimant, source,
                                         "asserted", None, None)
    yield from _obligations(sentence, resolved, quotes, seen)


def _dyads(code: CameoCode, sources: list[Actor], targets: list[Actor]) -> list[tuple[Actor | None, Actor | None]]:
    """Source-target pairs: each source with each target; for a mutual act with no target named
    ("A, B and C met", "A and B signed a treaty"), each pair of its parties, once."""
    parties = [a for a in sources if _code(a)]
    if not _coded(targets) and len(parties) >= 2 and code.code.startswith(MUTUAL_CODES):
        return list(combinations(parties, 2))
    return [(source, target) for source in sources or [None] for target in targets or [None]]


def _rank(code: CameoCode, state: str, depth: int, token: Token) -> tuple:
    """The main event first: asserted before hypothetical or negated, the act reported before
    the words that report it ("X complained that Y had attacked Z": the attack), then the
    nearer the root (a condition or background clause comes after its main clause)."""
    reporting = code.quad_class in VERBAL_QUADS and any(c.dep_ == "ccomp" for c in token.children)
    return state != "asserted", reporting, depth, token.i


def _quoted_self(token: Token, resolved: ResolvedActors, quotes: list[Quote]) -> list[Actor]:
    """ "We reject these allegations," said X: a first-person subject in a quote is its speaker."""
    verb = token if token.pos_ == "VERB" else token.head
    while verb.dep_ in ("xcomp", "conj") and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        verb = verb.head
    if not any(c.dep_ in SUBJECT_DEPS and c.lower_ in FIRST_PERSON for c in verb.children):
        return []
    speaker = next((resolved.by_id(q.speaker) for q in quotes if q.speaker
                    and any(span.start <= token.idx < span.end for span in q.contents)), None)
    return [speaker] if speaker is not None else []


def _reacted_to(token: Token, resolved: ResolvedActors, lexicon: Lexicon) -> list[Actor]:
    """The doers of the act a reaction's object names ("denounced the shelling of X by Y": Y),
    where the registry marks the reaction."""
    for obj in token.children:
        if given(obj, "target") != "doer":
            continue
        pattern, _ = _best_pattern(obj, "NOUN", lexicon.candidates("NOUN", obj.lemma_.lower()))
        code = lookup(pattern.cameo) if pattern is not None and pattern.cameo else None
        if code is not None:
            return _noun_arguments(obj, code, resolved)[0]
    return []


def _home_target(code: CameoCode, source: Actor | None, place: list[Actor], sentence: SpacySpan,
                 resolved: ResolvedActors) -> Actor | None:
    """The target of an untargeted domestic act: the place in the source's own country where it
    happens ("extended the curfew in <city>"), another actor of that country named in the
    sentence ("Algerians blocked roads ... from Bouteflika's government"), the country itself if
    the article names it, and last the source itself, standing for its country: a state that
    lifts its own state of emergency acts on its own country, a protest at home is aimed at it."""
    if not _domestic(code) or source is None or not source.country:
        return None
    here = next((a for a in place if a.country == source.country), None)
    if here is not None:
        return here
    same = [a for a in _unique([resolved.at_token(t.i) for t in sentence if resolved.at_token(t.i)])
            if a.country == source.country and a.id != source.id]
    same.sort(key=lambda a: (a.type != "country", a.sector != "GOV"))
    if same:
        return same[0]
    country = next((a for a in resolved.actors if a.type == "country" and a.country == source.country
                    and a.id != source.id), None)
    if country is None and ((code.code.startswith(SELF_DIRECTED_CODES) and (source.type == "country"
                                                                            or source.sector == "GOV"))
                            or code.root == PROTEST_ROOT):
        return source  # coded by its country: a protest at home is aimed at the protesters' own country
    return country


def _at_a_venue(code: CameoCode) -> bool:
    return code.root == MEETING_ROOT and not code.code.startswith(VISIT_CODE)


def _domestic(code: CameoCode) -> bool:
    """Protests, coercion and yielding are done at home unless a target is named; of threats,
    only those of domestic restrictions (curfews, emergency rule)."""
    return code.root in DOMESTIC_ROOTS and (code.root != THREAT_ROOT or code.code.startswith(SELF_DIRECTED_CODES))


def _coded_as(trigger: Trigger) -> tuple[CameoCode, str]:
    """The code and factuality CAMEO's conventions give the trigger in its clause: a refused
    concession is a rejection, an announced act an intent or a threat."""
    state = factuality(trigger.token)
    if state == "asserted" and trigger.consumed is not None and _denied(trigger.consumed):
        state = "negated"  # "held no talks", "made no concession"
    code = trigger.code
    if state == "negated" and code.root in RESPONSE_ROOTS:
        return lookup(RESPONSE_ROOTS[code.root]), "asserted"
    frame = intent_frame(trigger.token) if state != "negated" and code.quad_class != 3 else None
    intent = _intent_code(code) if frame is not None else code
    if intent is not code:  # the intent is as factual as the words announcing it ("might be willing to")
        return intent, frame_factuality(frame) if frame != trigger.token else "asserted"
    return code, state


def _denied(noun: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in noun.children)


def _obligations(sentence: SpacySpan, resolved: ResolvedActors, quotes: list[Quote],
                 seen: set[tuple]) -> Iterator[tuple[tuple, Event]]:
    """ "Y must / should / has to do Z", said or written by X: X demands it of Y (CAMEO 10),
    whatever Z is. The obligation constructions of the registry mark the obliged clause."""
    for token in sentence:
        code = given(token, "demand") if token.pos_ == "VERB" else None  # an obliged clause has a verb
        if code is None:
            continue
        bearer = token.head if token.dep_ == "xcomp" else token  # "Y has to leave": the subject of "has"
        if any(c.dep_ in SUBJECT_DEPS and c.lower_ in FIRST_PERSON for c in bearer.children):
            continue  # "we must do more": the speaker's own duty, not a demand of another
        obliged = _actors_of_children(bearer, SUBJECT_DEPS, resolved)
        speaker, quote_id = _claim(token, resolved, quotes)
        if not obliged or speaker is None or obliged[0].id == speaker.id:
            continue
        key = (code, speaker.id, obliged[0].id)
        if key not in seen:
            seen.add(key)
            yield ((False, True, _depth(token), token.i),
                   _event(token, sentence, lookup(code), speaker, obliged[0], "asserted", speaker, quote_id))


def _accuses(claimant: Actor | None, source: Actor | None, target: Actor | None, code: CameoCode, state: str,
             quoted: bool) -> bool:
    """A party that says another actor did it harm accuses that actor ("Norland said Spain
    attacked its troops"), and so does a speaker who, in words of their own, calls another's
    conduct hostile; a reporter or onlooker who tells of an attack only reports the attack."""
    if claimant is None or source is None or state != "asserted" or code.plover not in ACCUSED_ACTS:
        return False
    party = target is not None and (claimant.id == target.id or (
        _code(claimant) is not None and _code(claimant) == _code(target)) or (
        claimant.country is not None and claimant.country == target.country))
    said = quoted and code.quad_class == VERBAL_CONFLICT
    return (party or said) and _code(claimant) is not None and _code(claimant) != _code(source)


def _by_whom(code: CameoCode, source: Actor | None) -> CameoCode:
    """Killing and shooting by rebels, militants or civilians is unconventional violence (18),
    not conventional military force (19), which CAMEO keeps for armed forces."""
    if code.code in CONVENTIONAL_FORCE and source is not None and source.sector in IRREGULAR_SECTORS:
        return lookup(UNCONVENTIONAL_VIOLENCE)
    return code


def _intent_code(code: CameoCode) -> CameoCode:
    """The intent (03x) or threat (13x) CAMEO files an announced act under (data/events/intents.tsv)."""
    for prefix in (code.code[:4], code.code[:3], code.root):
        if (intent := intent_of(prefix)) is not None:
            return lookup(intent)
    return code  # CAMEO has no intent of it: the act stays as hypothetical as its clause


def _event(token: Token, sentence: SpacySpan, code: CameoCode, source: Actor | None, target: Actor | None,
           state: str, claimant: Actor | None, quote_id: str | None) -> Event:
    return Event(id="", cameo=code.code, plover=code.plover, goldstein=code.goldstein, quad_class=code.quad_class,
                 source=source.id if source else None, target=target.id if target else None,
                 source_code=_code(source), target_code=_code(target),
                 trigger=Span(token.idx, token.idx + len(token.text), token.text),  # no doc.text: it rebuilds the text
                 sentence=TextRange(sentence.start_char, sentence.end_char), factuality=state,
                 claimed_by=claimant.id if claimant else None, quote=quote_id)


def _code(actor: Actor | None) -> str | None:
    return (actor.code or actor.country) if actor else None


def _depth(token: Token) -> int:
    depth = 0
    while token.head != token:
        token, depth = token.head, depth + 1
    return depth


# Triggers -------------------------------------------------------------------------------------

def _triggers(sentence: SpacySpan, lexicon: Lexicon) -> Iterator[Trigger]:
    for token in sentence:
        pos = "VERB" if token.pos_ == "VERB" else "NOUN" if token.pos_ in ("NOUN", "PROPN") else None
        if pos is None or token.dep_ == "prep" or (pos == "VERB" and token.dep_ == "amod"):
            continue  # "according to" is no accord, "disturbing details" no disturbance
        if _helps_do(token):
            continue
        pattern, obj = _best_pattern(token, pos, lexicon.candidates(pos, token.lemma_.lower()))
        if pattern is None or pattern.cameo is None:
            continue
        if obj is not None and pos == "VERB" and token.lemma_.lower() in UNDERGOING_VERBS:
            pattern, obj = _own_reading(pattern, obj, lexicon.candidates(pos, token.lemma_.lower()))
        if obj is not None:  # "began a hunger strike": the noun's own reading, when sharper, wins
            noun_pattern, modifier = _best_pattern(obj, "NOUN", lexicon.candidates("NOUN", obj.lemma_.lower()))
            if modifier is not None and noun_pattern.cameo is not None:
                pattern = noun_pattern
        code = lookup(given(token, "code") or pattern.cameo)  # the whole construction, not the verb alone
        if code is not None and code.plover is not None:
            yield Trigger(token, code, obj)


def _own_reading(pattern: Pattern, obj: Token, candidates: list[Pattern]) -> tuple[Pattern, Token | None]:
    """A verb that judges or undergoes its object keeps its own category when the pattern would
    make it a material act: "praised the withdrawal" is praise, and the withdrawal, an act of
    other actors, is its own trigger."""
    own = lookup(pattern.cameo) if pattern.cameo else None
    bare = next((p for p in candidates if p.objects is None and p.prep is None and p.cameo), None)
    if own is not None and own.quad_class in MATERIAL_QUADS and bare is not None:
        return bare, None
    return pattern, obj


def _in_a_name(token: Token, resolved: ResolvedActors) -> bool:
    """A word of an organisation's name is no event: "the Organization for Economic Cooperation"."""
    return token.pos_ == "PROPN" and resolved.at_token(token.i) is not None


def _helps_do(token: Token) -> bool:
    """ "helped secure the release", "will help support X": with a verb and no one helped, the
    helped act is the event ("helped X build Y" stays aid to X)."""
    return (token.lemma_.lower() in HELPING_VERBS
            and any(c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB" and not any(g.dep_ in SUBJECT_DEPS for g in c.children)
                    for c in token.children)
            and not any(c.dep_ in OBJECT_DEPS for c in token.children))


def _best_pattern(token: Token, pos: str, candidates: list[Pattern]) -> tuple[Pattern | None, Token | None]:
    """The most specific matching pattern and the word that filled its object slot: the direct
    object of a verb (or a compound inside it), the modifier of a noun ("hunger strike")."""
    if not candidates:
        return None, None
    if pos == "VERB":
        heads = [c for c in token.children if c.dep_ in OBJECT_DEPS or c.dep_ == "nsubjpass"]
        if token.dep_ == "acl" and _reduced_relative(token):  # "the report released by X"
            heads.append(token.head)
        pattern, obj = _match(token, candidates, heads)
        if pattern is None or pattern.objects is None:  # "mediation efforts": the compound, if the head says nothing
            modifiers = [m for h in heads for m in h.children if m.dep_ == "compound"]
            sharper, modifier = _match(token, candidates, modifiers)
            if sharper is not None and sharper.objects is not None:
                return sharper, modifier
        return pattern, obj
    return _match(token, candidates, [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")])


def _match(token: Token, candidates: list[Pattern], objects: list[Token]) -> tuple[Pattern | None, Token | None]:
    lemmas = [(o, o.lemma_.lower()) for o in objects]  # computed once: a common verb has hundreds of patterns
    preps = [(c.lower_, {g.lemma_.lower() for g in c.children if g.dep_ in ("pobj", "pcomp")})
             for c in token.children if c.dep_ in ("prep", "prt", "agent", "dative")]
    for pattern in candidates:  # most specific first
        obj = None
        if pattern.objects is not None:
            obj = next((o for o, lemma in lemmas if not pattern.objects or lemma in pattern.objects), None)
            if obj is None:
                continue
        if pattern.prep is not None and not any(
                prep == pattern.prep and (pattern.prep_objects is None or not pattern.prep_objects.isdisjoint(gov))
                for prep, gov in preps):
            continue
        return pattern, obj
    return None, None


# Arguments ------------------------------------------------------------------------------------

def _arguments(trigger: Trigger, resolved: ResolvedActors) -> tuple[list[Actor], list[Actor]]:
    token = trigger.token
    if token.pos_ == "VERB" and trigger.consumed is not None and token.lemma_.lower() in RECEIVING_VERBS:
        sources, targets = _received_from(token, trigger.consumed, resolved), _subjects(token, resolved)
    elif token.pos_ == "VERB":
        sources, targets = _verb_arguments(token, trigger.consumed, resolved, _at_a_venue(trigger.code))
    else:
        sources, targets = _noun_arguments(token, trigger.code, resolved)
    source_ids = {a.id for a in sources}
    return sources, [t for t in targets if t.id not in source_ids]


def _received_from(verb: Token, noun: Token, resolved: ResolvedActors) -> list[Actor]:
    """Who does what the subject of "faced criticism from X", "received threats from X" undergoes."""
    for node in (noun, verb):
        for prep in node.children:
            if prep.dep_ in ("prep", "agent") and prep.lower_ in ("from", "by"):
                found = [a for obj in prep.children if obj.dep_ == "pobj" for a in _argument_actors(obj, resolved)]
                if found:
                    return found
    return []


def _verb_arguments(verb: Token, consumed: Token | None, resolved: ResolvedActors,
                    venue: bool) -> tuple[list[Actor], list[Actor]]:
    passive = _is_passive(verb)
    stative = verb.lemma_.lower() in STATIVE_PARTICIPLES and not any(c.dep_ == "agent" for c in verb.children)
    if passive and stative:  # "X is opposed to Y": X is the doer
        sources, targets = _patients(verb, resolved), []
    elif passive:
        sources = _actors_of_children(verb, ("agent",), resolved, through_prep=True)
        # "after being freed", "wants to be consulted": the understood subject undergoes the act
        targets = _patients(verb, resolved) or _inherited_subjects(verb, resolved)
    else:
        sources = _subjects(verb, resolved) or _misparsed_subject(verb, resolved)
        targets = []
    if not _coded(targets):
        objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS and c != consumed]
        named = [a for o in objects for a in _argument_actors(o, resolved)]
        if named and not any(resolved.at_token(o.i) for o in objects):
            # The object is a thing an actor only qualifies ("provided U.S. intelligence to X",
            # "sent Russian arms to Y"): the actor it goes to is the target.
            named = _prep_targets(verb, resolved) or named
        targets = _better(targets, named)
    if not _coded(targets):
        targets = _better(targets, _prep_targets(verb, resolved))
    if not _coded(targets) and consumed is not None:  # "rejected a U.S. request", "demanded the withdrawal of X"
        targets = _better(targets, _qualifiers(consumed, resolved) or _prep_targets(consumed, resolved))
    if not _coded(targets):
        targets = _better(targets, _clause_subject(verb, resolved))
    if not _coded(targets):
        targets = _better(targets, _stranded(verb, resolved))
    if not _coded(targets):
        targets = _better(targets, _in_clause(verb, sources, resolved, venue))
    return sources, targets


def _stranded(verb: Token, resolved: ResolvedActors) -> list[Actor]:
    """A preposition left without its object shares the next conjunct's: "established ties with
    and opened an embassy in X"."""
    holders = [verb, *[c for c in verb.children if c.dep_ in OBJECT_DEPS]]
    if not any(c.dep_ == "prep" and not any(g.dep_ == "pobj" for g in c.children) for h in holders for c in h.children):
        return []
    for conj in verb.children:
        if conj.dep_ == "conj" and conj.pos_ == "VERB":
            found = _prep_targets(conj, resolved) or _place(conj, resolved)
            if found:
                return found
    return []


def _qualifiers(noun: Token, resolved: ResolvedActors) -> list[Actor]:
    """The actors an event noun names, not counting where it happens ("a U.S. request", "talks
    in X" only takes place there): those are `_place`'s to weigh."""
    located = {t.i for p in noun.children if p.dep_ == "prep" and p.lower_ in LOCATIVE_PREPS for t in p.subtree}
    return [a for a in _argument_actors(noun, resolved)
            if not any(resolved.token_actor.get(i) == a.id for i in located)]


def _is_passive(verb: Token) -> bool:
    """A passive verb, a past participle modifying a noun ("Palestinians injured in clashes with
    police"), or a bare participle coordinated with a passive, sharing its auxiliary: "were
    arrested and sentenced"."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or _reduced_relative(verb):
        return True
    return (verb.dep_ == "conj" and verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "nsubj") for c in verb.children)
            and verb.head != verb and _is_passive(verb.head))


def _reduced_relative(verb: Token) -> bool:
    """ "the Palestinians injured in clashes", "X is dead, killed in an airstrike": a bare past
    participle after its noun or clause, unless it has an object of its own or its noun heads a
    verbless sentence (the participle is then the misparsed main verb: "A Syrian newspaper called
    on Arabs ...")."""
    if verb.dep_ not in ("acl", "advcl") or verb.tag_ != "VBN" or (verb.dep_ == "acl" and verb.head.dep_ == "ROOT"):
        return False
    return not any(c.dep_ in OWN_CLAUSE_DEPS for c in verb.children)


def _patients(verb: Token, resolved: ResolvedActors) -> list[Actor]:
    """The passive subject, shared by coordinated verbs: "X was indicted ... and will resign", or
    the noun a past participle modifies."""
    if _reduced_relative(verb):
        return _argument_actors(verb.head, resolved) if verb.dep_ == "acl" else _subjects(verb.head, resolved)
    if verb.dep_ == "relcl" and any(c.dep_ == "nsubjpass" and c.tag_ in ("WDT", "WP") for c in verb.children):
        return _argument_actors(verb.head, resolved)  # "the girls, who were kidnapped": the girls undergo it
    found = _actors_of_children(verb, ("nsubjpass",), resolved)
    if not found and verb.dep_ == "conj" and verb.head != verb:
        return _patients(verb.head, resolved)
    return found


def _in_clause(verb: Token, sources: list[Actor], resolved: ResolvedActors, venue: bool) -> list[Actor]:
    """Last resort: a coded actor elsewhere in the event's own clause (not its subject, not an
    embedded clause of its own, nor, for a meeting, the place that is only its venue): "eased
    measures on Wednesday in the province of X"."""
    skip = {t.i for c in verb.children if c.dep_ in SUBJECT_DEPS | {"ccomp", "advcl", "relcl", "conj", "nsubjpass"}
            for t in c.subtree}
    places = {t.i for p in verb.subtree if p.dep_ == "prep" and p.lower_ in LOCATIVE_PREPS - DIRECTION_PREPS
              for t in p.subtree} if venue else set()
    source_codes = {_code(a) for a in sources}
    for token in verb.subtree:
        actor = resolved.at_token(token.i) if token.i not in skip else None
        if actor is not None and actor.type == "country" and token.i in places:
            continue
        if actor is not None and _code(actor) and _code(actor) not in source_codes and actor not in sources:
            return [actor]
    return []


def _coded(actors: list[Actor]) -> bool:
    return any(_code(a) for a in actors)


def _better(found: list[Actor], more: list[Actor]) -> list[Actor]:
    """Actors with a code (a country, an organisation) make better arguments than bare groups."""
    return more if _coded(more) or not found else found


def _place(token: Token, resolved: ResolvedActors) -> list[Actor]:
    """Where the event happens, when a country (or a place the actors stage files under one) names
    it: a locative phrase on the trigger, on its object or subject ("an explosion near the town of
    X"), on a phrase inside those ("in a gunbattle in X"), on the verb the trigger serves, or on a
    clause that says when it happened ("killed 23 people when they blew themselves up in X")."""
    nodes = [token, *[c for c in token.children if c.dep_ in OBJECT_DEPS | SUBJECT_DEPS]]
    if token.dep_ in SERVING_LINKS and token.head.pos_ == "VERB":
        nodes.append(token.head)
    nodes.extend(c for c in token.children if c.dep_ == "advcl" and any(
        m.dep_ in ("advmod", "mark") and m.lower_ in SIMULTANEOUS_MARKS for m in c.children))
    for node in nodes:
        for prep in node.children:
            if prep.dep_ != "prep" or prep.lower_ not in LOCATIVE_PREPS:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                found = [a for a in _argument_actors(obj, resolved) if a.type == "country"]
                found = found or [a for inner in obj.children if inner.dep_ == "prep" and inner.lower_ in LOCATIVE_PREPS
                                  for o in inner.children if o.dep_ == "pobj"
                                  for a in _argument_actors(o, resolved) if a.type == "country"]
                if found:
                    return found
    return []


def _resident(actor: Actor, place: list[Actor], sentence: SpacySpan, resolved: ResolvedActors) -> Actor:
    """An ethnic or religious community acting or acted on in a country stands for that country
    (CAMEO codes communities by residence): "ethnic Albanians demonstrated in Serbia" -> Serbia,
    and so does a group named as the people of a country: "the Albanians of southern Serbia"."""
    if actor.type not in ("group", "person"):
        return actor
    mentions = [t for t in sentence if resolved.token_actor.get(t.i) == actor.id]
    home = next((a for t in mentions for prep in t.children if prep.dep_ == "prep" and prep.lower_ == "of"
                 for obj in prep.children if obj.dep_ == "pobj"
                 for a in _argument_actors(obj, resolved) if a.type == "country" and a.id != actor.id), None)
    if home is not None and home.country != actor.country:
        return home
    if not place or place[0].country == actor.country:
        return actor
    if getattr(actor, "community", False) or any(_community_word(t) for t in mentions):
        return place[0]
    return actor


def _community_word(token: Token) -> bool:
    return token.lemma_.lower() in COMMUNITY_WORDS or any(
        c.lemma_.lower() in COMMUNITY_WORDS for c in token.children if c.dep_ in ("amod", "compound"))


def _noun_arguments(noun: Token, code: CameoCode, resolved: ResolvedActors) -> tuple[list[Actor], list[Actor]]:
    sources = _actors_of_children(noun, ("poss", "compound", "amod", "nmod"), resolved)
    undergone: list[Actor] = []
    if not sources and noun.dep_ in ("dobj", "pobj", "attr"):  # "X speeded up the withdrawal of ..."
        governor = noun.head.head if noun.dep_ == "pobj" else noun.head
        if noun.dep_ == "pobj" and governor.dep_ == "dobj" and governor.pos_ == "NOUN":
            governor = governor.head  # "prefaced the talks with an indictment of Y": the phrase is the verb's
        if noun.head.dep_ == "agent" and governor.pos_ == "VERB":  # "if hit by sanctions": done to the subject
            undergone = _patients(governor, resolved) or _inherited_subjects(governor, resolved)
        elif governor.pos_ == "VERB" and governor.lemma_.lower() not in UNDERGOING_VERBS:
            sources = _subjects(governor, resolved)
    participants = [a for a in _participants(noun, code, resolved) if a not in sources]
    if not sources and participants:
        sources, participants = participants[:1], participants[1:]
    taken = PARTICIPANT_PREPS if code.root in PARTICIPANT_ROOTS else PARTICIPANT_PREPS - {"of"}
    targets = (participants or _prep_targets(noun, resolved, exclude=taken) or _clause_subject(noun, resolved)
               or undergone)
    return sources, targets


def _participants(noun: Token, code: CameoCode, resolved: ResolvedActors) -> list[Actor]:
    """Actors in "of"/"between"/"by" complements that take part in the event rather than suffer it."""
    found: list[Actor] = []
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in PARTICIPANT_PREPS:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            doer = (prep.lower_ != "of" or code.root in PARTICIPANT_ROOTS
                    or obj.lemma_.lower() in FORCE_WORDS)
            if doer:
                found.extend(_argument_actors(obj, resolved))
    return found


def _subjects(verb: Token, resolved: ResolvedActors) -> list[Actor]:
    subjects = _actors_of_children(verb, SUBJECT_DEPS, resolved)
    if subjects:
        return subjects
    if any(c.dep_ in SUBJECT_DEPS and c.lower_ in SELF_PRONOUNS for c in verb.children):
        return _announcer(verb, resolved)
    return _inherited_subjects(verb, resolved)


def _misparsed_subject(verb: Token, resolved: ResolvedActors) -> list[Actor]:
    """A main verb the parser left without a subject ("With the signing of X, A and B have
    agreed ..." attaches A and B to the fronted phrase): the actors right before it are its subject."""
    if verb.dep_ != "ROOT" or any(c.dep_ in SUBJECT_DEPS | {"nsubjpass", "expl"} for c in verb.children):
        return []
    found: list[Actor] = []
    for token in reversed(verb.doc[verb.sent.start:verb.i]):
        if token.pos_ in ("VERB", "ADP") or (token.is_punct and token.text != "/"):  # "SPLM/A"
            break
        if (actor := resolved.at_token(token.i)) is not None:
            found.append(actor)
    return _unique(found[::-1])


def _announcer(verb: Token, resolved: ResolvedActors) -> list[Actor]:
    """An unresolved "it"/"they" in a reported clause is the one who reports it: "X announced
    that it would ..." (when the actors stage has not resolved the pronoun)."""
    node = verb
    while node.dep_ in ("conj", "xcomp", "advcl", "acomp") and node.head != node:
        node = node.head
    if node.dep_ == "ccomp" and node.head.lemma_.lower() in REPORTING_VERBS | ANNOUNCING_VERBS:
        return _actors_of_children(node.head, SUBJECT_DEPS, resolved)
    return []


# Prepositions whose gerund shares the subject of the verb they modify, not its object.
ADVERBIAL_PREPS = frozenset(word_list("adverbial_preps"))

def _inherited_subjects(verb: Token, resolved: ResolvedActors) -> list[Actor]:
    """The understood subject: the controller of an infinitive, the first conjunct's subject,
    the noun a relative clause modifies."""
    head = verb.head
    if head == verb:
        return []
    if verb.dep_ == "csubj" and ruled_out(head):  # "X said removing sanctions is out of the question": X rules it out
        return _announcer(head, resolved)
    if verb.dep_ == "xcomp":  # "urged X to ...", "X wants to ...", "X is expected to ..."
        controllers = _actors_of_children(head, ("dobj",), resolved)
        return controllers or _subjects(head, resolved) or _actors_of_children(head, ("nsubjpass",), resolved)
    if verb.dep_ in ("conj", "advcl", "acomp") and head.pos_ in ("VERB", "AUX", "ADJ"):
        found = _subjects(head, resolved)
        if not found and verb.dep_ == "conj":  # "X was indicted ... and will resign": the shared subject
            found = _patients(head, resolved)
        return found
    if verb.dep_ in ("relcl", "acl"):
        return _argument_actors(head, resolved) or _issuer(verb, head, resolved)
    if verb.dep_ == "pcomp" and head.head.pos_ == "VERB":
        if head.lower_ in ADVERBIAL_PREPS:  # "resigned after being accused", "attacked Y after meeting Z"
            return _subjects(head.head, resolved)
        return _actors_of_children(head.head, ("dobj",), resolved)  # "accused Y of lying"
    return []


def _issuer(verb: Token, statement: Token, resolved: ResolvedActors) -> list[Actor]:
    """Who issued the statement a participle describes: "X issued a declaration demanding ..."."""
    if (verb.dep_ == "acl" and verb.tag_ == "VBG" and statement.lemma_.lower() in STATEMENT_NOUNS
            and statement.dep_ == "dobj"):
        return _subjects(statement.head, resolved)
    return []


def _prep_targets(token: Token, resolved: ResolvedActors, exclude: frozenset[str] = frozenset()) -> list[Actor]:
    preps = {c.lower_: c for c in token.children if c.dep_ in ("prep", "dative") and c.lower_ not in exclude}
    for name in (TARGET_PREPS if token.pos_ == "VERB" else NOUN_TARGET_PREPS):
        prep = preps.get(name)
        if prep is None:
            continue
        found = [a for obj in prep.children if obj.dep_ == "pobj" for a in _argument_actors(obj, resolved)]
        if found:
            return found
    return []


def _clause_subject(token: Token, resolved: ResolvedActors) -> list[Actor]:
    """The subject of a complement clause: "demanded that Y withdraw", "warned that Y may ...",
    "pushed for Y to support ..."."""
    for clause in token.children:
        for_clause = clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children)
        if clause.dep_ not in ("ccomp", "acl", "xcomp") and not for_clause:
            continue
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        for subject in subjects:
            found = _argument_actors(subject, resolved) or _first_actor(subject.subtree, resolved)
            if found:
                return found
        if clause.dep_ == "xcomp":
            found = _complement_targets(clause, resolved, depth=2)
            if found:
                return found
    for clause in token.children:  # "sent material to help defend X"
        if clause.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            found = _complement_targets(clause, resolved, depth=2)
            if found:
                return found
    return []


def _complement_targets(clause: Token, resolved: ResolvedActors, depth: int) -> list[Actor]:
    """Who an infinitive complement is aimed at: "threatened to break relations with X"."""
    objects = [c for c in clause.children if c.dep_ in OBJECT_DEPS]
    found = [a for o in objects for a in _argument_actors(o, resolved)]
    found = found or _prep_targets(clause, resolved) or [a for o in objects for a in _prep_targets(o, resolved)]
    if found or depth == 0:
        return found
    inner = [c for c in clause.children if c.dep_ in ("xcomp", "advcl", "conj")]
    return next((f for c in inner if (f := _complement_targets(c, resolved, depth - 1))), [])


def _first_actor(tokens, resolved: ResolvedActors) -> list[Actor]:
    for token in tokens:
        actor = resolved.at_token(token.i)
        if actor is not None:
            return [actor]
    return []


def _actors_of_children(token: Token, deps, resolved: ResolvedActors, through_prep: bool = False) -> list[Actor]:
    found: list[Actor] = []
    for child in token.children:
        if child.dep_ not in deps:
            continue
        if through_prep:
            found.extend(a for obj in child.children if obj.dep_ == "pobj" for a in _argument_actors(obj, resolved))
        else:
            found.extend(_argument_actors(child, resolved))
    return _unique(found)


def _argument_actors(token: Token, resolved: ResolvedActors) -> list[Actor]:
    """The actors an argument phrase names: its head (looking through modifiers, appositions and
    "officials of X"), and each coordinated head."""
    found: list[Actor] = []
    for head in _conjuncts(token):
        named = [a for appos in head.children if appos.dep_ == "appos" and appos.lemma_.lower() not in PARTITIVES
                 for h in _conjuncts(appos) if (a := _look_through(h, resolved, 1)) is not None]
        actor = resolved.at_token(head.i) if named else _look_through(head, resolved, depth=2)
        candidates = [actor] if actor is not None else named  # "two countries — A and B": both
        if resolved.at_token(head.i) is None and not _coded(candidates):
            candidates = [a for a in [_coded_inside(head, resolved)] if a] or candidates  # "a member of X's parliament"
        found.extend(candidates)
    return _unique(found)


def _coded_inside(head: Token, resolved: ResolvedActors) -> Actor | None:
    """A coded actor among the modifiers and "of"/"with" phrases of an argument's head."""
    for child in head.children:
        if child.dep_ in LOOK_THROUGH_DEPS:
            inner = [child]
        else:
            inner = _phrase_objects(child) if child.dep_ in ("prep", "acl") else []
        for token in inner:
            actor = _look_through(token, resolved, depth=2)  # "workers affiliated with the Serbian Workers' Union"
            if actor is not None and _code(actor):
                return actor
    return None


def _phrase_objects(token: Token) -> list[Token]:
    """Objects of a prepositional phrase, or of a participle's prepositions ("affiliated with X")."""
    if token.dep_ == "prep":
        return [c for c in token.children if c.dep_ == "pobj"] if token.lower_ in LOOK_THROUGH_PREPS | {"with"} else []
    return [g for c in token.children if c.dep_ == "prep" and c.lower_ in AFFILIATION_PREPS
            for g in c.children if g.dep_ == "pobj"]


def _conjuncts(token: Token) -> list[Token]:
    heads = [token]
    for head in heads:
        heads.extend(c for c in head.children if c.dep_ == "conj" and c not in heads)
    return heads


def _look_through(token: Token, resolved: ResolvedActors, depth: int) -> Actor | None:
    """The actor a phrase names: its own, else one named inside it ("Russian forces", "officials of X")."""
    actor = resolved.at_token(token.i)
    if actor is not None or depth == 0:
        return actor
    if token.lemma_.lower() in MEMBER_NOUNS and (whole := _whole(token, resolved, depth)) is not None:
        return whole  # "European members of NATO": the body they belong to, not where they are from
    for child in token.children:
        if child.dep_ in LOOK_THROUGH_DEPS:
            actor = _look_through(child, resolved, depth - 1)
            if actor is not None:
                return actor
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in LOOK_THROUGH_PREPS:
            for obj in prep.children:
                if obj.dep_ == "pobj" and (actor := _look_through(obj, resolved, depth - 1)) is not None:
                    return actor
    return None


def _whole(token: Token, resolved: ResolvedActors, depth: int) -> Actor | None:
    """The organisation an "of" phrase names: "members of X"."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            objects = [o for o in prep.children if o.dep_ == "pobj"]
            if not objects and prep.i + 1 < len(token.doc):  # "members of NATO scale back": of left stranded
                objects = [token.doc[prep.i + 1]]
            for obj in objects:
                actor = _look_through(obj, resolved, depth - 1)
                if actor is not None and actor.type != "country":
                    return actor
    return None


def _unique(actors: list[Actor]) -> list[Actor]:
    seen: set[str] = set()
    return [a for a in actors if not (a.id in seen or seen.add(a.id))]


# Claims ---------------------------------------------------------------------------------------

def _claim(token: Token, resolved: ResolvedActors, quotes: list[Quote]) -> tuple[Actor | None, str | None]:
    """Who the event is claimed by: the speaker of the quote that contains the trigger, else the
    subject of the reporting verb it is embedded under, else the X of "according to X"."""
    for quote in quotes:
        if any(span.start <= token.idx < span.end for span in quote.contents):
            return resolved.by_id(quote.speaker), quote.id
    node = token
    while node.head != node:
        link, node = node.dep_, node.head
        if link == "ccomp" and node.lemma_.lower() in REPORTING_VERBS:
            speakers = _actors_of_children(node, SUBJECT_DEPS, resolved)
            if speakers:
                return speakers[0], None
    root = token.sent.root
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ == "according":
            for to in prep.children:
                speakers = _actors_of_children(to, ("pobj",), resolved)
                if speakers:
                    return speakers[0], None
    return None, None


# Discourse ------------------------------------------------------------------------------------

def _respond_to_demands(events: list[Event]) -> list[Event]:
    """A rejection or concession without a target answers the latest demand made of its source
    in the sentences just before (or any demand there)."""
    sentence_starts = sorted({e.sentence.start for e in events})
    position = {start: number for number, start in enumerate(sentence_starts)}
    latest_demand: dict[str | None, Event] = {}
    for event in events:
        if event.plover == "REQUEST":
            latest_demand[event.target] = event
            latest_demand[None] = event
        elif event.target is None and event.plover in ("REJECT", "CONCEDE", "RETREAT"):
            demand = latest_demand.get(event.source) or latest_demand.get(None)
            if (demand is not None and demand.source != event.source
                    and position[event.sentence.start] - position[demand.sentence.start] <= RESPONSE_DISTANCE):
                event.target, event.target_code = demand.source, demand.source_code
    return events
