"""The pages in a real headless Chromium (Debian's chromium + chromium-driver, driven by
Selenium), against a uvicorn server the tests start on 127.0.0.1 and a free port. Screenshots
of every page land in test-artifacts/ for people to look at."""

from __future__ import annotations

import json
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

import pytest

from test_web_support import ROOT, web_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1366,900")

# The seed article's quotations (in quotation marks) as a careful reader attributes them:
# (start, end) of the quoted words -> the speaker. The one reported-speech quote a reader also
# finds (the opening sentence, "according to" Blinken) may be highlighted too; nothing else may.
SEED_QUOTATIONS = {(181, 384): "Blinken", (409, 478): "Blinken", (874, 905): "Stoltenberg",
                   (969, 1174): "Stoltenberg", (1537, 1643): "Stoltenberg", (1662, 1848): "Stoltenberg",
                   (2044, 2304): "Blinken", (2319, 2513): "Blinken", (2710, 2815): "official",
                   (2906, 3014): "Blinken", (3029, 3185): "Blinken", (3292, 3464): "Stoltenberg",
                   (3474, 3616): "Stoltenberg"}

pytestmark = pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
                                reason="needs Debian's chromium and chromium-driver (.ci/run installs them)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServerThread(threading.Thread):
    """uvicorn serving the app in this process until `stop()`."""

    def __init__(self, app, port: int):
        import uvicorn

        super().__init__(daemon=True)
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))

    def run(self) -> None:
        self.server.run()

    def start_and_wait(self) -> None:
        self.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.join(timeout=10)


@pytest.fixture(scope="module")
def base_url():
    from brink.web import create_app

    port = free_port()
    server = ServerThread(create_app(web_store()), port)
    server.start_and_wait()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="brink-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def screenshot(browser, name: str) -> Path:
    """A full-page screenshot: the window is stretched to the page's height first."""
    ARTIFACTS.mkdir(exist_ok=True)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1366, min(max(height, 700), 6000))
    path = ARTIFACTS / f"{name}.png"
    browser.save_screenshot(str(path))
    browser.set_window_size(1366, 900)
    return path


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def seed_passages(browser, base_url) -> dict[tuple[int, int], str]:
    """The seed page's highlighted passages: (start, end) -> the speaker shown."""
    from selenium.webdriver.common.by import By

    browser.get(f"{base_url}/article/seed")
    assert browser.find_element(By.ID, "text").text.startswith("Russian President Vladimir Putin")
    passages = {}
    for span in browser.find_elements(By.CSS_SELECTOR, "#text [data-quote]"):
        passages[int(span.get_attribute("data-start")), int(span.get_attribute("data-end"))] = \
            span.get_attribute("data-speaker")
    return passages


def test_seed_article_highlights_thirteen_quotes_with_their_speakers(browser, base_url):
    passages = seed_passages(browser, base_url)
    screenshot(browser, "article-seed")
    right = [gold for gold, speaker in SEED_QUOTATIONS.items()
             if any(overlap(gold, found) >= (gold[1] - gold[0]) / 2 and speaker.lower() in name.lower()
                    for found, name in passages.items())]
    assert len(right) == 13, f"quotations highlighted with the right speaker: {right}; page: {sorted(passages.items())}"


def test_seed_article_highlights_no_quotation_that_is_not_one(browser, base_url, seed_text):
    # Indirect attributions ("Russia's demand that ...") are highlighted too; every highlighted
    # passage in quotation marks must be one of the article's 13 quotations.
    passages = seed_passages(browser, base_url)
    marked = [found for found in passages if any(mark in seed_text[found[0]:found[1]] for mark in "“”\"")]
    stray = [found for found in marked if not any(overlap(found, gold) for gold in SEED_QUOTATIONS)]
    assert len(marked) >= 13 and stray == [], f"quoted passages highlighted that are not quotations: {stray}"


