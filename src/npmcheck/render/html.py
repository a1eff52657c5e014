"""Self-contained HTML: the workshop report, the roadmap and the comparison.

One file each, with the CSS and the charts (SVG) inline: no scripts, fonts, images or other
files to fetch. Every value is escaped by Jinja's autoescape; only http(s) URLs become links.
"""

from __future__ import annotations

from typing import Any

from npmcheck.render.report import legend_items, plan_context, report_context
from npmcheck.render.templating import render


def report_html(view: dict[str, Any], lang: str) -> str:
    return render("report.html.j2", lang, **report_context(view, lang))


def roadmap_html(view: dict[str, Any], lang: str, by: str = "phase") -> str:
    return render("roadmap.html.j2", lang, r=view, plan=plan_context(view, lang, by),
                  legend_items=legend_items(lang))


def compare_html(view: dict[str, Any], lang: str, criteria: bool = True) -> str:
    """Countries side by side; with `criteria`, the matrix of criteria by countries too."""
    return render("compare.html.j2", lang, c=view, criteria=criteria and bool(view["criteria"]),
                  legend_items=legend_items(lang))
