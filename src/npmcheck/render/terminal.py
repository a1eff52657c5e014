"""Terminal tables (rich): readable at 80 columns, colour only on a terminal without NO_COLOR."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import sys
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text as RichText

from npmcheck.i18n import fmt, tr, trn
from npmcheck.render.cells import bar
from npmcheck.render.cells import fmt_num as _fmt
from npmcheck.render.cells import fmt_signed as _signed
from npmcheck.render.registry import Options
from npmcheck.render.wording import (
    actor_step_ref,
    evidence_flag,
    folded_gaps,
    folded_line,
    follow_line,
    gap_views,
    groups,
    inferred_note,
    no_dates_note,
    on_record,
    range_note,
    recommendation_text,
    recommended_line,
    stale_note,
    step_deadline,
    timeline_rows,
    top_note,
)
from npmcheck.views.assessment import known_scores
from npmcheck.views.labels import STATUS_SYMBOL

if TYPE_CHECKING:
    from npmcheck.views.assessment import AssessmentView, CompareView, CountriesView, ValidationView
    from npmcheck.views.catalogue import CatalogueView, CriterionView
    from npmcheck.views.diff import DiffView
    from npmcheck.views.recommendations import RecommendationsView
    from npmcheck.views.roadmap import RoadmapView


STATUS_STYLE = {"met": "green", "partial": "yellow", "not_met": "red", "unknown": "dim",
                "not_applicable": "dim"}


def _console() -> tuple[Console, io.StringIO]:
    tty = sys.stdout.isatty()
    color = tty and not os.environ.get("NO_COLOR")
    width = min(shutil.get_terminal_size((80, 24)).columns, 120) if tty else 80
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color,
                      color_system="standard" if color else None, highlight=False,
                      emoji=False, soft_wrap=False)
    return console, buffer


def _finish(buffer: io.StringIO) -> str:
    """The printed text without the padding rich leaves at the end of wrapped lines."""
    return "\n".join(line.rstrip(" ") for line in buffer.getvalue().split("\n"))


def _detail(console: Console, text: str, style: str | None = "dim") -> None:
    """A detail line under an item, indented by four columns, continuation lines too."""
    console.print(Padding(RichText(text), (0, 0, 0, 4), expand=False), style=style)


def _item(console: Console, prefix: RichText, body: RichText) -> None:
    """`prefix` then `body`, with the body's continuation lines aligned under its first word."""
    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(prefix, body)
    console.print(grid)


def _day(iso: str | None, lang: str) -> str:
    """An ISO date as people write it in `lang`."""
    return fmt(dt.date.fromisoformat(iso), lang) if iso else ""


def _plain(value: Any) -> RichText:
    """Profile and catalogue text is shown as written, never read as rich markup."""
    return RichText("" if value is None else str(value))


def validate(view: ValidationView, options: Options) -> str:
    """One `path:line:col: CODE message` line per problem, then the summary."""
    lines = [p.show(options.lang) for p in view["problems"]]
    return "\n".join([*lines, view["summary"]]) + "\n"


def criteria(view: CatalogueView, options: Options) -> str:
    if view["selected"]:
        return _criterion_detail(view["criteria"][0], options.lang)
    return _criteria_table(view["criteria"], options.lang)


def _criteria_table(rows: list[CriterionView], lang: str) -> str:
    console, buffer = _console()
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=False)
    table.add_column(tr(lang, "Criterion"), no_wrap=True)
    table.add_column(tr(lang, "W"), justify="right")
    table.add_column(tr(lang, "Obligation"))
    table.add_column(tr(lang, "Title"))
    for row in rows:
        table.add_row(_plain(row["id"]), str(row["weight"]), _plain(row["obligation"]),
                      _plain(row["title"]))
    console.print(table)
    console.print(trn(lang, "{n} criterion; weight 3 = core, 2 = important, 1 = supporting.",
                      "{n} criteria; weight 3 = core, 2 = important, 1 = supporting.", len(rows)))
    return _finish(buffer)


