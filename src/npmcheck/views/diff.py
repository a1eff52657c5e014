"""What changed between two assessments of one country (`npmcheck diff`, and the "progress since
the last workshop" of `report --since`): stage, score and coverage before and after, each
criterion whose status changed with its reason and sources, and the events in between."""

from __future__ import annotations

from npmcheck.domain.model import Event
from npmcheck.domain.scoring import POINTS, Assessment, Finding
from npmcheck.i18n import fmt, tr
from npmcheck.views import TypedDict
from npmcheck.views.assessment import StageView
from npmcheck.views.catalogue import text
from npmcheck.views.labels import label
from npmcheck.views.profile import CountryView, country_view, source_label


class SideView(TypedDict):
    label: str  # a date as people write it, or a file name
    as_of: str
    stage: StageView
    npm: str | None  # the body that holds the NPM mandate then
    score: float | None
    coverage: float | None


class ChangeView(TypedDict):
    criterion: str
    title: str
    area: str
    area_title: str
    weight: int
    before: str
    before_label: str
    after: str
    after_label: str
    direction: str  # better | worse | other
    derived: bool
    reason: str | None
    note: str | None
    sources: list[str]  # each as "publisher, “title”, date"
    source_ids: list[str]
    source_short: list[str]  # each as "publisher, date"


class DiffEventView(TypedDict):
    date: str
    iso: str
    kind: str
    kind_label: str
    title: str


class DiffView(TypedDict):
    country: CountryView
    mode: str  # dates | files
    before: SideView
    after: SideView
    score_change: float | None
    coverage_change: float | None
    stage_changed: bool
    npm_changed: bool
    changes: list[ChangeView]
    events: list[DiffEventView]
    summary: str


def _side(a: Assessment, shown: str, lang: str) -> SideView:
    current = a.profile.npm.current if a.profile.npm.designated else None
    return {"label": shown, "as_of": a.as_of.isoformat(),
            "stage": {"id": a.stage.id, "label": a.stage.label(lang),
                      "explanation": a.stage.explanation(lang)},
            "npm": current.body(lang) if current else None,
            "score": a.score, "coverage": a.coverage}


def _direction(before: str, after: str) -> str:
    old, new = POINTS.get(before), POINTS.get(after)
    if old is None or new is None or old == new:
        return "other"
    return "better" if new > old else "worse"


def _change(old: Finding, new: Finding, after: Assessment, lang: str) -> ChangeView:
    c = new.criterion
    shown = new if new.sources or not old.sources else old
    sources = after.profile.source_by_id
    return {
        "criterion": c.id, "title": c.title(lang), "area": c.area,
        "area_title": after.catalogue.area_by_id[c.area].title(lang), "weight": c.weight,
        "before": old.status, "before_label": label("status", old.status, lang),
        "after": new.status, "after_label": label("status", new.status, lang),
        "direction": _direction(old.status, new.status), "derived": new.derived,
        "reason": text(new.reason, lang), "note": text(shown.note, lang),
        "sources": [source_label(sources[s], lang) for s in shown.sources if s in sources],
        "source_ids": [s for s in shown.sources if s in sources],
        "source_short": [", ".join([sources[s].publisher, *([fmt(sources[s].date, lang)]
                                                            if sources[s].date else [])])
                         for s in shown.sources if s in sources],
    }


def _delta(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else round(after - before, 1)


def diff_view(before: Assessment, after: Assessment, lang: str, *, before_label: str = "",
              after_label: str = "", mode: str = "dates") -> DiffView:
    """`before` and `after` are assessments of the same country (on two dates, or of two files)."""
    old = {f.criterion.id: f for f in before.findings}
    changes = [_change(old[f.criterion.id], f, after, lang) for f in after.findings
               if f.criterion.id in old and old[f.criterion.id].status != f.status]
    known: set[Event] = set(before.profile.events)
    events = sorted((e for e in after.profile.events if e not in known),
                    key=lambda e: (e.date.earliest(), e.date.latest()))
    better = sum(1 for c in changes if c["direction"] == "better")
    worse = sum(1 for c in changes if c["direction"] == "worse")
    summary = tr(lang, "Criteria whose status changed: {count} (better: {better}, worse: "
                       "{worse}, other: {other}).", count=len(changes), better=better,
                 worse=worse, other=len(changes) - better - worse) if changes else \
        tr(lang, "No criterion changed its status.")
    return {
        "country": country_view(after.profile, lang),
        "mode": mode,
        "before": _side(before, before_label or fmt(before.as_of, lang), lang),
        "after": _side(after, after_label or fmt(after.as_of, lang), lang),
        "score_change": _delta(before.score, after.score),
        "coverage_change": _delta(before.coverage, after.coverage),
        "stage_changed": before.stage.id != after.stage.id,
        "npm_changed": _side(before, "", lang)["npm"] != _side(after, "", lang)["npm"],
        "changes": changes,
        "events": [{"date": fmt(e.date, lang), "iso": e.date.iso(), "kind": e.kind,
                    "kind_label": label("event", e.kind, lang), "title": e.title(lang)}
                   for e in events],
        "summary": summary,
    }
