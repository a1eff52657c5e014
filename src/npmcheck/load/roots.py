"""Where the data lives, and the ids shell completion offers from it, without reading YAML.

Kept apart from `workspace` (which imports the domain model) so that completion on Tab, which
runs a fresh process on every key press, imports nothing but this module (see entry.py).
"""

from __future__ import annotations

import os
import re
from pathlib import Path


def bundled_root() -> Path:
    """The installed data (inside the wheel), else the repository root of a checkout."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "data"  # as importlib.resources.files would give
    if (installed / "criteria").is_dir():
        return installed
    return package.parents[1]


def roots(extra: list[Path] | None = None) -> list[Path]:
    """Bundled data (unless NPMCHECK_BUNDLED=0), then NPMCHECK_PATH, then --data folders,
    unchecked (workspace.data_roots checks that each is a folder)."""
    found = [] if os.environ.get("NPMCHECK_BUNDLED", "1") == "0" else [bundled_root()]
    for entry in os.environ.get("NPMCHECK_PATH", "").split(os.pathsep):
        if entry.strip():
            found.append(Path(entry.strip()))
    found.extend(extra or [])
    return found


def country_ids(incomplete: str) -> list[str]:
    """The profile file names of every data folder that begin with `incomplete`."""
    names = {p.stem for r in roots() for p in (r / "profiles").glob("*.y*ml")}
    return sorted(n for n in names if n.startswith(incomplete.lower()))


_ID_LINE = re.compile(r"^\s*-\s+id:\s*([a-z][a-z0-9-]*\.[a-z0-9-]+)\s*$", re.MULTILINE)


def criterion_ids(incomplete: str) -> list[str]:
    """The criterion ids (the `- id: area.name` lines of the criteria files) that begin with
    `incomplete`."""
    ids: set[str] = set()
    for root in roots():
        for path in (root / "criteria").rglob("*.y*ml"):
            ids.update(_ID_LINE.findall(path.read_text("utf-8", errors="replace")))
    return sorted(i for i in ids if i.startswith(incomplete.lower()))
