"""Dependency-parse helpers: who a cue's speaker is, how far a mention reaches, what a cue's
content clause is, and to whom it was said."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from brink.quotes.lexicon import Cues

# Right-hand dependents that still belong to a mention ("a spokesman for the ministry").
_MENTION_TAIL = {"prep", "pobj", "compound", "nummod", "cc", "conj", "amod", "nmod"}
# Left-hand dependents that belong to a mention ("Obama's former campaign strategist").
_MENTION_FRONT = {"det", "amod", "compound", "poss", "nummod", "quantmod", "nmod", "predet", "case", "advmod"}
_WH_TAGS = {"WDT", "WP"}
# A participle or coordinated verb borrows its subject from the verb it hangs on.
_BORROWS_SUBJECT = {"advcl", "conj", "xcomp", "pcomp"}
_INTERVIEW_NOUNS = {"interview", "conversation", "call", "briefing", "appearance", "podcast", "statement",
                    "email", "letter", "post", "tweet", "speech", "op-ed", "memo", "video", "message"}
_AUDIENCE_CUES = {"tell", "inform", "assure", "brief", "warn", "remind", "promise", "advise", "ask", "urge"}
_COMPLEMENT_MARKS = {"that", "if", "whether"}


def subject_of(verb: Token, quoted: Sequence[int] = ()) -> Token | None:
    """The nominal subject that speaks through `verb`, following participles ("..., saying"),
    coordination ("smiled and said") and relative clauses ("Vell, who said"). A subject the parser
    found inside quoted words (quoted[i] >= 0) is never the speaker."""
    return _subject_link(verb, quoted)[0]


def relative_pronoun(verb: Token, quoted: Sequence[int] = ()) -> Token | None:
    """The relative pronoun through which `verb` has its subject: "who" in "Vell, who said"."""
    return _subject_link(verb, quoted)[1]


def _subject_link(verb: Token, quoted: Sequence[int]) -> tuple[Token | None, Token | None]:
    cue = verb
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and not (quoted and quoted[c.i] >= 0)]
        if subjects:
            # two subjects are a misparse of an inverted attribution ("The plan fails, said Vell"):
            # the one next to the cue speaks
            child = min(subjects, key=lambda c: abs(c.i - cue.i))
            if child.tag_ in _WH_TAGS and verb.dep_ == "relcl":
                issuer = _issuer(verb.head, quoted)  # "a letter that says" is its sender's, not "that"
                return issuer, child if issuer.i == verb.head.i else None
            return child, None
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
            return _issuer(verb.head, quoted), None  # "a statement saying ..."
        if verb.dep_ == "acl" and verb.head.i < verb.i and verb.sent.root.pos_ not in ("VERB", "AUX"):
            return verb.head, None  # no main verb: "One lawmaker called Rinn “...”" misread as "a lawmaker (so) called"
        if verb.dep_ not in _BORROWS_SUBJECT or verb.head.i == verb.i:
            return None, None
        # "by saying ...", "after saying ...": past the preposition to the verb it modifies;
        # "accused them of lying": past the object too
        verb = verb.head.head if verb.dep_ == "pcomp" else verb.head
        if verb.dep_ == "dobj" and verb.pos_ in ("NOUN", "PROPN", "PRON"):
            verb = verb.head
    return None, None


def _issuer(noun: Token, quoted: Sequence[int]) -> Token:
    """Who speaks through a statement: "the council issued a statement saying" is the council's."""
    if noun.pos_ == "NOUN" and noun.dep_ == "dobj":
        return subject_of(noun.head, quoted) or noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "to":  # "sent a text to supporters saying": addressees
        governor = noun.head.head
        governor = governor.head if governor.dep_ == "dobj" else governor
        if governor.pos_ in ("VERB", "AUX"):
            return subject_of(governor, quoted) or noun
    return noun


def mention_bounds(head: Token) -> tuple[int, int]:
    """Token range [first, last] of the mention headed by `head`, without appositions or
    relative clauses."""
    first = min([head.i] + [c.left_edge.i for c in head.lefts if c.dep_ in _MENTION_FRONT])
    last = head.i
    for child in head.rights:
        between = head.doc[last + 1:child.left_edge.i]
        if child.dep_ not in _MENTION_TAIL or any(t.is_punct for t in between):
            break
        last = child.right_edge.i
    while first < head.i and (head.doc[first].is_punct or head.doc[first].is_space):
        first += 1
    while last > head.i and (head.doc[last].is_punct or head.doc[last].is_space):
        last -= 1
    return first, last


