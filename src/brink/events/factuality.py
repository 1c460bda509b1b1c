"""Factuality of an event from its trigger's clause: asserted, hypothetical or negated.

Walks from the trigger up the dependency tree through the clauses it is embedded in, and stops
at the first reporting link (a ccomp): the modality of "X said ..." does not belong to the event,
but the frame of "X warned that ..." does.
"""

from __future__ import annotations

from spacy.tokens import Token

from brink.events.constructions import CLAUSE_LINKS, given
from brink.events.lexicon import word_list
from brink.records import Factuality

MODALS = frozenset(word_list("modals"))
CONDITIONAL_MARKS = frozenset(("if", "unless", "whether"))
# Adjectives of readiness and intent: "is ready to send troops".
INTENT_ADJECTIVES = frozenset(word_list("intent_adjectives"))
FUTURE_AUX = frozenset(("will", "shall", "'ll", "wo"))
INTENT_VERBS = frozenset(word_list("intent_verbs"))
ANNOUNCING_VERBS = frozenset(word_list("intent_announcing_verbs"))
RULED_OUT_ADJECTIVES = frozenset(("impossible", "unacceptable", "unthinkable", "inconceivable"))
RULED_OUT_NOUNS = frozenset(("question", "table"))
# Links through which a clause shares the intent announced above it.
INTENT_LINKS = frozenset(word_list("intent_links"))
RELATIVE_TAGS = frozenset(("WDT", "WP", "WP$", "WRB"))
NO_ONE = frozenset(("nobody", "none", "nothing", "neither", "noone"))


def _negated_here(token: Token) -> bool:
    return any(child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no")
               or (child.dep_ in ("nsubj", "nsubjpass") and _nobody(child)) for child in token.children)


def _nobody(subject: Token) -> bool:
    """ "No country has recognised X", "Nobody attacked": a subject that denies the clause."""
    return subject.lower_ in NO_ONE or any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def _hypothetical_here(token: Token) -> bool:
    return any((child.dep_ == "aux" and child.lower_ in MODALS)
               or (child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS) for child in token.children)


def ruled_out(predicate: Token) -> bool:
    """ "is out of the question", "is off the table", "is impossible": the clausal subject of
    such a predicate will not happen."""
    for child in predicate.children:
        if child.dep_ == "acomp" and child.lemma_.lower() in RULED_OUT_ADJECTIVES:
            return True
        if child.dep_ == "prep" and child.lower_ in ("out", "off"):
            if any(t.lemma_.lower() in RULED_OUT_NOUNS for t in child.subtree):
                return True
    return False


def factuality(trigger: Token) -> Factuality:
    """Climbs from the trigger through the clauses it is embedded in; the frames met on the way
    (refusals, plans, warnings, "without", "the threat of") are constructions of the registry."""
    token = trigger
    presupposed = False  # inside a when/since/because clause, which the main clause's "not" leaves standing
    while True:
        if _negated_here(token) and not presupposed:
            return "negated"
        if _hypothetical_here(token):
            return "hypothetical"
        head, link = token.head, token.dep_
        if head == token or (link == "relcl" and any(c.tag_ in RELATIVE_TAGS for c in token.children)):
            return "asserted"  # "no ransom was paid for the girls, who were kidnapped" (not "no way X can ...")
        if link == "advcl" and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children) and not any(
                c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in token.children):
            presupposed = True  # "no country has recognised X since they seized power"
        framed = given(token, "factuality")
        if framed is not None:
            return framed
        if link == "csubj" and ruled_out(head):
            return "negated"
        if link == "ccomp":  # a reporting link: the modality of "X said ..." is not the event's
            return "hypothetical" if _hypothetical_here(head) else "asserted"
        if link not in CLAUSE_LINKS:
            return "asserted"
        token = head


def is_intended(trigger: Token) -> bool:
    """True when the event is announced as intended rather than done: "will send", "is ready to
    send", "plans to send", "said it would send". CAMEO codes these as intents (03) or
    threats (13), not as the act."""
    return intent_frame(trigger) is not None


def intent_frame(trigger: Token) -> Token | None:
    """The word that announces the event as intended ("will send": the trigger; "is ready to
    send": "ready"; "said it would send": "said"), or None."""
    token = trigger
    while True:
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in token.children):
            return token
        if any(c.dep_ == "aux" and c.lower_ in MODALS - {"would"} for c in token.children):
            return None
        head, link = token.head, token.dep_
        if head == token or link not in INTENT_LINKS:
            return None
        if link == "advcl" and any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in token.children):
            return None  # "if X escalates, I will ...": only a purpose clause shares the intent
        lemma = head.lemma_.lower()
        if link == "ccomp":  # "said it would boycott": the speaker's own announced intention
            own = any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in token.children)
            said = own and lemma in ANNOUNCING_VERBS and any(c.dep_ == "aux" and c.lower_ == "would"
                                                             for c in token.children)
            return head if said else None
        if link == "xcomp" and (lemma in INTENT_ADJECTIVES - {"likely", "able", "expected", "unwilling", "reluctant"}
                                or lemma in INTENT_VERBS):
            return head
        token = head


def frame_factuality(frame: Token) -> Factuality:
    """The factuality of an intent itself: "might be willing to make concessions" is only a
    possible intent."""
    while frame.dep_ == "acomp" and frame.head != frame:
        frame = frame.head
    return factuality(frame)
