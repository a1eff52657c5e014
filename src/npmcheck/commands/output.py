"""Writing results: to standard output, or atomically to a file (temporary file, then rename)
or to a folder (temporary folder, then rename)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from npmcheck.diagnostics import usage_error


def parent_of(path: Path) -> Path:
    """The folder `path` is to be written in, which must exist."""
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise usage_error("E206", "folder '{folder}' does not exist", str(path),
                          folder=str(folder))
    return folder


def write_atomic(path: Path, data: bytes | str, *, force: bool = False) -> None:
    """Write `data` to `path` so that a reader sees the old file or the new one, never half."""
    if path.exists() and not force:
        raise usage_error("E203", "'{path}' exists; add --force to replace it", str(path),
                          path=str(path))
    if path.is_dir():
        raise usage_error("E206", "'{path}' is a folder; give a file name", str(path),
                          path=str(path))
    if path.exists() and not path.is_file():  # renaming over /dev/null would replace the device
        raise usage_error("E206", "'{path}' is not a regular file; give a file name, or '-' for "
                                  "the terminal", str(path), path=str(path))
    folder = parent_of(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    import tempfile  # here, not at the top: most commands print rather than write a file

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise usage_error("E206", "cannot write in '{folder}': {reason}", str(path),
                          folder=str(folder), reason=e.strerror) from e
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).chmod(0o644)
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


def emit(data: bytes | str, output: Path | None, *, force: bool = False) -> None:
    """Print to standard output, or write to `output` when given."""
    if output is not None and str(output) != "-":
        write_atomic(output, data, force=force)
        return
    if isinstance(data, bytes):
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data if data.endswith("\n") or not data else data + "\n")
    sys.stdout.flush()


def write_tree(folder: Path, files: Mapping[str, str | bytes], manifest: str,
               about: Mapping[str, str]) -> None:
    """Write `files` (relative POSIX paths -> content) as the folder `folder`, whole or not at
    all: they go into a temporary folder beside it, which then takes its place, so a reader
    sees the old folder or the new one, never half of one.

    The new folder also holds `manifest`, a JSON file with `about` and the list of its files.
    `folder` may be missing, empty, or an earlier folder written here (it has the manifest)
    that holds nothing else; any other folder is refused, so that nobody's files are lost."""
    earlier = check_tree(folder, manifest)
    parent = parent_of(folder)
    import json  # here, not at the top: only a command that writes a folder needs these
    import shutil
    import tempfile

    try:
        work = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=parent))
    except OSError as e:
        raise usage_error("E206", "cannot write in '{folder}': {reason}", str(folder),
                          folder=str(parent), reason=e.strerror) from e
    try:
        work.chmod(0o755)
        listing = json.dumps({**about, "files": sorted(files)}, ensure_ascii=False, indent=1)
        for name, data in [*files.items(), (manifest, listing + "\n")]:
            target = work.joinpath(*_parts(name))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        # every file on the disk before the rename makes them visible: one sync for the tree
        # costs about what one fsync does, a fsync per file about 3 ms each (and far more on
        # a USB stick)
        os.sync()
        if not earlier:  # missing or empty: a rename takes its place
            work.replace(folder)
            return
        old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".old", dir=parent))
        folder.replace(old / folder.name)
        try:
            work.replace(folder)
        except BaseException:
            (old / folder.name).replace(folder)
            raise
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def check_tree(folder: Path, manifest: str) -> bool:
    """Whether `folder` can take a new tree (see write_tree), before the work of making it:
    True for an earlier one to replace, False for a missing or empty folder; else an error."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise usage_error("E206", "'{path}' is not a folder; give a new or empty folder, or an "
                                  "earlier site to replace", str(folder), path=str(folder))
    parent_of(folder)
    return folder.is_dir() and _refuse_foreign(folder, manifest)


def _parts(name: str) -> list[str]:
    """The parts of a relative POSIX path that stays inside its folder."""
    parts = name.split("/")
    if not name or name.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"not a relative path inside the folder: {name!r}")
    return parts


def _refuse_foreign(folder: Path, manifest: str) -> bool:
    """Whether `folder` holds an earlier output (True) or nothing (False); an error when it
    holds anything else."""
    import json

    present = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                     if not p.is_dir() or p.is_symlink())
    if not present:
        return False
    listed: set[str] = set()
    with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
        listed = set(json.loads((folder / manifest).read_text("utf-8"))["files"])
    if not listed:
        raise usage_error("E203", "'{path}' is a folder with files in it and no earlier site "
                                  "(no {manifest}); give a new or empty folder", str(folder),
                          path=str(folder), manifest=manifest)
    foreign = [name for name in present if name != manifest and name not in listed]
    if foreign:
        raise usage_error("E203", "'{path}' holds an earlier site and also '{file}', which "
                                  "npmcheck did not write; move it out or give another folder",
                          str(folder), path=str(folder), file=foreign[0])
    return True
