"""Time: the publication date, date expressions resolved against it, events placed in time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from spacy.tokens import Doc, Span as SpacySpan, Token

from brink.errors import UserError
from brink.events.constructions import framed
from brink.events.lexicon import word_list
from brink.records import Event, EventTime


def normalise_published(value: str | None, origin: str = "input") -> str | None:
    """`YYYY-MM-DD` from a date, an ISO date-time (VOA's `2025-03-14 20:30:26Z`) or an RSS
    (RFC 2822) date; None for None or blank. Raises UserError for anything else."""
    if value is None or not str(value).strip():
        return None
    raw = str(value).strip()
    try:
        return dt.datetime.fromisoformat(raw.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(raw).date().isoformat()
    except (TypeError, ValueError, IndexError):
        raise UserError(f"{origin}: bad date {raw!r} (expected YYYY-MM-DD)") from None


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3}
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365, "decade": 3652}
DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
CURRENT_WINDOW = dt.timedelta(days=7)  # "yesterday" and "on Monday" are still news, "last month" is not
BACKGROUND_CUES = frozenset(("past", "previous", "earlier", "recent", "ago", "since", "former", "once"))
FUTURE_AUX = frozenset(("will", "shall", "'ll"))
BACKGROUND_ADVERBS = frozenset(("once", "previously", "formerly"))
TEMPORAL_MARKS = frozenset(("when", "after", "before", "while", "as", "once", "until"))
# Modifiers that put an event noun in the background: "previous sanctions", "the former ban".
BACKGROUND_MODIFIERS = frozenset(("previous", "former", "earlier", "past", "prior", "erstwhile"))
DATE_LINKS = frozenset(("npadvmod", "advmod", "pobj", "poss", "compound", "tmod", "nmod", "amod", "nummod"))
REPORTING_VERBS = frozenset(word_list("reporting_verbs"))
CLIMB_LINKS = frozenset(("pobj", "prep", "dobj", "nsubj", "nsubjpass", "attr", "compound", "appos", "conj",
                         "xcomp", "pcomp", "relcl", "acl"))


@dataclass(frozen=True)
class Period:
    """A resolved date expression: its text, the ISO form it can be given in, and its first and
    last day."""

    text: str
    iso: str | None
    first: dt.date | None
    last: dt.date | None


def resolve(events: list[Event], doc: Doc, published: str | None) -> list[Event]:
    """Fill `date`, `date_text` and `time` of each event from the date expressions of its clause,
    resolved against the publication date, and from its tense."""
    anchor = dt.date.fromisoformat(published) if published else None
    dates: dict[int, list[SpacySpan]] = {}  # by sentence: a date attaches within its own sentence
    for ent in doc.ents:
        if ent.label_ == "DATE":
            dates.setdefault(ent.root.sent.start, []).append(ent)
    for event in events:
        trigger = _token_at(doc, event.trigger.start)
        if trigger is None:
            continue
        in_sentence = dates.get(trigger.sent.start, [])
        ent = _date_of(trigger, in_sentence) or _reported_date(trigger, in_sentence)
        period = _resolve_expression(ent, trigger, anchor) if ent is not None else None
        if period is not None:
            event.date_text = period.text
            event.date = period.iso
        event.time = _place(trigger, period, anchor)
        if event.time == "current":  # plans and schedules are ahead, legends and anniversaries behind
            event.time = framed(trigger, "time") or "current"
    return events


def _token_at(doc: Doc, offset: int) -> Token | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _date_of(trigger: Token, dates: list) -> SpacySpan | None:
    """The date expression of the trigger's clause: attached to the trigger, to the nouns and
    verbs above it up to its clause (through infinitives and relative clauses, not across a
    reporting verb), to their subjects, or to the trigger's own infinitive complement, directly
    or through a time of day ("Friday night"); the nearest wins."""
    chain = _clause_chain(trigger)
    holders = {}
    for distance, node in enumerate(chain):
        holders.setdefault(node.i, distance)
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass") or (node == trigger and child.dep_ == "xcomp"):
                holders.setdefault(child.i, distance + 0.5)
    best, best_distance = None, None
    for ent in dates:
        head = ent.root.head if ent.root.dep_ == "pobj" else ent.root
        if head.dep_ == "compound" and head.head.ent_type_ == "TIME":
            head = head.head  # "Friday night", "Monday morning": the day dates what the time of day does
        if ent.root.i in holders and ent.root != trigger:  # "in 2013, when rebels seized power": a clause on the date
            distance = holders[ent.root.i]
        elif head.dep_ not in DATE_LINKS and head.dep_ != "prep" or head.i in holders:
            continue
        else:
            distance = holders.get(head.head.i)
        if distance is not None and (best_distance is None or distance < best_distance):
            best, best_distance = ent, distance
    return best


def _reported_date(trigger: Token, dates: list) -> SpacySpan | None:
    """ "In December, X announced it was cutting ties": an act reported in the simple past or
    the past progressive happens when it is reported, so it takes the reporting verb's date."""
    verb = _verb_of(trigger)
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in REPORTING_VERBS:
        return None
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if not (verb.tag_ == "VBD" and not auxes or verb.tag_ == "VBG" and auxes & {"was", "were"}):
        return None
    return _date_of(verb.head, dates)


def _clause_chain(trigger: Token) -> list[Token]:
    chain = [trigger]
    node = trigger
    while (node.dep_ in CLIMB_LINKS or _is_temporal_clause(node)) and node.head != node:
        link, below, node = node.dep_, node, node.head
        chain.append(node)
        same_tense = link == "conj" and below.tag_ == node.tag_  # "seized power and forced X out" in one year
        if node.pos_ in ("VERB", "AUX") and link not in ("xcomp", "pcomp", "prep", "pobj", "advcl") and not same_tense:
            break
    return chain


def _is_temporal_clause(node: Token) -> bool:
    """ "in 2013, when rebels seized power", "soured in 2010 after commandos stormed ...", "passed
    the strait last year, irritating China", "offered in 2018 to pay ... to invite her": a
    when/after/before clause, a participle or a purpose infinitive happens at the time of the
    clause it modifies."""
    if node.dep_ != "advcl":
        return False
    marks = [c for c in node.children if c.dep_ in ("advmod", "mark", "aux", "nsubj", "nsubjpass")]
    if any(c.dep_ in ("advmod", "mark") and c.lower_ in TEMPORAL_MARKS for c in marks):
        return True
    if any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in marks):
        return False  # "because ...", "if ...", or a clause with its own subject
    return node.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in marks)


