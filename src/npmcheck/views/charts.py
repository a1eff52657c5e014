"""What the pictures show, in one language: the OPCAT timeline of a State as rows of dated marks
and periods (drawn by npmcheck.render.charts). The area chart and the comparison heatmap draw
the assessment and compare views as they are; only the timeline needs dates that the roadmap
view gives as labels alone (a partial date such as "2025" has no ISO day there)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from npmcheck.domain.model import PHASES
from npmcheck.i18n import fmt, tr
from npmcheck.views import TypedDict
from npmcheck.views.labels import label
from npmcheck.views.roadmap import span_label

if TYPE_CHECKING:
    from npmcheck.domain.roadmap import Roadmap
    from npmcheck.domain.timeline import Span, Timeline


class TimelineRow(TypedDict):
    """One row of the timeline: a mark (start == end) or a period, with its own text."""

    label: str  # the row's name, left of the axis
    start: str  # ISO date
    end: str  # ISO date; the same as start for a mark
    text: str  # written beside the mark or on the period (its date, as people write it)
    kind: str  # legal | illustration | postponement | commitment | plan | phase | overdue
    approximate: bool  # the sources give only a month or a year


class TimelineChartView(TypedDict):
    title: str
    today: str
    today_label: str
    illustrative: bool  # the treaty dates follow from an assumed deposit, not a real one
    rows: list[TimelineRow]


def _row(name: str, span: Span, kind: str, lang: str, text: str | None = None,
         end: dt.date | None = None) -> TimelineRow:
    return {"label": name, "start": span.earliest.isoformat(),
            "end": (end or span.earliest).isoformat(),
            "text": span_label(span, lang) if text is None else text, "kind": kind,
            "approximate": not span.exact}


def _treaty_rows(t: Timeline, lang: str, illustration: bool) -> list[TimelineRow]:
    kind = "illustration" if illustration else "legal"
    rows: list[TimelineRow] = []
    if t.deposit is not None:
        rows.append(_row(tr(lang, "Deposit of the instrument"), t.deposit, kind, lang))
    if t.entry_into_force is not None:
        rows.append(_row(tr(lang, "Entry into force (Art. 28(2))"), t.entry_into_force, kind,
                         lang))
        if t.postponed_until is not None and t.postponed_part is not None:
            rows.append(_row(
                tr(lang, "Art. 24 postponement of Part {part}", part=t.postponed_part),
                t.entry_into_force, "postponement", lang,
                text=tr(lang, "until {date}", date=span_label(t.postponed_until, lang)),
                end=t.postponed_until.latest))
    if t.npm_deadline_before_postponement is not None:
        rows.append(_row(tr(lang, "Art. 17 date before the Art. 24 postponement"),
                         t.npm_deadline_before_postponement, "postponement", lang))
    if t.npm_deadline is not None:
        rows.append(_row(tr(lang, "NPM deadline (Art. 17)"), t.npm_deadline, kind, lang))
    return rows


def timeline_chart_view(r: Roadmap, lang: str) -> TimelineChartView:
    """The treaty's dates (or, for a State not bound, those an assumed deposit would set), the
    commitments and plan periods, the roadmap's phases as far as they are dated, and today."""
    today = r.as_of
    illustrative = r.readiness is not None
    rows = _treaty_rows(r.readiness or r.timeline, lang, illustrative)
    for c in r.commitments:
        k = c.commitment
        name = k.title(lang)
        if k.made is not None and k.due is not None:  # a plan's period
            made, due = k.made, k.due
            period = tr(lang, "{start} to {end}", start=made, end=due)
            rows.append({"label": name, "start": made.earliest().isoformat(),
                         "end": due.latest().isoformat(), "text": period, "kind": "plan",
                         "approximate": made.day is None or due.day is None})
        elif k.made is not None or k.due is not None:
            when = k.made or k.due
            assert when is not None
            rows.append({"label": name, "start": when.earliest().isoformat(),
                         "end": when.earliest().isoformat(),
                         "text": fmt(when, lang), "kind": "commitment",
                         "approximate": when.day is None})
    previous = today
    for phase in PHASES:
        dated = [s.deadline for s in r.steps if s.criterion.phase == phase and s.deadline]
        if not dated:
            continue
        count = sum(1 for s in r.steps if s.criterion.phase == phase)
        end = max(d.latest for d in dated)
        name = tr(lang, "Phase: {phase}", phase=label("phase", phase, lang))
        steps = tr(lang, "open steps: {count}", count=count)
        if end < today:  # its date has gone by with steps still open
            rows.append({"label": name, "start": end.isoformat(), "end": today.isoformat(),
                         "text": tr(lang, "{steps}; date passed on {date}", steps=steps,
                                    date=end),
                         "kind": "overdue", "approximate": False})
            continue
        start = max(previous, today)
        rows.append({"label": name, "start": start.isoformat(), "end": end.isoformat(),
                     "text": tr(lang, "{steps}; by {date}", steps=steps, date=end),
                     "kind": "phase", "approximate": False})
        previous = end
    return {"title": tr(lang, "OPCAT timeline: {country}",
                        country=r.assessment.profile.country.name(lang)),
            "today": today.isoformat(), "today_label": tr(lang, "today ({date})", date=today),
            "illustrative": illustrative, "rows": rows}
