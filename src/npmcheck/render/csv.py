"""CSV for spreadsheets: one row per criterion (assess) or per measure (compare)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from npmcheck.render.cells import to_csv
from npmcheck.render.registry import Options

if TYPE_CHECKING:
    from npmcheck.views.assessment import AssessmentView, CompareView
    from npmcheck.views.recommendations import RecommendationsView



def assess(view: AssessmentView, options: Options) -> str:
    header = ["country", "as_of", "criterion", "area", "weight", "obligation", "status", "points",
              "derived", "reason", "note", "sources", "title"]
    rows = [[view["country"]["id"], view["as_of"], f["criterion"], f["area"], f["weight"],
             f["obligation"], f["status"], f["points"], f["derived"], f["reason"], f["note"],
             f["sources"], f["title"]] for f in view["findings"]]
    return to_csv(header, rows)


def compare(view: CompareView, options: Options) -> str:
    codes = [c["id"] for c in view["countries"]]
    rows: list[list[Any]] = [
        ["stage", *[c["stage"]["id"] for c in view["countries"]]],
        ["score", *[c["score"] for c in view["countries"]]],
        ["coverage", *[c["coverage"] for c in view["countries"]]],
    ]
    rows += [[f"area:{a['id']}", *a["scores"]] for a in view["areas"]]
    if options.criteria:
        rows += [[r["id"], *r["statuses"]] for r in view["criteria"]]
    return to_csv(["row", *codes], rows)


# One row per recommendation, in the shape recommendation trackers import (README: "CSV of
# recommendations"); lists are joined with "; ".
RECOMMENDATION_COLUMNS = ["country", "id", "mechanism", "cycle", "session", "year", "symbol",
                          "paragraph", "recommended_by", "response", "criteria", "text",
                          "sources"]


def recommendations(view: RecommendationsView, options: Options) -> str:
    country = view["country"]["id"]
    rows = [[country, r["id"], r["mechanism"], r["cycle"], r["session"], r["year"], r["symbol"],
             r["paragraph"], r["recommended_by"], r["response"], r["criteria"], r["text"],
             r["sources"]] for r in view["recommendations"]]
    return to_csv(RECOMMENDATION_COLUMNS, rows)