def _resolve_expression(ent: SpacySpan, trigger: Token, anchor: dt.date | None) -> Period | None:
    words = [t.lower_ for t in ent if not t.is_punct]
    text = ent.text
    years = [int(w) for w in words if w.isdigit() and len(w) == 4 and 1800 < int(w) < 2200]
    if any(w in BACKGROUND_CUES for w in words) and anchor is None:
        return Period(text, None, None, None)
    if anchor is None:
        if years:
            return Period(text, str(years[0]), dt.date(years[0], 1, 1), dt.date(years[0], 12, 31))
        return None
    for word, offset in DAY_OFFSETS.items():
        if word in words:
            day = anchor + dt.timedelta(days=offset)
            return Period(text, day.isoformat(), day, day)
    if "ago" in words:
        return _ago(text, words, anchor)
    if "week" in words or "month" in words or "year" in words:
        period = _relative_unit(text, words, anchor)
        if "earlier" in words:  # "earlier this year": the part of it before today
            return Period(text, period.iso, period.first, min(period.last, anchor - dt.timedelta(days=1)))
        return period
    month = next((MONTHS.index(w) + 1 for w in words if w in MONTHS), None)
    if month is not None:
        return _calendar(text, words, month, years, trigger, anchor)
    weekday = next((WEEKDAYS.index(w) for w in words if w in WEEKDAYS), None)
    if weekday is not None:
        return _weekday(text, words, weekday, trigger, anchor)
    if years:
        return Period(text, str(years[0]), dt.date(years[0], 1, 1), dt.date(years[0], 12, 31))
    span = _decade_or_century(words)
    if span is not None:
        return Period(text, None, *span)
    if any(w in BACKGROUND_CUES for w in words):
        return Period(text, None, None, anchor - dt.timedelta(days=30))
    return None


def _decade_or_century(words: list[str]) -> tuple[dt.date, dt.date] | None:
    """ "the 1990s" -> 1990-1999; "the 19th century", "the 19th and early 20th centuries" -> the
    whole span the expression names."""
    decades = [int(w[:4]) for w in words if len(w) == 5 and w.endswith("s") and w[:4].isdigit()]
    if decades:
        return dt.date(min(decades), 1, 1), dt.date(max(decades) + 9, 12, 31)
    if not any(w.startswith("centur") for w in words):
        return None
    centuries = [int(w[:-2]) for w in words if w[:-2].isdigit() and w[-2:] in ("st", "nd", "rd", "th")]
    centuries = [c for c in centuries if 2 <= c <= 21]
    if not centuries:
        return None
    return dt.date((min(centuries) - 1) * 100, 1, 1), dt.date(max(centuries) * 100 - 1, 12, 31)


