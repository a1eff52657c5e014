"""The wording that several formats share, so that they say the same thing in the same words.

`report_context` turns a report view into the sentences the HTML, Markdown and Word reports
print (the summary, the binding note, the methodology, the roadmap groups); `groups` and
`timeline_rows` lay out the roadmap for every format. Formatting only: every figure comes from
the view.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from npmcheck.i18n import quoted, tr, trn
from npmcheck.render.cells import bar, fmt_num
from npmcheck.values import PartialDate
from npmcheck.views import TypedDict
from npmcheck.views.assessment import AssessmentView, FindingView
from npmcheck.views.labels import STATUS_SYMBOL, label
from npmcheck.views.recommendations import RecommendationSummary, RecommendationView
from npmcheck.views.report import GapView, ReportView, SourceView
from npmcheck.views.roadmap import RoadmapView, StepView


class PlanStep(StepView):
    """A roadmap step as a report table shows it: when, on what basis, after which steps."""

    when: str
    basis: str
    waits_for_numbers: list[int]
    then: str  # the blocked steps that follow once this one is done

# A link target we are willing to write: http(s), and nothing that could end the attribute or
# the Markdown autolink early (whitespace, quotes, angle brackets, backslash, control chars).
_HTTP_URL = re.compile(r"https?://[^\s<>\"'`\\\x00-\x1f\x7f]+\Z", re.IGNORECASE)


def is_http(url: Any) -> bool:
    """Only http:// and https:// addresses become links; anything else is shown as text."""
    return isinstance(url, str) and _HTTP_URL.match(url) is not None


def gap_views(view: AssessmentView) -> list[FindingView]:
    """The findings of an assessment view that are gaps, most important first."""
    by_id = {f["criterion"]: f for f in view["findings"]}
    return [by_id[criterion] for criterion in view["gaps"]]


def folded_gaps(view: AssessmentView, criterion: str) -> list[FindingView]:
    """The blocked gaps shown under `criterion`: those whose first unmet prerequisite it is,
    and theirs in turn, most important first."""
    gaps = gap_views(view)
    out: list[FindingView] = []
    queue = [criterion]
    while queue:
        current = queue.pop(0)
        for g in gaps:
            if g["blocked_by"] and g["blocked_by"][0] == current and g not in out:
                out.append(g)
                queue.append(g["criterion"])
    rank = {g["criterion"]: i for i, g in enumerate(gaps)}
    return sorted(out, key=lambda g: rank[g["criterion"]])


def top_heading(count: int, lang: str) -> str:
    """"The 3 most important gaps", agreeing with how many there are."""
    if count == 1:
        return tr(lang, "The most important gap")
    return trn(lang, "The {n} most important gap", "The {n} most important gaps", count)


def on_record(count: int, by: str, supported: int, lang: str) -> str:
    """"3 recommendations on record (CAT 2; UPR 1); supported: 1."."""
    return trn(lang, "{n} recommendation on record ({by}); supported: {supported}.",
               "{n} recommendations on record ({by}); supported: {supported}.", count,
               by=by or "–", supported=supported)


def follow_line(count: int, lang: str) -> str:
    """"Once this is met, 12 more criteria can follow"."""
    return trn(lang, "Once this is met, {n} more criterion can follow",
               "Once this is met, {n} more criteria can follow", count)


def recommended_line(summary: RecommendationSummary, lang: str) -> str:
    """"Recommendations to the State: 3 (UPR, Committee against Torture; 2013-2023); supported:
    2, response unknown: 1", or nothing when none concerns the criterion."""
    if not summary["count"]:
        return ""
    years = summary["years"]
    when = str(years[0]) if len(years) == 1 else f"{years[0]}\u2013{years[-1]}"
    answers = ", ".join(f"{answer}: {n}" for answer, n in summary["responses"].items())
    return tr(lang, "Recommendations to the State: {count} ({mechanisms}; {years}); {answers}",
              count=summary["count"], mechanisms=", ".join(summary["mechanisms"]), years=when,
              answers=answers)


