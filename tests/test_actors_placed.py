"""Described groups with no country of their own ("officials", "police", "militants") take the
country the text places them in: their clause, else their sentence, else the story's dominant
country (sentences written for brink)."""

from __future__ import annotations

from brink.actors import resolve
from brink.actors.knowledge import SECTORS, word_list
from brink.records import Actor


def actor_at(nlp, text: str, surface: str, nth: int = 1) -> Actor | None:
    doc = nlp(text)
    resolved = resolve(doc, "2024-05-01")
    start = -1
    for _ in range(nth):
        start = text.index(surface, start + 1)
    span = doc.char_span(start, start + len(surface), alignment_mode="expand")
    return resolved.at_token(span.end - 1)


def code(nlp, text: str, surface: str, nth: int = 1) -> str | None:
    actor = actor_at(nlp, text, surface, nth)
    return actor.code if actor else None


def test_armed_group_takes_the_country_it_acts_in(nlp):
    text = "Militants ambushed a convoy in Sindh province on Friday."
    assert code(nlp, text, "Militants") == "PAKREB"


def test_officials_take_the_place_of_their_sentence(nlp):
    text = "Gunmen stormed a school in Mombasa overnight, officials said."
    assert code(nlp, text, "officials") == "KENGOV"
    assert code(nlp, text, "Gunmen") == "KENREB"


def test_a_dateline_places_the_police_of_the_story(nlp):
    text = "LAGOS, Nigeria — Police detained four protesters on Sunday."
    assert code(nlp, text, "Police") == "NGACOP"


def test_without_a_place_in_the_sentence_the_dominant_country_places_them(nlp):
    text = ("Floods cut roads across Bangladesh this week. Rivers rose in Sylhet and in Bangladesh's north. "
            "Security forces evacuated thousands of families, the authorities said.")
    assert code(nlp, text, "Security forces") == "BGDCOP"
    assert code(nlp, text, "authorities") == "BGDGOV"


def test_a_country_of_its_own_wins_over_where_it_is(nlp):
    text = "Chilean officials visited a mine in Peru."
    assert code(nlp, text, "officials") == "CHLGOV"


def test_an_adjective_places_no_one(nlp):
    # "Turkish" qualifies the drones; it says nothing about where the officials are
    text = "Officials said Turkish drones were sold abroad."
    assert code(nlp, text, "Officials") is None


def test_no_leading_country_leaves_the_group_uncoded(nlp):
    text = "Talks in Oslo and in Bern went on. Officials said nothing."
    assert code(nlp, text, "Officials") is None


def test_civilians_are_not_placed_by_this_convention(nlp):
    text = "Passengers were stranded in Lahore for hours."
    actor = actor_at(nlp, text, "Passengers")
    assert actor is not None and actor.country is None


def test_placed_sectors_are_cameo_sectors():
    assert set(word_list("placed_sectors")) <= SECTORS


def test_an_adjective_in_a_place_phrase_places_the_group(nlp):
    text = "Kenyan officials said the raid was planned by militants hiding on Somali soil."
    assert code(nlp, text, "militants") == "SOMREB"


def test_an_indefinite_officer_is_placed_as_a_group_is(nlp):
    text = "A police officer was wounded in Peshawar on Monday."
    assert code(nlp, text, "officer") == "PAKCOP"
