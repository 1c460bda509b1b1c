"""Date expressions resolved against the publication date; events placed in time."""

from __future__ import annotations

import pytest

from brink import time
from brink.records import Event, Span, TextRange

PUBLISHED = "2022-01-07"  # a Friday


def placed(nlp, text, trigger, published=PUBLISHED):
    doc = nlp(text)
    start = text.index(trigger)
    event = Event("E1", "040", "CONSULT", 1.0, 1, None, None, None, None,
                  Span(start, start + len(trigger), trigger), TextRange(0, len(text)))
    return time.resolve([event], doc, published)[0]


@pytest.mark.parametrize("text, trigger, date, when", [
    ("The ministers will meet next week.", "meet", "2022-01-10", "future"),
    ("The ministers met on Monday.", "met", "2022-01-03", "current"),
    ("The ministers will meet on Monday.", "meet", "2022-01-10", "future"),
    ("The ministers met last month.", "met", "2021-12", "past"),
    ("The army invaded the province in 2014.", "invaded", "2014", "past"),
    ("The army invaded the province two decades ago.", "invaded", "2002", "past"),
    ("The ministers met yesterday.", "met", "2022-01-06", "current"),
])
def test_dates_resolve_against_publication(nlp, text, trigger, date, when):
    event = placed(nlp, text, trigger)
    assert (event.date, event.time) == (date, when)
    assert event.date_text


def test_background_period_without_a_date_is_past(nlp):
    event = placed(nlp, "Over the past two decades, the army invaded two provinces.", "invaded")
    assert event.time == "past" and event.date is None


def test_past_perfect_is_background(nlp):
    assert placed(nlp, "The army had invaded the province before the talks.", "invaded").time == "past"


def test_plain_report_is_current(nlp):
    assert placed(nlp, "The army invaded the province.", "invaded").time == "current"


def test_nominal_trigger_takes_the_date_of_its_clause(nlp):
    event = placed(nlp, "A series of meetings has been scheduled for next week.", "meetings")
    assert (event.date, event.time) == ("2022-01-10", "future")


def test_no_publication_date_leaves_dates_open(nlp):
    event = placed(nlp, "The ministers will meet next week.", "meet", published=None)
    assert event.date is None and event.time == "future"


def test_normalise_published_is_unchanged():
    assert time.normalise_published("2025-03-14 20:30:26Z") == "2025-03-14"


def test_a_date_on_the_subject_dates_the_event(nlp):
    event = placed(nlp, "The worst attack, in 2009, killed dozens of people.", "killed")
    assert (event.date, event.time) == ("2009", "past")


def test_an_infinitive_shares_the_date_of_its_frame(nlp):
    event = placed(nlp, "In 2018, the ministers agreed to meet again.", "meet")
    assert (event.date, event.time) == ("2018", "past")


def test_a_when_clause_shares_the_date_of_its_clause(nlp):
    event = placed(nlp, "Relations soured in 2010 after Norland commandos stormed a ship.", "stormed")
    assert (event.date, event.time) == ("2010", "past")


def test_a_clause_on_the_date_and_its_conjunct_take_that_date(nlp):
    text = "The country descended into chaos in 2013 when rebels seized power and forced the president out."
    assert [(placed(nlp, text, t).date, placed(nlp, text, t).time) for t in ("seized", "forced")] == [
        ("2013", "past"), ("2013", "past")]


def test_previous_sanctions_are_background(nlp):
    assert placed(nlp, "The economy still suffers from previous sanctions.", "sanctions").time == "past"


def test_a_participle_and_a_purpose_clause_share_the_date_of_their_clause(nlp):
    text = "Norland warships crossed the strait in 2019, angering Spain, and sailed in 2020 to test the defences."
    assert [placed(nlp, text, t).date for t in ("angering", "test")] == ["2019", "2020"]


def test_past_perfect_progressive_and_once_are_background(nlp):
    assert placed(nlp, "Norland had been looking to repair ties with Spain.", "repair").time == "past"
    assert placed(nlp, "A Norland poet once lamented the war.", "lamented").time == "past"
    assert placed(nlp, "Norland must stop detaining migrants once and for all.", "detaining").time == "current"


def test_a_year_before_an_event_noun_dates_it(nlp):
    event = placed(nlp, "A trial opened over the 2004 bombing of a Norland base.", "bombing")
    assert (event.date, event.time) == ("2004", "past")


@pytest.mark.parametrize("text, trigger", [
    ("The army seized the capital in the 1990s.", "seized"),
    ("The empire annexed the northern provinces during the 19th and early 20th centuries.", "annexed"),
])
def test_a_decade_or_a_century_is_the_past(nlp, text, trigger):
    event = placed(nlp, text, trigger)
    assert event.time == "past" and event.date is None and event.date_text


def test_earlier_this_year_is_past(nlp):
    assert placed(nlp, "Norland was sanctioned by Spain earlier this year.", "sanctioned").time == "past"


def test_an_act_reported_in_the_past_takes_the_date_of_its_report(nlp):
    event = placed(nlp, "In November, Norland announced it was cutting ties with Spain.", "cutting")
    assert (event.date, event.time) == ("2021-11", "past")
