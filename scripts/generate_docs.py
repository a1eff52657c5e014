"""Rewrite the generated documentation: docs/criteria.md (and .ru.md) and docs/schemas/.

Run after changing the catalogue or a schema: `python scripts/generate_docs.py`.
With `--check`, write nothing and exit 1 when a generated file is out of date.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def generated() -> dict[Path, str]:
    os.environ.pop("NPMCHECK_PATH", None)
    os.environ.pop("NPMCHECK_BUNDLED", None)
    from npmcheck.load import schema, workspace
    from npmcheck.render import markdown
    from npmcheck.render.registry import Options
    from npmcheck.views.catalogue import catalogue_view

    catalogue = workspace.load().catalogue()
    files = {
        ROOT / "docs" / f"criteria{suffix}.md": markdown.criteria(catalogue_view(catalogue, lang),
                                                                 Options(lang))
        for lang, suffix in (("en", ""), ("ru", ".ru"))
    }
    for name in ("catalogue", "profile", "assessment"):
        files[ROOT / "docs" / "schemas" / f"{name}.schema.json"] = schema.schema_text(name)
    return files


def main() -> int:
    check = "--check" in sys.argv[1:]
    stale = []
    for path, text in generated().items():
        current = path.read_text("utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path.relative_to(ROOT))
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
    for path in stale:
        print(("out of date: " if check else "wrote ") + str(path))
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
