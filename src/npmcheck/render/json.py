"""JSON: the views as they are, for programs (docs/schemas/assessment.schema.json for assess)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from npmcheck.render.registry import Options

if TYPE_CHECKING:
    from npmcheck.views.assessment import AssessmentView, CompareView, CountriesView, ValidationView
    from npmcheck.views.catalogue import CatalogueView
    from npmcheck.views.diff import DiffView
    from npmcheck.views.recommendations import RecommendationsView
    from npmcheck.views.roadmap import RoadmapView



def dumps(data: Any) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)` and a line end. With an indent, the
    standard library encodes in Python, through a generator for every level (a tenth of a warm
    `assess`); the views are plain dicts, lists, texts and numbers, which `_write` puts out the
    same way at about twice the speed. Anything else (a key that is not a text, a value of
    another type) is left to json.dumps itself."""
    out: list[str] = []
    try:
        _write(data, out, "\n")
    except _Unusual:
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    out.append("\n")
    return "".join(out)


class _Unusual(Exception):
    """A value `_write` leaves to json.dumps."""


_quote: Callable[[str], str] = getattr(json.encoder, "c_encode_basestring", None) \
    or json.encoder.py_encode_basestring
_float = float.__repr__
_int = int.__repr__


def _write(value: Any, out: list[str], newline: str) -> None:
    """Append the indented JSON of `value` to `out`; `newline` is a line end and the indent of
    the level `value` stands at."""
    kind = type(value)
    if kind is str:
        out.append(_quote(value))
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        out.append("{")
        separator = inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            out.append(separator)
            out.append(_quote(key))
            out.append(": ")
            _write(item, out, inner)
            separator = "," + inner
        out.append(newline)
        out.append("}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        out.append("[")
        separator = inner
        for item in value:
            out.append(separator)
            _write(item, out, inner)
            separator = "," + inner
        out.append(newline)
        out.append("]")
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif kind is int:
        out.append(_int(value))
    elif kind is float and value == value and value not in (_INFINITY, -_INFINITY):
        out.append(_float(value))
    else:
        raise _Unusual


_INFINITY = float("inf")


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
