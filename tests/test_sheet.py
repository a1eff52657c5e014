"""`npmcheck sheet export` and `sheet import`: the round trip is byte-identical, edits land in the
profile, and hostile sheets (formulas, wrong types, extra rows, renamed or missing columns, a
50,000-row sheet, a file that is not a workbook) are refused, located, with nothing written."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import MINI, ROOT
from npmcheck.load.yamlio import load_file

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target


def read(path: Path) -> dict[str, Any]:
    doc, problems = load_file(path)
    assert doc is not None, problems
    return doc.data


_EXPORTED: dict[tuple[str, ...], bytes] = {}  # the mini data never changes before an export


def export(cli: Cli, data: Path, path: Path, *args: str) -> Path:
    """The export of the (untouched) mini profile 'operating': made once per set of options,
    then copied, which keeps this file's tests fast."""
    if args not in _EXPORTED:
        code, out, err = cli("sheet", "export", "operating", "-o", path, "--data", data, *args)
        assert code == 0, err
        assert out == "" and path.name in err and path.is_file()
        _EXPORTED[args] = path.read_bytes()
    path.write_bytes(_EXPORTED[args])
    return path


def edit(path: Path, change: Callable[[openpyxl.Workbook], None]) -> Path:
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)
    return path


def row_of(sheet: Any, criterion: str) -> int:
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 1).value == criterion:
            return row
    raise AssertionError(criterion)


def column_of(sheet: Any, header: str) -> int:
    for column in range(1, sheet.max_column + 1):
        if sheet.cell(1, column).value == header:
            return column
    raise AssertionError(header)


def set_cell(criterion: str, header: str, value: Any) -> Callable[[openpyxl.Workbook], None]:
    def change(book: openpyxl.Workbook) -> None:
        sheet = book.worksheets[0]
        sheet.cell(row_of(sheet, criterion), column_of(sheet, header)).value = value
    return change


def refused(cli: Cli, sheet: Path, data: Path, *expected: str) -> str:
    """Import must fail with exit 2, write nothing, and name each expected text."""
    profile = data / "profiles" / "operating.yaml"
    before = profile.read_bytes()
    code, out, err = cli("sheet", "import", sheet, "--data", data)
    assert code == 2 and out == "", err
    assert "Traceback" not in err
    for text in expected:
        assert text in err, err
    assert profile.read_bytes() == before
    return err


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_round_trip_without_edits_is_byte_identical(cli: Cli, data: Path, tmp_path: Path,
                                                    lang: str):
    profile = data / "profiles" / "operating.yaml"
    before = profile.read_bytes()
    sheet = export(cli, data, tmp_path / "s.xlsx", "--lang", lang)
    code, _, err = cli("sheet", "import", sheet, "--data", data, "--lang", lang)
    assert code == 0, err
    assert profile.read_bytes() == before
    out = tmp_path / "copy.yaml"
    code, _, err = cli("sheet", "import", sheet, "--data", data, "-o", out)
    assert code == 0 and out.read_bytes() == before


@pytest.mark.usefixtures("bundled")
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_bundled_round_trip_is_byte_identical(cli: Cli, tmp_path: Path, lang: str):
    sheet = tmp_path / "kg.xlsx"
    assert cli("sheet", "export", "kyrgyzstan", "-o", sheet, "--lang", lang)[0] == 0
    mine = tmp_path / "mine"
    mine.mkdir()
    code, _, err = cli("sheet", "import", sheet, "--data", mine)
    assert code == 0, err
    if lang == "en":
        assert "No changes in" in err and "a copy of" in err
    assert (mine / "profiles" / "kyrgyzstan.yaml").read_bytes() == \
        (ROOT / "profiles" / "kyrgyzstan.yaml").read_bytes()


