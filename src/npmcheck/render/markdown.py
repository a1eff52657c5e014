"""Markdown (GitHub-flavoured) for every command that has a text to share or print: every
profile and catalogue text is escaped, so a name with a pipe or a star cannot break a table."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from npmcheck.i18n import tr, trn
from npmcheck.render.cells import fmt_num, md_cell, md_table
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
    iso_date,
    no_dates_note,
    on_record,
    range_note,
    recommended_line,
    report_context,
    stale_note,
    step_deadline,
    timeline_rows,
    top_note,
)
from npmcheck.views.assessment import known_scores
from npmcheck.views.labels import STATUS_SYMBOL

if TYPE_CHECKING:
    from npmcheck.views.assessment import AssessmentView, CompareView
    from npmcheck.views.catalogue import CatalogueView, CriterionView
    from npmcheck.views.diff import DiffView
    from npmcheck.views.recommendations import RecommendationsView
    from npmcheck.views.report import ReportView
    from npmcheck.views.roadmap import RoadmapView



def report(view: ReportView, options: Options) -> str:
    """The workshop report, from the same template context as the HTML and Word reports."""
    from npmcheck.render.templating import render

    text = render("report.md.j2", options.lang, **report_context(view, options.lang))
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


def assess(view: AssessmentView, options: Options) -> str:
    lang = options.lang
    gaps = gap_views(view)
    c = view["country"]
    out = [f"# {md_cell(c['name'])} ({c['code']})", ""]
    out.append(tr(lang, "As of {date} · catalogue {catalogue} {version}", date=view["as_of"],
                  catalogue=view["catalogue"]["id"], version=view["catalogue"]["version"]))
    out += ["", f"**{tr(lang, 'Stage: {stage}', stage=md_cell(view['stage']['label']))}** — "
            f"{md_cell(view['stage']['explanation'])}", ""]
    headline = tr(lang, "Score {score} of 100 · coverage {coverage}",
                  score=fmt_num(view["score"], lang), coverage=fmt_num(view["coverage"], lang, "%"))
    out += [f"**{headline}**", ""]
    if inferred_note(view["coverage_inferred"], lang):
        out += [inferred_note(view["coverage_inferred"], lang), ""]
    if range_note(view["score"], view["score_max"], lang):
        out += [range_note(view["score"], view["score_max"], lang), ""]
    rows = [[a["title"], fmt_num(a["score"], lang), fmt_num(a["coverage"], lang, "%"),
             "{met} / {partial} / {not_met} / {unknown}".format(**a["counts"])]
            for a in view["areas"]]
    header = [tr(lang, "Area"), tr(lang, "Score"), tr(lang, "Coverage"), "✓ / ◐ / ✗ / ?"]
    out.append(md_table(header, rows, "lrrc"))
    out += [f"## {tr(lang, 'Gaps, most important first ({count})', count=len(gaps))}", ""]
    gap_rows: list[list[Any]] = []
    for g in gaps:
        if g["blocked_by"]:  # listed under the prerequisite it waits for
            continue
        later = folded_gaps(view, g["criterion"])
        then = follow_line(len(later), lang) + ": " + ", ".join(x["criterion"] for x in later) \
            + "." if later else ""
        told = recommended_line(g["recommendations_with_folded"], lang)
        gap_rows.append([STATUS_SYMBOL[g["status"]] + " " + g["status_label"], g["weight"],
                         f"{g['criterion']}: {g['title']}",
                         " ".join(x for x in (g["reason"], g["note"], told + "." if told else "",
                                              then) if x),
                         "; ".join(g["references"])])
    out.append(md_table([tr(lang, "Status"), tr(lang, "W"), tr(lang, "Criterion"),
                         tr(lang, "Why"), tr(lang, "References")], gap_rows, "lrlll"))
    stale = [f for f in view["findings"] if f["stale"]]
    if stale:
        out += [f"## {md_cell(stale_note(len(stale), view['stale_after'], lang))}", ""]
        out += [f"- {STATUS_SYMBOL[f['status']]} {md_cell(f['criterion'])}: "
                f"{md_cell(f['title'])} ({md_cell(evidence_flag(f['evidence_date'], lang))})"
                for f in stale]
    return "\n".join(out) + "\n"


def compare(view: CompareView, options: Options) -> str:
    lang, criteria = options.lang, options.criteria
    countries = view["countries"]
    out = [f"# {tr(lang, 'Comparison')}", ""]
    out.append(md_table(
        [tr(lang, "Country"), tr(lang, "Stage"), tr(lang, "Score"), tr(lang, "Up to"),
         tr(lang, "Coverage")],
        [[c["name"], c["stage"]["label"], fmt_num(c["score"], lang), fmt_num(c["score_max"], lang),
          fmt_num(c["coverage"], lang, "%")] for c in countries], "llrrr"))
    out += [f"## {tr(lang, 'Scores by area')}", ""]
    out.append(md_table([tr(lang, "Area"), *[c["code"] for c in countries]],
                        [[a["title"], *["?" if s is None else fmt_num(s, lang)
                                         for s in known_scores(a)]]
                         for a in view["areas"]],
                        "l" + "r" * len(countries)))
    if criteria:
        out += [f"## {tr(lang, 'Criteria by country')}", "",
                tr(lang, "✓ met  ◐ partly met  ✗ not met  ? unknown  – not applicable"), ""]
        out.append(md_table([tr(lang, "Criterion"), *[c["code"] for c in countries]],
                            [[r["id"], *[STATUS_SYMBOL[s] for s in r["statuses"]]]
                             for r in view["criteria"]], "l" + "c" * len(countries)))
    return "\n".join(out) + "\n"


def roadmap(view: RoadmapView, options: Options) -> str:
    lang, by = options.lang, options.by
    c = view["country"]
    out = [f"# {tr(lang, 'Roadmap')}: {md_cell(c['name'])}", "",
           tr(lang, "As of {date} · stage: {stage}", date=iso_date(view["as_of"]),
              stage=view["stage"]["label"]), ""]
    if view["timeline"]["scenario"]:
        out += [tr(lang, "Scenario: the dates assume that the instrument is deposited on "
                         "{date}.", date=iso_date(view["timeline"]["deposit"])), ""]
    out += [f"## {tr(lang, 'Legal dates and commitments')}", ""]
    rows = timeline_rows(view, lang)
    if rows:
        out.append(md_table([tr(lang, "Date"), tr(lang, "What"), ""], rows))
    if no_dates_note(view, lang):
        out += [no_dates_note(view, lang), ""]
    if top_note(view, lang):
        out += [top_note(view, lang), ""]
    numbers = {s["criterion"]: s["number"] for s in view["steps"]}
    for name, steps in groups(view, by):
        out += [f"## {md_cell(name)}", ""]
        if by == "actor":  # numbered for the actor; the details are in the phase view
            out.append(md_table(["#", tr(lang, "Step"), ""], [
                [i, s["action"], actor_step_ref(s, numbers, lang)]
                for i, s in enumerate(steps, 1)], "rll"))
            continue
        step_rows: list[list[Any]] = []
        for s in steps:
            when, _basis = step_deadline(s, lang)
            if s["stale"]:
                when += f" ({evidence_flag(s['evidence_date'], lang)})"
            then = folded_line(s, lang)
            step_rows.append([s["number"], s["action"] + (f" {then}." if then else ""),
                              ", ".join(s["actor_labels"]),
                              ", ".join(str(numbers[c]) for c in s["waits_for"] if c in numbers),
                              when])
        out.append(md_table(["#", tr(lang, "Step"), tr(lang, "Who"), tr(lang, "After step"),
                             tr(lang, "By when")], step_rows, "rllll"))
    with_peers = [s for s in view["steps"] if s["peers"]]
    if with_peers:
        out += [f"## {tr(lang, 'How peers did it')}", ""]
        for s in with_peers:
            out.append(f"- **{md_cell(s['title'])}**")
            for p in s["peers"]:
                source = f" ({md_cell(p['sources'][0])})" if p["sources"] else ""
                out.append(f"  - {md_cell(p['label'])}: {md_cell(p['note'] or '')}{source}")
        out.append("")
    if view["commitments"]:
        out += [f"## {tr(lang, 'National commitments')}", ""]
        rows = [[c["title"], c["due_label"] + (" " + tr(lang, "(period ended)") if c["ended"]
                                               else "")] for c in view["commitments"]]
        out.append(md_table([tr(lang, "Commitment"), tr(lang, "Due")], rows))
    return "\n".join(out).rstrip("\n") + "\n"


def criteria(view: CatalogueView, options: Options) -> str:
    """The criteria reference (docs/criteria.md is this output, kept current by a test)."""
    lang = options.lang
    views = view["criteria"]
    whole = not view["selected"]
    out: list[str] = []
    if whole:
        out += [f"# {md_cell(view['catalogue']['title'])}", "",
                tr(lang, "Catalogue {catalogue}, version {version}: {criteria} {in_areas}. "
                         "Generated by `npmcheck criteria --format md`; do not edit by hand.",
                   catalogue=view['catalogue']['id'], version=view['catalogue']['version'],
                   criteria=trn(lang, "{n} criterion", "{n} criteria", len(views)),
                   in_areas=trn(lang, "in {n} area", "in {n} areas", len(view['areas']))), "",
                tr(lang, "Weight: 3 core, 2 important, 1 supporting. Obligation: a treaty "
                         "obligation binds a State once OPCAT is in force for it; the SPT's "
                         "reading of a treaty obligation explains what that duty requires; "
                         "guidance is good practice. For a State not yet bound, every gap is a "
                         "readiness gap, not a breach."), "",
                f"## {tr(lang, 'Documents cited')}", ""]
        for doc in view["documents"]:
            symbol = f" ({doc['symbol']})" if doc["symbol"] else ""
            link = f" <{doc['url']}>" if doc["url"] else ""
            short = f"**{md_cell(doc['short'])}**: " if doc["short"] else ""
            out.append(f"- {short}{md_cell(doc['title'])}{md_cell(symbol)}{link}")
        out.append("")
    for area in view["areas"]:
        members = [v for v in views if v["area"] == area["id"]]
        if not members:
            continue
        out += [f"## {md_cell(area['title'])}", ""]
        if area["description"] and whole:
            out += [md_cell(area["description"]), ""]
        if whole:
            out.append(md_table(
                [tr(lang, "Criterion"), tr(lang, "W"), tr(lang, "Obligation"), tr(lang, "Title")],
                [[v["id"], v["weight"], v["obligation_label"], v["title"]] for v in members],
                "lrll"))
        for member in members:
            out += _criterion(member, lang)
    return "\n".join(out).rstrip("\n") + "\n"


def _criterion(v: CriterionView, lang: str) -> list[str]:
    out = [f"### `{v['id']}` {md_cell(v['title'])}", "",
           f"*{tr(lang, 'Weight')} {v['weight']} · {md_cell(v['obligation_label'])} · "
           f"{tr(lang, 'Phase')}: {md_cell(v['phase_label'])}*", ""]
    rows = [
        (tr(lang, "Requirement"), v["requirement"]),
        (tr(lang, "Question"), v["question"]),
        (tr(lang, "Evidence"), v["evidence"]),
        (tr(lang, "Action"), v["action"]),
        (tr(lang, "Actors"), ", ".join(v["actor_labels"])),
        (tr(lang, "Requires"), ", ".join(f"`{r}`" for r in v["requires"]) or None),
        (tr(lang, "References"), "; ".join(r["label"] for r in v["references"])),
    ]
    if v["derive"]:
        rows.append((tr(lang, "Derived"), tr(lang, "the status follows from the profile's facts "
                                                   "(rule `{rule}`)", rule=v["derive"])))
    if v["deadline"]:
        rows.append((tr(lang, "Deadline"), trn(lang, "{n} month after entry into force",
                                               "{n} months after entry into force",
                                               v["deadline"]["months"])))
    if v["checklist"]:
        rows.append((tr(lang, "Checklist"), "; ".join(i["title"] for i in v["checklist"])))
    for label, value in rows:
        if value:
            shown = value if label == tr(lang, "Requires") else md_cell(value)
            out.append(f"- **{label}:** {shown}")
    out.append("")
    return out


_ARROW = {"better": "↑", "worse": "↓", "other": "→"}


def diff(view: DiffView, options: Options) -> str:
    lang = options.lang
    before, after = view["before"], view["after"]
    out = [f"# {md_cell(view['country']['name'])}: {md_cell(before['label'])} → "
           f"{md_cell(after['label'])}", ""]
    out += diff_body(view, lang, 2)
    return "\n".join(out) + "\n"


def diff_body(view: DiffView, lang: str, level: int) -> list[str]:
    """The summary table, the changed criteria and the events, under headings of `level`."""
    before, after = view["before"], view["after"]
    npm = [[tr(lang, "NPM"), before["npm"] or "–", after["npm"] or "–",
            "≠" if view["npm_changed"] else ""]] if before["npm"] or after["npm"] else []
    out = [md_table(["", tr(lang, "Before"), tr(lang, "After"), tr(lang, "Change")], [
        [tr(lang, "Stage"), before["stage"]["label"], after["stage"]["label"],
         "≠" if view["stage_changed"] else ""], *npm,
        [tr(lang, "Score"), fmt_num(before["score"], lang), fmt_num(after["score"], lang),
         _signed(view["score_change"], lang)],
        [tr(lang, "Coverage"), fmt_num(before["coverage"], lang, "%"),
         fmt_num(after["coverage"], lang, "%"),
         _signed(view["coverage_change"], lang, "%")]], "lllr")]
    out += [f"{'#' * level} {tr(lang, 'Criteria whose status changed')}", "",
            md_cell(view["summary"]), ""]
    if view["changes"]:
        out.append(md_table(
            ["", tr(lang, "Criterion"), tr(lang, "Before"), tr(lang, "After"), tr(lang, "Why"),
             tr(lang, "Sources")],
            [[_ARROW[c["direction"]], f"{c['criterion']}: {c['title']}", c["before_label"],
              c["after_label"], " ".join(x for x in (c["reason"], c["note"]) if x),
              "; ".join(c["sources"])] for c in view["changes"]], "clllll"))
    if view["events"]:
        heading = tr(lang, "Events in between ({count})", count=len(view["events"]))
        out += [f"{'#' * level} {heading}", ""]
        out += [f"- {md_cell(e['date'])}: {md_cell(e['title'])} ({md_cell(e['kind_label'])})"
                for e in view["events"]]
        out.append("")
    return out


def recommendations(view: RecommendationsView, options: Options) -> str:
    lang = options.lang
    c = view["country"]
    totals = view["totals"]
    by = "; ".join(f"{k} {n}" for k, n in totals["by_mechanism"].items())
    out = [f"# {md_cell(tr(lang, 'Recommendations to {country}', country=c['name']))}", "",
           md_cell(on_record(totals["total"], by, totals["supported"], lang)), ""]
    for extra in totals["counted_elsewhere"]:
        out += [md_cell(tr(lang, "Counted by the sources: {title} ({count}; {response}); "
                                 "{listed} of them listed here one by one.",
                           title=extra["title"].rstrip("."), count=extra["count"],
                           response=extra["response_label"], listed=extra["listed"])), ""]
    rows = [[r["year"], r["mechanism_label"], " ".join(x for x in (r["symbol"] or "",
             tr(lang, "para. {paragraph}", paragraph=r["paragraph"]) if r["paragraph"] else "")
             if x) or "–", ", ".join(r["recommended_by"]) or "–", r["text"], r["response_label"],
             ", ".join(r["criteria"])] for r in view["recommendations"]]
    if rows:
        out.append(md_table([tr(lang, "Year"), tr(lang, "Mechanism"), tr(lang, "Document"),
                             tr(lang, "Recommended by"), tr(lang, "Recommendation"),
                             tr(lang, "Response"), tr(lang, "Criteria")], rows, "rllllll"))
    return "\n".join(out).rstrip("\n") + "\n"
