"""The view of a workshop report: the assessment, the roadmap and the profile's record, in one
language, with the sources numbered so that gaps and peers can cite them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypedDict

from npmcheck.domain.scoring import Finding
from npmcheck.i18n import Since, fmt
from npmcheck.views.assessment import (
    AreaScoreView,
    CatalogueRef,
    CountryView,
    FindingView,
    StageView,
    assessment_view,
    finding_view,
    source_label,
)
from npmcheck.views.catalogue import ItemView, text
from npmcheck.views.labels import label
from npmcheck.views.roadmap import CommitmentView, RoadmapView, roadmap_view, span_iso, span_label

if TYPE_CHECKING:
    from npmcheck.domain.roadmap import Roadmap
    from npmcheck.views.diff import DiffView


class ChecklistItemView(ItemView):
    status: str
    status_label: str


class SourceRef(TypedDict):
    id: str
    number: int
    label: str


class GapView(FindingView):
    obligation_label: str
    requirement: str
    checklist_items: list[ChecklistItemView]
    source_refs: list[SourceRef]


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


class NpmBodyView(TypedDict):
    body: str
    model: str
    model_label: str
    designated: str
    operational: str
    until: str
    legal_act: str | None
    note: str | None


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


class EventView(TypedDict):
    date: str
    until: str
    kind: str
    kind_label: str
    title: str
    note: str | None


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
    coverage: float | None
    areas: list[AreaScoreView]
    findings: list[FindingView]
    gaps: list[GapView]
    # what the report adds
    generated: str
    generated_label: str
    as_of_label: str
    top_gaps: list[GapView]
    gaps_by_area: list[AreaGapsView]
    next_deadline: NextDeadline | None
    roadmap: RoadmapView
    commitments: list[ReportCommitment]
    npm: NpmView
    nhri: NhriView | None
    events: list[EventView]
    sources: list[SourceView]
    progress: DiffView | None  # `report --since`: the progress since the last workshop


def report_view(r: Roadmap, lang: str, generated: str,
                progress: DiffView | None = None) -> ReportView:
    """Everything a workshop report shows, in one language; `generated` is an ISO timestamp.

    Sources are numbered in profile order ([1], [2], ...) so that gaps and peers can cite them."""
    a = r.assessment
    assessment = assessment_view(a, lang)
    plan = roadmap_view(r, lang)
    profile = a.profile
    numbers = {s.id: i for i, s in enumerate(profile.sources, 1)}

    def gap_view(f: Finding) -> GapView:
        c = f.criterion
        statuses = dict(f.checklist)
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
        }

    gaps = [gap_view(f) for f in a.gaps()]
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
    nhri = profile.nhri
    return {
        "country": assessment["country"],
        "as_of": assessment["as_of"],
        "lang": lang,
        "catalogue": assessment["catalogue"],
        "stage": assessment["stage"],
        "bound": assessment["bound"],
        "score": assessment["score"],
        "coverage": assessment["coverage"],
        "areas": assessment["areas"],
        "findings": assessment["findings"],
        "gaps": gaps,
        "generated": generated,
        "generated_label": fmt(stamp.date(), lang),
        "as_of_label": fmt(a.as_of, lang),
        "top_gaps": gaps[:3],
        "gaps_by_area": by_area,
        "next_deadline": None if nxt is None else {
            "label": nxt.label(lang), "date": span_iso(nxt.date),
            "date_label": span_label(nxt.date, lang), "legal": nxt.legal},
        "roadmap": plan,
        "commitments": [
            {**c, "kind_label": label("commitment", c["kind"], lang),
             "response_label": label("response", c["response"], lang),
             "made": fmt(made[c["id"]], lang) if made[c["id"]] else ""}
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
                         "note": text(b.note, lang)} for b in profile.npm.history],
        },
        "nhri": None if nhri is None else {
            "name": nhri.name(lang), "accreditation": nhri.accreditation,
            "accreditation_label": label("accreditation", nhri.accreditation, lang),
            "since": fmt(nhri.since, lang) if nhri.since else "",
            "since_label": fmt(Since(nhri.since), lang) if nhri.since else "",
            "note": text(nhri.note, lang)},
        "events": [{"date": fmt(e.date, lang), "until": fmt(e.until, lang) if e.until else "",
                    "kind": e.kind, "kind_label": label("event", e.kind, lang),
                    "title": e.title(lang), "note": text(e.note, lang)}
                   for e in sorted(profile.events,
                                   key=lambda e: (e.date.earliest(), e.date.latest()))],
        "sources": [{"id": s.id, "number": numbers[s.id], "publisher": s.publisher,
                     "title": s.title(lang), "date": fmt(s.date, lang) if s.date else "",
                     "url": s.url}
                    for s in profile.sources],
        "progress": progress,
    }
