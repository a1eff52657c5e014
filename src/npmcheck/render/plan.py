"""The roadmap as Markdown and as an iCalendar file of its dated milestones and deadlines."""

from __future__ import annotations

import datetime as dt
from typing import Any

from npmcheck.i18n import tr
from npmcheck.render.tabular import md_cell, md_table


def groups(view: dict[str, Any], by: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """Steps grouped by phase (in order) or by actor (catalogue order of actors)."""
    steps = view["steps"]
    out: list[tuple[str, list[dict[str, Any]]]] = []
    if by == "actor":
        seen: dict[str, tuple[str, list[dict[str, Any]]]] = {}
        for step in steps:
            for actor, label in zip(step["actors"], step["actor_labels"], strict=True):
                seen.setdefault(actor, (label, []))[1].append(step)
        return list(seen.values())
    for step in steps:
        if not out or out[-1][0] != step["phase_label"]:
            out.append((step["phase_label"], []))
        out[-1][1].append(step)
    return out


def timeline_rows(view: dict[str, Any], lang: str) -> list[list[str]]:
    rows = []
    for m in view["milestones"]:
        flag = tr(lang, "passed") if m["past"] else ""
        rows.append([m["date_label"], m["label"], flag])
    return rows


def roadmap_md(view: dict[str, Any], lang: str, by: str = "phase") -> str:
    c = view["country"]
    out = [f"# {tr(lang, 'Roadmap')}: {md_cell(c['name'])}", "",
           tr(lang, "As of {date} · stage: {stage}", date=view["as_of"],
              stage=view["stage"]["label"]), ""]
    if view["timeline"]["scenario"]:
        out += [tr(lang, "Scenario: the dates assume that the instrument is deposited on "
                         "{date}.", date=view["timeline"]["deposit"]), ""]
    out += [f"## {tr(lang, 'Legal dates and commitments')}", ""]
    rows = timeline_rows(view, lang)
    if rows:
        out.append(md_table([tr(lang, "Date"), tr(lang, "What"), ""], rows))
    else:
        out += [tr(lang, "No dates yet: OPCAT's deadlines start when the State deposits its "
                         "instrument. The NPM must exist 12 months after entry into force, "
                         "which is the 30th day after the deposit."), ""]
    for name, steps in groups(view, by):
        out += [f"## {md_cell(name)}", ""]
        rows = []
        for s in steps:
            deadline = s["deadline_label"] or s["deadline_basis"] or ""
            if s["overdue"]:
                deadline += " " + tr(lang, "(overdue)")
            rows.append([s["number"], f"{s['action']} ({s['criterion']})",
                         ", ".join(s["actor_labels"]), ", ".join(s["waits_for"]), deadline])
        out.append(md_table(["#", tr(lang, "Step"), tr(lang, "Who"), tr(lang, "Waits for"),
                             tr(lang, "By when")], rows, "rllll"))
    with_peers = [s for s in view["steps"] if s["peers"]]
    if with_peers:
        out += [f"## {tr(lang, 'How peers did it')}", ""]
        for s in with_peers:
            out.append(f"- **{md_cell(s['title'])}** (`{s['criterion']}`)")
            for p in s["peers"]:
                source = f" ({md_cell(p['sources'][0])})" if p["sources"] else ""
                out.append(f"  - {md_cell(p['name'])}: {md_cell(p['note'] or '')}{source}")
        out.append("")
    if view["commitments"]:
        out += [f"## {tr(lang, 'National commitments')}", ""]
        rows = [[c["title"], c["due_label"] + (" " + tr(lang, "(overdue)") if c["overdue"]
                                               else "")] for c in view["commitments"]]
        out.append(md_table([tr(lang, "Commitment"), tr(lang, "Due")], rows))
    return "\n".join(out).rstrip("\n") + "\n"


def _ics_text(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r", "").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """RFC 5545 lines are at most 75 octets; longer ones continue after CRLF and a space."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def roadmap_ics(view: dict[str, Any], lang: str, generated: dt.datetime) -> str:
    """One all-day event per dated milestone, listing the steps due on that day."""
    country = view["country"]
    stamp = generated.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    due: dict[str, list[dict[str, Any]]] = {}
    for step in view["steps"]:
        if step["deadline"]:
            due.setdefault(step["deadline"], []).append(step)
    events: dict[str, tuple[str, str]] = {}
    for m in view["milestones"]:
        if m["date"]:
            events[m["date"]] = (m["label"], m["id"])
    for date in due:
        events.setdefault(date, (tr(lang, "Roadmap steps due"), "steps"))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//npmcheck//roadmap//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{_ics_text(tr(lang, 'OPCAT roadmap') + ': ' + country['name'])}"]
    for date in sorted(events):
        label, kind = events[date]
        day = dt.date.fromisoformat(date)
        description = [f"{s['number']}. {s['action']}" for s in due.get(date, [])]
        lines += [
            "BEGIN:VEVENT",
            f"UID:{country['id']}-{kind.replace(':', '-')}-{date}@npmcheck",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
        ]
        if day < dt.date.max:  # without DTEND a dated event lasts one day (RFC 5545 3.6.1)
            lines.append(f"DTEND;VALUE=DATE:{(day + dt.timedelta(days=1)).strftime('%Y%m%d')}")
        lines.append(f"SUMMARY:{_ics_text(country['name'] + ': ' + label)}")
        if description:
            lines.append(f"DESCRIPTION:{_ics_text(chr(10).join(description))}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
