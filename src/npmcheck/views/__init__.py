"""Plain, JSON-ready views of the catalogue, the profiles and an assessment, in one language.

Every renderer starts from these dictionaries, so that the JSON, CSV, Markdown, HTML and Word
outputs cannot disagree about a figure or a label.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from npmcheck.diagnostics import Problem, errors_only
from npmcheck.domain.model import Catalogue, Criterion, Profile, Reference
from npmcheck.domain.scoring import Assessment, Finding
from npmcheck.i18n import Since, fmt, tr
from npmcheck.values import PartialDate, Text

if TYPE_CHECKING:  # only for annotations: assess and compare need not import the planner
    from npmcheck.domain.roadmap import Peer, Roadmap

STATUS_SYMBOL = {"met": "✓", "partial": "◐", "not_met": "✗", "unknown": "?", "not_applicable": "–"}
STATUS_ASCII = {"met": "+", "partial": "~", "not_met": "x", "unknown": "?", "not_applicable": "-"}


def status_label(status: str, lang: str) -> str:
    labels = {
        "met": tr(lang, "met"),
        "partial": tr(lang, "partly met"),
        "not_met": tr(lang, "not met"),
        "unknown": tr(lang, "unknown"),
        "not_applicable": tr(lang, "not applicable"),
    }
    return labels[status]


def obligation_label(obligation: str, lang: str) -> str:
    return {
        "treaty": tr(lang, "treaty obligation"),
        "treaty-interpretation": tr(lang, "SPT reading of a treaty obligation"),
        "guidance": tr(lang, "guidance"),
    }[obligation]


def phase_label(phase: str, lang: str) -> str:
    return {
        "ratification": tr(lang, "Ratification"),
        "designation": tr(lang, "Designation"),
        "establishment": tr(lang, "Establishment"),
        "operation": tr(lang, "Operation"),
        "follow-up": tr(lang, "Follow-up"),
    }[phase]


def text(value: Text | None, lang: str) -> str | None:
    return None if value is None else value(lang)


def reference_label(ref: Reference, catalogue: Catalogue, lang: str) -> str:
    doc = catalogue.document_by_id.get(ref.document)
    name = (doc.short or doc.title)(lang) if doc else ref.document
    if ref.article:
        where = tr(lang, "Art. {article}", article=ref.article)
    elif ref.paragraph:
        where = tr(lang, "para. {paragraph}", paragraph=ref.paragraph)
    else:
        where = tr(lang, "section \u201c{section}\u201d", section=fmt(ref.section, lang))
    label = f"{name} {where}" if ref.article or ref.paragraph else f"{name}, {where}"
    return f"{label} ({ref.note(lang)})" if ref.note else label


def references(criterion: Criterion, catalogue: Catalogue, lang: str) -> list[str]:
    return [reference_label(r, catalogue, lang) for r in criterion.references]


def criterion_view(
    c: Criterion, catalogue: Catalogue, lang: str, full: bool = True
) -> dict[str, Any]:
    area = catalogue.area_by_id.get(c.area)
    view: dict[str, Any] = {
        "id": c.id,
        "area": c.area,
        "area_title": area.title(lang) if area else c.area,
        "weight": c.weight,
        "obligation": c.obligation,
        "obligation_label": obligation_label(c.obligation, lang),
        "phase": c.phase,
        "phase_label": phase_label(c.phase, lang),
        "title": c.title(lang),
    }
    if not full:
        return view
    actors = catalogue.actor_by_id
    view.update({
        "requirement": c.requirement(lang),
        "question": text(c.question, lang),
        "evidence": text(c.evidence, lang),
        "action": c.action(lang),
        "requires": list(c.requires),
        "derive": c.derive,
        "actors": list(c.actors),
        "actor_labels": [actors[a].label(lang) if a in actors else a for a in c.actors],
        "references": [
            {"document": r.document, "article": r.article, "paragraph": r.paragraph,
             "section": text(r.section, lang), "note": text(r.note, lang),
             "label": reference_label(r, catalogue, lang)}
            for r in c.references
        ],
        "deadline": (
            {"after": c.deadline.after, "months": c.deadline.months} if c.deadline else None
        ),
        "checklist": [{"id": i.id, "title": i.title(lang)} for i in c.checklist],
    })
    return view


def country_view(profile: Profile, lang: str) -> dict[str, Any]:
    c = profile.country
    return {"id": c.id, "code": c.code, "name": c.name(lang), "region": c.region}


def finding_view(f: Finding, assessment: Assessment, lang: str) -> dict[str, Any]:
    c = f.criterion
    sources = assessment.profile.source_by_id
    return {
        "criterion": c.id,
        "title": c.title(lang),
        "area": c.area,
        "weight": c.weight,
        "obligation": c.obligation,
        "phase": c.phase,
        "status": f.status,
        "status_label": status_label(f.status, lang),
        "points": f.points,
        "derived": f.derived,
        "binding": f.binding,
        "reason": text(f.reason, lang),
        "note": text(f.note, lang),
        "sources": list(f.sources),
        "source_labels": [source_label(sources[s], lang) for s in f.sources if s in sources],
        "references": references(c, assessment.catalogue, lang),
        "checklist": dict(f.checklist),
        "action": c.action(lang),
        "evidence": text(c.evidence, lang),
    }


def source_label(source: Any, lang: str) -> str:
    date = f", {fmt(source.date, lang)}" if source.date else ""
    return f"{source.publisher}, \u201c{source.title(lang)}\u201d{date}"


def assessment_view(a: Assessment, lang: str) -> dict[str, Any]:
    """The JSON result of `npmcheck assess` (see docs/schemas/assessment.schema.json)."""
    return {
        "country": country_view(a.profile, lang),
        "as_of": a.as_of.isoformat(),
        "lang": lang,
        "catalogue": {"id": a.catalogue.id, "version": a.catalogue.version,
                      "title": a.catalogue.title(lang)},
        "stage": {"id": a.stage.id, "label": a.stage.label(lang),
                  "explanation": a.stage.explanation(lang)},
        "bound": a.bound,
        "score": a.score,
        "coverage": a.coverage,
        "areas": [
            {"id": s.area.id, "title": s.area.title(lang), "score": s.score,
             "coverage": s.coverage, "weight": s.weight, "counts": dict(s.counts)}
            for s in a.areas
        ],
        "findings": [finding_view(f, a, lang) for f in a.findings],
        "gaps": [f.criterion.id for f in a.gaps()],
    }


def catalogue_view(catalogue: Catalogue, lang: str, selected: str | None = None
                   ) -> dict[str, Any]:
    """The catalogue for `npmcheck criteria`: every criterion, or the one `selected`."""
    chosen = [c for c in catalogue.criteria if selected is None or c.id == selected]
    return {
        "catalogue": {"id": catalogue.id, "version": catalogue.version,
                      "title": catalogue.title(lang)},
        "documents": [{"id": d.id, "short": text(d.short, lang), "title": d.title(lang),
                       "symbol": d.symbol, "url": d.url} for d in catalogue.documents],
        "areas": [{"id": a.id, "title": a.title(lang), "description": text(a.description, lang)}
                  for a in catalogue.areas],
        "criteria": [criterion_view(c, catalogue, lang) for c in chosen],
        "selected": selected,
    }


def countries_view(assessments: list[Assessment], lang: str) -> dict[str, Any]:
    """One row per profile for `npmcheck countries`."""
    return {"countries": [
        {"id": a.profile.country.id, "code": a.profile.country.code,
         "name": a.profile.country.name(lang), "region": a.profile.country.region,
         "as_of": a.profile.as_of.isoformat(), "stage": a.stage.id,
         "stage_label": a.stage.label(lang), "score": a.score, "coverage": a.coverage,
         "path": a.profile.path}
        for a in assessments]}


def validation_view(files: int, problems: list[Problem], strict: bool, lang: str
                    ) -> dict[str, Any]:
    """What `npmcheck validate` found, with the summary line it ends with."""
    errors = len(errors_only(problems))
    warnings = len(problems) - errors
    failed = bool(errors) or (strict and warnings > 0)
    summary = tr(lang, "files checked: {files}; errors: {errors}; warnings: {warnings}.",
                 files=files, errors=errors, warnings=warnings)
    return {"files": files, "errors": errors, "warnings": warnings, "failed": failed,
            "problems": problems,
            "summary": tr(lang, "Failed: {summary}", summary=summary) if failed
            else tr(lang, "OK: {summary}", summary=summary)}


def compare_view(assessments: list[Assessment], lang: str) -> dict[str, Any]:
    """Countries side by side: stage, score, coverage, area scores and every status."""
    catalogue = assessments[0].catalogue
    return {
        "catalogue": {"id": catalogue.id, "version": catalogue.version},
        "countries": [
            {**country_view(a.profile, lang), "as_of": a.as_of.isoformat(),
             "stage": {"id": a.stage.id, "label": a.stage.label(lang)},
             "score": a.score, "coverage": a.coverage}
            for a in assessments
        ],
        "areas": [
            {"id": area.id, "title": area.title(lang),
             "scores": [a.areas[i].score for a in assessments]}
            for i, area in enumerate(catalogue.areas)
        ],
        "criteria": [
            {"id": c.id, "title": c.title(lang),
             "statuses": [a.findings[i].status for a in assessments]}
            for i, c in enumerate(catalogue.criteria)
        ],
    }


def span_iso(span: Any) -> str | None:
    return None if span is None else span.iso()


def span_label(span: Any, lang: str) -> str:
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


def roadmap_view(r: Roadmap, lang: str) -> dict[str, Any]:
    """The JSON result of `npmcheck roadmap`."""
    a = r.assessment
    t = r.timeline
    catalogue = a.catalogue
    actors = catalogue.actor_by_id

    def peer(p: Peer) -> dict[str, Any]:
        sources = p.profile.source_by_id
        return {"country": p.profile.country.id, "name": p.profile.country.name(lang),
                "note": text(p.note, lang), "derived": p.finding.derived,
                "sources": [source_label(sources[s], lang) for s in p.finding.sources
                            if s in sources]}

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
            "npm_deadline_postponed": span_iso(t.npm_deadline_postponed),
            "approximate": {k: v.to_json() for k, v in (
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
             "status": s.finding.status, "status_label": status_label(s.finding.status, lang),
             "phase": s.criterion.phase, "phase_label": phase_label(s.criterion.phase, lang),
             "action": s.criterion.action(lang), "actors": list(s.criterion.actors),
             "actor_labels": [actors[x].label(lang) if x in actors else x
                              for x in s.criterion.actors],
             "requires": list(s.criterion.requires), "waits_for": list(s.waits_for),
             "deadline": span_iso(s.deadline), "deadline_label": span_label(s.deadline, lang),
             "deadline_basis": text(s.deadline_basis, lang), "deadline_legal": s.deadline_legal,
             "overdue": s.overdue(a.as_of), "binding": s.finding.binding,
             "references": references(s.criterion, catalogue, lang),
             "peers": [peer(p) for p in s.peers]}
            for i, s in enumerate(r.steps, 1)
        ],
        "commitments": [
            {"id": c.commitment.id, "kind": c.commitment.kind,
             "title": c.commitment.title(lang), "cycle": c.commitment.cycle,
             "response": c.commitment.response, "count": c.commitment.count,
             "due": c.commitment.due.iso() if c.commitment.due else None,
             "due_label": fmt(c.commitment.due, lang) if c.commitment.due else "",
             "overdue": c.overdue, "note": text(c.commitment.note, lang),
             "criteria": list(c.commitment.criteria)}
            for c in r.commitments
        ],
    }


def model_label(model: str, lang: str) -> str:
    return {
        "specialised": tr(lang, "specialised body"),
        "ombudsman": tr(lang, "ombudsman institution"),
        "ombudsman-plus": tr(lang, "ombudsman with civil society (\u201cOmbudsman plus\u201d)"),
        "multiple": tr(lang, "several bodies"),
        "other": tr(lang, "other model"),
    }.get(model, model)


def accreditation_label(accreditation: str, lang: str) -> str:
    return {
        "A": tr(lang, "A status (fully compliant with the Paris Principles)"),
        "B": tr(lang, "B status (partly compliant with the Paris Principles)"),
        "C": tr(lang, "C status (not compliant with the Paris Principles)"),
        "not-accredited": tr(lang, "not accredited"),
        "unknown": tr(lang, "accreditation unknown"),
    }.get(accreditation, accreditation)


def event_label(kind: str, lang: str) -> str:
    return {
        "spt-visit": tr(lang, "SPT visit"),
        "spt-advisory-visit": tr(lang, "SPT advisory visit"),
        "workshop": tr(lang, "workshop"),
        "round-table": tr(lang, "round table"),
        "study-visit": tr(lang, "study visit"),
        "law": tr(lang, "law"),
        "report": tr(lang, "report"),
        "other": tr(lang, "other"),
    }.get(kind, kind)


def commitment_label(kind: str, lang: str) -> str:
    return {
        "action-plan": tr(lang, "national action plan"),
        "upr": tr(lang, "UPR recommendation"),
        "cat": tr(lang, "Committee against Torture recommendation"),
        "other": tr(lang, "other commitment"),
    }.get(kind, kind)


def response_label(response: str | None, lang: str) -> str:
    return {
        "accepted": tr(lang, "accepted"),
        "noted": tr(lang, "noted"),
        "unknown": tr(lang, "response unknown"),
    }.get(response or "", "")


def report_view(r: Roadmap, lang: str, generated: str) -> dict[str, Any]:
    """Everything a workshop report shows, in one language; `generated` is an ISO timestamp.

    Sources are numbered in profile order ([1], [2], ...) so that gaps and peers can cite them."""
    a = r.assessment
    assessment = assessment_view(a, lang)
    plan = roadmap_view(r, lang)
    profile = a.profile
    numbers = {s.id: i for i, s in enumerate(profile.sources, 1)}

    def gap_view(f: Finding) -> dict[str, Any]:
        c = f.criterion
        statuses = dict(f.checklist)
        return {
            **finding_view(f, a, lang),
            "obligation_label": obligation_label(c.obligation, lang),
            "requirement": c.requirement(lang),
            "checklist_items": [
                {"id": i.id, "title": i.title(lang), "status": statuses.get(i.id, "unknown"),
                 "status_label": status_label(statuses.get(i.id, "unknown"), lang)}
                for i in c.checklist],
            "source_refs": [
                {"id": s, "number": numbers[s],
                 "label": source_label(profile.source_by_id[s], lang)}
                for s in f.sources if s in numbers],
        }

    gaps = [gap_view(f) for f in a.gaps()]
    by_area = [
        {"id": s.area.id, "title": s.area.title(lang),
         "description": text(s.area.description, lang), "score": s.score,
         "coverage": s.coverage, "counts": dict(s.counts),
         "gaps": [g for g in gaps if g["area"] == s.area.id]}
        for s in a.areas
    ]
    nxt = r.next_deadline()
    stamp = dt.datetime.fromisoformat(generated)
    commitments = {c.commitment.id: c.commitment for c in r.commitments}
    return {
        **assessment,
        "generated": generated,
        "generated_label": fmt(stamp.date(), lang),
        "as_of_label": fmt(a.as_of, lang),
        "top_gaps": gaps[:3],
        "gaps": gaps,
        "gaps_by_area": by_area,
        "next_deadline": None if nxt is None else {
            "label": nxt.label(lang), "date": span_iso(nxt.date),
            "date_label": span_label(nxt.date, lang), "legal": nxt.legal},
        "roadmap": plan,
        "commitments": [
            {**c, "kind_label": commitment_label(c["kind"], lang),
             "response_label": response_label(c["response"], lang),
             "made": fmt(commitments[c["id"]].made, lang) if commitments[c["id"]].made else ""}
            for c in plan["commitments"]],
        "npm": {
            "designated": profile.npm.designated,
            "note": text(profile.npm.note, lang),
            "history": [{"body": b.body(lang), "model": b.model,
                         "model_label": model_label(b.model, lang),
                         "designated": fmt(b.designated, lang) if b.designated else "",
                         "operational": fmt(b.operational, lang) if b.operational else "",
                         "until": fmt(b.until, lang) if b.until else "",
                         "legal_act": text(b.legal_act, lang),
                         "note": text(b.note, lang)} for b in profile.npm.history],
        },
        "nhri": None if profile.nhri is None else {
            "name": profile.nhri.name(lang), "accreditation": profile.nhri.accreditation,
            "accreditation_label": accreditation_label(profile.nhri.accreditation, lang),
            "since": fmt(profile.nhri.since, lang) if profile.nhri.since else "",
            "since_label": fmt(Since(profile.nhri.since), lang) if profile.nhri.since else "",
            "note": text(profile.nhri.note, lang)},
        "events": [{"date": fmt(e.date, lang), "until": fmt(e.until, lang) if e.until else "",
                    "kind": e.kind, "kind_label": event_label(e.kind, lang),
                    "title": e.title(lang), "note": text(e.note, lang)}
                   for e in sorted(profile.events,
                                   key=lambda e: (e.date.earliest(), e.date.latest()))],
        "sources": [{"id": s.id, "number": numbers[s.id], "publisher": s.publisher,
                     "title": s.title(lang), "date": fmt(s.date, lang) if s.date else "",
                     "url": s.url}
                    for s in profile.sources],
    }
