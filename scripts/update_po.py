"""Collect the interface texts (msgids) from the code and templates and update the .po catalogues.

A msgid is a string literal in src/npmcheck given

- to `tr(lang, "...")`, `both("...")`, `gettext("...", lang)` or `_("...")` (interface texts);
- to `trn(lang, "{n} criterion", "{n} criteria", n)`, `ngettext(...)` or `_n(...)` in a
  template (a text with plural forms), or to `trp(lang, "context", "...")`, `pgettext(...)` or
  `_p(...)` in a template (an English word that needs two Russian ones);
- as the message template of an error or problem: `usage_error(code, "...")`,
  `doc.problem(path, code, "...")`, `Problem(path, line, column, code, "...")` or the YAML
  reader's `self._stop(mark, code, "...")`;
- to `msg("...")`, a part of such a message (a hint, a kind of value) translated with it, or to
  `N_("...")`, which marks a template kept in a table and used later;

or the text given to `_("...")` in a template, or an `"x-hint"` in a JSON Schema (shown in
problem messages). Only the call's name and the position of the argument count, so a template
must be written as a literal at the call (never an f-string: its values go in as parameters).
Existing translations are kept; new texts get an empty msgstr; texts no longer used are dropped.
Babel reads and writes the .po (its Plural-Forms from CLDR) and compiles the .mo that the
program reads with the standard `gettext` module. Both files are committed, so that a fresh
clone and the wheel need no build step; `--check` fails when they disagree.

Python code is read with `ast` rather than Babel's extractor: Babel skips a msgid written inside
an f-string's expression or a keyword argument (eight of them when this was written), which the
syntax tree sees.

    python scripts/update_po.py          # rewrite the .po files and compile each .mo
    python scripts/update_po.py --check  # exit 1 if a text is new, dropped or untranslated, or a
                                         # .mo is not the compiled .po
"""

from __future__ import annotations

import ast
import gettext
import io
import json
import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "npmcheck"
LANGS = ("ru",)
# function or method name -> positions of (context, singular, plural) among its arguments
Spec = tuple[int | None, int, int | None]
CALLS: dict[str, Spec] = {
    "tr": (None, 1, None), "both": (None, 0, None), "gettext": (None, 0, None),
    "_": (None, 0, None), "msg": (None, 0, None), "N_": (None, 0, None),
    "usage_error": (None, 1, None), "problem": (None, 2, None), "Problem": (None, 4, None),
    "_stop": (None, 2, None),
    "trn": (None, 1, 2), "ngettext": (None, 0, 1), "bothn": (None, 0, 1), "msgn": (None, 0, 1),
    "trp": (1, 2, None), "pgettext": (0, 1, None),
}
_STRING = r"""(?P<q{i}>["'])(?P<t{i}>(?:\\.|(?!(?P=q{i})).)*)(?P=q{i})"""
TEMPLATE_CALLS = {
    "_": (re.compile(r"\b_\(\s*" + _STRING.format(i=0), re.S), None, 0, None),
    "_n": (re.compile(r"\b_n\(\s*" + _STRING.format(i=0) + r"\s*,\s*" + _STRING.format(i=1),
                      re.S), None, 0, 1),
    "_p": (re.compile(r"\b_p\(\s*" + _STRING.format(i=0) + r"\s*,\s*" + _STRING.format(i=1),
                      re.S), 0, 1, None),
}
# Babel's own header names a version, a date, a translator and a team that npmcheck does not
# keep; ours holds what the tools read (the language, its Plural-Forms from CLDR, the charset).
HEADER = """# Russian translation of npmcheck's interface.
msgid ""
msgstr ""
"Project-Id-Version: npmcheck\\n"
"Language: {lang}\\n"
"Plural-Forms: {plural_forms}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"

"""


