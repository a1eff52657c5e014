"""Reading an .xlsx workbook safely: bounded in size and rows, streamed (openpyxl's read-only
mode, imported only here), every cell kept with its place (`Criteria!B17`) and whether it holds
a formula, which is never evaluated.

Problems are returned located as `FILE.xlsx: Sheet!B17`, never raised.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from npmcheck.diagnostics import NpmcheckError, Problem
from npmcheck.load.paths import display_path

MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED = 50 * 1024 * 1024  # an export unpacks to some 100 KB; a zip bomb to far more
MAX_ROWS = 5_000  # a sheet from npmcheck has a few hundred
MAX_COLUMNS = 60


@dataclass(frozen=True)
class Cell:
    value: Any
    formula: bool = False


@dataclass
class Sheet:
    name: str
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)  # (row number, cells)


def where(shown: str, sheet: str, row: int, column: int | None = None) -> str:
    """`FILE.xlsx: Sheet!B17` (or `FILE.xlsx: Sheet!17` for a whole row)."""
    from openpyxl.utils import get_column_letter

    cell = f"{get_column_letter(column)}{row}" if column else str(row)
    name = f"'{sheet}'" if any(c in sheet for c in " !'") else sheet
    return f"{shown}: {name}!{cell}"


def problem(place: str, code: str, message: str, /, **params: Any) -> Problem:
    return Problem(place, 0, 0, code, message, params=params)


def error(problems: list[Problem]) -> NpmcheckError:
    """The error for these problems, in the order they were found (sheet by sheet, row by row):
    sorted as text, 'B10' would come before 'B2'."""
    found = NpmcheckError(problems)
    found.problems = list(problems)
    found.args = (found.show(),)
    return found


def read(path: Path, names: list[str]) -> tuple[dict[str, Sheet], list[Problem]]:
    """The sheets of the workbook (all of them, visible or not), with at most MAX_ROWS rows of
    MAX_COLUMNS columns each."""
    shown = display_path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            return {}, [problem(shown, "X301", "cannot read the workbook: not a regular file")]
    except OSError as e:
        return {}, [problem(shown, "X301", "cannot read the workbook: {reason}",
                            reason=e.strerror or str(e))]
    if size > MAX_BYTES:
        return {}, [problem(shown, "X301", "the workbook is {size:,} bytes; the limit is "
                                           "{limit:,}", size=size, limit=MAX_BYTES)]
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(i.file_size for i in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return {}, [problem(shown, "X301", "not an .xlsx workbook; save it from Excel or "
                                           "LibreOffice as \u201cExcel 2007-365 (.xlsx)\u201d")]
    if unpacked > MAX_UNPACKED:
        return {}, [problem(shown, "X301", "the workbook unpacks to {size:,} bytes; the limit "
                                           "is {limit:,}", size=unpacked, limit=MAX_UNPACKED)]
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=False, keep_links=False,
                             keep_vba=False)
    except Exception as e:  # openpyxl raises many kinds for a damaged or foreign file
        return {}, [problem(shown, "X301", "not an .xlsx workbook ({reason}); save it from "
                                           "Excel or LibreOffice as \u201cExcel 2007-365 "
                                           "(.xlsx)\u201d", reason=type(e).__name__)]
    sheets: dict[str, Sheet] = {}
    problems: list[Problem] = []
    try:
        for ws in book.worksheets:
            if ws.title not in names:
                continue
            sheet = Sheet(ws.title)
            for number, row in enumerate(ws.iter_rows(max_col=MAX_COLUMNS), 1):
                if number > MAX_ROWS:
                    problems.append(problem(where(shown, ws.title, number), "X308",
                                            "the sheet has more than {limit:,} rows; a sheet "
                                            "from npmcheck has far fewer: delete the rows from "
                                            "here down", limit=MAX_ROWS))
                    break
                cells = [Cell(c.value, getattr(c, "data_type", None) == "f") for c in row]
                if any(c.value not in (None, "") for c in cells):
                    sheet.rows.append((number, cells))
            sheets[ws.title] = sheet
    except Exception as e:  # a damaged sheet inside a readable archive
        problems.append(problem(shown, "X301", "cannot read the workbook: {reason}",
                                reason=f"{type(e).__name__}: {e}"))
    finally:
        book.close()
    return sheets, problems
