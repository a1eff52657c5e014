"""JSON: the views as they are, for programs (docs/schemas/assessment.schema.json for assess)."""

from __future__ import annotations

import json
from typing import Any

from npmcheck.render.registry import Options


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def validate(view: Any, options: Options) -> str:
    return dumps({"files": view["files"], "errors": view["errors"], "warnings": view["warnings"],
                  "problems": [p.to_dict(options.lang) for p in view["problems"]]})


def criteria(view: Any, options: Options) -> str:
    if view["selected"]:
        return dumps(view["criteria"][0])
    return dumps({"catalogue": view["catalogue"], "criteria": view["criteria"]})


def countries(view: Any, options: Options) -> str:
    return dumps(view["countries"])


def assess(view: Any, options: Options) -> str:
    return dumps(view)


def compare(view: Any, options: Options) -> str:
    if not options.criteria:
        view = {k: v for k, v in view.items() if k != "criteria"}
    return dumps(view)


def roadmap(view: Any, options: Options) -> str:
    return dumps(view)
