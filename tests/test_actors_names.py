"""Entity repair (actors/names.py): the article's own evidence mends the small model's labels."""

from __future__ import annotations

from spacy.tokens import Span

from brink.actors.names import repair_names


def relabel(nlp, text: str, ents: list[tuple[str, str, int]]) -> dict[str, list[str]]:
    """Parse `text`, replace its entities with (surface, label, nth occurrence), repair."""
    doc = nlp(text)
    spans = []
    for surface, label, nth in ents:
        start = -1
        for _ in range(nth):
            start = text.index(surface, start + 1)
        char = doc.char_span(start, start + len(surface))
        spans.append(Span(doc, char.start, char.end, label=label))
    doc.set_ents(spans, default="outside")
    repaired: dict[str, list[str]] = {}
    for ent in repair_names(doc).ents:
        repaired.setdefault(ent.text, []).append(ent.label_)
    return repaired


def test_a_repeated_name_takes_the_label_most_of_its_mentions_have(nlp):
    text = "Velkaru grew rich on gold. Traders came to Velkaru. Velkaru fell in 1867."
    labels = relabel(nlp, text, [("Velkaru", "PERSON", 1), ("Velkaru", "GPE", 2), ("Velkaru", "GPE", 3)])
    assert labels["Velkaru"] == ["GPE", "GPE", "GPE"]


def test_a_name_ending_in_the_surname_of_a_person_named_in_full_is_a_person(nlp):
    text = "Jimmy Tan was jailed in May. His son Sebastien Tan spoke in London."
    labels = relabel(nlp, text, [("Jimmy Tan", "PERSON", 1), ("Sebastien Tan", "ORG", 1)])
    assert labels["Sebastien Tan"] == ["PERSON"]


def test_an_unknown_name_described_by_an_occupation_is_a_person(nlp):
    text = "Siyoka Mbala, director at the conservation coalition, says villages will suffer."
    assert relabel(nlp, text, [("Siyoka Mbala", "ORG", 1)])["Siyoka Mbala"] == ["PERSON"]
    text = "Mahad Oduya is the executive director of the group. He wants elections."
    assert relabel(nlp, text, [("Mahad Oduya", "GPE", 1)])["Mahad Oduya"] == ["PERSON"]


def test_a_known_place_keeps_its_label(nlp):
    text = "Jimmy Paris met the mayor. Officials in Paris said no."
    labels = relabel(nlp, text, [("Jimmy Paris", "PERSON", 1), ("Paris", "GPE", 2)])
    assert labels["Paris"] == ["GPE"]


def test_an_organisation_named_like_an_institution_stays_one(nlp):
    text = "The Ngamiland Council said the ban would hurt villages."
    assert relabel(nlp, text, [("Ngamiland Council", "ORG", 1)])["Ngamiland Council"] == ["ORG"]
