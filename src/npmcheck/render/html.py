"""Self-contained HTML: the workshop report, the roadmap and the comparison.

One file each, with the CSS and the charts (SVG) inline: no scripts, fonts, images or other
files to fetch. Every value is escaped by Jinja's autoescape; only http(s) URLs become links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from npmcheck.render.charts import Picture, compare_heatmap, report_pictures, timeline
from npmcheck.render.registry import Options
from npmcheck.render.templating import render
from npmcheck.render.wording import handout_context, legend_items, plan_context, report_context

if TYPE_CHECKING:
    from npmcheck.views.assessment import CompareView
    from npmcheck.views.report import ReportView
    from npmcheck.views.roadmap import RoadmapView



def _inline(picture: Picture) -> dict[str, str]:
    """A picture for a template: its SVG as markup (matplotlib escapes the text it writes)."""
    from markupsafe import Markup

    return {"svg": Markup(picture.svg), "alt": picture.alt, "caption": picture.caption}


def report(view: ReportView, options: Options) -> str:
    lang = options.lang
    pictures = {k: _inline(p) for k, p in report_pictures(view, lang).items()}
    return render("report.html.j2", lang, pictures=pictures,
                  h=handout_context(view, lang, alone=False), **report_context(view, lang))


def handout(view: ReportView, options: Options) -> str:
    """`report --handout`: two A4 pages at most (the full report begins with them too)."""
    lang = options.lang
    pictures = {"timeline": _inline(timeline(view["timeline_chart"], lang))}
    return render("handout.html.j2", lang, pictures=pictures,
                  h=handout_context(view, lang, alone=True), **report_context(view, lang))


def roadmap(view: RoadmapView, options: Options) -> str:
    lang = options.lang
    return render("roadmap.html.j2", lang, r=view, plan=plan_context(view, lang, options.by),
                  legend_items=legend_items(lang))


def compare(view: CompareView, options: Options) -> str:
    """Countries side by side; with `options.criteria`, the matrix of criteria too."""
    lang = options.lang
    return render("compare.html.j2", lang, c=view, heatmap=_inline(compare_heatmap(view, lang)),
                  criteria=options.criteria and bool(view["criteria"]),
                  legend_items=legend_items(lang))
