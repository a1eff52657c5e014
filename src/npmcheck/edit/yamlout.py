"""YAML in the style of the bundled profiles: block mappings indented by two spaces, lists of ids
and short texts in flow style on one line (`sources: [a, b]`, `{en: ..., ru: ...}`), long texts
folded (`>-`) at 100 columns, dates unquoted, and quotes only where YAML needs them.

Every scalar is checked by reading it back with npmcheck's own reader, so what is written always
reads as the value it was written for."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

WIDTH = 100
_MISSING = object()


@lru_cache(maxsize=4096)
def _reads_back(text: str, wanted: str) -> bool:
    from npmcheck.load.yamlio import load_text

    doc, problems = load_text(text, "<check>")
    return doc is not None and not problems and doc.data.get("k", _MISSING) == json.loads(wanted)


def _plain_ok(value: str, flow: bool) -> bool:
    """Whether `value` may be written without quotes (in a flow collection when `flow`)."""
    if not value or value != value.strip() or "\n" in value or "\t" in value:
        return False
    if flow and any(c in value for c in ",[]{}"):
        return False
    wanted = json.dumps(value)
    if flow:
        return _reads_back(f"k: [{value}]\n", json.dumps([value]))
    return _reads_back(f"k: {value}\n", wanted)


def scalar(value: Any, *, flow: bool = False) -> str:
    """One scalar as YAML on one line."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    text = str(value)
    if _plain_ok(text, flow):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    # JSON leaves these as they are, but YAML reads NEL and the line separators as line breaks
    # and refuses other invisible characters in a file: write each as an escape
    return "".join(c if c.isprintable() or c in "\u00a0\u202f" else _escape(c)
                   for c in quoted)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _foldable(text: str) -> bool:
    """A text that a folded block (`>-`) gives back exactly: one paragraph, single spaces."""
    return (text == text.strip() and " " in text and "  " not in text
            and all(c.isprintable() or c in "\u00a0\u202f" for c in text))


def _fold(text: str, indent: int) -> list[str]:
    width = max(WIDTH - indent, 40)
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return [" " * indent + part for part in lines]


def _is_text(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and set(value) <= {"en", "ru"} and all(
        isinstance(v, str) for v in value.values())


def _inline(value: Any) -> str | None:
    """`value` on one line in flow style, if it has a short flow form (ids, short texts)."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        if all(_plain_ok(v, True) for v in value):
            return "[" + ", ".join(value) + "]"
        return None
    if _is_text(value) and all(_plain_ok(v, True) for v in value.values()):
        return "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    if isinstance(value, dict) and not value:
        return "{}"
    if isinstance(value, list) and not value:
        return "[]"
    return None


def entry(key: str, value: Any, indent: int) -> list[str]:
    """The lines of `key: value` in a block mapping at `indent` spaces."""
    pad = " " * indent
    head = f"{pad}{scalar(key)}:"
    if isinstance(value, dict | list):
        inline = _inline(value)
        ids = isinstance(value, list) and inline is not None  # id lists stay on one line
        if inline is not None and (ids or len(head) + 1 + len(inline) <= WIDTH):
            return [f"{head} {inline}"]
        if isinstance(value, dict):
            return [head, *mapping(value, indent + 2)]
        return [head, *sequence(value, indent + 2)]
    one = f"{head} {scalar(value)}"
    if isinstance(value, str) and len(one) > WIDTH and _foldable(value):
        return [f"{head} >-", *_fold(value, indent + 2)]
    return [one]


def mapping(data: dict[str, Any], indent: int = 0) -> list[str]:
    return [line for key, value in data.items() for line in entry(key, value, indent)]


def sequence(items: list[Any], indent: int) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    for item in items:
        if isinstance(item, dict) and item:
            lines = mapping(item, indent + 2)
            out.append(f"{pad}- {lines[0][indent + 2:]}")
            out.extend(lines[1:])
        elif isinstance(item, list) and item:
            lines = sequence(item, indent + 2)
            out.append(f"{pad}- {lines[0][indent + 2:]}")
            out.extend(lines[1:])
        else:
            inline = _inline(item) if isinstance(item, dict | list) else scalar(item)
            out.append(f"{pad}- {inline}")
    return out


# top-level sections written without a blank line between them, as the bundled profiles do
_HEADER = ("country", "as_of", "catalogue")


def document(data: dict[str, Any]) -> str:
    """A whole profile: one blank line before each section after the header."""
    out: list[str] = []
    for key, value in data.items():
        if out and key not in _HEADER:
            out.append("")
        out.extend(entry(key, value, 0))
    return "\n".join(out) + "\n"


def block(key: str, value: Any, indent: int) -> str:
    return "\n".join(entry(key, value, indent)) + "\n"


def item(value: Any, indent: int) -> str:
    return "\n".join(sequence([value], indent)) + "\n"
