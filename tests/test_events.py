"""Event extraction: triggers, arguments over the parse, factuality, claims, order.

Actors are resolved by hand here (the actors stage is tested on its own), so each test holds
only what the events stage controls."""

from __future__ import annotations

import pytest

from brink import events
from brink.records import Actor, Boilerplate, Quote, ResolvedActors, Span

COUNTRIES = {"France": "FRA", "Spain": "ESP", "Italy": "ITA", "Norland": "NRL", "Portugal": "PRT"}


def analyse(nlp, text, people=(), quotes=(), boilerplate=(), groups=None):
    """`groups` maps a group's name to its country ("Portuguese workers": "PRT")."""
    doc = nlp(text)
    resolved = ResolvedActors()
    names = {**{name: code for name, code in COUNTRIES.items()}, **{name: None for name in people}}
    for name, country in {**names, **(groups or {})}.items():
        start = text.find(name)
        if start < 0:
            continue
        kind = "group" if name in (groups or {}) else "person" if country is None else "country"
        actor = Actor(f"A{len(resolved.actors) + 1}", name, kind,
                      country, "GOV" if country is None else None, None, None, [Span(start, start + len(name), name)])
        resolved.actors.append(actor)
        for token in doc:
            if token.text in name.split() and text.count(name) >= 1 and _inside(token, text, name):
                resolved.token_actor[token.i] = actor.id
    found = events.extract(doc, resolved, list(quotes), list(boilerplate))
    names_by_id = {a.id: a.name for a in resolved.actors}
    return [(e, names_by_id.get(e.source), names_by_id.get(e.target)) for e in found]


def _inside(token, text, name):
    start = 0
    while (start := text.find(name, start)) >= 0:
        if start <= token.idx < start + len(name):
            return True
        start += len(name)
    return False


def first(found):
    event, source, target = found[0]
    return event.plover, source, target


def test_verb_trigger_takes_subject_and_object(nlp):
    assert first(analyse(nlp, "France attacked Spain on Tuesday.")) == ("ASSAULT", "France", "Spain")


def test_untargeted_protest_is_aimed_at_the_protesters_own_country(nlp):
    text = "Portuguese dockers went on strike on Monday, a week after Portugal raised fuel taxes."
    assert first(analyse(nlp, text, groups={"Portuguese dockers": "PRT"})) == ("PROTEST", "Portuguese dockers",
                                                                               "Portugal")


def test_untargeted_agreement_gets_no_home_target(nlp):
    text = "Portuguese dockers agreed on Monday to a new contract, a week after Portugal raised fuel taxes."
    assert first(analyse(nlp, text, groups={"Portuguese dockers": "PRT"}))[2] is None


def test_recipient_beats_an_actor_that_only_qualifies_the_object(nlp):
    text = "France is providing Spanish equipment to Portugal."
    found = analyse(nlp, text, groups={"Spanish": "ESP"})
    assert first(found)[1:] == ("France", "Portugal")


def test_participle_on_an_issued_statement_takes_the_issuer_as_source(nlp):
    text = "France issued a statement condemning Spain."
    assert first(analyse(nlp, text))[1:] == ("France", "Spain")


def test_main_verb_left_without_a_subject_takes_the_actors_before_it(nlp):
    text = "Following months of mediation by Oslo, the Spanish government and the rebels agreed to a ceasefire."
    assert first(analyse(nlp, text, groups={"Spanish government": "ESP"})) == ("AGREE", "Spanish government", None)


def test_passive_takes_the_agent_as_source(nlp):
    assert first(analyse(nlp, "Spain was attacked by France.")) == ("ASSAULT", "France", "Spain")


def test_light_verb_construction_is_coded_by_its_object(nlp):
    event, source, target = analyse(nlp, "France held talks with Spain in Lisbon.")[0]
    assert (event.plover, source, target) == ("CONSULT", "France", "Spain")


def test_imposed_sanctions_is_a_sanction_not_a_generic_imposition(nlp):
    event, source, target = analyse(nlp, "France imposed sanctions on Spain.")[0]
    assert (event.cameo, source, target) == ("163", "France", "Spain")


def test_nominal_trigger_takes_the_possessor_and_the_clause_subject(nlp):
    found = analyse(nlp, "France's demand that Spain withdraw its ships angered many.")
    assert ("REQUEST", "France", "Spain") in [(e.plover, s, t) for e, s, t in found]


def test_nominal_invasion_of_names_the_target(nlp):
    found = analyse(nlp, "Leaders in Italy condemned France's invasion of Spain.")
    assert ("ASSAULT", "France", "Spain") in [(e.plover, s, t) for e, s, t in found]


def test_coordinated_subjects_give_one_event_each(nlp):
    found = analyse(nlp, "France and Italy condemned Spain.")
    assert {(e.plover, s, t) for e, s, t in found} >= {("ACCUSE", "France", "Spain"), ("ACCUSE", "Italy", "Spain")}