def content_heads(cue: Token, frames: frozenset[str]) -> list[Token]:
    """The dependents of a verb cue that hold what was said, thought or intended."""
    children = list(cue.children)
    if "clause" in frames or "quote" in frames:
        clauses = [c for c in children if c.dep_ == "ccomp"]
        if clauses:
            # a clause before the cue and one after: the fronted one is a misparsed adverbial
            # ("While he admitted X was ..., Vell noted Y ...")
            return [next((c for c in clauses if c.i > cue.i), clauses[0])] if len(clauses) > 1 else clauses
    if "infinitive" in frames:
        infinitives = [c for c in children if c.dep_ == "xcomp" and any(t.tag_ == "TO" for t in c.children)]
        if infinitives:
            objects = [c for c in children if c.dep_ == "dobj" and c.i < infinitives[0].i]
            return objects + infinitives[:1]
    if "object" in frames:
        objects = [c for c in children if c.dep_ == "dobj"]
        if objects and objects[0].tag_ in _WH_TAGS:
            return []  # "what she called a ..." is part of a larger content, not one of its own
        if objects:
            tails = [c for c in children if c.i > objects[0].i and c.dep_ in ("prep", "oprd", "xcomp", "ccomp")]
            return objects[:1] + tails
        particles = [c for c in children if c.dep_ == "prep" and c.lower_ in ("for", "on") and cue.lemma_ == "call"]
        return particles[:1]
    return []


def noun_clause(noun: Token) -> Token | None:
    """The complement clause of a cue noun: "the warning that ...", not "the warning that he gave"."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and any(
                g.dep_ == "mark" and g.lower_ in _COMPLEMENT_MARKS for g in child.children):
            return child
    return None


def noun_source(noun: Token) -> Token | None:
    """Who holds the claim a cue noun names: "Vell's warning", "a warning by Vell",
    "Vell issued a warning"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return objects[0]
    if noun.dep_ == "dobj":
        return subject_of(noun.head)
    return None


def audience_of(cue: Token) -> Token | None:
    """The addressee: "told reporters", "said in an interview with Radio Vell", "said to the council"."""
    for child in cue.children:
        if child.dep_ in ("dobj", "dative") and cue.lemma_ in _AUDIENCE_CUES and child.pos_ != "PRON":
            return child
        if child.dep_ == "prep" and child.lower_ == "to" and cue.lemma_ in ("say", "speak", "write", "explain"):
            return _object_of(child)
        if child.dep_ == "prep" and child.lower_ in ("in", "during"):
            setting = _object_of(child)
            if setting is not None and setting.lemma_ in _INTERVIEW_NOUNS:
                for grandchild in setting.children:
                    if grandchild.dep_ == "prep" and grandchild.lower_ in ("with", "to", "on"):
                        return _object_of(grandchild)
    return None


def _object_of(preposition: Token) -> Token | None:
    return next((c for c in preposition.children if c.dep_ == "pobj"), None)


def is_verb_cue(token: Token, cues: Cues) -> bool:
    return token.pos_ == "VERB" and token.lemma_ in cues.verbs


def is_as_put_it(token: Token) -> bool:
    """ "as Vell put it": a speaker's own wording, whatever the verb means elsewhere."""
    return (token.lemma_ == "put" and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)
            and any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children))


def according_to(doc: Doc, token: Token) -> Token | None:
    """The source in "according to X", when `token` is "according"."""
    if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return None
    to = doc[token.i + 1]
    found = _object_of(to) or _object_of(token)
    if found is None and to.right_edge.i > to.i and to.right_edge.pos_ in ("NOUN", "PROPN"):
        found = to.right_edge  # "according to show insiders", the noun phrase misread as a verb's
    return found


def clause_of(token: Token) -> Token:
    """The verb whose clause `token` modifies: what "according to X" vouches for."""
    head = token.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head
