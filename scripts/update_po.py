"""Collect the interface texts (msgids) from the code and templates and update the .po catalogues.

A msgid is the English text given to `tr(lang, "...")`, `both("...")`, `gettext("...", lang)` or
`_("...")` in src/npmcheck, or to `_("...")` in a template. Existing translations are kept;
new texts get an empty msgstr; texts no longer used are dropped.

    python scripts/update_po.py            # rewrite src/npmcheck/locale/*/LC_MESSAGES/npmcheck.po
    python scripts/update_po.py --check    # exit 1 if a text is new, dropped or untranslated
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "npmcheck"
LANGS = ("ru",)
CALLS = {"tr": 1, "both": 0, "gettext": 0, "_": 0}  # function name -> position of the msgid
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
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            index = CALLS.get(node.func.id)
            if index is None or len(node.args) <= index:
                continue
            text = _literal(node.args[index])
            if text:
                found.setdefault(text, f"{path.relative_to(ROOT)}:{node.lineno}")
    for path in sorted((PACKAGE / "templates").glob("*")):
        source = path.read_text("utf-8")
        for match in TEMPLATE_CALL.finditer(source):
            text = match["text"].encode("utf-8").decode("unicode_escape").encode(
                "latin-1").decode("utf-8") if "\\" in match["text"] else match["text"]
            line = source.count("\n", 0, match.start()) + 1
            found.setdefault(text, f"{path.relative_to(ROOT)}:{line}")
    return found


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
        path = PACKAGE / "locale" / lang / "LC_MESSAGES" / "npmcheck.po"
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