def recommendation_text(r: RecommendationView, lang: str) -> str:
    """"UPR 2018 (3rd cycle), A/HRC/39/3, para. 114.1, Norway: Ratify OPCAT. Supported."."""
    mechanism = r["mechanism_label"]
    where = [mechanism[:1].upper() + mechanism[1:] + f" {r['year']}"]
    if r["cycle"]:
        where[0] += " " + tr(lang, "(cycle {cycle})", cycle=r["cycle"])
    elif r["session"]:
        where[0] += f" ({r['session']})"
    if r["symbol"]:
        where.append(r["symbol"] + (" " + tr(lang, "para. {paragraph}",
                                             paragraph=r["paragraph"]) if r["paragraph"] else ""))
    if r["recommended_by"]:
        where.append(", ".join(r["recommended_by"]))
    said = r["text"].rstrip(".")
    return f"{', '.join(where)}: {said}. {r['response_label'].capitalize()}."


def recommendations_sentence(view: ReportView, lang: str) -> str:
    """How many OPCAT-related recommendations the records hold, and how many were supported."""
    totals = view["recommendations"]
    name = view["country"]["name"]
    parts = []
    if totals["total"]:
        by = "; ".join(f"{k} {n}" for k, n in totals["by_mechanism"].items())
        parts.append(trn(lang, "The records hold {n} OPCAT-related recommendation made to "
                               "{country} ({by}); supported: {supported}.",
                         "The records hold {n} OPCAT-related recommendations made to "
                         "{country} ({by}); supported: {supported}.",
                         totals["total"], country=name, by=by, supported=totals["supported"]))
    for c in totals["counted_elsewhere"]:
        parts.append(tr(lang, "Counted by the sources: {title} ({count}; {response}); "
                              "{listed} of them listed here one by one.",
                        title=c["title"].rstrip("."), count=c["count"],
                        response=c["response_label"], listed=c["listed"]))
    if not parts:
        return tr(lang, "No OPCAT-related recommendation to {country} is on record yet.",
                  country=name)
    return " ".join(parts)


def follows_text(gap: GapView, lang: str, limit: int | None = None) -> str:
    """"Once this is met, 12 more criteria can follow: A; B; ...", or nothing."""
    folded = gap["folded"]
    if not folded:
        return ""
    shown = folded if limit is None or len(folded) <= limit else folded[:limit]
    names = "; ".join(x["title"] for x in shown)
    if len(shown) < len(folded):
        names += "; " + tr(lang, "and {count} more", count=len(folded) - len(shown))
    return follow_line(len(folded), lang) + ": " + names + "."


def top_note(view: RoadmapView, lang: str) -> str:
    """"The first 5 of 27 steps (--top 5)." when the roadmap is cut short."""
    shown = len(view["steps"])
    if shown >= view["steps_total"]:
        return ""
    return trn(lang, "The first {shown} of {n} step; without --top every step is shown.",
               "The first {shown} of {n} steps; without --top every step is shown.",
               view["steps_total"], shown=shown)


def range_note(score: float | None, score_max: float | None, lang: str) -> str:
    """"It could be up to 71.0 if every unknown turned out met.", or nothing."""
    if score is None or score_max is None or score_max <= score:
        return ""
    return tr(lang, "It could be up to {score} if every unknown turned out met.",
              score=fmt_num(score_max, lang))


def stale_note(count: int, months: int, lang: str) -> str:
    """Why the re-check list is there."""
    return trn(lang, "Findings whose evidence is older than {n} month ({count}): check "
                     "them again before they are quoted.",
               "Findings whose evidence is older than {n} months ({count}): check "
               "them again before they are quoted.", months, count=count)


def evidence_flag(evidence: str | None, lang: str) -> str:
    """"re-check: evidence of May 2019"."""
    return tr(lang, "re-check: evidence of {date}", date=partial_date(evidence))


