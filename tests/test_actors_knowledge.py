"""The actor knowledge base: data-file validation, dated offices, user dictionaries."""

from __future__ import annotations

import pytest

from brink.actors import resolve, use_dictionaries
from brink.actors.knowledge import Entity, Knowledge, Office, knowledge, load_people, office_on
from brink.errors import UserError


@pytest.fixture
def restore_knowledge():
    yield
    use_dictionaries()


def test_people_file_errors_name_file_and_line():
    lines = ["# comment", "Ana Vell\t\tXXX\t\tGOV\tMinister\t2020-01-01\t"]
    with pytest.raises(UserError, match=r"people\.tsv:2: unknown country code 'XXX'"):
        load_people(Knowledge(), lines, "people.tsv", {})


def test_bad_date_is_rejected_with_line_number():
    lines = ["Ana Vell\t\tEST\t\tGOV\tMinister\t2020/01/01\t"]
    with pytest.raises(UserError, match=r"people\.tsv:1: date '2020/01/01'"):
        load_people(Knowledge(), lines, "people.tsv", {})


def test_office_on_picks_the_office_held_on_the_date():
    entity = Entity("person:x", "X", "person", (
        Office("USA", "GOV", "USAGOV", "Deputy Secretary of State", "2015-01-09", "2017-01-20"),
        Office("USA", "GOV", "USAGOV", "Secretary of State", "2021-01-26", "2025-01-20"),
    ))
    assert office_on(entity, "2016-01-01") == (entity.offices[0], False)
    assert office_on(entity, "2022-01-07") == (entity.offices[1], False)
    assert office_on(entity, "2026-01-01") == (entity.offices[1], True)


def test_shipped_knowledge_base_holds_countries_people_and_phoenix_entries():
    kb = knowledge()
    assert len([e for e in kb.entities.values() if e.id.startswith("person:")]) >= 300
    assert len([e for e in kb.entities.values() if e.id.startswith("phoenix:")]) > 10000
    assert {"RUS", "UKR", "USA", "GBR"} <= set(kb.countries)


def test_user_people_dictionary_adds_actors(nlp, tmp_path, restore_knowledge):
    path = tmp_path / "mine.tsv"
    path.write_text("Ana Vellamo\tVellamo\tFIN\t\tGOV\tMinister of Fisheries\t2024-01-01\t\n", encoding="utf-8")
    use_dictionaries(path)
    actor = resolve(nlp("Vellamo spoke."), "2024-06-01").actors[0]
    assert (actor.name, actor.country, actor.role) == ("Ana Vellamo", "FIN", "Minister of Fisheries")


def test_user_phoenix_dictionary_adds_actors(nlp, tmp_path, restore_knowledge):
    path = tmp_path / "mine.actors.txt"
    path.write_text("KARI_TUULI_\n+TUULI_\n\t[FINGOV 200101-301231]\n", encoding="utf-8")
    use_dictionaries(path)
    actor = resolve(nlp("Kari Tuuli spoke."), "2024-06-01").actors[0]
    assert (actor.country, actor.sector) == ("FIN", "GOV")


def test_missing_user_dictionary_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="no such dictionary"):
        use_dictionaries(tmp_path / "absent.tsv")


def test_provinces_and_cities_give_their_country(nlp):
    doc = nlp("A Quetta-based rights group said the attack was planned. Officials in Balochistan said the rebels fled.")
    resolved = resolve(doc, "2025-03-01")
    by_word = {t.text: resolved.at_token(t.i) for t in doc if t.text in ("group", "Officials")}
    assert by_word["group"].country == "PAK"  # a "-based" phrase places the group
    assert by_word["Officials"].country == "PAK"  # a province (ISO 3166-2) places the officials


def test_a_place_name_shared_by_countries_goes_to_the_far_bigger_one_or_to_none():
    from brink.actors.knowledge import load_places

    kb = Knowledge()
    added = load_places(kb, [("Velmora", "EST", 900_000), ("Velmora", "LVA", 20_000),
                             ("Dravik", "EST", 100_000), ("Dravik", "LVA", 90_000), ("Rivers", "NGA", 10_000_000)],
                        frozenset({"river"}))
    assert added == 1
    assert kb.phrases[("velmora",)][0].country == "EST"
    assert ("dravik",) not in kb.phrases and ("rivers",) not in kb.phrases  # a tie; a plural English word


def test_knowledge_base_gender_column_is_validated():
    with pytest.raises(UserError, match=r"leaders\.tsv:1: gender must be M, F or empty"):
        load_people(Knowledge(), ["Ana Vell\t\tEST\t\tGOV\tMinister\t\t\tX"], "leaders.tsv", {})
