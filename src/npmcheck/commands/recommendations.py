"""`npmcheck recommendations COUNTRY`: what the State was told by the UPR, the Committee
against Torture, the SPT and others, filtered by mechanism, response or criterion."""

from __future__ import annotations

import difflib
from pathlib import Path

from npmcheck.commands.common import Common, load, profile, write
from npmcheck.diagnostics import did_you_mean, usage_error
from npmcheck.i18n import msg
from npmcheck.render.registry import Options


def run(common: Common, country: str | None, profile_file: Path | None, fmt: str,
        mechanism: str | None, response: str | None, criterion: str | None,
        output: Path | None, force: bool) -> int:
    from npmcheck.views.recommendations import recommendations_view

    ws = load(common)
    chosen = profile(ws, country, profile_file)
    catalogue = ws.catalogue(chosen.catalogue)
    if criterion is not None and criterion not in catalogue.by_id:
        close = difflib.get_close_matches(criterion, list(catalogue.by_id), n=1)
        hint = did_you_mean(close[0]) if close else msg("; run 'npmcheck criteria' to list them")
        raise usage_error("E202", "no criterion '{id}'{hint}", id=criterion, hint=hint)
    view = recommendations_view(chosen, catalogue, common.lang, mechanism, response, criterion)
    write("recommendations", fmt, view, Options(common.lang), output, force)
    return 0
