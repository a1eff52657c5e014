"""The profile file an edit (`interview`, `sheet import`) writes: where it goes, what it starts
from, and writing each new version atomically once it passes every check.

The bundled profiles belong to the installed package and are never written: an edit of one goes to
`DIR/profiles/<id>.yaml` of a user data folder (`--data DIR`, `NPMCHECK_PATH`), or to `-o FILE`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from npmcheck.commands.output import write_atomic
from npmcheck.diagnostics import NpmcheckError, Problem, errors_only, usage_error
from npmcheck.domain.model import Profile
from npmcheck.edit import splice, yamlout
from npmcheck.edit.profile import problems_of
from npmcheck.load import workspace
from npmcheck.load.paths import display_path


def package_folder() -> Path:
    """The installed package (with its data/ inside a wheel install): never written to."""
    return Path(__file__).resolve().parents[1]


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def user_folders(extra: list[Path]) -> list[Path]:
    """The data folders a user gave (NPMCHECK_PATH, then --data), without the bundled data."""
    bundled = workspace.bundled_root()
    return [r for r in workspace.data_roots(extra) if r.resolve() != bundled.resolve()]


def built(text: str, shown: str) -> Profile:
    """The model of a profile text that has passed `problems_of`."""
    from npmcheck.load import build
    from npmcheck.load.yamlio import load_text

    doc, _ = load_text(text, shown)
    assert doc is not None
    return build.profile(doc)


@dataclass
class ProfileFile:
    """The file an edit writes, the text it started from, and the data as it stands now."""

    path: Path
    text: str  # what is in the file now (or the text it will start from)
    data: dict[str, Any]
    exists: bool  # whether `path` holds the profile already
    origin: str | None = None  # the file it was copied from, when it is a first copy
    writes: int = 0

    @property
    def shown(self) -> str:
        return display_path(self.path)

    def render(self, data: dict[str, Any]) -> str:
        return splice.update(self.text, data) if self.text else yamlout.document(data)

    def save(self, data: dict[str, Any], ws: workspace.Workspace) -> list[Problem]:
        """Write `data` if it makes a valid profile; else write nothing and return why."""
        text = self.render(data)
        problems = problems_of(text, self.shown, ws)
        if problems:
            return problems
        if text != self.text or not self.exists:
            if not self.path.parent.exists() and self.path.parent.name == "profiles" and \
                    self.path.parent.parent.is_dir():
                self.path.parent.mkdir()
            write_atomic(self.path, text, force=True)
            self.writes += 1
        self.text, self.data, self.exists = text, copy.deepcopy(data), True
        return []


def read_profile(path: Path) -> tuple[str, dict[str, Any]]:
    from npmcheck.load.yamlio import load_file

    doc, problems = load_file(path)
    if doc is None:
        raise NpmcheckError(errors_only(problems))
    return path.read_text("utf-8-sig"), doc.data


def refuse_package(path: Path) -> None:
    if _inside(path, package_folder()):
        raise usage_error("E207", "'{path}' is inside the installed npmcheck package, whose data "
                                  "is never changed; write to your own folder with --data DIR "
                                  "or -o FILE", path=str(path))


def open_target(profile: Profile | None, country_id: str, output: Path | None,
                extra: list[Path]) -> ProfileFile:
    """Where an edit of `country_id` goes, starting from `profile` (None: a new profile).

    -o FILE: that file (if it exists it must be a profile of this country: the edit goes on
    there). Else the profile's own file when it is in a user folder, else
    DIR/profiles/<id>.yaml in the last user folder (a copy of the bundled profile). With no user
    folder, a bundled or new profile has nowhere to go: say how to give one."""
    if output is not None:
        refuse_package(output)
        if output.exists():
            if not output.is_file():
                raise usage_error("E206", "'{path}' is not a regular file; give a file name",
                                  str(output), path=str(output))
            text, data = read_profile(output)
            found = data.get("country", {}).get("id") if isinstance(data.get("country"),
                                                                    dict) else None
            if found != country_id:
                raise usage_error("E203", "'{path}' exists and is not a profile of '{id}'; "
                                          "give another file name", str(output),
                                  path=str(output), id=country_id)
            return ProfileFile(output, text, data, exists=True)
        return _start(profile, output)
    folders = user_folders(extra)
    if profile is not None and profile.path and any(
            _inside(Path(profile.path), f) for f in folders):
        path = Path(profile.path)
        refuse_package(path)
        text, data = read_profile(path)
        return ProfileFile(path, text, data, exists=True)
    if not folders:
        if profile is not None:
            raise usage_error("E207", "the profile of '{id}' is bundled with npmcheck and is "
                                      "never changed; give --data DIR to keep your version in "
                                      "DIR/profiles/{id}.yaml, or -o FILE", id=country_id)
        raise usage_error("E207", "a new profile needs a place: give --data DIR to keep it in "
                                  "DIR/profiles/{id}.yaml, or -o FILE", id=country_id)
    path = folders[-1] / "profiles" / f"{country_id}.yaml"
    refuse_package(path)
    if path.exists():  # in the folder but not loaded: it has errors (or another id)
        text, data = read_profile(path)
        return ProfileFile(path, text, data, exists=True)
    return _start(profile, path)


def _start(profile: Profile | None, path: Path) -> ProfileFile:
    if profile is None:
        return ProfileFile(path, "", {}, exists=False)
    text, data = read_profile(Path(profile.path))
    return ProfileFile(path, text, data, exists=False, origin=profile.path)
