"""JSON, CSV and Markdown for the list-like results (criteria, countries, assessments, comparisons).

Cells are escaped for their format: Markdown pipes and line breaks, and CSV cells that a
spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) get a leading quote.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from npmcheck.i18n import tr
from npmcheck.views import STATUS_SYMBOL

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = "; ".join(map(str, value)) if isinstance(value, list) else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(header: list[str], rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue()


def md_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    text = str(value)
    for char in ("\\", "|", "*", "_", "`", "<", ">", "[", "]"):
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())


def md_table(header: list[str], rows: list[list[Any]], align: str = "") -> str:
    """A GitHub table; `align` has one letter per column (l, r, c), default left."""
    marks = {"l": "---", "r": "---:", "c": ":---:"}
    out = ["| " + " | ".join(md_cell(h) for h in header) + " |",
           "| " + " | ".join(marks[align[i]] if i < len(align) else "---"
                             for i in range(len(header))) + " |"]
    out += ["| " + " | ".join(md_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(out) + "\n"


def fmt_num(value: float | None, suffix: str = "") -> str:
    return "–" if value is None else f"{value:.1f}{suffix}"


# ---------------------------------------------------------------- assessments


def assessment_csv(view: dict[str, Any]) -> str:
    header = ["country", "as_of", "criterion", "area", "weight", "obligation", "status", "points",
              "derived", "reason", "note", "sources", "title"]
    rows = [[view["country"]["id"], view["as_of"], f["criterion"], f["area"], f["weight"],
             f["obligation"], f["status"], f["points"], f["derived"], f["reason"], f["note"],
             f["sources"], f["title"]] for f in view["findings"]]
    return to_csv(header, rows)


def assessment_md(view: dict[str, Any], lang: str, gaps: list[dict[str, Any]]) -> str:
    c = view["country"]
    out = [f"# {md_cell(c['name'])} ({c['code']})", ""]
    out.append(tr(lang, "As of {date} · catalogue {catalogue} {version}", date=view["as_of"],
                  catalogue=view["catalogue"]["id"], version=view["catalogue"]["version"]))
    out += ["", f"**{tr(lang, 'Stage: {stage}', stage=md_cell(view['stage']['label']))}** — "
            f"{md_cell(view['stage']['explanation'])}", ""]
    headline = tr(lang, "Score {score} of 100 · coverage {coverage}%",
                  score=fmt_num(view["score"]), coverage=fmt_num(view["coverage"]))
    out += [f"**{headline}**", ""]
    rows = [[a["title"], fmt_num(a["score"]), fmt_num(a["coverage"], "%"),
             "{met} / {partial} / {not_met} / {unknown}".format(**a["counts"])]
            for a in view["areas"]]
    header = [tr(lang, "Area"), tr(lang, "Score"), tr(lang, "Coverage"), "✓ / ◐ / ✗ / ?"]
    out.append(md_table(header, rows, "lrrc"))
    out += [f"## {tr(lang, 'Gaps, most important first ({count})', count=len(gaps))}", ""]
    rows = [[STATUS_SYMBOL[g["status"]] + " " + g["status_label"], g["weight"],
             f"{g['criterion']}: {g['title']}",
             " ".join(x for x in (g["reason"], g["note"]) if x), "; ".join(g["references"])]
            for g in gaps]
    out.append(md_table([tr(lang, "Status"), tr(lang, "W"), tr(lang, "Criterion"),
                         tr(lang, "Why"), tr(lang, "References")], rows, "lrlll"))
    return "\n".join(out)


# ---------------------------------------------------------------- comparisons


def compare_csv(view: dict[str, Any], criteria: bool) -> str:
    codes = [c["id"] for c in view["countries"]]
    rows: list[list[Any]] = [
        ["stage", *[c["stage"]["id"] for c in view["countries"]]],
        ["score", *[c["score"] for c in view["countries"]]],
        ["coverage", *[c["coverage"] for c in view["countries"]]],
    ]
    rows += [[f"area:{a['id']}", *a["scores"]] for a in view["areas"]]
    if criteria:
        rows += [[r["id"], *r["statuses"]] for r in view["criteria"]]
    return to_csv(["row", *codes], rows)


def compare_md(view: dict[str, Any], lang: str, criteria: bool) -> str:
    countries = view["countries"]
    out = [f"# {tr(lang, 'Comparison')}", ""]
    out.append(md_table(
        [tr(lang, "Country"), tr(lang, "Stage"), tr(lang, "Score"), tr(lang, "Coverage")],
        [[c["name"], c["stage"]["label"], fmt_num(c["score"]), fmt_num(c["coverage"], "%")]
         for c in countries], "llrr"))
    out += [f"## {tr(lang, 'Scores by area')}", ""]
    out.append(md_table([tr(lang, "Area"), *[c["code"] for c in countries]],
                        [[a["title"], *[fmt_num(s) for s in a["scores"]]] for a in view["areas"]],
                        "l" + "r" * len(countries)))
    if criteria:
        out += [f"## {tr(lang, 'Criteria by country')}", "",
                tr(lang, "✓ met  ◐ partly met  ✗ not met  ? unknown  – not applicable"), ""]
        out.append(md_table([tr(lang, "Criterion"), *[c["code"] for c in countries]],
                            [[r["id"], *[STATUS_SYMBOL[s] for s in r["statuses"]]]
                             for r in view["criteria"]], "l" + "c" * len(countries)))
    return "\n".join(out)
