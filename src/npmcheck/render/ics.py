"""The roadmap as an iCalendar file (RFC 5545): one all-day event per dated milestone."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from npmcheck.i18n import tr
from npmcheck.render.registry import Options

if TYPE_CHECKING:
    from npmcheck.views.roadmap import RoadmapView, StepView



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


def roadmap(view: RoadmapView, options: Options) -> str:
    """One all-day event per dated milestone, listing the steps due on that day."""
    lang = options.lang
    generated = options.generated or dt.datetime.now(tz=dt.UTC).replace(microsecond=0)
    country = view["country"]
    stamp = generated.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    due: dict[str, list[StepView]] = {}
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
