"""JSON: the views as they are, for programs (docs/schemas/assessment.schema.json for assess)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from npmcheck.render.registry import Options

if TYPE_CHECKING:
    from npmcheck.views.assessment import AssessmentView, CompareView, CountriesView, ValidationView
    from npmcheck.views.catalogue import CatalogueView
    from npmcheck.views.diff import DiffView
    from npmcheck.views.recommendations import RecommendationsView
    from npmcheck.views.roadmap import RoadmapView



def dumps(data: Any) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)` and a line end. (A writer of our own
    measured 1.9 ms against the standard library's 3.7 ms for an assess view, about 1 % of a
    warm `assess`: not worth a second JSON encoder to keep.)"""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def validate(view: ValidationView, options: Options) -> str:
    return dumps({"files": view["files"], "errors": view["errors"], "warnings": view["warnings"],
                  "problems": [p.to_dict(options.lang) for p in view["problems"]]})


def criteria(view: CatalogueView, options: Options) -> str:
    if view["selected"]:
        return dumps(view["criteria"][0])
    return dumps({"catalogue": view["catalogue"], "criteria": view["criteria"]})


def countries(view: CountriesView, options: Options) -> str:
    return dumps(view["countries"])


def assess(view: AssessmentView, options: Options) -> str:
    return dumps(view)


def compare(view: CompareView, options: Options) -> str:
    if not options.criteria:
        return dumps({k: v for k, v in view.items() if k != "criteria"})
    return dumps(view)


def roadmap(view: RoadmapView, options: Options) -> str:
    return dumps(view)


def diff(view: DiffView, options: Options) -> str:
    return dumps(view)


def recommendations(view: RecommendationsView, options: Options) -> str:
    return dumps(view)
