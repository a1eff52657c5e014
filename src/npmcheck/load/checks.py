"""Checks a schema cannot express: references between files, dates, and derived facts."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Iterator
from typing import Any

from npmcheck.diagnostics import Problem, did_you_mean
from npmcheck.domain.derive import RULES
from npmcheck.domain.model import Catalogue, Profile
from npmcheck.i18n import N_, Msg, msg
from npmcheck.load.yamlio import Document, JsonPath
from npmcheck.values import PartialDate

DATE_KEYS = {
    "signed", "approved", "joined", "deposited", "entry_into_force", "made", "designated",
    "operational", "until", "due", "since", "date", "evidence_date", "published",
}
# (earlier, later) pairs that must be in order within one mapping
DATE_ORDER = [
    ("signed", "approved"), ("signed", "deposited"), ("signed", "joined"),
    ("approved", "deposited"), ("deposited", "entry_into_force"), ("joined", "entry_into_force"),
    ("designated", "operational"), ("designated", "until"), ("date", "until"),
]


def _suggest(word: str, options: Iterable[str]) -> Msg | str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return did_you_mean(close[0]) if close else ""


def _walk(value: Any, path: JsonPath = ()) -> Iterator[tuple[JsonPath, Any]]:
    """Every value under `value` with its path, parents first, in document order. (With a
    stack: nested generators passed each value up through every level, a quarter of the
    checks' time on a profile.)"""
    stack: list[tuple[JsonPath, Any]] = [(path, value)]
    while stack:
        path, value = stack.pop()
        yield path, value
        if isinstance(value, dict):
            stack.extend([((*path, key), child) for key, child in value.items()][::-1])
        elif isinstance(value, list):
            stack.extend([((*path, index), child) for index, child in enumerate(value)][::-1])


def _dates(doc: Document, walked: Iterable[tuple[JsonPath, Any]] | None = None
           ) -> tuple[dict[JsonPath, PartialDate], list[Problem]]:
    """Every date in the document (`walked`: its values as _walk gives them, when the caller
    has them already), and a problem for each one that cannot exist."""
    found: dict[JsonPath, PartialDate] = {}
    problems = []
    for path, value in _walk(doc.data) if walked is None else walked:
        if not path or path[-1] not in DATE_KEYS or isinstance(value, bool) or value is None:
            continue
        if path == ("npm", "designated") or not isinstance(value, str | int):
            continue
        try:
            found[path] = PartialDate.parse(value)
        except ValueError:
            problems.append(doc.problem(path, "R107", "'{value}' is not a date that exists",
                                        value=value))
    return found, problems


# the message for an id given twice, by the list it is in
TWICE = {
    "criteria": N_("criterion '{id}' is defined twice (first at {first})"),
    "areas": N_("area '{id}' is defined twice (first at {first})"),
    "actors": N_("actor '{id}' is defined twice (first at {first})"),
    "documents": N_("document '{id}' is defined twice (first at {first})"),
    "sources": N_("source '{id}' is defined twice (first at {first})"),
    "recommendations": N_("recommendation '{id}' is defined twice (first at {first})"),
}


def _duplicates(doc: Document, items: list[Any], key: str, seen: dict[str, str]
                ) -> list[Problem]:
    """A problem for each item of the list `key` whose id an earlier item has."""
    problems = []
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        where = f"{doc.path}:{doc.locate((key, index, 'id'))[0]}"
        if item["id"] in seen:
            problems.append(doc.problem((key, index, "id"), "R103", TWICE[key], id=item["id"],
                                        first=seen[item["id"]]))
        else:
            seen[item["id"]] = where
    return problems


def check_catalogue(docs: list[Document]) -> list[Problem]:
    """Cross-file checks for all the files of one catalogue (already schema-valid)."""
    problems: list[Problem] = []
    metas = [d for d in docs if "version" in d.data]
    if not metas:
        problems.append(docs[0].problem(("catalogue",), "R113",
                                        "no file of catalogue '{id}' gives its 'version' and "
                                        "'title'; add them to one file",
                                        id=docs[0].data["catalogue"]))
    for extra in metas[1:]:
        problems.append(extra.problem(("version",), "R103",
                                      "catalogue metadata is given twice (first in {first})",
                                      first=metas[0].path))
    seen: dict[str, dict[str, str]] = {k: {} for k in ("criteria", "areas", "actors", "documents")}
    for doc in docs:
        for key in seen:
            problems += _duplicates(doc, doc.data.get(key, []), key, seen[key])
        problems += _dates(doc)[1]
    areas, actors, documents, criteria = (seen[k] for k in ("areas", "actors", "documents",
                                                            "criteria"))
    requires: dict[str, list[str]] = {}
    where: dict[str, tuple[Document, JsonPath]] = {}
    for doc in docs:
        for index, crit in enumerate(doc.data.get("criteria", [])):
            base: JsonPath = ("criteria", index)
            cid = crit["id"]
            where.setdefault(cid, (doc, base))
            requires.setdefault(cid, list(crit.get("requires", [])))
            if crit["area"] not in areas:
                problems.append(doc.problem((*base, "area"), "R106", "unknown area '{area}'{hint}",
                                            area=crit["area"],
                                            hint=_suggest(crit["area"], areas)))
            elif not cid.startswith(crit["area"] + "."):
                problems.append(doc.problem((*base, "id"), "R106",
                                            "criterion '{id}' should start with its area "
                                            "'{area}.'", id=cid, area=crit["area"]))
            for i, actor in enumerate(crit.get("actors", [])):
                if actor not in actors:
                    problems.append(doc.problem((*base, "actors", i), "R110",
                                                "unknown actor '{actor}'{hint}", actor=actor,
                                                hint=_suggest(actor, actors)))
            for i, ref in enumerate(crit.get("references", [])):
                if ref["document"] not in documents:
                    problems.append(doc.problem((*base, "references", i, "document"), "R111",
                                                "unknown document '{document}'{hint}",
                                                document=ref["document"],
                                                hint=_suggest(ref["document"], documents)))
            for i, req in enumerate(crit.get("requires", [])):
                if req not in criteria:
                    problems.append(doc.problem((*base, "requires", i), "R104",
                                                "'{id}' requires '{requirement}', which does not "
                                                "exist{hint}", id=cid, requirement=req,
                                                hint=_suggest(req, criteria)))
    for cycle in find_cycles(requires):
        doc, base = where[cycle[0]]
        problems.append(doc.problem((*base, "requires"), "R105",
                                    "requirements form a cycle: {cycle}",
                                    cycle=" -> ".join(cycle)))
    return problems


def find_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Each cycle in a dependency graph once, as a path that returns to its start."""
    state: dict[str, int] = {}  # 1 visiting, 2 done
    cycles: list[list[str]] = []
    for start in sorted(graph):
        if state.get(start):
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(graph.get(start, [])))]
        trail = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                trail.pop()
                state[node] = 2
            elif state.get(child) == 1:
                cycles.append([*trail[trail.index(child):], child])
            elif not state.get(child) and child in graph:
                state[child] = 1
                trail.append(child)
                stack.append((child, iter(graph[child])))
    return cycles


LANGUAGE_NAMES = {"en": msg("English"), "ru": msg("Russian")}


def check_profile(doc: Document, catalogue: Catalogue | None, today: dt.date) -> list[Problem]:
    """Cross-file checks for one schema-valid profile against its catalogue."""
    data = doc.data
    problems: list[Problem] = []
    listed: dict[str, str] = {}
    problems += _duplicates(doc, data.get("sources", []), "sources", listed)
    problems += _duplicates(doc, data.get("recommendations", []), "recommendations", {})
    cited: set[str] = set()
    walked = list(_walk(data))  # walked once for these checks and the dates
    for path, value in walked:
        if isinstance(value, dict) and len(value) == 1 and set(value) < {"en", "ru"}:
            (given,) = value  # a workshop in the other language would show nothing here
            problems.append(doc.problem(path, "W202", "this text has {given} only; add its "
                                        "{missing} version", warning=True,
                                        given=LANGUAGE_NAMES[given],
                                        missing=LANGUAGE_NAMES[({"en", "ru"} - {given}).pop()]))
        if path and path[-1] == "sources" and path != ("sources",) and isinstance(value, list):
            for index, sid in enumerate(value):
                cited.add(sid)
                if sid not in listed:
                    problems.append(doc.problem((*path, index), "R102",
                                                "source '{id}' is not in the profile's 'sources' "
                                                "list{hint}", id=sid,
                                                hint=_suggest(sid, listed)))
    for index, source in enumerate(data.get("sources", [])):
        if source["id"] not in cited:
            problems.append(doc.problem(("sources", index, "id"), "W201",
                                        "source '{id}' is listed but never cited",
                                        warning=True, id=source["id"]))
    problems += _check_dates(doc, today, walked)
    if catalogue is None:
        problems.append(doc.problem(("catalogue",) if "catalogue" in data else ("country",),
                                    "R114", "no criteria catalogue '{id}' is loaded",
                                    id=data.get("catalogue", "opcat")))
        return problems
    known = catalogue.by_id
    for cid, finding in data.get("findings", {}).items():
        if cid not in known:
            problems.append(doc.problem(("findings", cid), "R101", "unknown criterion '{id}'{hint}",
                                        key=True, id=cid, hint=_suggest(cid, known)))
            continue
        items = {i.id for i in known[cid].checklist}
        for item in finding.get("checklist", {}):
            if item not in items:
                hint = _suggest(item, items) if items else msg("; this criterion has no "
                                                               "checklist")
                problems.append(doc.problem(("findings", cid, "checklist", item), "R112",
                                            "unknown checklist item '{item}'{hint}", key=True,
                                            item=item, hint=hint))
    for key in ("commitments", "recommendations"):
        for index, item in enumerate(data.get(key, [])):
            for i, cid in enumerate(item.get("criteria", [])):
                if cid not in known:
                    problems.append(doc.problem((key, index, "criteria", i), "R101",
                                                "unknown criterion '{id}'{hint}", id=cid,
                                                hint=_suggest(cid, known)))
    return problems


def _check_dates(doc: Document, today: dt.date, walked: list[tuple[JsonPath, Any]]
                 ) -> list[Problem]:
    found, problems = _dates(doc, walked)
    as_of = None
    try:
        as_of = dt.date.fromisoformat(doc.data["as_of"])
    except ValueError:
        problems.append(doc.problem(("as_of",), "R107", "'{value}' is not a date that exists",
                                    value=doc.data["as_of"]))
    if as_of is not None and as_of > today:
        problems.append(doc.problem(("as_of",), "R108",
                                    "as_of {as_of} is in the future (today is {today})",
                                    as_of=str(as_of), today=str(today)))
    for path, date in found.items():
        if as_of is not None and date.earliest() > as_of and path[-1] != "due":
            problems.append(doc.problem(path, "R108",
                                        "{date} is after the profile's as_of date {as_of}",
                                        date=str(date), as_of=str(as_of)))
    for path, later in found.items():
        parent = path[:-1]
        for first, second in DATE_ORDER:
            earlier = found.get((*parent, first))
            if path[-1] == second and earlier is not None and earlier.earliest() > later.latest():
                problems.append(doc.problem(path, "R115",
                                            "'{second}' ({later}) comes before '{first}' "
                                            "({earlier})", second=second, later=str(later),
                                            first=first, earlier=str(earlier)))
    return problems


def check_derived(doc: Document, profile: Profile, catalogue: Catalogue) -> list[Problem]:
    """A finding must not contradict a status that follows from the profile's facts."""
    problems = []
    for cid, finding in profile.findings.items():
        criterion = catalogue.by_id.get(cid)
        if criterion is None or criterion.derive is None:
            continue
        derived = RULES[criterion.derive](profile, profile.as_of)
        if derived is not None and derived.status != finding.status:
            problems.append(doc.problem(("findings", cid, "status"), "R109",
                                        "'{id}' is {status} here, but the profile's facts make "
                                        "it {derived}: {reason}", id=cid, status=finding.status,
                                        derived=derived.status, reason=derived.reason))
    return problems
