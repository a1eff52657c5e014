"""Finding, reading and checking the data: the bundled catalogue and profiles, then user folders.

Order: the bundled data, then each folder of NPMCHECK_PATH, then each --data folder. A profile
with the id of an earlier one replaces it; criteria files join the catalogue their `catalogue`
field names.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from npmcheck.diagnostics import NpmcheckError, Problem, did_you_mean, errors_only, usage_error
from npmcheck.domain.model import Catalogue, Profile
from npmcheck.i18n import msg
from npmcheck.load import cache
from npmcheck.load.paths import display_path
from npmcheck.load.roots import bundled_root as bundled_root
from npmcheck.load.roots import roots as unchecked_roots

if TYPE_CHECKING:  # the YAML reader, schemas and checks are imported only when files are read
    from npmcheck.load import schema
    from npmcheck.load.yamlio import Document

DEFAULT_CATALOGUE = "opcat"
_LARGEST_CACHED = 5 * 1024 * 1024  # yamlio.MAX_BYTES: larger files are refused, not cached


def data_roots(extra: list[Path] | None = None, *, check: bool = True) -> list[Path]:
    """Bundled data (unless NPMCHECK_BUNDLED=0), then NPMCHECK_PATH, then --data folders; a
    folder named again (`--data D --data D`, or the bundled folder) counts once, where it first
    came: read twice, its criteria would clash with themselves (R103)."""
    seen: set[Path] = set()
    roots = []
    for root in unchecked_roots(extra):
        if (key := root.resolve()) not in seen:
            seen.add(key)
            roots.append(root)
    for root in roots if check else ():
        if root.is_dir():
            continue
        if root.exists():
            raise usage_error("E205", "data folder '{path}' is not a folder", str(root),
                              path=str(root))
        raise usage_error("E205", "data folder '{path}' does not exist", str(root),
                          path=str(root))
    return roots


def yaml_files(folder: Path) -> list[Path]:
    """Every entry named *.yaml or *.yml, whatever it is: a folder, a pipe, a device or a broken
    link under such a name is returned too, so that reading it reports it (Y001) rather than
    the folder's country vanishing without a word (docs/data-format.md)."""
    if not folder.is_dir():
        if folder.exists() or folder.is_symlink():  # `profiles` as a file: nothing would load
            raise usage_error("E205", "'{path}' should be a folder of YAML files",
                              str(folder), path=str(folder))
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml"))


class Profiles(MutableMapping[str, Profile]):
    """The profiles by id, as a dict; in the cache, each is pickled on its own and unpickled
    when first asked for, so that a command about one country (most of them) does not rebuild
    the twenty others from a cache hit (about two thirds of the entry)."""

    def __init__(self, packed: dict[str, bytes] | None = None) -> None:
        self._profiles: dict[str, Profile | None] = dict.fromkeys(packed or {})
        self._packed = packed or {}

    def __getitem__(self, pid: str) -> Profile:
        profile = self._profiles[pid]
        if profile is None:
            try:
                from _pickle import loads
            except ImportError:  # pragma: no cover - other Python implementations
                from pickle import loads
            profile = self._profiles[pid] = loads(self._packed.pop(pid))
        return profile

    def __setitem__(self, pid: str, profile: Profile) -> None:
        self._packed.pop(pid, None)
        self._profiles[pid] = profile

    def __delitem__(self, pid: str) -> None:
        self._packed.pop(pid, None)
        del self._profiles[pid]

    def __iter__(self) -> Iterator[str]:
        return iter(self._profiles)

    def __len__(self) -> int:
        return len(self._profiles)

    def __contains__(self, pid: object) -> bool:
        return pid in self._profiles

    def __repr__(self) -> str:
        return f"Profiles({sorted(self._profiles)})"

    def __reduce__(self) -> tuple[Any, ...]:
        import pickle

        return Profiles, ({pid: self._packed[pid] if pid in self._packed else
                           pickle.dumps(self[pid], protocol=pickle.HIGHEST_PROTOCOL)
                           for pid in self._profiles},)


@dataclass
class Workspace:
    """Everything loaded: the valid catalogues and profiles, and every problem found."""

    catalogues: dict[str, Catalogue] = field(default_factory=dict)
    profiles: Profiles = field(default_factory=Profiles)
    problems: dict[str, list[Problem]] = field(default_factory=dict)  # by file
    broken_profiles: dict[str, str] = field(default_factory=dict)  # file stem -> file
    files: int = 0

    def all_problems(self) -> list[Problem]:
        return sorted(p for ps in self.problems.values() for p in ps)

    def catalogue(self, catalogue_id: str = DEFAULT_CATALOGUE) -> Catalogue:
        if catalogue_id in self.catalogues:
            return self.catalogues[catalogue_id]
        broken = [p for p in self.all_problems() if "criteria" in Path(p.path).parts]
        if broken:
            raise NpmcheckError(errors_only(broken))
        raise usage_error("E205", "no criteria catalogue '{id}' was found", id=catalogue_id)


def today() -> dt.date:
    return dt.date.today()


