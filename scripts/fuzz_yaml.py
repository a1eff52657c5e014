#!/usr/bin/env python3
"""Coverage-guided fuzzing of the input path: YAML reading, schema validation, checks, scoring.

    .venv/bin/pip install atheris
    .venv/bin/python scripts/fuzz_yaml.py -max_total_time=600 [CORPUS_DIR ...]

Not part of CI (tests/test_robustness.py runs the same properties with Hypothesis, bounded).
Each input is read with `yamlio.load_bytes`; a document with a `country` key is checked as a
profile against the small fixture catalogue (schema, cross-checks, build, derived facts, an
assessment), any other document as a catalogue file. The only allowed outcomes are a result or
located problems (line and column at least 1, a known code, one printable line); any exception
is a crash, which libFuzzer saves as crash-<hash>; `python scripts/fuzz_yaml.py crash-<hash>`
replays it.

Without a corpus folder, the repository's fixture and bundled YAML files seed one in
$TMPDIR/npmcheck-fuzz-corpus (libFuzzer adds the inputs it finds there, not in the repo).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

import atheris  # type: ignore[import-untyped]

os.environ["NPMCHECK_NO_CACHE"] = "1"  # no cache marker for each of millions of inputs
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

with atheris.instrument_imports(include=["npmcheck"]):
    from npmcheck.diagnostics import CODES, Problem, errors_only
    from npmcheck.domain.scoring import assess
    from npmcheck.load import build, checks, schema
    from npmcheck.load.workspace import load_files
    from npmcheck.load.yamlio import load_bytes

MINI = ROOT / "tests" / "fixtures" / "mini"
CATALOGUE = load_files(sorted((MINI / "criteria").glob("*.yaml")), []).catalogue()
TODAY = dt.date(2026, 6, 1)


def located(problems: list[Problem]) -> list[Problem]:
    for p in problems:
        if p.line < 1 or p.column < 1 or p.code not in CODES or not str(p).isprintable():
            raise AssertionError(f"badly located problem: {p!r}")
    return problems


def test_one_input(data: bytes) -> None:
    doc, problems = load_bytes(data, "fuzz.yaml")
    located(problems)
    if doc is None:
        if not problems:
            raise AssertionError("no document and no problem")
        return
    if "country" in doc.data:
        if errors_only(located(schema.validate("profile", doc))):
            return
        if errors_only(located(checks.check_profile(doc, CATALOGUE, TODAY))):
            return
        profile = build.profile(doc)
        if errors_only(located(checks.check_derived(doc, profile, CATALOGUE))):
            return
        assess(CATALOGUE, profile)
        return
    if errors_only(located(schema.validate("catalogue", doc))):
        return
    if doc.data.get("catalogue") and not errors_only(located(checks.check_catalogue([doc]))):
        build.catalogue(str(doc.data["catalogue"]), [doc])


def seed_corpus() -> Path:
    corpus = Path(tempfile.gettempdir()) / "npmcheck-fuzz-corpus"
    corpus.mkdir(exist_ok=True)
    if not any(corpus.iterdir()):
        seeds = [*MINI.rglob("*.yaml"), *(ROOT / "tests" / "cases").rglob("*.yaml"),
                 *(ROOT / "profiles").glob("*.yaml"), *(ROOT / "criteria").rglob("*.yaml")]
        for n, seed in enumerate(sorted(seeds)):
            shutil.copyfile(seed, corpus / f"seed-{n:03d}-{seed.name}")
    return corpus


def main() -> None:
    argv = list(sys.argv)
    if not any(not a.startswith("-") for a in argv[1:]):
        argv.append(str(seed_corpus()))
    for flag, value in (("-timeout", "10"), ("-rss_limit_mb", "3072"), ("-max_len", "200000")):
        if not any(a.startswith(flag + "=") for a in argv):
            argv.append(f"{flag}={value}")
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
