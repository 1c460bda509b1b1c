"""Quotes and attributions on short texts we wrote (fictional speakers), the seed and VOA."""

from __future__ import annotations

import json

import pytest

from brink import actors, quotes
from brink import text as intake
from brink.quotes.lexicon import parse_cues
from brink.quotes.marks import find_passages


@pytest.fixture(scope="module")
def extract(nlp):
    def run(body: str):
        doc = nlp(body)
        boilerplate = intake.flag_boilerplate(body)
        return quotes.extract(doc, actors.resolve(doc, None, boilerplate), boilerplate)

    return run


def only(found):
    assert len(found) == 1, [(q.kind, [c.text for c in q.contents]) for q in found]
    return found[0]


def test_split_quote_is_one_attribution_with_two_contents(extract):
    quote = only(extract('"We will not move the border posts," Minister Ana Vell told reporters on Monday. '
                         '"The talks are over."'))
    assert [c.text for c in quote.contents] == ['"We will not move the border posts,"', '"The talks are over."']
    assert (quote.kind, quote.cue.text, quote.source.text, quote.audience) == (
        "direct", "told", "Minister Ana Vell", "reporters")


def test_quote_split_around_its_attribution(extract):
    quote = only(extract("“The harbour reopens on Friday,” said Port Director Milo Brandt, “and not a day later.”"))
    assert len(quote.contents) == 2 and quote.source.text == "Port Director Milo Brandt"


def test_next_paragraph_quote_continues_the_last_speaker(extract):
    body = "“The harbour will reopen next week,” said Port Director Milo Brandt.\n\n“Ships have waited long enough.”"
    quote = only(extract(body))
    assert quote.contents[-1].text == "“Ships have waited long enough.”"


def test_paragraph_left_open_goes_on_in_the_next(extract):
    body = ("“We checked every gate of the dam twice this spring.\n\n"
            "“Nothing was out of place,” said engineer Tova Rinn.")
    quote = only(extract(body))
    assert quote.contents[0].text == "“We checked every gate of the dam twice this spring."
    assert "Tova Rinn" in quote.source.text


def test_quote_opening_a_paragraph_takes_the_attribution_at_its_end(extract):
    quote = only(extract("“The river rose overnight.” “Nobody in the valley expected it,” farmer Jon Aske said."))
    assert len(quote.contents) == 2 and quote.source.text == "farmer Jon Aske"


def test_pronoun_source_after_an_introducing_sentence(extract):
    body = ("Minister Ana Vell cautioned against haste. “We need more time to count every ballot,” she said. "
            "“Nobody should rush this.”")
    quote = only(extract(body))
    assert quote.source.text == "she" and len(quote.contents) == 2
    assert quote.speaker is not None


def test_nested_single_quotes_bracketed_insertion_and_ellipsis_stay_inside(extract):
    body = "“They told us ‘wait until spring’ … and that [possibility] scared us,” said farmer Jon Aske."
    quote = only(extract(body))
    assert quote.contents[0].text == body[:body.index(" said")]


def test_according_to_attributes_the_rest_of_the_sentence(extract):
    quote = only(extract("The ferry service will stop in May, according to Transport Minister Ana Vell."))
    assert (quote.kind, quote.contents[0].text, quote.source.text, quote.cue.text) == (
        "indirect", "The ferry service will stop in May", "Transport Minister Ana Vell", "according to")


def test_reported_clause_of_a_speech_verb(extract):
    quote = only(extract("Mayor Ivo Kest warned that the old bridge could close within a month."))
    assert (quote.kind, quote.cue.text, quote.source.text, quote.contents[0].text) == (
        "indirect", "warned", "Mayor Ivo Kest", "that the old bridge could close within a month")


def test_fronted_reported_clause(extract):
    quote = only(extract("The old bridge could close within a month, Mayor Ivo Kest said on Tuesday."))
    assert quote.contents[0].text == "The old bridge could close within a month"


def test_cue_noun_with_a_possessive_source(extract):
    quote = only(extract("Kest's warning that the old bridge could close alarmed the residents."))
    assert (quote.source.text, quote.cue.text, quote.contents[0].text) == (
        "Kest", "warning", "that the old bridge could close")


def test_mixed_quote_keeps_the_reported_speech_before_the_fragment(extract):
    body = ('The council reportedly "is weighing a total ban on night flights," a city official told '
            'the Harbour Gazette.')
    quote = only(extract(body))
    assert quote.kind == "mixed" and quote.contents[0].text.startswith("The council reportedly")
    assert quote.source.text == "a city official" and quote.audience == "the Harbour Gazette"


def test_audience_of_an_interview(extract):
    quote = only(extract("“The strike is over for now,” union leader Pia Sol said in an interview with Radio Nord."))
    assert quote.audience == "Radio Nord"


def test_scare_quotes_and_titles_are_not_quotes(extract):
    assert extract('The so-called "peace dividend" never arrived. She read "The Long Road Home" twice.') == []


def test_nothing_from_a_promo_headline(extract):
    body = ("Talks resumed in the capital on Monday.\n"
            "VELL ‘NOT BLUFFING’ ON BORDER, SAYS “IT IS OVER FOR THEM NOW”\n"
            "Delegates left before noon.")
    assert extract(body) == []


def test_unclosed_quote_without_paragraphs_stops_at_its_sentence(extract):
    body = ('Officials met on Monday. "The talks failed," said envoy Rafa Medin. "We will try again next week. '
            'Delegates then left the hall without comment.')
    quote = only(extract(body))
    assert quote.contents[-1].text == '"We will try again next week.'


