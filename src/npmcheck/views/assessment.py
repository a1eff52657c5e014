"""Views of assessments: one profile scored (`assess`), several side by side (`compare`,
`countries`), and what `validate` found."""

from __future__ import annotations

from npmcheck.diagnostics import Problem, errors_only
from npmcheck.domain.scoring import Assessment, Finding
from npmcheck.i18n import tr
from npmcheck.views import TypedDict
from npmcheck.views.catalogue import references, text
from npmcheck.views.labels import label
from npmcheck.views.profile import CountryView, country_view, source_label
from npmcheck.views.recommendations import (
    RecommendationSummary,
    RecommendationTotals,
    summary,
    totals,
)


class StageView(TypedDict):
    id: str
    label: str
    explanation: str


class AreaScoreView(TypedDict):
    id: str
    title: str
    score: float | None
    coverage: float | None
    weight: int
    counts: dict[str, int]
    score_max: float | None  # if every unknown turned out met


class FindingView(TypedDict):
    criterion: str
    title: str
    area: str
    weight: int
    obligation: str
    phase: str
    status: str
    status_label: str
    points: float | None
    derived: bool
    binding: bool
    reason: str | None
    note: str | None
    sources: list[str]
    source_labels: list[str]
    references: list[str]
    checklist: dict[str, str]
    action: str
    evidence: str | None
    blocked_by: list[str]  # prerequisites not met: the gap waits for them
    inferred: bool  # not met only because a prerequisite is not met
    settled: bool  # a past fact no step can change
    recommendations: RecommendationSummary  # what the State was told on this criterion
    evidence_date: str | None  # when the profile's evidence dates from
    stale: bool  # that evidence is older than the threshold (--stale-after)
    # ... and on the blocked gaps shown under it (a gap that waits for no other)
    recommendations_with_folded: RecommendationSummary


class CatalogueRef(TypedDict):
    id: str
    version: str
    title: str


class AssessmentView(TypedDict):
    """The JSON result of `npmcheck assess` (docs/schemas/assessment.schema.json)."""

    country: CountryView
    as_of: str
    lang: str
    catalogue: CatalogueRef
    stage: StageView
    bound: bool
    score: float | None
    score_min: float | None  # every unknown not met: the score itself
    score_max: float | None  # every unknown met
    coverage: float | None
    coverage_inferred: float | None
    stale_after: int  # months
    stale: list[str]  # the criteria whose evidence is older than that
    areas: list[AreaScoreView]
    findings: list[FindingView]
    gaps: list[str]
    top_gaps: list[str]
    recommendations: RecommendationTotals


class CountryRow(TypedDict):
    id: str
    code: str
    name: str
    region: str | None
    as_of: str
    stage: str
    stage_label: str
    score: float | None
    coverage: float | None
    path: str


class CountriesView(TypedDict):
    countries: list[CountryRow]


class ValidationView(TypedDict):
    files: int
    errors: int
    warnings: int
    failed: bool
    problems: list[Problem]
    summary: str


class CompareStage(TypedDict):
    id: str
    label: str


class CompareCountry(TypedDict):
    id: str
    code: str
    name: str
    region: str | None
    as_of: str
    stage: CompareStage
    score: float | None
    score_max: float | None
    coverage: float | None


class CompareArea(TypedDict):
    id: str
    title: str
    scores: list[float | None]
    coverages: list[float | None]
    # True where every criterion of the area is unknown: its score of 0 says nothing. (Coverage
    # 0 alone does not say it: criteria not met because a prerequisite is not met count as not
    # met, though not as known.)
    unknown: list[bool]


def known_scores(area: CompareArea) -> list[float | None]:
    """The area's score in each country, None where nothing in the area is known: such an
    area scores 0, and a 0 there would read as "known and not met"."""
    return [None if unknown else score
            for score, unknown in zip(area["scores"], area["unknown"], strict=True)]


class CompareCriterion(TypedDict):
    id: str
    title: str
    statuses: list[str]


class CompareMeta(TypedDict):
    id: str
    version: str


class CompareView(TypedDict):
    catalogue: CompareMeta
    countries: list[CompareCountry]
    areas: list[CompareArea]
    criteria: list[CompareCriterion]


def finding_view(f: Finding, assessment: Assessment, lang: str) -> FindingView:
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
        "status_label": label("status", f.status, lang),
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
        "blocked_by": list(f.blocked_by),
        "inferred": f.inferred,
        "settled": f.settled,
        "evidence_date": f.evidence.iso() if f.evidence else None,
        "stale": f.stale,
        "recommendations": summary(assessment.profile.recommendations, [c.id], lang),
        "recommendations_with_folded": summary(
            assessment.profile.recommendations,
            [c.id, *(x.criterion.id for x in assessment.folded_under(c.id))], lang),
    }


def assessment_view(a: Assessment, lang: str) -> AssessmentView:
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
        "score_min": a.score_min,
        "score_max": a.score_max,
        "coverage": a.coverage,
        "coverage_inferred": a.coverage_inferred,
        "stale_after": a.stale_after,
        "stale": [f.criterion.id for f in a.stale()],
        "areas": [
            {"id": s.area.id, "title": s.area.title(lang), "score": s.score,
             "coverage": s.coverage, "weight": s.weight, "counts": dict(s.counts),
             "score_max": s.score_max}
            for s in a.areas
        ],
        "findings": [finding_view(f, a, lang) for f in a.findings],
        "gaps": [f.criterion.id for f in a.gaps()],
        "top_gaps": [f.criterion.id for f in a.top_gaps()],
        "recommendations": totals(a.profile, lang),
    }


def countries_view(assessments: list[Assessment], lang: str) -> CountriesView:
    """One row per profile for `npmcheck countries`."""
    return {"countries": [
        {"id": a.profile.country.id, "code": a.profile.country.code,
         "name": a.profile.country.name(lang), "region": a.profile.country.region,
         "as_of": a.profile.as_of.isoformat(), "stage": a.stage.id,
         "stage_label": a.stage.label(lang), "score": a.score, "coverage": a.coverage,
         "path": a.profile.path}
        for a in assessments]}


def validation_view(files: int, problems: list[Problem], strict: bool, lang: str
                    ) -> ValidationView:
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


def compare_view(assessments: list[Assessment], lang: str) -> CompareView:
    """Countries side by side: stage, score, coverage, area scores and every status."""
    catalogue = assessments[0].catalogue
    return {
        "catalogue": {"id": catalogue.id, "version": catalogue.version},
        "countries": [
            {"id": a.profile.country.id, "code": a.profile.country.code,
             "name": a.profile.country.name(lang), "region": a.profile.country.region,
             "as_of": a.as_of.isoformat(),
             "stage": {"id": a.stage.id, "label": a.stage.label(lang)},
             "score": a.score, "score_max": a.score_max, "coverage": a.coverage}
            for a in assessments
        ],
        "areas": [
            {"id": area.id, "title": area.title(lang),
             "scores": [a.areas[i].score for a in assessments],
             "coverages": [a.areas[i].coverage for a in assessments],
             "unknown": [not any(a.areas[i].counts[s] for s in ("met", "partial", "not_met"))
                         for a in assessments]}
            for i, area in enumerate(catalogue.areas)
        ],
        "criteria": [
            {"id": c.id, "title": c.title(lang),
             "statuses": [a.findings[i].status for a in assessments]}
            for i, c in enumerate(catalogue.criteria)
        ],
    }
