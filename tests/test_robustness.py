"""Unbreakable: any input gives a result or located errors; writes are atomic; outputs reproducible.

Property tests (Hypothesis, derandomized so that CI sees the same cases every time) throw
random and mutated YAML at the reader and at the commands that read a file. The only allowed
outcomes are success (exit 0) or exit 2 with one-line errors `path:line:col: CODE message`;
never an internal error (exit 3), a traceback, or a hang (each case runs under an alarm).
"""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINI, bounded, run_cli
from npmcheck.commands import output
from npmcheck.diagnostics import CODES, Problem, one_line
from npmcheck.load import workspace
from npmcheck.load.yamlio import load_bytes
from npmcheck.render.cells import FORMULA_START, csv_cell

LOCATED = re.compile(r"^(?P<path>.+):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): "
                     r"(?P<code>[A-Z]\d{3}) (?P<msg>\S.*)$")
Cli = Callable[..., tuple[int, str, str]]  # the `cli` fixture: cli(*args) -> (code, out, err)
CASE_SECONDS = 5  # far above any real case (milliseconds); only a hang reaches it
BASE_TEXT = (MINI / "profiles" / "operating.yaml").read_text("utf-8")
BASE = json.loads(json.dumps(yaml.safe_load(BASE_TEXT), default=str))  # dates as their text

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.data_too_large])




# ---------------------------------------------------------------- strategies

ODD_TEXT = st.sampled_from([
    "\u202eevil\u202c", "\u200f\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627",
    "zero\u200bwidth", "\ufeffbom", "a\u0301\u0327combining", "\U0001f600\U0001f1f9\U0001f1f2",
    "\ud800", "\udfff lone", "nul\x00byte", "line\u2028sep", "next\x85line", "tab\there",
    "multi\nline\n", "=1+2", "@SUM(A1)", "-cmd", "+x", "", " ", "\x1b[31mred\x1b[0m",
    "\u0416\u0451\u043b\u0442\u044b\u0439", "'\"quotes\"'", "{not: a map}", "[1, 2",
    "*alias", "&anchor", "!!python/object:os.system", "%TAG", "---", "...",
])
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), ODD_TEXT,
    st.integers(min_value=10_000, max_value=300_000).map(lambda n: "x" * n),
    st.sampled_from(["2026-02-30", "9999-12-31", "0000-01-01", "2026-13", "1e309", "0x1F",
                     ".nan", "-.inf", "yes", "No", "~", "2001-12-14t21:59:43.10-05:00"]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)


def paths_of(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths_of(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths_of(value, (*prefix, index))
    return found


BASE_PATHS = paths_of(BASE)


def dump(data: Any) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000).encode(
        "utf-8", "surrogatepass")


@st.composite
def data_mutation(draw: st.DrawFn) -> bytes:
    """The fixture profile with one or more keys deleted or values replaced by anything."""
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(BASE_PATHS))
        parent: Any = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            if draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = draw(VALUES)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced this path
    return dump(data)