def partial_date(iso: str | None) -> PartialDate | str:
    """An ISO date as precise as it was written ("2019", "2019-05", "2019-05-14")."""
    try:
        return PartialDate.parse(iso or "")
    except ValueError:
        return iso or ""


def inferred_note(coverage_inferred: float | None, lang: str) -> str:
    """What the coverage leaves out: statuses that only follow from a missing prerequisite."""
    if not coverage_inferred:
        return ""
    return tr(lang, "A further {share} of the criteria (by weight) are not met only because "
                    "a prerequisite is missing; they are not counted as known.",
              share=fmt_num(coverage_inferred, lang, "%"))


def groups(view: RoadmapView, by: str) -> list[tuple[str, list[StepView]]]:
    """By phase (in order): the steps that wait for no other, each blocked step being shown
    under the step it waits for (`folded`). By actor (in the order they first act): every step
    of each actor, its own to-do list."""
    steps = [s for s in view["steps"] if by == "actor" or not s["blocked_by"]]
    out: list[tuple[str, list[StepView]]] = []
    if by == "actor":
        seen: dict[str, tuple[str, list[StepView]]] = {}
        for step in steps:
            for actor, label in zip(step["actors"], step["actor_labels"], strict=True):
                seen.setdefault(actor, (label, []))[1].append(step)
        return list(seen.values())
    for step in steps:
        if not out or out[-1][0] != step["phase_label"]:
            out.append((step["phase_label"], []))
        out[-1][1].append(step)
    return out


def timeline_rows(view: RoadmapView, lang: str) -> list[list[str]]:
    rows = []
    for m in view["milestones"]:
        flag = ""
        if m["past"]:  # a plan's period ends; a legal date passes
            flag = tr(lang, "period ended") if m["id"].startswith("commitment:") else \
                tr(lang, "date passed")
        rows.append([m["date_label"], m["label"], flag])
    return rows


def no_dates_note(view: RoadmapView, lang: str) -> str:
    """Why a State that has not deposited has no legal dates yet (empty once it has)."""
    timeline = view["timeline"]
    if timeline["deposit"] is not None or "deposit" in timeline["approximate"]:
        return ""
    return tr(lang, "No dates yet: OPCAT's deadlines start when the State deposits its "
                    "instrument. The NPM must exist 12 months after entry into force, which is "
                    "the 30th day after the deposit.")


def iso_date(value: str | None) -> dt.date | str:
    """An ISO date from a view, as a date that `tr` and `fmt` write the way `lang` does."""
    try:
        return dt.date.fromisoformat(value or "")
    except ValueError:
        return value or ""


def legend_items(lang: str) -> list[tuple[str, str, str]]:
    """(status, symbol, label) for the key to the status symbols."""
    return [(s, symbol, label("status", s, lang)) for s, symbol in STATUS_SYMBOL.items()]


def legend(lang: str) -> str:
    """"Key: ✓ met · ◐ partly met · ✗ not met · ? unknown · – not applicable"."""
    return tr(lang, "Key: {symbols}", symbols=" · ".join(f"{symbol} {label}" for _, symbol, label
                                                          in legend_items(lang)))


def gap_tag(gap: GapView, lang: str) -> str:
    """"not met · weight 3 · treaty obligation, in force for the State"."""
    parts = [gap["status_label"], tr(lang, "weight {weight}", weight=gap["weight"])]
    if gap["obligation"] == "guidance":
        parts.append(gap["obligation_label"])
    elif gap["binding"]:
        parts.append(tr(lang, "{obligation}, in force for the State",
                        obligation=gap["obligation_label"]))
    else:
        parts.append(tr(lang, "{obligation}, not yet binding: a readiness gap",
                        obligation=gap["obligation_label"]))
    return " · ".join(parts)


