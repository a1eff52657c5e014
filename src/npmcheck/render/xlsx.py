"""Excel workbooks (.xlsx, read by Excel and LibreOffice) with openpyxl, imported only here.

Every text is written as text, never as a formula (a note that starts with '=' stays a note);
the date column is formatted as text so that a spreadsheet does not turn "2025-09" into a day.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from npmcheck.i18n import tr
from npmcheck.render.registry import Options
from npmcheck.views.sheet import (
    FORMAT_VERSION,
    META_SHEET,
    SHEETS,
    SOURCE_COLUMNS,
    SPARE_SOURCE_ROWS,
    headers,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from npmcheck.views.sheet import SheetView

_WIDTHS = {"id": 30, "area": 18, "title": 30, "question": 50, "status": 18, "note": 60,
           "evidence_date": 14}


def _text(ws: Worksheet, row: int, column: int, value: str, **style: Any) -> None:
    cell = ws.cell(row=row, column=column)
    cell.value = value
    cell.data_type = "s"  # text, even when it starts with '='
    for name, spec in style.items():
        setattr(cell, name, spec)


def sheet(view: SheetView, options: Options) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    lang = view["lang"]
    wb = Workbook()
    stamp = dt.datetime.fromisoformat(view["generated"]).replace(tzinfo=None)
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = "npmcheck"
    wb.properties.title = view["country"]
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    grey = PatternFill("solid", fgColor="EEEEEE")
    open_cell = Protection(locked=False)

    ws = wb.active
    assert ws is not None
    ws.title = tr(lang, SHEETS["criteria"])
    columns = headers(lang, view["source_columns"])
    index = {key: i for i, (key, _) in enumerate(columns, 1)}
    for i, (key, text) in enumerate(columns, 1):
        _text(ws, 1, i, text, font=bold)
        width = _WIDTHS.get(key, 24)
        ws.column_dimensions[get_column_letter(i)].width = width
    last_source_row = 1 + len(view["sources"]) + SPARE_SOURCE_ROWS
    sources_name = tr(lang, SHEETS["sources"])
    status_list = DataValidation(type="list", formula1='"' + ",".join(view["status_labels"])
                                 + '"', allow_blank=True, showErrorMessage=True)
    source_list = DataValidation(type="list", allow_blank=True, showErrorMessage=True,
                                 formula1=f"'{sources_name}'!$A$2:$A${last_source_row}")
    status_list.error = tr(lang, "Choose a status from the list.")
    source_list.error = tr(lang, "Choose a source from the list, or add it to the sheet "
                                 "\u201c{sheet}\u201d first.", sheet=sources_name)
    ws.add_data_validation(status_list)
    ws.add_data_validation(source_list)
    for r, row in enumerate(view["rows"], 2):
        cells: dict[str, str] = {"id": row["id"], "area": row["area"], "title": row["title"],
                                 "question": row["question"], "status": row["status_label"],
                                 "note": row["note"], "evidence_date": row["evidence_date"]}
        for n in range(1, view["source_columns"] + 1):
            sources = row["sources"]
            cells[f"source:{n}"] = sources[n - 1] if n <= len(sources) else ""
        for key, column in index.items():
            value = cells[key]
            style: dict[str, Any] = {"alignment": wrap if key in ("title", "question", "note")
                                     else top}
            if row["derived"]:
                style["fill"] = grey
            elif key in ("status", "note", "evidence_date") or key.startswith("source:"):
                style["protection"] = open_cell
            if key == "evidence_date":
                style["number_format"] = "@"
            _text(ws, r, column, value, **style)
        if not row["derived"]:
            status_list.add(ws.cell(row=r, column=index["status"]).coordinate)
            for n in range(1, view["source_columns"] + 1):
                source_list.add(ws.cell(row=r, column=index[f"source:{n}"]).coordinate)
    ws.freeze_panes = "B2"
    _protect(ws)

    src = wb.create_sheet(sources_name)
    for i, (key, text) in enumerate(SOURCE_COLUMNS.items(), 1):
        _text(src, 1, i, tr(lang, text), font=bold)
        src.column_dimensions[get_column_letter(i)].width = {"id": 30, "publisher": 30,
                                                             "title": 60, "date": 12,
                                                             "url": 50}[key]
    for r, source in enumerate(view["sources"], 2):
        for i, key in enumerate(SOURCE_COLUMNS, 1):
            _text(src, r, i, str(source[key]),  # type: ignore[literal-required]
                  alignment=wrap if key == "title" else top,
                  number_format="@")
    for r in range(len(view["sources"]) + 2, last_source_row + 1):
        for i in range(1, len(SOURCE_COLUMNS) + 1):
            cell = src.cell(row=r, column=i)
            cell.protection = open_cell
            cell.number_format = "@"
    src.freeze_panes = "A2"
    _protect(src)

    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    rows: list[list[str]] = [
        ["format", str(FORMAT_VERSION)], ["profile", view["profile"]],
        ["catalogue", view["catalogue"]], ["catalogue_version", view["catalogue_version"]],
        ["lang", lang], ["fingerprint", view["fingerprint"]],
        ["source_columns", str(view["source_columns"])],
        ["rows", str(len(view["rows"]))], ["sources", str(len(view["sources"]))], []]
    rows.append(["id", "status", "note", "sources", "evidence_date"])
    for row in view["rows"]:
        rows.append([row["id"], row["status"], row["note"], " ".join(row["sources"]),
                     row["evidence_date"]])
    for r, values in enumerate(rows, 1):
        for i, value in enumerate(values, 1):
            _text(meta, r, i, value)
    _protect(meta)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _protect(ws: Worksheet) -> None:
    """Locked cells cannot be changed by mistake (no password: it is a guard, not a lock);
    columns and rows can still be resized."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
