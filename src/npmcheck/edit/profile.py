"""Changes to a profile's data (a finding, a source) and the check every new version passes
before it is written."""

from __future__ import annotations

import copy
import re
import unicodedata
from typing import Any

from npmcheck.diagnostics import Problem, errors_only
from npmcheck.domain.model import Catalogue
from npmcheck.load import workspace


def problems_of(text: str, shown: str, ws: workspace.Workspace) -> list[Problem]:
    """The errors `npmcheck validate` would report for this profile text (warnings left out)."""
    from npmcheck.load import build, checks, schema
    from npmcheck.load.yamlio import load_text

    doc, problems = load_text(text, shown)
    if doc is None:
        return errors_only(problems)
    problems = errors_only(schema.validate("profile", doc))
    if problems:
        return problems
    catalogue = ws.catalogues.get(doc.data.get("catalogue", workspace.DEFAULT_CATALOGUE))
    problems = errors_only(checks.check_profile(doc, catalogue, workspace.today()))
    if problems or catalogue is None:
        return problems
    return errors_only(checks.check_derived(doc, build.profile(doc), catalogue))


# ---------------------------------------------------------------- changes to the data


def with_finding(data: dict[str, Any], catalogue: Catalogue, cid: str,
                 finding: dict[str, Any] | None) -> dict[str, Any]:
    """`data` with the finding of `cid` replaced (None removes it); a new finding goes in
    catalogue order, and a new `findings` section before `sources`."""
    out = copy.deepcopy(data)
    findings: dict[str, Any] = out.get("findings") or {}
    if finding is None:
        findings.pop(cid, None)
    elif cid in findings:
        findings[cid] = finding
    else:
        rank = {c.id: i for i, c in enumerate(catalogue.criteria)}
        mine = rank.get(cid, len(rank))
        items = list(findings.items())
        at = next((i for i, (k, _) in enumerate(items) if rank.get(k, len(rank)) > mine),
                  len(items))
        items.insert(at, (cid, finding))
        findings = dict(items)
    if "findings" in out or findings:
        if "findings" not in out:
            return _insert_before(out, "findings", findings, "sources")
        out["findings"] = findings
    return out


def _insert_before(data: dict[str, Any], key: str, value: Any, before: str) -> dict[str, Any]:
    items = [(k, v) for k, v in data.items() if k != key]
    at = next((i for i, (k, _) in enumerate(items) if k == before), len(items))
    items.insert(at, (key, value))
    return dict(items)


def with_source(data: dict[str, Any], source: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(data)
    out.setdefault("sources", []).append(source)
    return out


_TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәіңғүұқөһ",
                     ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n",
                      "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y",
                      "", "e", "yu", "ya", "a", "i", "n", "g", "u", "u", "k", "o", "h"],
                     strict=True))


def slug(text: str) -> str:
    """Lower-case letters, digits and hyphens, Cyrillic written in Latin letters."""
    out = []
    for char in unicodedata.normalize("NFKC", text).lower():
        char = _TRANSLIT.get(char, char)
        char = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        out.append(char if char.isalnum() else "-")
    return re.sub(r"-+", "-", "".join(out)).strip("-")


def source_id(data: dict[str, Any], publisher: str, date: str | None) -> str:
    """A new source id from the publisher (its acronym in brackets, else its first words) and
    the date, not yet used in the profile: `apt-2008-07-07`."""
    acronym = re.search(r"\(([^()]{2,12})\)", publisher)
    words = slug(acronym.group(1) if acronym else publisher).split("-")
    base = "-".join(w for w in [*words[:3], date or ""] if w) or "source"
    if not base[0].isalnum():
        base = "source-" + base
    taken = {s.get("id") for s in data.get("sources", []) if isinstance(s, dict)}
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
