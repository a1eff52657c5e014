"""The view of a profile as a spreadsheet (`npmcheck sheet export`), and the layout that
`sheet import` reads back: sheet names, column headers in both languages, the hidden sheet.

One row per criterion: id, area, title and question (locked), then what a person may change:
status (a drop-down list), note, sources (a drop-down list per column) and the date of the
evidence. A row whose status follows from the facts is locked whole. The hidden sheet keeps the
profile's id, a fingerprint of the file, and every row as it was exported, so that an import
applies exactly what was changed in the sheet.
"""

from __future__ import annotations

from typing import Any

from npmcheck.domain.derive import RULES
from npmcheck.domain.model import Catalogue, Profile
from npmcheck.domain.scoring import as_it_stood
from npmcheck.i18n import N_, tr
from npmcheck.values import LANGS, Text
from npmcheck.views import TypedDict
from npmcheck.views.labels import label

FORMAT_VERSION = 1
SHEETS = {"criteria": N_("Criteria"), "sources": N_("Sources")}
META_SHEET = "npmcheck"  # hidden; never translated
# the columns of the criteria sheet, in order; the source columns ("Source 1"...) follow "note"
COLUMNS = {
    "id": N_("ID"),
    "area": N_("Area"),
    "title": N_("Criterion"),
    "question": N_("Question"),
    "status": N_("Status"),
    "note": N_("Note"),
    "evidence_date": N_("Evidence date"),
}
EDITABLE = ("status", "note", "sources", "evidence_date")
SOURCE_COLUMNS = {"id": N_("ID"), "publisher": N_("Publisher"), "title": N_("Title"),
                  "date": N_("Date"), "url": N_("Web address")}
MIN_SOURCE_COLUMNS = 3
SPARE_SOURCE_ROWS = 200  # empty rows in the sources sheet for new sources
STATUS_ORDER = ("met", "partial", "not_met", "unknown", "not_applicable")


def source_header(number: int, lang: str) -> str:
    return tr(lang, "Source {number}", number=number)


def headers(lang: str, source_columns: int) -> list[tuple[str, str]]:
    """(key, header) of each column of the criteria sheet; source columns are `source:N`."""
    out = [(k, tr(lang, h)) for k, h in COLUMNS.items() if k != "evidence_date"]
    out += [(f"source:{n}", source_header(n, lang)) for n in range(1, source_columns + 1)]
    out.append(("evidence_date", tr(lang, COLUMNS["evidence_date"])))
    return out


def known_headers() -> dict[str, str]:
    """Every header of the criteria sheet in every language -> its key (source columns up to
    a generous number, for a sheet that gained columns)."""
    out: dict[str, str] = {}
    for lang in LANGS:
        for key, text in COLUMNS.items():
            out[tr(lang, text).casefold()] = key
        for n in range(1, 51):
            out[source_header(n, lang).casefold()] = f"source:{n}"
    return out


def sheet_names(kind: str) -> set[str]:
    return {tr(lang, SHEETS[kind]) for lang in LANGS}


class SheetRow(TypedDict):
    id: str
    area: str
    title: str
    question: str
    derived: bool
    status: str  # the code
    status_label: str
    note: str
    sources: list[str]
    evidence_date: str


class SourceRow(TypedDict):
    id: str
    publisher: str
    title: str
    date: str
    url: str


class SheetView(TypedDict):
    lang: str
    profile: str
    country: str
    catalogue: str
    catalogue_version: str
    fingerprint: str
    generated: str
    source_columns: int
    status_labels: list[str]
    rows: list[SheetRow]
    sources: list[SourceRow]


def cell_date(raw: Any) -> str:
    """A profile date as a cell shows it: the ISO text, as the profile writes it."""
    return "" if raw is None else str(raw)


def finding_cells(finding: dict[str, Any] | None, lang: str) -> dict[str, Any]:
    """The editable cells of a criterion's row, from the profile's finding (raw data)."""
    finding = finding or {}
    note = finding.get("note")
    return {"status": finding.get("status", "unknown"),
            "note": Text.of(note)(lang) if note else "",
            "sources": list(finding.get("sources", [])),
            "evidence_date": cell_date(finding.get("evidence_date"))}


def sheet_view(data: dict[str, Any], catalogue: Catalogue, profile: Profile, lang: str,
               fingerprint: str, generated: str) -> SheetView:
    """The sheet of a profile: `data` is its YAML as read, `profile` the model built from it."""
    findings = data.get("findings") or {}
    rows: list[SheetRow] = []
    profile = as_it_stood(profile, profile.as_of)
    for c in catalogue.criteria:
        derived = RULES[c.derive](profile, profile.as_of) if c.derive else None
        cells: dict[str, Any]
        if c.derive:
            status = derived.status if derived else "unknown"
            cells = {"status": status, "note": derived.reason(lang) if derived else
                     tr(lang, "Follows from the facts (treaties, NPM), which do not settle it "
                              "yet."), "sources": [], "evidence_date": ""}
        else:
            cells = finding_cells(findings.get(c.id), lang)
        rows.append({
            "id": c.id, "area": catalogue.area_by_id[c.area].title(lang),
            "title": c.title(lang), "question": c.question(lang) if c.question else "",
            "derived": c.derive is not None, "status": cells["status"],
            "status_label": label("status", cells["status"], lang), "note": cells["note"],
            "sources": cells["sources"], "evidence_date": cells["evidence_date"]})
    most = max((len(r["sources"]) for r in rows), default=0)
    return {
        "lang": lang,
        "profile": data["country"]["id"],
        "country": Text.of(data["country"]["name"])(lang),
        "catalogue": catalogue.id,
        "catalogue_version": catalogue.version,
        "fingerprint": fingerprint,
        "generated": generated,
        "source_columns": max(MIN_SOURCE_COLUMNS, most),
        "status_labels": [label("status", s, lang) for s in STATUS_ORDER],
        "rows": rows,
        "sources": [source_row(s, lang) for s in data.get("sources", [])],
    }


def source_row(source: dict[str, Any], lang: str) -> SourceRow:
    return {"id": source["id"], "publisher": source["publisher"],
            "title": Text.of(source["title"])(lang), "date": cell_date(source.get("date")),
            "url": source.get("url") or ""}
