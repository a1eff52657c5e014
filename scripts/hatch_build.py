"""Hatch build hook: the package gets the bundled data's shipped parse when it is built.

The shipped parse (src/npmcheck/load/schemas/bundled-parsed.pickle, see load/yamlio.py) is
worked out from criteria/ and profiles/ by scripts/stamp_bundled.py. It is 1.5 MB of binary
that every change of a profile rewrites, so it is built rather than committed:

- a wheel gets a parse of the data it is built from, written outside the source tree and
  added to the wheel under its place in the package;
- an editable install (`pip install -e .`) writes it into the source tree (git ignores it),
  where the installed package reads it; after editing the bundled data, run
  `python scripts/stamp_bundled.py` (a test fails until then, and a stale parse only costs
  speed: a text it does not list is parsed in full).
"""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

IN_PACKAGE = "npmcheck/load/schemas/bundled-parsed.pickle"


def shipped_parse(root: Path) -> bytes:
    """The shipped parse of the bundled data under `root`, as scripts/stamp_bundled.py writes
    it (the build environment has PyYAML and the standard library, which is all it needs)."""
    spec = importlib.util.spec_from_file_location("stamp_bundled",
                                                  root / "scripts" / "stamp_bundled.py")
    assert spec is not None and spec.loader is not None
    stamp_bundled = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(stamp_bundled)
    table: bytes = stamp_bundled.shipped_parse_bytes(root)
    return table


class ShippedParseHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        table = shipped_parse(root)
        if version == "editable":
            (root / "src" / IN_PACKAGE).write_bytes(table)
            return
        self._folder = tempfile.mkdtemp(prefix="npmcheck-build-")
        written = Path(self._folder) / "bundled-parsed.pickle"
        written.write_bytes(table)
        build_data["force_include"][str(written)] = IN_PACKAGE

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
