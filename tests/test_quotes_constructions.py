"""Attribution constructions of English news, each on a short fictional text: who a quote belongs
to when a colon, a clause of its own or a naming verb introduces it."""

from __future__ import annotations

import pytest

from brink import actors, quotes
from brink import text as intake


@pytest.fixture(scope="module")
def extract(nlp):
    def run(body: str):
        doc = nlp(body)
        boilerplate = intake.flag_boilerplate(body)
        return quotes.extract(doc, actors.resolve(doc, None, boilerplate), boilerplate)

    return run


def containing(found, words: str):
    matches = [q for q in found if any(words in c.text for c in q.contents)]
    assert len(matches) == 1, [(q.cue and q.cue.text, [c.text for c in q.contents]) for q in found]
    return matches[0]


def test_a_colon_in_a_later_sentence_introduces_a_new_speaker(extract):
    found = extract("“We will win the seat,” said Mayor Ana Vell. Her rival was unmoved, so the clerk Rob Tarr "
                    "had to answer: “The count is not finished.”")
    assert len(found) == 2
    answer = containing(found, "The count is not finished")
    assert "Rob Tarr" in answer.source.text or answer.source.text == "the clerk"


def test_a_colon_inside_the_attributions_sentence_goes_on_with_it(extract):
    found = extract("Judge Ana Vell said she remembers the clerk being “confused,” and at one point even warning "
                    "the jury: “You must look at the record, not at me.”")
    assert len({q.source.text for q in found}) == 1 and "Vell" in found[0].source.text


def test_an_adverbial_clause_with_its_own_subject_speaks_for_itself(extract):
    found = extract("Though she called for the fees to be “clawed back at once” from the banks, Minister Ana Vell "
                    "kept quiet about the merger.")
    quote = containing(found, "clawed back at once")
    assert (quote.cue.text, quote.source.text) == ("called", "she")


def test_quoted_words_reported_in_a_that_clause_stay_with_the_reporter(extract):
    quote = containing(extract("Mayor Ana Vell tweeted in the early hours that the senator was “a total disgrace” "
                               "and “a paid liar.”"), "a total disgrace")
    assert "Vell" in quote.source.text


def test_two_quoted_phrases_of_one_clause_make_one_attribution(extract):
    found = extract("The Gazette hired a “chief crime reporter” and a “senior court reporter” for the spring.")
    assert len(found) == 1 and len(found[0].contents) == 1


def test_a_quotation_mark_glued_to_a_word_is_still_a_quote(extract):
    found = extract("Minister Ana Vell said,“Look at the harbour.” Her deputy nodded.")
    quote = containing(found, "Look at the harbour")
    assert quote.kind == "direct" and "Vell" in quote.source.text
    assert quote.contents[0].text == "“Look at the harbour.”"


@pytest.mark.parametrize("body", ["As Ana Vell put it in her speech, “nobody wins a trade war.”",
                                  "“Nobody wins a trade war,” as Ana Vell put it."])
def test_as_someone_put_it_attributes_the_wording(extract, body):
    quote = containing(extract(body), "obody wins a trade war")
    assert (quote.cue.text, quote.source.text) == ("put", "Ana Vell")


def test_according_to_opening_a_sentence_vouches_for_the_rest(extract):
    quote = containing(extract("According to harbour master Rob Tarr, the closure reeks of “panic” and haste."),
                       "panic")
    assert quote.contents[0].text == "the closure reeks of “panic” and haste"
    assert "Rob Tarr" in quote.source.text


def test_a_cue_conjoined_inside_a_content_has_its_own_attribution(extract):
    found = extract("Mayor Ana Vell went on radio to accuse the council of being “duped by a con” and urge "
                    "voters to reject the budget on Sunday.")
    accused = containing(found, "duped by a con")
    assert accused.cue.text == "accuse" and "urge" not in accused.contents[0].text
    urged = containing(found, "reject the budget")
    assert urged.cue.text == "urge" and "Vell" in urged.source.text


def test_a_name_the_parser_tied_to_the_clause_before_still_speaks(extract):
    found = extract("When raiders are revealed as part of the second front of the long border war, Vell and Tarr "
                    "call them “lone bandits” and nothing more.")
    quote = containing(found, "lone bandits")
    assert quote.cue.text == "call" and "Tarr" in quote.source.text


def test_a_participle_going_on_to_a_new_act_takes_the_next_quote(extract):
    found = extract('"We must talk about the harbour," Mayor Ana Vell said, going on to contrast her plans with '
                    'the council\'s. "So look at the harbour."')
    first = containing(found, "We must talk")
    later = containing(found, "So look at the harbour")
    assert first is not later and later.cue.text == "going on to contrast" and "Vell" in later.source.text


def test_a_participle_that_glosses_the_quote_is_no_new_act(extract):
    found = extract('"We remain open to talks," the envoy said, referring to the northern republic. '
                    '"Sadly, it has chosen a different path."')
    assert len(found) == 1 and found[0].cue.text == "said"


