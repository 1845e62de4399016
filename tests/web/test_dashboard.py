"""The dashboard in a real headless browser (Debian's chromium + chromedriver, driven by selenium)
over the small hand-made store of ``analytics_data``.

Load the dyad chart, click a bar, read the evidence of its events, open the article view and see
its quotes with speakers and its dated events; search an actor. A screenshot of each view is
saved under ``test-artifacts/`` (or ``$NEWSEVENTS_ARTIFACTS``); helpers in ``tests/browser.py``.
The dashboard on the bundled demo corpus: ``test_demo_dashboard.py``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from analytics_data import build
from browser import chromium, needs_chromium, serving
from browser import shot as _shot
from browser import wait as _wait

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(build(tmp_path_factory.mktemp("dashboard") / "news.duckdb")) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as driver:
        yield driver


def test_dashboard_dyad_chart_click_lists_evidence(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(f"{server}/#/dyad?a=USA&b=IRN&by=month")
    _wait(browser, lambda d: d.find_element(By.ID, "chart").get_attribute("data-state") == "ready")
    bars = _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#chart .mark-rect path"))
    assert len(bars) == 1  # one month (1987-03), one quad class
    # one month reads as a month-wide bar on a year's axis, not a block across the whole chart
    assert bars[0].size["width"] < browser.find_element(By.CSS_SELECTOR, "#chart svg").size["width"] / 8
    browser.find_element(By.ID, "events-title")  # the table shows every event of the dyad first
    bars[0].click()
    _wait(browser, lambda d: "1987-03-01 to 1987-03-31" in d.find_element(By.ID, "events-title").text)
    rows = browser.find_elements(By.CSS_SELECTOR, "#events tbody tr")
    assert len(rows) == 1
    evidence = rows[0].find_element(By.CSS_SELECTOR, "mark.evidence")
    assert evidence.text == "The United States accused Iran"
    assert "attacking a tanker in the Gulf." in rows[0].find_element(By.CSS_SELECTOR, "td.sentence").text
    _shot(browser, "dashboard-dyad.png")


def test_dashboard_period_selector_and_filter(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(f"{server}/#/dyad?a=UKR&b=NATO&by=month")
    _wait(browser, lambda d: d.find_element(By.ID, "chart").get_attribute("data-state") == "ready")
    Select(browser.find_element(By.ID, "dyad-by")).select_by_value("day")
    browser.find_element(By.CSS_SELECTOR, "#dyad-form button").click()
    _wait(browser, lambda d: "by=day" in d.current_url and "by day" in d.find_element(By.ID, "chart").text)
    form = browser.find_element(By.ID, "event-form")
    form.find_element(By.NAME, "text").send_keys("batteries")
    form.find_element(By.TAG_NAME, "button").click()
    _wait(browser, lambda d: d.find_element(By.ID, "events-title").text == "Events (1)")
    row = browser.find_element(By.CSS_SELECTOR, "#events tbody tr")
    link = row.find_element(By.CSS_SELECTOR, "td:last-child a")
    assert link.get_attribute("href").endswith("#/article/a1june")
    codes = [a.get_attribute("href").split("#")[1] for a in row.find_elements(By.CSS_SELECTOR, "a.actor, a.dyad")]
    assert codes == ["/actor/IGOWSTNAT", "/actor/UKRGOV", "/dyad?a=IGOWSTNAT&b=UKRGOV"]  # every code leads on


def test_dashboard_article_view_highlights(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(f"{server}/#/article/a1june")
    _wait(browser, lambda d: d.find_element(By.ID, "article-title").text == "Ukraine asks NATO for air defence")
    text = browser.find_element(By.ID, "article-text")
    assert {e.text for e in text.find_elements(By.CSS_SELECTOR, ".timex")} == {"Monday"}
    assert "Zelensky" in [e.text for e in text.find_elements(By.CSS_SELECTOR, ".speaker")]
    assert "We need more systems now." in " ".join(e.text for e in text.find_elements(By.CSS_SELECTOR, ".quote"))
    assert text.find_elements(By.CSS_SELECTOR, ".ent") and text.find_elements(By.CSS_SELECTOR, ".event")
    quotes = browser.find_element(By.ID, "article-quotes").text
    assert quotes.startswith("Zelensky [UKRGOV]: “We need more systems now.”")
    events = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#article-events li")]
    assert events[0].startswith("2025-06-02 (timex)") and "NATO promised" in events[1]
    _shot(browser, "dashboard-article.png")


def test_dashboard_actor_search(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(f"{server}/#/")
    browser.find_element(By.ID, "actor-search").send_keys("nato")
    link = _wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#actor-results a"))
    assert link.text.startswith("IGOWSTNAT")
    link.click()
    _wait(browser, lambda d: d.find_element(By.ID, "actor-title").text.startswith("IGOWSTNAT"))
    partners = browser.find_elements(By.CSS_SELECTOR, "#actor-partners tbody tr")
    assert partners[0].text.startswith("UKRGOV")
    partners[0].find_element(By.LINK_TEXT, "chart").click()
    _wait(browser, lambda d: d.find_element(By.ID, "chart").get_attribute("data-state") == "ready")
    assert browser.find_element(By.ID, "dyad-b").get_attribute("value") == "UKRGOV"
