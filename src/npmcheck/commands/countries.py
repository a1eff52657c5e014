"""`npmcheck countries`: the profiles, with their stage, score and coverage."""

from __future__ import annotations

from npmcheck.commands.common import Common, load, many_objects, write
from npmcheck.domain.scoring import assess
from npmcheck.render.registry import Options
from npmcheck.views.assessment import countries_view


def run(common: Common, fmt: str) -> int:
    with many_objects():
        ws = load(common)
        catalogue = ws.catalogue()
        assessments = [assess(catalogue, ws.profiles[pid]) for pid in sorted(ws.profiles)]
        write("countries", fmt, countries_view(assessments, common.lang), Options(common.lang),
              None)
    return 0
