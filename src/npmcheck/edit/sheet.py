"""A spreadsheet from `npmcheck sheet export`, read back into a profile's data.

Every row is checked; a cell that differs from what was exported (the hidden sheet keeps it) is
a change, applied to the profile as it is now, field by field, so an edit made in the profile
since the export survives where the sheet left that field alone. A sheet without changes gives
the profile back unchanged, byte for byte.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
from dataclasses import dataclass, field
from typing import Any

from npmcheck.diagnostics import Problem, did_you_mean
from npmcheck.domain.model import Catalogue
from npmcheck.edit import answers
from npmcheck.edit.profile import slug, source_id, with_finding
from npmcheck.i18n import Msg, msg, tr
from npmcheck.load.workbook import Cell, Sheet, problem, where
from npmcheck.values import LANGS
from npmcheck.views.sheet import (
    FORMAT_VERSION,
    META_SHEET,
    SOURCE_COLUMNS,
    finding_cells,
    headers,
    known_headers,
    sheet_names,
    source_row,
)

_SOURCED = ("met", "partial", "not_met", "not_applicable")
_FIELDS = ("status", "since", "evidence_date", "note", "checklist", "sources")


@dataclass
class Imported:
    """What a sheet changes: the new data, the problems that stop it, notes for the reader."""

    data: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # criterion ids
    added_sources: list[str] = field(default_factory=list)
    both: list[str] = field(default_factory=list)  # changed in the profile and in the sheet
    stale: list[str] = field(default_factory=list)  # the note in the other language kept


def meta_of(sheets: dict[str, Sheet], shown: str) -> tuple[dict[str, str],
                                                           dict[str, dict[str, Any]],
                                                           list[Problem]]:
    """The hidden sheet: its settings, and each criterion's row as exported."""
    sheet = sheets.get(META_SHEET)
    if sheet is None:
        return {}, {}, [problem(shown, "X309", "this workbook was not exported by npmcheck (it "
                                               "has no sheet '{name}'); export the profile "
                                               "with 'npmcheck sheet export'", name=META_SHEET)]
    settings: dict[str, str] = {}
    stored: dict[str, dict[str, Any]] = {}
    table = False
    for number, cells in sheet.rows:
        values = ["" if c.value is None else str(c.value) for c in cells[:5]]
        values += [""] * (5 - len(values))
        if any(c.formula for c in cells):
            return {}, {}, [problem(where(shown, META_SHEET, number), "X309",
                                    "the hidden sheet was changed; export the profile again")]
        if not table:
            if values[0] == "id":
                table = True
            else:
                settings[values[0]] = values[1]
            continue
        stored[values[0]] = {"status": values[1], "note": values[2],
                             "sources": values[3].split(), "evidence_date": values[4]}
    if settings.get("format") != str(FORMAT_VERSION) or "profile" not in settings or \
            settings.get("lang") not in LANGS:
        return {}, {}, [problem(shown, "X309", "the hidden sheet '{name}' is not one npmcheck "
                                               "wrote; export the profile again",
                                name=META_SHEET)]
    return settings, stored, []