@st.composite
def text_mutation(draw: st.DrawFn) -> bytes:
    """The fixture profile's text with bytes inserted, cut, or YAML's odder features added."""
    raw = BASE_TEXT.encode("utf-8")
    kind = draw(st.sampled_from(["insert", "truncate", "replace-line", "deep", "aliases",
                                 "bomb", "anchor-key", "tags", "encoding"]))
    if kind == "insert":
        at = draw(st.integers(0, len(raw)))
        return raw[:at] + draw(st.binary(min_size=1, max_size=12)) + raw[at:]
    if kind == "truncate":
        return raw[:draw(st.integers(0, len(raw)))]
    lines = BASE_TEXT.splitlines()
    if kind == "replace-line":
        index = draw(st.integers(0, len(lines) - 1))
        lines[index] = draw(st.text(max_size=40))
        return "\n".join(lines).encode("utf-8", "surrogatepass")
    if kind == "deep":
        depth = draw(st.sampled_from([60, 70, 500, 20_000]))
        brackets = draw(st.sampled_from([("[", "]"), ("{a: ", "}")]))
        return raw + f"\nextra: {brackets[0] * depth}1{brackets[1] * depth}\n".encode()
    if kind == "aliases":
        return raw.replace(b"sources: [s1]\n", b"sources: &s [s1]\n", 1) + \
            b"extra: *s\nmore: *nowhere\n"
    if kind == "bomb":
        levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
        levels += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]"
                   for i in range(draw(st.integers(3, 8)))]
        return raw + ("\n".join(levels) + "\n").encode()
    if kind == "anchor-key":
        return raw + b"? &k [a, b]\n: 1\n*k : 2\n"
    if kind == "tags":
        tag = draw(st.sampled_from(["!!python/object/apply:os.system ['true']", "!!binary aGk=",
                                    "!custom x", "!!set {a, b}", "!!omap [a: 1]",
                                    "!!timestamp 2001-12-14", "!!float 1", "!!str 5"]))
        return raw.replace(b"as_of: 2026-01-01", f"as_of: {tag}".encode(), 1)
    encoding, word = draw(st.sampled_from([("utf-16", "\u00c9t\u00e9 \u0416"),
                                           ("latin-1", "\u00c9t\u00e9"), ("cp1251", "\u0416")]))
    return BASE_TEXT.replace("Operating", word).encode(encoding, "replace")


FREE_TEXT = [p for p in BASE_PATHS if p[-1] in ("en", "ru", "publisher", "title", "note")]


@st.composite
def text_leaves(draw: st.DrawFn) -> bytes:
    """A profile that stays valid, with odd text wherever free text is allowed."""
    data = copy.deepcopy(BASE)
    for path in draw(st.lists(st.sampled_from(FREE_TEXT), min_size=1, max_size=4)):
        parent: Any = data
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = draw(st.one_of(ODD_TEXT, st.text(min_size=1, max_size=40),
                                          st.just("w" * 100_000)))
    return dump(data)


ANY_YAML = st.one_of(data_mutation(), text_mutation(), text_leaves(), st.binary(max_size=400),
                     VALUES.map(lambda v: dump({"country": v})))


# ---------------------------------------------------------------- the reader


def assert_located(problems: list[Problem]) -> None:
    assert problems
    for p in problems:
        assert p.code in CODES
        assert p.line >= 1 and p.column >= 1
        assert LOCATED.match(str(p)), str(p)
        assert str(p).isprintable(), str(p)


@SETTINGS
@given(raw=ANY_YAML)
def test_reader_returns_data_or_located_problems(raw: bytes) -> None:
    with bounded(CASE_SECONDS):
        doc, problems = load_bytes(raw, "input.yaml")
    if doc is None:
        assert_located(problems)
    else:
        assert problems == []
        assert isinstance(doc.data, dict)
        json.dumps(doc.data)  # plain data only: no tag ever became an object


@settings(SETTINGS, max_examples=150)
@given(raw=st.binary(max_size=300))
def test_reader_survives_random_bytes(raw: bytes) -> None:
    with bounded(CASE_SECONDS):
        doc, problems = load_bytes(raw, "input.yaml")
    assert (doc is None) == bool(problems)
    if doc is None:
        assert_located(problems)


def test_reader_regressions_found_by_fuzzing() -> None:
    # a control character: was reported at 1:1 with the parser's two-line message
    doc, problems = load_bytes(b"a: b\nc: \xc3\xa9\x03\n", "f.yaml")
    assert doc is None
    assert [str(p) for p in problems] == [
        "f.yaml:2:5: Y004 invalid YAML: unacceptable character #x0003: control characters "
        "are not allowed"]
    doc, problems = load_bytes(b"a: 1\r\nb: \x07", "f.yaml")
    assert [(p.line, p.column) for p in problems] == [(2, 4)]


