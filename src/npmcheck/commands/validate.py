"""`npmcheck validate`: check catalogue and profile files, every problem located."""

from __future__ import annotations

from pathlib import Path

from npmcheck.commands.common import Common, write
from npmcheck.diagnostics import Problem, usage_error
from npmcheck.load import workspace
from npmcheck.load.paths import display_path
from npmcheck.render.registry import Options
from npmcheck.views.assessment import validation_view


def run(common: Common, paths: list[Path], fmt: str, strict: bool) -> int:
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
    if strict:  # stale evidence is worth a warning only where warnings count
        problems += _stale(ws, common.stale_after,
                           {display_path(p) for p in paths} if paths else None)
    view = validation_view(files, sorted(problems), strict, common.lang)
    write("validate", fmt, view, Options(common.lang), None)
    return 2 if view["failed"] else 0


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


def _stale(ws: workspace.Workspace, months: int, only: set[str] | None) -> list[Problem]:
    """A located W203 for each finding whose evidence is older than `months` (validate
    --strict): read the file again for the positions, which loading does not keep."""
    from npmcheck.domain.scoring import stale_findings
    from npmcheck.load.yamlio import load_file

    problems: list[Problem] = []
    for profile in ws.profiles.values():
        if only is not None and profile.path not in only:
            continue
        old = stale_findings(profile, months)
        doc = load_file(Path(profile.path))[0] if old else None
        if doc is None:
            continue
        for cid, evidence in old:
            where: tuple[str, ...] = ("findings", cid, "evidence_date") \
                if "evidence_date" in doc.data["findings"][cid] else ("findings", cid)
            problems.append(doc.problem(where, "W203", "the evidence for '{id}' dates from "
                                        "{date}, more than {months} months before as_of "
                                        "{as_of}; re-check it", warning=True, id=cid,
                                        date=str(evidence), months=months,
                                        as_of=str(profile.as_of)))
    return problems
