"""Every endpoint of the JSON API and every page, through FastAPI's TestClient, over the shared
test store (the seed, a few VOA stories, a syndicated copy, a hostile article) and an empty store."""

from __future__ import annotations

import pytest

from test_web_support import HOSTILE_TITLE, voa_stories, web_store


@pytest.fixture(scope="module")
def client():
    from fastapi.testclient import TestClient

    from brink.web import create_app

    return TestClient(create_app(web_store()))


@pytest.fixture(scope="module")
def empty_client(tmp_path_factory):
    from fastapi.testclient import TestClient

    from brink import store
    from brink.web import create_app

    db = tmp_path_factory.mktemp("empty") / "empty.duckdb"
    store.connect(db).close()
    return TestClient(create_app(db))


def test_stats_count_canonical_articles_and_copies_apart(client):
    stats = client.get("/api/stats").json()
    assert stats["articles"] == len(voa_stories()) + 2  # the stories, the seed, the hostile article
    assert stats["duplicates"] == 1
    assert stats["quotes"] > 0 and stats["events"] > 0


def test_article_endpoint_returns_the_record_with_its_text(client):
    body = client.get("/api/articles/seed").json()
    article = body["article"]
    assert article["text"].startswith("Russian President Vladimir Putin")
    assert article["published"] == "2022-01-07"
    for quote in article["quotes"]:
        for span in quote["contents"]:
            assert article["text"][span["start"]:span["end"]] == span["text"]


def test_copy_points_to_its_original(client):
    original = voa_stories()[0]["id"]
    assert client.get(f"/api/articles/{original}-copy").json()["duplicate_of"] == original


def test_unknown_article_is_404_with_a_message(client):
    response = client.get("/api/articles/no-such-id")
    assert response.status_code == 404
    assert "no-such-id" in response.json()["detail"]


def test_search_finds_a_quote_by_its_words(client):
    page = client.get("/api/search", params={"q": "diplomatic path"}).json()
    assert any("diplomatic path" in hit["text"] for hit in page["quotes"])


def test_search_filters_by_speaker_and_date(client):
    hits = client.get("/api/search", params={"speaker": "Stoltenberg"}).json()["quotes"]
    assert hits and all("Stoltenberg" in hit["speaker_name"] for hit in hits)
    later = client.get("/api/search", params={"speaker": "Stoltenberg", "since": "2023-01-01"}).json()
    assert later["total"] == 0 and later["quotes"] == []


def test_search_articles_with_event_filter(client):
    everything = client.get("/api/search", params={"kind": "articles"}).json()
    asserted = client.get("/api/search", params={"kind": "articles", "factuality": "asserted"}).json()
    assert 0 < asserted["total"] <= everything["total"]
    assert all(hit["events"] > 0 for hit in asserted["articles"])


def test_search_paginates(client):
    first = client.get("/api/search", params={"per_page": 2, "page": 1}).json()
    second = client.get("/api/search", params={"per_page": 2, "page": 2}).json()
    assert first["pages"] >= 2 and len(first["quotes"]) == 2
    keys = {(h["article_id"], h["quote_id"]) for h in first["quotes"]}
    assert keys.isdisjoint({(h["article_id"], h["quote_id"]) for h in second["quotes"]})


def test_search_with_no_match_is_an_empty_page(client):
    page = client.get("/api/search", params={"q": "zzyzxqv"}).json()
    assert page["total"] == 0 and page["quotes"] == [] and page["pages"] == 1


@pytest.mark.parametrize("params, named", [
    ({"since": "yesterday"}, "since"),
    ({"page": 0}, "page"),
    ({"per_page": 1000}, "per_page"),
    ({"factuality": "probably"}, "factuality"),
    ({"country": "Russia"}, "country"),
    ({"kind": "tweets"}, "kind"),
    ({"since": "2024-02-01", "until": "2024-01-01"}, "since"),
])
def test_bad_search_parameters_are_422_naming_the_parameter(client, params, named):
    response = client.get("/api/search", params=params)
    assert response.status_code == 422
    assert named in response.json()["detail"]


def test_speakers_are_ranked_by_quotes(client):
    speakers = client.get("/api/speakers", params={"limit": 3}).json()
    assert 0 < len(speakers) <= 3
    assert [s["quotes"] for s in speakers] == sorted((s["quotes"] for s in speakers), reverse=True)


def test_actor_profile_lists_quotes_by_the_actor(client):
    speaker = client.get("/api/speakers", params={"limit": 1}).json()[0]
    profile = client.get(f"/api/actors/{speaker['key']}").json()
    assert profile["actor"]["name"] == speaker["name"]
    assert len(profile["quotes_by"]) == speaker["quotes"]


def test_unknown_actor_is_404(client):
    assert client.get("/api/actors/nobody").status_code == 404