def test_problem_messages_stay_on_one_line(cli: Cli, tmp_path: Path) -> None:
    # a multi-line, tab-holding value in a schema message (found by fuzzing) and a key with a
    # right-to-left override in an unknown-field message
    target = tmp_path / "draft.yaml"
    target.write_text(BASE_TEXT.replace('sources:\n  - {id: s1,',
                                        'sources:\n  - {url: "https:/e \\t:\\nx", id: s1,')
                      + '"\\u202eevil": 1\n', "utf-8")
    code, out, _ = cli("validate", target, "--data", MINI)
    assert code == 2
    lines = out.splitlines()[:-1]
    assert lines and all(LOCATED.match(line) and line.isprintable() for line in lines), lines
    assert "'https:/e \\t:\\nx'" in out
    assert "\\u202eevil" in out


# ---------------------------------------------------------------- the commands


def check_outcome(code: int, out: str, err: str, *, problems_on: str) -> None:
    """Exit 0, or exit 2 with every problem line located; never 3 or a traceback."""
    assert "Traceback" not in out + err
    assert code in (0, 2), (code, out[-400:], err[-400:])
    out.encode("utf-8"), err.encode("utf-8")  # a terminal or file can take every character
    if code == 2:
        lines = (out.splitlines()[:-1] if problems_on == "out" else err.splitlines())
        assert lines, (out, err)
        for line in lines:
            assert LOCATED.match(line), line
            assert line.isprintable(), line


def run_on(capsys: pytest.CaptureFixture[str], target: Path, raw: bytes,
           *args: str | Path) -> tuple[int, str, str]:
    target.write_bytes(raw)
    with bounded(CASE_SECONDS):
        return run_cli(capsys, *args)


@SETTINGS
@given(raw=ANY_YAML)
def test_validate_any_file(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                           raw: bytes) -> None:
    target = tmp_path / "profiles" / "draft.yaml"
    target.parent.mkdir(exist_ok=True)
    code, out, err = run_on(capsys, target, raw, "validate", target, "--data", MINI)
    check_outcome(code, out, err, problems_on="out")


@SETTINGS
@given(raw=ANY_YAML)
def test_assess_any_profile(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                            raw: bytes) -> None:
    target = tmp_path / "draft.yaml"
    code, out, err = run_on(capsys, target, raw, "assess", "--profile", target, "--data", MINI,
                            "--format", "json")
    check_outcome(code, out, err, problems_on="err")
    if code == 0:
        assert json.loads(out)["findings"]


@SETTINGS
@given(raw=ANY_YAML)
def test_report_any_profile(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                            raw: bytes) -> None:
    pytest.importorskip("npmcheck.render.markdown")
    target = tmp_path / "draft.yaml"
    report = tmp_path / "out.md"
    code, out, err = run_on(capsys, target, raw, "report", "--profile", target, "--data", MINI,
                            "-o", report, "--force")
    check_outcome(code, out, err, problems_on="err")
    assert report.exists() == (code == 0)
    report.unlink(missing_ok=True)


@pytest.mark.parametrize("name", ["nonparty", "operating"])
@pytest.mark.parametrize("odd", ["\ud800", "\u202e\u200b", "\x00", "=cmd"])
def test_odd_text_in_a_valid_profile_prints(cli: Cli, tmp_path: Path, name: str,
                                            odd: str) -> None:
    """Odd text in a name, in every output format: a lone surrogate (written as a YAML escape,
    which libyaml refuses: a located error), a NUL, bidi and zero-width marks, a formula."""
    data = json.loads(json.dumps(yaml.safe_load((MINI / "profiles" / f"{name}.yaml").read_text()),
                                 default=str))
    data["country"]["name"]["en"] = f"Name {odd}"
    target = tmp_path / "odd.yaml"
    target.write_bytes(dump(data))
    for fmt in ("json", "csv", "md", "table"):
        code, out, err = cli("assess", "--profile", target, "--data", MINI, "--format", fmt)
        check_outcome(code, out, err, problems_on="err")


