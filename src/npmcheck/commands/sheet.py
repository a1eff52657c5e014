"""`npmcheck sheet export COUNTRY -o FILE.xlsx` and `npmcheck sheet import FILE.xlsx`: a profile
as a spreadsheet for Excel or LibreOffice, and the spreadsheet merged back into the profile.

Import checks every row and writes nothing when any is wrong (exit 2, each problem located as
`FILE.xlsx: Sheet!B17: CODE message`). A formula is refused rather than read: a profile records
what its sources say, and a formula's stored result is whatever the program that saved the file
last computed (or nothing, for a file written by a script).
"""

from __future__ import annotations

import sys
from pathlib import Path

from npmcheck.commands.common import Common, generated_at, load, profile
from npmcheck.commands.editing import open_target
from npmcheck.diagnostics import NpmcheckError, Problem, usage_error
from npmcheck.i18n import tr
from npmcheck.render import registry
from npmcheck.views.sheet import META_SHEET, sheet_names


def fingerprint(text: str) -> str:
    from npmcheck.load.cache import Key

    key = Key("sheet")
    key.add(text)
    return key.hexdigest()


def run_export(common: Common, country: str, output: Path, force: bool) -> int:
    from npmcheck.commands.editing import read_profile
    from npmcheck.commands.output import write_atomic
    from npmcheck.views.sheet import sheet_view

    if output.suffix.lower() != ".xlsx":
        raise usage_error("E204", "name the file .xlsx (an Excel workbook), not '{name}'",
                          name=output.name)
    if output.exists() and not force:
        raise usage_error("E203", "'{path}' exists; add --force to replace it", str(output),
                          path=str(output))
    ws = load(common)
    chosen = profile(ws, country, None)
    text, data = read_profile(Path(chosen.path))
    view = sheet_view(data, ws.catalogue(chosen.catalogue), chosen, common.lang,
                      fingerprint(text), generated_at().isoformat())
    content = registry.render("sheet", "xlsx", view, registry.Options(common.lang))
    write_atomic(output, content, force=force)
    print(tr(common.lang, "Wrote {path}: {rows} criteria of {country}. Fill in the status, "
                          "note, sources and evidence date, then run 'npmcheck sheet import "
                          "{path}'.", path=output, rows=len(view["rows"]),
             country=view["country"]), file=sys.stderr)
    return 0


def run_import(common: Common, workbook: Path, output: Path | None) -> int:
    from npmcheck.edit.sheet import merge, meta_of
    from npmcheck.load import workbook as reader
    from npmcheck.load.paths import display_path

    shown = display_path(workbook)
    if not workbook.exists():
        raise usage_error("E205", "workbook '{path}' does not exist", str(workbook),
                          path=str(workbook))
    names = [*sheet_names("criteria"), *sheet_names("sources"), META_SHEET]
    sheets, problems = reader.read(workbook, names)
    if problems:
        raise reader.error(problems)
    settings, stored, problems = meta_of(sheets, shown)
    if problems:
        raise reader.error(problems)
    ws = load(common)
    chosen = profile(ws, settings["profile"], None)
    target = open_target(chosen, chosen.country.id, output, common.data)
    catalogue = ws.catalogue(chosen.catalogue)
    if settings.get("catalogue") != catalogue.id:
        raise NpmcheckError(reader.problem(shown, "X309", "the sheet was made for catalogue "
                                                          "'{sheet}', the profile uses "
                                                          "'{profile}'",
                                           sheet=settings.get("catalogue"),
                                           profile=catalogue.id))
    result = merge(sheets, shown, settings, stored, target.data, catalogue)
    if result.problems:
        raise reader.error(result.problems)
    edited_since = settings.get("fingerprint") != fingerprint(target.text)
    problems = target.save(result.data, ws)
    if problems:
        raise NpmcheckError([_in_sheet(p, shown) for p in problems])
    lang = common.lang
    changed = bool(result.changed or result.added_sources)
    if not changed and target.origin:
        print(tr(lang, "No changes in {sheet}; wrote {path}, a copy of {origin}.", sheet=shown,
                 path=target.shown, origin=target.origin), file=sys.stderr)
    elif not changed:
        print(tr(lang, "No changes in {sheet}; {path} is as it was.", sheet=shown,
                 path=target.shown), file=sys.stderr)
    else:
        print(tr(lang, "Wrote {path}: criteria changed: {count}; sources added: {sources}.",
                 path=target.shown, count=len(result.changed),
                 sources=len(result.added_sources)), file=sys.stderr)
        if target.origin:
            print(tr(lang, "It is a copy of {origin} with the sheet's changes; {origin} itself is "
                           "not changed.", origin=target.origin), file=sys.stderr)
        if edited_since:
            print(tr(lang, "The profile was edited after the sheet was exported; only the cells "
                           "changed in the sheet were applied to it."), file=sys.stderr)
    if result.both:
        print(tr(lang, "Changed in the profile since the export and in the sheet (the sheet's "
                       "values were used): {ids}", ids=", ".join(result.both)), file=sys.stderr)
    if result.stale:
        ids = ", ".join(result.stale)
        print(tr(lang, "Check that the Russian note still says the same for: {ids}", ids=ids)
              if settings["lang"] == "en" else
              tr(lang, "Check that the English note still says the same for: {ids}", ids=ids),
              file=sys.stderr)
    return 0


def _in_sheet(problem: Problem, shown: str) -> Problem:
    """A problem of the profile the sheet would make, told about the sheet (the profile text it
    points into was not written)."""
    return Problem(f"{shown}", 0, 0, problem.code, problem.template, problem.severity,
                   problem.json_path, problem.params)
