"""The offline site (`npmcheck site -o DIR`): every page as a file, with relative links only.

The site opens from a USB stick or any folder, without a network or a server: each page carries
its CSS inline, nothing is fetched from outside (no fonts, images or scripts from elsewhere), and
the search page carries its own index as a JavaScript literal (a browser does not let a page
read a JSON file beside it from file://). Pages other than the search page have no script.

Layout, for each language L of the view:

    index.html                      both languages: choose one
    L/index.html                    the countries with their stage, score and coverage
    L/countries/<id>.html           each country's report
    L/compare.html                  the comparison, with the heatmap of scores by area
    L/criteria/index.html           the catalogue
    L/criteria/<id>.html            each criterion, with its status in each country
    L/search.html                   search over countries and criteria

Each page links to the same page in the other language. Source addresses (http and https) are
printed as text to copy, not as links: every link in the site opens a file of the site.
"""

from __future__ import annotations

import json
import posixpath
import re
import unicodedata
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from npmcheck.i18n import tr
from npmcheck.render.cells import fmt_num
from npmcheck.render.charts import Picture, compare_heatmap, report_pictures
from npmcheck.render.registry import Options
from npmcheck.render.templating import render
from npmcheck.render.wording import handout_context, legend_items, report_context
from npmcheck.views.labels import label

if TYPE_CHECKING:
    from npmcheck.views.assessment import CompareView
    from npmcheck.views.catalogue import CatalogueView
    from npmcheck.views.site import HeatRow, SiteLanguage, SiteView

LANG_NAMES = {"en": "English", "ru": "Русский"}  # each in its own language


def site(view: SiteView, options: Options) -> dict[str, str]:
    """Every file of the site: relative POSIX path -> HTML."""
    langs = list(view["langs"])
    files: dict[str, str] = {"index.html": _home(view, langs)}
    for lang in langs:
        files.update(_language(view, lang, langs))
    return files


def rel(page: str, target: str) -> str:
    """The link from the file `page` to the file `target` (both relative to the site's root);
    a fragment (`#x`) on `target` is kept."""
    path, hashmark, fragment = target.partition("#")
    link = posixpath.relpath(path, posixpath.dirname(page) or ".")
    return link + hashmark + fragment


def country_page(lang: str, country: str) -> str:
    return f"{lang}/countries/{country}.html"


def criterion_page(lang: str, criterion: str) -> str:
    return f"{lang}/criteria/{criterion}.html"


def _other(lang: str, langs: list[str]) -> str:
    return next((x for x in langs if x != lang), lang)


def _chrome(page: str, lang: str, langs: list[str], current: str) -> dict[str, Any]:
    """The navigation of a page: links to the main pages, the search form and the switch to
    the same page in the other language."""
    other = _other(lang, langs)
    twin = f"{other}/{page.split('/', 1)[1]}"
    return {
        "site": {
            "home": rel(page, f"{lang}/index.html"),
            "compare": rel(page, f"{lang}/compare.html"),
            "criteria": rel(page, f"{lang}/criteria/index.html"),
            "search": rel(page, f"{lang}/search.html"),
            "root": rel(page, "index.html"),
            "current": current,
            "other": {"lang": other, "name": LANG_NAMES.get(other, other),
                      "href": rel(page, twin)},
        },
        "offline": True,  # _macros.link prints addresses as text
    }


def _home(view: SiteView, langs: list[str]) -> str:
    """The root page, in every language at once."""
    choices = []
    for lang in langs:
        data = view["langs"][lang]
        choices.append({
            "lang": lang, "name": LANG_NAMES.get(lang, lang), "href": f"{lang}/index.html",
            "title": tr(lang, "OPCAT and the National Preventive Mechanism"),
            "text": tr(lang, "The reports on the countries ({countries}), their comparison, "
                             "and the criteria of the catalogue ({criteria}).",
                       countries=len(data["countries"]["countries"]),
                       criteria=len(data["catalogue"]["criteria"]))})
    return render("site-home.html.j2", langs[0], choices=choices)


