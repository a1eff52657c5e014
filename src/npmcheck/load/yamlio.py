"""Safe YAML reading that keeps the line and column of every value.

A text is parsed by yamlparse.py (libyaml's events, built with an explicit stack: no tag is
ever constructed into an object, deep nesting cannot exhaust Python's recursion limit,
duplicate keys are caught with their line, and alias expansion is bounded). The bundled files
ship with their parse (`schemas/bundled-parsed.pickle`, written by scripts/stamp_bundled.py),
keyed on a hash of each text and of the reader's own code: a text found there is not parsed
again, so a cold run on the bundled data imports no YAML parser at all; any other text, an
edited bundled file included, is parsed in full.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from npmcheck.diagnostics import Problem
from npmcheck.load.cache import Key
from npmcheck.load.paths import display_path as display_path  # its home before paths.py

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_VALUES = 200_000  # after alias expansion; the largest bundled file has a few thousand
MAX_NUMBER_CHARS = 100  # a whole number longer than this is a mistake, not data

JsonPath = tuple[str | int, ...]
Position = tuple[int, int]

@dataclass(frozen=True)
class Document:
    """A parsed YAML file: plain JSON-like data and where each value stands."""

    path: str
    data: dict[str, Any]
    positions: dict[JsonPath, Position] = field(repr=False)
    key_positions: dict[JsonPath, Position] = field(repr=False)
    # plain scalars that YAML 1.1 reads as something else than they look (`051` is the octal
    # number 41, `1:30` is 90, `no` is false): what the user wrote, for the messages to quote
    written: dict[JsonPath, str] = field(default_factory=dict, repr=False)
    # a hash of the text the document was read from ("" when built otherwise): the shipped
    # schema verdicts of the bundled files are keyed on it (schema.py)
    digest: str = field(default="", repr=False, compare=False)

    def locate(self, path: JsonPath, *, key: bool = False) -> Position:
        """Position of the value at `path` (or of its key), else of its nearest located parent."""
        if key and path in self.key_positions:
            return self.key_positions[path]
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def problem(self, path: JsonPath, code: str, message: str, /, *, key: bool = False,
                warning: bool = False, **params: Any) -> Problem:
        """A problem at the value of `path` (or its key); `message` is a template for `params`."""
        line, column = self.locate(path, key=key)
        return Problem(self.path, line, column, code, message,
                       "warning" if warning else "error", format_path(path), params)


def format_path(path: JsonPath) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif "." in part or not part:
            out += f'["{part}"]'
        else:
            out += f".{part}" if out else part
    return out


def load_file(path: Path) -> tuple[Document | None, list[Problem]]:
    """Read and parse one YAML file; problems are returned, never raised."""
    shown = display_path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would never end (or start)
            return None, [Problem(shown, 0, 0, "Y001", "cannot read file: not a regular file")]
        if info.st_size > MAX_BYTES:
            return None, [_too_large(shown, info.st_size)]
        raw = path.read_bytes()
    except OSError as e:
        return None, [Problem(shown, 0, 0, "Y001", "cannot read file: {reason}",
                              params={"reason": e.strerror or str(e)})]
    return load_bytes(raw, shown)


def load_bytes(raw: bytes, shown: str) -> tuple[Document | None, list[Problem]]:
    if len(raw) > MAX_BYTES:
        return None, [_too_large(shown, len(raw))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        column = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        return None, [
            Problem(shown, line, column, "Y003",
                    "byte 0x{byte:02x} is not valid UTF-8; save the file as UTF-8",
                    params={"byte": raw[e.start]})
        ]
    # without a byte order mark, the bytes are the text's UTF-8 already: hashed as they are
    return _load_text(text, shown, None if raw.startswith(b"\xef\xbb\xbf") else raw)


def _too_large(shown: str, size: int) -> Problem:
    return Problem(shown, 1, 1, "Y002", "file is {size:,} bytes; the limit is {limit:,}",
                   params={"size": size, "limit": MAX_BYTES})


def load_text(text: str, shown: str) -> tuple[Document | None, list[Problem]]:
    return _load_text(text, shown, None)


def _load_text(text: str, shown: str, encoded: bytes | None
               ) -> tuple[Document | None, list[Problem]]:
    """load_text, given the text's UTF-8 bytes when the caller has them (`encoded`)."""
    tabs = _tab_problems(text, shown)
    if tabs:
        return None, tabs
    key = Key("text")
    key.add(text if encoded is None else encoded)  # the same hash either way
    digest = key.hexdigest()
    parsed = _shipped_parse(digest)
    if parsed is not None:
        data, positions, key_positions, written = parsed
        return Document(shown, data, positions, key_positions, written, digest), []
    from npmcheck.load.yamlparse import parse

    return parse(text, shown, digest)


