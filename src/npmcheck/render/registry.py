"""Which module writes each command's output in each format: the one table from which the
CLI's --format choices, the report's file suffixes and the dispatch are all built.

A format module in this folder defines one function per command it serves, named after the
command and called as `function(view, options)`; it is imported only when that format is asked
for. To add a format: write the module, then add it to FORMATS (and SUFFIXES for a file type).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from npmcheck.records import Record


class Options(Record):
    """How to render, beyond the view itself."""

    lang: str
    by: str = "phase"  # roadmap: group the steps by phase or by actor
    criteria: bool = False  # compare: add the matrix of criteria by countries
    generated: dt.datetime | None = None  # calendar files: the time stamp of the file


Renderer = Callable[[Any, Options], "str | bytes"]

# command -> format -> module of npmcheck.render; the first format is the default
FORMATS: dict[str, dict[str, str]] = {
    "validate": {"text": "terminal", "json": "json", "github": "github"},
    "criteria": {"table": "terminal", "json": "json", "md": "markdown"},
    "countries": {"table": "terminal", "json": "json"},
    "assess": {"table": "terminal", "json": "json", "csv": "csv", "md": "markdown"},
    "compare": {"table": "terminal", "md": "markdown", "csv": "csv", "json": "json",
                "html": "html"},
    "roadmap": {"table": "terminal", "md": "markdown", "json": "json", "html": "html",
                "ics": "ics"},
    "report": {"html": "html", "md": "markdown", "docx": "docx", "pdf": "pdf"},
    # `report --handout`: the two-page handout
    "handout": {"html": "html", "docx": "docx", "pdf": "pdf"},
    "diff": {"table": "terminal", "md": "markdown", "json": "json"},
    "sheet": {"xlsx": "xlsx"},
    "recommendations": {"table": "terminal", "md": "markdown", "json": "json", "csv": "csv"},
    "site": {"html": "site"},  # a folder of files: see render_files
}

# the entries of FORMATS that are an option of another command rather than a command
OPTION_OF = {"handout": "report"}  # `report --handout`

# file name endings that name a format, for commands that write a file (`report -o x.docx`)
SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".docx": "docx",
            ".pdf": "pdf"}


def formats(command: str) -> tuple[str, ...]:
    return tuple(FORMATS[command])


def suffix_of(fmt: str) -> str:
    """The usual file name ending of a format (its first in SUFFIXES)."""
    return next(suffix for suffix, named in SUFFIXES.items() if named == fmt)


def format_of(command: str, path: Path) -> str | None:
    """The format a file name asks for, if the command can write it."""
    fmt = SUFFIXES.get(path.suffix.lower())
    return fmt if fmt in FORMATS[command] else None


def renderer(command: str, fmt: str) -> Renderer:
    module = importlib.import_module(f"npmcheck.render.{FORMATS[command][fmt]}")
    function: Renderer = getattr(module, command)
    return function


def render(command: str, fmt: str, view: Any, options: Options) -> str | bytes:
    return renderer(command, fmt)(view, options)


def render_files(command: str, fmt: str, view: Any, options: Options) -> dict[str, str]:
    """For a command whose output is a folder (`site`): relative POSIX path -> content."""
    function: Callable[[Any, Options], dict[str, str]] = getattr(
        importlib.import_module(f"npmcheck.render.{FORMATS[command][fmt]}"), command)
    return function(view, options)
