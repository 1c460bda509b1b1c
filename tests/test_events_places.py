"""Places in events: where an untargeted act happens is what it is done to, an unnamed doer's
place stands for it, a state's domestic act is done to its own country, and an ethnic community
is coded by the country it lives in.

Actors are resolved by hand (a city counts as a country-type actor of its country, as the actors
stage files places), so each test holds only what the events stage controls."""

from __future__ import annotations

from brink import events
from brink.records import Actor, ResolvedActors, Span


def analyse(nlp, text, actors):
    """`actors` maps a name in the text to (type, country, sector)."""
    doc = nlp(text)
    resolved = ResolvedActors()
    for name, (kind, country, sector) in actors.items():
        start = text.index(name)
        actor = Actor(f"A{len(resolved.actors) + 1}", name, kind, country, sector, None, None,
                      [Span(start, start + len(name), name)])
        resolved.actors.append(actor)
        for token in doc:
            if start <= token.idx < start + len(name):
                resolved.token_actor[token.i] = actor.id
    names = {a.id: a.name for a in resolved.actors}
    return [(e.plover, names.get(e.source), names.get(e.target)) for e in events.extract(doc, resolved, [], [])]


NORLAND = ("country", "NRL", None)
LISBON = ("country", "PRT", None)
PORTUGUESE_GOVERNMENT = ("organization", "PRT", "GOV")


def test_untargeted_act_is_done_to_the_place_where_it_happens(nlp):
    found = analyse(nlp, "Norland opened a trade office in Lisbon on Monday.",
                    {"Norland": NORLAND, "Lisbon": LISBON})
    assert found[0][1:] == ("Norland", "Lisbon")


def test_meeting_place_is_only_a_venue(nlp):
    found = analyse(nlp, "Norland held talks in Lisbon on Monday.", {"Norland": NORLAND, "Lisbon": LISBON})
    assert found and all(target is None for _, _, target in found)


def test_curfew_in_a_city_of_the_own_country_targets_that_city(nlp):
    found = analyse(nlp, "The Portuguese government extended the curfew in Lisbon.",
                    {"Portuguese government": PORTUGUESE_GOVERNMENT, "Lisbon": LISBON})
    assert found[0][1:] == ("Portuguese government", "Lisbon")


def test_state_lifting_its_own_emergency_acts_on_its_own_country(nlp):
    found = analyse(nlp, "The Portuguese government lifted the state of emergency on Friday.",
                    {"Portuguese government": PORTUGUESE_GOVERNMENT})
    assert found[0] == ("CONCEDE", "Portuguese government", "Portuguese government")


def test_state_does_not_sign_deals_with_itself(nlp):
    found = analyse(nlp, "The Portuguese government signed the deal on Friday.",
                    {"Portuguese government": PORTUGUESE_GOVERNMENT})
    assert all(target is None for _, _, target in found)


def test_place_stands_for_the_unnamed_doer_of_violence(nlp):
    found = analyse(nlp, "A car bomb near the town of Braga killed three Spanish tourists.",
                    {"Braga": LISBON, "Spanish tourists": ("group", "ESP", "CVL")})
    assert ("ASSAULT", "Braga", "Spanish tourists") in found
    assert all(kind != "ACCUSE" for kind, _, _ in found)


def test_ethnic_community_is_coded_by_the_country_it_lives_in(nlp):
    found = analyse(nlp, "Hundreds of ethnic Spaniards demonstrated in Norland on Tuesday.",
                    {"Spaniards": ("group", "ESP", "CVL"), "Norland": NORLAND})
    assert found[0] == ("PROTEST", "Norland", "Norland")


def test_visitors_keep_their_own_country(nlp):
    found = analyse(nlp, "Spanish tourists demonstrated in Norland on Tuesday.",
                    {"Spanish tourists": ("group", "ESP", "CVL"), "Norland": NORLAND})
    assert found[0][1] == "Spanish tourists"


def test_violence_against_a_community_targets_its_country_of_residence(nlp):
    found = analyse(nlp, "Norland troops killed four ethnic Spaniards in a gunbattle in northern Lisbon.",
                    {"Norland troops": ("organization", "NRL", "MIL"), "Spaniards": ("group", "ESP", "CVL"),
                     "Lisbon": LISBON})
    assert found[0][1:] == ("Norland troops", "Lisbon")


def test_purpose_clause_shares_the_place_of_the_verb_it_serves(nlp):
    found = analyse(nlp, "Norland sent ten experts to Lisbon to investigate the spill.",
                    {"Norland": NORLAND, "Lisbon": LISBON})
    assert any(source == "Norland" and target == "Lisbon" for _, source, target in found)


def test_a_group_named_as_people_of_a_country_is_coded_by_it(nlp):
    found = analyse(nlp, "The Spaniards of northern Norland demanded autonomy from the Norland government.",
                    {"Spaniards": ("group", "ESP", "CVL"), "Norland": NORLAND,
                     "Norland government": ("organization", "NRL", "GOV")})
    assert found[0][:2] == ("REQUEST", "Norland")


def test_untargeted_protest_at_home_is_aimed_at_the_protesters_country(nlp):
    found = analyse(nlp, "Norland opposition parties organized a general strike on Monday.",
                    {"Norland opposition parties": ("group", "NRL", "OPP")})
    assert found[0] == ("PROTEST", "Norland opposition parties", "Norland opposition parties")


def test_a_when_clause_gives_the_place_of_the_event(nlp):
    found = analyse(nlp, "Two Spanish militants killed nine people when they blew up a bus in Lisbon.",
                    {"Spanish militants": ("group", "ESP", "REB"), "Lisbon": LISBON})
    assert found[0][1:] == ("Spanish militants", "Lisbon")


def test_a_partitive_apposition_does_not_replace_the_head(nlp):
    found = analyse(nlp, "Norland paid compensation to 60 elderly Portuguese nationals, most of the dockers, for lost "
                         "assets.", {"Norland": NORLAND, "Portuguese": ("country", "PRT", None),
                                     "dockers": ("group", "ESP", "CVL")})
    assert found[0][1:] == ("Norland", "Portuguese")


def test_a_stranded_preposition_shares_the_next_conjuncts_object(nlp):
    found = analyse(nlp, "Norland has established diplomatic ties with and opened an embassy in Lisbon.",
                    {"Norland": NORLAND, "Lisbon": LISBON})
    assert found[0][1:] == ("Norland", "Lisbon")


def test_killings_in_a_place_by_unnamed_hands_have_no_source(nlp):
    found = analyse(nlp, "Forty militants have been killed in Lisbon since May.", {"Lisbon": LISBON})
    assert found and all(source is None for _, source, _ in found)


def test_a_curfew_imposed_in_a_country_is_that_states(nlp):
    found = analyse(nlp, "Shop owners complained about the nightly curfew imposed in Lisbon.", {"Lisbon": LISBON})
    assert ("COERCE", "Lisbon", "Lisbon") in found
