#!/usr/bin/env python3
"""Write src/npmcheck/load/schemas/bundled-valid.txt: the stamp of every bundled criteria and
profile file that passes its JSON Schema, checked now in full (no stamp, no cache).

    python scripts/stamp_bundled.py          # rewrite the file
    python scripts/stamp_bundled.py --check  # exit 1 if it is not what the bundled data gives

npmcheck skips the schema for a file whose stamp (version, rules, schema, text) is listed,
so that the bundled data is not validated again on every cold run. Run it after changing the
bundled data, a schema or the version; tests/test_startup.py fails until then.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from npmcheck.load import schema  # noqa: E402
from npmcheck.load.yamlio import load_file  # noqa: E402

HEADER = ("# Stamps of the bundled files that pass their JSON Schema (see load/schema.py);\n"
          "# written by scripts/stamp_bundled.py, do not edit.\n")


def stamp(root: Path = ROOT) -> str:
    """The text of the stamp for the data under `root` (criteria/ and profiles/)."""
    lines = []
    kinds: tuple[tuple[str, schema.SchemaName], ...] = (("criteria", "catalogue"),
                                                        ("profiles", "profile"))
    for folder, kind in kinds:
        for path in sorted((root / folder).rglob("*.y*ml")):
            doc, problems = load_file(path)
            if doc is None or problems or schema.check(kind, doc):
                continue
            lines.append(f"{schema.stamp(kind, doc)}  {path.relative_to(root)}\n")
    return HEADER + "".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check, write nothing")
    args = parser.parse_args()
    text = stamp()
    if args.check:
        current = schema.SHIPPED.read_text("utf-8") if schema.SHIPPED.exists() else ""
        if current != text:
            print(f"{schema.SHIPPED.relative_to(ROOT)} is out of date: run "
                  "python scripts/stamp_bundled.py", file=sys.stderr)
            return 1
        return 0
    schema.SHIPPED.write_text(text, "utf-8")
    print(f"{schema.SHIPPED.relative_to(ROOT)}: {text.count(chr(10)) - 2} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
