"""Reading a YAML text with libyaml (PyYAML's CSafeLoader where it has one) into a Document
that keeps the line and column of every value.

The document is built straight from the parser's event stream with an explicit stack, so that
no tag is ever constructed into an object, deep nesting cannot exhaust Python's recursion
limit, duplicate keys are caught with their line, and alias expansion is bounded. Imported
only when a text is parsed: the bundled files are read from their shipped parse (yamlio.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from npmcheck.diagnostics import Problem
from npmcheck.i18n import N_, Msg, msg
from npmcheck.load.yamlio import (
    MAX_DEPTH,
    MAX_NUMBER_CHARS,
    MAX_VALUES,
    Document,
    JsonPath,
    Position,
    format_path,
)

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()

_YAML = "tag:yaml.org,2002:"
_STR = f"{_YAML}str"
_SCALAR_TAGS = {f"{_YAML}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_MAP_TAGS = {None, "!", f"{_YAML}map"}
_SEQ_TAGS = {None, "!", f"{_YAML}seq"}


class _Stop(Exception):
    """Raised inside the builder when the file cannot be read further."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


@dataclass
class _Frame:
    value: dict[str, Any] | list[Any]
    path: JsonPath
    anchor: str | None
    size: int = 1
    key: str | None = None
    key_pos: Position | None = None


def parse(text: str, shown: str, digest: str) -> tuple[Document | None, list[Problem]]:
    """The document of a YAML text (without tabs in its indentation: load_text checks that
    first), or the problems that stop it being read; `digest` is the hash of the text."""
    builder = _Builder(shown)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except _Stop as stop:
        return None, [stop.problem, *builder.problems]
    except yaml.reader.ReaderError as e:
        return None, [_reader_problem(text, shown, e)]
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = " ".join((e.problem or e.context or "invalid YAML").split())
        return None, [_invalid(shown, line, column, reason)]
    except (yaml.YAMLError, ValueError, OverflowError) as e:
        return None, [_invalid(shown, 1, 1, " ".join(str(e).split()))]
    if builder.problems:
        return None, builder.problems
    if builder.root is None:
        return None, [Problem(shown, 1, 1, "Y008", "file is empty; expected a mapping of fields")]
    if not isinstance(builder.root, dict):
        line, column = builder.positions.get((), (1, 1))
        if isinstance(builder.root, list):
            return None, [Problem(shown, line, column, "Y009",
                                  "the top level is a list; expected a mapping of fields")]
        return None, [Problem(shown, line, column, "Y009",
                              "the top level is a single value; expected a mapping of fields")]
    return Document(shown, builder.root, builder.positions, builder.key_positions,
                    builder.written, digest), []