SHIPPED = Path(__file__).parent / "schemas" / "bundled-parsed.pickle"
_READER = ("yamlio.py", "yamlparse.py")  # the code a parse depends on, besides PyYAML
Parsed = tuple[dict[str, Any], dict[JsonPath, Position], dict[JsonPath, Position],
               dict[JsonPath, str]]


def reader_stamp() -> str:
    """A hash of the reader's own source: a shipped parse made by other code is not used."""
    key = Key("reader")
    for name in _READER:
        key.add((Path(__file__).parent / name).read_bytes())
    return key.hexdigest()


@cache
def _shipped() -> dict[str, bytes]:
    """The shipped parses by text digest, each still pickled (unpickled only when its text is
    read); nothing when the file is missing, unreadable or made by other reader code, which
    only costs speed."""
    try:
        stamp, parses = _plain_loads(SHIPPED.read_bytes())
        if stamp != reader_stamp() or not isinstance(parses, dict):
            return {}
    except Exception:
        return {}
    return parses


def _shipped_parse(digest: str) -> Parsed | None:
    packed = _shipped().get(digest)
    if packed is None:
        return None
    try:
        parsed: Parsed = _plain_loads(packed)
    except Exception:
        return None
    return parsed


def _plain_loads(data: bytes) -> Any:
    """Unpickle plain data only (dicts, lists, tuples, text, numbers): the shipped parses
    never name a class, so none is ever looked up."""
    import io

    try:
        from _pickle import Unpickler
    except ImportError:  # pragma: no cover - other Python implementations
        from pickle import Unpickler

    class Plain(Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            raise ValueError(f"{module}.{name} in shipped plain data")

    return Plain(io.BytesIO(data)).load()


def shipped_table(parses: dict[str, Parsed]) -> bytes:
    """The content of SHIPPED for these parses (by text digest): scripts/stamp_bundled.py."""
    import pickle

    packed = {digest: pickle.dumps(_shared(parsed), protocol=pickle.HIGHEST_PROTOCOL)
              for digest, parsed in sorted(parses.items())}
    return pickle.dumps((reader_stamp(), packed), protocol=pickle.HIGHEST_PROTOCOL)


def _shared(parsed: Parsed) -> Parsed:
    """The same parse with each text and path made once: pickle writes a repeated object as a
    reference, which makes the shipped parse a third faster to read (the parser gives every
    key, and every path of the position tables, as an object of its own)."""
    seen: dict[Any, Any] = {}

    def path(p: JsonPath) -> JsonPath:
        shared: JsonPath = seen.setdefault(p, tuple(seen.setdefault(part, part) for part in p))
        return shared

    def value(v: Any) -> Any:
        if isinstance(v, dict):
            return {seen.setdefault(k, k): value(child) for k, child in v.items()}
        if isinstance(v, list):
            return [value(child) for child in v]
        return seen.setdefault(v, v) if isinstance(v, str) else v

    data, positions, key_positions, written = parsed
    return (value(data), {path(p): at for p, at in positions.items()},
            {path(p): at for p, at in key_positions.items()},
            {path(p): text for p, text in written.items()})


def _tab_problems(text: str, shown: str) -> list[Problem]:
    problems: list[Problem] = []
    if "\t" not in text:
        return problems
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(
                    shown,
                    number,
                    indent.index("\t") + 1,
                    "Y005",
                    "tab character in indentation; indent with spaces",
                )
            )
    return problems[:20]