@dataclass(frozen=True)
class Key:
    """One message of the catalogue: its text, the plural text if any, the context if any."""

    text: str
    plural: str | None = None
    context: str | None = None


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return text.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def extract() -> dict[Key, str]:
    """message -> first place it is used (file:line)."""
    found: dict[Key, str] = {}
    for path, node, key in calls():
        found.setdefault(key, f"{path.relative_to(ROOT)}:{node.lineno}")
    for path in sorted((PACKAGE / "render" / "templates").glob("*")):
        source = path.read_text("utf-8")
        for pattern, context, text, plural in TEMPLATE_CALLS.values():
            for match in pattern.finditer(source):
                key = Key(_unescape(match[f"t{text}"]),
                          None if plural is None else _unescape(match[f"t{plural}"]),
                          None if context is None else _unescape(match[f"t{context}"]))
                line = source.count("\n", 0, match.start()) + 1
                found.setdefault(key, f"{path.relative_to(ROOT)}:{line}")
    for function in commands():  # a command's docstring is its help (cli._Command)
        found.setdefault(Key(ast.get_docstring(function) or ""),
                         f"{(PACKAGE / 'cli.py').relative_to(ROOT)}:{function.lineno}")
    for path in sorted((PACKAGE / "load" / "schemas").glob("*.schema.json")):
        for text in _hints(json.loads(path.read_text("utf-8"))):
            found.setdefault(Key(text), f"{path.relative_to(ROOT)}:1")
    return found


def calls() -> list[tuple[Path, ast.Call, Key]]:
    """(file, call, message) for each call in CALLS with string literals at the message's places."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else \
                func.attr if isinstance(func, ast.Attribute) else None
            spec = CALLS.get(name or "")
            if spec is None or len(node.args) <= max(i for i in spec if i is not None):
                continue
            context, text, plural = (None if i is None else _literal(node.args[i]) for i in spec)
            if text and (spec[2] is None or plural) and (spec[0] is None or context):
                found.append((path, node, Key(text, plural, context)))
    return found


def commands() -> list[ast.FunctionDef]:
    """The functions of cli.py registered as commands (`@app.command(...)` and the like)."""
    tree = ast.parse((PACKAGE / "cli.py").read_text("utf-8"))
    return [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
            and ast.get_docstring(node)
            and any(isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute)
                    and d.func.attr == "command" for d in node.decorator_list)]


def _hints(node: object) -> list[str]:
    if isinstance(node, list):
        return [h for item in node for h in _hints(item)]
    if not isinstance(node, dict):
        return []
    own = [node["x-hint"]] if isinstance(node.get("x-hint"), str) else []
    return own + [h for key, value in node.items() if key != "x-hint" for h in _hints(value)]


def _key(message: Message) -> Key:
    if isinstance(message.id, tuple | list):
        return Key(message.id[0], message.id[1], message.context)
    return Key(message.id, None, message.context)


def translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return bool(strings) and all(strings) and not message.fuzzy


def read(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def updated(lang: str, ids: dict[Key, str], existing: Catalog | None) -> Catalog:
    """The catalogue of `ids` in extraction order, with the translations `existing` has."""
    old = {} if existing is None else {_key(m): m for m in existing if m.id}
    catalog = Catalog(locale=lang, domain="npmcheck", project="npmcheck", fuzzy=False)
    for key, where in ids.items():
        before = old.get(key)
        msgid: str | tuple[str, str] = key.text if key.plural is None else (key.text, key.plural)
        if before is not None:
            string = before.string
        else:
            string = "" if key.plural is None else ("",) * catalog.num_plurals
        catalog.add(msgid, string, locations=[(where.split(":")[0], None)],
                    context=key.context, flags=before.flags if before else ())
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=0, include_lineno=False, omit_header=True)
    header = HEADER.format(lang=catalog.locale, plural_forms=catalog.plural_forms)
    return header.encode("utf-8") + out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def compiled_entries(data: bytes) -> dict[object, object]:
    """What a .mo gives the program: every message with its translation, and the header's
    Plural-Forms, read with the standard gettext module."""
    translations = gettext.GNUTranslations(io.BytesIO(data))
    entries: dict[object, object] = dict(translations._catalog)  # type: ignore[attr-defined]
    entries.pop("", None)
    entries["Plural-Forms"] = translations.info().get("plural-forms")
    return entries


def disagreements(po: bytes, mo: bytes | None) -> list[str]:
    """How the .mo differs from what the .po compiles to (nothing when they agree)."""
    if mo is None:
        return ["no compiled catalogue"]
    want, have = compiled_entries(mo_bytes(read_po(io.BytesIO(po)))), compiled_entries(mo)
    problems = [f"not in the .mo: {key!r}" for key in want if key not in have]
    problems += [f"only in the .mo: {key!r}" for key in have if key not in want]
    problems += [f"differs: {key!r}" for key in want if key in have and want[key] != have[key]]
    return problems


# npmcheck's languages and the CLDR locale each is written in: English as the reports have
# always written it, the British way ("5 May 2010", not "May 5, 2010")
CLDR_LOCALES = {"en": "en_GB", "ru": "ru"}
CLDR_MODULE = PACKAGE / "i18n" / "cldr.py"


def cldr_module() -> str:
    """The source of i18n/cldr.py: what npmcheck's formatting reads from CLDR, through Babel, so
    that the program writes numbers and dates the CLDR way without loading Babel's locale data
    (about 50-100 ms a command) on start-up."""
    from babel import Locale

    out = ['"""Numbers and dates of each language from CLDR, written by scripts/update_po.py from',
           "Babel's locale data; do not edit (update_po.py --check fails when it is not what",
           'Babel gives)."""', "", "from __future__ import annotations", "",
           "from typing import NamedTuple", "", "",
           "class Conventions(NamedTuple):",
           '    """How a language writes numbers, percentages and dates (CLDR patterns)."""', "",
           "    decimal: str", "    group: str", "    percent: str", "    day: str",
           "    month: str", "    year: str",
           "    months: tuple[str, ...]  # the format form: genitive in Russian (\"5 мая\")",
           "    months_alone: tuple[str, ...]  # the stand-alone form: nominative (\"май\")",
           "", "", "CONVENTIONS: dict[str, Conventions] = {"]
    for lang, name in CLDR_LOCALES.items():
        locale = Locale.parse(name)
        symbols = locale.number_symbols["latn"]
        skeletons = locale.datetime_skeletons
        month = skeletons["yMMMM"].pattern
        fields = {
            "decimal": symbols["decimal"], "group": symbols["group"],
            "percent": locale.percent_formats[None].pattern,
            "day": skeletons["yMMMMd"].pattern, "month": month,
            # the year alone as the month pattern writes it ("2010 г."; CLDR's "y" is the digits)
            "year": month[month.index("y"):],
            "months": tuple(locale.months["format"]["wide"][m] for m in range(1, 13)),
            "months_alone": tuple(locale.months["stand-alone"]["wide"][m] for m in range(1, 13)),
        }
        out.append(f"    {lang!r}: Conventions(  # CLDR {name}")
        for key, value in fields.items():
            if isinstance(value, tuple):
                items = textwrap.wrap(", ".join(map(repr, value)) + ",", 88)
                out += [f"        {key}=(", *(" " * 12 + line for line in items), "        ),"]
            else:
                out.append(f"        {key}={value!r},")
        out.append("    ),")
    out.append("}")
    return "\n".join(out) + "\n"