# The parser's most frequent reasons (libyaml's words) are translated like npmcheck's own texts;
# any other reason is shown as the parser gives it.
_REASONS = frozenset((
    N_("mapping values are not allowed in this context"),
    N_("did not find expected key"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("found character that cannot start any token"),
    N_("found unexpected end of stream"),
    N_("found unknown escape character"),
    N_("did not find expected '-' indicator"),
    N_("did not find expected alphabetic or numeric character"),
    N_("found unknown directive name"),
    N_("found undefined tag handle"),
    N_("did not find expected node content"),
    N_("could not find expected ':'"),
    N_("did not find expected <document start>"),
    N_("control characters are not allowed"),
    N_("special characters are not allowed"),
))


def _reason(reason: str) -> Msg | str:
    return Msg(reason) if reason in _REASONS else reason


def _invalid(shown: str, line: int, column: int, reason: str) -> Problem:
    return Problem(shown, line, column, "Y004", "invalid YAML: {reason}",
                   params={"reason": _reason(reason)})


# What YAML refuses in a document, and what it counts as a line break (YAML 1.1, as PyYAML).
_NON_PRINTABLE = re.compile(
    "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]"
)
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _reader_problem(text: str, shown: str, error: yaml.reader.ReaderError) -> Problem:
    """A character YAML does not allow, at its line and column (the parser's own position is a
    character index in the Python reader but a byte offset in libyaml, so find it again)."""
    found = _NON_PRINTABLE.search(text)
    index = found.start() if found else min(max(int(error.position), 0), len(text))
    lines = _LINE_BREAK.split(text[:index])
    code = ord(text[index]) if index < len(text) else error.character
    what = f"#x{code:04x}" if isinstance(code, int) else repr(code)
    reason = " ".join(str(error.reason).split())
    return Problem(shown, len(lines), len(lines[-1]) + 1, "Y004",
                   "invalid YAML: unacceptable character {char}: {reason}",
                   params={"char": what, "reason": _reason(reason)})


class _Builder:
    """Turns parser events into plain data, recording positions on the way."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0
        self.values = 0
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.positions: dict[JsonPath, Position] = {}
        self.key_positions: dict[JsonPath, Position] = {}
        self.written: dict[JsonPath, str] = {}
        self.problems: list[Problem] = []

    def _stop(self, mark: Any, code: str, message: str, /, **params: Any) -> _Stop:
        return _Stop(Problem(self.shown, mark.line + 1, mark.column + 1, code, message,
                             params=params))

    def _tag(self, mark: Any, tag: str | None) -> _Stop:
        if tag == f"{_YAML}merge":  # `<<: *base`: the user wrote a key, not a tag
            return self._stop(mark, "Y014", "merge keys ('<<') are not supported; write the "
                              "values out in full")
        return self._stop(mark, "Y007", "tag '{tag}' is not allowed; npmcheck reads plain data "
                          "only and never runs code", tag=(tag or "").replace(_YAML, "!!"))

    def _child_path(self, mark: Any, container: bool) -> JsonPath:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.value, list):
            return (*top.path, len(top.value))
        if top.key is None:
            if container:
                raise self._stop(mark, "Y013", "a key must be plain text, not a list or mapping")
            return top.path
        return (*top.path, top.key)

    def _count(self, mark: Any, size: int) -> None:
        self.values += size
        if self.values > MAX_VALUES:
            raise self._stop(
                mark, "Y011",
                "the document expands to more than {limit:,} values (aliases or sheer size)",
                limit=MAX_VALUES)

    def feed(self, event: Any) -> None:
        if type(event) is yaml.ScalarEvent:  # nine events in ten: checked first
            self._scalar(event)
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self._stop(
                    event.start_mark, "Y012", "a second YAML document ('---'); use one per file"
                )
        elif isinstance(event, yaml.ScalarEvent):
            self._scalar(event)
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                raise self._stop(event.start_mark, "Y004", "alias '*{anchor}' is undefined",
                                 anchor=event.anchor)
            value, size = self.anchors[event.anchor]
            self._count(event.start_mark, size)
            top = self.stack[-1] if self.stack else None
            if top is not None and isinstance(top.value, dict) and top.key is None:
                if not _is_scalar(value):
                    raise self._stop(
                        event.start_mark, "Y013", "a key must be plain text, not a list or mapping"
                    )
                self._key(top, yaml.ScalarEvent(None, None, (True, False), str(value),
                                                event.start_mark, event.end_mark))
                return
            path = self._child_path(event.start_mark, container=not _is_scalar(value))
            self._add(value, path, event.start_mark, size)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._start(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            if frame.anchor:
                self.anchors[frame.anchor] = (frame.value, frame.size)
            self._add(frame.value, frame.path, None, frame.size)

    def _start(self, event: Any) -> None:
        is_map = isinstance(event, yaml.MappingStartEvent)
        if event.tag not in (_MAP_TAGS if is_map else _SEQ_TAGS):
            raise self._tag(event.start_mark, event.tag)
        if len(self.stack) >= MAX_DEPTH:
            raise self._stop(event.start_mark, "Y010",
                             "nesting deeper than {limit} levels is not accepted", limit=MAX_DEPTH)
        self._count(event.start_mark, 1)
        path = self._child_path(event.start_mark, container=True)
        self.positions[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        value: dict[str, Any] | list[Any] = {} if is_map else []
        self.stack.append(_Frame(value, path, event.anchor))

    def _scalar(self, event: Any) -> None:
        tag = event.tag
        if tag in (None, "!"):
            tag = _resolve(event.value, event.implicit)
        if tag not in _SCALAR_TAGS:
            raise self._tag(event.start_mark, tag)
        self._count(event.start_mark, 1)
        top = self.stack[-1] if self.stack else None
        if isinstance(top, _Frame) and isinstance(top.value, dict) and top.key is None:
            self._key(top, event)
            return
        try:
            value = _convert(tag, event.value)
        except (ValueError, OverflowError) as e:
            reason = e.args[0] if e.args and isinstance(e.args[0], Msg) else str(e)
            raise self._stop(event.start_mark, "Y004", "cannot read the value: {reason}",
                             reason=reason) from e
        path = self._child_path(event.start_mark, container=False)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        if not event.style and _reread(value, event.value):  # plain, not quoted
            self.written[path] = event.value
        self._add(value, path, event.start_mark, 1)

    def _key(self, frame: _Frame, event: Any) -> None:
        key = str(event.value)
        position = (event.start_mark.line + 1, event.start_mark.column + 1)
        assert isinstance(frame.value, dict)
        if key in frame.value:
            first = self.key_positions.get((*frame.path, key), (0, 0))[0]
            self.problems.append(
                Problem(self.shown, position[0], position[1], "Y006",
                        "duplicate key '{key}' (first defined on line {first})",
                        json_path=format_path((*frame.path, key)),
                        params={"key": key, "first": first})
            )
            key = f"\0duplicate:{len(self.problems)}"  # keep the first value; parse on
        frame.key, frame.key_pos = key, position

    def _add(self, value: Any, path: JsonPath, mark: Any, size: int) -> None:
        if mark is not None:
            self.positions[path] = (mark.line + 1, mark.column + 1)
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.value, list):
            top.value.append(value)
            return
        assert top.key is not None
        if not top.key.startswith("\0"):
            top.value[top.key] = value
            if top.key_pos:
                self.key_positions[path] = top.key_pos
        top.key = None


def _reread(value: Any, text: str) -> bool:
    """Whether YAML 1.1 turned `text` into a value that does not read back as the same text."""
    if isinstance(value, bool):
        return text.lower() not in ("true", "false")
    if isinstance(value, int):
        return text.lstrip("+") != str(value)
    return False


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list))




def _resolve(text: str, implicit: tuple[bool, bool]) -> str:
    """The tag YAML 1.1 gives a scalar without one (the Resolver's answer depends on nothing
    else, so keys and short values, which repeat, are looked up once)."""
    if len(text) > 40:
        found: str = _resolver.resolve(  # type: ignore[no-untyped-call]
            yaml.ScalarNode, text, implicit)
        return found
    key = (text, implicit)
    tag = _RESOLVED.get(key)
    if tag is None:
        if len(_RESOLVED) > 20_000:  # a bound for hostile files and long runs
            _RESOLVED.clear()
        tag = _RESOLVED[key] = _resolver.resolve(  # type: ignore[no-untyped-call]
            yaml.ScalarNode, text, implicit)
    return tag


_RESOLVED: dict[tuple[str, tuple[bool, bool]], str] = {}


def _convert(tag: str, text: str) -> Any:
    """Turn a resolved scalar into a JSON value; dates stay text (they may be partial)."""
    if tag == _STR:
        return text
    node = yaml.ScalarNode(tag, text)
    if tag == f"{_YAML}null":
        return None
    if tag == f"{_YAML}bool":
        return _constructor.construct_yaml_bool(node)
    if tag == f"{_YAML}int":
        if len(text) > MAX_NUMBER_CHARS:  # 0x + 5000 digits would pass int() but break str()
            raise ValueError(msg("a number of {count:,} characters is too long; the limit is "
                                 "{limit}", count=len(text), limit=MAX_NUMBER_CHARS))
        return _constructor.construct_yaml_int(node)
    if tag == f"{_YAML}float":
        return _constructor.construct_yaml_float(node)
    return text