@pytest.mark.usefixtures("bundled")
def test_import_never_writes_bundled_data(cli: Cli, tmp_path: Path):
    sheet = tmp_path / "kg.xlsx"
    assert cli("sheet", "export", "kyrgyzstan", "-o", sheet)[0] == 0
    original = (ROOT / "profiles" / "kyrgyzstan.yaml").read_bytes()
    code, out, err = cli("sheet", "import", sheet)
    assert code == 2 and out == "" and "E207" in err and "--data DIR" in err and "-o FILE" in err
    assert (ROOT / "profiles" / "kyrgyzstan.yaml").read_bytes() == original


def test_the_sheet_has_lists_and_locked_ids(cli: Cli, data: Path, tmp_path: Path):
    book = openpyxl.load_workbook(export(cli, data, tmp_path / "s.xlsx"))
    criteria, sources, meta = book.worksheets
    assert [criteria.cell(1, c).value for c in range(1, criteria.max_column + 1)] == [
        "ID", "Area", "Criterion", "Question", "Status", "Note", "Source 1", "Source 2",
        "Source 3", "Evidence date"]
    assert criteria.protection.sheet and sources.protection.sheet
    assert meta.sheet_state == "hidden"
    row = row_of(criteria, "mandate.pre-mapping")
    assert criteria.cell(row, 1).protection.locked  # id, area, title, question
    assert not criteria.cell(row, 5).protection.locked  # status and what follows
    assert not criteria.cell(row, 10).protection.locked
    derived = row_of(criteria, "ratification.cat-party")
    assert criteria.cell(derived, 5).protection.locked
    lists = {str(v.sqref): v.formula1 for v in criteria.data_validations.dataValidation}
    status_list = next(f for r, f in lists.items() if f"E{row}" in r.split())
    assert status_list == '"met,partly met,not met,unknown,not applicable"'
    assert any(f"G{row}" in r.split() and f.startswith("'Sources'!$A$2") for r, f in lists.items())


def test_russian_sheet(cli: Cli, data: Path, tmp_path: Path):
    book = openpyxl.load_workbook(export(cli, data, tmp_path / "s.xlsx", "--lang", "ru"))
    criteria = book.worksheets[0]
    assert criteria.title == "Критерии" and book.worksheets[1].title == "Источники"
    assert criteria.cell(1, 5).value == "Статус"
    row = row_of(criteria, "mandate.all-places")
    assert criteria.cell(row, 3).value == "Все места"
    assert criteria.cell(row, 5).value == "выполнено"


def test_edits_are_merged(cli: Cli, data: Path, tmp_path: Path):
    sheet = export(cli, data, tmp_path / "s.xlsx")

    def change(book: openpyxl.Workbook) -> None:
        criteria, sources = book.worksheets[0], book.worksheets[1]
        row = row_of(criteria, "mandate.pre-mapping")
        criteria.cell(row, 5).value = "partly"
        criteria.cell(row, 6).value = "=Mapped in part, says the ministry."  # text, not a formula
        criteria.cell(row, 6).data_type = "s"
        criteria.cell(row, 7).value = "moj-2025"
        criteria.cell(row, 8).value = "s1"
        criteria.cell(row, 10).value = "2025-11"
        sources.cell(3, 1).value = "moj-2025"
        sources.cell(3, 2).value = "Ministry of Justice"
        sources.cell(3, 3).value = "List of places"
        sources.cell(3, 4).value = "2025-11"
        sources.cell(3, 5).value = "https://example.org/list"
    edit(sheet, change)
    code, _, err = cli("sheet", "import", sheet, "--data", data)
    assert code == 0, err
    assert "criteria changed: 1" in err and "sources added: 1" in err
    profile = read(data / "profiles" / "operating.yaml")
    assert profile["findings"]["mandate.pre-mapping"] == {
        "status": "partial", "evidence_date": "2025-11",
        "note": "=Mapped in part, says the ministry.", "sources": ["moj-2025", "s1"]}
    assert profile["findings"]["mandate.all-places"]["checklist"] == {"police-custody": "met",
                                                                      "prisons": "met"}
    assert profile["sources"][-1] == {"id": "moj-2025", "publisher": "Ministry of Justice",
                                      "title": "List of places", "date": "2025-11",
                                      "url": "https://example.org/list"}
    assert cli("validate", data / "profiles" / "operating.yaml", "--data", data)[0] == 0