def step_flag(step: StepView, lang: str) -> str:
    """What the date means for this step: overdue only for a breach on record (not met after
    a legal deadline); an unknown step past its date is to verify."""
    if step["overdue"]:
        return tr(lang, "(overdue)")
    if step["to_verify"]:
        return tr(lang, "(to verify)")
    if step["date_passed"]:
        return tr(lang, "(planned date passed)")
    return ""


def step_deadline(step: StepView, lang: str) -> tuple[str, str]:
    """(when, why): the date or the rule, and the basis when a date is given."""
    when = step["deadline_label"] or step["deadline_basis"] or tr(lang, "no legal deadline")
    basis = (step["deadline_basis"] or "") if step["deadline_label"] else ""
    flag = step_flag(step, lang)
    if step["stale"]:
        basis = "; ".join(x for x in (basis, evidence_flag(step["evidence_date"], lang)) if x)
    return (f"{when} {flag}" if flag else when), basis


def folded_line(step: StepView, lang: str, limit: int | None = None) -> str:
    """"Once this is done, 12 more steps can follow: 7. A; 8. B; ..." for the blocked steps
    that wait for this one; with `limit`, the first few and how many more."""
    folded = step["folded"]
    if not folded:
        return ""
    shown = folded if limit is None or len(folded) <= limit else folded[:limit]
    names = "; ".join(f"{x['number']}. {x['title']}" for x in shown)
    if len(shown) < len(folded):
        names += "; " + tr(lang, "and {count} more", count=len(folded) - len(shown))
    return ntr_steps(len(folded), lang) + ": " + names


def ntr_steps(count: int, lang: str) -> str:
    return trn(lang, "Once this is done, {n} more step can follow",
               "Once this is done, {n} more steps can follow", count)


def step_row(step: PlanStep) -> list[Any]:
    """One roadmap step as a plain-text table row (Markdown, Word)."""
    when = step["when"] + (f" — {step['basis']}" if step["basis"] else "")
    then = f" {step['then']}." if step["then"] else ""
    return [step["number"], f"{STATUS_SYMBOL[step['status']]} {step['action']}{then}",
            ", ".join(step["actor_labels"]),
            ", ".join(map(str, step["waits_for_numbers"])) or "–", when]


def steps_header(lang: str) -> list[str]:
    return ["#", tr(lang, "Step"), tr(lang, "Who"), tr(lang, "After step"),
            tr(lang, "By when")]


def refs_text(numbers: list[int]) -> str:
    """A record's sources as the report numbers them: "[3, 5]", or "" when it cites none."""
    return "[" + ", ".join(str(n) for n in numbers) + "]" if numbers else ""


class YearNote(TypedDict):
    year: int
    note: str  # what the year's figures mean, or ""
    report: str  # "Annual report: “Title”, 2 June 2022", or ""
    url: str | None  # the annual report's address


def activity_notes(view: ReportView, lang: str) -> list[YearNote]:
    """Below the activity table, a year at a time: the notes and the annual report's title and
    address, too long for its cells."""
    out: list[YearNote] = []
    for y in view["activity"]:
        title = quoted(y["report_title"], lang) if y["report_title"] else ""
        about = ", ".join(x for x in (title, y["report"]) if x)
        if about:
            report = tr(lang, "Annual report: {report}", report=about)
        elif y["report_url"]:  # only its address: the label, then the address
            report = tr(lang, "Annual report") + ":"
        else:
            report = ""
        if y["note"] or report:
            out.append({"year": y["year"], "note": y["note"] or "", "report": report,
                        "url": y["report_url"]})
    return out


