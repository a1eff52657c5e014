"""`npmcheck assess COUNTRY`: stage, score, coverage and the gaps of one profile."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from npmcheck.commands.common import Common, as_of, load, profile, write
from npmcheck.domain.scoring import Assessment, assess
from npmcheck.i18n import tr
from npmcheck.render.registry import Options
from npmcheck.views.assessment import assessment_view


def assess_one(common: Common, country: str | None, profile_file: Path | None,
               on: dt.date | None) -> Assessment:
    ws = load(common)
    chosen = profile(ws, country, profile_file)
    return assess(ws.catalogue(chosen.catalogue), chosen, as_of(chosen, on), common.stale_after)


def run(common: Common, country: str | None, profile_file: Path | None, fmt: str,
        on: dt.date | None, fail_under: float | None, output: Path | None,
        force: bool) -> int:
    a = assess_one(common, country, profile_file, on)
    lang = common.lang
    write("assess", fmt, assessment_view(a, lang), Options(lang), output, force)
    if fail_under is not None and (a.score or 0.0) < fail_under:
        print(tr(lang, "Score {score} is below --fail-under {threshold}.",
                 score=a.score, threshold=fail_under), file=sys.stderr)
        return 1
    return 0
