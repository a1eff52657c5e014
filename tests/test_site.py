"""`npmcheck site -o DIR`: the offline site, read back file by file (tests/test_site_browser.py
opens it in Chromium).

The site is built once for this module on the bundled catalogue and four bundled profiles
(sitecheck.SITE_COUNTRIES); the tests of writing and refusing
a folder use the small fixture data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, MINI
from npmcheck.render.site import fold, heatmap_table
from sitecheck import SITE_COUNTRIES, PageParts, pages, read_page, resolve, shared_site

LANGS = ("en", "ru")
MINI_DATA = ("--data", str(MINI))
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, _shared_cache: Path) -> Path:
    return shared_site(tmp_path_factory, _shared_cache)


@pytest.fixture(scope="module")
def read(site: Path) -> dict[str, PageParts]:
    return pages(site)


@pytest.fixture(scope="module")
def bundled_ids(site: Path) -> dict[str, list[str]]:
    """The country and criterion ids of the bundled data, from the site's own manifest."""
    files = json.loads((site / "npmcheck-site.json").read_text("utf-8"))["files"]
    return {kind: sorted(f.removeprefix(f"en/{kind}/").removesuffix(".html") for f in files
                         if f.startswith(f"en/{kind}/") and not f.endswith("/index.html"))
            for kind in ("countries", "criteria")}


def test_every_page_of_the_site_exists(site: Path, bundled_ids: dict[str, list[str]]) -> None:
    countries, criteria = bundled_ids["countries"], bundled_ids["criteria"]
    assert countries == sorted(SITE_COUNTRIES)
    assert "turkmenistan" in countries and "ratification.instrument-deposited" in criteria
    expected = {"index.html"}
    for lang in LANGS:
        expected |= {f"{lang}/{p}.html" for p in ("index", "compare", "search", "criteria/index")}
        expected |= {f"{lang}/countries/{c}.html" for c in countries}
        expected |= {f"{lang}/criteria/{c}.html" for c in criteria}
    written = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert written == expected | {"npmcheck-site.json"}
    manifest = json.loads((site / "npmcheck-site.json").read_text("utf-8"))
    assert manifest["files"] == sorted(expected)
    assert manifest["generated"].startswith("2026-01-01")
    assert not [p for p in site.parent.iterdir() if p.name.startswith(".bundled-site.")]


def test_every_link_is_relative_and_opens_a_file_of_the_site(
        site: Path, read: dict[str, PageParts]) -> None:
    """No address outside the site in any attribute, style or script; every link and form opens
    a file of the site, and every #fragment an id on that page."""
    checked = 0
    for page, parts in read.items():
        for tag, attribute, value in parts.links:
            where = f"{page}: <{tag} {attribute}={value!r}>"
            assert value and not SCHEME.match(value) and not value.startswith("/"), where
            target, fragment = resolve(page, value)
            assert (site / target).is_file(), where
            if fragment:
                assert fragment in read[target].ids, where
            checked += 1
        for style in parts.styles:  # url(#id) names a pattern of an inline picture
            assert not re.search(r"url\((?!#)", style) and "@import" not in style, page
        for src, text in parts.scripts:
            assert src is None, page  # the search index and code are in the page itself
            assert not re.search(r"\bfetch\(|XMLHttpRequest|import\(", text), page
        text = (site / page).read_text("utf-8")
        assert not re.search(r"""(href|src|action)\s*=\s*["']?\s*(https?:)?//""", text), page
    assert checked > 5000


def test_both_languages_and_the_switch_to_the_same_page(read: dict[str, PageParts]) -> None:
    for page, parts in read.items():
        if page == "index.html":
            continue
        lang, rest = page.split("/", 1)
        other = "ru" if lang == "en" else "en"
        assert parts.lang == lang, page
        assert parts.other_language == (f"{'../' * rest.count('/')}../{other}/{rest}", other), \
            page
        assert resolve(page, parts.other_language[0])[0] == f"{other}/{rest}", page
        assert f"{other}/{rest}" in read, page
        cyrillic = bool(re.search("[А-Яа-яЁё]", parts.title))
        assert cyrillic == (lang == "ru"), f"{page}: {parts.title}"
    root = read["index.html"]
    assert {v for tag, a, v in root.links if tag == "a"} == {"en/index.html", "ru/index.html"}


def test_the_pages_read_as_the_site_says(site: Path) -> None:
    en = (site / "en" / "index.html").read_text("utf-8")
    ru = (site / "ru" / "index.html").read_text("utf-8")
    assert "Turkmenistan" in en and "Not a party to OPCAT" in en and "13.3%" in en
    assert "Туркменистан" in ru and "Страны" in ru and "Не является участником ФП КПП" in ru
    compare = (site / "ru" / "compare.html").read_text("utf-8")
    assert 'class="heat"' in compare and "Баллы по разделам" in compare
    # the heatmap picture of render.charts, inline, in the page's language; an area of which
    # nothing is known is "unknown" there (Uzbekistan's resources), not 0, while an area not
    # met because its prerequisites are not (Turkmenistan's resources: no NPM) is a 0
    svg = re.search(r'<div class="picture" role="img" aria-label="([^"]*)"><svg', compare)
    assert svg is not None and "Туркменистан: Ратификация 28,6" in svg.group(1)
    assert re.search(r"Узбекистан: [^;]*Ресурсы нет данных", svg.group(1))
    assert re.search(r"Туркменистан: [^;]*Ресурсы 0,0", svg.group(1))
    criterion = (site / "en" / "criteria" / "designation.body-designated.html").read_text("utf-8")
    assert "In each country" in criterion and "../countries/turkmenistan.html" in criterion
    # the country page is the report, with the site's navigation around it
    report = read_page(site / "en" / "countries" / "kazakhstan.html")
    assert {"summary", "areas", "gaps", "roadmap", "sources", "method"} <= report.ids
    assert report.other_language == ("../../ru/countries/kazakhstan.html", "ru")
    # a source's address is printed to be copied, not linked
    sources = (site / "en" / "countries" / "kazakhstan.html").read_text("utf-8")
    assert re.search(r'<span class="id">https?://', sources)
    # a peer's figures, year by year, each row with its sources linked to the list
    georgia = (site / "en" / "countries" / "georgia.html").read_text("utf-8")
    rows = georgia.split("What the NPM did, year by year")[1].split("</table>")[0]
    cited = re.findall(r'<td class="nowrap"> <span class="refs">\[(.*?)\]</span></td></tr>', rows)
    assert cited and len(cited) == rows.count("<tr>") - 1
    for n in re.findall(r'href="#source-(\d+)"', "".join(cited)):
        assert f'id="source-{n}"' in georgia


