"""The view of the offline site (`npmcheck site`): for each language, the countries, the
comparison, the catalogue and every country's report, all built from the same assessments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from npmcheck.views import TypedDict
from npmcheck.views.assessment import CompareView, CountriesView, compare_view, countries_view
from npmcheck.views.catalogue import CatalogueView, catalogue_view
from npmcheck.views.report import ReportView, report_view

if TYPE_CHECKING:
    from npmcheck.domain.model import Catalogue
    from npmcheck.domain.roadmap import Roadmap


class HeatCell(TypedDict):
    score: float | None
    coverage: float | None
    unknown: bool  # every criterion of the area unknown: its score of 0 says nothing


class HeatRow(TypedDict):
    area: str
    title: str
    cells: list[HeatCell]  # one per country, in the order of `countries`


class SiteLanguage(TypedDict):
    countries: CountriesView
    compare: CompareView
    heatmap: list[HeatRow]  # scores by area and country, with their coverage
    catalogue: CatalogueView
    reports: dict[str, ReportView]  # by country id, in the order of `countries`


class SiteView(TypedDict):
    generated: str  # ISO timestamp of the build
    langs: dict[str, SiteLanguage]  # the first language is the site's default


def heat_rows(compare: CompareView) -> list[HeatRow]:
    """The compare view's scores by area, a row per area and a cell per country."""
    return [{"area": a["id"], "title": a["title"],
             "cells": [{"score": score, "coverage": coverage, "unknown": unknown}
                       for score, coverage, unknown
                       in zip(a["scores"], a["coverages"], a["unknown"], strict=True)]}
            for a in compare["areas"]]


def site_view(catalogue: Catalogue, plans: list[Roadmap], langs: tuple[str, ...],
              generated: str) -> SiteView:
    """Every page's content in every language; `plans` are the countries, in the order the
    index lists them, each assessed against `catalogue`."""
    assessments = [p.assessment for p in plans]
    return {
        "generated": generated,
        "langs": {
            lang: {
                "countries": countries_view(assessments, lang),
                "compare": (compare := compare_view(assessments, lang)),
                "heatmap": heat_rows(compare),
                "catalogue": catalogue_view(catalogue, lang),
                "reports": {p.assessment.profile.country.id: report_view(p, lang, generated)
                            for p in plans},
            }
            for lang in langs
        },
    }
