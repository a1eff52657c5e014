"""Writing results: to standard output, or atomically to a file (temporary file, then rename)."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from npmcheck.diagnostics import usage_error


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
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise usage_error("E206", "folder '{folder}' does not exist", str(path),
                          folder=str(folder))
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
