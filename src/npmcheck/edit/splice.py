"""Put changed data back into the YAML text a person wrote, touching only what changed.

The text is cut into units: the top-level sections, and inside a block-style `findings` mapping
or `sources` list (or any such section), its entries. A unit whose data did not change is kept
byte for byte, comments and line breaks included; a changed or new unit is written afresh in the
house style (yamlout); a removed one goes. The result is read back and compared with the data it
must hold; if the splice cannot be trusted (an unusual layout), the whole file is written afresh.
"""

from __future__ import annotations

from typing import Any

from npmcheck.edit import yamlout
from npmcheck.load.yamlio import Document, JsonPath, load_text

# the sections written without a blank line before them (yamlout._HEADER)
_HEADER = ("country", "as_of", "catalogue")


class _Unsplicable(Exception):
    """The text is laid out in a way the splice does not handle; write the file afresh."""


def reads_as(text: str, data: dict[str, Any]) -> bool:
    doc, problems = load_text(text, "<new>")
    return doc is not None and not problems and doc.data == data


def update(text: str, new: dict[str, Any]) -> str:
    """`text` (a YAML mapping) changed so that it reads as `new`."""
    doc, problems = load_text(text, "<old>")
    if doc is not None and not problems and doc.data == new:
        return text
    try:
        if doc is None or problems:
            raise _Unsplicable
        out = _Splice(text, doc).top(new)
    except _Unsplicable:
        out = None
    if out is None or not reads_as(out, new):
        out = yamlout.document(new)
    if not reads_as(out, new):  # a bug in the writer: never write what would read otherwise
        raise AssertionError("the YAML written does not read back as the data")
    return out


def _filler(line: str) -> bool:
    """A blank or comment-only line: it belongs between units, not to the one before it."""
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


class _Splice:
    def __init__(self, text: str, doc: Document) -> None:
        self.lines = text.splitlines(keepends=True)
        if self.lines and not self.lines[-1].endswith("\n"):
            self.lines[-1] += "\n"
        self.doc = doc
        self._fresh = False  # whether the section written last is a new one

    def _units(self, starts: list[int], end: int) -> list[tuple[int, int, int]]:
        """(start, body end, gap end) of each unit starting at the 0-based lines `starts`."""
        units = []
        for i, start in enumerate(starts):
            stop = starts[i + 1] if i + 1 < len(starts) else end
            body = stop
            while body > start + 1 and _filler(self.lines[body - 1]):
                body -= 1
            units.append((start, body, stop))
        return units

    def top(self, new: dict[str, Any]) -> str:
        old = self.doc.data
        where = []
        for key in old:
            line, column = self.doc.key_positions.get((key,), (0, 0))
            if column != 1 or line < 1:
                raise _Unsplicable
            where.append((line - 1, key))
        where.sort()
        starts = [line for line, _ in where]
        units = dict(zip([k for _, k in where], self._units(starts, len(self.lines)),
                         strict=True))
        out: list[str] = self.lines[:starts[0]] if starts else []
        for key, value in new.items():
            if out and out[-1].strip() and key not in _HEADER and (key not in units or
                                                                    self._fresh):
                out.append("\n")  # a blank line between sections, as in the bundled profiles
            self._fresh = key not in units
            if key in units:
                start, body, stop = units[key]
                if old[key] == value:
                    out += self.lines[start:stop]
                else:
                    out += self._rewrite((key,), old[key], value, start, body, 0)
                    out += self.lines[body:stop]
            else:
                out.append(yamlout.block(key, value, 0))
        return "".join(out)

    def _rewrite(self, path: JsonPath, old: Any, new: Any, start: int, body: int,
                 indent: int) -> list[str]:
        """The lines of the unit at `path` (lines start:body), holding `new` instead of `old`."""
        key = str(path[-1])
        head = self.lines[start]
        after = head.split(":", 1)[1].strip() if ":" in head else ""
        block_style = not after or after.startswith("#")
        if block_style and isinstance(old, dict) and isinstance(new, dict) and old:
            return self._entries(path, old, new, start, body)
        if block_style and _by_id(old) is not None and _by_id(new) is not None and old:
            return self._items(path, old, new, start, body)
        return [yamlout.block(key, new, indent)]

    def _entries(self, path: JsonPath, old: dict[str, Any], new: dict[str, Any], start: int,
                 body: int) -> list[str]:
        spots = [self.doc.key_positions.get((*path, k), (0, 0)) for k in old]
        columns = {c for _, c in spots}
        lines = [line - 1 for line, _ in spots]
        if len(columns) != 1 or min(lines) <= start or max(lines) >= body or \
                len(set(lines)) != len(lines):
            raise _Unsplicable
        indent = columns.pop() - 1
        order = sorted(zip(lines, old, strict=True))
        units = dict(zip([k for _, k in order], self._units([ln for ln, _ in order], body),
                         strict=True))
        out = self.lines[start:order[0][0]]
        for key, value in new.items():
            if key in units:
                s, b, e = units[key]
                if old[key] == value:
                    out += self.lines[s:e]
                else:
                    out += self._rewrite((*path, key), old[key], value, s, b, indent)
                    out += self.lines[b:e]
            else:
                out.append(yamlout.block(key, value, indent))
        return out

    def _items(self, path: JsonPath, old: list[Any], new: list[Any], start: int,
               body: int) -> list[str]:
        lines = [self.doc.positions.get((*path, i), (0, 0))[0] - 1 for i in range(len(old))]
        if min(lines) <= start or max(lines) >= body or lines != sorted(set(lines)):
            raise _Unsplicable
        indents = set()
        for line in lines:
            text = self.lines[line]
            stripped = text.lstrip(" ")
            if not stripped.startswith("-"):
                raise _Unsplicable
            indents.add(len(text) - len(stripped))
        if len(indents) != 1:
            raise _Unsplicable
        indent = indents.pop()
        units = dict(zip([i["id"] for i in old], self._units(lines, body), strict=True))
        before = {i["id"]: i for i in old}
        out = self.lines[start:lines[0]]
        for item in new:
            if item["id"] in units and before[item["id"]] == item:
                s, _, e = units[item["id"]]
                out += self.lines[s:e]
            elif item["id"] in units:
                s, b, e = units[item["id"]]
                out.append(yamlout.item(item, indent))
                out += self.lines[b:e]
            else:
                out.append(yamlout.item(item, indent))
        return out


def _by_id(value: Any) -> dict[str, Any] | None:
    """A list of mappings with distinct string ids, by id; else None."""
    if not isinstance(value, list) or not all(isinstance(i, dict) and isinstance(i.get("id"), str)
                                              for i in value):
        return None
    ids = {i["id"]: i for i in value}
    return ids if len(ids) == len(value) else None
