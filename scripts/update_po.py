"""Collect the interface texts (msgids) from the code and templates and update the .po catalogues.

A msgid is a string literal in src/npmcheck given

- to `tr(lang, "...")`, `both("...")`, `gettext("...", lang)` or `_("...")` (interface texts);
- as the message template of an error or problem: `usage_error(code, "...")`,
  `doc.problem(path, code, "...")`, `Problem(path, line, column, code, "...")` or the YAML
  reader's `self._stop(mark, code, "...")`;
- to `msg("...")`, a part of such a message (a hint, a kind of value) translated with it, or to
  `N_("...")`, which marks a template kept in a table and used later;

or the text given to `_("...")` in a template, or an `"x-hint"` in a JSON Schema (shown in
problem messages). Only the call's name and the position of the argument count, so a template
must be written as a literal at the call (never an f-string: its values go in as parameters).
Existing translations are kept; new texts get an empty msgstr; texts no longer used are dropped.

    python scripts/update_po.py          # rewrite src/npmcheck/i18n/locale/*/LC_MESSAGES/*.po
    python scripts/update_po.py --check    # exit 1 if a text is new, dropped or untranslated
"""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "npmcheck"
LANGS = ("ru",)
# function or method name -> position of the msgid among its arguments
CALLS = {"tr": 1, "both": 0, "gettext": 0, "_": 0, "msg": 0, "N_": 0,
         "usage_error": 1, "problem": 2, "Problem": 4, "_stop": 2}
TEMPLATE_CALL = re.compile(r"""\b_\(\s*(?P<q>["'])(?P<text>(?:\\.|(?!(?P=q)).)*)(?P=q)""", re.S)

HEADER = """# Russian translation of npmcheck's interface.
msgid ""
msgstr ""
"Project-Id-Version: npmcheck\\n"
"Language: {lang}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"""


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def extract() -> dict[str, str]:
    """msgid -> first place it is used (file:line)."""
    found: dict[str, str] = {}
    for path, node, text in calls():
        found.setdefault(text, f"{path.relative_to(ROOT)}:{node.lineno}")
    for path in sorted((PACKAGE / "render" / "templates").glob("*")):
        source = path.read_text("utf-8")
        for match in TEMPLATE_CALL.finditer(source):
            text = match["text"].encode("utf-8").decode("unicode_escape").encode(
                "latin-1").decode("utf-8") if "\\" in match["text"] else match["text"]
            line = source.count("\n", 0, match.start()) + 1
            found.setdefault(text, f"{path.relative_to(ROOT)}:{line}")
    for path in sorted((PACKAGE / "load" / "schemas").glob("*.schema.json")):
        for text in _hints(json.loads(path.read_text("utf-8"))):
            found.setdefault(text, f"{path.relative_to(ROOT)}:1")
    return found


def calls() -> list[tuple[Path, ast.Call, str]]:
    """(file, call, msgid) for each call in CALLS with a string literal at the msgid's place."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else \
                func.attr if isinstance(func, ast.Attribute) else None
            index = CALLS.get(name or "")
            if index is None or len(node.args) <= index:
                continue
            text = _literal(node.args[index])
            if text:
                found.append((path, node, text))
    return found


def _hints(node: object) -> list[str]:
    if isinstance(node, list):
        return [h for item in node for h in _hints(item)]
    if not isinstance(node, dict):
        return []
    own = [node["x-hint"]] if isinstance(node.get("x-hint"), str) else []
    return own + [h for key, value in node.items() if key != "x-hint" for h in _hints(value)]


def quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def render(lang: str, ids: dict[str, str], translations: dict[str, str]) -> str:
    out = [HEADER.format(lang=lang)]
    for msgid, where in ids.items():
        out.append(f"#: {where.split(':')[0]}\nmsgid {quote(msgid)}\n"
                   f"msgstr {quote(translations.get(msgid, ''))}\n")
    return "\n".join(out)


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from npmcheck.i18n import parse_po

    check = "--check" in sys.argv[1:]
    ids = extract()
    status = 0
    for lang in LANGS:
        path = PACKAGE / "i18n" / "locale" / lang / "LC_MESSAGES" / "npmcheck.po"
        existing = parse_po(path.read_text("utf-8")) if path.exists() else {}
        missing = [m for m in ids if not existing.get(m)]
        unused = [m for m in existing if m not in ids]
        if check:
            for m in missing:
                print(f"{lang}: untranslated: {m!r} ({ids[m]})")
            for m in unused:
                print(f"{lang}: no longer used: {m!r}")
            status |= bool(missing or unused)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render(lang, ids, existing), "utf-8")
            print(f"{path.relative_to(ROOT)}: {len(ids)} texts, {len(missing)} to translate")
    return status


if __name__ == "__main__":
    sys.exit(main())
