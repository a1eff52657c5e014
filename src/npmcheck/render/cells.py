"""Cells and small tables that several formats share, each escaped for its format.

Markdown cells escape pipes, emphasis and line breaks; CSV cells that a spreadsheet would run
as a formula (starting with =, +, -, @, tab or CR) get a leading quote.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from npmcheck.i18n import number, percent

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = "; ".join(map(str, value)) if isinstance(value, list) else str(value)
    # some spreadsheets trim leading spaces and then run the formula ("  =1+1")
    if text.startswith(FORMULA_START) or text.lstrip().startswith(FORMULA_START):
        return "'" + text
    return text


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
    # fold line breaks and runs of spaces, but keep no-break spaces ("2026 г." stays together)
    return _SPACES.sub(" ", text).strip(" ")


def md_table(header: list[str], rows: list[list[Any]], align: str = "") -> str:
    """A GitHub table; `align` has one letter per column (l, r, c), default left."""
    marks = {"l": "---", "r": "---:", "c": ":---:"}
    out = ["| " + " | ".join(md_cell(h) for h in header) + " |",
           "| " + " | ".join(marks[align[i]] if i < len(align) else "---"
                             for i in range(len(header))) + " |"]
    out += ["| " + " | ".join(md_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(out) + "\n"


def fmt_num(value: float | None, lang: str, suffix: str = "") -> str:
    """A score or, with `suffix` "%", a percentage, one decimal, as `lang` writes it (CLDR):
    "14.8", "98.5%"; "14,8", "98,5 %"; an en dash for no value."""
    if value is None:
        return "–"
    return percent(value, lang) if suffix == "%" else number(value, lang)


def fmt_signed(value: float | None, lang: str, suffix: str = "") -> str:
    """A change with its sign: "+2.5", "−1,0 %" (a true minus sign); nothing for no value."""
    if value is None:
        return ""
    sign = "+" if value > 0 else "−" if round(value, 1) < 0 else ""
    return sign + fmt_num(abs(value), lang, suffix)


def bar(score: float | None, width: int = 10) -> str:
    """A text bar for the terminal, Markdown and Word tables: ████░░░░░░."""
    if score is None:
        return "·" * width
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)