def test_coordinated_objects_give_one_event_each(nlp):
    found = analyse(nlp, "France invaded Spain and Portugal.")
    assert {(s, t) for e, s, t in found if e.plover == "ASSAULT"} == {("France", "Spain"), ("France", "Portugal")}


def test_embedded_clause_is_claimed_by_the_speaker(nlp):
    found = analyse(nlp, "Minister Ana Vell said France attacked Spain.", people=["Ana Vell"])
    attack = next(e for e, s, t in found if e.plover == "ASSAULT")
    assert attack.claimed_by is not None and attack.source and attack.factuality == "asserted"
    assert [s for e, s, t in found if e.claimed_by is not None] == ["France"]


def test_quote_speaker_claims_the_events_inside_the_quote(nlp):
    text = "“France attacked Spain,” Ana Vell said."
    speaker_id = "A3"  # France, Spain, then Ana Vell
    quote = Quote("Q1", "direct", [Span(0, 24, text[:24])], None, None, speaker_id)
    found = analyse(nlp, text, people=["Ana Vell"], quotes=[quote])
    attack = next(e for e, s, t in found if e.plover == "ASSAULT")
    assert (attack.claimed_by, attack.quote) == (speaker_id, "Q1")


@pytest.mark.parametrize("text", [
    "France might attack Spain.",
    "France could attack Spain next year.",
    "No one should be surprised if France attacks Spain.",
    "Officials warned that France would attack Spain.",
])
def test_possibility_and_warnings_are_hypothetical(nlp, text):
    attack = next(e for e, s, t in analyse(nlp, text) if e.plover == "ASSAULT")
    assert attack.factuality == "hypothetical"


@pytest.mark.parametrize("text", ["France did not attack Spain.", "France never attacked Spain.",
                                  "France failed to attack Spain.", "France ruled out attacking Spain.",
                                  "Italy blocked the French attack on Spain."])
def test_negations_are_negated(nlp, text):
    attack = next(e for e, s, t in analyse(nlp, text) if e.plover == "ASSAULT")
    assert attack.factuality == "negated"


def test_refusing_to_yield_is_a_rejection(nlp):
    event, source, _ = analyse(nlp, "France will not compromise on its borders.")[0]
    assert (event.plover, source, event.factuality) == ("REJECT", "France", "asserted")


def test_announced_cooperation_is_an_intent_to_cooperate(nlp):
    event, source, target = analyse(nlp, "France will send aid to Spain.")[0]
    assert (event.cameo[:2], event.plover, source, target) == ("03", "AGREE", "France", "Spain")


def test_announced_attack_is_a_threat_that_keeps_its_code(nlp):
    event, source, target = analyse(nlp, "France threatened to attack Spain.")[0]
    assert (event.plover, source, target) == ("THREATEN", "France", "Spain")


def test_main_event_comes_first(nlp):
    found = analyse(nlp, "France condemned Spain after Spain attacked Portugal.")
    assert first(found) == ("ACCUSE", "France", "Spain")


def test_events_carry_codebook_values_and_offsets(nlp):
    text = "France attacked Spain."
    event = analyse(nlp, text)[0][0]
    assert (event.goldstein, event.quad_class) == (-10.0, 4)
    assert text[event.trigger.start:event.trigger.end] == "attacked"
    assert (event.sentence.start, event.sentence.end) == (0, len(text))


def test_nothing_comes_out_of_boilerplate(nlp):
    text = "France attacked Spain.\nFrance attacked Italy."
    flagged = Boilerplate(23, len(text), text[23:], "promo")
    assert [t for _, _, t in analyse(nlp, text, boilerplate=[flagged])] == ["Spain"]


def test_only_resolved_actors_become_arguments(nlp):
    assert analyse(nlp, "The rebels attacked the village.") == []


def test_raised_subject_of_a_passive_frame(nlp):
    event, source, target = analyse(nlp, "France is expected to attack Spain.")[0]
    assert (event.plover, source, target, event.factuality) == ("ASSAULT", "France", "Spain", "hypothetical")


def test_infinitive_complement_gives_the_frame_its_target(nlp):
    found = analyse(nlp, "France threatened to break relations with Spain.")
    assert ("THREATEN", "France", "Spain") == first(found)


def test_a_refusal_answers_the_demand_just_before(nlp):
    found = analyse(nlp, "France demanded that Spain withdraw its ships. Spain refused.")
    assert ("REJECT", "Spain", "France") in [(e.plover, s, t) for e, s, t in found]


def test_unresolved_pronoun_in_an_announcement_is_the_announcer(nlp):
    event, source, target = analyse(nlp, "France announced that it would attack Spain.")[0]
    assert (event.plover, source, target) == ("THREATEN", "France", "Spain")