def table_rows(view: ReportView, lang: str) -> dict[str, list[Any]]:
    """The report's plain-text tables (Markdown, Word): headers and rows."""
    areas = [[a["title"], fmt_num(a["score"], lang), bar(a["score"]),
              fmt_num(a["coverage"], lang, "%"),
              a["counts"]["met"], a["counts"]["partial"], a["counts"]["not_met"],
              a["counts"]["unknown"]] for a in view["areas"]]
    areas.append([tr(lang, "Overall"), fmt_num(view["score"], lang), bar(view["score"]),
                  fmt_num(view["coverage"], lang, "%"), "", "", "", ""])
    commitments = []
    for c in view["commitments"]:
        kind = " · ".join(x for x in (c["kind_label"], c["response_label"],
                                      c["made"]) if x)
        title = " ".join(x for x in (c["title"], refs_text(c["refs"])) if x) \
            + (f" ({c['note']})" if c["note"] else "")
        due = (c["due_label"] or "–") + (" " + tr(lang, "(period ended)") if c["ended"] else "")
        commitments.append([title, kind, due])
    events = [[e["date"] + (f" – {e['until']}" if e["until"] else ""),
               " ".join(x for x in (e["title"], refs_text(e["refs"])) if x)
               + (f" ({e['note']})" if e["note"] else ""), e["kind_label"]]
              for e in view["events"]]
    activity = [[y["year"], "–" if y["visits"] is None else y["visits"],
                 "; ".join(y["places"]) or "–",
                 "–" if y["staff"] is None else y["staff"], y["budget"] or "–",
                 y["report_cell"],
                 refs_text(y["refs"]) or "–"]
                for y in view["activity"]]
    return {
        "areas_header": [tr(lang, "Area"), tr(lang, "Score"), "", tr(lang, "Coverage"),
                         *(STATUS_SYMBOL[s] for s in ("met", "partial", "not_met", "unknown"))],
        "areas": areas,
        "steps_header": steps_header(lang),
        "commitments_header": [tr(lang, "Commitment"), tr(lang, "Type"), tr(lang, "Due")],
        "commitments": commitments,
        "events_header": [tr(lang, "Date"), tr(lang, "Event"), tr(lang, "Type")],
        "events": events,
        "ids": [[g["title"], g["criterion"]] for g in view["gaps"]],
        "activity_header": [tr(lang, "Year"), tr(lang, "Visits"), tr(lang, "Places visited"),
                            tr(lang, "Staff"), tr(lang, "Budget"), tr(lang, "Annual report"),
                            tr(lang, "Sources")],
        "activity": activity,
        "activity_notes": activity_notes(view, lang),
    }


def plan_context(roadmap: RoadmapView, lang: str, by: str) -> dict[str, Any]:
    """The roadmap as the report and `roadmap --format html` show it. By actor, each actor's
    steps are numbered for that actor and name the step of the full list they stand for."""
    numbers = {s["criterion"]: s["number"] for s in roadmap["steps"]}
    rows: list[dict[str, Any]] = []
    for name, steps in groups(roadmap, by):
        if by == "actor":
            rows.append({"name": name, "steps": [], "rows": [
                [i, s["action"], actor_step_ref(s, numbers, lang)]
                for i, s in enumerate(steps, 1)]})
            continue
        items: list[PlanStep] = []
        previous = None
        for s in steps:
            when, basis = step_deadline(s, lang)
            # the same deadline and rule as the step above: say so rather than repeat it
            if (when, basis) == previous:
                shown, shown_basis = tr(lang, "as above"), ""
            else:
                shown, shown_basis = when, basis
            previous = (when, basis)
            items.append(PlanStep(**s, when=shown, basis=shown_basis,
                                  waits_for_numbers=[numbers[c] for c in s["waits_for"]
                                                     if c in numbers],
                                  then=folded_line(s, lang)))
        rows.append({"name": name, "steps": items, "rows": [step_row(s) for s in items]})
    scenario = ""
    if roadmap["timeline"]["scenario"]:
        scenario = tr(lang, "Scenario: the dates assume that the instrument is deposited on "
                            "{date}.", date=iso_date(roadmap["timeline"]["deposit"]))
    return {
        "groups": rows,
        "by": by,
        "timeline": timeline_rows(roadmap, lang),
        "scenario": scenario,
        "no_dates": no_dates_note(roadmap, lang),
        "top_note": top_note(roadmap, lang),
        "with_peers": [s for s in roadmap["steps"] if s["peers"]],
    }


