"""`npmcheck report COUNTRY -o FILE`: the workshop report (or, with --handout, its two-page
handout) as HTML, Markdown, Word or PDF."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from npmcheck.commands.common import Common, generated_at, write
from npmcheck.commands.roadmap import build_plan
from npmcheck.diagnostics import usage_error
from npmcheck.i18n import tr
from npmcheck.render import registry


def run(common: Common, country: str | None, profile_file: Path | None, fmt: str | None,
        on: dt.date | None, deposit_date: dt.date | None, output: Path | None, force: bool,
        since: dt.date | None = None, handout: bool = False) -> int:
    from npmcheck.views.report import report_view

    command = "handout" if handout else "report"
    if output is None:  # the default file is named after the format asked for
        output = Path(command + registry.suffix_of(fmt or "html"))
    chosen = fmt or registry.format_of(command, output)  # --format wins over the name
    if handout and chosen not in registry.formats("handout"):
        raise usage_error("E204", "the handout is written as {formats}, not '{name}'",
                          formats=", ".join(registry.formats("handout")),
                          name=fmt or output.name)
    if chosen is None:
        raise usage_error("E204", "cannot tell the format from '{name}'; name the file .html, "
                                  ".md, .docx or .pdf, or give --format", name=output.name)
    if output.exists() and not force:
        raise usage_error("E203", "'{path}' exists; add --force to replace it", str(output),
                          path=str(output))
    plan = build_plan(common, country, profile_file, on, deposit_date)
    progress = None
    if since is not None:  # the section "progress since the last workshop"
        from npmcheck.commands.diff import progress_since

        progress = progress_since(plan.assessment, since, common.lang)
    view = report_view(plan, common.lang, generated_at().isoformat(), progress)
    write(command, chosen, view, registry.Options(common.lang), output, force)
    print(tr(common.lang, "Wrote {path}", path=output), file=sys.stderr)
    return 0