# ---------------------------------------------------------------- atomic writes


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_interrupted_write_keeps_the_old_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                              failure: BaseException) -> None:
    target = tmp_path / "report.md"
    target.write_text("old content\n")

    def broken_fsync(fd: int) -> None:
        raise failure

    monkeypatch.setattr(os, "fsync", broken_fsync)  # the module output.py writes with
    with pytest.raises(type(failure)):
        output.write_atomic(target, "new content that never lands\n" * 1000, force=True)
    assert target.read_text() == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_failed_rename_leaves_no_temporary_file(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("{}\n")

    def broken_replace(self: Path, other: Path) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "replace", broken_replace)
    with pytest.raises(PermissionError):
        output.write_atomic(target, "[]\n", force=True)
    assert target.read_text() == "{}\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_cli_refuses_to_clobber_and_writes_whole_files(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_text("keep\n")
    code, _, err = cli("assess", "nonparty", "--data", MINI, "--format", "json", "-o", target)
    assert code == 2 and "E203" in err and target.read_text() == "keep\n"
    code, _, _ = cli("assess", "nonparty", "--data", MINI, "--format", "json", "-o", target,
                     "--force")
    assert code == 0 and json.loads(target.read_text())["country"]["id"] == "nonparty"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


# ---------------------------------------------------------------- reproducible output

OUTPUTS = [
    ("assess", "operating", "--format", "json"), ("assess", "operating", "--format", "md"),
    ("assess", "operating", "--format", "csv"), ("compare", "--all", "--format", "json"),
    ("compare", "--all", "--criteria", "--format", "md"),
    ("compare", "--all", "--criteria", "--format", "csv"),
    ("compare", "--all", "--format", "html"), ("roadmap", "nonparty", "--format", "json"),
    ("roadmap", "nonparty", "--format", "md"), ("roadmap", "nonparty", "--format", "html"),
    ("roadmap", "nonparty", "--format", "ics"), ("criteria", "--format", "md"),
    ("report", "nonparty", "--format", "md"), ("report", "operating", "--format", "html"),
]
DRIVER = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from npmcheck.cli import main
    out, commands = Path(sys.argv[1]), json.loads(sys.argv[2])
    for n, args in enumerate(commands):
        try:
            main([*args, "--data", sys.argv[3], "-o", str(out / f"{n}.out"), "--force"])
        except SystemExit as e:
            (out / f"{n}.code").write_text(str(e.code))