def test_inverted_attribution_after_a_quoted_phrase_is_the_named_speakers(extract):
    # the parser gives "said" two subjects here; the one next to the cue speaks
    found = extract("The vote on the canal signals “the beginning of the end” for the union, said Ana Vell, "
                    "leader of the Harbour Party.")
    quote = containing(found, "the beginning of the end")
    assert quote.source.text == "Ana Vell"
    assert not any("leader" in c.text for c in quote.contents)  # the speaker's apposition is no content


def test_a_cue_coordinated_inside_the_reported_clause_is_an_attribution_of_its_own(extract):
    found = extract('Rob Tarr said he welcomed the ruling of the court and added, "I will not appeal, not now."')
    added = containing(found, "I will not appeal")
    assert (added.cue.text, added.source.text, added.kind) == ("added", "Rob Tarr", "direct")
    said = containing(found, "welcomed the ruling")
    assert said.cue.text == "said" and "appeal" not in said.contents[0].text


def test_fronted_words_of_a_quote_never_take_an_earlier_attribution(extract):
    found = extract('"Her temper is short," she said, but despite the mood, "I think she will sign it," '
                    "said Ana Vell, who chairs the port board.")
    assert len(found) == 2
    assert containing(found, "Her temper is short").cue.text == "said"
    assert containing(found, "I think she will sign it").source.text == "Ana Vell"


def test_a_long_apposition_between_quote_and_cue_keeps_the_speaker(extract):
    found = extract("“A very good engineer, a very good engineer this one,” Vell, the harbour master of the "
                    "northern port and the chair of the regional council of the province of Tarnia, said when Tarr "
                    "asked her.")
    assert containing(found, "very good engineer").source.text == "Vell"


def test_a_naming_verb_holds_its_object_not_the_clause_coordinated_with_it(extract):
    found = extract("Ana Vell called both ministers “reckless” and said the port would close by June.")
    assert containing(found, "reckless").contents[0].text == "both ministers “reckless”"
    assert containing(found, "the port would close").cue.text == "said"


def test_a_participle_after_a_quote_is_a_new_act_not_its_content(extract):
    found = extract('Mayor Rob Tarr called the plan a "reckless gamble," pointing to the cost of the new dam.')
    assert containing(found, "reckless gamble").contents[0].text == 'the plan a "reckless gamble,"'


def test_as_someone_reported_vouches_for_the_clause_it_modifies(extract):
    found = extract("As the Gazette reported on Monday, the mayor “gave the contract away” to his cousin. "
                    "The dam, as Vell noted, will cost more than the bridge.")
    gazette = containing(found, "gave the contract away")
    assert (gazette.cue.text, gazette.source.text) == ("reported", "the Gazette")
    noted = containing(found, "will cost more")
    assert noted.source.text == "Vell" and [c.text for c in noted.contents] == ["The dam", "will cost more than the bridge"]


def test_a_relative_pronoun_is_the_source_as_written_and_its_antecedent_the_speaker(nlp):
    body = "Finance Minister Ana Vell, who said the port would close, left early."
    doc = nlp(body)
    resolved = actors.resolve(doc, None, [])
    quote = containing(quotes.extract(doc, resolved, []), "the port would close")
    assert quote.source.text == "who"
    assert resolved.by_id(quote.speaker).name == "Ana Vell"


def test_a_message_sent_to_people_is_the_senders_not_theirs(extract):
    found = extract('The Harbour Party sent out a text message to supporters saying: "We will win the vote."')
    assert containing(found, "We will win the vote").source.text == "The Harbour Party"


def test_a_relative_clause_with_its_own_cue_is_a_separate_attribution(extract):
    found = extract('Mayor Rob Tarr said the new dam would flood the farms of the valley, which he called '
                    '"a price worth paying," within a decade.')
    said = containing(found, "the new dam would flood")
    assert said.cue.text == "said" and "price" not in said.contents[0].text
    called = containing(found, "a price worth paying")
    assert (called.cue.text, called.source.text) == ("called", "he")


def test_a_participle_cue_after_a_reported_quote_goes_on_with_the_reporter(extract):
    found = extract("Ana Vell told the council that Rob Tarr “had a plan that was reckless,” adding, "
                    "“He lost every vote in the valley.”")
    adding = containing(found, "He lost every vote")
    assert (adding.cue.text, adding.source.text) == ("adding", "Ana Vell")
    assert "He lost" not in containing(found, "had a plan").contents[-1].text


def test_a_verb_with_nothing_to_act_on_after_quoted_speech_is_its_cue(extract):
    found = extract("“Would the harbour stay open all winter?” Rob Tarr pressed. “That is a lie,” Vell shrugged.")
    assert [(q.cue.text, q.source.text) for q in found] == [("pressed", "Rob Tarr"), ("shrugged", "Vell")]


def test_the_reported_clause_after_the_cue_wins_over_a_fronted_adverbial(extract):
    found = extract("While he admitted funding was a major reason he felt tired of serving, Tarr also noted "
                    "several “intangibles” left him disillusioned.")
    assert containing(found, "intangibles").contents[0].text == "several “intangibles” left him disillusioned"


