"""What every command shares: the options all of them take, loading the data, finding the
profile, checking dates against it, and writing the rendered result."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import field
from pathlib import Path
from typing import Any

from npmcheck.commands.output import emit
from npmcheck.diagnostics import usage_error
from npmcheck.domain.model import Profile
from npmcheck.load import workspace
from npmcheck.records import Record
from npmcheck.render import registry


class Common(Record):
    lang: str = "en"
    data: list[Path] = field(default_factory=list)
    stale_after: int = 24  # months after which a finding's evidence is stale


def load(common: Common) -> workspace.Workspace:
    """The workspace. A profile in a data folder that could not be loaded stops every command
    with its located problems (exit 2): a country never drops out of the peers, the comparison
    or the completion without a word, and a broken replacement never lets the original answer
    in its place."""
    ws = workspace.load(common.data)
    refuse_broken(ws)
    return ws


def profile(ws: workspace.Workspace, country: str | None, profile_file: Path | None) -> Profile:
    if profile_file is not None:
        return workspace.load_profile_file(ws, profile_file)
    if not country:
        raise usage_error("E201", "name a country (for example 'turkmenistan') or give --profile")
    return workspace.resolve(ws, country)


def write(command: str, fmt: str, view: Any, options: registry.Options, output: Path | None,
          force: bool = False) -> None:
    """Render `view` and print it, or write it to `output` (atomically)."""
    emit(registry.render(command, fmt, view, options), output, force=force)


def as_of(profile: Profile, as_of: dt.date | None) -> dt.date | None:
    from npmcheck.domain.timeline import OPCAT_ADOPTED

    if as_of is not None and as_of > profile.as_of:
        raise usage_error("E204", "--as-of {date} is after the profile's as_of date {as_of}; a "
                                  "profile cannot speak for later dates",
                          date=str(as_of), as_of=str(profile.as_of))
    if as_of is not None and as_of < OPCAT_ADOPTED:
        raise usage_error("E204", "--as-of {date} is before OPCAT was adopted on {adopted}; give "
                                  "a later date", date=str(as_of), adopted=str(OPCAT_ADOPTED))
    return as_of


def generated_at() -> dt.datetime:
    """Now, or SOURCE_DATE_EPOCH when set, so that reports can be reproduced byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise usage_error("E204", "SOURCE_DATE_EPOCH '{value}' is not a number of seconds",
                              value=epoch) from None
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)


def refuse_broken(ws: workspace.Workspace) -> None:
    """Stop with the problems of each profile that could not be loaded (exit 2), rather than
    answer without that country."""
    from npmcheck.diagnostics import NpmcheckError, errors_only

    broken = set(ws.broken_profiles.values())
    problems = errors_only([p for p in ws.all_problems() if p.path in broken])
    if problems:
        raise NpmcheckError(problems)
