"""The on-disk cache that keeps everyday commands fast.

Two kinds of entries live under `$NPMCHECK_CACHE` (else `$XDG_CACHE_HOME/npmcheck`, else
`~/.cache/npmcheck`); NPMCHECK_NO_CACHE=1 turns both off:

- `valid/<hash>`: an empty marker for a document whose exact content passed its JSON Schema
  (see schema.py);
- `workspace/<hash>.pickle`: everything `workspace.load_files` produced (catalogues, profiles,
  problems) for one exact set of inputs: the content and name of every file read, the working
  folder (messages name files relative to it), today's date (dates in the future are errors)
  and the npmcheck code itself. Any change to any of them gives another key, so a stale entry is
  never used; the newest few entries are kept;
- `digests/files.pickle`: the content hash of each settled data file by its stat (see
  workspace._Digests), so that the key of a hit is made without reading every file again.

The cache holds only what npmcheck computed from the user's own files, in the user's own
folder; it is read with pickle, so it must not be shared with people you would not let run
code on your machine (the same trust as for Python's own `__pycache__`).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

try:  # the module behind hashlib.blake2b: importing hashlib itself costs several milliseconds
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b

_OFF = {"", "0", "off", "no", "false"}
KEEP = 8  # workspace entries kept: one per data set in everyday use is plenty
_PACKAGE = Path(__file__).resolve().parents[1]  # the whole npmcheck package


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off (NPMCHECK_NO_CACHE=1, or NPMCHECK_CACHE set
    to 0/off/no/false, which people write meaning "no cache", not a folder named "0")."""
    if os.environ.get("NPMCHECK_NO_CACHE", "").strip().lower() not in _OFF:
        return None
    chosen = os.environ.get("NPMCHECK_CACHE", "").strip()
    if chosen.lower() in _OFF - {""}:
        return None
    if chosen:
        return Path(chosen).expanduser().absolute()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "npmcheck"


def code_stamp() -> str:
    """Name, size and modification time of every file of the installed package (not its data):
    editing npmcheck, or installing another version, makes every earlier entry unreachable."""
    parts: list[str] = []
    _stamp_folder(str(_PACKAGE), parts)
    return "\n".join(parts)


_CODE = (".py", ".json", ".po", ".j2", ".html", ".css")


def _stamp_folder(folder: str, parts: list[str]) -> None:
    """The files of `folder` in name order, then its subfolders (as os.walk goes, at a third
    of its cost: one scandir a folder, no Path objects)."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:  # an unreadable folder is left out, as os.walk leaves it
        return
    folders = []
    for entry in entries:
        if entry.is_dir():
            if entry.name not in ("__pycache__", "data"):
                folders.append(entry.path)
        elif entry.name.endswith(_CODE):
            st = entry.stat()
            parts.append(f"{folder}/{entry.name}:{st.st_size}:{st.st_mtime_ns}")
    for sub in folders:
        _stamp_folder(sub, parts)


class Key:
    """Builds a cache key from the pieces that decide a result."""

    def __init__(self, kind: str) -> None:
        self._digest = blake2b(digest_size=20)
        self.add(kind)

    def add(self, part: str | bytes) -> None:
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        self._digest.update(len(data).to_bytes(8, "little"))
        self._digest.update(data)

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


def load(kind: str, key: str) -> Any | None:
    """The entry stored under `key`, or None (missing, unreadable or from another format)."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / kind / f"{key}.pickle"
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    try:
        from _pickle import loads
    except ImportError:  # pragma: no cover - other Python implementations
        from pickle import loads
    try:
        value = loads(raw)
    except Exception:  # a damaged entry is only a miss
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used entries survive pruning
    return value


def store(kind: str, key: str, value: Any) -> None:
    """Keep `value` under `key` (atomically); a read-only or full disk only costs speed."""
    folder = cache_dir()
    if folder is None:
        return
    import pickle
    import tempfile

    target = folder / kind
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        target.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=target)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            Path(tmp).replace(target / f"{key}.pickle")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(target)
    except (OSError, pickle.PicklingError, RecursionError):
        return


def _prune(folder: Path) -> None:
    entries = []
    for entry in os.scandir(folder):
        if entry.name.endswith(".pickle"):
            try:
                entries.append((entry.stat().st_mtime_ns, entry.path))
            except OSError:
                continue
    for _, path in sorted(entries, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):
            Path(path).unlink()
