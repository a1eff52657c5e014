"""The view of a roadmap: legal dates, milestones, steps with their deadlines and peers, and
the State's commitments (the JSON result of `npmcheck roadmap`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from npmcheck.i18n import fmt, tr
from npmcheck.values import PartialDate
from npmcheck.views import TypedDict
from npmcheck.views.catalogue import references, text
from npmcheck.views.labels import label
from npmcheck.views.profile import CountryView, country_view, source_label
from npmcheck.views.recommendations import RecommendationSummary, summary

if TYPE_CHECKING:  # only for annotations: assess and compare need not import the planner
    from npmcheck.domain.roadmap import Peer, Roadmap
    from npmcheck.domain.timeline import Span


class StageRef(TypedDict):
    id: str
    label: str


class CatalogueVersion(TypedDict):
    id: str
    version: str


class SpanJson(TypedDict):
    earliest: str
    latest: str
    exact: bool


class TimelineView(TypedDict):
    scenario: bool
    deposit: str | None
    entry_into_force: str | None
    npm_deadline: str | None
    postponed_part: str | None
    postponed_until: str | None
    npm_deadline_before_postponement: str | None
    approximate: dict[str, SpanJson]


class MilestoneView(TypedDict):
    id: str
    label: str
    date: str | None
    date_label: str
    legal: bool
    past: bool


class PeerView(TypedDict):
    country: str
    name: str
    label: str  # the name, with "(partly met)" when it is only partly met
    note: str | None
    derived: bool
    partly: bool  # only partly met: no peer meets the criterion in full
    sources: list[str]


class FoldedStep(TypedDict):
    number: int
    criterion: str
    title: str


class StepView(TypedDict):
    number: int
    criterion: str
    title: str
    area: str
    weight: int
    status: str
    status_label: str
    phase: str
    phase_label: str
    action: str
    actors: list[str]
    actor_labels: list[str]
    requires: list[str]
    waits_for: list[str]
    deadline: str | None
    deadline_label: str
    deadline_basis: str | None
    deadline_legal: bool
    stale: bool  # the profile's evidence for it is old: re-check
    evidence_date: str | None
    overdue: bool  # not met after a legal deadline
    to_verify: bool  # unknown, and past its date
    date_passed: bool  # not met after the date our convention planned (not a legal one)
    binding: bool
    references: list[str]
    peers: list[PeerView]
    blocked_by: list[str]  # unmet prerequisites: shown folded under the first of them
    folded: list[FoldedStep]  # the blocked steps shown under this one
    recommendations: RecommendationSummary  # what the State was told on it and its folded


class CommitmentView(TypedDict):
    id: str
    kind: str
    title: str
    cycle: int | None
    response: str | None
    count: int | None
    due: str | None
    due_label: str
    ended: bool  # its date (a plan's period) has passed
    note: str | None
    criteria: list[str]


class RoadmapView(TypedDict):
    country: CountryView
    as_of: str
    lang: str
    catalogue: CatalogueVersion
    stage: StageRef
    timeline: TimelineView
    milestones: list[MilestoneView]
    steps: list[StepView]
    steps_total: int  # all the steps, also when --top shows fewer
    commitments: list[CommitmentView]


def span_iso(span: Span | None) -> str | None:
    return None if span is None else span.iso()


def span_label(span: Span | None, lang: str) -> str:
    """A computed date for people: exact, or the range the sources leave open."""
    if span is None:
        return ""
    if span.exact:
        return fmt(span.earliest, lang)
    start, end = span.earliest, span.latest
    if start.day == 1 and (end + dt.timedelta(days=1)).day == 1 and start.year == end.year:
        if start.month == end.month:  # a whole month: "December 2026"
            return fmt(PartialDate(start.year, start.month), lang)
        if (start.month, end.month) == (1, 12):  # a whole year: "2026"
            return fmt(PartialDate(start.year), lang)
    return tr(lang, "between {start} and {end}", start=start, end=end)


def _span_json(span: Span) -> SpanJson:
    return {"earliest": span.earliest.isoformat(), "latest": span.latest.isoformat(),
            "exact": span.exact}


def roadmap_view(r: Roadmap, lang: str, top: int | None = None) -> RoadmapView:
    """The roadmap; with `top`, only the first `top` steps that wait for no other."""
    a = r.assessment
    t = r.timeline
    catalogue = a.catalogue
    actors = catalogue.actor_by_id

    def peer(p: Peer) -> PeerView:
        sources = p.profile.source_by_id
        return {"country": p.profile.country.id, "name": p.profile.country.name(lang),
                "label": tr(lang, "{country} (partly met)", country=p.profile.country.name(lang))
                if p.partly else p.profile.country.name(lang),
                "note": text(p.note, lang), "derived": p.finding.derived, "partly": p.partly,
                "sources": [source_label(sources[s], lang) for s in p.finding.sources
                            if s in sources]}

    # numbered in the order a reader meets them: the steps to act on, then those they unblock
    ordered = [s for s in r.steps if not s.blocked_by] + [s for s in r.steps if s.blocked_by]
    numbers = {s.criterion.id: i for i, s in enumerate(ordered, 1)}
    under: dict[str, list[str]] = {}
    for s in ordered:
        if s.blocked_by:
            under.setdefault(s.blocked_by[0], []).append(s.criterion.id)

    def folded(cid: str) -> list[FoldedStep]:
        out: list[FoldedStep] = []
        for later in under.get(cid, []):
            out.append({"number": numbers[later], "criterion": later,
                        "title": a.catalogue.by_id[later].title(lang)})
            out += folded(later)
        return sorted(out, key=lambda x: x["number"])

    shown = [(i, s) for i, s in enumerate(ordered, 1) if top is None or not s.blocked_by]
    if top is not None:
        shown = shown[:top]
    return {
        "country": country_view(a.profile, lang),
        "as_of": a.as_of.isoformat(),
        "lang": lang,
        "catalogue": {"id": catalogue.id, "version": catalogue.version},
        "stage": {"id": a.stage.id, "label": a.stage.label(lang)},
        "timeline": {
            "scenario": t.scenario,
            "deposit": span_iso(t.deposit),
            "entry_into_force": span_iso(t.entry_into_force),
            "npm_deadline": span_iso(t.npm_deadline),
            "postponed_part": t.postponed_part,
            "postponed_until": span_iso(t.postponed_until),
            "npm_deadline_before_postponement": span_iso(t.npm_deadline_before_postponement),
            "approximate": {k: _span_json(v) for k, v in (
                ("deposit", t.deposit), ("entry_into_force", t.entry_into_force),
                ("npm_deadline", t.npm_deadline), ("postponed_until", t.postponed_until))
                if v is not None and not v.exact},
        },
        "milestones": [{"id": m.id, "label": m.label(lang), "date": span_iso(m.date),
                        "date_label": span_label(m.date, lang), "legal": m.legal,
                        "past": m.date.latest < a.as_of} for m in r.milestones],
        "steps": [
            {"number": i, "criterion": s.criterion.id, "title": s.criterion.title(lang),
             "area": s.criterion.area, "weight": s.criterion.weight,
             "status": s.finding.status,
             "status_label": label("status", s.finding.status, lang),
             "phase": s.criterion.phase,
             "phase_label": label("phase", s.criterion.phase, lang),
             "action": s.criterion.action(lang), "actors": list(s.criterion.actors),
             "actor_labels": [actors[x].label(lang) if x in actors else x
                              for x in s.criterion.actors],
             "requires": list(s.criterion.requires), "waits_for": list(s.waits_for),
             "deadline": span_iso(s.deadline), "deadline_label": span_label(s.deadline, lang),
             "deadline_basis": text(s.deadline_basis, lang), "deadline_legal": s.deadline_legal,
             "stale": s.finding.stale,
             "evidence_date": s.finding.evidence.iso() if s.finding.evidence else None,
             "overdue": s.overdue(a.as_of), "to_verify": s.to_verify(a.as_of),
             "date_passed": s.date_passed(a.as_of), "binding": s.finding.binding,
             "references": references(s.criterion, catalogue, lang),
             "peers": [peer(p) for p in s.peers],
             "blocked_by": list(s.blocked_by), "folded": folded(s.criterion.id),
             "recommendations": summary(
                 a.profile.recommendations,
                 [s.criterion.id, *(x["criterion"] for x in folded(s.criterion.id))], lang)}
            for i, s in shown
        ],
        "steps_total": len(r.steps),
        "commitments": [
            {"id": c.commitment.id, "kind": c.commitment.kind,
             "title": c.commitment.title(lang), "cycle": c.commitment.cycle,
             "response": c.commitment.response, "count": c.commitment.count,
             "due": c.commitment.due.iso() if c.commitment.due else None,
             "due_label": fmt(c.commitment.due, lang) if c.commitment.due else "",
             "ended": c.ended, "note": text(c.commitment.note, lang),
             "criteria": list(c.commitment.criteria)}
            for c in r.commitments
        ],
    }