def _criterion_detail(view: CriterionView, lang: str) -> str:
    console, buffer = _console()
    console.print(RichText(f"{view['id']}  {view['title']}", style="bold"))
    rows = [
        (tr(lang, "Area"), view["area_title"]),
        (tr(lang, "Weight"), str(view["weight"])),
        (tr(lang, "Obligation"), view["obligation_label"]),
        (tr(lang, "Phase"), view["phase_label"]),
        (tr(lang, "Requirement"), view["requirement"]),
        (tr(lang, "Question"), view["question"]),
        (tr(lang, "Evidence"), view["evidence"]),
        (tr(lang, "Action"), view["action"]),
        (tr(lang, "Actors"), ", ".join(view["actor_labels"])),
        (tr(lang, "Requires"), ", ".join(view["requires"]) or "–"),
        (tr(lang, "References"), "\n".join(r["label"] for r in view["references"])),
    ]
    if view["deadline"]:
        rows.append((tr(lang, "Deadline"), trn(lang, "{n} month after entry into force",
                                               "{n} months after entry into force",
                                               view["deadline"]["months"])))
    if view["checklist"]:
        rows.append((tr(lang, "Checklist"), "\n".join(i["title"] for i in view["checklist"])))
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for label, value in rows:
        if value:
            table.add_row(label, _plain(value))
    console.print(table)
    return _finish(buffer)


def countries(view: CountriesView, options: Options) -> str:
    rows, lang = view["countries"], options.lang
    console, buffer = _console()
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for title in (tr(lang, "Id"), tr(lang, "Code"), tr(lang, "Country"), tr(lang, "As of"),
                  tr(lang, "Stage")):
        table.add_column(title)
    for row in rows:
        table.add_row(_plain(row["id"]), row["code"], _plain(row["name"]), row["as_of"],
                      _plain(row["stage_label"]))
    console.print(table)
    return _finish(buffer)


def assess(view: AssessmentView, options: Options) -> str:
    lang = options.lang
    gaps = gap_views(view)
    console, buffer = _console()
    c = view["country"]
    console.print(RichText(f"{c['name']} ({c['code']})", style="bold"))
    console.print(tr(lang, "As of {date} · catalogue {catalogue} {version}",
                     date=_day(view["as_of"], lang), catalogue=view["catalogue"]["id"],
                     version=view["catalogue"]["version"]))
    console.print(RichText(tr(lang, "Stage: {stage}", stage=view["stage"]["label"]),
                           style="bold"))
    console.print(_plain(view["stage"]["explanation"]))
    console.print(RichText(tr(lang, "Score {score} of 100 · coverage {coverage}",
                              score=_fmt(view["score"], lang),
                              coverage=_fmt(view["coverage"], lang, "%")),
                           style="bold"))
    console.print(tr(lang, "Coverage is the share of the criteria (by weight) whose status is "
                           "known; a low score with low coverage means \u201cnot known\u201d, "
                           "not \u201cbad\u201d."), style="dim")
    if inferred_note(view["coverage_inferred"], lang):
        console.print(inferred_note(view["coverage_inferred"], lang), style="dim")
    if range_note(view["score"], view["score_max"], lang):
        console.print(range_note(view["score"], view["score_max"], lang), style="dim")
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(tr(lang, "Area"))
    table.add_column(tr(lang, "Score"), justify="right")
    table.add_column("", no_wrap=True)
    table.add_column(tr(lang, "Coverage"), justify="right")
    table.add_column("✓ ◐ ✗ ?", no_wrap=True)
    for area in view["areas"]:
        n = area["counts"]
        table.add_row(_plain(area["title"]), _fmt(area["score"], lang), bar(area["score"]),
                      _fmt(area["coverage"], lang, "%"),
                      f"{n['met']} {n['partial']} {n['not_met']} {n['unknown']}")
    console.print(table)
    console.print(RichText(tr(lang, "Gaps, most important first ({count})", count=len(gaps)),
                           style="bold"))
    console.print(tr(lang, "✓ met  ◐ partly met  ✗ not met  ? unknown; W = weight"), style="dim")
    for gap in gaps:
        if gap["blocked_by"]:  # shown under the prerequisite it waits for
            continue
        symbol = STATUS_SYMBOL[gap["status"]]
        prefix = RichText()
        prefix.append(f"{symbol} ", style=STATUS_STYLE[gap["status"]])
        prefix.append(f"{tr(lang, 'W')}{gap['weight']} ", style="bold")
        body = RichText()
        body.append(f"{gap['criterion']} ", style="bold")
        body.append(gap["title"])
        _item(console, prefix, body)
        details = [gap["reason"], gap["note"], "; ".join(gap["references"])]
        for detail in details:
            if detail:
                _detail(console, detail, "dim" if detail is details[2] else None)
        if recommended_line(gap["recommendations_with_folded"], lang):
            _detail(console, recommended_line(gap["recommendations_with_folded"], lang))
        later = folded_gaps(view, gap["criterion"])
        if later:
            names = "; ".join(g["criterion"] for g in later[:6])
            if len(later) > 6:
                names += "; " + tr(lang, "and {count} more", count=len(later) - 6)
            _detail(console, follow_line(len(later), lang) + ": " + names, "dim")
    stale = [f for f in view["findings"] if f["stale"]]
    if stale:
        console.print()
        console.print(RichText(stale_note(len(stale), view["stale_after"], lang), style="bold"))
        for f in stale:
            flag = evidence_flag(f["evidence_date"], lang)
            _item(console, RichText(f"{STATUS_SYMBOL[f['status']]} "),
                  RichText(f"{f['criterion']} {f['title']} ({flag})"))
    return _finish(buffer)


