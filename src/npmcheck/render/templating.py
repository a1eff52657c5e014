"""The Jinja environments behind the HTML and Markdown outputs (imported only to render those).

Both load `src/npmcheck/render/templates/` through a PackageLoader, use StrictUndefined (a
misspelt key is an error, not an empty cell) and print None as nothing. HTML escapes every value
(autoescape); Markdown escapes every value with `md_cell` unless it is `Raw` (already Markdown,
such as a table built by `md_table`), so a template cannot forget to escape profile text.
"""

from __future__ import annotations

from functools import cache, partial
from typing import Any

import jinja2

from npmcheck.i18n import fmt, tr, trn, trp
from npmcheck.render.cells import fmt_num, md_cell, md_table
from npmcheck.render.wording import is_http, iso_date
from npmcheck.views.labels import STATUS_SYMBOL


class Raw(str):
    """Markdown that is already escaped (for example a table from `md_table`)."""


def _html_finalize(value: Any) -> Any:
    return "" if value is None else value


def _md_finalize(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Raw):
        return value
    return md_cell(value)


@jinja2.pass_context
def _num(context: jinja2.runtime.Context, value: float | None, suffix: str = "") -> str:
    """`value | num` (a score) or `value | num("%")` (a percentage) in the template's language."""
    return fmt_num(value, context["lang"], suffix)


def _table(header: list[Any], rows: list[list[Any]], align: str = "") -> Raw:
    """A GitHub table in a Markdown template; every cell escaped by `md_table`."""
    return Raw(md_table([str(h) for h in header], rows, align).rstrip("\n"))


@cache
def environment(kind: str) -> jinja2.Environment:
    """The cached environment for "html" or "md" templates."""
    html = kind == "html"
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("npmcheck.render", "templates"),
        autoescape=html,
        undefined=jinja2.StrictUndefined,
        finalize=_html_finalize if html else _md_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["num"] = _num
    env.tests["http"] = is_http
    env.globals["symbol"] = STATUS_SYMBOL
    env.globals["raw"] = Raw
    if not html:
        env.globals["table"] = _table
    return env


def render(name: str, lang: str, **context: Any) -> str:
    """Render templates/NAME in `lang`; `_("English text", key=value)` translates inside,
    `_n("{n} gap", "{n} gaps", count)` in the form for the count, `_p("context", "text")` as
    meant in that context."""
    kind = "html" if name.endswith(".html.j2") else "md"
    template = environment(kind).get_template(name)
    return template.render(lang=lang, _=partial(tr, lang), _n=partial(trn, lang),
                           _p=partial(trp, lang),
                           date=lambda iso: fmt(iso_date(iso), lang), **context)
