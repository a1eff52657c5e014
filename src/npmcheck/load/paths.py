"""File names as people see them (kept apart from the YAML reader so that cached runs skip it)."""

from __future__ import annotations

from pathlib import Path


def display_path(path: Path) -> str:
    """The path as a user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)