def main() -> int:
    check = "--check" in sys.argv[1:]
    ids = extract()
    status = 0
    cldr = cldr_module()
    if check:
        if not CLDR_MODULE.exists() or CLDR_MODULE.read_text("utf-8") != cldr:
            print(f"{CLDR_MODULE.relative_to(ROOT)}: not what Babel's CLDR data gives; "
                  "run scripts/update_po.py")
            status = 1
    else:
        CLDR_MODULE.write_text(cldr, "utf-8")
    for lang in LANGS:
        folder = PACKAGE / "i18n" / "locale" / lang / "LC_MESSAGES"
        po_path, mo_path = folder / "npmcheck.po", folder / "npmcheck.mo"
        existing = read(po_path) if po_path.exists() else None
        have = {} if existing is None else {_key(m): m for m in existing if m.id}
        missing = [k for k in ids if k not in have or not translated(have[k])]
        unused = [k for k in have if k not in ids]
        if check:
            for k in missing:
                print(f"{lang}: untranslated: {k.text!r} ({ids[k]})")
            for k in unused:
                print(f"{lang}: no longer used: {k.text!r}")
            po = po_path.read_bytes() if po_path.exists() else b""
            mo = mo_path.read_bytes() if mo_path.exists() else None
            problems = disagreements(po, mo)
            for problem in problems:
                print(f"{mo_path.relative_to(ROOT)}: {problem}; "
                      "run scripts/update_po.py to compile it")
            status |= bool(missing or unused or problems)
        else:
            catalog = updated(lang, ids, existing)
            folder.mkdir(parents=True, exist_ok=True)
            po_path.write_bytes(po_bytes(catalog))
            mo_path.write_bytes(mo_bytes(catalog))
            print(f"{po_path.relative_to(ROOT)}: {len(ids)} texts, {len(missing)} to translate; "
                  f"compiled {mo_path.name}")
    return status


if __name__ == "__main__":
    sys.exit(main())