def test_saying_another_must_act_is_a_demand(nlp):
    found = analyse(nlp, "France said that Spain must withdraw its troops from Portugal.")
    assert first(found) == ("REQUEST", "France", "Spain")


def test_coordinated_verb_shares_a_passive_subject_as_its_doer(nlp):
    found = analyse(nlp, "The Norland envoy was summoned by Spain and will resign.", groups={"Norland envoy": "NRL"})
    assert [s for e, s, t in found if e.trigger.text == "resign"] == ["Norland envoy"]


def test_coordinated_bare_participle_stays_passive(nlp):
    found = analyse(nlp, "Portuguese dockers were arrested and beaten by Spain.", groups={"Portuguese dockers": "PRT"})
    doers = {s for e, s, t in found if e.plover == "ASSAULT"}
    assert "Portuguese dockers" not in doers


def test_helping_to_do_something_is_that_act(nlp):
    found = analyse(nlp, "France will help secure the release of Spain's envoy.")
    assert all(e.plover != "AID" for e, _, _ in found)


def test_helping_someone_do_something_is_aid(nlp):
    found = analyse(nlp, "France helped Spain build a hospital.")
    assert first(found) == ("AID", "France", "Spain")


def test_rallying_supporters_is_no_show_of_force(nlp):
    found = analyse(nlp, "France mobilized supporters across Europe on Monday.")
    assert all(e.plover != "MOBILIZE" for e, _, _ in found)


def test_reopening_a_border_crossing_eases_a_blockade(nlp):
    assert first(analyse(nlp, "France reopened the border crossing with Spain on Monday.")) == ("RETREAT", "France",
                                                                                              "Spain")


def test_a_light_verb_with_no_object_is_negated(nlp):
    event, _, _ = analyse(nlp, "France held no talks with Spain on Monday.")[0]
    assert event.factuality == "negated"


def test_an_act_ruled_out_by_the_speaker_is_their_rejection(nlp):
    found = analyse(nlp, "France said that removing the sanctions on Spain is out of the question.")
    assert first(found) == ("REJECT", "France", "Spain")


def test_an_analysts_view_of_a_course_is_not_their_act(nlp):
    found = analyse(nlp, "Professor Ana Vell said that removing the sanctions on Spain would be wise.",
                    people=("Ana Vell",))
    assert all(source != "Ana Vell" for _, source, _ in found)


def test_pushing_for_someone_to_act_targets_them(nlp):
    found = analyse(nlp, "France is pushing hard for Spain to support the plan.")
    assert first(found) == ("REQUEST", "France", "Spain")



def test_a_subject_with_no_denies_the_clause(nlp):
    found = analyse(nlp, "No country has recognized Norland since France attacked Spain.")
    assert [e.factuality for e, s, t in found if e.plover == "SUPPORT"] == ["negated"]


def test_a_when_clause_is_not_in_the_scope_of_the_main_negation(nlp):
    found = analyse(nlp, "No country has recognized Norland since France attacked Spain.")
    assert [e.factuality for e, s, t in found if e.plover == "ASSAULT"] == ["asserted"]


def test_a_relative_clause_is_not_in_the_scope_of_the_main_negation(nlp):
    found = analyse(nlp, "Spain did not meet the envoys who France expelled on Monday.", groups={"envoys": None})
    assert [e.factuality for e, s, t in found if e.trigger.text == "expelled"] == ["asserted"]


def test_the_subject_of_faced_criticism_is_its_target(nlp):
    found = analyse(nlp, "Spain faced sharp criticism from France on Monday.")
    assert first(found) == ("ACCUSE", "France", "Spain")


def test_an_intent_is_as_factual_as_its_frame(nlp):
    found = analyse(nlp, "Officials asked what concessions Spain might be willing to make to France.")
    assert [e.factuality for e, s, t in found if e.trigger.text == "make"] == ["hypothetical"]


def test_an_if_clause_is_not_the_main_clauses_intent(nlp):
    found = analyse(nlp, "If France attacks Spain, Portugal will send troops.")
    assert [e.factuality for e, s, t in found if e.trigger.text == "attacks"] == ["hypothetical"]


def test_praising_a_withdrawal_is_praise_and_the_withdrawal_is_its_own_event(nlp):
    found = [(e.plover, s, t) for e, s, t in analyse(nlp, "Spain praised the withdrawal of French troops.",
                                                       groups={"French troops": "FRA"})]
    assert found[0] == ("SUPPORT", "Spain", "French troops")
    assert any(plover == "RETREAT" and source == "French troops" for plover, source, _ in found)


def test_a_participle_after_its_noun_is_passive(nlp):
    found = analyse(nlp, "Portuguese dockers injured in clashes with Spain went home.", groups={"Portuguese dockers": "PRT"})
    assert [t for e, s, t in found if e.trigger.text == "injured"] == ["Portuguese dockers"]