def merge(sheets: dict[str, Sheet], shown: str, settings: dict[str, str],
          stored: dict[str, dict[str, Any]], data: dict[str, Any],
          catalogue: Catalogue) -> Imported:
    lang = settings["lang"]
    out = Imported(copy.deepcopy(data))
    criteria = _find(sheets, "criteria", shown, out)
    sources = _find(sheets, "sources", shown, out)
    if criteria is None or sources is None:
        return out
    if settings.get("profile") != data["country"]["id"]:
        out.problems.append(problem(shown, "X309", "the sheet is for profile '{sheet}', not "
                                                   "'{profile}'", sheet=settings.get("profile"),
                                    profile=data["country"]["id"]))
        return out
    new_sources = _sources(sources, shown, lang, out)
    known = {s["id"] for s in out.data.get("sources", [])} | {s["id"] for s in new_sources}
    rows = _rows(criteria, shown, settings, out)
    if rows is None:
        return out
    limit = dt.date.fromisoformat(data["as_of"])
    seen: dict[str, int] = {}
    changes: dict[str, dict[str, Any]] = {}
    for number, cells in rows:
        row = _row(cells, number, criteria.name, shown, catalogue, stored, known, limit, lang,
                   seen, out)
        if row is not None:
            cid, values, places = row
            change = {k: v for k, v in values.items() if v != stored[cid][k]}
            if change:
                changes[cid] = change
                status = change.get("status", _current(out.data, cid, lang)["status"])
                srcs = change.get("sources", _current(out.data, cid, lang)["sources"])
                if status in _SOURCED and not srcs:
                    out.problems.append(problem(places["source:1"], "X313",
                                                "a \u201c{status}\u201d answer needs at least "
                                                "one source", status=cells_label(status, lang)))
    if out.problems:
        return out
    for source in new_sources:
        out.data.setdefault("sources", []).append(source)
        out.added_sources.append(source["id"])
    for cid, change in changes.items():
        _apply(out, catalogue, cid, change, stored[cid], lang)
    return out


def cells_label(status: str, lang: str) -> str:
    from npmcheck.views.labels import label

    return label("status", status, lang)


def _find(sheets: dict[str, Sheet], kind: str, shown: str, out: Imported) -> Sheet | None:
    for name in sheet_names(kind):
        if name in sheets:
            return sheets[name]
    out.problems.append(problem(shown, "X302", "the workbook has no sheet named {names}",
                                names=" / ".join(f"\u201c{n}\u201d" for n in
                                                 sorted(sheet_names(kind)))))
    return None


def _current(data: dict[str, Any], cid: str, lang: str) -> dict[str, Any]:
    return finding_cells((data.get("findings") or {}).get(cid), lang)


def _rows(sheet: Sheet, shown: str, settings: dict[str, str],
          out: Imported) -> list[tuple[int, dict[str, tuple[Cell, str]]]] | None:
    """The data rows of the criteria sheet, each as column key -> (cell, place)."""
    if not sheet.rows or sheet.rows[0][0] != 1:
        out.problems.append(problem(where(shown, sheet.name, 1), "X302",
                                    "the first row must hold the column headers"))
        return None
    try:
        columns = int(settings.get("source_columns", "3"))
    except ValueError:
        columns = 3
    expected = dict(headers(settings["lang"], columns))
    known = known_headers()
    keys: dict[int, str] = {}
    for index, cell in enumerate(sheet.rows[0][1], 1):
        if cell.value in (None, ""):
            continue
        text = str(cell.value).strip()
        key = known.get(text.casefold())
        if key is None or key not in expected or key in keys.values():
            close = difflib.get_close_matches(text, list(expected.values()), n=1)
            out.problems.append(problem(where(shown, sheet.name, 1, index), "X302",
                                        "unknown column \u201c{name}\u201d{hint}", name=text,
                                        hint=did_you_mean(close[0]) if close else ""))
            continue
        keys[index] = key
    for key, text in expected.items():
        if key not in keys.values():
            out.problems.append(problem(where(shown, sheet.name, 1), "X302",
                                        "the column \u201c{name}\u201d is missing; export the "
                                        "profile again, or put the column back", name=text))
    if out.problems:
        return None
    rows = []
    for number, cells in sheet.rows[1:]:
        row: dict[str, tuple[Cell, str]] = {}
        for index, cell in enumerate(cells, 1):
            place = where(shown, sheet.name, number, index)
            if cell.formula:
                out.problems.append(problem(place, "X307", "a formula is not read; type the "
                                                           "value itself"))
            elif index not in keys and cell.value not in (None, ""):
                out.problems.append(problem(place, "X302", "a value in a column without a "
                                                           "header"))
            if index in keys:
                row[keys[index]] = (cell, place)
        for index, key in keys.items():
            row.setdefault(key, (Cell(None), where(shown, sheet.name, number, index)))
        rows.append((number, row))
    return rows


