"""`npmcheck compare A B ... | --all`: countries side by side."""

from __future__ import annotations

from pathlib import Path

from npmcheck.commands.common import Common, load, many_objects, write
from npmcheck.diagnostics import usage_error
from npmcheck.domain.scoring import assess
from npmcheck.load import workspace
from npmcheck.render.registry import Options
from npmcheck.views.assessment import CompareView, compare_view


def run(common: Common, names: list[str], every: bool, criteria: bool, fmt: str,
        output: Path | None, force: bool) -> int:
    with many_objects():  # rendering too: the collector would walk every assessment
        view = _view(common, names, every)
        write("compare", fmt, view, Options(common.lang, criteria=criteria), output, force)
    return 0


def _view(common: Common, names: list[str], every: bool) -> CompareView:
    ws = load(common)
    catalogue = ws.catalogue()
    if every:
        chosen = [ws.profiles[p] for p in sorted(ws.profiles)]
    else:
        if not names:
            raise usage_error("E201", "name two or more countries, or use --all")
        chosen = [workspace.resolve(ws, n) for n in names]
    if not chosen:
        raise usage_error("E205", "no valid profiles to compare")
    return compare_view([assess(catalogue, p, stale_after=common.stale_after) for p in chosen],
                        common.lang)
