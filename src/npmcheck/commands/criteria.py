"""`npmcheck criteria [ID]`: the catalogue, or one criterion in full."""

from __future__ import annotations

import difflib
from pathlib import Path

from npmcheck.commands.common import Common, load, write
from npmcheck.diagnostics import did_you_mean, usage_error
from npmcheck.i18n import msg
from npmcheck.render.registry import Options
from npmcheck.views.catalogue import catalogue_view


def run(common: Common, criterion_id: str | None, fmt: str, output: Path | None,
        force: bool) -> int:
    catalogue = load(common).catalogue()
    selected = None
    if criterion_id is not None:
        selected = criterion_id.strip().lower()
        if selected not in catalogue.by_id:
            close = difflib.get_close_matches(criterion_id, list(catalogue.by_id), n=1)
            hint = did_you_mean(close[0]) if close else \
                msg("; run 'npmcheck criteria' to list them")
            raise usage_error("E202", "no criterion '{id}'{hint}", id=criterion_id, hint=hint)
    write("criteria", fmt, catalogue_view(catalogue, common.lang, selected),
          Options(common.lang), output, force)
    return 0