def test_a_changed_status_drops_its_since_date_and_keeps_the_rest(cli: Cli, data: Path,
                                                                 tmp_path: Path):
    sheet = edit(export(cli, data, tmp_path / "s.xlsx"),
                 set_cell("mandate.all-places", "Status", "partly met"))
    code, _, err = cli("sheet", "import", sheet, "--data", data)
    assert code == 0 and "edited after" not in err
    assert read(data / "profiles" / "operating.yaml")["findings"]["mandate.all-places"] == {
        "status": "partial", "checklist": {"police-custody": "met", "prisons": "met"},
        "sources": ["s1"]}


def test_profile_changed_since_the_export(cli: Cli, data: Path, tmp_path: Path):
    """A row the sheet left alone keeps what the profile says now."""
    sheet = edit(edit(export(cli, data, tmp_path / "s.xlsx"),
                      set_cell("mandate.pre-mapping", "Status", "not met")),
                 set_cell("mandate.pre-mapping", "Source 1", "s1"))
    path = data / "profiles" / "operating.yaml"
    path.write_text(path.read_text("utf-8").replace("{status: met, since: 2012-07-12,",
                                                    "{status: partial, since: 2012-07-12,"))
    code, _, err = cli("sheet", "import", sheet, "--data", data)
    assert code == 0 and "criteria changed: 1" in err, err
    assert "The profile was edited after the sheet was exported" in err
    found = read(path)["findings"]
    assert found["mandate.all-places"]["status"] == "partial"  # the profile's own change
    assert found["mandate.pre-mapping"]["status"] == "not_met"  # the sheet's


# ---------------------------------------------------------------- hostile sheets


def test_a_formula_is_refused(cli: Cli, data: Path, tmp_path: Path):
    sheet = edit(export(cli, data, tmp_path / "s.xlsx"),
                 set_cell("mandate.pre-mapping", "Status", '=IF(1,"met","not met")'))
    err = refused(cli, sheet, data)
    assert err.strip().endswith("s.xlsx: Criteria!E9: X307 a formula is not read; type the "
                                "value itself")


@pytest.mark.parametrize(("header", "value", "message"), [
    ("Status", 3, "Criteria!E9: X304 the number 3 is not a status"),
    ("Status", "sometimes", "Criteria!E9: X304 'sometimes' is not a status"),
    ("Status", True, "Criteria!E9: X304 the value TRUE is not a status"),
    ("Evidence date", True, "Criteria!J9: X305 the value TRUE is not a date"),
    ("Evidence date", "June 2025", "Criteria!J9: X305 'June 2025' is not a date"),
    ("Evidence date", "2025-02-30", "Criteria!J9: X305 '2025-02-30' is not a date"),
    ("Evidence date", "2027-01", "Criteria!J9: X305 2027-01 is after the profile's as_of date"),
    ("Source 1", 17, "Criteria!G9: X306 no source the number 17"),
    ("Source 1", "s11", "Criteria!G9: X306 no source 's11' in the profile or the sources "
                        "sheet; did you mean 's1'?"),
])
def test_wrong_values_are_located(cli: Cli, data: Path, tmp_path: Path, header: str,
                                  value: Any, message: str):
    sheet = edit(export(cli, data, tmp_path / "s.xlsx"),
                 set_cell("mandate.pre-mapping", header, value))
    refused(cli, sheet, data, f"s.xlsx: {message}")


def test_a_sourced_status_needs_a_source(cli: Cli, data: Path, tmp_path: Path):
    sheet = edit(export(cli, data, tmp_path / "s.xlsx"),
                 set_cell("mandate.pre-mapping", "Status", "met"))
    refused(cli, sheet, data, "Criteria!G9: X313 a \u201cmet\u201d answer needs at least one "
                              "source")


