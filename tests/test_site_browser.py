"""The offline site in a real browser: headless Chromium (Debian's `chromium`; .ci/run installs
it) opens the pages from file://, as from a USB stick with no network.

Each page must load with no console error, no uncaught exception, no failed request and no
request outside file://; the language switch must lead to the same page in the other language,
and the search must find countries and criteria, from its own form, from the search form of
another page (?q=) and from the address (#q=). Without Chromium these tests are skipped and say
why. The check of every page (about 150) is marked slow: run it with `-m slow`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from chromium import Browser, find
from sitecheck import shared_site


@pytest.fixture(scope="module")
def program() -> str:
    found = find()
    if found is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install -y chromium); the site "
                    "was not opened in a browser")
    return found


@pytest.fixture(scope="module")
def site(program: str, tmp_path_factory: pytest.TempPathFactory, _shared_cache: Path) -> Path:
    return shared_site(tmp_path_factory, _shared_cache)


@pytest.fixture(scope="module")
def browser(program: str) -> Iterator[Browser]:
    with Browser(program) as opened:
        yield opened


def url(site: Path, page: str, query: str = "") -> str:
    return (site / page).as_uri() + query


KEY_PAGES = ["index.html", *(f"{lang}/{page}.html" for lang in ("en", "ru") for page in (
    "index", "compare", "criteria/index", "search", "countries/kazakhstan",
    "countries/turkmenistan", "criteria/designation.body-designated"))]


def test_key_pages_load_cleanly_from_file(site: Path, browser: Browser) -> None:
    for page in KEY_PAGES:
        opened = browser.open(url(site, page))
        assert opened.problems == [], page
        assert browser.evaluate("document.querySelector('h1').textContent.trim()"), page
    assert browser.evaluate("document.documentElement.lang") == "ru"


def test_the_language_switch_opens_the_same_page(site: Path, browser: Browser) -> None:
    browser.open(url(site, "en/countries/kazakhstan.html"))
    opened = browser.follow("document.getElementById('other-language').click()")
    assert opened.url == url(site, "ru/countries/kazakhstan.html") and opened.problems == []
    assert browser.evaluate("document.documentElement.lang") == "ru"
    assert browser.evaluate("document.querySelector('h1').textContent") == "Казахстан"
    opened = browser.follow("document.getElementById('other-language').click()")
    assert opened.url == url(site, "en/countries/kazakhstan.html")
    browser.open(url(site, "index.html"))
    opened = browser.follow("document.getElementById('lang-ru').click()")
    assert opened.url == url(site, "ru/index.html") and opened.problems == []


RESULTS = "[...document.querySelectorAll('#results a')].map(a => a.textContent)"


def test_search_finds_countries_and_criteria(site: Path, browser: Browser) -> None:
    # from the search form of another page: the query arrives as ?q=
    browser.open(url(site, "en/index.html"))
    opened = browser.follow("document.querySelector('nav input[name=q]').value = 'kazakh'; "
                            "document.querySelector('nav form').submit()")
    assert opened.url == url(site, "en/search.html", "?q=kazakh") and opened.problems == []
    assert browser.evaluate(RESULTS) == ["Kazakhstan"]
    # a Russian name finds the country on the English page; the result opens its report
    browser.open(url(site, "en/search.html", "#q=" + quote("туркмен")))
    assert browser.evaluate(RESULTS) == ["Turkmenistan"]
    opened = browser.follow("document.querySelector('#results a').click()")
    assert opened.url == url(site, "en/countries/turkmenistan.html") and opened.problems == []
    # criteria by a word of the title, the switch keeps the query
    opened = browser.open(url(site, "ru/search.html", "#q=" + quote("НПМ назначен")))
    assert opened.problems == []
    found = browser.evaluate(RESULTS)
    assert "НПМ создан или назначен" in found
    assert browser.evaluate("document.getElementById('status').textContent") == \
        f"Найдено: {len(found)}"
    assert browser.evaluate("document.getElementById('other-language').getAttribute('href')") \
        == "../en/search.html#q=" + quote("НПМ назначен")
    # typing in the search page's own field
    browser.evaluate("const q = document.getElementById('q'); q.value = 'zzzz'; "
                     "q.dispatchEvent(new Event('input'))")
    assert browser.evaluate(RESULTS) == []
    assert browser.evaluate("document.getElementById('status').textContent") == \
        "По запросу «zzzz» ничего не найдено."


@pytest.mark.slow
def test_every_page_loads_cleanly_from_file(
        browser: Browser, tmp_path_factory: pytest.TempPathFactory, _shared_cache: Path) -> None:
    """Every page of the site of all the bundled data."""
    site = shared_site(tmp_path_factory, _shared_cache, every=True)
    every = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(every) > 150
    failed = {page: problems for page in every
              if (problems := browser.open(url(site, page)).problems)}
    assert failed == {}
