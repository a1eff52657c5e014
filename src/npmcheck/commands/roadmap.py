"""`npmcheck roadmap COUNTRY`: the next steps, with who acts, legal deadlines and peers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from npmcheck.commands.common import Common, as_of, generated_at, load, profile, write
from npmcheck.diagnostics import usage_error
from npmcheck.domain.model import Profile
from npmcheck.render.registry import Options

if TYPE_CHECKING:
    from npmcheck.domain.roadmap import Roadmap


def build_plan(common: Common, country: str | None, profile_file: Path | None,
               on: dt.date | None, deposit_date: dt.date | None) -> Roadmap:
    from npmcheck.domain.roadmap import roadmap_for

    ws = load(common)
    chosen = profile(ws, country, profile_file)
    catalogue = ws.catalogue(chosen.catalogue)
    if deposit_date is not None and chosen.opcat.status == "party":
        raise usage_error("E204", "{country} is already a party to OPCAT; --deposit-date is for "
                                  "States that have not joined yet",
                          country=chosen.country.name)
    on = as_of(chosen, on)
    _check_deposit_date(chosen, on, deposit_date)
    peers = [p for p in ws.profiles.values() if p.catalogue == catalogue.id]
    return roadmap_for(catalogue, chosen, peers, on, deposit_date)


def _check_deposit_date(profile: Profile, on: dt.date | None, deposit: dt.date | None) -> None:
    """A scenario deposit comes after the date the profile speaks for (the State had not
    deposited by then) and within this century (the deadlines follow it by up to six years)."""
    from npmcheck.domain.timeline import LATEST_SCENARIO_DEPOSIT

    if deposit is None:
        return
    when = on or profile.as_of
    if deposit < when:
        raise usage_error("E204", "--deposit-date {date} is before {when}: the profile says "
                                  "{country} had not deposited by then; give a later date",
                          date=str(deposit), when=str(when), country=profile.country.name)
    if deposit > LATEST_SCENARIO_DEPOSIT:
        raise usage_error("E204", "--deposit-date {date} is too far ahead; give a date up to "
                                  "{latest}", date=str(deposit),
                          latest=str(LATEST_SCENARIO_DEPOSIT))


def run(common: Common, country: str | None, profile_file: Path | None, fmt: str, by: str,
        on: dt.date | None, deposit_date: dt.date | None, output: Path | None,
        force: bool, top: int | None = None) -> int:
    from npmcheck.views.roadmap import roadmap_view

    plan = build_plan(common, country, profile_file, on, deposit_date)
    options = Options(common.lang, by=by, generated=generated_at())
    write("roadmap", fmt, roadmap_view(plan, common.lang, top), options, output, force)
    return 0
