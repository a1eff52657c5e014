"""`npmcheck diff COUNTRY --from DATE [--to DATE]` (the profile as it stood on two dates) and
`npmcheck diff OLD.yaml NEW.yaml` (two versions of a profile): what changed in between."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from npmcheck.commands.common import Common, load, profile, write
from npmcheck.diagnostics import usage_error
from npmcheck.domain.model import Profile
from npmcheck.domain.scoring import Assessment, assess
from npmcheck.load import workspace
from npmcheck.load.paths import display_path
from npmcheck.render.registry import Options
from npmcheck.views.diff import DiffView, diff_view


def between_dates(ws: workspace.Workspace, chosen: Profile, start: dt.date,
                  end: dt.date | None, lang: str) -> DiffView:
    """The profile on `start` against the profile on `end` (default: its as_of date)."""
    end = _within(chosen, end, "--to") if end else chosen.as_of
    start = _within(chosen, start, "--from")
    if start > end:
        raise usage_error("E204", "--from {start} is after --to {end}; give the earlier date "
                                  "first", start=str(start), end=str(end))
    catalogue = ws.catalogue(chosen.catalogue)
    return diff_view(assess(catalogue, chosen, start), assess(catalogue, chosen, end), lang)


def progress_since(after: Assessment, since: dt.date, lang: str) -> DiffView:
    """The assessment on `since` against `after` (a report's own), for `report --since`."""
    start = _within(after.profile, since, "--since")
    return diff_view(assess(after.catalogue, after.profile, start), after, lang)


def _within(profile: Profile, date: dt.date, option: str) -> dt.date:
    """`date`, if the profile can speak for it: not after its as_of, not before OPCAT."""
    from npmcheck.domain.timeline import OPCAT_ADOPTED

    if date > profile.as_of:
        raise usage_error("E204", "{option} {date} is after the profile's as_of date {as_of}; "
                                  "a profile cannot speak for later dates", option=option,
                          date=str(date), as_of=str(profile.as_of))
    if date < OPCAT_ADOPTED:
        raise usage_error("E204", "{option} {date} is before OPCAT was adopted on {adopted}; "
                                  "give a later date", option=option, date=str(date),
                          adopted=str(OPCAT_ADOPTED))
    return date


def run(common: Common, args: list[str], profile_file: Path | None, start: dt.date | None,
        end: dt.date | None, fmt: str, output: Path | None, force: bool) -> int:
    ws = load(common)
    if start is None and end is not None:
        raise usage_error("E204", "--to needs --from")
    if start is not None:
        if len(args) > 1 or (args and profile_file is not None):
            raise usage_error("E204", "with --from, name one country (or give --profile); two "
                                      "files are compared without dates")
        chosen = profile(ws, args[0] if args else None, profile_file)
        view = between_dates(ws, chosen, start, end, common.lang)
    else:
        if len(args) != 2 or profile_file is not None:
            raise usage_error("E204", "give two profile files (npmcheck diff OLD.yaml NEW.yaml), "
                                      "or a country and --from DATE")
        old, new = (workspace.load_profile_file(ws, Path(a)) for a in args)
        if old.country.id != new.country.id:
            raise usage_error("E204", "'{old}' is a profile of {a} and '{new}' of {b}; compare "
                                      "two versions of one country", old=args[0], new=args[1],
                              a=old.country.id, b=new.country.id)
        if old.catalogue != new.catalogue:
            raise usage_error("E204", "the two profiles use different catalogues ({a}, {b})",
                              a=old.catalogue, b=new.catalogue)
        catalogue = ws.catalogue(new.catalogue)
        view = diff_view(assess(catalogue, old), assess(catalogue, new), common.lang,
                         before_label=display_path(Path(args[0])),
                         after_label=display_path(Path(args[1])), mode="files")
    write("diff", fmt, view, Options(common.lang), output, force)
    return 0