def _row(row: dict[str, tuple[Cell, str]], number: int, sheet: str, shown: str,
         catalogue: Catalogue, stored: dict[str, dict[str, Any]], known: set[str],
         limit: dt.date, lang: str, seen: dict[str, int], out: Imported
         ) -> tuple[str, dict[str, Any], dict[str, str]] | None:
    cell, place = row["id"]
    places = {k: p for k, (_, p) in row.items()}
    if any(c.formula for c, _ in row.values()):
        return None
    cid = cell.value.strip() if isinstance(cell.value, str) else cell.value
    if cid in stored and cid in seen:
        out.problems.append(problem(place, "X311", "criterion '{id}' has a second row (first "
                                                   "in row {first})", id=cid, first=seen[cid]))
        return None
    if cid in (None, ""):
        out.problems.append(problem(place, "X303", "a row without a criterion id; a new row "
                                                   "cannot add a criterion"))
        return None
    if not isinstance(cid, str) or cid not in catalogue.by_id or cid not in stored:
        close = difflib.get_close_matches(str(cid), list(stored), n=1)
        out.problems.append(problem(place, "X303", "unknown criterion '{id}'{hint}", id=str(cid),
                                    hint=did_you_mean(close[0]) if close else ""))
        return None
    seen[cid] = number
    values: dict[str, Any] = {}
    bad = len(out.problems)
    status_cell, status_place = row["status"]
    status = _status(status_cell.value)
    if status is None:
        out.problems.append(problem(status_place, "X304", "{value} is not a status; choose one "
                                                          "from the list", value=_shown(
                                                              status_cell.value)))
    values["status"] = status
    note = row["note"][0].value
    if isinstance(note, bool | dt.date | dt.datetime | dt.time):
        out.problems.append(problem(row["note"][1], "X304", "{value} is not a note; type the "
                                                            "text", value=_shown(note)))
    text = "" if note is None else _number(note) if isinstance(note, float) else str(note)
    if text != stored[cid]["note"] and answers.clean(text) != answers.clean(
            stored[cid]["note"]):
        text = answers.clean(text)  # a change: written as one paragraph
    else:
        text = stored[cid]["note"]  # unchanged (a spreadsheet may have redone the spaces)
    values["note"] = text
    chosen: list[str] = []
    for key in sorted((k for k in row if k.startswith("source:")),
                      key=lambda k: int(k.split(":")[1])):
        value, place = row[key]
        if value.value in (None, ""):
            continue
        sid = value.value.strip() if isinstance(value.value, str) else None
        if sid not in known:
            close = difflib.get_close_matches(str(value.value), sorted(known), n=1)
            out.problems.append(problem(place, "X306", "no source {id} in the profile or the "
                                                       "sources sheet{hint}",
                                        id=_shown(value.value),
                                        hint=did_you_mean(close[0]) if close else ""))
        elif sid not in chosen:
            chosen.append(sid)
    values["sources"] = chosen
    values["evidence_date"] = _date(row["evidence_date"], limit, out)
    if len(out.problems) > bad:
        return None
    if catalogue.by_id[cid].derive is not None:
        for key in ("status", "note", "sources", "evidence_date"):
            if values[key] != stored[cid][key]:
                spot = places["source:1"] if key == "sources" else places[key]
                out.problems.append(problem(spot, "X312", "the status of '{id}' follows from "
                                                          "the profile's facts (treaties, NPM); "
                                                          "change those in the profile, not "
                                                          "here", id=cid))
                return None
        return None
    return cid, values, places


def _shown(value: Any) -> Msg | str:
    """A cell's value as a message quotes it (translated with the message)."""
    if isinstance(value, str):
        return msg("'{value}'", value=value)
    if isinstance(value, bool):
        return msg("the value {value}", value=str(value).upper())
    if isinstance(value, int | float):
        return msg("the number {value}", value=_number(value))
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return msg("a date or time")
    return repr(value)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _status(value: Any) -> str | None:
    if value in (None, ""):
        return "unknown"
    return answers.status(value) if isinstance(value, str) else None