def _language(view: SiteView, lang: str, langs: list[str]) -> dict[str, str]:
    data = view["langs"][lang]
    pages: dict[str, str] = {}
    for country, report in data["reports"].items():
        page = country_page(lang, country)
        pages[page] = render("report.html.j2", lang, layout="site-page.html.j2",
                             **_chrome(page, lang, langs, "countries"),
                             pictures={name: _picture(p) for name, p
                                       in report_pictures(report, lang).items()},
                             h=handout_context(report, lang, alone=False),
                             **report_context(report, lang))
    statuses = _statuses(data["compare"])
    anchors = {(country, criterion) for country, criterion in statuses
               if f'id="gap-{criterion}"' in pages[country_page(lang, country)]}
    page = f"{lang}/index.html"
    pages[page] = render("site-index.html.j2", lang, **_chrome(page, lang, langs, "home"),
                         countries=[{**row, "href": rel(page, country_page(lang, row["id"]))}
                                    for row in data["countries"]["countries"]],
                         catalogue=data["catalogue"]["catalogue"], generated=view["generated"],
                         criteria_count=len(data["catalogue"]["criteria"]))
    page = f"{lang}/compare.html"
    pages[page] = render("site-compare.html.j2", lang, **_chrome(page, lang, langs, "compare"),
                         c=data["compare"], heatmap=heatmap_table(data["heatmap"], lang),
                         picture=heatmap_picture(data["compare"], lang),
                         hrefs=[rel(page, country_page(lang, x["id"]))
                                for x in data["compare"]["countries"]],
                         criteria_hrefs=[rel(page, criterion_page(lang, row["id"]))
                                         for row in data["compare"]["criteria"]],
                         legend_items=legend_items(lang))
    pages.update(_catalogue(data, lang, langs, statuses, anchors))
    page = f"{lang}/search.html"
    pages[page] = render("site-search.html.j2", lang, **_chrome(page, lang, langs, "search"),
                         index=_script_literal(search_index(view, lang)),
                         messages=_script_literal(_search_messages(lang)))
    return pages


def _statuses(compare: CompareView) -> dict[tuple[str, str], str]:
    """(country id, criterion id) -> status."""
    ids = [x["id"] for x in compare["countries"]]
    return {(country, row["id"]): status
            for row in compare["criteria"] for country, status in zip(ids, row["statuses"],
                                                                      strict=True)}


def _catalogue(data: SiteLanguage, lang: str, langs: list[str],
               statuses: dict[tuple[str, str], str], anchors: set[tuple[str, str]]
               ) -> dict[str, str]:
    catalogue: CatalogueView = data["catalogue"]
    criteria = catalogue["criteria"]
    titles = {c["id"]: c["title"] for c in criteria}
    required_by: dict[str, list[str]] = {c["id"]: [] for c in criteria}
    for c in criteria:
        for prerequisite in c["requires"]:
            required_by.setdefault(prerequisite, []).append(c["id"])
    pages: dict[str, str] = {}
    index = f"{lang}/criteria/index.html"
    pages[index] = render(
        "site-criteria.html.j2", lang, **_chrome(index, lang, langs, "criteria"), cat=catalogue,
        by_area=[(area, [c for c in criteria if c["area"] == area["id"]])
                 for area in catalogue["areas"]],
        hrefs={c["id"]: rel(index, criterion_page(lang, c["id"])) for c in criteria})
    countries = data["countries"]["countries"]
    for c in criteria:
        page = criterion_page(lang, c["id"])

        def link(other: str, page: str = page) -> dict[str, str]:
            return {"id": other, "title": titles.get(other, other),
                    "href": rel(page, criterion_page(lang, other))}

        rows = []
        for country in countries:
            status = statuses.get((country["id"], c["id"]), "unknown")
            target = country_page(lang, country["id"])
            if (country["id"], c["id"]) in anchors:
                target += f"#gap-{c['id']}"
            rows.append({"name": country["name"], "status": status,
                         "status_label": label("status", status, lang),
                         "href": rel(page, target)})
        pages[page] = render(
            "site-criterion.html.j2", lang, **_chrome(page, lang, langs, "criteria"), c=c,
            area_href=rel(page, f"{index}#area-{c['area']}"), index_href=rel(page, index),
            requires=[link(r) for r in c["requires"]],
            required_by=[link(r) for r in required_by.get(c["id"], [])],
            countries=rows, legend_items=legend_items(lang))
    return pages