def actor_step_ref(step: StepView, numbers: dict[str, int], lang: str) -> str:
    """"step 12, after step 3": where an actor's step stands in the full list."""
    after = [str(numbers[c]) for c in step["waits_for"] if c in numbers]
    if after:
        return tr(lang, "step {number}, after step {after}", number=step["number"],
                  after=", ".join(after))
    return tr(lang, "step {number}", number=step["number"])


def binding_note(view: ReportView, lang: str) -> str:
    name = view["country"]["name"]
    if view["bound"]:
        return tr(lang, "OPCAT is in force for {country}: a gap on a treaty criterion is an "
                        "obligation not yet fulfilled; a gap on a guidance criterion is a "
                        "departure from the SPT's recommendations.", country=name)
    return tr(lang, "{country} is not bound by OPCAT on this date. Gaps on treaty criteria show "
                    "what the State would need to do to be ready; they are not breaches of the "
                    "treaty.", country=name)


def readiness(view: ReportView, lang: str) -> dict[str, Any] | None:
    """For a State not yet bound: what is in place, what must be decided, and the dates a
    deposit would set going (from --deposit-date, or an illustration)."""
    r = view["readiness"]
    if r is None:
        return None
    name = view["country"]["name"]
    if r["illustrative"]:
        dates = tr(lang, "If {country} deposited its instrument on {deposit} (an illustration: "
                         "one year after the date of this profile; another date can be played "
                         "through with --deposit-date), OPCAT would enter into force for it on "
                         "{eif} and its NPM would have to be designated by {deadline}.",
                   country=name, deposit=r["deposit"], eif=r["entry_into_force"],
                   deadline=r["npm_deadline"])
    else:
        dates = tr(lang, "With the deposit of the instrument on {deposit} (the scenario of this "
                         "report), OPCAT would enter into force for {country} on {eif} and its "
                         "NPM would have to be designated by {deadline}.", country=name,
                   deposit=r["deposit"], eif=r["entry_into_force"], deadline=r["npm_deadline"])
    return {
        "heading": tr(lang, "Readiness to join OPCAT"),
        "ready_intro": tr(lang, "Already in place:") if r["ready"] else
        tr(lang, "Nothing on record is in place yet."),
        "ready": [f"{STATUS_SYMBOL[x['status']]} {x['title']} ({x['status_label']})"
                  for x in r["ready"]],
        "decide": tr(lang, "To be decided: the most important gaps below. The NPM law can be "
                           "drafted and adopted before the deposit; what the NPM does in "
                           "practice follows once it exists."),
        "dates": dates,
    }


def next_deadline(view: ReportView, lang: str) -> tuple[str, str]:
    """(date, what) of the next dated milestone, or why there is none."""
    nxt = view["next_deadline"]
    if nxt is not None:
        return nxt["date_label"], nxt["label"]
    timeline = view["roadmap"]["timeline"]
    if timeline["deposit"] is None and "deposit" not in timeline["approximate"]:
        return tr(lang, "not yet set"), tr(lang, "OPCAT's deadlines start when the State "
                                                 "deposits its instrument.")
    return tr(lang, "none on record"), tr(lang, "Every legal date on record has passed and "
                                                "every commitment's period has ended.")


