"""Kinds of construction found missing by a new user on the seed article, as sentences of our
own: each would fail if its kind broke."""

from __future__ import annotations

from test_events_constructions import COUNTRIES, events_of, resolve_by_hand

from brink import events
from brink.records import Quote, Span

ALLIANCE = {**COUNTRIES, "the Alliance": "IGOALL"}


def coded(found):
    return [(e.plover, s, t, e.factuality) for e, s, t in found]


def test_cautioning_against_an_attitude_is_no_threat(nlp):
    found = events_of(nlp, "Norland cautioned against an excess of optimism about Spain.")
    assert not any(plover == "THREATEN" for plover, *_ in coded(found))


def test_a_possessed_threat_is_asserted_though_its_management_is_in_doubt(nlp):
    found = events_of(nlp, "Spain asked whether Norland's threats against France could be contained.")
    assert ("THREATEN", "Norland", "France", "asserted") in coded(found)


def test_a_demand_of_members_of_an_alliance_is_aimed_at_the_alliance(nlp):
    found = events_of(nlp, "Norland's demand that European members of the Alliance scale back their forces "
                           "worried France.", ALLIANCE)
    assert any(p == "REQUEST" and s == "Norland" and t == "the Alliance" for p, s, t, _ in coded(found))


def test_an_indictment_of_a_leaders_conduct_is_criticism_of_him(nlp):
    found = events_of(nlp, "France prefaced the talks with a long indictment of Norland's hostility toward Spain.")
    assert any(p == "ACCUSE" and s == "France" and t == "Norland" for p, s, t, _ in coded(found))


def test_a_report_of_an_attack_is_the_attack_not_the_reporters_accusation(nlp):
    found = coded(events_of(nlp, "France said Norland attacked Spain."))
    assert found == [("ASSAULT", "Norland", "Spain", "asserted")]


def test_the_victim_that_reports_an_attack_accuses_the_attacker(nlp):
    found = coded(events_of(nlp, "Spain said Norland attacked Spain's troops."))
    assert ("ACCUSE", "Spain", "Norland", "asserted") in found


def quoted(nlp, text, speaker):
    """Events of a text whose opening quotation (up to the closing mark) is `speaker`'s."""
    doc = nlp(text)
    resolved = resolve_by_hand(doc, COUNTRIES)
    by_name = {a.name: a for a in resolved.actors}
    end = text.index("”") + 1
    quote = Quote("Q1", "direct", [Span(0, end, text[:end])], None, None, by_name[speaker].id)
    names = {a.id: a.name for a in resolved.actors}
    return [(e.plover, names.get(e.source), names.get(e.target)) for e in events.extract(doc, resolved, [quote], [])]


def test_a_speakers_own_words_on_hostile_conduct_accuse(nlp):
    found = quoted(nlp, "“Norland’s aggressive actions undermine the security of Spain,” said France.", "France")
    assert ("ACCUSE", "France", "Norland") in found


def test_mutual_acts_of_several_parties_give_one_event_per_pair(nlp):
    found = coded(events_of(nlp, "Norland, Spain and France met in Rome."))
    pairs = {(s, t) for p, s, t, _ in found if p == "CONSULT"}
    assert pairs == {("Norland", "Spain"), ("Norland", "France"), ("Spain", "France")}


def test_a_material_act_comes_before_the_report_of_it(nlp):
    found = coded(events_of(nlp, "Spain complained that Norland had attacked Italy."))
    assert found[0][:3] == ("ASSAULT", "Norland", "Italy")


def test_an_act_told_twice_is_one_event_with_both_mentions(nlp):
    text = "Norland attacked Spain on Monday. Officials said Norland attacked Spain near the border."
    found = [e for e, _, _ in events_of(nlp, text)]
    merged = events.merge_retellings(found)
    attacks = [e for e in merged if e.plover == "ASSAULT"]
    assert len(attacks) == 1
    second = text.rindex("attacked")
    assert [m.trigger.start for m in attacks[0].mentions] == [second]
    assert attacks[0].trigger.start == text.index("attacked")


def test_the_code_comes_from_verb_object_and_particle_not_the_verb_alone(nlp):
    assert coded(events_of(nlp, "Spain conferred its highest honor on Norland."))[0][:3] == (
        "SUPPORT", "Spain", "Norland")
    assert coded(events_of(nlp, "Italy credited Spain for its role."))[0][:3] == ("SUPPORT", "Italy", "Spain")
    assert coded(events_of(nlp, "Spain conferred with Norland."))[0][:3] == ("CONSULT", "Spain", "Norland")


def test_a_first_person_subject_in_a_quote_is_its_speaker(nlp):
    assert ("REJECT", "Spain", "Norland") in quoted(nlp, "“We reject the allegations by Norland,” said Spain.", "Spain")


def test_keeping_or_raising_tariffs_and_a_trade_war_are_sanctions_not_fighting(nlp):
    for text, trigger in [("Norland kept new tariffs in place on Spain.", "kept"),
                          ("Norland doubled the tariff on Spain's steel.", "doubled"),
                          ("Norland ramped up its trade war with Spain.", "war")]:
        found = [(e.plover, s, t) for e, s, t in events_of(nlp, text) if e.trigger.text == trigger]
        assert found == [("SANCTION", "Norland", "Spain")], text


def test_breaking_up_a_cell_and_closing_outlets_are_coercion(nlp):
    assert [e.plover for e, _, _ in events_of(nlp, "Norland broke up a terrorist cell.")] == ["COERCE"]
    assert coded(events_of(nlp, "Norland closed 12 media outlets in Spain."))[0][:3] == ("COERCE", "Norland", "Spain")


def test_members_of_an_alliance_stand_for_it_when_the_parser_strands_the_of(nlp):
    alliance = {**COUNTRIES, "NATO": "IGOWSTNAT"}
    text = ("Norland’s demand that Western European members of NATO scale back their ties with the states that "
            "joined the alliance after the end of the war has raised fears about whether Spain can cope.")
    found = coded(events_of(nlp, text, alliance))
    assert any(p == "REQUEST" and s == "Norland" and t == "NATO" for p, s, t, _ in found), found