def heatmap_table(rows: list[HeatRow], lang: str) -> dict[str, Any]:
    """Scores by area and country as a table whose cells are shaded by score and always carry
    the score as text (so that it reads in black and white). An area where nothing is known
    is hatched and marked unknown, distinct from a score of 0."""
    shown = []
    for row in rows:
        cells: list[dict[str, Any]] = []
        for cell in row["cells"]:
            score, coverage = cell["score"], cell["coverage"]
            if score is None or cell["unknown"]:
                cells.append({"score": None, "style": "", "title": tr(lang, "unknown")})
                continue
            lightness = 96 - round(score * 0.6)  # 0 -> 96 % (near white), 100 -> 36 %
            ink = "#ffffff" if lightness < 62 else "#1b1f24"
            cells.append({"score": score,
                          "style": f"background-color:hsl(210,45%,{lightness}%);color:{ink}",
                          "title": tr(lang, "score {score}, coverage {coverage}",
                                      score=fmt_num(score, lang),
                                      coverage=fmt_num(coverage, lang, "%"))})
        shown.append({"title": row["title"], "cells": cells})
    return {"rows": shown, "unknown": tr(lang, "unknown")}


def heatmap_picture(compare: CompareView, lang: str) -> dict[str, Any]:
    """The heatmap of render.charts for the page."""
    return _picture(compare_heatmap(compare, lang))


def _picture(picture: Picture) -> dict[str, Any]:
    """A picture for a template (as render.html gives it), its SVG without namespace and
    metadata addresses: inside an HTML page they are not needed, and the site names none."""
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", picture.svg, count=1, flags=re.S)
    svg = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", svg)
    return {"svg": Markup(svg), "alt": picture.alt, "caption": picture.caption}


def fold(text: str) -> str:
    """What the search compares: lower case, no accents (ё as е, é as e), and words apart
    (punctuation, as in ids, is a space). The search page folds the query the same way (NFKD,
    then drop the combining marks) and matches each of its words to the start of a word."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    kept = "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))
    return " ".join("".join(ch if ch.isalnum() else " " for ch in kept).split())


def search_index(view: SiteView, lang: str) -> list[dict[str, str]]:
    """One entry per country and per criterion: kind, title, a line under it, the link from the
    search page, and the folded text to match: the names and titles in every language of the
    site (a Russian name finds the country on the English page too), codes and ids, and the
    criterion's requirement."""
    page = f"{lang}/search.html"
    data = view["langs"][lang]
    every = list(view["langs"].values())
    entries: list[dict[str, str]] = []
    for i, row in enumerate(data["countries"]["countries"]):
        names = [other["countries"]["countries"][i]["name"] for other in every]
        line = tr(lang, "{stage} · score {score} · coverage {coverage}",
                  stage=row["stage_label"], score=fmt_num(row["score"], lang),
                  coverage=fmt_num(row["coverage"], lang, "%"))
        entries.append({"k": "country", "t": row["name"], "s": line,
                        "u": rel(page, country_page(lang, row["id"])),
                        "h": fold(" ".join([*names, row["id"], row["code"],
                                            row["stage_label"]]))})
    for i, c in enumerate(data["catalogue"]["criteria"]):
        titles = [other["catalogue"]["criteria"][i]["title"] for other in every]
        entries.append({"k": "criterion", "t": c["title"], "s": f"{c['area_title']} · {c['id']}",
                        "u": rel(page, criterion_page(lang, c["id"])),
                        "h": fold(" ".join([*titles, c["id"], c["area_title"],
                                            c["requirement"]]))})
    return entries


def _search_messages(lang: str) -> dict[str, str]:
    return {
        "country": tr(lang, "Country"),
        "criterion": tr(lang, "Criterion"),
        "found": tr(lang, "Found: {count}"),
        "none": tr(lang, "Nothing found for \u201c{query}\u201d."),
        "hint": tr(lang, "Type a country, a criterion or a word of its requirement."),
    }


def _script_literal(value: Any) -> Markup:
    """`value` as a JavaScript literal that is safe inside <script> (no '<' to end it)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return Markup(text)