def test_according_to_a_phrase_the_parser_misread(extract):
    found = extract("As a boss on “The Harbour Show,” Rob Tarr demeaned his staff with crude language, "
                    "according to show insiders.")
    quote = containing(found, "demeaned his staff")
    assert quote.cue.text == "according to" and "insiders" in quote.source.text


def test_what_someone_called_something_is_their_attribution(extract):
    found = extract("The leaders rose to denounce what Prime Minister Ana Vell called the island's "
                    "\"reckless, dangerous\" blockade.")
    quote = containing(found, "reckless, dangerous")
    assert quote.cue.text == "called" and "Ana Vell" in quote.source.text


def test_a_participle_cue_inside_a_reported_clause_has_its_own_content(extract):
    found = extract('If she wins, Ana Vell has indicated she would try to curb the press, vowing to "open up" '
                    "the libel laws.")
    assert containing(found, "curb the press").contents[0].text == "she would try to curb the press"
    assert containing(found, "open up").cue.text == "vowing"


def test_the_clause_before_a_set_off_quote_introduces_it_before_any_earlier_speaker(extract):
    found = extract("“We will win the vote,” Mayor Rob Tarr said. When the council suggested a recount, "
                    "Ana Vell fired back forcefully: “If they count again, they will lose.”")
    assert containing(found, "they will lose").source.text == "Ana Vell"


def test_a_cue_noun_with_its_holder_reads_its_clause(extract):
    found = extract("Vell's repeated emphasis that only one ship had been involved angered the council.")
    quote = containing(found, "only one ship")
    assert (quote.cue.text, quote.source.text) == ("emphasis", "Vell")


def test_fronted_words_holding_another_cue_are_not_a_later_quotes(extract):
    found = extract("Prime Minister Ana Vell said Sunday the island “will keep the port open for all ships, but we "
                    "will not allow smuggling.” The prime minister told the cabinet about it.")
    quote = containing(found, "will keep the port open")
    assert quote.cue.text == "said" and quote.source.text == "Prime Minister Ana Vell"


def test_the_noun_right_after_a_cue_that_follows_a_quote_is_its_speaker(extract):
    found = extract("The last question came from a young child, who said he had driven six hours.\n\n"
                    "“How big is that wall?” asked the boy, as the audience laughed.")
    quote = containing(found, "How big is that wall")
    assert (quote.cue.text, quote.source.text, quote.audience) == ("asked", "the boy", None)


def test_a_quote_opening_a_parenthesis_takes_no_words_before_it(extract):
    found = extract('The deal prompted anger from members ("I want my dues back," wrote Rob Tarr, a welder, '
                    "on the union's page), and the union was unmoved.")
    assert containing(found, "I want my dues back").contents[0].text == '"I want my dues back,"'


def test_a_quote_after_the_speakers_sentence_goes_on_past_an_according_to_that_opens_the_next(extract):
    found = extract("“The bridge will not open this year,” Vell said. “The steel has not arrived and the crews are "
                    "idle.” According to the city budget office, the project is already two years late.")
    going_on = containing(found, "The steel has not arrived")
    assert going_on.source.text == "Vell"
    according = containing(found, "two years late")
    assert according.source.text == "the city budget office" and len(according.contents) == 1


def test_an_opening_mark_after_a_full_stop_starts_a_new_quote_when_the_last_was_left_open(extract):
    # a flattened article: the first paragraph's closing mark was left off, as news style does, and a
    # later quote mixes its marks, so more closing marks follow than opening ones
    found = extract("“The dam will hold,” Rinn said. “The water is lower than last spring. “We have checked "
                    "the walls twice,” she added. Meanwhile the Harbor Trust said it \"wants an inquiry into "
                    "the works,” and the mayor agreed.")
    checked = containing(found, "checked the walls")
    assert checked.cue.text == "added"
    assert not any("inquiry" in c.text for c in checked.contents)


def test_a_description_speaks_for_the_name_set_off_after_it(extract):
    quote = containing(extract("One of the study’s authors, Tomas Brekke, told reporters that “the farmers are far "
                               "from happy with the plan.”"), "far from happy")
    assert quote.source.text == "One of the study’s authors" and quote.speaker is not None
    assert quote.speaker == containing(extract("“The plan is late,” said Tomas Brekke."), "late").speaker


def test_a_text_speaks_for_whoever_posted_it(extract):
    found = extract("“We report what we see,” the Norland News Agency said. “The plant closed and the workers "
                    "left the town,” said a statement posted by the Norland News Agency.")
    quote = containing(found, "The plant closed")
    assert quote.source.text == "a statement" and quote.speaker is not None
    assert quote.speaker == containing(found, "what we see").speaker


def test_a_participle_cue_after_the_second_of_two_reported_clauses_is_the_reporters(extract):
    found = extract("Vell announced that Norland would invest about $5 million in several farm projects and that "
                    "Ostia will cooperate in building a new dam for the valley, calling it a gift “from the oldest "
                    "of friends.”")
    quote = containing(found, "oldest of friends")
    assert (quote.cue.text, quote.source.text) == ("calling", "Vell")