def methodology(view: ReportView, lang: str) -> list[str]:
    return [
        tr(lang, "Each criterion of the catalogue gets a status: met (1 point), partly met "
                 "(0.5), not met or unknown (0). A criterion that cannot apply to the State is "
                 "left out. Weights: 3 core, 2 important, 1 supporting."),
        tr(lang, "The score is the weighted share of points, from 0 to 100. The coverage is the "
                 "weighted share of criteria whose status is known. A low score with low "
                 "coverage means \u201cnot known\u201d, not \u201cbad\u201d. The score of an "
                 "area uses only the criteria of that area."),
        tr(lang, "Some statuses follow from the dates and facts in the country profile (for "
                 "example the deposit of the instrument or the designation of the NPM); the "
                 "others are findings recorded in the profile, each with its sources. A "
                 "criterion whose prerequisite is not met is not met either: it is shown under "
                 "that prerequisite, and the coverage does not count it as known."),
        binding_note(view, lang),
        tr(lang, "The roadmap turns every open criterion into a step: by phase, never before the "
                 "steps it waits for, first what opens the way to most other steps, then "
                 "heavier steps. Legal dates follow OPCAT: entry into force on the 30th day "
                 "after the deposit (Art. 28(2)); the NPM at the latest one year after entry "
                 "into force (Art. 17); an Art. 24 declaration can postpone obligations by up "
                 "to three years, plus two more if the Committee against Torture agrees. A "
                 "step is overdue only when it is not met after a legal deadline; a step whose "
                 "status is not known is marked \u201cto verify\u201d once its date has "
                 "passed."),
        tr(lang, "Peer examples come from the other country profiles where the same "
                 "criterion is met: the same region and the same NPM model first."),
    ]


def abbreviations(lang: str) -> str:
    """The abbreviations the report uses, spelled out once at the top: it is read by people
    who do not all work with UN treaty bodies."""
    pairs = [
        (tr(lang, "OPCAT"), tr(lang, "Optional Protocol to the UN Convention against Torture")),
        (tr(lang, "NPM"), tr(lang, "national preventive mechanism")),
        (tr(lang, "SPT"), tr(lang, "UN Subcommittee on Prevention of Torture")),
        (tr(lang, "UPR"), tr(lang, "Universal Periodic Review of the UN Human Rights Council")),
        (tr(lang, "GANHRI"), tr(lang, "Global Alliance of National Human Rights Institutions")),
        (tr(lang, "APT"), tr(lang, "Association for the Prevention of Torture")),
    ]
    return tr(lang, "Abbreviations: {list}.",
              list="; ".join(tr(lang, "{short}: {long}", short=short, long=long)
                             for short, long in pairs))


def footer(view: ReportView, lang: str) -> str:
    return tr(lang, "Catalogue {catalogue} {version} · profile as of {as_of} · generated on "
                    "{date} by npmcheck", catalogue=view["catalogue"]["id"],
              version=view["catalogue"]["version"], as_of=view["as_of_label"],
              date=view["generated_label"])


# A full stop after one of these words (or after one letter, an initial) does not end the
# sentence: "Decree No. 58", "Art. 17", "para. 3", "ст. 17", "п. 2", "А. Иванов".
_ABBREVIATIONS = {"no", "nos", "art", "arts", "para", "paras", "p", "pp", "vol", "e.g", "i.e",
                  "cf", "mr", "mrs", "ms", "dr", "st", "ст", "п", "пп", "ч", "см", "т.е", "т.д",
                  "им", "№"}
_SENTENCE_END = re.compile(r"(?P<word>[\w.№]*)[.!?](?=\s+[^\s\d(a-zа-яё])")


def brief(text: str | None, limit: int = 220) -> str:
    """The opening of a long text for the one-page summary: whole sentences while they fit,
    else the words that fit and an ellipsis. The gaps section prints the text in full."""
    if not text or len(text) <= limit:
        return text or ""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)
            if 60 <= m.end() <= limit and len(m.group("word")) > 1
            and m.group("word").lower() not in _ABBREVIATIONS]
    if ends:
        return text[:ends[-1]]
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def source_text(source: SourceView, lang: str) -> str:
    """"[3] Publisher, “Title”, 5 May 2024." (one full stop, also after "2024 г.")."""
    date = f", {source['date']}" if source["date"] else ""
    text = f"[{source['number']}] {source['publisher']}, {quoted(source['title'], lang)}{date}"
    return text if text.endswith(".") else text + "."


