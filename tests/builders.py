"""Small catalogues and profiles built in memory, for the engine tests (no files, no bundled data).

Every helper fills in only what the engine reads; the rest gets a plain placeholder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from npmcheck.domain.model import (
    Actor,
    Area,
    Catalogue,
    Commitment,
    Country,
    Criterion,
    Deadline,
    Declaration,
    Event,
    Npm,
    NpmBody,
    Profile,
    ProfileFinding,
    Reference,
    Source,
    SourceDocument,
    Treaty,
)
from npmcheck.records import replace
from npmcheck.values import PartialDate, Text

AS_OF = dt.date(2026, 1, 1)
SOURCES = ("s1",)


def d(raw: str | int | None) -> PartialDate | None:
    """A partial date from its text ('2009', '2009-06', '2009-06-25'), None stays None."""
    return PartialDate.maybe(raw)


def criterion(
    cid: str,
    *,
    area: str | None = None,
    weight: int = 1,
    requires: Sequence[str] = (),
    phase: str = "establishment",
    derive: str | None = None,
    obligation: str = "guidance",
    actors: Sequence[str] = ("parliament",),
    deadline_months: int | None = None,
) -> Criterion:
    return Criterion(
        id=cid,
        area=area or cid.split(".")[0],
        weight=weight,
        obligation=obligation,
        phase=phase,
        requires=tuple(requires),
        derive=derive,
        actors=tuple(actors),
        title=Text(f"Title of {cid}", f"Название {cid}"),
        requirement=Text(f"Requirement of {cid}"),
        question=None,
        evidence=None,
        action=Text(f"Do {cid}", f"Сделать {cid}"),
        references=(Reference("opcat", article="17"),),
        deadline=(Deadline("entry-into-force", deadline_months)
                  if deadline_months is not None else None),
    )


def catalogue(criteria: Iterable[Criterion], areas: Iterable[str] | None = None) -> Catalogue:
    items = tuple(criteria)
    area_ids = list(areas) if areas is not None else list(dict.fromkeys(c.area for c in items))
    actor_ids = list(dict.fromkeys(a for c in items for a in c.actors))
    return Catalogue(
        id="opcat",
        version="test",
        title=Text("Test catalogue"),
        documents=(SourceDocument("opcat", Text("Optional Protocol"), Text("OPCAT")),),
        areas=tuple(Area(a, Text(a.title())) for a in area_ids),
        actors=tuple(Actor(a, Text(a.replace("-", " ").title())) for a in actor_ids),
        criteria=items,
    )


DATE_FIELDS = ("signed", "approved", "joined", "deposited", "entry_into_force")


def treaty(status: str = "not-party", *, declaration: Declaration | None = None,
           reservations: bool = False, **dates: str | None) -> Treaty:
    """A treaty record; date keywords take text ('2009-06') and are parsed here."""
    assert set(dates) <= set(DATE_FIELDS), dates
    parsed: dict[str, Any] = {k: d(v) for k, v in dates.items()}
    return Treaty(status=status, sources=SOURCES, declaration=declaration,
                  reservations=reservations, **parsed)


def declaration(part: str, years: int = 3, extension_years: int = 0) -> Declaration:
    assert part in ("III", "IV")
    return Declaration(part, years, extension_years, sources=SOURCES)  # type: ignore[arg-type]


def body(name: str = "Ombudsman", model: str = "ombudsman", designated: str | None = None,
         operational: str | None = None, until: str | None = None) -> NpmBody:
    return NpmBody(Text(name), model, SOURCES, designated=d(designated),
                   operational=d(operational), until=d(until))


def profile(
    cid: str = "testland",
    *,
    findings: Mapping[str, str | ProfileFinding] | None = None,
    cat: Treaty | None = None,
    opcat: Treaty | None = None,
    designated: bool | None = False,
    bodies: Sequence[NpmBody] = (),
    region: str | None = "test",
    as_of: dt.date = AS_OF,
    commitments: Sequence[Commitment] = (),
    events: Sequence[Event] = (),
) -> Profile:
    given = {
        k: v if isinstance(v, ProfileFinding) else ProfileFinding(v, SOURCES,
                                                                  Text(f"Note on {k}"))
        for k, v in (findings or {}).items()
    }
    return Profile(
        country=Country(cid, "XT", Text(cid.title()), region),
        as_of=as_of,
        catalogue="opcat",
        cat=cat or treaty("party", joined="1999-06-25"),
        opcat=opcat or treaty("not-party"),
        npm=Npm(designated, tuple(bodies)),
        sources=(Source("s1", "Test Office", Text("A test source"), d("2025-01-02")),),
        commitments=tuple(commitments),
        events=tuple(events),
        findings=given,
    )


def party(deposited: str = "2008-12-29", **extra: Any) -> Treaty:
    return treaty("party", deposited=deposited, **extra)


def commitment(cid: str, due: str | None, made: str | None = None) -> Commitment:
    return Commitment(cid, "action-plan", Text(f"Commitment {cid}"), SOURCES,
                      made=d(made), due=d(due))


def event(date: str, title: str = "An event") -> Event:
    parsed = d(date)
    assert parsed is not None
    return Event(parsed, "study-visit", Text(title), SOURCES)


def with_findings(base: Profile, findings: Mapping[str, str]) -> Profile:
    return replace(base, findings={
        k: ProfileFinding(v, SOURCES, Text(f"Note on {k}")) for k, v in findings.items()})