def load(extra: list[Path] | None = None, profile_files: list[Path] | None = None) -> Workspace:
    """Read, validate and build all catalogues and profiles under the data roots."""
    roots = data_roots(extra)
    criteria_files = [f for r in roots for f in yaml_files(r / "criteria")]
    profiles = [f for r in roots for f in yaml_files(r / "profiles")]
    return load_files(criteria_files, profiles + list(profile_files or []))


def load_files(criteria_files: list[Path], profile_files: list[Path]) -> Workspace:
    """The workspace for these files: from the cache when exactly these inputs were loaded
    before (see cache.py), else read, validated and checked now."""
    key = _cache_key(criteria_files, profile_files)
    if key is not None:
        cached = cache.load("workspace", key)
        if isinstance(cached, Workspace):
            return cached
    ws = _load_files(criteria_files, profile_files)
    if key is not None:
        cache.store("workspace", key, ws)
    return ws


def _cache_key(criteria_files: list[Path], profile_files: list[Path]) -> str | None:
    """Everything the result depends on: the code, today, the working folder, and each file's
    name and content. None when caching is off or a file cannot be read (no caching then)."""
    if cache.cache_dir() is None:
        return None
    key = cache.Key("workspace")
    key.add(cache.code_stamp())
    key.add(today().isoformat())
    try:
        cwd = Path.cwd().resolve()
    except OSError:
        return None
    key.add(str(cwd))
    folders: dict[Path, Path] = {}
    digests = _Digests()
    for kind, paths in (("criteria", criteria_files), ("profiles", profile_files)):
        key.add(f"{kind}:{len(paths)}")
        for path in paths:
            try:
                shown = _shown(path, cwd, folders)
                digest = digests.of(path, cwd)
            except OSError:
                return None
            if digest is None:
                return None
            key.add(str(path))
            key.add(shown)
            key.add(digest)
    digests.keep()
    return key.hexdigest()


SETTLED_NS = 2_000_000_000  # a file neither written nor changed for 2 s: its stat is its name


def now_ns() -> int:
    return time.time_ns()


class _Digests:
    """The hash of each data file's content, remembered in the cache (`digests/files.pickle`)
    by the file's stat: size, modification and change time, inode and device. A file whose
    stat is what it was when its hash was remembered is not read again (reading and hashing
    the bundled 1 MB was a third of a warm run). Only the hash of a settled file (not written
    or changed in the last SETTLED_NS) is remembered, as git does with its index, so that an
    edit within the same clock tick as the write before it can never keep the old stat: any
    later write changes the change time, which no program can set back."""

    def __init__(self) -> None:
        known = cache.load("digests", "files")
        self.known: dict[str, tuple[tuple[int, ...], str]] = \
            known if isinstance(known, dict) else {}
        self.used: dict[str, tuple[tuple[int, ...], str]] = {}
        self.changed = False
        self.now = now_ns()

    def of(self, path: Path, cwd: Path) -> str | None:
        """The content hash of `path` (None for a file too large to cache); OSError when it
        cannot be read."""
        st = path.stat()
        if st.st_size > _LARGEST_CACHED:
            return None
        name = str(cwd / path)
        stat = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
        known = self.known.get(name)
        if known is not None and known[0] == stat:
            self.used[name] = known
            return known[1]
        content = cache.Key("content")
        content.add(path.read_bytes())
        digest = content.hexdigest()
        if self.now - max(st.st_mtime_ns, st.st_ctime_ns) > SETTLED_NS:
            self.used[name] = (stat, digest)
            self.changed = True
        return digest

    def keep(self) -> None:
        """Store the hashes remembered now (with the others, up to a bound) if any is new."""
        if self.changed:
            kept = {**self.known, **self.used} if len(self.known) < 20_000 else self.used
            cache.store("digests", "files", kept)


def _shown(path: Path, cwd: Path, folders: dict[Path, Path]) -> str:
    """display_path(path), resolving each folder once instead of every file (a thousand
    profiles in one folder would otherwise cost a thousand walks up the folder tree)."""
    if path.name in ("", ".", "..") or path.is_symlink():
        return display_path(path)
    folder = folders.get(path.parent)
    if folder is None:
        folder = folders[path.parent] = path.parent.resolve()
    try:
        return str((folder / path.name).relative_to(cwd))
    except ValueError:
        return str(path)