""")


def available(args: tuple[str, ...]) -> bool:
    fmt = args[args.index("--format") + 1]
    module = {"html": "npmcheck.render.html"}.get(fmt)
    if args[0] == "report":
        module = "npmcheck.render.markdown"
    if module is None:
        return True
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def test_outputs_are_byte_identical_across_runs(tmp_path: Path) -> None:
    """Two processes with different hash seeds, SOURCE_DATE_EPOCH fixed: the same bytes."""
    commands = [list(a) for a in OUTPUTS if available(a)]
    produced = []
    for seed in ("1", "2"):
        folder = tmp_path / f"run{seed}"
        folder.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1767225600",
               "NPMCHECK_BUNDLED": "0", "NPMCHECK_CACHE": str(tmp_path / f"cache{seed}"),
               "LANG": "C.UTF-8"}
        subprocess.run([sys.executable, "-c", DRIVER, str(folder), json.dumps(commands),
                        str(MINI)], env=env, check=True, timeout=120)
        produced.append(folder)
    for n, args in enumerate(commands):
        first, second = ((f / f"{n}.out") for f in produced)
        assert (produced[0] / f"{n}.code").read_text() == "0", args
        assert first.read_bytes() == second.read_bytes(), args
        assert first.stat().st_size > 0, args


# ---------------------------------------------------------------- CSV formulas


@settings(SETTINGS, max_examples=200)
@given(text=st.text(max_size=20), start=st.sampled_from(["=", "+", "-", "@", "\t", "\r", ""]))
def test_csv_cells_never_start_a_formula(text: str, start: str) -> None:
    cell = csv_cell(start + text)
    assert not cell.startswith(FORMULA_START)
    assert cell in (start + text, "'" + start + text)
    padded = csv_cell("  " + start + text)  # spreadsheets that trim the spaces first
    assert padded.startswith("'") or not padded.lstrip().startswith(FORMULA_START)


@pytest.mark.parametrize("text", ["  =1+1", " \t+SUM(A1)", "\u00a0@cmd"])
def test_csv_cells_neutralise_a_formula_after_leading_spaces(text: str) -> None:
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("payload", ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3",
                                     "@SUM(A1:A2)", "=cmd|' /C calc'!A0"])
def test_csv_output_of_commands_is_neutralised(cli: Cli, tmp_path: Path, payload: str) -> None:
    data = json.loads(json.dumps(yaml.safe_load((MINI / "profiles" / "nonparty.yaml").read_text()),
                                 default=str))
    data["country"]["id"] = "formula"
    data["country"]["name"]["en"] = payload
    data["findings"]["mandate.pre-mapping"]["note"] = {"en": payload, "ru": payload}
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "formula.yaml").write_bytes(dump(data))
    for args in (("assess", "formula", "--format", "csv"),
                 ("compare", "--all", "--criteria", "--format", "csv")):
        code, out, err = cli(*args, "--data", MINI, "--data", tmp_path)
        assert code == 0, err
        cells = [c for row in csv.reader(io.StringIO(out)) for c in row]
        assert cells
        assert not [c for c in cells if c.startswith(FORMULA_START)], args
    code, out, _ = cli("assess", "formula", "--format", "csv", "--data", MINI, "--data",
                       tmp_path)
    assert "'" + payload in out.replace('""', '"')


# ---------------------------------------------------------------- fast paths change nothing


def test_one_line_escapes_only_what_cannot_be_seen() -> None:
    assert one_line("Kyrgyzstan / Кыргызстан: 'x'") == "Kyrgyzstan / Кыргызстан: 'x'"
    assert one_line("a\nb\t\u200b\u202e\ud800") == "a\\nb\\t\\u200b\\u202e\\ud800"


@pytest.mark.usefixtures("fresh_cache")
def test_cached_workspace_is_the_workspace(monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    """A hit gives what a fresh load gives; editing a file or a new day gives a fresh load."""
    folder = tmp_path / "data"
    (folder / "profiles").mkdir(parents=True)
    (folder / "profiles" / "operating.yaml").write_text(BASE_TEXT)
    fresh = workspace.load([MINI, folder])
    hit = workspace.load([MINI, folder])
    assert hit is not fresh and hit == fresh and hit.all_problems() == fresh.all_problems()
    monkeypatch.setenv("NPMCHECK_NO_CACHE", "1")
    assert workspace.load([MINI, folder]) == fresh
    monkeypatch.delenv("NPMCHECK_NO_CACHE")

    (folder / "profiles" / "operating.yaml").write_text(BASE_TEXT.replace("2014-03", "2014-04"))
    edited = workspace.load([MINI, folder])
    body = edited.profiles["operating"].npm.history[0]
    assert body.operational is not None and body.operational.month == 4

    import datetime as dt

    monkeypatch.setattr(workspace, "today", lambda: dt.date(2025, 12, 31))
    earlier = workspace.load([MINI, folder])
    assert any(p.code == "R108" for p in earlier.all_problems())  # as_of is "in the future"
    assert "operating" not in earlier.profiles


@pytest.mark.usefixtures("fresh_cache")
def test_damaged_cache_entry_is_only_a_miss(monkeypatch: pytest.MonkeyPatch) -> None:
    first = workspace.load([MINI])
    entries = list(Path(os.environ["NPMCHECK_CACHE"]).glob("workspace/*.pickle"))
    assert len(entries) == 1
    entries[0].write_bytes(b"not a pickle")
    assert workspace.load([MINI]) == first


@settings(SETTINGS, max_examples=40)
@given(raw=st.one_of(data_mutation(), text_leaves()))
def test_inlined_schema_finds_the_same_problems(raw: bytes) -> None:
    """schema.py validates against the schema with its references inlined (faster): the
    problems found are exactly those of the schema as written."""
    from jsonschema import Draft202012Validator

    from npmcheck.load import schema

    doc, _ = load_bytes(raw, "input.yaml")
    if doc is None:
        return
    written = Draft202012Validator(schema.load_schema("profile"))
    expected = schema._dedupe(sorted(schema._problem(doc, e)
                                     for e in written.iter_errors(doc.data)))
    assert schema._dedupe(sorted(schema._problem(doc, e)
                                 for e in schema._validator("profile").iter_errors(doc.data))) \
        == expected


def test_inlined_schemas_keep_every_rule() -> None:
    from npmcheck.load import schema

    for name in ("profile", "catalogue"):
        written = schema.load_schema(name)
        inlined = schema.inline_refs(written)
        assert inlined["$defs"] == written["$defs"]
        body = {k: v for k, v in inlined.items() if k != "$defs"}
        assert '"$ref": "#/$defs/' not in json.dumps(body) or name == "catalogue"


@settings(SETTINGS, max_examples=300)
@given(findings=st.lists(st.tuples(st.integers(1, 5), st.sampled_from(
    ["met", "partial", "not_met", "unknown", "not_applicable"]), st.booleans()), max_size=60))
def test_score_in_whole_numbers_matches_fractions(findings: list[tuple[int, str, bool]]
                                                  ) -> None:
    """score_of sums half-points as integers; the result is the Fraction formula's."""
    from fractions import Fraction
    from types import SimpleNamespace

    from npmcheck.domain.scoring import POINTS, percent, score_of

    items: Any = [SimpleNamespace(criterion=SimpleNamespace(weight=w), status=s,
                                  inferred=inferred and s == "not_met")
                  for w, s, inferred in findings]
    applicable = [f for f in items if f.status != "not_applicable"]
    weight = Fraction(sum(f.criterion.weight for f in applicable))
    earned = sum((f.criterion.weight * POINTS[f.status] for f in applicable), Fraction(0))
    known = Fraction(sum(f.criterion.weight for f in applicable
                         if f.status != "unknown" and not f.inferred))
    inferred = Fraction(sum(f.criterion.weight for f in applicable if f.inferred))
    unknown = Fraction(sum(f.criterion.weight for f in applicable
                           if f.status == "unknown" and not f.inferred))
    scores = score_of(items)
    assert (scores.score, scores.coverage, scores.inferred, scores.score_max) == (
        percent(earned, weight), percent(known, weight), percent(inferred, weight),
        percent(earned + unknown, weight))