def test_extra_rows_are_refused(cli: Cli, data: Path, tmp_path: Path):
    def change(book: openpyxl.Workbook) -> None:
        criteria = book.worksheets[0]
        criteria.cell(12, 1).value = "mandate.all-place"
        criteria.cell(12, 5).value = "met"
        criteria.cell(13, 6).value = "a note without a criterion"
        criteria.cell(14, 1).value = "mandate.all-places"
    err = refused(cli, edit(export(cli, data, tmp_path / "s.xlsx"), change), data,
                  "Criteria!A12: X303 unknown criterion 'mandate.all-place'; did you mean "
                  "'mandate.all-places'?",
                  "Criteria!A13: X303 a row without a criterion id",
                  "Criteria!A14: X311 criterion 'mandate.all-places' has a second row (first in "
                  "row 8)")
    lines = err.splitlines()
    assert [line.split(": ")[1] for line in lines] == ["Criteria!A12", "Criteria!A13",
                                                      "Criteria!A14"]


def test_a_derived_status_cannot_be_changed(cli: Cli, data: Path, tmp_path: Path):
    sheet = edit(export(cli, data, tmp_path / "s.xlsx"),
                 set_cell("ratification.cat-party", "Status", "not met"))
    refused(cli, sheet, data, "Criteria!E2: X312 the status of 'ratification.cat-party' "
                              "follows from the profile's facts")


@pytest.mark.parametrize(("old", "new", "message"), [
    ("Note", "Notes", "Criteria!F1: X302 unknown column \u201cNotes\u201d; did you mean "
                      "'Note'?"),
    ("Note", None, "Criteria!1: X302 the column \u201cNote\u201d is missing"),
    ("Evidence date", "When", "Criteria!J1: X302 unknown column \u201cWhen\u201d"),
])
def test_renamed_or_missing_columns(cli: Cli, data: Path, tmp_path: Path, old: str,
                                    new: str | None, message: str):
    def change(book: openpyxl.Workbook) -> None:
        criteria = book.worksheets[0]
        column = column_of(criteria, old)
        for row in range(1, criteria.max_row + 1):
            if new is None:
                criteria.cell(row, column).value = None
        criteria.cell(1, column).value = new
    refused(cli, edit(export(cli, data, tmp_path / "s.xlsx"), change), data, message)


def test_a_value_outside_the_columns(cli: Cli, data: Path, tmp_path: Path):
    def change(book: openpyxl.Workbook) -> None:
        book.worksheets[0].cell(9, 15).value = "my own remark"
    refused(cli, edit(export(cli, data, tmp_path / "s.xlsx"), change), data,
            "Criteria!O9: X302 a value in a column without a header")


def test_a_changed_source_row_is_refused(cli: Cli, data: Path, tmp_path: Path):
    def change(book: openpyxl.Workbook) -> None:
        book.worksheets[1].cell(2, 3).value = "Another title"
    refused(cli, edit(export(cli, data, tmp_path / "s.xlsx"), change), data,
            "Sources!A2: X310 source 's1' is described in the profile")


def test_a_bad_new_source_row(cli: Cli, data: Path, tmp_path: Path):
    def change(book: openpyxl.Workbook) -> None:
        sources = book.worksheets[1]
        sources.cell(3, 1).value = "s1"
        sources.cell(4, 2).value = "Someone"
        sources.cell(4, 5).value = "ftp://example.org"
    refused(cli, edit(export(cli, data, tmp_path / "s.xlsx"), change), data,
            "Sources!A3: X310 source 's1' is described in the profile",
            "Sources!C4: X310 a new source needs its title",
            "Sources!E4: X310 'ftp://example.org' is not a web address")


def with_rows(path: Path, count: int) -> Path:
    """The workbook with `count` more rows in its first sheet, written straight into the XML
    (openpyxl itself takes about ten seconds to build such a sheet)."""
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>mandate.row-{n}</t></is></c>'
                   f'<c r="E{n}" t="inlineStr"><is><t>met</t></is></c></row>'
                   for n in range(20, 20 + count))
    target = path.with_name("big.xlsx")
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            content = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                text = text.replace("</sheetData>", rows + "</sheetData>")
                text = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:J{19 + count}"/>',
                              text)
                content = text.encode()
            new.writestr(item, content)
    return target


