"""Who said what: attributions from cue words in the dependency parse, joined with the quoted
passages that the quotation marks delimit.

Three passes. The frame pass gives a quoted passage the cue right next to it (", Vell said." /
"Vell said:" / "― Ana Vell"). The parse pass reads every other cue word (lexicon.py) with its
source and its content clause: indirect speech, "according to", cue nouns, attributions set off
by commas. The passage pass gives each remaining passage a home: the attribution whose content
it overlaps, a later passage of the same paragraph that has one, or the speaker of the quote just
before it (a quote that goes on in the next sentence or paragraph).
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from brink.quotes import syntax
from brink.quotes.lexicon import Cues, cues
from brink.quotes.marks import Passage, find_passages
from brink.records import Boilerplate, Quote, QuoteKind, ResolvedActors, Span
from brink.text import overlaps_any

_SENTENCE_END = {".", "!", "?"}
_BYLINE_DASHES = {"―", "—", "–"}  # "“...” ― Ana Vell": a quote signed like an epigraph
_FRAME_AFTER_TOKENS = 12  # ", an administration official told" fits; a later clause does not
_FRAME_BEFORE_TOKENS = 30
_FRAME_AFTER_SUBJECT_TOKENS = 40  # a cue further on than _FRAME_AFTER_TOKENS needs its subject between
_MIN_QUOTE_WORDS = 3  # shorter quoted passages are scare quotes or titles unless a cue frames them
_MAX_TITLE_WORDS = 8
_MAX_SPEAKER_LABEL = 4  # tokens of a transcript's "NAME:" at the start of a line
_MIN_CLAUSE_WORDS = 4  # a quoted clause with no cue still counts as speech from this length on
_CONTINUATION_GAP = 300  # characters of narration a quote may skip and still go on with its speaker
_TITLE_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "at", "by", "with", "from"}
_CONTENT_GLUE = {"that", "if", "whether"}
_WHEN = {"DATE", "TIME"}
_CLAUSE_LINKS = {"ccomp", "xcomp", "conj", "advcl"}
_NAME_PARTS = {"PROPN", "NOUN", "DET", "ADJ", "PART", "NUM"}
_PHRASE_PARTS = _NAME_PARTS | {"ADP", "CCONJ"}  # a name with its appositive: "Vell, head of the port"
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_SPEAKING_PRONOUNS = {"i", "we", "he", "she", "they"}
_PRONOUN_WINDOW = 120  # tokens searched back for a pronoun's antecedent
_NEW_SPEAKER_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}
_NAMED_SPEAKERS = {"PERSON", "ORG"}
_ACTED_ON = {"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "dative", "prep", "agent"}  # what a verb does


@dataclass
class Draft:
    """An attribution while it is being assembled; token indices, character ranges for contents."""

    cue: tuple[int, int] | None  # first and last token of the cue; None for a quote no word introduces
    source: int | None  # head token of the source mention
    contents: list[tuple[int, int]] = field(default_factory=list)
    speech: bool = True  # can a following unattributed quote continue it?

    def end(self, doc: Doc) -> int:
        ends = [end for _, end in self.contents]
        if self.cue is not None:
            ends.append(doc[self.cue[1]].idx + len(doc[self.cue[1]]))
        if self.source is not None:
            ends.append(doc[self.source].idx + len(doc[self.source]))
        return max(ends)

    def overlap(self, start: int, end: int) -> int:
        return sum(max(0, min(end, e) - max(start, s)) for s, e in self.contents)


@dataclass
class _Context:
    doc: Doc
    text: str  # doc.text, which spaCy rebuilds from the tokens on every access
    cues: Cues
    passages: list[Passage]
    passage_of: list[int]  # token index -> passage index, or -1
    blocked: list[bool]  # token index -> inside boilerplate
    claimed: list[bool] = field(default_factory=list)  # token index -> taken by a framed quote
    actor_tokens: frozenset[int] = frozenset()  # tokens of the mentions the actors stage resolved


def extract(doc: Doc, resolved: ResolvedActors, boilerplate: list[Boilerplate]) -> list[Quote]:
    text = doc.text
    passages = [p for p in find_passages(text) if not overlaps_any(p.start, p.end, boilerplate)]
    context = _Context(doc, text, cues(), passages, _passage_index(doc, passages), _blocked_tokens(doc, boilerplate),
                       [False] * len(doc), frozenset(resolved.token_actor))
    homes: list[Draft | None] = [None] * len(passages)
    drafts = _frame_pass(context, homes)
    drafts += _parse_pass(context, {d.cue[0] for d in drafts})
    _passage_pass(context, drafts, homes)
    inside = _Contents(drafts)
    drafts = [d for d in drafts if d.contents and not _nested(d, inside, doc)]
    return _to_quotes(context, resolved, drafts)


# --- setup -----------------------------------------------------------------------------------

def _passage_index(doc: Doc, passages: list[Passage]) -> list[int]:
    owner = [-1] * len(doc)
    for index, passage in enumerate(passages):
        span = doc.char_span(passage.start, passage.end, alignment_mode="expand")
        for token in span or ():
            owner[token.i] = index
    return owner


def _blocked_tokens(doc: Doc, boilerplate: list[Boilerplate]) -> list[bool]:
    blocked = [False] * len(doc)
    for flagged in boilerplate:
        span = doc.char_span(flagged.start, flagged.end, alignment_mode="expand")
        for token in span or ():
            blocked[token.i] = True
    return blocked


# --- frame pass: quotes with a cue right next to them -------------------------------------------

def _frame_pass(context: _Context, homes: list[Draft | None]) -> list[Draft]:
    drafts: list[Draft] = []
    by_cue: dict[int, Draft] = {}
    for index in range(len(context.passages)):
        cue = None if _is_scare_or_title(context, index) else _framing_cue(context, index)
        if cue is None:
            continue
        draft = by_cue.get(cue.i)
        if draft is None:
            draft = _framed_draft(context, cue, index)
            if draft is None:
                continue
            by_cue[cue.i] = draft
            drafts.append(draft)
        else:
            passage = context.passages[index]
            draft.contents.append((passage.start, passage.end))
        homes[index] = draft
        _claim(context, draft)
    return drafts


def _claim(context: _Context, draft: Draft) -> None:
    """Keep the parse pass from reading a framed quote, its cue or its source a second time."""
    doc = context.doc
    for start, end in draft.contents:
        for token in doc.char_span(start, end, alignment_mode="expand") or ():
            context.claimed[token.i] = True
    for index in range(draft.cue[0], draft.cue[1] + 1):
        context.claimed[index] = True
    if draft.source is not None:
        first, last = syntax.mention_bounds(doc[draft.source])
        for index in range(first, last + 1):
            context.claimed[index] = True


def _framing_cue(context: _Context, index: int) -> Token | None:
    """A cue right after the passage (", Vell said" / "― Ana Vell"), or before it in its sentence
    ("Vell said:", "Vell added, “...”"), that governs the words between it and the passage. A
    passage that ends its sentence under a cue before it is that cue's, whatever the next
    sentence begins with."""
    dash = _signature_dash(context, index)
    if dash is not None:
        return dash
    after = _cue_after(context, index)
    if after is None:
        return _cue_before(context, index)
    _, last = _passage_tokens(context, index)
    if last >= 1 and context.doc[last - 1].text in _SENTENCE_END:
        return _cue_before(context, index) or after
    return after


def _cue_after(context: _Context, index: int) -> Token | None:
    doc = context.doc
    _, last = _passage_tokens(context, index)
    after = [t for t in _frame(context, last + 1, 1, _FRAME_AFTER_SUBJECT_TOKENS) if not t.is_space]
    for position, token in enumerate(after):
        between = doc[last + 1:token.i]
        if token.tag_ == "VBG" and token.dep_ in ("advcl", "acl"):
            return None  # “...,” adding, “...”: the participle introduces what follows it
        if ((_is_quote_cue(context, token) or _speech_manner(context, token, last))
                and _may_follow(doc, last, after, token)
                and (position < _FRAME_AFTER_TOKENS and _introduces(context, token, between)
                     or _long_subject(context, token, between) is not None)):
            return token
    return None


def _cue_before(context: _Context, index: int) -> Token | None:
    doc = context.doc
    first, _ = _passage_tokens(context, index)
    before = _frame(context, first - 1, -1, _FRAME_BEFORE_TOKENS)
    if not before and first > 0 and _previous_visible(doc, first - 1).text == ":":
        before = _frame(context, _previous_visible(doc, first - 1).i - 1, -1, _FRAME_BEFORE_TOKENS)
    if any(t.dep_ == "relcl" and _relative_cue_subject(context, t) is not None
           and _governs(t, doc[t.i + 1:before[0].i + 1])
           for t in before):
        return None  # "..., which Vell called “...”": the relative clause's cue reads it in the parse pass
    candidates = [t for t in before if _is_quote_cue(context, t) and _governs(t, doc[t.i + 1:before[0].i + 1])]
    # the nearest cue that is not reported inside another's clause: "Vell said she recalled
    # thinking, “...”" is Vell's saying; "Vell said, adding, “...”" is her adding
    return next((c for c in candidates if not any(_reported_in(c, other) for other in candidates)), None)


def _reported_in(cue: Token, other: Token) -> bool:
    """True when `cue` lies in the clause `other` reports; a verb coordinated inside that clause,
    or heading a relative clause there, is an act of its own ("Vell said he was tired and added,
    “...”", "said it hit the marchers, whom he described as “...”")."""
    token = cue
    while token.head.i != other.i:
        if token.dep_ == "conj" or token.dep_ == "relcl" and _relative_with_subject(token) or token.head.i == token.i:
            return False
        token = token.head
    return token.dep_ in ("ccomp", "xcomp")


def _signature_dash(context: _Context, index: int) -> Token | None:
    """The dash of a quote signed like an epigraph, “...” ― Ana Vell, when a name follows it."""
    end = context.passages[index].end
    after = context.text[end:end + 3].lstrip()
    if not after or after[0] not in _BYLINE_DASHES:
        return None
    position = context.text.index(after[0], end)
    span = context.doc.char_span(position, position + 1, alignment_mode="expand")
    dash = span[-1] if span is not None else None
    return dash if dash is not None and _name_after(dash) is not None else None


def _governs(cue: Token, between) -> bool:
    """True when every word between the cue and the passage hangs on the cue (its source, its
    audience, "in a statement") or on the passage's clause under it."""
    return all(t.is_punct or t.is_space or cue.is_ancestor(t) or t.i == cue.i for t in between)


def _may_follow(doc: Doc, last: int, after: list[Token], cue: Token) -> bool:
    """A quote closed by a full stop, "?" or "!" ends its sentence unless the attribution after it
    goes on in lower case (“Ready?” she asked) or says nothing more (“Ready?” Vell asked.). A cue
    that heads no sentence of its own opens the next one: “...” According to Vell, the plan ..."""
    if last < 1 or doc[last - 1].text not in _SENTENCE_END:
        return True
    if not after[0].text[:1].isupper():
        return True
    return cue.head.i == cue.i and not any(c.dep_ in ("ccomp", "xcomp") and c.i > cue.i for c in cue.children)


def _introduces(context: _Context, cue: Token, between) -> bool:
    """True when only the cue's subject (and adverbs, or "as") stand between a quote and the cue
    after it: “...,” Vell, the minister, later said. / “...,” as Vell put it."""
    subject = syntax.subject_of(cue, context.passage_of)
    # with no subject parsed, a name and its appositive the parser tore off: “...,” Vell, head of
    # the port authority, tells ...
    words = [t for t in between if not t.is_punct and not t.is_space]
    name_parts = _PHRASE_PARTS if subject is None and words and words[0].pos_ == "PROPN" else _NAME_PARTS
    return all(t.is_punct or t.is_space or t.dep_ in ("advmod", "npadvmod") and t.head.i == cue.i
               or t.lower_ == "as" and t.dep_ == "mark" and t.head.i == cue.i  # “...,” as Vell put it
               or t.pos_ in name_parts  # a title the parser tore from its name: "Tulsa police Chief"
               or subject is not None and subject.is_ancestor(t) or subject is not None and t.i == subject.i
               for t in between)


def _speech_manner(context: _Context, verb: Token, last: int) -> bool:
    """“...,” Vell shrugged. / “Ready?” she pressed.: a verb with nothing to act on, right after
    quoted words that end like speech, tells how they were said."""
    doc = context.doc
    return (verb.pos_ == "VERB" and last >= 1 and doc[last - 1].text in (",", "?", "!")
            and not any(c.dep_ in _ACTED_ON and context.passage_of[c.i] < 0 for c in verb.children))


def _long_subject(context: _Context, cue: Token, between) -> Token | None:
    """The subject that fills all of `between`, however long its apposition (“...,” Vell, the
    party's candidate and a former governor of the state, said): the parsed one, or a name
    opening it that the parser hung elsewhere."""
    words = [t for t in between if not t.is_punct and not t.is_space]
    subject = syntax.subject_of(cue, context.passage_of)
    if subject is None and words and words[0].pos_ == "PROPN":
        subject = words[0]
        while subject.head.i != subject.i and subject.dep_ in ("compound", "flat") and subject.head in between:
            subject = subject.head
    if subject is None or not all(t.i == subject.i or subject.is_ancestor(t) for t in words):
        return None
    return subject


def _frame(context: _Context, start: int, step: int, limit: int) -> list[Token]:
    """Tokens from `start` walking by `step` up to a sentence end, paragraph break or passage."""
    doc, frame = context.doc, []
    position = start
    while 0 <= position < len(doc) and len(frame) < limit:
        token = doc[position]
        if context.passage_of[position] >= 0 or context.blocked[position] or "\n" in token.text:
            break
        if token.text in _SENTENCE_END or step < 0 and token.text == ":" and frame:
            break
        frame.append(token)
        if token.text == ":" and step > 0:
            break
        position += step
    return frame


def _previous_visible(doc: Doc, position: int) -> Token:
    while position > 0 and doc[position].is_space:
        position -= 1
    return doc[position]


def _is_quote_cue(context: _Context, token: Token) -> bool:
    if token.lower_ == "according":
        return syntax.according_to(context.doc, token) is not None
    if syntax.is_as_put_it(token):
        return True
    return syntax.is_verb_cue(token, context.cues) and "quote" in context.cues.verb_frames(token.lemma_)


def _framed_draft(context: _Context, cue: Token, index: int) -> Draft | None:
    passage = context.passages[index]
    if cue.text[-1:] in _BYLINE_DASHES:
        source, cue_tokens = _name_after(cue), (cue.i, cue.i)
    elif cue.lower_ == "according":
        source, cue_tokens = syntax.according_to(context.doc, cue), (cue.i, cue.i + 1)
    else:
        source = (syntax.subject_of(cue, context.passage_of) or _name_before(context, cue, index)
                  or _name_after(cue) or _inverted_noun(context, cue, index) or _name_just_before(cue))
        source = _reporter_going_on(context, cue, source)
        cue_tokens = _cue_tokens(cue)
    if source is None or context.passage_of[source.i] >= 0 or context.blocked[source.i]:
        return None  # a word of the quote or a dateline ("CLEVELAND —") never speaks
    if abs(source.i - cue.i) > _FRAME_AFTER_TOKENS and not _far_subject(context, cue, source, index):
        return None
    start, end = passage.start, passage.end
    clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    first, last = _passage_tokens(context, index)
    if clause is not None and clause.left_edge.i <= first <= clause.right_edge.i:
        # reported speech that runs into the quote: "Vell says he is “ready to talk”"
        lo, hi = _clip(context, clause.left_edge.i, clause.right_edge.i, first, {cue.i, source.i})
        start, end = min(start, context.doc[lo].idx), max(end, context.doc[hi].idx + len(context.doc[hi]))
    elif cue.i > first:  # fronted reported speech before the quote: "Vell reportedly “is ...,” X said"
        lead = _frame(context, first - 1, -1, _FRAME_BEFORE_TOKENS)
        lead = lead[:next((n for n, t in enumerate(lead) if t.text in ("(", "[")), len(lead))]  # "... (“...,” X wrote)"
        if (sum(t.is_alpha for t in lead) >= 2 and not any(t.i == source.i for t in lead)
                and not any(context.claimed[t.i] or _is_quote_cue(context, t) for t in lead)):  # another's "she said"
            start = min(start, lead[-1].idx)
    return Draft(cue_tokens, source.i, [(start, end)])


def _far_subject(context: _Context, cue: Token, source: Token, index: int) -> bool:
    """A speaker far from the cue is its parsed subject, or all that stands between the quote
    and the cue after it."""
    if source.i == getattr(syntax.subject_of(cue, context.passage_of), "i", None):
        return True
    _, last = _passage_tokens(context, index)
    subject = _long_subject(context, cue, context.doc[last + 1:cue.i]) if cue.i > last else None
    return subject is not None and subject.i == source.i


def _reporter_going_on(context: _Context, cue: Token, source: Token | None) -> Token | None:
    """"Vell said he was tired and added, “...”", "Vell said Rinn “...,” adding, “...”": the parser
    put the cue inside the reported clause, or in a clause coordinated with it ("Vell announced
    that A and that B, calling it ..."); the reporter goes on speaking."""
    reported = cue.head
    while reported.dep_ == "conj" and reported.head.i < reported.i:
        reported = reported.head
    if source is None or source.head.i == cue.i or reported.dep_ != "ccomp":
        return source
    going_on = (cue.dep_ == "conj" and source.pos_ == "PRON"
                or cue.dep_ == "advcl" and cue.tag_ == "VBG" and cue.i > reported.i)  # "..., adding"
    if not going_on or not syntax.is_verb_cue(reported.head, context.cues):
        return source
    return syntax.subject_of(reported.head, context.passage_of) or source


def _name_before(context: _Context, cue: Token, index: int) -> Token | None:
    """The first name or pronoun between a quote and the cue after it, when the parser tied the
    speaker elsewhere: “...,” Vell, a party veteran, said Thursday."""
    _, last = _passage_tokens(context, index)
    return next((t for t in context.doc[last + 1:cue.i] if t.pos_ in ("PROPN", "PRON", "NOUN")
                 and t.ent_type_ not in _WHEN), None)


def _name_after(token: Token) -> Token | None:
    """The last word of the name right after an epigraph dash ("” ― Ana Vell") or an inverted
    cue the parser gave no subject ("said engineer Tova Rinn")."""
    doc = token.doc
    start = next((t.i for t in doc[token.i + 1:token.i + 5] if t.pos_ == "PROPN" and t.ent_type_ not in _WHEN),
                 None)
    if start is None:
        return None
    while start + 1 < len(doc) and doc[start + 1].pos_ == "PROPN" and doc[start + 1].ent_type_ not in _WHEN:
        start += 1
    return doc[start]


def _inverted_noun(context: _Context, cue: Token, index: int) -> Token | None:
    """“...?” asked the boy: right after a quote, the noun after the cue is its speaker, however
    the parser read it."""
    _, last = _passage_tokens(context, index)
    if cue.i <= last or not all(t.is_punct or t.is_space for t in context.doc[last + 1:cue.i]):
        return None
    return next((c for c in cue.rights if c.dep_ in ("dobj", "nsubj", "attr") and c.pos_ == "NOUN"
                 and c.i - cue.i <= 3), None)


def _name_just_before(cue: Token) -> Token | None:
    """A name set off by commas right before a cue the parser gave no subject: "In a statement,
    her adviser, Ana Vell, said: “...”"."""
    position = cue.i - 1
    while position >= 0 and cue.doc[position].text == ",":
        position -= 1
    token = cue.doc[position] if position >= 0 else None
    return token if token is not None and token.pos_ == "PROPN" and token.ent_type_ not in _WHEN else None


def _passage_tokens(context: _Context, index: int) -> tuple[int, int]:
    passage = context.passages[index]
    span = context.doc.char_span(passage.start, passage.end, alignment_mode="expand")
    return span.start, span.end - 1


# --- parse pass: cue words with their content clause --------------------------------------------

def _parse_pass(context: _Context, used_cues: set[int]) -> list[Draft]:
    drafts = []
    for token in context.doc:
        if context.blocked[token.i] or context.passage_of[token.i] >= 0 or token.i in used_cues:
            continue
        draft = (_verb_draft(context, token) or _noun_draft(context, token) or _according_draft(context, token)
                 or _participle_draft(context, token))
        if draft is not None:
            drafts.append(draft)
    return drafts


def _verb_draft(context: _Context, cue: Token) -> Draft | None:
    if not syntax.is_verb_cue(cue, context.cues):
        return None
    frames = context.cues.verb_frames(cue.lemma_)
    relative = _relative_draft(context, cue)
    if relative is not None:
        return relative
    heads = syntax.content_heads(cue, frames)
    source = _reporter_going_on(context, cue, syntax.subject_of(cue, context.passage_of) or _name_tied_elsewhere(cue))
    if source is None or context.passage_of[source.i] >= 0 or context.blocked[source.i]:
        return None
    if not heads:
        if "quote" not in frames:
            return None
        return _as_draft(context, cue, source) or _parenthetical_draft(context, cue, source)
    first = min(h.left_edge.i for h in heads)
    last = max(h.right_edge.i for h in heads)
    last = _before_own_cue(context, first, last)
    content = _content_range(context, *_clip(context, first, last, heads[0].i, {cue.i, source.i}))
    if content is None:
        return None
    return Draft(_cue_tokens(cue), source.i, [content], speech="quote" in frames)


def _participle_draft(context: _Context, verb: Token) -> Draft | None:
    """A participle after a cue that goes on to a new act ("“...,” Vell said, going on to compare
    the plans. “...”") is an attribution of its own, and the quote in or right after it is its."""
    cue = verb.head
    if (verb.tag_ != "VBG" or verb.dep_ != "advcl" or cue.i > verb.i or verb.doc[verb.i - 1].text != ","
            or syntax.is_verb_cue(verb, context.cues) or not _is_quote_cue(context, cue)):
        return None
    act, last = verb, verb
    while act is not None:  # "going on to compare": the cue runs to the verb of the act
        last = max([act, *(c for c in act.children if c.dep_ == "prt")], key=lambda t: t.i)
        act = next((c for c in act.children if c.dep_ == "xcomp" and c.pos_ == "VERB" and c.i > last.i), None)
        if act is not None and syntax.is_verb_cue(act, context.cues):
            return None  # "going on to say that ...": the cue verb reads its own content
    if last.pos_ != "VERB" or last.i == verb.i:
        return None  # "..., referring to the treaty" glosses the quote it follows; no new act
    first_content, last_content = _clip(context, last.i + 1, verb.right_edge.i, last.i + 1, set())
    if not _quote_in_or_after(context, first_content, last_content):
        return None
    content = _content_range(context, first_content, last_content)
    source = syntax.subject_of(verb, context.passage_of)
    if content is None or source is None:
        return None
    return Draft((verb.i, last.i), source.i, [content], speech=True)


def _quote_in_or_after(context: _Context, first: int, last: int) -> bool:
    """A quoted passage inside tokens [first, last] or opening the next sentence of the paragraph."""
    doc = context.doc
    if first > last:
        return False
    if any(context.passage_of[i] >= 0 for i in range(first, last + 1)):
        return True
    following = doc[last].sent.end
    while following < len(doc) and doc[following].is_space and "\n" not in doc[following].text:
        following += 1
    return following < len(doc) and context.passage_of[following] >= 0


def _name_tied_elsewhere(cue: Token) -> Token | None:
    """A name right before a cue the parser gave no subject, having tied it to the clause before:
    "When the rebels are named as part of the war, Vell and Tarr call them “bandits”"."""
    if cue.i == 0 or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in cue.children):
        return None
    before = cue.doc[cue.i - 1]
    named = before if before.dep_ != "conj" else before.head  # "Vell and Tarr": Vell's entity type
    return before if before.pos_ == "PROPN" and named.ent_type_ in _NEW_SPEAKER_ENTITIES else None