def _column_groups(count: int, width: int, label_width: int,
                   cell_width: int) -> list[tuple[str, int, int]]:
    """Split `count` columns of `cell_width` into groups that fit beside a label column.

    Returns (title suffix, start, end) for each group; the suffix is empty for a single group
    and " (1/2)", " (2/2)" ... otherwise."""
    fits = max(1, (width - label_width - 2) // (cell_width + 3))
    groups = max(1, -(-count // fits))
    if groups == 1:
        return [("", 0, count)]
    per_group = -(-count // groups)  # even groups: 4 + 4 + 3 rather than 5 + 5 + 1
    starts = range(0, count, per_group)
    return [(f" ({i}/{len(starts)})", start, min(start + per_group, count))
            for i, start in enumerate(starts, 1)]


def compare(view: CompareView, options: Options) -> str:
    lang, criteria = options.lang, options.criteria
    console, buffer = _console()
    countries = view["countries"]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(tr(lang, "Country"))
    table.add_column(tr(lang, "Stage"))
    table.add_column(tr(lang, "Score"), justify="right")
    table.add_column(tr(lang, "Up to"), justify="right")
    table.add_column(tr(lang, "Coverage"), justify="right")
    for c in countries:
        table.add_row(_plain(c["name"]), _plain(c["stage"]["label"]), _fmt(c["score"], lang),
                      _fmt(c["score_max"], lang), _fmt(c["coverage"], lang, "%"))
    console.print(table)
    # Eleven countries of "100.0" do not fit beside the area titles in 80 columns: rather than
    # squeezing the titles into one-word lines, the countries go into as many tables as needed.
    titles = [area["title"] for area in view["areas"]]
    label_width = min(max(len(t) for t in titles), 40) if titles else 10
    for part, start, end in _column_groups(len(countries), console.width, label_width, 5):
        areas = Table(box=box.SIMPLE_HEAD, pad_edge=False,
                      title=tr(lang, "Scores by area") + part)
        areas.add_column(tr(lang, "Area"), min_width=label_width)
        for c in countries[start:end]:
            areas.add_column(c["code"], justify="right", no_wrap=True, min_width=5)
        for area in view["areas"]:
            areas.add_row(_plain(area["title"]),
                          *("?" if s is None else _fmt(s, lang)
                            for s in known_scores(area)[start:end]))
        console.print(areas)
    if criteria:
        id_width = max((len(row["id"]) for row in view["criteria"]), default=10)
        for part, start, end in _column_groups(len(countries), console.width, id_width, 2):
            matrix = Table(box=box.SIMPLE_HEAD, pad_edge=False,
                           title=tr(lang, "Criteria by country") + part)
            matrix.add_column(tr(lang, "Criterion"), no_wrap=True)
            for c in countries[start:end]:
                matrix.add_column(c["code"], justify="center", no_wrap=True, min_width=2)
            for row in view["criteria"]:
                matrix.add_row(row["id"], *(STATUS_SYMBOL[s] for s in row["statuses"][start:end]))
            console.print(matrix)
        console.print(tr(lang, "✓ met  ◐ partly met  ✗ not met  ? unknown  – not applicable"))
    return _finish(buffer)


def roadmap(view: RoadmapView, options: Options) -> str:
    lang, by = options.lang, options.by
    numbers = {s["criterion"]: s["number"] for s in view["steps"]}
    console, buffer = _console()
    c = view["country"]
    console.print(RichText(f"{tr(lang, 'Roadmap')}: {c['name']} ({c['code']})", style="bold"))
    console.print(tr(lang, "As of {date} · stage: {stage}", date=_day(view["as_of"], lang),
                     stage=view["stage"]["label"]))
    if view["timeline"]["scenario"]:
        console.print(tr(lang, "Scenario: the dates assume that the instrument is deposited on "
                               "{date}.", date=_day(view["timeline"]["deposit"], lang)),
                      style="yellow")
    rows = timeline_rows(view, lang)
    if rows:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False,
                      title=tr(lang, "Legal dates and commitments"), title_justify="left")
        table.add_column(tr(lang, "Date"), no_wrap=True)
        table.add_column(tr(lang, "What"))
        table.add_column("")
        for row in rows:
            table.add_row(*(_plain(x) for x in row))
        console.print(table)
    if no_dates_note(view, lang):
        console.print(no_dates_note(view, lang))
    if top_note(view, lang):
        console.print(top_note(view, lang), style="dim")
    for name, steps in groups(view, by):
        console.print()
        console.print(RichText(name, style="bold underline"))
        for i, s in enumerate(steps, 1):
            if by == "actor":  # numbered for the actor; the details are in the phase view
                _item(console, RichText(f"{i:>2}. ", style="bold"),
                      RichText(f"{s['action']} ({actor_step_ref(s, numbers, lang)})"))
                continue
            _item(console, RichText(f"{s['number']:>2}. ", style="bold"), RichText(s["action"]))
            who = ", ".join(s["actor_labels"])
            when, _basis = step_deadline(s, lang)
            details = [f"{tr(lang, 'Who')}: {who}"]
            if s["waits_for"]:
                details.append(tr(lang, "After step") + ": " + ", ".join(
                    str(numbers[c]) for c in s["waits_for"] if c in numbers))
            when_style = "bold red" if s["overdue"] else "yellow" if s["to_verify"] else "dim"
            if recommended_line(s["recommendations"], lang):
                details.append(recommended_line(s["recommendations"], lang))
            for peer in s["peers"][:1]:
                said = peer["note"] or "; ".join(peer["sources"])
                details.append(tr(lang, "Example") + f": {peer['label']}"
                               + (f": {said}" if said else ""))
            for detail in details:
                _detail(console, detail)
            if when:
                _detail(console, tr(lang, "By when") + ": " + when, when_style)
            if s["stale"]:
                _detail(console, evidence_flag(s["evidence_date"], lang), "yellow")
            then = folded_line(s, lang, limit=6)
            if then:
                _detail(console, then)
    if view["commitments"]:
        console.print()
        console.print(RichText(tr(lang, "National commitments"), style="bold underline"))
        for item in view["commitments"]:
            flag = " " + tr(lang, "(period ended)") if item["ended"] else ""
            due = f" · {tr(lang, 'Due')}: {item['due_label']}{flag}" if item["due_label"] else ""
            console.print(_plain(f"- {item['title']}{due}"))
    return _finish(buffer)


DIRECTION_SYMBOL = {"better": "↑", "worse": "↓", "other": "→"}
DIRECTION_STYLE = {"better": "green", "worse": "red", "other": "dim"}


def diff(view: DiffView, options: Options) -> str:
    lang = options.lang
    console, buffer = _console()
    before, after = view["before"], view["after"]
    console.print(RichText(f"{view['country']['name']}: {before['label']} → {after['label']}",
                           style="bold"))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("")
    table.add_column(tr(lang, "Before"))
    table.add_column(tr(lang, "After"))
    table.add_column(tr(lang, "Change"), justify="right")
    table.add_row(tr(lang, "Stage"), _plain(before["stage"]["label"]),
                  _plain(after["stage"]["label"]), "≠" if view["stage_changed"] else "")
    if before["npm"] or after["npm"]:
        table.add_row(tr(lang, "NPM"), _plain(before["npm"] or "–"), _plain(after["npm"] or "–"),
                      "≠" if view["npm_changed"] else "")
    table.add_row(tr(lang, "Score"), _fmt(before["score"], lang), _fmt(after["score"], lang),
                  _signed(view["score_change"], lang))
    table.add_row(tr(lang, "Coverage"), _fmt(before["coverage"], lang, "%"),
                  _fmt(after["coverage"], lang, "%"), _signed(view["coverage_change"], lang, "%"))
    console.print(table)
    console.print(RichText(view["summary"], style="bold"))
    console.print(tr(lang, "↑ better  ↓ worse  → other change (for example unknown to not met)"),
                  style="dim")
    for change in view["changes"]:
        prefix = RichText()
        prefix.append(f"{DIRECTION_SYMBOL[change['direction']]} ",
                      style=DIRECTION_STYLE[change["direction"]])
        body = RichText()
        body.append(f"{change['criterion']} ", style="bold")
        body.append(f"{change['title']}: {change['before_label']} → {change['after_label']}")
        _item(console, prefix, body)
        for detail in (change["reason"], change["note"]):
            if detail:
                _detail(console, detail, None)
        if change["source_short"]:
            _detail(console, tr(lang, "Sources: {sources}",
                                sources="; ".join(change["source_short"])))
    if view["events"]:
        console.print(RichText(tr(lang, "Events in between ({count})",
                                  count=len(view["events"])), style="bold"))
        grid = Table.grid(padding=(0, 2, 0, 0))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for event in view["events"]:
            grid.add_row(_plain(event["date"]),
                         _plain(f"{event['title']} ({event['kind_label']})"))
        console.print(grid)
    return _finish(buffer)


def recommendations(view: RecommendationsView, options: Options) -> str:
    lang = options.lang
    console, buffer = _console()
    c = view["country"]
    console.print(RichText(tr(lang, "Recommendations to {country}", country=c["name"]) +
                           f" ({c['code']})", style="bold"))
    totals = view["totals"]
    by = "; ".join(f"{k} {n}" for k, n in totals["by_mechanism"].items())
    console.print(on_record(totals["total"], by, totals["supported"], lang))
    for extra in totals["counted_elsewhere"]:
        console.print(_plain(tr(lang, "Counted by the sources: {title} ({count}; {response}); "
                                      "{listed} of them listed here one by one.",
                                title=extra["title"].rstrip("."), count=extra["count"],
                                response=extra["response_label"], listed=extra["listed"])),
                      style="dim")
    for r in view["recommendations"]:
        console.print()
        _item(console, RichText("- "), RichText(recommendation_text(r, lang)))
        if r["criteria"]:
            _detail(console, tr(lang, "concerns: {criteria}", criteria="; ".join(r["criteria"])))
        if r["note"]:
            _detail(console, r["note"])
        if r["source_labels"]:
            _detail(console, "; ".join(r["source_labels"]), "dim")
    return _finish(buffer)