def test_spans_index_the_text(extract):
    body = "“The harbour reopens on Friday,” said Port Director Milo Brandt, “and not a day later.”"
    for quote in extract(body):
        for span in [*quote.contents, quote.cue, quote.source]:
            assert body[span.start:span.end] == span.text


def test_passages_pair_mixed_straight_and_curly_marks():
    body = 'He said “one two three" and "four five six” then “seven eight'
    assert [body[p.start:p.end] for p in find_passages(body)] == [
        "“one two three\"", "\"four five six”", "“seven eight"]


def test_lexicon_errors_name_the_line():
    with pytest.raises(ValueError, match=r"cues.tsv:2:"):
        parse_cues("say\tverb\tquote\nshout\tverb\tyelling\n", "cues.tsv")


# --- the seed ----------------------------------------------------------------------------------

def test_seed_every_quoted_passage_is_attributed(seed_article, seed_text):
    quoted = [p for p in find_passages(seed_text) if len(seed_text[p.start:p.end].split()) > 3
              and not seed_text[p.start:p.end].isupper()]
    assert len(quoted) == 13
    for passage in quoted:
        holder = [q for q in seed_article.quotes
                  if any(c.start <= passage.start and passage.end <= c.end for c in q.contents)]
        assert len(holder) == 1 and holder[0].speaker is not None, seed_text[passage.start:passage.end]


def test_seed_sources_and_speakers(seed_article, seed_text):
    names = {a.id: a.name for a in seed_article.actors}

    def quote_holding(words):
        return next(q for q in seed_article.quotes if any(words in c.text for c in q.contents))

    lede = quote_holding("false flag operation")
    assert lede.cue.text == "according to" and "Blinken" in names[lede.speaker]
    official = quote_holding("is compiling a list")
    assert official.source.text == "an administration official" and official.audience == "NBC News"
    after_he = quote_holding("whatever we can")
    assert after_he.source.text == "he" and "Stoltenberg" in names[after_he.speaker]
    assert "Blinken" in names[quote_holding("The idea that Ukraine").speaker]


def test_seed_nothing_from_boilerplate(seed_article):
    for quote in seed_article.quotes:
        for content in quote.contents:
            assert not intake.overlaps_any(content.start, content.end, seed_article.boilerplate)


def test_voa_quotes_have_resolved_speakers(extract, voa_path):
    story = json.loads(voa_path.read_text(encoding="utf-8").splitlines()[0])
    found = extract(story["text"])
    direct = [q for q in found if q.kind == "direct"]
    assert direct and all(q.source is not None for q in direct)
    assert sum(q.speaker is not None for q in found) >= 0.8 * len(found)


def test_typographic_quote_nested_inside_another_stays_inside():
    body = "“I would rather live in what he calls “hell” than here,” Vell said. “Next.”"
    assert [body[p.start:p.end] for p in find_passages(body)] == [
        "“I would rather live in what he calls “hell” than here,”", "“Next.”"]


def test_quoted_words_in_a_clause_take_its_named_subject(extract):
    quote = only(extract("Councillor Ana Vell went after the mayor as a “reckless spender of public money” "
                         "at the meeting."))
    assert quote.kind == "mixed" and "Ana Vell" in quote.source.text
    assert "“reckless spender of public money”" in quote.contents[0].text


def test_a_statement_speaks_for_whoever_issued_it(extract):
    quote = only(extract("The harbour board issued a statement saying the docks would stay closed until May."))
    assert quote.source.text == "The harbour board" and quote.cue.text == "saying"


def test_colon_introduced_quote_in_the_next_paragraph_is_the_subjects(extract):
    body = ("The ferry company answered the complaints on Monday. Director Milo Brandt released a statement:\n\n"
            "“We regret the delays, and every passenger will get a refund.”")
    direct = [q for q in extract(body) if q.kind == "direct"]
    assert [(q.source.text, q.contents[0].text[:16]) for q in direct] == [("Director Milo Brandt", "“We regret the d")]


def test_colon_quote_after_an_appositive_speaker(extract):
    body = ("In a statement to the Chronicle, her senior adviser, Ana Vell, said: "
            "“The council believes that the plan is sound. It will pass.”")
    quote = only(extract(body))
    # the parser makes either the title or the name the subject; both are the adviser
    assert quote.source.text in ("her senior adviser", "Ana Vell") and quote.cue.text == "said"


def test_transcript_lines_belong_to_the_name_before_the_colon(extract):
    body = ('The hearing went on.\n\n"VELL: Minister, did you approve the plan?\n\n'
            '"TORRIN: I did not, and I have said so many times.\n')
    found = extract(body)
    assert [(q.source.text, q.contents[0].text[:9]) for q in found] == [("VELL", "Minister,"), ("TORRIN", "I did not")]


def test_quoted_clause_without_any_cue_is_still_reported(extract):
    body = ("The storm closed the port for a week.\n\n"
            "“Nobody could have planned for this, and nobody should pretend otherwise.”")
    quote = only(extract(body))
    assert quote.kind == "direct" and quote.contents[0].text.startswith("“Nobody could")


def test_a_meeting_to_discuss_something_is_not_an_attribution(extract):
    body = "The warning followed a meeting of farm ministers to discuss the price of grain along the coast."
    assert not [q for q in extract(body) if q.cue is not None and q.cue.text == "discuss"]


def test_colon_after_a_named_object_makes_that_name_the_speaker(extract):
    body = ("The drop in river traffic does not surprise harbour engineer Tova Rinn: "
            "“Every season the channel silts up a little more, and nobody dredges it.”")
    direct = [q for q in extract(body) if q.kind == "direct"]
    assert [q.source.text.endswith("Tova Rinn") for q in direct] == [True]