def _date(spot: tuple[Cell, str], limit: dt.date, out: Imported) -> str:
    """The evidence date as the hidden sheet writes it ('' for none)."""
    cell, place = spot
    value = cell.value
    text: str
    if value in (None, ""):
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        value = value.date()
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        text = value.isoformat()
    elif isinstance(value, int | float) and not isinstance(value, bool) and \
            float(value).is_integer() and 1900 <= value <= 2100:
        text = str(int(value))
    elif isinstance(value, str):
        text = value.strip()
    else:
        out.problems.append(problem(place, "X305", "{value} is not a date; write YYYY, YYYY-MM "
                                                   "or YYYY-MM-DD", value=_shown(value)))
        return ""
    try:
        parsed = answers.date(text)
    except ValueError:
        out.problems.append(problem(place, "X305", "'{value}' is not a date; write YYYY, "
                                                   "YYYY-MM or YYYY-MM-DD", value=text))
        return ""
    if answers.later_than(parsed, limit):
        out.problems.append(problem(place, "X305", "{date} is after the profile's as_of date "
                                                   "{as_of}", date=text, as_of=str(limit)))
    return str(answers.date_value(parsed))


def _sources(sheet: Sheet, shown: str, lang: str, out: Imported) -> list[dict[str, Any]]:
    """The new sources of the sources sheet (rows below the profile's own)."""
    if not sheet.rows or sheet.rows[0][0] != 1:
        out.problems.append(problem(where(shown, sheet.name, 1), "X302",
                                    "the first row must hold the column headers"))
        return []
    names = {tr(lg, text).casefold(): key for lg in LANGS
             for key, text in SOURCE_COLUMNS.items()}
    keys: dict[int, str] = {}
    for index, cell in enumerate(sheet.rows[0][1], 1):
        if cell.value in (None, ""):
            continue
        key = names.get(str(cell.value).strip().casefold())
        if key is None or key in keys.values():
            out.problems.append(problem(where(shown, sheet.name, 1, index), "X302",
                                        "unknown column \u201c{name}\u201d", name=cell.value))
        else:
            keys[index] = key
    for key, text in SOURCE_COLUMNS.items():
        if key not in keys.values():
            out.problems.append(problem(where(shown, sheet.name, 1), "X302",
                                        "the column \u201c{name}\u201d is missing; export the "
                                        "profile again, or put the column back",
                                        name=tr(lang, text)))
    if out.problems:
        return []
    existing = {s["id"]: s for s in out.data.get("sources", [])}
    added: list[dict[str, Any]] = []
    for number, cells in sheet.rows[1:]:
        values: dict[str, Any] = {}
        places: dict[str, str] = {}
        for index, cell in enumerate(cells, 1):
            place = where(shown, sheet.name, number, index)
            if cell.formula:
                out.problems.append(problem(place, "X307", "a formula is not read; type the "
                                                           "value itself"))
            elif index in keys:
                values[keys[index]] = cell.value
                places[keys[index]] = place
            elif cell.value not in (None, ""):
                out.problems.append(problem(place, "X302", "a value in a column without a "
                                                           "header"))
        typed = {k: answers.clean(_cell_text(v)) for k, v in values.items()}
        sid = typed.get("id", "")
        if sid in existing:
            if any(typed.get(k, "") != answers.clean(str(v))
                   for k, v in source_row(existing[sid], lang).items()):
                out.problems.append(problem(places.get("id", where(shown, sheet.name, number)),
                                            "X310", "source '{id}' is described in the "
                                                    "profile; change it there (the sheet adds "
                                                    "new sources only)", id=sid))
            continue
        added_source = _new_source(typed, places, number, sheet.name, shown, out,
                                   out.data, added)
        if added_source is not None:
            added.append(added_source)
    return added


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return _number(value)
    return str(value)