# Linux carries the peak memory of a process over its exec, so a child started straight from the
# test suite would report the suite's own peak (300 MB and more). A small Python in between
# starts the command and reports the command's own peak in a file.
MEASURE_PEAK = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as report:
    report.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def test_fifty_thousand_rows_stay_fast_and_bounded(cli: Cli, data: Path, tmp_path: Path):
    """Measured in a process of its own: its time, and its peak memory from the system."""
    sheet = with_rows(export(cli, data, tmp_path / "s.xlsx"), 50_000)
    before = (data / "profiles" / "operating.yaml").read_bytes()
    env = {**os.environ, "NPMCHECK_BUNDLED": "0"}
    peak_file = tmp_path / "peak"
    started = time.perf_counter()
    command = [sys.executable, "-m", "npmcheck", "sheet", "import", str(sheet), "--data", str(data)]
    process = subprocess.run([sys.executable, "-c", MEASURE_PEAK, str(peak_file), *command],
                             capture_output=True, env=env, cwd=tmp_path, timeout=120)
    elapsed = time.perf_counter() - started
    peak = int(peak_file.read_text()) * 1024  # KiB on Linux
    assert process.returncode == 2 and process.stdout == b""
    assert process.stderr.decode().strip() == (
        "big.xlsx: Criteria!5001: X308 the sheet has more than 5,000 rows; a sheet from "
        "npmcheck has far fewer: delete the rows from here down")
    assert (data / "profiles" / "operating.yaml").read_bytes() == before
    print(f"50,000 rows: {elapsed:.2f} s, {peak / 2**20:.0f} MiB")
    assert elapsed < 10, elapsed  # about 1.5 s here, most of it starting Python and openpyxl
    assert peak < 200 * 1024 * 1024, peak  # about 70 MB here: the rows are streamed


@pytest.mark.parametrize("content", [b"id,status\nmandate.all-places,met\n", b"",
                                     b"PK\x03\x04 not really a zip"])
def test_not_a_workbook(cli: Cli, data: Path, tmp_path: Path, content: bytes):
    sheet = tmp_path / "s.xlsx"
    sheet.write_bytes(content)
    err = refused(cli, sheet, data, "s.xlsx: X301 not an .xlsx workbook")
    assert len(err.splitlines()) == 1


def test_a_zip_that_is_not_a_workbook(cli: Cli, data: Path, tmp_path: Path):
    sheet = tmp_path / "s.xlsx"
    with zipfile.ZipFile(sheet, "w") as archive:
        archive.writestr("hello.txt", "hello")
    refused(cli, sheet, data, "s.xlsx: X301 not an .xlsx workbook")


def test_a_workbook_not_from_npmcheck(cli: Cli, data: Path, tmp_path: Path):
    sheet = tmp_path / "s.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Criteria"  # type: ignore[union-attr]
    book.save(sheet)
    refused(cli, sheet, data, "X309 this workbook was not exported by npmcheck")


def test_the_hidden_sheet_names_another_profile(cli: Cli, data: Path, tmp_path: Path):
    def change(book: openpyxl.Workbook) -> None:
        book["npmcheck"].cell(2, 2).value = "nonparty"
    other = (data / "profiles" / "nonparty.yaml").read_bytes()
    err = refused(cli, edit(export(cli, data, tmp_path / "s.xlsx"), change), data)
    assert "Sources!A2: X310 source 's1' is described in the profile" in err
    assert (data / "profiles" / "nonparty.yaml").read_bytes() == other


def test_export_needs_an_xlsx_name_and_force(cli: Cli, data: Path, tmp_path: Path):
    code, _, err = cli("sheet", "export", "operating", "-o", tmp_path / "s.csv", "--data", data)
    assert code == 2 and "E204" in err
    export(cli, data, tmp_path / "s.xlsx")
    code, _, err = cli("sheet", "export", "operating", "-o", tmp_path / "s.xlsx", "--data",
                       data)
    assert code == 2 and "E203" in err
