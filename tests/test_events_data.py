"""The CAMEO codebook and the trigger lexicon: complete, validated, extensible."""

from __future__ import annotations

import pytest

from brink.errors import UserError
from brink.events import codebook, lexicon


def test_codebook_has_every_root_with_goldstein_and_quad_class():
    codes = codebook.codebook()
    assert {f"{n:02d}" for n in range(1, 21)} <= set(codes)
    assert len(codes) > 300
    assert codes["190"].quad_class == 4 and codes["051"].quad_class == 1 and codes["112"].quad_class == 3


def test_codebook_fixes_the_reference_tables_blemishes():
    codes = codebook.codebook()
    assert codes["044"].name == "Meet at a 'third' location"
    assert "matyerial" not in codes["033"].name and not codes["0356"].name.endswith(" ")
    assert codes["163"].plover == "SANCTION"


def test_codebook_keeps_the_gold_era_names():
    codes = codebook.codebook()
    assert (codes["100"].plover, codes["100"].gold_plover) == ("REQUEST", "DEMAND")
    assert (codes["111"].gold_plover, codes["090"].gold_plover, codes["190"].gold_plover) == (
        "DISAPPROVE", "INVESTIGATE", "FIGHT")


def test_codebook_errors_name_the_line():
    text = "code\tname\tgoldstein\tquad_class\tplover\tgold_plover\n01\tX\tten\t1\t-\t-\n"
    with pytest.raises(UserError, match=r"book.tsv:2"):
        codebook.parse_codebook(text, "book.tsv")


def test_lexicon_errors_name_the_line():
    text = "words\tpos\tobject\tprep\tprep_object\tcameo\tnote\nbless\tVERB\t-\t-\t-\t999\tx\n"
    with pytest.raises(UserError, match=r"mine.tsv:2"):
        lexicon.parse_rows(text, "mine.tsv")


def test_own_lexicon_covers_every_root_with_light_verbs_and_nouns():
    rows = lexicon.parse_rows((lexicon.DATA / "brink_triggers.tsv").read_text(encoding="utf-8"), "brink")
    coded = [(key, p) for key, p in rows.items() if p.cameo]
    assert len(coded) >= 300
    assert {p.cameo[:2] for _, p in coded} == {f"{n:02d}" for n in range(1, 21)}
    assert any(key[0] == "NOUN" for key, _ in coded) and any(p.objects for _, p in coded)


def test_user_lexicon_adds_and_overrides(tmp_path, monkeypatch):
    own = tmp_path / "mine.tsv"
    own.write_text("words\tpos\tobject\tprep\tprep_object\tcameo\tnote\n"
                   "frobnicate\tVERB\t-\t-\t-\t110\tmy own verb\n"
                   "attack\tVERB\t-\t-\t-\t111\tverbal attacks only\n", encoding="utf-8")
    assert lexicon.load().candidates("VERB", "frobnicate") == []
    mine = lexicon.load(str(own))
    assert [p.cameo for p in mine.candidates("VERB", "frobnicate")] == ["110"]
    assert mine.candidates("VERB", "attack")[-1].cameo == "111"
    monkeypatch.setenv(lexicon.ENV_VARIABLE, str(own))
    assert [p.cameo for p in lexicon.load().candidates("VERB", "frobnicate")] == ["110"]


def test_user_rows_win_over_equally_specific_petrarch_rows(tmp_path):
    own = tmp_path / "mine.tsv"
    own.write_text("words\tpos\tobject\tprep\tprep_object\tcameo\tnote\n"
                   "arrest\tVERB\tdemonstrator\t-\t-\t1721\tmy reading\n", encoding="utf-8")
    with_objects = [p for p in lexicon.load(str(own)).candidates("VERB", "arrest")
                    if p.objects and "demonstrator" in p.objects]
    assert with_objects[0].cameo == "1721"


def test_a_star_object_needs_some_object_and_yields_to_named_ones(nlp, tmp_path):
    own = tmp_path / "mine.tsv"
    own.write_text("words\tpos\tobject\tprep\tprep_object\tcameo\tnote\n"
                   "frobnicate\tVERB\t-\t-\t-\t-\tgoing about it is nothing\n"
                   "frobnicate\tVERB\t*\t-\t-\t0842\tfrobnicating something returns it\n"
                   "frobnicate\tVERB\tfire\t-\t-\t190\tfrobnicating fire is fighting\n", encoding="utf-8")
    patterns = lexicon.load(str(own)).candidates("VERB", "frobnicate")
    assert [p.cameo for p in patterns] == ["190", "0842", None]  # most specific first
    assert patterns[1].objects == frozenset()


def test_word_lists_are_read_in_order_and_errors_name_the_line():
    from brink.tsv import word_lists
    lists = word_lists(["list\twords\tnote", "preps\ton,at,in\tordered"], "w.tsv")
    assert lists == {"preps": ("on", "at", "in")}
    with pytest.raises(UserError, match=r"w.tsv:3"):
        word_lists(["list\twords\tnote", "preps\ton\tx", "preps\tat\tagain"], "w.tsv")


def test_every_word_list_the_stage_names_is_in_the_data_file():
    assert "say" in lexicon.word_list("reporting_verbs")
    with pytest.raises(UserError, match="words.tsv"):
        lexicon.word_list("no_such_list")


def test_intents_are_codebook_codes_and_errors_name_the_line():
    assert codebook.intent_of("19") == "138"
    with pytest.raises(UserError, match=r"i.tsv:2"):
        codebook.parse_intents("act\tintent\n19\t999\n", "i.tsv")
