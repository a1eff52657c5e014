"""The view of a workshop report: the assessment, the roadmap and the profile's record, in one
language, with the sources numbered so that gaps and peers can cite them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from npmcheck.domain.scoring import Finding
from npmcheck.i18n import On, Since, fmt, number, tr, trp
from npmcheck.views import TypedDict
from npmcheck.views.assessment import (
    AreaScoreView,
    CatalogueRef,
    FindingView,
    StageView,
    assessment_view,
    finding_view,
)
from npmcheck.views.catalogue import ItemView, text
from npmcheck.views.charts import TimelineChartView, timeline_chart_view
from npmcheck.views.labels import label
from npmcheck.views.profile import CountryView, source_label
from npmcheck.views.recommendations import (
    RecommendationTotals,
    RecommendationView,
    recommendation_view,
    recommendations_view,
)
from npmcheck.views.roadmap import CommitmentView, RoadmapView, roadmap_view, span_iso, span_label

if TYPE_CHECKING:
    from collections.abc import Callable

    from npmcheck.domain.roadmap import Roadmap
    from npmcheck.values import PartialDate
    from npmcheck.views.diff import DiffView


class ChecklistItemView(ItemView):
    status: str
    status_label: str


class SourceRef(TypedDict):
    id: str
    number: int
    label: str


class FoldedGap(TypedDict):
    criterion: str
    title: str


class GapView(FindingView):
    obligation_label: str
    requirement: str
    checklist_items: list[ChecklistItemView]
    source_refs: list[SourceRef]
    folded: list[FoldedGap]  # blocked gaps that follow once this one is met
    waits_for_title: str | None  # a blocked gap: the title of its first unmet prerequisite
    recommendation_items: list[RecommendationView]  # in full, for the gaps section


class ReadyItem(TypedDict):
    criterion: str
    title: str
    status: str
    status_label: str


class ReadinessView(TypedDict):
    """For a State not yet bound: what is ready, and the dates a deposit would set going."""

    ready: list[ReadyItem]
    illustrative: bool  # the deposit date is an illustration, not --deposit-date
    deposit: str
    entry_into_force: str
    npm_deadline: str


class AreaGapsView(TypedDict):
    id: str
    title: str
    description: str | None
    score: float | None
    coverage: float | None
    counts: dict[str, int]
    gaps: list[GapView]


class NextDeadline(TypedDict):
    label: str
    date: str | None
    date_label: str
    legal: bool


class ReportCommitment(CommitmentView):
    kind_label: str
    response_label: str
    made: str
    refs: list[int]  # the numbers of its sources in the report's list of sources


class NpmBodyView(TypedDict):
    body: str
    model: str
    model_label: str
    designated: str
    operational: str
    until: str
    legal_act: str | None
    note: str | None
    refs: list[int]


class NpmView(TypedDict):
    designated: bool | None
    note: str | None
    history: list[NpmBodyView]


class NhriView(TypedDict):
    name: str
    accreditation: str
    accreditation_label: str
    since: str
    since_label: str
    note: str | None
    refs: list[int]


class EventView(TypedDict):
    date: str
    until: str
    kind: str
    kind_label: str
    title: str
    note: str | None
    refs: list[int]


class SourceView(TypedDict):
    id: str
    number: int
    publisher: str
    title: str
    date: str
    url: str | None


class ReportView(TypedDict):
    # the assessment (as in AssessmentView, but with the gaps in full)
    country: CountryView
    as_of: str
    lang: str
    catalogue: CatalogueRef
    stage: StageView
    bound: bool
    score: float | None
    score_min: float | None
    score_max: float | None
    coverage: float | None
    coverage_inferred: float | None
    stale_after: int
    stale: list[GapView]  # every finding whose evidence is old, gap or not: to re-check
    areas: list[AreaScoreView]
    findings: list[FindingView]
    gaps: list[GapView]
    recommendations: RecommendationTotals
    # what the report adds
    generated: str
    generated_label: str
    as_of_label: str
    top_gaps: list[GapView]
    readiness: ReadinessView | None
    gaps_by_area: list[AreaGapsView]
    next_deadline: NextDeadline | None
    roadmap: RoadmapView
    commitments: list[ReportCommitment]
    npm: NpmView
    nhri: NhriView | None
    events: list[EventView]
    sources: list[SourceView]
    progress: DiffView | None  # `report --since`: the progress since the last workshop
    recommendation_list: list[RecommendationView]  # every one, for the annex
    activity: list[ActivityView]  # what the NPM did, year by year
    timeline_chart: TimelineChartView  # the rows of the timeline picture


class ActivityView(TypedDict):
    year: int
    visits: int | None
    places: list[str]  # "Prisons: 34", in the catalogue's order of place types
    staff: int | None
    budget: str  # "1 200 000 GEL", or nothing
    report: str  # the date its annual report was published, or nothing
    report_url: str | None
    report_title: str | None
    report_cell: str  # its annual report in the table: the date, "yes" when only known, or "–"
    note: str | None
    refs: list[int]


def report_view(r: Roadmap, lang: str, generated: str,
                progress: DiffView | None = None) -> ReportView:
    """Everything a workshop report shows, in one language; `generated` is an ISO timestamp.

    Sources are numbered in profile order ([1], [2], ...) so that gaps and peers can cite them."""
    a = r.assessment
    assessment = assessment_view(a, lang)
    plan = roadmap_view(r, lang)
    profile = a.profile
    numbers = {s.id: i for i, s in enumerate(profile.sources, 1)}

    def refs(ids: tuple[str, ...]) -> list[int]:
        return sorted({numbers[s] for s in ids if s in numbers})

    def gap_view(f: Finding) -> GapView:
        c = f.criterion
        statuses = dict(f.checklist)
        first = a.catalogue.by_id.get(f.blocked_by[0]) if f.blocked_by else None
        return {
            **finding_view(f, a, lang),
            "obligation_label": label("obligation", c.obligation, lang),
            "requirement": c.requirement(lang),
            "checklist_items": [
                {"id": i.id, "title": i.title(lang), "status": statuses.get(i.id, "unknown"),
                 "status_label": label("status", statuses.get(i.id, "unknown"), lang)}
                for i in c.checklist],
            "source_refs": [
                {"id": s, "number": numbers[s],
                 "label": source_label(profile.source_by_id[s], lang)}
                for s in f.sources if s in numbers],
            "folded": [{"criterion": x.criterion.id, "title": x.criterion.title(lang)}
                       for x in a.folded_under(c.id)],
            "waits_for_title": first.title(lang) if first else None,
            "recommendation_items": [
                recommendation_view(x, profile, a.catalogue, lang)
                for x in profile.recommendations
                if any(cid in x.criteria for cid in
                       [c.id, *(y.criterion.id for y in a.folded_under(c.id))])],
        }

    gaps = [gap_view(f) for f in a.gaps()]
    by_id = {g["criterion"]: g for g in gaps}
    by_area: list[AreaGapsView] = [
        {"id": s.area.id, "title": s.area.title(lang),
         "description": text(s.area.description, lang), "score": s.score,
         "coverage": s.coverage, "counts": dict(s.counts),
         "gaps": [g for g in gaps if g["area"] == s.area.id]}
        for s in a.areas
    ]
    nxt = r.next_deadline()
    stamp = dt.datetime.fromisoformat(generated)
    made = {c.commitment.id: c.commitment.made for c in r.commitments}
    cited = {c.commitment.id: c.commitment.sources for c in r.commitments}
    nhri = profile.nhri
    return {
        "country": assessment["country"],
        "as_of": assessment["as_of"],
        "lang": lang,
        "catalogue": assessment["catalogue"],
        "stage": assessment["stage"],
        "bound": assessment["bound"],
        "score": assessment["score"],
        "score_min": assessment["score_min"],
        "score_max": assessment["score_max"],
        "coverage": assessment["coverage"],
        "coverage_inferred": assessment["coverage_inferred"],
        "stale_after": assessment["stale_after"],
        "stale": [gap_view(f) for f in a.stale()],
        "areas": assessment["areas"],
        "findings": assessment["findings"],
        "gaps": gaps,
        "recommendations": assessment["recommendations"],
        "generated": generated,
        "generated_label": fmt(stamp.date(), lang),
        "as_of_label": fmt(a.as_of, lang),
        "top_gaps": [by_id[f.criterion.id] for f in a.top_gaps()],
        "readiness": _readiness(r, lang),
        "gaps_by_area": by_area,
        "next_deadline": None if nxt is None else {
            "label": nxt.label(lang), "date": span_iso(nxt.date),
            "date_label": span_label(nxt.date, lang), "legal": nxt.legal},
        "roadmap": plan,
        "commitments": [
            {**c, "kind_label": label("commitment", c["kind"], lang),
             "response_label": label("response", c["response"], lang),
             "made": made_label(c["kind"], made[c["id"]], lang),
             "refs": refs(cited[c["id"]])}
            for c in plan["commitments"]],
        "npm": {
            "designated": profile.npm.designated,
            "note": text(profile.npm.note, lang),
            "history": [{"body": b.body(lang), "model": b.model,
                         "model_label": label("model", b.model, lang),
                         "designated": fmt(b.designated, lang) if b.designated else "",
                         "operational": fmt(b.operational, lang) if b.operational else "",
                         "until": fmt(b.until, lang) if b.until else "",
                         "legal_act": text(b.legal_act, lang),
                         "note": text(b.note, lang), "refs": refs(b.sources)}
                        for b in profile.npm.history],
        },
        "nhri": None if nhri is None else {
            "name": nhri.name(lang), "accreditation": nhri.accreditation,
            "accreditation_label": label("accreditation", nhri.accreditation, lang),
            "since": fmt(nhri.since, lang) if nhri.since else "",
            "since_label": fmt(Since(nhri.since), lang) if nhri.since else "",
            "note": text(nhri.note, lang), "refs": refs(nhri.sources)},
        "events": [{"date": fmt(e.date, lang), "until": fmt(e.until, lang) if e.until else "",
                    "kind": e.kind, "kind_label": label("event", e.kind, lang),
                    "title": e.title(lang), "note": text(e.note, lang),
                    "refs": refs(e.sources)}
                   for e in sorted(profile.events,
                                   key=lambda e: (e.date.earliest(), e.date.latest()))],
        "sources": [{"id": s.id, "number": numbers[s.id], "publisher": s.publisher,
                     "title": s.title(lang), "date": fmt(s.date, lang) if s.date else "",
                     "url": s.url}
                    for s in profile.sources],
        "progress": progress,
        "recommendation_list": recommendations_view(profile, a.catalogue, lang)[
            "recommendations"],
        "activity": _activity(r, lang, refs),
        "timeline_chart": timeline_chart_view(r, lang),
    }


def _readiness(r: Roadmap, lang: str) -> ReadinessView | None:
    t = r.readiness
    if t is None or t.deposit is None or t.entry_into_force is None or t.npm_deadline is None:
        return None
    return {
        "ready": [{"criterion": f.criterion.id, "title": f.criterion.title(lang),
                   "status": f.status, "status_label": label("status", f.status, lang)}
                  for f in r.assessment.findings if f.status in ("met", "partial")],
        "illustrative": r.illustrative,
        "deposit": span_label(t.deposit, lang),
        "entry_into_force": span_label(t.entry_into_force, lang),
        "npm_deadline": span_label(t.npm_deadline, lang),
    }


def _activity(r: Roadmap, lang: str,
              refs: Callable[[tuple[str, ...]], list[int]]) -> list[ActivityView]:
    """The NPM's record by year, newest first, with place types named as the catalogue does
    and each year's sources as their numbers in the report."""
    kinds = {i.id: i.title(lang) for c in r.assessment.catalogue.criteria for i in c.checklist}
    out: list[ActivityView] = []
    for y in sorted(r.assessment.profile.npm.activity, key=lambda y: -y.year):
        budget = ""
        if y.budget is not None:
            budget = f"{fmt_number(y.budget[0], lang)} {y.budget[1]}"
        out.append({
            "year": y.year, "visits": y.visits,
            "places": [f"{kinds.get(k, k)}: {n}" for k, n in y.places.items()],
            "staff": y.staff, "budget": budget,
            "report": fmt(y.report_published, lang) if y.report_published else "",
            "report_url": y.report_url, "report_title": text(y.report_title, lang),
            "report_cell": fmt(y.report_published, lang) if y.report_published
            else tr(lang, "yes") if y.report_title or y.report_url else "–",
            "note": text(y.note, lang), "refs": refs(y.sources)})
    return out


def made_label(kind: str, made: PartialDate | None, lang: str) -> str:
    """When a commitment came about, in the words its kind takes: a plan is adopted
    ("принят"), a recommendation made ("вынесена"), a pledge made ("взято"); "" if unknown."""
    if made is None:
        return ""
    if kind == "action-plan":
        return tr(lang, "adopted {date}", date=On(made))
    if kind in ("upr", "cat"):
        return trp(lang, "recommendation", "made {date}", date=On(made))
    return trp(lang, "commitment", "made {date}", date=On(made))


def fmt_number(value: float, lang: str) -> str:
    """An amount with its thousands grouped as each language writes them (CLDR):
    "1,200,000.50", "1 200 000,50"."""
    return number(value, lang, 0 if value == int(value) else 2)