def report_context(view: ReportView, lang: str) -> dict[str, Any]:
    """Everything the report templates and the Word writer print besides the view itself."""
    when, what = next_deadline(view, lang)
    top = view["top_gaps"]
    return {
        "v": view,
        "plan": plan_context(view["roadmap"], lang, "phase"),
        "rows": table_rows(view, lang),
        "legend": legend(lang),
        "legend_items": legend_items(lang),
        "binding_note": binding_note(view, lang),
        "next_when": when,
        "next_what": what,
        "top_heading": top_heading(len(top), lang),
        "tags": {g["criterion"]: gap_tag(g, lang) for g in view["gaps"]},
        "briefs": {g["criterion"]: brief(g["reason"] or g["note"]) for g in top},
        "follows": {g["criterion"]: follows_text(g, lang) for g in view["gaps"]},
        "follows_brief": {g["criterion"]: follows_text(g, lang, 4) for g in view["gaps"]},
        "waits": {g["criterion"]: tr(lang, "Follows once \u201c{title}\u201d is met",
                                     title=g["waits_for_title"])
                  for g in view["gaps"] if g["waits_for_title"]},
        "inferred_note": inferred_note(view["coverage_inferred"], lang),
        "range_note": range_note(view["score"], view["score_max"], lang),
        "stale_note": stale_note(len(view["stale"]), view["stale_after"], lang),
        "evidence_flags": {g["criterion"]: evidence_flag(g["evidence_date"], lang)
                           for g in view["stale"]},
        "recommended": {g["criterion"]: recommended_line(g["recommendations_with_folded"], lang)
                        for g in view["gaps"]},
        "recommendation_texts": {r["id"]: recommendation_text(r, lang)
                                 for r in view["recommendation_list"]},
        "recommendations_sentence": recommendations_sentence(view, lang),
        "readiness": readiness(view, lang),
        "methodology": methodology(view, lang),
        "source_texts": {s["number"]: source_text(s, lang) for s in view["sources"]},
        "footer": footer(view, lang),
        "abbreviations": abbreviations(lang),
        "title": tr(lang, "{country}: OPCAT gap analysis and roadmap",
                    country=view["country"]["name"]),
    }


def handout_context(view: ReportView, lang: str, alone: bool) -> dict[str, Any]:
    """The two-page handout: the top gaps with who acts, the next three dated steps, and where
    the full report is (`alone`: the handout by itself; else the first pages of the report)."""
    steps = view["roadmap"]["steps"]
    who = {s["criterion"]: ", ".join(s["actor_labels"]) for s in steps}
    dated = [s for s in steps if s["deadline_label"] and not s["blocked_by"]][:3]
    if dated:
        empty = ""
    elif not view["bound"]:
        empty = tr(lang, "No step carries a date yet: the treaty's deadlines start when the "
                         "State deposits its instrument (OPCAT Art. 17 and 28(2)).")
    else:
        empty = tr(lang, "No open step carries a date: the roadmap puts them in order of "
                         "phase.")
    if alone:
        full = tr(lang, "The full report, with every gap, the roadmap step by step, the "
                        "national record and the sources, is made by "
                        "\u201cnpmcheck report {country} -o report.html\u201d (or .docx, .pdf).",
                  country=view["country"]["id"])
    else:
        full = tr(lang, "The full report follows: the summary, the scores by area, every gap "
                        "by area, the roadmap, the national record and the sources.")
    return {
        "top": [{"status": g["status"], "title": g["title"], "status_label": g["status_label"],
                 "who": who.get(g["criterion"], ""),
                 "brief": brief(g["reason"] or g["note"], 160)}
                for g in view["top_gaps"]],
        "next_steps": [{"number": s["number"], "title": s["title"], "when": s["deadline_label"],
                        "overdue": s["overdue"], "who": ", ".join(s["actor_labels"])}
                       for s in dated],
        "no_dated_steps": empty,
        "full_report": full,
    }
