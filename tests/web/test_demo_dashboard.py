"""The dashboard on the bundled demo corpus, in headless Chromium, as a new user meets it after
``newsevents demo``: the overview at ``/``, the map at ``/#/map``, a dyad page reached from the
overview, an article page.

The store is built once per session from the demo (``demo_db`` in ``conftest.py``: an even
spread of 100 of its 500 articles; ``NEWSEVENTS_DEMO_ARTICLES=all`` for all). What the pages show
is checked against the API's answers for the same store, so the tests hold whatever the
extraction finds; the corpus' own facts (an article's title and URL) are checked literally.
Screenshots go to ``test-artifacts/`` (``$NEWSEVENTS_ARTIFACTS``); the README's two
(``docs/img/demo-overview.png``, ``demo-map.png``) are these tests' on the whole demo
(``NEWSEVENTS_DEMO_ARTICLES=all``; the command is in the README).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote
from urllib.request import urlopen

import pytest
from browser import chromium, needs_chromium, serving, shot, wait

pytestmark = [needs_chromium, pytest.mark.model]


@pytest.fixture(scope="module")
def server(demo_db) -> Iterator[str]:
    with serving(demo_db) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as driver:
        yield driver


def get(server: str, path: str) -> Any:
    """The API's JSON answer for ``path``."""
    with urlopen(server + path) as response:
        return json.load(response)


def ready(driver: Any, element: str) -> Any:
    """Wait until the chart or map in ``#element`` is drawn; return the element."""
    from selenium.webdriver.common.by import By

    wait(driver, lambda d: d.find_element(By.ID, element).get_attribute("data-state") == "ready")
    return driver.find_element(By.ID, element)


def texts(elements: list[Any]) -> list[str]:
    return [e.text for e in elements]


def test_demo_overview_shows_the_store_chart_top_lists_and_latest_events(server, browser):
    from selenium.webdriver.common.by import By

    view = get(server, "/api/overview")
    browser.get(server + "/")
    chart = ready(browser, "overview-chart")
    assert view["articles"] >= 100 and view["events"] > 100
    summary = browser.find_element(By.ID, "overview-summary").text
    assert summary.startswith(f"{view['articles']:,} articles published {view['published_first']} to "
                              f"{view['published_last']}; {view['events']:,} asserted events")
    bars = chart.find_elements(By.CSS_SELECTOR, ".mark-rect.role-mark path")
    assert len(bars) == sum(1 for p in view["series"] for n in p["counts"].values() if n) > 10
    rows = browser.find_elements(By.CSS_SELECTOR, "#overview-events tbody tr")
    assert len(rows) == len(view["latest"]) == 15  # at least 10 latest events, each with its evidence
    assert texts([r.find_element(By.CSS_SELECTOR, "mark.evidence") for r in rows]) == [
        " ".join(h["event"]["evidence"]["text"].split()) for h in view["latest"]]
    hrefs = [a.get_attribute("href").split("#")[1] for a in browser.find_elements(By.CSS_SELECTOR, "#top-actors a.actor")]
    assert hrefs == [f"/actor/{quote(a['code'])}" for a in view["actors"]] and len(hrefs) == 10
    dyad_links = browser.find_elements(By.CSS_SELECTOR, "#top-dyads a.dyad")
    assert [a.get_attribute("href").split("#")[1] for a in dyad_links] == [
        f"/dyad?a={d['a']}&b={d['b']}" for d in view["dyads"]]
    shot(browser, "demo-overview.png")


def test_demo_overview_bar_lists_that_period(server, browser):
    from selenium.webdriver.common.by import By

    view = get(server, "/api/overview")
    busiest = max(view["series"], key=lambda p: (p["events"], p["period"]))
    browser.get(server + "/")
    ready(browser, "overview-chart")
    click_mark(browser, "#overview-chart .mark-rect.role-mark path", "key", busiest["period"])
    title = wait(browser, lambda d: "Events, " in (t := d.find_element(By.ID, "overview-events-title").text) and t)
    assert title.startswith(f"Events, {busiest['period']} to ") and title.endswith(f"({busiest['events']})")
    rows = browser.find_elements(By.CSS_SELECTOR, "#overview-events tbody tr")
    dates = [r.find_element(By.CSS_SELECTOR, "td").text for r in rows]
    assert len(rows) == min(25, busiest["events"]) and all(busiest["period"][:7].startswith(d[:7]) for d in dates), dates


def click_mark(driver: Any, selector: str, field: str, value: Any) -> None:
    """Click the Vega mark under ``selector`` whose datum has ``field`` == ``value`` (a click on
    the mark itself, even where another mark covers its centre)."""
    found = driver.execute_script(
        "const mark = [...document.querySelectorAll(arguments[0])].find("
        "  (m) => m.__data__ && m.__data__.datum && m.__data__.datum[arguments[1]] === arguments[2]);"
        "if (mark) mark.dispatchEvent(new MouseEvent('click', {bubbles: true}));"
        "return Boolean(mark);", selector, field, value)
    assert found, f"no mark {selector} with {field}={value!r}"


