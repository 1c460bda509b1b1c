"""Entity repair, a spaCy component after the statistical NER: the small model tags one name
three ways in one article ("Kaabu" a place four times and a person once, "Sebastien Lai" an
organisation next to twenty PERSON "Lai"), and calls unknown people places or organisations
("Siyoka Simasiku, director at ...": ORG). The article's own evidence settles the label:

- a name tagged more than once takes the label most of its mentions have;
- a name ending in the surname of a person named in full in the article is a person;
- a name the knowledge base does not know, described as a person (an apposition or copula
  naming an office or occupation: "X, a director at", "X is the executive director of"; a
  relative "who": "X, who heads ...") or speaking ("X told VOA"), is a person.

Known places, countries and organisations keep their label: the knowledge base wins.
"""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from brink.actors.knowledge import Knowledge, knowledge, normalise
from brink.actors.resolve import ORGANISATION_SECTORS

COMPONENT = "brink_names"
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
_SPEAKING_VERBS = frozenset({"say", "tell", "add", "write", "explain", "note", "argue", "insist", "recount", "recall",
                             "remember", "describe", "caution"})
_KNOWN_KINDS = frozenset({"entity", "country", "capital", "place", "seat", "community"})
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


@Language.component(COMPONENT)
def repair_names(doc: Doc) -> Doc:
    if not doc.ents:
        return doc
    kb = knowledge()
    labels = _majority_labels(doc)
    surnames = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(_words(ent)) >= 2}
    repaired = []
    for ent in doc.ents:
        label = ent.label_
        if label in _NAME_LABELS and not _known(kb, ent):
            key = _name_key(ent)
            if key in labels:
                label = labels[key]
            whole = _with_untagged_rest(ent)
            if label != "PERSON" and _name_shaped(whole) and (whole[-1].text in surnames or _reads_as_person(kb, whole)):
                label, ent = "PERSON", whole
        repaired.append(ent if label == ent.label_ else Span(doc, ent.start, ent.end, label=label))
    doc.set_ents(repaired)
    return doc


def _with_untagged_rest(ent: Span) -> Span:
    """"Chalida" tagged alone in "Chalida Tajaroensuk, who heads ...": the untagged capitalised
    proper nouns right after it belong to the name."""
    end = ent.end
    while end < len(ent.doc) and ent.doc[end].ent_iob_ == "O" and ent.doc[end].pos_ == "PROPN" \
            and ent.doc[end].is_title and end - ent.start < 3:
        end += 1
    return ent.doc[ent.start:end]


def _words(ent: Span) -> list[Token]:
    return [t for t in ent if t.is_alpha]


def _name_key(ent: Span) -> str:
    return " ".join(t.text for t in ent if t.text not in _POSSESSIVES)


def _majority_labels(doc: Doc) -> dict[str, str]:
    """The label most mentions of a repeated name carry, where one label has a strict majority."""
    counts: dict[str, Counter] = {}
    for ent in doc.ents:
        if ent.label_ in _NAME_LABELS:
            counts.setdefault(_name_key(ent), Counter())[ent.label_] += 1
    majority = {}
    for key, counter in counts.items():
        (first, n), *rest = counter.most_common(2) + [("", 0)]
        if rest and n > rest[0][1] and len(counter) > 1:
            majority[key] = first
    return majority


def _name_shaped(ent: Span) -> bool:
    """One to three capitalised words, none the head word of an organisation ("Council", "Times")."""
    words = _words(ent)
    return 1 <= len(words) <= 3 and ent[0].pos_ in ("PROPN", "X") and all(t.text[:1].isupper() and t.lower_ not in ORGANISATION_SECTORS for t in words) \
        and all(t.is_alpha or t.text in _POSSESSIVES or t.text in ("-", ".") for t in ent)


def _known(kb: Knowledge, ent: Span) -> bool:
    """The knowledge base knows the name, or a word of it, as something other than a person."""
    key = tuple(normalise(t.text) for t in ent if t.text not in _POSSESSIVES and t.lower_ != "the")
    if any(m.kind in _KNOWN_KINDS and not _a_person(kb, m.entity) for m in kb.phrases.get(key, ())):
        return True
    return any(m.kind in ("country", "capital", "seat") for t in ent for m in kb.phrases.get((normalise(t.text),), ()))


def _a_person(kb: Knowledge, ident: str | None) -> bool:
    entity = kb.entities.get(ident or "")
    return entity is not None and entity.type == "person"


def _reads_as_person(kb: Knowledge, ent: Span) -> bool:
    head = ent.root
    if any(child.dep_ == "appos" and _personal_noun(kb, child) for child in head.children):
        return True
    if any(child.dep_ == "relcl" and any(w.lower_ == "who" for w in child.children) for child in head.children):
        return True  # "X, who heads the foundation,"
    if head.dep_ == "appos" and _personal_noun(kb, head.head) and head.head.i < ent.start:
        return True  # "another passenger, Allah Ditta,"
    verb = head.head
    if head.dep_ != "nsubj" or verb is head:
        return False
    if verb.lemma_ == "be":
        return any(c.dep_ == "attr" and _personal_noun(kb, c) for c in verb.children)
    return len(_words(ent)) >= 2 and verb.lemma_ in _SPEAKING_VERBS


def _personal_noun(kb: Knowledge, token: Token) -> bool:
    """An office or occupation ("director", "spokesperson", "passenger"), as brink's roles or the
    imported agent nouns name them."""
    if token.pos_ != "NOUN":
        return False
    for key in ((normalise(token.text),), (token.lemma_.lower(),)):
        for meaning in kb.phrases.get(key, ()):
            if meaning.kind == "role" and meaning.role is not None and meaning.role.kind in ("person", "generic"):
                return True
    return False
