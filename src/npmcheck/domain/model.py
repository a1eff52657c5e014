"""The domain as plain, frozen data: the catalogue and the country profiles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import field
from functools import cached_property
from typing import Literal

from npmcheck.records import Record
from npmcheck.values import PartialDate, Text

STATUSES = ("met", "partial", "not_met", "unknown", "not_applicable")
PHASES = ("ratification", "designation", "establishment", "operation", "follow-up")


# ---------------------------------------------------------------- catalogue


class Reference(Record):
    """Where a criterion is grounded: a document and the article, paragraph or section."""

    document: str
    article: str | None = None
    paragraph: str | None = None
    section: Text | None = None
    note: Text | None = None


class Deadline(Record):
    """A legal time limit: so many months after the deposit or the entry into force."""

    after: Literal["deposit", "entry-into-force"]
    months: int


class ChecklistItem(Record):
    """One part of a criterion that a profile can mark on its own (a place type)."""

    id: str
    title: Text


class Criterion(Record):
    """One requirement of the catalogue, with what to ask, what counts, and what to do."""

    id: str
    area: str
    weight: int
    obligation: str
    phase: str
    requires: tuple[str, ...]
    derive: str | None
    actors: tuple[str, ...]
    title: Text
    requirement: Text
    question: Text | None
    evidence: Text | None
    action: Text
    references: tuple[Reference, ...]
    deadline: Deadline | None = None
    checklist: tuple[ChecklistItem, ...] = ()
    closes: str | None = None  # deposit | designation | postponement-end: then a gap is past

    @property
    def binding(self) -> bool:
        """True where the criterion states a treaty duty (or the SPT's reading of one)."""
        return self.obligation in ("treaty", "treaty-interpretation")


class Area(Record):
    """A group of criteria scored together (ratification, designation, mandate...)."""

    id: str
    title: Text
    description: Text | None = None


class Actor(Record):
    """An authority or body that can act on a criterion (parliament, ministries, NPM...)."""

    id: str
    label: Text


class SourceDocument(Record):
    """A treaty, report or guideline that the criteria cite."""

    id: str
    title: Text
    short: Text | None = None
    symbol: str | None = None
    date: PartialDate | None = None
    url: str | None = None


class Catalogue(Record):
    """The criteria of one catalogue with its areas, actors and cited documents."""

    id: str
    version: str
    title: Text
    documents: tuple[SourceDocument, ...]
    areas: tuple[Area, ...]
    actors: tuple[Actor, ...]
    criteria: tuple[Criterion, ...]

    @cached_property
    def by_id(self) -> Mapping[str, Criterion]:
        return {c.id: c for c in self.criteria}

    @cached_property
    def area_by_id(self) -> Mapping[str, Area]:
        return {a.id: a for a in self.areas}

    @cached_property
    def actor_by_id(self) -> Mapping[str, Actor]:
        return {a.id: a for a in self.actors}

    @cached_property
    def document_by_id(self) -> Mapping[str, SourceDocument]:
        return {d.id: d for d in self.documents}


# ---------------------------------------------------------------- profile


class Source(Record):
    """A document that a profile relies on for its facts and findings."""

    id: str
    publisher: str
    title: Text
    date: PartialDate | None = None
    url: str | None = None
    language: str | None = None


class Declaration(Record):
    """An OPCAT Art. 24 declaration postponing Part III (SPT visits) or Part IV (the NPM)."""

    part: Literal["III", "IV"]
    years: int
    extension_years: int = 0
    made: PartialDate | None = None
    note: Text | None = None
    sources: tuple[str, ...] = ()


class Treaty(Record):
    """A State's standing under one treaty (CAT or OPCAT): status and dates."""

    status: str
    sources: tuple[str, ...]
    signed: PartialDate | None = None
    approved: PartialDate | None = None
    joined: PartialDate | None = None
    deposited: PartialDate | None = None
    entry_into_force: PartialDate | None = None
    how: str | None = None
    reservations: bool = False
    declaration: Declaration | None = None
    note: Text | None = None

    @property
    def deposit(self) -> PartialDate | None:
        """The date the State became bound by its instrument (deposit, else joined)."""
        return self.deposited or self.joined


class NpmBody(Record):
    """A body that has served (or serves) as the National Preventive Mechanism."""

    body: Text
    model: str
    sources: tuple[str, ...]
    designated: PartialDate | None = None
    legal_act: Text | None = None
    operational: PartialDate | None = None
    until: PartialDate | None = None
    note: Text | None = None


class NpmYear(Record):
    """What the NPM did, and with what, in one year, as far as its sources give it."""

    year: int
    sources: tuple[str, ...]
    visits: int | None = None
    places: Mapping[str, int] = field(default_factory=dict)  # visits by place type
    staff: int | None = None
    budget: tuple[float, str] | None = None  # (amount, ISO 4217 currency)
    report_published: PartialDate | None = None  # its annual report on that year
    report_url: str | None = None
    report_title: Text | None = None
    note: Text | None = None


class Npm(Record):
    """Whether an NPM is designated, and the bodies that have held the role."""

    designated: bool | None
    history: tuple[NpmBody, ...] = ()
    note: Text | None = None
    sources: tuple[str, ...] = ()
    activity: tuple[NpmYear, ...] = ()

    @property
    def current(self) -> NpmBody | None:
        current = [b for b in self.history if b.until is None]
        return current[-1] if current else None


class Nhri(Record):
    """The national human rights institution and its accreditation status."""

    name: Text
    accreditation: str
    since: PartialDate | None = None
    note: Text | None = None
    sources: tuple[str, ...] = ()


class Commitment(Record):
    """A recommendation, pledge or plan that bears on the criteria."""

    id: str
    kind: str
    title: Text
    sources: tuple[str, ...]
    cycle: int | None = None
    response: str | None = None
    count: int | None = None
    made: PartialDate | None = None
    due: PartialDate | None = None
    criteria: tuple[str, ...] = ()
    note: Text | None = None


class Recommendation(Record):
    """A recommendation a human-rights mechanism made to the State, and its response."""

    id: str
    mechanism: str  # upr | cat | spt | treaty-body | special-procedure
    year: int
    text: Text  # a paraphrase
    response: str  # supported, noted, partially-supported, no-response, not-applicable, unknown
    sources: tuple[str, ...]
    cycle: int | None = None
    session: Text | None = None
    symbol: str | None = None
    paragraph: str | None = None
    recommended_by: tuple[Text, ...] = ()
    criteria: tuple[str, ...] = ()
    note: Text | None = None


class Event(Record):
    """A dated event in the State's path towards an NPM (a visit, a law, a report)."""

    date: PartialDate
    kind: str
    title: Text
    sources: tuple[str, ...]
    until: PartialDate | None = None
    note: Text | None = None
    symbol: str | None = None  # of the report, for an SPT visit
    report_published: bool | None = None


class ProfileFinding(Record):
    """What a profile says about one criterion."""

    status: str
    sources: tuple[str, ...] = ()
    note: Text | None = None
    since: PartialDate | None = None
    checklist: Mapping[str, str] = field(default_factory=dict)
    evidence_date: PartialDate | None = None  # when the evidence dates from


class Country(Record):
    """Who a profile is about: id, ISO code, names and region."""

    id: str
    code: str
    name: Text
    region: str | None = None


class Profile(Record):
    """What is known about one State on a given date: treaties, NPM, findings, sources."""

    country: Country
    as_of: dt.date
    catalogue: str
    cat: Treaty
    opcat: Treaty
    npm: Npm
    sources: tuple[Source, ...]
    path: str = ""
    nhri: Nhri | None = None
    commitments: tuple[Commitment, ...] = ()
    events: tuple[Event, ...] = ()
    findings: Mapping[str, ProfileFinding] = field(default_factory=dict)
    recommendations: tuple[Recommendation, ...] = ()

    @cached_property
    def source_by_id(self) -> Mapping[str, Source]:
        return {s.id: s for s in self.sources}
