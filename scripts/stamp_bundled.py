#!/usr/bin/env python3
"""Write what the bundled criteria and profile files ship with, worked out now in full (no
stamp, no shipped parse, no cache):

- src/npmcheck/load/schemas/bundled-valid.txt: the stamp of every file that passes its JSON
  Schema; npmcheck skips the schema for a file whose stamp (version, rules, schema, text) is
  listed;
- src/npmcheck/load/schemas/bundled-parsed.pickle: the parse of every file that reads without a
  problem (its data and the line and column of each value), keyed on a hash of its text and
  of the reader's code; npmcheck does not parse such a text again.

    python scripts/stamp_bundled.py          # rewrite both files
    python scripts/stamp_bundled.py --check  # exit 1 if they are not what the bundled data gives

So the bundled data is neither parsed nor validated again on every cold run. Run it after
changing the bundled data, a schema, the YAML reader or the version; tests/test_startup.py
fails until then (a stale file only costs speed: a text it does not list is read in full).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from npmcheck.load import schema, yamlio  # noqa: E402
from npmcheck.load.yamlparse import parse  # noqa: E402

HEADER = ("# Stamps of the bundled files that pass their JSON Schema (see load/schema.py);\n"
          "# written by scripts/stamp_bundled.py, do not edit.\n")


KINDS: tuple[tuple[str, schema.SchemaName], ...] = (("criteria", "catalogue"),
                                                    ("profiles", "profile"))


def read(path: Path) -> tuple[yamlio.Document | None, list[yamlio.Problem]]:
    """A bundled file parsed now, whatever the shipped parse says."""
    text = path.read_bytes().decode("utf-8-sig")
    problems = yamlio._tab_problems(text, str(path))
    if problems:
        return None, problems
    key = yamlio.Key("text")
    key.add(text)
    return parse(text, str(path), key.hexdigest())


def documents(root: Path = ROOT) -> list[tuple[Path, schema.SchemaName, yamlio.Document]]:
    """Every bundled file under `root` (criteria/ and profiles/) that reads without a problem."""
    found = []
    for folder, kind in KINDS:
        for path in sorted((root / folder).rglob("*.y*ml")):
            doc, problems = read(path)
            if doc is not None and not problems:
                found.append((path, kind, doc))
    return found


def stamp(root: Path = ROOT) -> str:
    """The text of the stamp for the data under `root` (criteria/ and profiles/)."""
    lines = [f"{schema.stamp(kind, doc)}  {path.relative_to(root)}\n"
             for path, kind, doc in documents(root) if not schema.check(kind, doc)]
    return HEADER + "".join(lines)


def parses(root: Path = ROOT) -> dict[str, yamlio.Parsed]:
    """The shipped parse of each bundled file under `root` that reads without a problem."""
    return {doc.digest: (doc.data, doc.positions, doc.key_positions, doc.written)
            for _, _, doc in documents(root)}


def shipped_parse_bytes(root: Path = ROOT) -> bytes:
    """The content of the shipped parse for the data under `root` (also what the build hook,
    scripts/hatch_build.py, puts in a wheel)."""
    return yamlio.shipped_table(parses(root))


def shipped_parses() -> dict[str, yamlio.Parsed] | None:
    """What SHIPPED holds now, or None when it is missing or made by other reader code."""
    import pickle

    try:
        reader, packed = pickle.loads(yamlio.SHIPPED.read_bytes())
    except (OSError, pickle.UnpicklingError, ValueError, EOFError):
        return None
    if reader != yamlio.reader_stamp():
        return None
    return {digest: pickle.loads(data) for digest, data in packed.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check, write nothing")
    args = parser.parse_args()
    text = stamp()
    parsed = parses()
    if args.check:
        current = schema.SHIPPED.read_text("utf-8") if schema.SHIPPED.exists() else ""
        stale = [path for path, fresh in ((schema.SHIPPED, current == text),
                                          (yamlio.SHIPPED, shipped_parses() == parsed))
                 if not fresh]
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: run "
                  "python scripts/stamp_bundled.py", file=sys.stderr)
        return 1 if stale else 0
    schema.SHIPPED.write_text(text, "utf-8")
    yamlio.SHIPPED.write_bytes(yamlio.shipped_table(parsed))  # git ignores it: see hatch_build.py
    print(f"{schema.SHIPPED.relative_to(ROOT)}: {text.count(chr(10)) - 2} files")
    print(f"{yamlio.SHIPPED.relative_to(ROOT)}: {len(parsed)} files, "
          f"{yamlio.SHIPPED.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