def test_the_search_page_holds_its_index(site: Path) -> None:
    """The index is a literal in the page: a browser does not let a page read a file beside it
    from file://. Names in every language are folded into each entry."""
    parts = read_page(site / "en" / "search.html")
    (_, code), = parts.scripts
    literal = re.search(r"var INDEX = (\[.*?\]);\n", code, re.S)
    assert literal is not None
    index: list[dict[str, Any]] = json.loads(literal.group(1))
    kinds = [e["k"] for e in index]
    assert kinds.count("country") == len(SITE_COUNTRIES) and kinds.count("criterion") == 58
    turkmenistan = next(e for e in index if e["t"] == "Turkmenistan")
    assert "туркменистан" in turkmenistan["h"] and turkmenistan["u"] == \
        "countries/turkmenistan.html"
    assert "</" not in code.replace("</script>", "")


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Ёлка Café ÉTAT") == "елка cafe etat"
    assert fold("Соединённое Королевство") == "соединенное королевство"
    assert fold("designation.legal-basis (Art. 17)") == "designation legal basis art 17"


def test_heatmap_marks_unknown_apart_from_zero() -> None:
    rows = [{"area": "a", "title": "Area", "cells": [
        {"score": 0.0, "coverage": 0.0, "unknown": True},
        {"score": 0.0, "coverage": 40.0, "unknown": False},
        {"score": None, "coverage": None, "unknown": True},
        {"score": 87.5, "coverage": 100.0, "unknown": False}]}]
    cells = heatmap_table(rows, "en")["rows"][0]["cells"]
    assert [c["score"] for c in cells] == [None, 0.0, None, 87.5]
    assert cells[0]["title"] == "unknown" and cells[1]["title"] == "score 0.0, coverage 40.0%"
    assert "hsl(210,45%,96%)" in cells[1]["style"] and "#ffffff" in cells[3]["style"]
    assert heatmap_table(rows, "ru")["unknown"] == "нет данных"


# ---------------------------------------------------------------- writing the folder


@pytest.fixture
def _fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}.")]


@pytest.mark.usefixtures("_fixed_time")
def test_an_empty_folder_takes_the_site_and_an_earlier_site_is_replaced_whole(
        cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    report = str(FIXTURES / "report")
    code, _, err = cli("site", "-o", folder, *MINI_DATA, "--data", report)
    assert code == 0, err
    assert (folder / "en" / "countries" / "reportland.html").is_file()
    code, _, err = cli("site", "-o", folder, *MINI_DATA)
    assert code == 0, err
    assert not (folder / "en" / "countries" / "reportland.html").exists()  # nothing stale
    assert (folder / "ru" / "countries" / "operating.html").is_file()
    assert _leftovers(folder) == []
    # a file added to it makes it a folder of someone's files: refused, left as it is
    (folder / "en" / "handout.pdf").write_bytes(b"%PDF-1.7")
    before = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
    code, _, err = cli("site", "-o", folder, *MINI_DATA)
    assert code == 2 and "E203" in err and "en/handout.pdf" in err and err.count("\n") == 1
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == before
    assert _leftovers(folder) == []


def test_a_folder_of_other_files_is_refused_and_left_alone(cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", "utf-8")
    code, out, err = cli("site", "-o", folder, *MINI_DATA)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "E203" in err and "npmcheck-site.json" in err
    assert [p.name for p in folder.iterdir()] == ["notes.txt"] and _leftovers(folder) == []
    code, _, err = cli("site", "-o", folder, *MINI_DATA, "--lang", "ru")
    assert code == 2 and "нет прежнего сайта" in err and err.count("\n") == 1


@pytest.mark.parametrize("case", ["file", "no-parent"])
def test_a_folder_that_cannot_be_used_gets_one_line(cli: Any, tmp_path: Path, case: str) -> None:
    if case == "file":
        target = tmp_path / "site.html"
        target.write_text("x", "utf-8")
    else:
        target = tmp_path / "missing" / "site"
    code, out, err = cli("site", "-o", target, *MINI_DATA)
    assert code == 2 and out == "" and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert not (tmp_path / "missing").exists()
    assert "E206" in err
    if case == "file":
        assert target.read_text("utf-8") == "x" and "is not a folder" in err
        code, _, err = cli("site", "-o", target, *MINI_DATA, "--lang", "ru")
        assert code == 2 and "— не папка" in err and err.count("\n") == 1
