"""Factuality of an event from its trigger's clause: asserted, hypothetical or negated.

Walks from the trigger up the dependency tree through the clauses it is embedded in, and stops
at the first reporting link (a ccomp): the modality of "X said ..." does not belong to the event,
but the frame of "X warned that ..." does.
"""

from __future__ import annotations

from spacy.tokens import Token

from brink.records import Factuality

MODALS = frozenset(("might", "may", "could", "would", "should", "must"))
CONDITIONAL_MARKS = frozenset(("if", "unless", "whether"))
# Frames whose complement clause has not happened (yet): warnings, fears, predictions.
HYPOTHETICAL_FRAMES = frozenset(("warn", "fear", "predict", "speculate", "worry", "suspect", "risk", "threaten",
                                 "caution", "believe", "expect", "suggest", "hope", "imagine", "surprise",
                                 "demand", "urge", "ask", "insist", "propose", "recommend", "request", "want"))
# Adjectives of readiness and intent: "is ready to send troops".
INTENT_ADJECTIVES = frozenset(("ready", "willing", "prepared", "determined", "eager", "keen", "poised", "set",
                               "likely", "unwilling", "reluctant", "able", "due", "expected", "about"))
FUTURE_AUX = frozenset(("will", "shall", "'ll", "wo"))
# Frames whose infinitive complement is intended, not done ("plans to attack").
INTENT_FRAMES = frozenset(("plan", "threaten", "want", "seek", "try", "attempt", "hope", "intend", "prepare",
                           "aim", "vow", "promise", "pledge", "offer", "wish", "plot", "propose", "consider",
                           "urge", "ask", "call", "demand", "push", "press", "need", "expect", "decide",
                           "agree", "allow", "authorize", "authorise", "justify", "avert", "deter", "warn",
                           # hiring, paying or telling someone to do it does not do it: "hired X to kill Y"
                           "hire", "recruit", "pay", "bribe", "commission", "enlist", "instruct", "order",
                           "command", "direct", "tell", "persuade", "convince", "incite", "encourage", "invite"))
INTENT_VERBS = frozenset(("plan", "intend", "vow", "pledge", "promise", "offer", "decide", "prepare", "aim",
                          "threaten", "agree", "resolve", "undertake", "volunteer", "go"))
ANNOUNCING_VERBS = frozenset(("say", "announce", "state", "declare", "tell", "add", "confirm", "indicate", "signal",
                              "vow", "pledge", "promise"))
# Frames that say the complement did not or will not happen.
NEGATING_FRAMES = frozenset(("fail", "refuse", "decline", "deny", "prevent", "stop", "avoid", "reject",
                             "cease", "halt", "abandon", "block", "veto", "thwart", "foil"))
# Nouns that take the event for granted: "no one claimed responsibility for the bombing".
PRESUPPOSING_NOUNS = frozenset(("responsibility", "blame", "credit"))
NOMINAL_HYPOTHETICAL = frozenset(("risk", "possibility", "threat", "prospect", "danger", "fear", "pretext",
                                  "plan", "chance", "idea", "rumour", "rumor"))
RULED_OUT_ADJECTIVES = frozenset(("impossible", "unacceptable", "unthinkable", "inconceivable"))
RULED_OUT_NOUNS = frozenset(("question", "table"))
RELATIVE_TAGS = frozenset(("WDT", "WP", "WP$", "WRB"))
NO_ONE = frozenset(("nobody", "none", "nothing", "neither", "noone"))
CLAUSE_LINKS = frozenset(("agent", "xcomp", "conj", "acl", "relcl", "pcomp", "pobj", "prep", "dobj", "nsubj",
                          "nsubjpass", "attr", "appos", "advcl", "npadvmod", "oprd", "compound"))


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


def _rules_out(verb: Token) -> bool:
    """ "ruled out sending troops": the act will not happen."""
    return verb.lemma_.lower() == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)


def _forgone(prep: Token) -> bool:
    """ "without naming them", "instead of calling for X", "rather than attacking": the act did not happen."""
    if prep.lower_ == "without":
        return True
    return prep.lower_ in ("of", "than") and (prep.head.lower_ in ("instead", "rather") or any(
        c.lower_ in ("instead", "rather") for c in prep.children))


def factuality(trigger: Token) -> Factuality:
    token = trigger
    presupposed = False  # inside a when/since/because clause, which the main clause's "not" leaves standing
    while True:
        if _negated_here(token) and not presupposed:
            return "negated"
        if _hypothetical_here(token) or (token != trigger and token.lemma_.lower() in NOMINAL_HYPOTHETICAL):
            return "hypothetical"
        head, link = token.head, token.dep_
        if head == token or (link == "relcl" and any(c.tag_ in RELATIVE_TAGS for c in token.children)):
            return "asserted"  # "no ransom was paid for the girls, who were kidnapped" (not "no way X can ...")
        if link == "advcl" and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children) and not any(
                c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in token.children):
            presupposed = True  # "no country has recognised X since they seized power"
        lemma = head.lemma_.lower()
        if link == "pobj" and head.head.lemma_.lower() in PRESUPPOSING_NOUNS:
            return "asserted"  # whoever does or does not claim it, the bombing happened
        if link == "csubj" and ruled_out(head):
            return "negated"
        if link in ("pcomp", "pobj") and _forgone(head):
            return "negated"
        if link == "ccomp":
            if lemma in NEGATING_FRAMES and lemma != "stop":
                return "negated"
            return "hypothetical" if lemma in HYPOTHETICAL_FRAMES or _hypothetical_here(head) else "asserted"
        if link in ("xcomp", "pcomp", "advcl", "pobj", "prep", "dobj") and head.pos_ in ("VERB", "AUX"):
            if lemma in NEGATING_FRAMES or _rules_out(head):
                return "negated"
            if lemma in INTENT_FRAMES:
                return "hypothetical"
        if link == "xcomp" and lemma in INTENT_ADJECTIVES:
            return "negated" if lemma in ("unwilling", "reluctant") else "hypothetical"
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
        if head == token or link not in ("xcomp", "conj", "pcomp", "prep", "pobj", "dobj", "advcl", "ccomp"):
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