def _load_files(criteria_files: list[Path], profile_files: list[Path]) -> Workspace:
    from npmcheck.load import build, checks

    ws = Workspace()
    groups: dict[str, list[Document]] = defaultdict(list)
    for path in criteria_files:
        doc = _read(ws, path, "catalogue")
        if doc is not None:
            groups[doc.data["catalogue"]].append(doc)
    for catalogue_id, docs in groups.items():
        problems = checks.check_catalogue(docs)
        for problem in problems:
            ws.problems.setdefault(problem.path, []).append(problem)
        if not errors_only(problems):
            ws.catalogues[catalogue_id] = build.catalogue(catalogue_id, docs)
    now = today()
    # country id -> (data folder, file, its name as shown) that gave it
    owners: dict[str, tuple[Path, Path, str]] = {}
    for path in profile_files:
        doc = _read(ws, path, "profile")
        if doc is None:
            _broken(ws, display_path(path), path.stem.lower())
            continue
        catalogue = ws.catalogues.get(doc.data.get("catalogue", DEFAULT_CATALOGUE))
        problems = checks.check_profile(doc, catalogue, now)
        profile = None
        if not errors_only(problems) and catalogue is not None:
            profile = build.profile(doc)
            problems += checks.check_derived(doc, profile, catalogue)
        pid, folder = str(doc.data["country"]["id"]), _data_folder(path)
        first = owners.get(pid)
        # (resolved only on a clash: resolving every file walks up the folder tree each time)
        if first is not None and first[0] == folder and first[1].resolve() != path.resolve():
            # a later folder replaces a profile; two in one folder would leave it to the
            # order of their file names which one counts. One file reached twice (a data
            # folder given twice, `validate FILE FILE`, a link to it) is no second profile
            problems.append(doc.problem(("country", "id"), "R116",
                                        "country '{id}' has another profile in the same "
                                        "folder, {first}; keep one file per country",
                                        id=pid, first=first[2]))
        owners[pid] = (folder, path, doc.path)
        ws.problems.setdefault(doc.path, []).extend(problems)
        if profile is not None and not errors_only(problems):
            ws.profiles[profile.country.id] = profile
        else:
            _broken(ws, doc.path, str(doc.data["country"]["id"]), path.stem.lower())
    return ws


def _data_folder(path: Path) -> Path:
    """The folder a profile file was found in: its nearest `profiles` folder, else its own;
    absolute, so that two spellings of one folder are one (links are not followed)."""
    path = Path(os.path.normpath(path.absolute()))
    return next((p for p in path.parents if p.name == "profiles"), path.parent)


def _broken(ws: Workspace, path: str, *ids: str) -> None:
    """A profile file with errors: it still replaces an earlier profile with its id (a file
    named after it), so that a broken replacement is reported, not silently stood in for by
    the profile it was meant to replace."""
    for pid in ids:
        ws.broken_profiles[pid] = path
        ws.profiles.pop(pid, None)


def _read(ws: Workspace, path: Path, kind: schema.SchemaName) -> Document | None:
    from npmcheck.load import schema
    from npmcheck.load.yamlio import load_file

    ws.files += 1
    doc, problems = load_file(path)
    if doc is not None:
        problems = schema.validate(kind, doc)
    ws.problems[display_path(path)] = problems
    return doc if doc is not None and not errors_only(problems) else None


def load_profile_file(ws: Workspace, path: Path) -> Profile:
    """An explicit --profile FILE, checked like any other."""
    from npmcheck.load import build, checks, schema
    from npmcheck.load.yamlio import load_file

    if path.exists() and not path.is_file():
        raise usage_error("E205", "profile file '{path}' is not a regular file", str(path),
                          path=str(path))
    if not path.exists():
        raise usage_error("E205", "profile file '{path}' does not exist", str(path),
                          path=str(path))
    doc, problems = load_file(path)
    if doc is not None:
        problems = schema.validate("profile", doc)
    if doc is None or errors_only(problems):
        raise NpmcheckError(errors_only(problems))
    catalogue = ws.catalogues.get(doc.data.get("catalogue", DEFAULT_CATALOGUE))
    problems = checks.check_profile(doc, catalogue, today())
    if errors_only(problems):
        raise NpmcheckError(errors_only(problems))
    profile = build.profile(doc)
    assert catalogue is not None
    problems = checks.check_derived(doc, profile, catalogue)
    if errors_only(problems):
        raise NpmcheckError(errors_only(problems))
    return profile


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().strip()
    return "-".join(text.replace("_", " ").split())


def resolve(ws: Workspace, query: str) -> Profile:
    """A profile by id, ISO code, or English or Russian name (any case); never a file path."""
    wanted = _key(query)
    if wanted in ws.profiles:  # an id wins over another profile's code or name
        return ws.profiles[wanted]
    if wanted in ws.broken_profiles:
        path = ws.broken_profiles[wanted]
        raise NpmcheckError(errors_only(ws.problems.get(path, [])) or [
            Problem(path, 0, 0, "E201", "profile '{query}' could not be loaded",
                    params={"query": query})])
    names: dict[str, set[str]] = {}
    for pid, profile in ws.profiles.items():
        c = profile.country
        for name in (c.id, c.code, c.name.en, c.name.ru or ""):
            if name:
                names.setdefault(_key(name), set()).add(pid)
    if len(names.get(wanted, ())) > 1:
        raise usage_error("E201", "'{query}' could be any of {ids}; name one by its id",
                          query=query, ids=", ".join(sorted(names[wanted])))
    if wanted in names:
        return ws.profiles[names[wanted].pop()]
    import difflib  # only for a name that is not found: 3 ms of start-up otherwise

    close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.6)
    known = ", ".join(sorted(ws.profiles))
    hint = did_you_mean(min(names[close[0]])) if close else \
        msg("; known: {ids}", ids=known) if known else msg("; no profiles are loaded")
    raise usage_error("E201", "no profile '{query}'{hint}", query=query, hint=hint)
