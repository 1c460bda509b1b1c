"""Pronouns -> the most recent compatible actor, with quotation context: a narrator's pronoun
never resolves through a quote, first-person pronouns inside a quote are the speaker's, and a
third-person pronoun inside a quote is never the speaker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

if TYPE_CHECKING:
    from brink.actors.resolve import Draft, Resolution

_MASCULINE = frozenset({"he", "him", "his", "himself"})
_FEMININE = frozenset({"she", "her", "hers", "herself"})
_PERSONAL = _MASCULINE | _FEMININE
_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
_NEUTER = frozenset({"it", "its", "itself"})
_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"})
_OPENING = frozenset({"“", "«", "``"})
_CLOSING = frozenset({"”", "»", "''"})
_EMPTY_VERBS = frozenset({"be", "have", "seem", "appear", "take", "remain", "happen", "matter", "rain", "mean"})
_SPEAKER_WINDOW = 8  # tokens after a closing quote in which "..., Blinken said" names the speaker
_SENTENCES_BACK = 2  # how far back "it" and "they" may look, and "he"/"she" for a subject
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def quote_regions(doc: Doc) -> list[int]:
    """For each token, the number of the quotation it lies in (-1 outside). An unclosed
    quotation ends with its paragraph, as news style leaves it open across paragraphs."""
    region = [-1] * len(doc)
    current, count = -1, 0
    for token in doc:
        text = token.text
        if "\n" in text or (token.i and "\n" in doc[token.i - 1].whitespace_):
            current = -1
        if text in _OPENING or (text == '"' and current == -1):
            current, count = count, count + 1
            region[token.i] = current
            continue
        if text in _CLOSING or text == '"':
            region[token.i] = current
            current = -1
            continue
        region[token.i] = current
    return region


def resolve_pronouns(state: Resolution) -> None:
    doc = state.doc
    region = quote_regions(doc)
    sentence = _sentence_numbers(doc)
    narrator = [(i, d) for i, d in sorted(state.token_draft.items()) if region[i] == -1]
    for token in doc:
        word = token.lower_
        if region[token.i] == -1 and token.i not in state.token_draft and word in (_PERSONAL | _PLURAL | _NEUTER) \
                and token.pos_ == "PRON" and token.i not in state.blocked:
            draft = _antecedent(state, narrator, token.i, word, sentence, exclude=None)
            if draft is not None:
                state.mention(draft, token.i, token.i + 1)
                narrator.append((token.i, draft))
                narrator.sort(key=lambda pair: pair[0])
    speakers = _speakers(state, region)
    every = sorted(state.token_draft.items())
    for token in doc:
        quote = region[token.i]
        if quote == -1 or token.i in state.token_draft or token.pos_ != "PRON":
            continue
        speaker = speakers.get(quote)
        word = token.lower_
        if word in _FIRST_PERSON:
            if speaker is not None:
                state.mention(speaker, token.i, token.i + 1)
        elif word in (_PERSONAL | _PLURAL | _NEUTER):
            draft = _antecedent(state, every, token.i, word, sentence, exclude=speaker)
            if draft is not None:
                state.mention(draft, token.i, token.i + 1)


def _sentence_numbers(doc: Doc) -> list[int]:
    numbers = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            numbers[i] = n
    return numbers


def _antecedent(state: Resolution, mentions: list[tuple[int, Draft]], at: int, word: str, sentence: list[int],
                exclude: Draft | None) -> Draft | None:
    token = state.doc[at]
    if word in ("it", "itself") and (token.dep_ not in ("nsubj", "nsubjpass") or token.head.lemma_ in _EMPTY_VERBS
                                     or token.head.lower_ in ("'s", "’s")):
        return None  # "it has to be", "it's part of": no actor
    reporter = _reporting_subject(state, at)
    if reporter is not None and reporter is not exclude and _compatible(word, reporter):
        return reporter
    subject = _recent_subject(state, mentions, at, word, sentence, exclude)
    if subject is not None:
        return subject
    for i, draft in reversed(mentions):
        if i >= at:
            continue
        if word not in _PERSONAL and sentence[at] - sentence[i] > _SENTENCES_BACK:
            return None
        if draft is exclude:
            continue
        if _compatible(word, draft):
            return draft
    return None


def _recent_subject(state: Resolution, mentions: list[tuple[int, Draft]], at: int, word: str, sentence: list[int],
                    exclude: Draft | None) -> Draft | None:
    """"Vell said Tarr's plan failed. “...,” she said.": a subject "he"/"she" (or "it", "they")
    continues, in the nearest sentence naming a compatible actor, the one who was its subject,
    over a name only owned or acted on there."""
    if word not in _PERSONAL | {"it", "they"} or state.doc[at].dep_ not in _SUBJECTS:
        return None
    by_sentence: dict[int, list[tuple[int, Draft]]] = {}
    for i, draft in mentions:
        if i < at and sentence[at] - sentence[i] <= _SENTENCES_BACK and draft is not exclude and _compatible(word, draft):
            by_sentence.setdefault(sentence[i], []).append((i, draft))
    if not by_sentence:
        return None
    nearest = by_sentence[max(by_sentence)]
    subjects = [draft for i, draft in nearest if _heads_a_subject(state.doc[i])]
    return subjects[-1] if subjects else nearest[-1][1]


def _heads_a_subject(token) -> bool:
    """The name itself is a subject ("Ana Vell said"), not a modifier of one ("the Vell
    administration said")."""
    while token.dep_ in ("compound", "flat") and token.head != token and token.head.pos_ == "PROPN":
        token = token.head
    return token.dep_ in _SUBJECTS


def _reporting_subject(state: Resolution, at: int) -> Draft | None:
    """"Militants loyal to X said they ...": the subject of a clause's governing verb is the
    pronoun subject's first candidate, before anyone named in between."""
    token = state.doc[at]
    if token.dep_ not in ("nsubj", "nsubjpass") or token.head.dep_ != "ccomp":
        return None
    governor = token.head.head
    subject = next((c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < at), None)
    return state.token_draft.get(subject.i) if subject is not None else None


def _gender(word: str) -> str | None:
    return "M" if word in _MASCULINE else "F" if word in _FEMININE else None


def _compatible(word: str, draft: Draft) -> bool:
    """he/she: a person of that gender or of none known (an imported agent noun may name an
    institution: "the kingdom", "the newspaper"); they: a group; it: a body or country."""
    if word in _PERSONAL:
        return draft.type == "person" and not draft.imported and draft.gender in (None, _gender(word))
    if word in _PLURAL:
        return draft.type in ("group", "organization")
    return draft.type in ("organization", "country") and not draft.key.startswith("place:")  # a city is no "it"


def _speakers(state: Resolution, region: list[int]) -> dict[int, Draft]:
    """The speaker of each quotation: the actor named right after it ("..." Blinken said), else
    before it in the same sentence (Blinken said: "..."), else the speaker of the quotation
    before it in the same paragraph."""
    doc = state.doc
    spans: dict[int, list[int]] = {}
    for i, quote in enumerate(region):
        if quote != -1:
            spans.setdefault(quote, []).append(i)
    speakers: dict[int, Draft] = {}
    previous: tuple[int, Draft] | None = None
    for quote, tokens in sorted(spans.items()):
        start, end = tokens[0], tokens[-1] + 1
        speaker = _actor_after(state, region, end) or _actor_before(state, region, start)
        if speaker is None and previous is not None and not _paragraph_break(doc, previous[0], start):
            speaker = previous[1]
        if speaker is not None:
            speakers[quote] = speaker
            previous = (end, speaker)
    return speakers


def _actor_after(state: Resolution, region: list[int], end: int) -> Draft | None:
    doc = state.doc
    sentence_end = doc[end - 1].sent.end if end - 1 < len(doc) else end
    for i in range(end, min(end + _SPEAKER_WINDOW, len(doc), max(sentence_end, end + 3))):
        if region[i] != -1 or "\n" in doc[i].text:
            break
        draft = state.token_draft.get(i)
        if draft is not None and draft.type in ("person", "group", "organization"):
            return draft
    return None


def _actor_before(state: Resolution, region: list[int], start: int) -> Draft | None:
    doc = state.doc
    if start == 0:
        return None
    sentence_start = doc[start].sent.start
    for i in range(start - 1, sentence_start - 1, -1):
        if region[i] != -1:
            break
        draft = state.token_draft.get(i)
        if draft is not None and draft.type in ("person", "group", "organization"):
            return draft
    return None


def _paragraph_break(doc: Doc, end: int, start: int) -> bool:
    return any("\n" in doc[i].text_with_ws for i in range(max(end - 1, 0), start))