def _ago(text: str, words: list[str], anchor: dt.date) -> Period | None:
    amount = next((int(w) if w.isdigit() else NUMBER_WORDS[w] for w in words
                   if w.isdigit() or w in NUMBER_WORDS), 1)
    unit = next((UNIT_DAYS[w.rstrip("s")] for w in words if w.rstrip("s") in UNIT_DAYS), None)
    if unit is None:
        return None
    day = anchor - dt.timedelta(days=amount * unit)
    if unit >= 365:
        return Period(text, str(day.year), dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))
    return Period(text, day.isoformat(), day, day)


def _relative_unit(text: str, words: list[str], anchor: dt.date) -> Period | None:
    step = 1 if "next" in words or "coming" in words else -1 if "last" in words or "past" in words else 0
    if "week" in words:
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=step)
        return Period(text, monday.isoformat(), monday, monday + dt.timedelta(days=6))
    if "month" in words:
        year, month = divmod(anchor.year * 12 + anchor.month - 1 + step, 12)
        first = dt.date(year, month + 1, 1)
        last = dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - dt.timedelta(days=1)
        return Period(text, first.isoformat()[:7], first, last)
    year = anchor.year + step
    return Period(text, str(year), dt.date(year, 1, 1), dt.date(year, 12, 31))


def _calendar(text: str, words: list[str], month: int, years: list[int], trigger: Token,
              anchor: dt.date) -> Period | None:
    days = [int(w.rstrip("stndrh")) for w in words if w.rstrip("stndrh").isdigit() and len(w.rstrip("stndrh")) <= 2]
    year = years[0] if years else anchor.year
    if not years:  # the nearest such month in the direction the tense points
        future = _is_future(trigger)
        if future and month < anchor.month:
            year += 1
        elif not future and month > anchor.month:
            year -= 1
    try:
        if days:
            day = dt.date(year, month, days[0])
            return Period(text, day.isoformat(), day, day)
        first = dt.date(year, month, 1)
    except ValueError:
        return None
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return Period(text, first.isoformat()[:7], first, last)


def _weekday(text: str, words: list[str], weekday: int, trigger: Token, anchor: dt.date) -> Period:
    if "next" in words or ("last" not in words and _is_future(trigger)):
        ahead = (weekday - anchor.weekday()) % 7 or 7
        day = anchor + dt.timedelta(days=ahead)
    else:
        day = anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)
        if "last" in words and day == anchor:
            day -= dt.timedelta(days=7)
    return Period(text, day.isoformat(), day, day)


def _verb_of(trigger: Token) -> Token:
    node = trigger
    while node.pos_ not in ("VERB", "AUX") and node.head != node:
        node = node.head
    return node


def _is_future(trigger: Token) -> bool:
    verb = _verb_of(trigger)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in FUTURE_AUX for a in auxes):
        return True
    going = verb.head if verb.dep_ == "xcomp" else None
    if going is not None and going.lemma_ == "go" and going.tag_ == "VBG":
        return True
    return False


def _once_and_for_all(token: Token) -> bool:
    return token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "and"


def _is_past_perfect(trigger: Token) -> bool:
    """ "had attacked", "had been exchanging barbs", "had been looking to repair ties", "once
    lamented": told as background to the news."""
    verb = _verb_of(trigger)
    while True:
        if any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children) and verb.tag_ in ("VBN", "VBG"):
            return True
        if any(c.dep_ == "advmod" and c.lower_ in BACKGROUND_ADVERBS and not _once_and_for_all(c) for c in verb.children):
            return True
        if verb.dep_ != "xcomp" or verb.head == verb:
            return False
        verb = verb.head


def _is_background_noun(trigger: Token) -> bool:
    return trigger.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "amod" and c.lower_ in BACKGROUND_MODIFIERS
                                                    for c in trigger.children)


def _place(trigger: Token, period: Period | None, anchor: dt.date | None) -> EventTime:
    """current / past / future from the resolved date, else from tense and background cues."""
    if period is not None and anchor is not None:
        if period.last is not None and period.last < anchor - CURRENT_WINDOW:
            return "past"
        if period.iso and len(period.iso) < 10 and period.last is not None and period.last < anchor:
            return "past"  # a month or year that is over: "last month", "in 2021"
        if period.first is not None and period.first > anchor:
            return "future"
        if period.first is not None or period.last is not None:
            return "current"
    if period is not None and period.iso is None:
        return "past"  # "over the past two decades", without a publication date
    if period is not None and anchor is None and period.last is not None:
        return "past"
    if _is_past_perfect(trigger) or _is_background_noun(trigger):
        return "past"
    if _is_future(trigger):
        return "future"
    return "current"
