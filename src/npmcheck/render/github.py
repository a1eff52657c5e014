"""GitHub Actions annotations: one `::error file=...,line=...::message` line per problem."""

from __future__ import annotations

from typing import TYPE_CHECKING

from npmcheck.render.registry import Options

if TYPE_CHECKING:
    from npmcheck.views.assessment import ValidationView



def validate(view: ValidationView, options: Options) -> str:
    lines = []
    for p in view["problems"]:
        level = "warning" if p.severity == "warning" else "error"
        lines.append(f"::{level} file={p.path},line={p.line},col={p.column},title={p.code}::"
                     f"{p.text(options.lang)}")
    return "\n".join([*lines, view["summary"]]) + "\n"