def _before_own_cue(context: _Context, first: int, last: int) -> int:
    """"said it was opposed and warned Vell to stop", "accused them of being “duped” and urged
    voters to ...", "said it hit the marchers, whom he described as ...", "indicated he would
    curb critics, vowing to ...": a cue conjoined inside the content, heading a relative clause or
    a participle clause of its own, has its own content."""
    for token in context.doc[first:last + 1]:
        if token.dep_ == "conj" and first <= token.head.i < token.i and syntax.is_verb_cue(token, context.cues):
            return token.left_edge.i - 1
        if (token.tag_ == "VBG" and token.dep_ == "advcl" and first < token.i and token.doc[token.i - 1].text == ","
                and syntax.is_verb_cue(token, context.cues)):  # "..., vowing to ...": a participle cue of its own
            return token.i - 1
        if first < token.left_edge.i and token.dep_ == "relcl" and _relative_cue_subject(context, token) is not None:
            return token.left_edge.i - 1
    return last


def _relative_cue_subject(context: _Context, cue: Token) -> Token | None:
    """The subject of a cue heading a relative clause about its object: "the plan, which Vell
    called “a con”", "the marchers, whom he described as ..."."""
    if not syntax.is_verb_cue(cue, context.cues) or not _relative_with_subject(cue):
        return None
    return next(c for c in cue.children if c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP"))


def _relative_with_subject(verb: Token) -> bool:
    """A relative clause whose relative word is an object and whose subject is its own: "the
    plan, which Vell called ...", or a free relative naming something: "what Vell called “...”"."""
    if not any(c.dep_ in ("dobj", "pobj") and c.tag_ in ("WDT", "WP") for c in verb.children):
        return False
    if not any(c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP") for c in verb.children):
        return False
    return verb.dep_ == "relcl" or any(c.dep_ in ("oprd", "xcomp") and c.i > verb.i for c in verb.children)


def _relative_draft(context: _Context, cue: Token) -> Draft | None:
    source = _relative_cue_subject(context, cue)
    if source is None or context.passage_of[source.i] >= 0:
        return None
    first_source, last_source = syntax.mention_bounds(source)
    contents = _around(context, cue.left_edge.i, cue.right_edge.i, min(first_source, cue.i), max(last_source, cue.i))
    return Draft(_cue_tokens(cue), source.i, contents) if contents else None


def _parenthetical_draft(context: _Context, cue: Token, source: Token) -> Draft | None:
    """An attribution set off by commas inside or after its content: "The plant, Vell said, will
    close." / "The plant will close, said Vell." The content is the rest of the sentence."""
    doc = context.doc
    first_source, last_source = syntax.mention_bounds(source)
    # the source's apposition or relative clause describes the speaker: "said Vell, head of the port."
    last_source = max([last_source] + [c.right_edge.i for c in source.rights if c.dep_ in ("appos", "relcl", "acl")])
    first, last = min(first_source, cue.i), max(last_source, cue.i)
    for child in cue.rights:  # "said on Friday", "said in a statement"
        if child.i == last + 1 and child.dep_ in ("advmod", "npadvmod", "prep"):
            last = child.right_edge.i
    if first < 2 or last + 1 >= len(doc) or doc[first - 1].text != "," or doc[last + 1].text not in ",.;":
        return None
    parts = [_content_range(context, *_clip(context, 0, first - 2, first - 2, set()))]
    if doc[last + 1].text == ",":
        parts.append(_content_range(context, *_clip(context, last + 2, len(doc) - 1, last + 2, set())))
    contents = [part for part in parts if part is not None]
    return Draft(_cue_tokens(cue), source.i, contents) if contents else None


def _noun_draft(context: _Context, noun: Token) -> Draft | None:
    if noun.pos_ != "NOUN" or noun.lemma_ not in context.cues.nouns:
        return None
    clause = syntax.noun_clause(noun)
    source = syntax.noun_source(noun) if clause is not None else None
    if source is None or source.pos_ == "PRON" and source.lower_ in ("its", "their", "it"):
        return None
    content = _content_range(context, *_clip(context, clause.left_edge.i, clause.right_edge.i, clause.i,
                                             {noun.i, source.i}))
    return Draft((noun.i, noun.i), source.i, [content], speech=False) if content else None


def _according_draft(context: _Context, token: Token) -> Draft | None:
    source = syntax.according_to(context.doc, token)
    if source is None:
        return None
    clause = syntax.clause_of(token)
    phrase_first, phrase_last = token.left_edge.i, token.right_edge.i
    clause_first, clause_last = clause.left_edge.i, clause.right_edge.i
    comma = _opening_phrase_comma(token)
    if comma is not None and clause.i <= comma:  # a misparse: "According to X, REST." vouches for REST
        phrase_last, clause_last = comma, token.sent.end - 1
        if token.doc[comma - 1].pos_ in ("PROPN", "NOUN"):  # X ends where its comma is
            source = token.doc[comma - 1]
    contents = _around(context, clause_first, clause_last, phrase_first, phrase_last)
    return Draft((token.i, token.i + 1), source.i, contents) if contents else None


def _as_draft(context: _Context, cue: Token, source: Token) -> Draft | None:
    """"As the Caller reported, ...", "The deal, as Vell noted, will ...": the cue vouches for the
    clause it modifies."""
    if cue.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        return None
    clause = cue.head
    contents = _around(context, clause.left_edge.i, clause.right_edge.i, cue.left_edge.i, cue.right_edge.i)
    return Draft(_cue_tokens(cue), source.i, contents) if contents else None


def _around(context: _Context, clause_first: int, clause_last: int, phrase_first: int,
            phrase_last: int) -> list[tuple[int, int]]:
    """The contents of a clause on either side of the attributing phrase inside it."""
    parts = []
    if clause_first < phrase_first:
        parts.append(_content_range(context, *_clip(context, clause_first, phrase_first - 1,
                                                     phrase_first - 1, set())))
    if phrase_last < clause_last:
        parts.append(_content_range(context, *_clip(context, phrase_last + 1, clause_last,
                                                    phrase_last + 1, set())))
    return [part for part in parts if part is not None]


def _opening_phrase_comma(token: Token) -> int | None:
    """The comma that ends a phrase opening its sentence ("According to Vell, ...")."""
    if token.i != token.sent.start:
        return None
    return next((t.i for t in token.doc[token.i + 1:token.sent.end] if t.text == ","), None)


def _clip(context: _Context, first: int, last: int, anchor: int, excluded: set[int]) -> tuple[int, int]:
    """The stretch of [first, last] around `anchor` that stays in the anchor's sentence and takes
    nothing that a framed quote, the cue or its source already holds."""
    doc = context.doc

    def stops(i: int) -> bool:
        token = doc[i]
        if i in excluded or context.claimed[i] or "\n" in token.text:
            return True
        if context.passage_of[i] < 0:
            return token.text in _SENTENCE_END or token.text == ":" or _act_after_quote(doc, i)
        # a quote that ends its sentence ends the clause too: “... too late.” Vell ...
        return _is_mark(token) and i > 0 and doc[i - 1].text in _SENTENCE_END

    if not first <= anchor <= last or stops(anchor):
        return anchor, anchor - 1
    low, high = anchor, anchor
    while low > first and not stops(low - 1):
        low -= 1
    while high < last and not stops(high + 1):
        high += 1
    return low, high


def _cue_tokens(cue: Token) -> tuple[int, int]:
    particle = next((c for c in cue.rights if c.dep_ == "prt" and c.i == cue.i + 1), None)
    return cue.i, particle.i if particle is not None else cue.i


def _content_range(context: _Context, first: int, last: int) -> tuple[int, int] | None:
    """Characters of tokens [first, last] without edge punctuation, or None when nothing is left.
    Punctuation just before a closing quotation mark stays with the quote."""
    doc = context.doc
    while first <= last and _is_edge(doc[first]) and not _is_mark(doc[first]):
        first += 1
    while last >= first and _is_edge(doc[last]) and not _is_mark(doc[last]):
        last -= 1
    if first > last or any(context.blocked[first:last + 1]):
        return None
    if not any(t.is_alpha for t in doc[first:last + 1]):
        return None
    return doc[first].idx, doc[last].idx + len(doc[last])


def _is_edge(token: Token) -> bool:
    return token.is_punct or token.is_space or token.lower_ in ("and", "but")


def _is_mark(token: Token) -> bool:
    return token.is_quote or token.text in ("''", "``")


# --- passage pass: quotes with no cue of their own -----------------------------------------------

def _passage_pass(context: _Context, drafts: list[Draft], homes: list[Draft | None]) -> None:
    contents = _Contents(drafts)  # widening a holder to a passage never changes which hold a later one
    for index, passage in enumerate(context.passages):
        if homes[index] is None:
            homes[index] = _holder(contents.overlapping(passage.start, passage.end), passage)
    for index, passage in enumerate(context.passages):
        if homes[index] is not None or _is_scare_or_title(context, index):
            continue  # a scare quote inside reported speech was taken by its holder above
        home = _transcript_line(context, index)
        if home is not None:
            drafts.append(home)
            homes[index] = home
            continue
        home = _next_in_paragraph(context, homes, index)
        if home is None and _set_off(context, index):
            home = _introduced_in_sentence(context, drafts, index)
        home = home or _previous_speech(context, drafts, passage)
        if home is not None:
            home.contents.append((passage.start, passage.end))
            homes[index] = home
    for index, passage in enumerate(context.passages):
        if homes[index] is None and not _is_title(context, index):
            home = _embedding_clause(context, index)
            if home is not None:
                # “disgusting” and “a con” in one clause, or an object the parse pass read:
                # one attribution per cue
                home = _merge_same_cue(drafts, home)
            homes[index] = home
    for index, passage in enumerate(context.passages):
        if homes[index] is None and _is_quoted_clause(context, index):
            homes[index] = _uncued_draft(context, drafts, homes, index)
            if not drafts or homes[index] is not drafts[-1]:
                drafts.append(homes[index])


def _set_off(context: _Context, index: int) -> bool:
    """Quoted words set off from what comes before them by a comma or colon: “..., ” a man
    yelled, “...”, or Vell fired back: “...”."""
    first, _ = _passage_tokens(context, index)
    return first > 0 and _previous_visible(context.doc, first - 1).text in (",", ":")


def _introduced_in_sentence(context: _Context, drafts: list[Draft], index: int) -> Draft | None:
    """The clause before the quote in its own sentence introduces it ("Rubio fired back
    forcefully: “...”", "to which a man yelled, “...”"), before any earlier speaker goes on."""
    introduced = _colon_intro(context, index) or _speaker_before_in_sentence(context, index)
    if introduced is None:
        return None
    verb, source = introduced
    same = next((d for d in drafts if d.cue is not None and d.cue[0] == verb.i), None)
    if same is not None:
        # "released a statement: “...”": what the colon announces is the quote, not "a statement"
        colon = _previous_visible(context.doc, _passage_tokens(context, index)[0] - 1)
        same.contents = [(s, e) for s, e in same.contents if not (colon.text == ":" and e == colon.idx)]
        return same
    draft = Draft(_cue_tokens(verb), source.i, [], speech=True)
    drafts.append(draft)
    return draft


def _merge_same_cue(drafts: list[Draft], draft: Draft) -> Draft:
    """One cue, one attribution: a draft of the same cue and source takes this content in,
    joined to the content of the same clause ("called Vell “a fraud” and someone who “lies”")."""
    same = next((d for d in drafts if d.cue == draft.cue and d.source == draft.source), None)
    if same is None:
        drafts.append(draft)
        return draft
    start, end = draft.contents[0]
    position = min(range(len(same.contents)), key=lambda p: abs(same.contents[p][0] - start))
    s, e = same.contents[position]
    same.contents[position] = (min(s, start), max(e, end))
    return same


def _transcript_line(context: _Context, index: int) -> Draft | None:
    """A transcript line, “VELL: We will ...”: the capitalised name before the colon speaks."""
    doc = context.doc
    first, last = _passage_tokens(context, index)
    words = [t for t in doc[first:min(last, first + _MAX_SPEAKER_LABEL) + 1] if not _is_mark(t) and not t.is_space]
    colon = next((position for position, t in enumerate(words) if t.text == ":"), None)
    if not colon or not all(t.is_upper or t.is_punct for t in words[:colon]):
        return None
    name = words[colon - 1]
    if not name.is_alpha or colon + 1 >= len(words):
        return None
    passage = context.passages[index]
    return Draft((words[colon].i, words[colon].i), name.i, [(words[colon + 1].idx, passage.end)], speech=True)


def _is_quoted_clause(context: _Context, index: int) -> bool:
    """Quoted words that make a clause of their own (a verb and a few words around it) are
    somebody's speech even when no cue introduces them; labels and titles are not."""
    if _is_scare_or_title(context, index):
        return False
    first, last = _passage_tokens(context, index)
    tokens = context.doc[first:last + 1]
    words = sum(t.is_alpha for t in tokens)
    # a sentence's own punctuation inside the marks tells speech from a long title ("“Orange is the New Black”")
    punctuated = any(t.text in _SENTENCE_END or t.text == "," for t in tokens)
    return (words >= _MIN_CLAUSE_WORDS and any(t.pos_ in ("VERB", "AUX") for t in tokens)
            and (punctuated or words >= _MAX_TITLE_WORDS))


def _uncued_draft(context: _Context, drafts: list[Draft], homes: list[Draft | None], index: int) -> Draft:
    """A quoted clause nothing introduces: the speaker of a colon-introduced line ("Stated Vell:",
    "Vell released a statement:"), else the quote just before it goes on, else the last speaker
    nearby, else nobody."""
    passage = context.passages[index]
    previous = homes[index - 1] if index > 0 else None
    if previous is not None and previous.cue is None and previous is drafts[-1]:
        gap = context.text[context.passages[index - 1].end:passage.start]
        if not gap.strip():  # "“A.” “B.”": one unintroduced stretch of speech
            previous.contents.append((passage.start, passage.end))
            return previous
    introduced = (_colon_intro(context, index) or _speaker_before_in_sentence(context, index)
                  or _subject_of_sentence_before(context, index))
    if introduced is not None:
        verb, source = introduced
        return Draft(_cue_tokens(verb), source.i, [(passage.start, passage.end)], speech=True)
    return Draft(None, None, [(passage.start, passage.end)], speech=True)


def _colon_intro(context: _Context, index: int) -> tuple[Token, Token] | None:
    """The verb and subject of the clause that a colon right before the passage ends:
    "Vell responded:", "Continued Vell:", "The council issued this statement:"."""
    doc = context.doc
    first, _ = _passage_tokens(context, index)
    if first < 2:
        return None
    colon = _previous_visible(doc, first - 1)
    if colon.text != ":" or context.blocked[colon.i]:
        return None
    last = _previous_visible(doc, colon.i - 1)
    # the clause the colon ends speaks first ("She was upset, so I had to answer:"), else the sentence's
    for verb in (_clause_verb(last), last.sent.root):
        if verb is None or verb.pos_ not in ("VERB", "AUX") or context.passage_of[verb.i] >= 0:
            continue
        source = syntax.subject_of(verb, context.passage_of) or _inverted_subject(verb) or _name_just_before(verb)
        if source is not None and _may_speak(context, source):
            return verb, source
    # "... doesn't surprise pollster Ana Vell:", "a blind faith in Vell's word:": the colon is the
    # cue and the nearest name before it the speaker
    source = _nearest_name_before(context, colon)
    return (colon, source) if source is not None else None


def _clause_verb(token: Token) -> Token | None:
    """The nearest verb that `token` hangs on (itself when it is one)."""
    while token.pos_ not in ("VERB", "AUX"):
        if token.head.i == token.i:
            return None
        token = token.head
    return token


def _nearest_name_before(context: _Context, colon: Token) -> Token | None:
    for token in reversed(colon.doc[colon.sent.start:colon.i]):
        if context.passage_of[token.i] >= 0 or context.blocked[token.i]:
            return None
        if token.ent_type_ in _NAMED_SPEAKERS or token.i in context.actor_tokens and token.pos_ == "PROPN":
            return token
    return None


def _inverted_subject(verb: Token) -> Token | None:
    """The name right after a fronted verb: "Continued Vell:"."""
    following = verb.nbor() if verb.i + 1 < len(verb.doc) else None
    return following if following is not None and following.pos_ == "PROPN" and following.head.i == verb.i else None


def _speaker_before_in_sentence(context: _Context, index: int) -> tuple[Token, Token] | None:
    """A passage inside its sentence belongs to the nearest verb before it whose subject can
    speak: "Vell shot back, “...”", "Vell said “...”" when the parser missed the link."""
    doc = context.doc
    first, _ = _passage_tokens(context, index)
    if first == 0:
        return None
    sentence_start = doc[first].sent.start
    for position in range(first - 1, sentence_start - 1, -1):
        token = doc[position]
        if context.passage_of[position] >= 0 or context.blocked[position] or "\n" in token.text:
            return None
        if token.pos_ == "VERB":
            source = syntax.subject_of(token, context.passage_of)
            if source is not None and _may_speak(context, source):
                return token, source
    return None


def _may_speak(context: _Context, token: Token) -> bool:
    """A named person or organisation, a personal pronoun, or a mention the actors stage resolved
    ("the judge", "a party spokesman")."""
    return token.i in context.actor_tokens or token.ent_type_ in _NEW_SPEAKER_ENTITIES or token.pos_ == "PRON" and token.lower_ in _SPEAKING_PRONOUNS


def _subject_of_sentence_before(context: _Context, index: int) -> tuple[Token, Token] | None:
    """A passage that opens its sentence speaks for whoever the sentence before it is about:
    "The judge interrupted me. “...”", "But Vell was relentless. “...”"."""
    doc = context.doc
    first, _ = _passage_tokens(context, index)
    if first == 0 or doc[first].sent.start < first and not _only_space(doc[doc[first].sent.start:first]):
        return None
    previous = _previous_visible(doc, first - 1)
    if context.passage_of[previous.i] >= 0 or context.blocked[previous.i]:
        return None
    verb = previous.sent.root
    source = syntax.subject_of(verb, context.passage_of)
    if verb.pos_ not in ("VERB", "AUX") or source is None or not _may_speak(context, source):
        return None
    return verb, source


def _only_space(tokens) -> bool:
    return all(t.is_space for t in tokens)


def _holder(drafts: list[Draft], passage: Passage) -> Draft | None:
    """The parsed attribution whose content overlaps the passage; it widens to take all of it."""
    holder = max(drafts, key=lambda d: d.overlap(passage.start, passage.end), default=None)
    if holder is None or not holder.overlap(passage.start, passage.end):
        return None
    for position, (start, end) in enumerate(holder.contents):
        if start < passage.end and passage.start < end:
            holder.contents[position] = (min(start, passage.start), max(end, passage.end))
            break
    return holder


def _embedding_clause(context: _Context, index: int) -> Draft | None:
    """Quoted words inside a clause whose subject is named take that subject as their source and
    the clause's verb as their cue: "Japan branded the North an “outlaw nation.”"."""
    doc = context.doc
    first, last = _passage_tokens(context, index)
    inside = [t for t in doc[first:last + 1] if not t.is_punct]
    if not inside or first == 0 or context.passage_of[first - 1] >= 0:
        return None
    head = inside[0]
    while first <= head.i <= last and head.head.i != head.i:
        head = head.head
    verb, branch = head, None
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb, branch = verb.head, verb
    # up to the main clause; an adverbial or coordinated clause with a subject of its own speaks
    # for itself ("Though she called it “outrageous,” Vell restricted her comments"), reported
    # speech does not ("Vell tweeted that Rinn was “a fraud”")
    while (verb.dep_ in _CLAUSE_LINKS and verb.head.pos_ in ("VERB", "AUX")
           and not _speaks_for_itself(context, verb)
           and not (verb.dep_ == "conj" and syntax.is_verb_cue(verb, context.cues))):  # "... and called it “...”"
        verb, branch = verb.head, verb
    if verb.pos_ not in ("VERB", "AUX") or first <= verb.i <= last or context.blocked[verb.i]:
        return None
    source = syntax.subject_of(verb, context.passage_of)
    if source is None or not (source.ent_type_ in _NEW_SPEAKER_ENTITIES or source.pos_ == "PRON"
                              and source.lower_ in _PERSON_PRONOUNS
                              or syntax.is_verb_cue(verb, context.cues) and _may_speak(context, source)):
        return None  # a scare quote in the narration of someone unnamed is no one's words
    low, high = (branch.left_edge.i, branch.right_edge.i) if branch is not None else _complements(verb)
    content = _content_range(context, *_clip(context, min(low, first), max(high, last), first, {verb.i, source.i}))
    passage = context.passages[index]
    if content is None:
        return None
    return Draft(_cue_tokens(verb), source.i, [(min(content[0], passage.start), max(content[1], passage.end))],
                 speech=False)


def _complements(verb: Token) -> tuple[int, int]:
    """The verb's objects and complements after it, without a coordinated or adverbial clause:
    "called Rinn “crazy” and said ..." holds "Rinn “crazy”"."""
    parts = [c for c in verb.rights if c.dep_ not in ("cc", "conj", "punct", "advcl", "mark", "parataxis")]
    if not parts:
        return verb.i + 1, verb.i
    return min(c.left_edge.i for c in parts), max(c.right_edge.i for c in parts)


def _act_after_quote(doc: Doc, position: int) -> bool:
    """A participle right after a closing quotation mark starts a new act: “... hypocrite,”
    linking to a story."""
    token = doc[position]
    before = position - 1
    if before > 0 and doc[before].text == ",":
        before -= 1
    return token.tag_ == "VBG" and token.dep_ in ("acl", "advcl") and before >= 0 and _is_closing(doc[before])


def _is_closing(token: Token) -> bool:
    return token.is_quote and token.i > 0 and not token.nbor(-1).is_space and token.text not in ("“", "``")


def _speaks_for_itself(context: _Context, verb: Token) -> bool:
    """An adverbial or coordinated clause with a subject of its own; a that-clause is reported."""
    if verb.dep_ not in ("advcl", "conj") or any(c.lower_ == "that" for c in verb.children if c.i < verb.i):
        return False
    subject, outer = syntax.subject_of(verb, context.passage_of), syntax.subject_of(verb.head, context.passage_of)
    return subject is not None and (outer is None or subject.i != outer.i)


def _is_title(context: _Context, index: int) -> bool:
    """“Face the Nation,” “The Long Road Home”: a few words, all capitalised."""
    first, last = _passage_tokens(context, index)
    tokens = context.doc[first:last + 1]
    if any(t.text == "!" for t in tokens):
        return False  # “Marco! Marco!” is chanted, not a title
    words = [t for t in tokens if t.is_alpha]
    return 2 <= len(words) <= _MAX_TITLE_WORDS and all(w.text[0].isupper() or w.lower_ in _TITLE_SMALL_WORDS
                                                       for w in words)


def _is_scare_or_title(context: _Context, index: int) -> bool:
    if _is_title(context, index):
        return True
    first, last = _passage_tokens(context, index)
    tokens = context.doc[first:last + 1]
    if any(t.text in _SENTENCE_END or t.text == "," for t in tokens):
        return False  # “Ready?” and “Never,” are answers, not labels
    return sum(t.is_alpha for t in tokens) < _MIN_QUOTE_WORDS


def _next_in_paragraph(context: _Context, homes: list[Draft | None], index: int) -> Draft | None:
    """A quote that opens a paragraph takes the attribution of the passage that follows it at
    once ("“A.” “B,” Vell said."), and a paragraph left open goes on in the next one."""
    text = context.text
    for later in range(index + 1, len(context.passages)):
        previous = context.passages[later - 1]
        gap = text[previous.end:context.passages[later].start]
        if gap.strip() or "\n" in gap and previous.closed:
            return None
        if homes[later] is not None:
            return homes[later]
    return None


def _previous_speech(context: _Context, drafts: list[Draft], passage: Passage) -> Draft | None:
    """The speaker goes on when the narration since their last words introduces nobody new."""
    doc = context.doc
    ends = ((d.end(doc), d) for d in drafts if d.contents)  # each draft's end computed once
    before = [(end, d) for end, d in ends if end <= passage.start]
    if not before:
        return None
    previous_end, previous = max(before, key=lambda pair: pair[0])
    if _introduced_anew(context, previous, passage):
        return None
    if not previous.speech or passage.start - previous_end > _CONTINUATION_GAP:
        return None
    # names in the attribution's own sentence ("told CNN's Ana Vell") introduce no new speaker
    gap_start = previous_end
    if previous.cue is not None:
        gap_start = max(gap_start, doc[previous.cue[1]].sent.end_char)
    gap = doc.char_span(gap_start, passage.start, alignment_mode="contract")
    if gap is not None and any(ent.label_ in _NEW_SPEAKER_ENTITIES for ent in gap.ents):
        return None
    return previous


def _introduced_anew(context: _Context, previous: Draft, passage: Passage) -> bool:
    """A colon in narration after the previous attribution's sentence introduces something new:
    "The transcript follows:", "She was upset, so I had to answer: “...”"."""
    doc = context.doc
    span = doc.char_span(passage.start, passage.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    colon = _previous_visible(doc, span.start - 1)
    if colon.text != ":" or context.passage_of[colon.i] >= 0:
        return False
    return previous.cue is None or doc[previous.cue[0]].sent.start != colon.sent.start


# --- records -----------------------------------------------------------------------------------

def _nested(draft: Draft, contents: _Contents, doc: Doc) -> bool:
    """An attribution reported inside another's content is part of that content (PolNeAR-style
    univocal reading): "Vell said the council believes that ..." is one attribution."""
    if draft.cue is None:
        return False
    return any(other is not draft for other in contents.holding(doc[draft.cue[0]].idx))


class _Contents:
    """The content ranges of drafts, sorted, to find those holding a character in about
    constant time: a long document's quotes are looked up without a scan of all of them."""

    def __init__(self, drafts: list[Draft]):
        ranges = sorted((start, end, index) for index, d in enumerate(drafts) for start, end in d.contents)
        self.drafts = drafts
        self.starts = [start for start, _, _ in ranges]
        self.ranges = ranges
        self.reach = list(itertools.accumulate((end for _, end, _ in ranges), max))  # furthest end so far

    def holding(self, offset: int) -> list[Draft]:
        return self.overlapping(offset, offset + 1)

    def overlapping(self, start: int, end: int) -> list[Draft]:
        """The drafts with content in [start, end), in their order."""
        found = set()
        at = bisect.bisect_left(self.starts, end) - 1
        while at >= 0 and self.reach[at] > start:  # earlier ranges all end before `start`
            first, last, index = self.ranges[at]
            if last > start and first < end:
                found.add(index)
            at -= 1
        return [self.drafts[index] for index in sorted(found)]


def _to_quotes(context: _Context, resolved: ResolvedActors, drafts: list[Draft]) -> list[Quote]:
    doc, text = context.doc, context.text
    drafts.sort(key=lambda d: min(s for s, _ in d.contents))
    quotes: list[Quote] = []
    last_speaker: str | None = None
    for draft in drafts:
        contents = [Span(s, e, text[s:e]) for s, e in sorted(set(draft.contents))]
        source_span, speaker = None, None
        if draft.source is not None:
            first, last = _source_bounds(context, draft.source)
            speaker = _speaker(doc, resolved, draft.source, first, last, last_speaker)
            relative = _relative_source(context, draft)
            source_span = _span(context, first, last) if relative is None else _span(context, relative.i, relative.i)
        cue = _span(context, *draft.cue) if draft.cue is not None else None
        audience_token = syntax.audience_of(doc[draft.cue[0]]) if draft.cue is not None else None
        if audience_token is not None and audience_token.i == draft.source:
            audience_token = None  # “...?” asked the boy: the one asking, not the one asked
        audience = _span(context, *syntax.mention_bounds(audience_token)).text if audience_token is not None else None
        quotes.append(Quote(f"Q{len(quotes) + 1}", _kind(context, contents), contents, cue, source_span, speaker,
                            audience))
        last_speaker = speaker or last_speaker
    return quotes


def _relative_source(context: _Context, draft: Draft) -> Token | None:
    """"Vell, who said ...": the source as written is "who"; the speaker is still Vell."""
    if draft.cue is None:
        return None
    cue = context.doc[draft.cue[0]]
    subject = syntax.subject_of(cue, context.passage_of)
    return syntax.relative_pronoun(cue, context.passage_of) if subject is not None and subject.i == draft.source else None


def _source_bounds(context: _Context, head: int) -> tuple[int, int]:
    first, last = syntax.mention_bounds(context.doc[head])
    while first < head and (context.passage_of[first] >= 0 or context.doc[first].is_punct):
        first += 1
    return first, last


def _span(context: _Context, first: int, last: int) -> Span:
    doc = context.doc
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    return Span(start, end, context.text[start:end])


def _kind(context: _Context, contents: list[Span]) -> QuoteKind:
    """direct: nothing but quoted passages (and "that"); mixed: reported speech holding quoted
    words; indirect: no quotation marks."""
    doc = context.doc
    quoted = unquoted = False
    for content in contents:
        for token in doc.char_span(content.start, content.end, alignment_mode="expand") or ():
            if context.passage_of[token.i] >= 0:
                quoted = True
            elif token.is_alpha and token.lower_ not in _CONTENT_GLUE:
                unquoted = True
    if quoted:
        return "mixed" if unquoted else "direct"
    return "indirect"


def _speaker(doc: Doc, resolved: ResolvedActors, head: int, first: int, last: int,
             last_speaker: str | None) -> str | None:
    """The actor of the source mention; a pronoun the actors stage left open falls back to the
    nearest person actor before it, then to the last speaker."""
    for index in [head, *range(first, last + 1)]:
        actor_id = resolved.token_actor.get(index)
        if actor_id is not None:
            return actor_id
    pointed = _pointed_to(doc[head])
    if pointed is not None and pointed.i in resolved.token_actor:
        return resolved.token_actor[pointed.i]
    if doc[head].pos_ != "PRON":
        return None
    return _nearest_actor_before(doc, resolved, head) or last_speaker


def _pointed_to(head: Token) -> Token | None:
    """The name a source no actor stands for points to: its apposition ("One of the authors, Ana
    Vell, said") or the author of the text it is ("said a statement posted by the ministry")."""
    for child in head.children:
        if child.dep_ == "appos":
            return child
        if child.dep_ == "acl" and child.tag_ == "VBN":
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
            author = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if author is not None:
                return author
    return None


def _nearest_actor_before(doc: Doc, resolved: ResolvedActors, position: int) -> str | None:
    """The nearest earlier subject that can be "he"/"she" (a person) or "it"/"they"/"we"
    (anything but a person)."""
    types = {"person"} if doc[position].lower_ in _PERSON_PRONOUNS else {"organization", "country", "group"}
    for index in range(position - 1, max(-1, position - _PRONOUN_WINDOW), -1):
        actor = resolved.at_token(index)
        if actor is not None and actor.type in types and doc[index].dep_ == "nsubj":
            return actor.id
    return None