def test_hostile_article_renders_inert(browser, base_url):
    from selenium.webdriver.common.by import By

    browser.get(f"{base_url}/article/hostile")
    screenshot(browser, "article-hostile")
    ran = browser.execute_script("return [window.hostileTitle, window.hostileText, window.hostileImg]")
    assert ran == [None, None, None]
    assert "<script>" in browser.find_element(By.TAG_NAME, "h1").text
    assert "<img src=x" in browser.find_element(By.ID, "text").text


def test_dyad_page_draws_its_chart(browser, base_url):
    from selenium.webdriver.common.by import By

    with urlopen(f"{base_url}/api/dyads?limit=1") as response:
        busiest = json.load(response)[0]
    browser.get(f"{base_url}/dyad/{busiest['side_a']}/{busiest['side_b']}?period=day")
    screenshot(browser, "dyad")
    bars = browser.find_elements(By.CSS_SELECTOR, "#chart svg rect")
    assert bars, "no bars in the dyad chart"
    box = browser.find_element(By.CSS_SELECTOR, "#chart svg").rect
    assert box["width"] > 400 and box["height"] > 100
    assert all(float(bar.get_attribute("height")) > 0 for bar in bars)


def test_search_finds_a_quote(browser, base_url):
    from selenium.webdriver.common.by import By

    browser.get(f"{base_url}/search")
    field = browser.find_element(By.CSS_SELECTOR, "form.filters input[name=q]")
    field.send_keys("diplomatic path")
    from selenium.webdriver.support.ui import WebDriverWait

    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    WebDriverWait(browser, 10).until(lambda driver: "q=diplomatic" in driver.current_url)
    results = browser.find_element(By.ID, "results")
    screenshot(browser, "search")
    assert "We would far prefer a diplomatic path" in results.text
    assert "Blinken" in results.text


def test_actor_page_lists_the_speakers_quotes(browser, base_url):
    from selenium.webdriver.common.by import By

    with urlopen(f"{base_url}/api/speakers?limit=1") as response:
        speaker = json.load(response)[0]
    browser.get(f"{base_url}/actor/{quote(speaker['key'], safe='')}")
    screenshot(browser, "actor")
    assert browser.find_element(By.TAG_NAME, "h1").text == speaker["name"]
    assert len(browser.find_elements(By.CSS_SELECTOR, "ul.quotes li blockquote")) >= speaker["quotes"]


@pytest.mark.parametrize("page", ["/", "/alerts", "/about", "/api"])
def test_other_pages_render_without_errors(browser, base_url, page):
    from selenium.webdriver.common.by import By

    browser.get(base_url + page)
    screenshot(browser, "home" if page == "/" else page.strip("/"))
    assert browser.find_element(By.TAG_NAME, "h1").text
    assert "brink" in browser.title


def test_home_shows_cross_border_standings_with_evidence(browser, base_url):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    with urlopen(f"{base_url}/api/standings?limit=10") as response:
        standings = json.load(response)
    assert standings and all(s["side_a"] != s["side_b"] for s in standings)
    browser.get(f"{base_url}/")
    screenshot(browser, "home-standings")
    rows = browser.find_elements(By.CSS_SELECTOR, "#standings tbody tr")
    assert len(rows) == len(standings)
    first = rows[0].find_elements(By.TAG_NAME, "td")
    assert first[0].text == f"{standings[0]['side_a']} – {standings[0]['side_b']}"
    assert first[1].text == standings[0]["rung_name"]
    link = rows[0].find_element(By.CSS_SELECTOR, ".evidence-links a")
    evidence = standings[0]["evidence"][0]
    assert link.get_attribute("href") == f"{base_url}{evidence['link']}"
    link.click()
    WebDriverWait(browser, 10).until(lambda driver: "/article/" in driver.current_url)
    screenshot(browser, "home-standings-evidence")
    assert browser.find_element(By.ID, "text").text