def test_dyads_and_one_dyad_agree(client):
    dyads = client.get("/api/dyads").json()
    assert dyads, "the test store has counted events"
    top = dyads[0]
    detail = client.get(f"/api/dyads/{top['side_b']}/{top['side_a']}").json()  # order does not matter
    assert (detail["side_a"], detail["side_b"]) == (top["side_a"], top["side_b"])
    assert sum(p["events"] for p in detail["series"]) == top["events"]
    assert len(detail["events"]) == top["events"]


def test_dyad_with_no_events_is_empty_not_an_error(client):
    detail = client.get("/api/dyads/ATA/NRU", params={"period": "day"}).json()
    assert detail["series"] == [] and detail["events"] == [] and detail["alerts"] == []


@pytest.mark.parametrize("url", ["/api/dyads/R!S/UKR", "/api/dyads/RUS/UKR?period=month",
                                 "/api/dyads?limit=0", "/api/alerts?origin=reuters", "/api/standings?period=month"])
def test_bad_dyad_and_alert_parameters_are_422(client, url):
    response = client.get(url)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("invalid parameters")


def test_standings_and_alerts_list_evidence_linking_to_articles(client):
    standings = client.get("/api/standings").json()
    assert standings, "the test store has cross-border conflict in its latest week"
    for standing in standings:
        assert standing["side_a"] != standing["side_b"] and standing["evidence"]
        for evidence in standing["evidence"]:
            assert evidence["rung"] >= 1 and evidence["link"] == f"/article/{evidence['article_id']}#{evidence['event_id']}"
            assert client.get(evidence["link"].split("#")[0]).status_code == 200
    for alert in client.get("/api/alerts", params={"period": "day"}).json():  # never on one article
        assert alert["sources"] >= 2 and len({e["article_id"] for e in alert["evidence"]}) >= 2


def test_same_country_dyads_are_listed_apart(client):
    domestic = client.get("/api/standings", params={"domestic": True}).json()
    assert all(s["side_a"] == s["side_b"] for s in domestic)


def test_empty_store_answers_every_endpoint(empty_client):
    assert empty_client.get("/api/stats").json()["articles"] == 0
    assert empty_client.get("/api/search", params={"q": "anything"}).json()["total"] == 0
    assert empty_client.get("/api/dyads").json() == []
    assert empty_client.get("/api/alerts").json() == []
    assert empty_client.get("/api/standings").json() == []
    assert empty_client.get("/api/watch").json()["as_of"] is None
    assert empty_client.get("/api/speakers").json() == []
    for page in ("/", "/search?q=x", "/alerts", "/dyad/RUS/UKR", "/about", "/api"):
        assert empty_client.get(page).status_code == 200, page


def test_openapi_documents_endpoints_and_record_schemas(client):
    spec = client.get("/api/openapi.json").json()
    assert {"/api/search", "/api/articles/{article_id}", "/api/dyads/{side_a}/{side_b}", "/api/alerts"} <= set(spec["paths"])
    assert {"SearchPage", "Alert", "Standing", "Watch", "DyadDetail", "Article"} <= set(spec["components"]["schemas"])
    parameters = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert {"q", "speaker", "actor", "country", "event_type", "factuality", "since", "until", "page"} <= parameters


@pytest.mark.parametrize("page", ["/", "/article/seed", "/search?q=NATO", "/search?kind=articles&q=NATO",
                                  "/alerts", "/about", "/api", "/dyad/RUS/UKR"])
def test_pages_render(client, page):
    response = client.get(page)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")


def test_pages_use_only_local_assets(client):
    html = client.get("/article/seed").text + client.get("/").text
    assert 'src="http' not in html and 'stylesheet" href="http' not in html
    assert client.get("/static/style.css").status_code == 200


def test_about_page_credits_voice_of_america(client):
    assert "Voice of America" in client.get("/about").text


def test_bad_page_parameter_is_an_html_422(client):
    response = client.get("/search", params={"since": "not-a-date"})
    assert response.status_code == 422
    assert "since" in response.text and response.headers["content-type"].startswith("text/html")


def test_empty_form_fields_mean_no_filter(client):
    assert client.get("/search?q=&since=&until=&factuality=").status_code == 200


def test_hostile_title_and_text_are_escaped(client):
    html = client.get("/article/hostile").text
    assert "<script>window.hostile" not in html
    assert "&lt;script&gt;window.hostileTitle = 1&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x" in html
    assert "<b>vote</b>" not in html
    assert HOSTILE_TITLE not in client.get("/search?kind=articles&q=council").text


def test_actor_links_in_the_article_lead_to_actor_pages(client):
    import re

    html = client.get("/article/seed").text
    links = sorted(set(re.findall(r'href="(/actor/[^"]+)"', html)))
    assert links
    for link in links[:5]:
        assert client.get(link.replace("&amp;", "&")).status_code == 200, link
