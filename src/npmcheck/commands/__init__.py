"""What each subcommand does, given plain options; returns the exit code. No Typer here."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from npmcheck.commands.output import emit
from npmcheck.diagnostics import NpmcheckError, Problem, did_you_mean, errors_only, usage_error
from npmcheck.domain.model import Profile
from npmcheck.domain.scoring import Assessment, assess
from npmcheck.i18n import msg, tr
from npmcheck.load import workspace
from npmcheck.load.paths import display_path
from npmcheck.views import assessment_view, compare_view, criterion_view, finding_view


@dataclass(frozen=True)
class Common:
    lang: str = "en"
    data: list[Path] = field(default_factory=list)


def _load(common: Common) -> workspace.Workspace:
    return workspace.load(common.data)


def _profile(ws: workspace.Workspace, country: str | None, profile_file: Path | None) -> Profile:
    if profile_file is not None:
        return workspace.load_profile_file(ws, profile_file)
    if not country:
        raise usage_error("E201", "name a country (for example 'turkmenistan') or give --profile")
    return workspace.resolve(ws, country)


# ---------------------------------------------------------------- validate


def validate(common: Common, paths: list[Path], fmt: str, strict: bool) -> int:
    """Check files or folders (default: all bundled and user data); 2 if any error."""
    if paths:
        criteria, profiles = _classify(paths)
        # profiles given alone are checked against the bundled and user catalogues
        implicit = [] if criteria else _all_criteria(common)
        ws = workspace.load_files(criteria or implicit, profiles)
        files = len(criteria) + len(profiles)
        given = {display_path(p) for p in criteria + profiles}
        problems = [p for p in ws.all_problems() if p.path in given or p.severity == "error"]
    else:
        ws = workspace.load(common.data)
        files = ws.files
        problems = ws.all_problems()
    problems = sorted(problems)
    errors = errors_only(problems)
    warnings = len(problems) - len(errors)
    lang = common.lang
    if fmt == "json":
        from npmcheck.render.tabular import to_json

        emit(to_json({"files": files, "errors": len(errors), "warnings": warnings,
                      "problems": [p.to_dict(lang) for p in problems]}), None)
    else:
        lines = [_github(p, lang) if fmt == "github" else p.show(lang) for p in problems]
        failed = bool(errors) or (strict and warnings > 0)
        summary = tr(lang, "files checked: {files}; errors: {errors}; warnings: {warnings}.",
                     files=files, errors=len(errors), warnings=warnings)
        lines.append(tr(lang, "Failed: {summary}", summary=summary) if failed
                     else tr(lang, "OK: {summary}", summary=summary))
        print("\n".join(lines))
    return 2 if errors or (strict and warnings) else 0


def _github(p: Problem, lang: str) -> str:
    level = "warning" if p.severity == "warning" else "error"
    return f"::{level} file={p.path},line={p.line},col={p.column},title={p.code}::{p.text(lang)}"


def _all_criteria(common: Common) -> list[Path]:
    return [f for r in workspace.data_roots(common.data) for f in
            workspace.yaml_files(r / "criteria")]


def _classify(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """Split files into catalogue files and profiles, by folder name or by their content."""
    criteria: list[Path] = []
    profiles: list[Path] = []
    for path in paths:
        if not path.exists():
            raise usage_error("E205", "'{path}' does not exist", str(path), path=str(path))
        if not path.is_dir() and not path.is_file():  # reading a pipe or a device never ends
            raise usage_error("E205", "'{path}' is not a file or a folder", str(path),
                              path=str(path))
        files = workspace.yaml_files(path) if path.is_dir() else [path]
        for file in files:
            if _looks_like_catalogue(file):
                criteria.append(file)
            else:
                profiles.append(file)
    return criteria, profiles


def _looks_like_catalogue(path: Path) -> bool:
    """A file under a criteria/ folder, or one with a top-level 'criteria:' or 'version:' key
    and no 'country:' key, is a catalogue file; everything else is read as a profile."""
    parts = [p.lower() for p in path.resolve().parent.parts]
    if (parts and parts[-1] in ("criteria", "profiles")) or "criteria" in parts[-2:]:
        return "criteria" in parts[-2:]
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError:
        return False
    keys = {line.split(b":", 1)[0] for line in head.splitlines() if line[:1].isalpha()}
    return b"country" not in keys and bool(keys & {b"criteria", b"version", b"areas"})


# ---------------------------------------------------------------- criteria & countries


def criteria(common: Common, criterion_id: str | None, fmt: str, output: Path | None,
             force: bool) -> int:
    ws = _load(common)
    catalogue = ws.catalogue()
    lang = common.lang
    if criterion_id is not None:
        found = catalogue.by_id.get(criterion_id.strip().lower())
        if found is None:
            import difflib

            close = difflib.get_close_matches(criterion_id, list(catalogue.by_id), n=1)
            hint = did_you_mean(close[0]) if close else \
                msg("; run 'npmcheck criteria' to list them")
            raise usage_error("E202", "no criterion '{id}'{hint}", id=criterion_id, hint=hint)
        chosen = [found]
    else:
        chosen = list(catalogue.criteria)
    views = [criterion_view(c, catalogue, lang) for c in chosen]
    if fmt == "json":
        from npmcheck.render.tabular import to_json

        payload: Any = views[0] if criterion_id else {
            "catalogue": {"id": catalogue.id, "version": catalogue.version,
                          "title": catalogue.title(lang)},
            "criteria": views}
        emit(to_json(payload), output, force=force)
    elif fmt == "md":
        from npmcheck.render.reference import criteria_md

        emit(criteria_md(catalogue, lang, [c.id for c in chosen] if criterion_id else None),
             output, force=force)
    else:
        from npmcheck.render import text

        out = text.criterion_detail(views[0], lang) if criterion_id else \
            text.criteria_table(views, lang)
        emit(out, output, force=force)
    return 0


def countries(common: Common, fmt: str) -> int:
    ws = _load(common)
    catalogue = ws.catalogue()
    rows = []
    for pid in sorted(ws.profiles):
        profile = ws.profiles[pid]
        a = assess(catalogue, profile)
        rows.append({"id": pid, "code": profile.country.code,
                     "name": profile.country.name(common.lang),
                     "region": profile.country.region, "as_of": profile.as_of.isoformat(),
                     "stage": a.stage.id, "stage_label": a.stage.label(common.lang),
                     "score": a.score, "coverage": a.coverage, "path": profile.path})
    if fmt == "json":
        from npmcheck.render.tabular import to_json

        emit(to_json(rows), None)
    else:
        from npmcheck.render import text

        emit(text.countries_table(rows, common.lang), None)
    _report_skipped(ws, common.lang)
    return 0


def _report_skipped(ws: workspace.Workspace, lang: str) -> None:
    for path in sorted(set(ws.broken_profiles.values())):
        print(tr(lang, "{path}: skipped, it has errors (run 'npmcheck validate')", path=path),
              file=sys.stderr)


# ---------------------------------------------------------------- assess & compare


def _as_of(profile: Profile, as_of: dt.date | None) -> dt.date | None:
    from npmcheck.domain.timeline import OPCAT_ADOPTED

    if as_of is not None and as_of > profile.as_of:
        raise usage_error("E204", "--as-of {date} is after the profile's as_of date {as_of}; a "
                                  "profile cannot speak for later dates",
                          date=str(as_of), as_of=str(profile.as_of))
    if as_of is not None and as_of < OPCAT_ADOPTED:
        raise usage_error("E204", "--as-of {date} is before OPCAT was adopted on {adopted}; give "
                                  "a later date", date=str(as_of), adopted=str(OPCAT_ADOPTED))
    return as_of


def _deposit_date(profile: Profile, as_of: dt.date | None, deposit: dt.date | None) -> None:
    """A scenario deposit comes after the date the profile speaks for (the State had not
    deposited by then) and within this century (the deadlines follow it by up to six years)."""
    from npmcheck.domain.timeline import LATEST_SCENARIO_DEPOSIT

    if deposit is None:
        return
    when = as_of or profile.as_of
    if deposit < when:
        raise usage_error("E204", "--deposit-date {date} is before {when}: the profile says "
                                  "{country} had not deposited by then; give a later date",
                          date=str(deposit), when=str(when), country=profile.country.name)
    if deposit > LATEST_SCENARIO_DEPOSIT:
        raise usage_error("E204", "--deposit-date {date} is too far ahead; give a date up to "
                                  "{latest}", date=str(deposit),
                          latest=str(LATEST_SCENARIO_DEPOSIT))


def assess_one(common: Common, country: str | None, profile_file: Path | None,
               as_of: dt.date | None) -> Assessment:
    ws = _load(common)
    catalogue = ws.catalogue()
    profile = _profile(ws, country, profile_file)
    if profile.catalogue != catalogue.id:
        catalogue = ws.catalogue(profile.catalogue)
    return assess(catalogue, profile, _as_of(profile, as_of))


def run_assess(common: Common, country: str | None, profile_file: Path | None, fmt: str,
               as_of: dt.date | None, fail_under: float | None, output: Path | None,
               force: bool) -> int:
    a = assess_one(common, country, profile_file, as_of)
    lang = common.lang
    view = assessment_view(a, lang)
    gaps = [finding_view(f, a, lang) for f in a.gaps()]
    if fmt == "json":
        from npmcheck.render.tabular import to_json

        out = to_json(view)
    elif fmt == "csv":
        from npmcheck.render.tabular import assessment_csv

        out = assessment_csv(view)
    elif fmt == "md":
        from npmcheck.render.tabular import assessment_md

        out = assessment_md(view, lang, gaps)
    else:
        from npmcheck.render import text

        out = text.assessment(view, lang, gaps)
    emit(out, output, force=force)
    if fail_under is not None and (a.score or 0.0) < fail_under:
        print(tr(lang, "Score {score} is below --fail-under {threshold}.",
                 score=a.score, threshold=fail_under), file=sys.stderr)
        return 1
    return 0


def run_compare(common: Common, names: list[str], every: bool, criteria: bool, fmt: str,
                output: Path | None, force: bool) -> int:
    ws = _load(common)
    catalogue = ws.catalogue()
    if every:
        chosen = [ws.profiles[p] for p in sorted(ws.profiles)]
        _report_skipped(ws, common.lang)
    else:
        if not names:
            raise usage_error("E201", "name two or more countries, or use --all")
        chosen = [workspace.resolve(ws, n) for n in names]
    if not chosen:
        raise usage_error("E205", "no valid profiles to compare")
    results = [assess(catalogue, p) for p in chosen]
    view = compare_view(results, common.lang)
    if fmt == "json":
        from npmcheck.render.tabular import to_json

        if not criteria:
            view = {k: v for k, v in view.items() if k != "criteria"}
        out = to_json(view)
    elif fmt == "csv":
        from npmcheck.render.tabular import compare_csv

        out = compare_csv(view, criteria)
    elif fmt == "md":
        from npmcheck.render.tabular import compare_md

        out = compare_md(view, common.lang, criteria)
    elif fmt == "html":
        from npmcheck.render.html import compare_html

        out = compare_html(view, common.lang, criteria)
    else:
        from npmcheck.render import text

        out = text.compare_table(view, common.lang, criteria)
    emit(out, output, force=force)
    return 0


# ---------------------------------------------------------------- roadmap & report


def build_plan(common: Common, country: str | None, profile_file: Path | None,
               as_of: dt.date | None, deposit_date: dt.date | None) -> Any:
    from npmcheck.domain.roadmap import roadmap_for

    ws = _load(common)
    profile = _profile(ws, country, profile_file)
    catalogue = ws.catalogue(profile.catalogue)
    if deposit_date is not None and profile.opcat.status == "party":
        raise usage_error("E204", "{country} is already a party to OPCAT; --deposit-date is for "
                                  "States that have not joined yet",
                          country=profile.country.name)
    as_of = _as_of(profile, as_of)
    _deposit_date(profile, as_of, deposit_date)
    peers = [p for p in ws.profiles.values() if p.catalogue == catalogue.id]
    return roadmap_for(catalogue, profile, peers, as_of, deposit_date)


def run_roadmap(common: Common, country: str | None, profile_file: Path | None, fmt: str,
                by: str, as_of: dt.date | None, deposit_date: dt.date | None,
                output: Path | None, force: bool) -> int:
    from npmcheck.render import plan
    from npmcheck.views import roadmap_view

    roadmap = build_plan(common, country, profile_file, as_of, deposit_date)
    view = roadmap_view(roadmap, common.lang)
    if fmt == "json":
        from npmcheck.render.tabular import to_json

        out = to_json(view)
    elif fmt == "md":
        out = plan.roadmap_md(view, common.lang, by)
    elif fmt == "ics":
        out = plan.roadmap_ics(view, common.lang, generated_at())
    elif fmt == "html":
        from npmcheck.render.html import roadmap_html

        out = roadmap_html(view, common.lang, by)
    else:
        from npmcheck.render import text

        out = text.roadmap(view, common.lang, by)
    emit(out, output, force=force)
    return 0


def generated_at() -> dt.datetime:
    """Now, or SOURCE_DATE_EPOCH when set, so that reports can be reproduced byte for byte."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise usage_error("E204", "SOURCE_DATE_EPOCH '{value}' is not a number of seconds",
                              value=epoch) from None
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)


REPORT_FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md",
                  ".docx": "docx"}


def run_report(common: Common, country: str | None, profile_file: Path | None,
               fmt: str | None, as_of: dt.date | None, deposit_date: dt.date | None,
               output: Path, force: bool) -> int:
    from npmcheck.render.report import render_report
    from npmcheck.views import report_view

    chosen = fmt or REPORT_FORMATS.get(output.suffix.lower())
    if chosen is None:
        raise usage_error("E204", "cannot tell the format from '{name}'; name the file .html, "
                                  ".md or .docx, or give --format", name=output.name)
    if output.exists() and not force:
        raise usage_error("E203", "'{path}' exists; add --force to replace it", str(output),
                          path=str(output))
    roadmap = build_plan(common, country, profile_file, as_of, deposit_date)
    view = report_view(roadmap, common.lang, generated_at().isoformat())
    emit(render_report(view, chosen, common.lang), output, force=force)
    print(tr(common.lang, "Wrote {path}", path=output), file=sys.stderr)
    return 0


def raise_problems(problems: list[Problem]) -> None:
    if errors_only(problems):
        raise NpmcheckError(errors_only(problems))