def test_a_word_of_an_organisations_name_is_no_event(nlp):
    found = analyse(nlp, "The Council for Peace Cooperation met France on Monday.", people=("Council for Peace Cooperation",))
    assert all(e.trigger.text != "Cooperation" for e, _, _ in found)


def test_a_bare_participle_clause_is_passive(nlp):
    found = analyse(nlp, "Asked by France about the treaty, Spain said it would wait.")
    assert [(s, t) for e, s, t in found if e.trigger.text == "Asked"] == [("France", "Spain")]


def test_publishing_a_report_is_no_release_of_people(nlp):
    found = analyse(nlp, "A report released by France on Monday criticized Spain.")
    assert all(e.plover != "RETREAT" for e, _, _ in found)


def test_sharing_expertise_is_cooperation(nlp):
    assert first(analyse(nlp, "France has been sharing expertise with Spain.")) == ("COOPERATE", "France", "Spain")


def test_expanding_political_freedoms_eases_restrictions(nlp):
    found = analyse(nlp, "France has taken steps to expand political freedoms in France.")
    assert first(found)[:2] == ("CONCEDE", "France")


def test_an_act_done_instead_of_another_leaves_that_one_undone(nlp):
    found = analyse(nlp, "Instead of attacking Spain, France imposed sanctions on Spain.")
    assert [e.factuality for e, s, t in found if e.trigger.text == "attacking"] == ["negated"]


def test_attacking_someone_for_a_stance_is_criticism(nlp):
    assert first(analyse(nlp, "France attacked Spain for refusing to support the plan."))[0] == "ACCUSE"


def test_demonstrating_strength_is_a_show_of_force_not_a_protest(nlp):
    assert first(analyse(nlp, "France demonstrated its strength to Spain.")) == ("MOBILIZE", "France", "Spain")


def test_the_noun_a_passive_relative_clause_describes_undergoes_the_act(nlp):
    found = analyse(nlp, "Police said no ransom was paid for the Norland workers, who were kidnapped on Friday "
                         "from their school.", groups={"Norland workers": "NRL"})
    kidnapping = next((source, target) for event, source, target in found if event.trigger.text == "kidnapped")
    assert kidnapping == (None, "Norland workers")


def test_returning_something_is_an_event_and_going_back_is_not(nlp):
    assert first(analyse(nlp, "Norland returned the disputed island to France.")) == ("RETREAT", "Norland", "France")
    assert not [e for e, _, _ in analyse(nlp, "The Norland delegation returned to Spain on Monday.")
                if e.trigger.text == "returned"]


def test_an_act_someone_was_hired_or_ordered_to_do_is_not_asserted(nlp):
    for text in ("Prosecutors say France hired a gang to attack Spain.", "France ordered its troops to attack Spain."):
        attack = next(e for e, _, _ in analyse(nlp, text) if e.trigger.text == "attack")
        assert attack.factuality == "hypothetical", text


def test_a_bombing_no_one_claimed_still_happened(nlp):
    found = analyse(nlp, "No group has claimed responsibility for the bombing in Spain.")
    bombing = next(e for e, _, _ in found if e.trigger.text == "bombing")
    assert bombing.factuality == "asserted"


def test_striking_something_is_an_attack_and_striking_alone_a_strike(nlp):
    assert first(analyse(nlp, "France may strike the Spanish radar sites.")) == ("ASSAULT", "France", None)
    assert first(analyse(nlp, "Portuguese dockers struck for a week.", groups={"Portuguese dockers": "PRT"}))[0] == "PROTEST"


def test_the_understood_subject_of_a_passive_undergoes_it(nlp):
    found = analyse(nlp, "The Norland minister resigned after being accused of fraud by France.",
                    groups={"Norland minister": "NRL"})
    accusation = next((s, t) for e, s, t in found if e.trigger.text == "accused")
    assert accusation == ("France", "Norland minister")


def test_a_gerund_after_a_time_preposition_shares_the_subject(nlp):
    found = analyse(nlp, "France attacked Spain after meeting Italy.")
    meeting = next((s, t) for e, s, t in found if e.trigger.text == "meeting")
    assert meeting == ("France", "Italy")


def test_tear_gas_is_repression_and_training_forces_is_military_aid(nlp):
    assert first(analyse(nlp, "France used tear gas against the Norland workers.",
                         groups={"Norland workers": "NRL"}))[:1] == ("ASSAULT",)
    tear_gas = analyse(nlp, "France used tear gas against the Norland workers.", groups={"Norland workers": "NRL"})
    assert tear_gas[0][0].cameo == "175"
    assert analyse(nlp, "France trained Spanish soldiers in Italy.")[0][0].cameo == "072"