def test_demo_map_draws_places_on_the_outline_and_lists_a_places_events(server, browser):
    from selenium.webdriver.common.by import By

    found = get(server, "/api/places")
    browser.get(server + "/#/map")
    world = ready(browser, "map")
    assert len(world.find_elements(By.CSS_SELECTOR, ".mark-shape.role-mark path")) == 177  # the vendored outline
    circles = world.find_elements(By.CSS_SELECTOR, ".mark-symbol.role-mark path")
    assert len(circles) == len(found["places"]) > 10
    note = browser.find_element(By.ID, "map-note").text
    assert note.startswith(f"{len(found['places'])} places; {found['placed']} of {found['events']:,} asserted events")
    shot(browser, "demo-map.png")
    place = found["places"][0]  # the busiest
    click_mark(browser, "#map .mark-symbol.role-mark path", "geonameid", place["geonameid"])
    title = wait(browser, lambda d: (t := d.find_element(By.ID, "map-events-title").text) and t)
    assert title == f"Events at {place['name']}, {place['country']} ({place['events']})"
    page = get(server, f"/api/events?geonameid={place['geonameid']}&limit=25")
    rows = browser.find_elements(By.CSS_SELECTOR, "#map-events tbody tr")
    assert texts([r.find_element(By.CSS_SELECTOR, "mark.evidence") for r in rows]) == [
        " ".join(h["event"]["evidence"]["text"].split()) for h in page["hits"]]
    shot(browser, "demo-map-place.png")


def test_demo_map_filters_by_actor_and_period(server, browser):
    from selenium.webdriver.common.by import By

    actor = get(server, "/api/overview")["actors"][0]["code"]
    found = get(server, f"/api/places?actor={actor}&since=2005&until=2008")
    assert 0 < found["events"] < get(server, "/api/places")["events"]
    browser.get(f"{server}/#/map?actor={actor}&since=2005&until=2008")
    world = ready(browser, "map")
    assert len(world.find_elements(By.CSS_SELECTOR, ".mark-symbol.role-mark path")) == len(found["places"])
    assert browser.find_element(By.ID, "map-actor").get_attribute("value") == actor
    assert f"asserted events involving {actor} have a place" in browser.find_element(By.ID, "map-note").text


def test_demo_dyad_page_from_the_overview(server, browser):
    from selenium.webdriver.common.by import By

    top = get(server, "/api/overview")["dyads"][0]
    series = get(server, f"/api/dyad?a={top['a']}&b={top['b']}")
    total = get(server, f"/api/events?a={top['a']}&b={top['b']}&limit=1")["total"]
    browser.get(server + "/")
    ready(browser, "overview-chart")
    browser.find_element(By.CSS_SELECTOR, "#top-dyads a.dyad").click()
    chart = ready(browser, "chart")
    assert browser.current_url.endswith(f"#/dyad?a={top['a']}&b={top['b']}")
    assert len(chart.find_elements(By.CSS_SELECTOR, ".mark-rect.role-mark path")) == sum(
        1 for p in series["points"] for n in p["counts"].values() if n)
    wait(browser, lambda d: d.find_element(By.ID, "events-title").text == f"All {top['a']}–{top['b']} events ({total})")
    rows = browser.find_elements(By.CSS_SELECTOR, "#events tbody tr")
    assert len(rows) == min(total, 25) and all(r.find_element(By.CSS_SELECTOR, "mark.evidence").text for r in rows)
    shot(browser, "demo-dyad.png")
    rows[0].find_element(By.CSS_SELECTOR, "a.actor").click()  # every code shown leads to its actor
    code = browser.current_url.split("#/actor/")[1]
    wait(browser, lambda d: d.find_element(By.ID, "actor-title").text.startswith(code))


def test_demo_article_page(server, browser):
    from selenium.webdriver.common.by import By

    record = get(server, "/api/articles/enwikinews-779")
    browser.get(server + "/#/article/enwikinews-779")
    wait(browser, lambda d: d.find_element(By.ID, "article-title").text == "Iran close to decision on nuclear program")
    meta = browser.find_element(By.ID, "article-meta")
    assert meta.text.startswith("Wikinews · 2004-11-13 · https://en.wikinews.org/wiki?curid=779")  # the CC BY credit
    text = browser.find_element(By.ID, "article-text")
    assert text.text.startswith("Iran nuclear program Iranian representatives say negotiations")
    assert len(record["entities"]) > 5 and text.find_elements(By.CSS_SELECTOR, ".ent")
    events = browser.find_elements(By.CSS_SELECTOR, "#article-events li")
    assert len(events) == len(record["events"]) > 0
    for li, event in zip(events, record["events"]):
        assert li.text.startswith(f"{event['date']} ({event['date_basis']})")
        assert li.find_element(By.CSS_SELECTOR, "mark.evidence").text == " ".join(event["evidence"]["text"].split())
    assert len(text.find_elements(By.CSS_SELECTOR, ".event")) >= 1
    shot(browser, "demo-article.png")