def _new_source(text: dict[str, str], places: dict[str, str], number: int, sheet: str,
                shown: str, out: Imported, data: dict[str, Any],
                added: list[dict[str, Any]]) -> dict[str, Any] | None:
    bad = len(out.problems)
    row = where(shown, sheet, number)
    if not text.get("publisher"):
        out.problems.append(problem(places.get("publisher", row), "X310",
                                    "a new source needs its publisher"))
    if not text.get("title"):
        out.problems.append(problem(places.get("title", row), "X310",
                                    "a new source needs its title"))
    date = None
    if text.get("date"):
        try:
            date = answers.date_value(answers.date(text["date"]))
        except ValueError:
            out.problems.append(problem(places.get("date", row), "X305",
                                        "'{value}' is not a date; write YYYY, YYYY-MM or "
                                        "YYYY-MM-DD", value=text["date"]))
    url = text.get("url") or None
    if url and answers.url(url) is None:
        out.problems.append(problem(places.get("url", row), "X310",
                                    "'{value}' is not a web address; it starts with http:// or "
                                    "https:// and has no spaces", value=url))
    sid = text.get("id") or ""
    taken = {s["id"] for s in data.get("sources", [])} | {s["id"] for s in added}
    if sid and (slug(sid) != sid or sid in taken):
        out.problems.append(problem(places.get("id", row), "X310",
                                    "'{id}' cannot be a new source id: it is taken, or has "
                                    "other than lower-case letters, digits and hyphens",
                                    id=sid))
    if len(out.problems) > bad:
        return None
    if not sid:
        sid = source_id({"sources": [*data.get("sources", []), *added]}, text["publisher"],
                        str(date) if date is not None else None)
    source: dict[str, Any] = {"id": sid, "publisher": text["publisher"],
                              "title": text["title"]}
    if date is not None:
        source["date"] = date
    if url:
        source["url"] = url
    return source


def _apply(out: Imported, catalogue: Catalogue, cid: str, change: dict[str, Any],
           exported: dict[str, Any], lang: str) -> None:
    """Apply the changed cells of one row to the profile's finding as it is now."""
    current = copy.deepcopy((out.data.get("findings") or {}).get(cid) or {})
    if finding_cells(current or None, lang) != exported:
        out.both.append(cid)
    new = dict(current)
    if "status" in change:
        if change["status"] != current.get("status", "unknown"):
            new.pop("since", None)  # it dated the old status
        new["status"] = change["status"]
    new.setdefault("status", "unknown")
    if "note" in change:
        new["note"] = _note(current.get("note"), change["note"], lang, cid, out)
    if "sources" in change:
        new["sources"] = change["sources"]
    if "evidence_date" in change:
        value = change["evidence_date"]
        new["evidence_date"] = (int(value) if value.isdigit() else value) if value else None
    clean = {k: new[k] for k in _FIELDS if new.get(k) not in (None, [], "")}
    clean.update({k: v for k, v in new.items() if k not in _FIELDS and v is not None})
    finding: dict[str, Any] | None = None if clean == {"status": "unknown"} else clean
    out.data = with_finding(out.data, catalogue, cid, finding)
    out.changed.append(cid)


def _note(old: Any, text: str, lang: str, cid: str, out: Imported) -> Any:
    """The note with its text in `lang` replaced; the other language's text is kept (and
    named, so that someone checks it), and a note only in Russian is also the English one."""
    if not text:
        return None
    if old is None:
        return text if lang == "en" else {"en": text, "ru": text}
    note = dict(old) if isinstance(old, dict) else {"en": old}
    note[lang] = text
    other = "ru" if lang == "en" else "en"
    if note.get(other) and note[other] != text:
        out.stale.append(cid)
    if set(note) == {"en"}:
        return note["en"]
    return {k: note[k] for k in ("en", "ru") if k in note}