def test_topological_order_is_computed_once_per_catalogue() -> None:
    from npmcheck.domain.scoring import _topological, topological

    catalogue = workspace.load([MINI]).catalogue()
    first = topological(catalogue)
    assert first == _topological(catalogue)
    first.reverse()  # a caller changing its list does not change the next answer
    assert topological(catalogue) == _topological(catalogue)
    position = {c.id: i for i, c in enumerate(topological(catalogue))}
    assert all(position[r] < position[c.id] for c in catalogue.criteria for r in c.requires)


def test_cache_key_names_files_as_display_path_does(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    from npmcheck.load.paths import display_path

    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.yaml").write_text("x: 1\n")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "b.yaml").symlink_to(tmp_path / "real" / "a.yaml")
    monkeypatch.chdir(tmp_path)
    paths = [Path("real/a.yaml"), Path("link/a.yaml"), Path("real/b.yaml"),
             tmp_path / "link" / "b.yaml", Path("real/../real/a.yaml"), Path("/etc/hostname"),
             Path("missing/c.yaml")]
    folders: dict[Path, Path] = {}
    cwd = Path.cwd().resolve()
    assert [workspace._shown(p, cwd, folders) for p in paths] == [display_path(p) for p in paths]


def test_program_exit_flushes_everything(tmp_path: Path) -> None:
    """Run as a program, npmcheck leaves without Python's slow orderly exit (cli._leave): all
    output still arrives, exit codes are kept, and a reader that stops early is no error."""
    program = Path(sys.executable).with_name("npmcheck")
    env = {**os.environ, "NPMCHECK_BUNDLED": "0", "NPMCHECK_CACHE": str(tmp_path / "cache")}
    big = subprocess.run([program, "compare", "--all", "--criteria", "--format", "json",
                          "--data", MINI], env=env, capture_output=True, timeout=60, check=False)
    assert big.returncode == 0 and json.loads(big.stdout)["criteria"]
    bad = subprocess.run([program, "assess", "nowhere", "--data", MINI], env=env,
                         capture_output=True, text=True, timeout=60, check=False)
    assert bad.returncode == 2 and bad.stderr.startswith("npmcheck: E201")
    many = tmp_path / "many" / "profiles"
    many.mkdir(parents=True)
    for n in range(250):  # enough output to fill a pipe: the writer meets the closed end
        name = "many-" + chr(97 + n // 26) + chr(97 + n % 26)
        (many / f"{name}.yaml").write_text(BASE_TEXT.replace("id: operating", f"id: {name}"))
    command: list[str | Path] = [program, "compare", "--all", "--criteria", "--format", "json",
                                 "--data", MINI, "--data", many.parent]
    assert len(subprocess.run(command, env=env, capture_output=True, timeout=60,
                              check=True).stdout) > 100_000
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE) as early:
        assert early.stdout is not None and early.stderr is not None
        early.stdout.read(10)
        early.stdout.close()
        assert early.wait(timeout=60) == 0
        assert early.stderr.read() == b""


@pytest.mark.parametrize("value", ["0", "off", "no"])
def test_cache_switched_off_by_word_writes_nothing(value: str, tmp_path: Path) -> None:
    """NPMCHECK_CACHE=0 means "no cache", never a folder named "0" in the current directory."""
    env = {**os.environ, "NPMCHECK_BUNDLED": "0", "NPMCHECK_CACHE": value}
    env.pop("NPMCHECK_NO_CACHE", None)
    done = subprocess.run([sys.executable, "-m", "npmcheck", "validate", str(MINI)], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- a full disk, a crowd at the cache


def _small_disk(folder: Path) -> bool:
    """A 64 KiB tmpfs at `folder`, where this process may mount one (root on Linux)."""
    folder.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("mount"):
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                          capture_output=True, timeout=30)
    return done.returncode == 0


def test_a_full_disk_on_output_leaves_no_file_behind(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    if not _small_disk(disk):
        pytest.skip("a full disk needs a small tmpfs, and mounting one needs root on Linux")
    try:
        (disk / "filler").write_bytes(b"x" * 40_000)  # a report of the bundled TM is ~100 KB
        env = {**os.environ, "NPMCHECK_CACHE": str(tmp_path / "cache")}
        env.pop("NPMCHECK_BUNDLED", None)
        done = subprocess.run([sys.executable, "-m", "npmcheck", "report", "turkmenistan", "-o",
                               str(disk / "tm.html")], capture_output=True, text=True, env=env,
                              timeout=60)
        assert (done.returncode, done.stdout) == (2, "")
        assert done.stderr.count("\n") == 1 and "No space left on device" in done.stderr
        assert "Traceback" not in done.stderr
        assert sorted(p.name for p in disk.iterdir()) == ["filler"]  # no tm.html, no temp file
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True, timeout=30)


def test_many_processes_creating_the_cache_at_once(tmp_path: Path) -> None:
    """Eight commands start together with no cache yet: each gives the same answer, and the
    cache they leave serves the next one."""
    env = {**os.environ, "NPMCHECK_CACHE": str(tmp_path / "cache"), "NPMCHECK_BUNDLED": "0"}
    env.pop("NPMCHECK_NO_CACHE", None)
    command = [sys.executable, "-m", "npmcheck", "assess", "operating", "--format", "json",
               "--data", str(MINI)]
    crowd = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
             for _ in range(8)]
    results = [(p.communicate(timeout=120), p.returncode) for p in crowd]
    assert {code for _, code in results} == {0}
    assert {err for (_, err), _ in results} == {b""}
    answers = {out for (out, _), _ in results}
    assert len(answers) == 1
    assert (tmp_path / "cache").is_dir() and any((tmp_path / "cache").rglob("*"))
    after = subprocess.run(command, capture_output=True, env=env, timeout=60)
    assert (after.returncode, after.stdout, after.stderr) == (0, *answers, b"")
