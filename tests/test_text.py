"""Text intake: decoding with clear errors, and boilerplate flagged as spans (never deleted)."""

from __future__ import annotations

import pytest

from brink.errors import UserError
from brink.text import MAX_CHARS, check_text, decode, flag_boilerplate, load_rules

from conftest import FIXTURES


def _cases():
    for line in (FIXTURES / "text" / "boilerplate_lines.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            kind, text = line.split("\t")
            yield pytest.param(kind, text, id=f"{kind}:{text[:30]}")


@pytest.mark.parametrize("kind,line", list(_cases()))
def test_boilerplate_line_is_flagged_with_its_kind(kind, line):
    text = f"The council met on Tuesday and voted to close the pier.\n{line}\nResidents said they would appeal."
    flagged = flag_boilerplate(text)
    assert [(b.kind, b.text) for b in flagged] == [(kind, line)]


@pytest.mark.parametrize("sentence", [
    "The council met on Tuesday and voted to close the old ferry pier after two years of debate.",
    "“We cannot keep patching it,” Reel told reporters.",
    "NATO ministers said they would meet again in March.",
    "By the time the vote came, most residents had left the hall.",
    "Read the full text of the agreement, the minister told lawmakers, and you will see it is fair.",
])
def test_article_sentences_are_not_flagged(sentence):
    assert flag_boilerplate(f"{sentence}\nAnother line of reporting follows here.") == []


@pytest.mark.parametrize("credit", [
    "Rob Tarr of the Harbour Desk contributed to this report.",
    "Ana Vell and Milo Brandt contributed to this report, which originated on Harbour Radio.",
    "Some information for this report came from the port authority and local radio.",
])
def test_a_closing_credit_sentence_is_flagged_without_its_line(credit):
    text = f"The council voted to close the pier. “We had no choice,” Reel said. {credit}"
    flagged = flag_boilerplate(text)
    assert [(b.kind, b.text) for b in flagged] == [("credit", credit)]
    assert text[flagged[0].start:flagged[0].end] == credit


def test_contributing_inside_the_reporting_is_not_a_credit():
    assert flag_boilerplate("The port contributed to the report on flooding, Vell said.") == []


def test_boilerplate_spans_index_the_unchanged_text():
    text = (FIXTURES / "text" / "article_with_boilerplate.txt").read_text(encoding="utf-8")
    flagged = flag_boilerplate(text)
    assert all(text[b.start:b.end] == b.text for b in flagged)
    assert [b.kind for b in flagged] == ["dateline", "byline", "other", "promo", "related", "call_to_action", "credit"]
    assert flagged[0].text == "PORT ALDER —"


def test_seed_promo_and_call_to_action_are_flagged(seed_text):
    kinds = {b.text: b.kind for b in flag_boilerplate(seed_text)}
    assert kinds == {
        "RUSSIA ‘NOT BLUFFING’ ON NATO ROLLBACK, WARNS OF ‘LARGE-SCALE CONFLICT IN EUROPE’": "promo",
        "CLICK HERE TO READ MORE FROM THE WASHINGTON EXAMINER": "call_to_action",
    }


def test_nothing_in_boilerplate_yields_quotes_or_events(seed_article):
    for quote in seed_article.quotes:
        for span in quote.contents:
            assert not any(span.start < b.end and b.start < span.end for b in seed_article.boilerplate)
    for event in seed_article.events:
        assert not any(event.trigger.start < b.end and b.start < event.trigger.end for b in seed_article.boilerplate)


def test_rules_file_errors_name_the_line():
    with pytest.raises(ValueError, match=r"rules.tsv:2: expected KIND"):
        load_rules("promo\t^X$\nbanner\t^Y$\n", "rules.tsv")


def test_utf8_bom_is_dropped_and_text_kept_exactly():
    assert decode("\ufeffKyiv — “Talks,” she said.\r\nNext.".encode("utf-8")) == "Kyiv — “Talks,” she said.\r\nNext."


@pytest.mark.parametrize("data,message", [
    (b"", "empty input"),
    (b"  \n\t ", "empty input"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary input"),
    (b"Caf\xe9 au lait in Kyiv", "not valid utf-8"),
])
def test_bad_bytes_raise_a_user_error_naming_the_input(data, message):
    with pytest.raises(UserError, match=f"^story.txt: {message}"):
        decode(data, "story.txt")


def test_legacy_encoding_is_decoded_when_asked():
    assert decode("Café au lait, señor".encode("cp1252"), "x", encoding="cp1252") == "Café au lait, señor"
    story = "The minister’s “final offer” was rejected, and talks in Zürich ended early. " * 10
    assert decode(story.encode("cp1252"), "x", encoding="auto") == story


def test_oversized_text_is_a_user_error():
    with pytest.raises(UserError, match="too large"):
        check_text("a" * (MAX_CHARS + 1), "big.txt")


def test_control_characters_mean_binary():
    with pytest.raises(UserError, match="binary content"):
        check_text("\x01\x02\x03\x04 abc \x05\x06\x07\x08" * 10, "blob")
