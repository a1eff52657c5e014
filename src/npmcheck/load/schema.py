"""JSON Schema validation with located, plain-language messages.

jsonschema is imported only when a file has to be checked: a file whose exact content already
passed the same schema with the same npmcheck version is remembered in a small cache
(`$NPMCHECK_CACHE`, else `$XDG_CACHE_HOME/npmcheck`), so everyday commands stay fast. The
bundled data is known before it ships: `schemas/bundled-valid.txt` lists a stamp for each
bundled file that passed (written by scripts/stamp_bundled.py, checked by the tests), so even a
cold run (NPMCHECK_NO_CACHE=1) does not validate it again. A stamp covers the version, the
rules, the schema and the text the file was read from: a file anywhere with the very same text
is the same document, and any other file is validated in full.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Iterator
from functools import cache, reduce
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from npmcheck import __version__
from npmcheck.diagnostics import Problem, did_you_mean
from npmcheck.i18n import Msg, msg
from npmcheck.load.yamlio import Document, JsonPath

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

SchemaName = Literal["catalogue", "profile", "assessment"]


@cache
def schema_text(name: SchemaName) -> str:
    path = Path(__file__).parent / "schemas" / f"{name}.schema.json"
    if path.is_file():  # a plain folder, as installed: no need for importlib.resources
        return path.read_text("utf-8")
    from importlib import resources

    schemas = resources.files("npmcheck.load").joinpath("schemas")
    return schemas.joinpath(f"{name}.schema.json").read_text("utf-8")


def load_schema(name: SchemaName) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(schema_text(name))
    return result


@cache
def _validator(name: SchemaName) -> Validator:
    from jsonschema import Draft202012Validator, validators

    # JSON Schema patterns follow JavaScript, where a final '$' is the end of the text; in
    # Python's re it also matches before a final line break, which let "TM\n" pass '^[A-Z]{2}$'.
    strict: Any = validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator, {"pattern": _pattern})
    result: Validator = strict(inline_refs(load_schema(name)))
    return result


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not _compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with each local `{"$ref": "#/$defs/x"}` replaced by the definition itself.

    Validation and its errors stay the same (only `schema_path`, unused here, changes), but
    jsonschema no longer resolves a reference for every value it checks: about a third of its
    time on a profile. A reference that is not a plain local one, or that leads back to itself,
    is kept as it is; `$defs` stays in place for those."""
    defs = schema.get("$defs", {})

    def walk(node: Any, trail: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [walk(item, trail) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        name = ref[len("#/$defs/"):] if isinstance(ref, str) and ref.startswith("#/$defs/") \
            else None
        if name is not None and name in defs and "/" not in name and name not in trail \
                and isinstance(defs[name], dict):
            target = walk(defs[name], (*trail, name))
            extra = {k: walk(v, trail) for k, v in node.items() if k != "$ref"}
            if not set(extra) & set(target):
                return {**target, **extra}
        return {k: (v if k == "$defs" else walk(v, trail)) for k, v in node.items()}

    result: dict[str, Any] = walk(schema, ())
    return result


def _cache_dir() -> Path | None:
    from npmcheck.load.cache import cache_dir

    return cache_dir()


def check(name: SchemaName, doc: Document) -> list[Problem]:
    """The schema problems of `doc` found now, without any stamp or cache (sorted)."""
    problems = sorted(_problem(doc, error) for error in _validator(name).iter_errors(doc.data))
    problems += _hidden_characters(doc)
    return problems


def fingerprint(name: SchemaName, doc: Document) -> str:
    """What decides the schema's verdict on `doc`: npmcheck's version and rules, the schema,
    and the data (not where it stands, which only the messages use)."""
    from npmcheck.load.cache import Key  # BLAKE2: importing hashlib costs more than the hashing

    key = Key("schema")
    # _RULES: the checks made here beyond the schema file, so a file that passed before they
    # were added is checked again
    for part in (__version__, _RULES, schema_text(name), json.dumps(doc.data, sort_keys=True)):
        key.add(part)
    return key.hexdigest()


SHIPPED = Path(__file__).parent / "schemas" / "bundled-valid.txt"


def stamp(name: SchemaName, doc: Document) -> str | None:
    """What a shipped verdict on `doc` is keyed on: the version, the rules, the schema and the
    text read (None for a document not read from a text). Cheaper than `fingerprint`, which
    writes out the whole data."""
    if not doc.digest:
        return None
    from npmcheck.load.cache import Key

    key = Key("shipped")
    for part in (__version__, _RULES, schema_text(name), doc.digest):
        key.add(part)
    return key.hexdigest()


@cache
def shipped() -> frozenset[str]:
    """The stamps of the bundled files that passed their schema (the first word of each line
    of SHIPPED; nothing when the file is missing, which only costs speed)."""
    try:
        lines = SHIPPED.read_text("utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(line.split()[0] for line in lines if line.strip() and line[0] != "#")


def validate(name: SchemaName, doc: Document) -> list[Problem]:
    """Schema problems of one document, each located at its line and column."""
    if stamp(name, doc) in shipped():
        return []
    folder = _cache_dir()
    marker = folder / "valid" / fingerprint(name, doc) if folder else None
    if marker is not None and marker.exists():
        return []
    problems = check(name, doc)
    if not problems and marker is not None:
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:
            pass  # a read-only home only costs speed
    return _dedupe(problems)


# What YAML refuses in a file but lets in through an escape ("\e", "\0", "\x9b"), and the
# invisible direction controls: either would change what a terminal or a report shows (colours,
# a cleared screen, a line overwritten, text shown in another order) without being seen.
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff"
_DIRECTION = "\u202a-\u202e\u2066-\u2069"
_HIDDEN = re.compile(f"[{_CONTROLS}{_DIRECTION}]")
_RULES = "patterns end at the end; no hidden characters"


def _hidden_characters(doc: Document) -> list[Problem]:
    """A problem for each text (or key) holding a control character or a direction control."""
    problems = []
    stack: list[tuple[JsonPath, Any]] = [((), doc.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, child in value.items():
                stack.append(((*path, key), child))
                if _HIDDEN.search(key):
                    problems.append(doc.problem((*path, key), "S105", "the key {name} {why}",
                                                key=True, name=_show(key), why=_why(key)))
        elif isinstance(value, list):
            stack.extend(((*path, i), child) for i, child in enumerate(value))
        elif isinstance(value, str) and _HIDDEN.search(value):
            problems.append(doc.problem(path, "S105", "{name} {why}", name=_field(path),
                                        why=_why(value)))
    return problems


def _why(text: str) -> Msg:
    found = _HIDDEN.search(text)
    assert found is not None
    char = found.group()
    code = f"U+{ord(char):04X}"
    if re.match(f"[{_DIRECTION}]", char):
        return msg("contains the invisible direction control {code} ({name}), which can show "
                   "the text around it in another order; remove it",
                   code=code, name=unicodedata.name(char))
    return msg("contains the control character {code}, which can change what a terminal or a "
               "report shows; remove it", code=code)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[int, int, str, str]] = set()
    out = []
    for p in problems:
        key = (p.line, p.column, p.code, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _problem(doc: Document, error: ValidationError) -> Problem:
    from jsonschema.exceptions import best_match

    if error.validator == "oneOf" and isinstance(error.instance, dict) \
            and "document" in error.instance:
        return doc.problem(tuple(error.absolute_path), "S106",
                           "{name} needs exactly one of 'article', 'paragraph' or 'section'",
                           name=_field(tuple(error.absolute_path)))
    if error.validator in ("anyOf", "oneOf") and error.context:
        deeper = best_match(error.context)
        # Only descend when the alternatives agree on the kind of value (avoids "not a string"
        # for a mapping that was meant to be a mapping).
        if deeper is not None and deeper.validator not in ("type",):
            error = deeper
    path: JsonPath = tuple(error.absolute_path)
    name = _field(path)
    validator: Any = error.validator
    instance: Any = error.instance
    expected: Any = error.validator_value
    sub: Any = error.schema
    hint = sub.get("x-hint") if isinstance(sub, dict) else None

    if validator == "required":
        missing = [r for r in expected if r not in instance]
        quoted: list[Msg | str] = [_quoted(str(m)) for m in missing]
        what = reduce(lambda first, then: msg("{first}, {then}", first=first, then=then),
                      quoted) if quoted else ""
        return doc.problem(path, "S101", "{name} is missing required field {what}", name=name,
                           what=what)
    if validator == "additionalProperties":
        allowed = sorted(sub.get("properties", {}))
        extra = [k for k in instance if k not in allowed]
        key = extra[0] if extra else "?"
        close = difflib.get_close_matches(key, allowed, n=1)
        tip = did_you_mean(close[0]) if close else msg("; allowed: {names}",
                                                       names=", ".join(allowed))
        return doc.problem((*path, key), "S102", "unknown field '{field}' in {name}{hint}",
                           key=True, field=key, name=name, hint=tip)
    if validator == "type":
        if path in doc.written:  # quote what the user wrote, not what YAML made of it
            return doc.problem(path, "S103", "{name} should be {kind}: YAML reads {text} as "
                               "{value}; put it in quotes: \"{raw}\"", name=name,
                               kind=_kind(expected), text=_quoted(doc.written[path]),
                               value=_describe(instance), raw=doc.written[path])
        return doc.problem(path, "S103", "{name} should be {kind}, not {value}", name=name,
                           kind=_kind(expected), value=_describe(instance))
    if validator == "enum":
        options = [str(o) for o in expected if o is not None]
        close = difflib.get_close_matches(str(instance), options, n=1)
        return doc.problem(path, "S104", "{name}: {value} is not allowed; use one of: "
                           "{options}{hint}", name=name, value=_show(instance),
                           options=", ".join(options),
                           hint=msg(" (did you mean '{name}'?)", name=close[0]) if close else "")
    if validator in ("pattern", "format") or (validator in ("anyOf", "oneOf") and hint):
        return doc.problem(path, "S105", "{name}: {value} is not valid; {hint}", name=name,
                           value=_show(instance),
                           hint=Msg(hint) if hint else msg("see the schema"))
    if validator == "propertyNames":
        return doc.problem(path, "S105", "{name}: {reason}", name=name, reason=error.message)
    if validator in ("minItems", "minLength"):
        return doc.problem(path, "S106", "{name} must not be empty", name=name)
    if validator == "minimum":
        return doc.problem(path, "S104", "{name} must be at least {limit}, not {value}",
                           name=name, limit=expected, value=instance)
    if validator == "maximum":
        return doc.problem(path, "S104", "{name} must be at most {limit}, not {value}",
                           name=name, limit=expected, value=instance)
    if validator == "uniqueItems":
        return doc.problem(path, "S106", "{name} lists the same item twice", name=name)
    # jsonschema's own English words for a rule the messages above do not cover
    return doc.problem(path, "S106", "{name}: {reason}", name=name, reason=error.message)


def _field(path: JsonPath) -> Msg:
    from npmcheck.load.yamlio import format_path

    return _quoted(format_path(path)) if path else msg("the file")


def _quoted(text: str) -> Msg:
    """A value from the file in quotes: 'x' in English, «x» in Russian."""
    return msg("'{text}'", text=text)


_KINDS = {
    "string": msg("text"),
    "integer": msg("a whole number"),
    "number": msg("a number"),
    "boolean": msg("true or false"),
    "object": msg("a mapping"),
    "array": msg("a list"),
    "null": msg("empty"),
}


def _kind(expected: Any) -> Msg | str:
    if isinstance(expected, list):
        kinds = [_kind(e) for e in expected]
        return reduce(lambda first, then: msg("{first} or {then}", first=first, then=then),
                      kinds) if kinds else ""
    return _KINDS.get(expected, str(expected))


def _describe(value: Any) -> Msg:
    if isinstance(value, bool):
        return msg("{value} (a yes/no value)", value=str(value).lower())
    if isinstance(value, str):
        return msg("text {value}", value=_show(value))
    if isinstance(value, int | float):
        return msg("the number {value}", value=value)
    if isinstance(value, list):
        return _KINDS["array"]
    if isinstance(value, dict):
        return _KINDS["object"]
    return _KINDS["null"]


def _show(value: Any) -> Msg | str:
    """A value as the message quotes it, cut short after about 60 characters."""
    if isinstance(value, str):
        return _quoted(value if len(value) <= 58 else value[:56] + "...")
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "...'"
