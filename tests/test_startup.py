"""The start-up budget (issue 10, docs/performance.md), guarded by what a fresh process imports
rather than by timings, which a shared machine makes noisy: a warm assess imports neither
jsonschema, jinja2, rich nor yaml, and a cold one (NPMCHECK_NO_CACHE=1) on the bundled data
imports neither jsonschema nor a YAML parser, because the bundled files ship with their schema
verdict (src/npmcheck/load/schemas/bundled-valid.txt) and their parse (bundled-parsed.pickle).
Both must be exactly what checking and parsing the bundled data in full gives, and a changed
copy of a bundled file is still parsed and checked in full."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, imported_by, run_cli
from npmcheck.load import schema
from npmcheck.load.yamlio import load_file

TM = ROOT / "profiles" / "turkmenistan.yaml"
pytestmark = pytest.mark.skipif(not TM.exists(), reason="no bundled Turkmenistan profile")


def imported(cwd: Path, args: list[str], env: dict[str, str]) -> tuple[str, set[str]]:
    """(stdout, top-level modules imported) of `npmcheck ARGS` on the bundled data."""
    return imported_by(cwd, args, {"NPMCHECK_BUNDLED": "1", **env})


def test_the_stamp_is_what_the_bundled_data_gives() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "stamp_bundled.py"),
                           "--check"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_every_stamped_file_passes_its_schema_in_full() -> None:
    """The stamp lists only files that the schema passes now, and every bundled file does."""
    listed = dict(line.split()[::-1] for line in schema.SHIPPED.read_text("utf-8").splitlines()
                  if line and not line.startswith("#"))
    files = sorted([*ROOT.glob("criteria/**/*.yaml"), *ROOT.glob("profiles/*.yaml")])
    assert sorted(listed) == [str(p.relative_to(ROOT)) for p in files]
    for path in files:
        kind: schema.SchemaName = \
            "catalogue" if "criteria" in path.relative_to(ROOT).parts else "profile"
        doc, problems = load_file(path)
        assert doc is not None and not problems
        assert schema.check(kind, doc) == []
        assert listed[str(path.relative_to(ROOT))] == schema.stamp(kind, doc)


def test_warm_assess_imports_nothing_heavy(tmp_path: Path) -> None:
    env = {"NPMCHECK_CACHE": str(tmp_path / "cache")}
    first, _ = imported(tmp_path, ["assess", "turkmenistan", "--format", "json"], env)
    again, modules = imported(tmp_path, ["assess", "turkmenistan", "--format", "json"], env)
    assert again == first and json.loads(again)["country"]
    assert not modules & {"yaml", "jsonschema", "jinja2", "rich", "docx", "openpyxl",
                          "babel"}, modules


def test_cold_assess_on_bundled_data_neither_parses_nor_validates(tmp_path: Path) -> None:
    out, modules = imported(tmp_path, ["assess", "turkmenistan", "--format", "json"],
                            {"NPMCHECK_NO_CACHE": "1"})
    assert json.loads(out)["country"]
    assert "yaml" not in modules  # every file was read and hashed, none parsed again
    assert "jsonschema" not in modules
    warm_env = {"NPMCHECK_CACHE": str(tmp_path / "cache")}
    imported(tmp_path, ["assess", "turkmenistan", "--format", "json"], warm_env)
    warm, _ = imported(tmp_path, ["assess", "turkmenistan", "--format", "json"], warm_env)
    assert out == warm


def test_the_shipped_parse_is_the_parse_of_every_bundled_file() -> None:
    """Reading a bundled file (from its shipped parse) gives exactly the document that parsing
    its text gives: data, the position of every value and key, and what YAML 1.1 re-read."""
    from npmcheck.load import yamlio
    from npmcheck.load.yamlparse import parse

    files = sorted([*ROOT.glob("criteria/**/*.yaml"), *ROOT.glob("profiles/*.yaml")])
    assert files
    for path in files:
        shipped, problems = load_file(path)
        assert shipped is not None and not problems
        assert yamlio._shipped_parse(shipped.digest) is not None, path
        fresh, problems = parse(path.read_text("utf-8-sig"), shipped.path, shipped.digest)
        assert fresh is not None and not problems
        assert (shipped.path, shipped.data, shipped.positions, shipped.key_positions,
                shipped.written, shipped.digest) == (fresh.path, fresh.data, fresh.positions,
                                                     fresh.key_positions, fresh.written,
                                                     fresh.digest)


def test_a_shipped_parse_made_by_other_reader_code_is_not_used(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from npmcheck.load import yamlio

    yamlio._shipped.cache_clear()
    monkeypatch.setattr(yamlio, "reader_stamp", lambda: "another reader")
    try:
        assert yamlio._shipped() == {}
        doc, problems = load_file(TM)
        assert doc is not None and not problems and doc.data["country"]["id"] == "turkmenistan"
    finally:
        yamlio._shipped.cache_clear()


@pytest.mark.usefixtures("bundled")
@pytest.mark.parametrize(("edit", "located"), [
    # a key given twice: found with its line, and the line of the first
    (lambda text: text.replace("\nas_of: ", "\ncatalogue: opcat\nas_of: ", 1), "Y006"),
    # a merge key, which YAML 1.1 reads as a tag
    (lambda text: text + "\nextra: &base {a: 1}\nmore:\n  <<: *base\n", "Y014"),
    # a syntax error
    (lambda text: text + "\nbroken: [1, 2\n", "Y004"),
])
def test_an_edited_bundled_profile_is_parsed_again(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        edit: Any, located: str) -> None:
    """The same file name with one edit: the shipped parse does not apply, and the YAML
    problem is reported at its line and column as for any other file."""
    from npmcheck.load.yamlparse import parse

    monkeypatch.setenv("NPMCHECK_NO_CACHE", "1")
    text = edit(TM.read_text("utf-8"))
    broken = tmp_path / "turkmenistan.yaml"
    broken.write_text(text, "utf-8")
    doc, problems = load_file(broken)
    assert doc is None
    expected = parse(text, problems[0].path, "")[1]
    assert problems == expected and problems[0].code == located
    code, out, err = run_cli(capsys, "validate", str(broken))
    assert code == 2
    first = problems[0]
    assert f"turkmenistan.yaml:{first.line}:{first.column}" in out + err
    assert located in out + err


@pytest.mark.usefixtures("bundled")
def test_a_changed_copy_of_a_bundled_profile_is_checked_in_full(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Same file name, one value changed: the stamp does not apply, the schema finds it."""
    monkeypatch.setenv("NPMCHECK_NO_CACHE", "1")
    broken = tmp_path / "turkmenistan.yaml"
    text = TM.read_text("utf-8")
    assert "\nas_of: " in text
    broken.write_text(text.replace("\nas_of: ", "\nas_of: not-a-date-", 1), "utf-8")
    code, out, err = run_cli(capsys, "validate", str(broken))
    assert code == 2
    assert "turkmenistan.yaml:" in out + err
    assert "as_of" in out + err
    copy = tmp_path / "copy.yaml"
    copy.write_text(text, "utf-8")
    code, _, _ = run_cli(capsys, "validate", str(copy))
    assert code == 0


def test_the_command_table_is_every_command_of_the_app() -> None:
    import typer.main

    from npmcheck import cli

    group = typer.main.get_command(cli.app)
    assert set(group.commands) - {"sheet"} == set(cli.COMMANDS)  # type: ignore[attr-defined]


def _run(application: object, args: list[str], capsys: pytest.CaptureFixture[str]
         ) -> tuple[object, str, str]:
    capsys.readouterr()
    try:
        code = application(args=args, prog_name="npmcheck", standalone_mode=False)  # type: ignore[operator]
    except Exception as e:  # a usage error: compare its text
        code = f"{type(e).__name__}: {e}"
    except SystemExit as e:
        code = e.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("args", [["assess", "--help"], ["compare", "-h"], ["report", "--help"],
                                  ["interview", "--help"], ["diff", "--help"],
                                  ["roadmap", "--top", "0"], ["validate", "-f", "nope"],
                                  ["criteria", "--bogus"], ["countries", "extra"]])
def test_a_command_alone_shows_what_the_whole_app_shows(
        args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """cli.main builds only the command named first; help and usage errors stay the same."""
    from npmcheck import cli

    assert cli._app_for(args) is not cli.app
    assert _run(cli._app_for(args), args, capsys) == _run(cli.app, args, capsys)


def test_the_whole_app_answers_everything_else() -> None:
    from npmcheck import cli

    for args in ([], ["--help"], ["--version"], ["asess"], ["sheet", "export"]):
        assert cli._app_for(args) is cli.app


def test_a_cache_hit_unpickles_only_the_profiles_asked_for(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The workspace entry keeps each profile packed until it is used; used or not, it is the
    same profile as a fresh load, and packing it again keeps it as it was."""
    import pickle

    from npmcheck.load import workspace

    monkeypatch.setenv("NPMCHECK_BUNDLED", "1")
    monkeypatch.setenv("NPMCHECK_CACHE", str(tmp_path / "cache"))
    fresh = workspace.load()
    hit = workspace.load()
    assert hit is not fresh
    assert list(hit.profiles) == list(fresh.profiles)
    assert len(hit.profiles._packed) == len(fresh.profiles)  # nothing unpacked yet
    assert hit.profiles["turkmenistan"] == fresh.profiles["turkmenistan"]
    assert len(hit.profiles._packed) == len(fresh.profiles) - 1
    again = pickle.loads(pickle.dumps(hit))
    assert again == hit == fresh
    del again.profiles["turkmenistan"]
    again.profiles["x"] = fresh.profiles["georgia"]
    assert "turkmenistan" not in again.profiles and again.profiles["x"] == hit.profiles["georgia"]


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=50), st.sampled_from(
    ["yes", "No", "~", "null", "0x1F", "1_000", "0o17", "051", "1:30", "2024-01-31", ".inf",
     "-.5e3", "true", "=", "<<", "", "+1", "2024-1-1 10:00:00"])),
       implicit=st.tuples(st.booleans(), st.booleans()))
def test_the_remembered_scalar_tags_are_the_resolvers(text: str,
                                                     implicit: tuple[bool, bool]) -> None:
    """yamlio looks up the tag of a short plain scalar once; twice asked, it is still what
    PyYAML's resolver says."""
    import yaml

    from npmcheck.load import yamlparse

    expected = yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, implicit)  # type: ignore[no-untyped-call]
    assert yamlparse._resolve(text, implicit) == expected
    assert yamlparse._resolve(text, implicit) == expected


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=4), inner, max_size=4), max_leaves=30)


@settings(max_examples=200, deadline=None)
@given(data=JSON)
def test_the_checks_walk_every_value_in_document_order(data: object) -> None:
    """checks._walk (a stack) yields what the plain recursive walk yields, in the same order."""

    from npmcheck.load import checks

    def recursive(value: Any, path: tuple[Any, ...] = ()) -> Any:
        yield path, value
        if isinstance(value, dict):
            for key, child in value.items():
                yield from recursive(child, (*path, key))
        elif isinstance(value, list):
            for index, child in enumerate(value):
                yield from recursive(child, (*path, index))

    assert list(checks._walk(data)) == list(recursive(data))


@pytest.mark.usefixtures("bundled")
def test_the_gaps_folded_under_each_criterion_are_as_the_plain_search_finds() -> None:
    """Assessment.folded_under groups the blocked gaps once; on every bundled profile it gives
    what the search over all findings for each criterion gave."""
    from npmcheck.domain.scoring import Assessment, Finding, assess
    from npmcheck.load import workspace

    def plain(a: Assessment, criterion_id: str) -> list[Finding]:
        by_id = {f.criterion.id: f for f in a.findings}
        out: list[Finding] = []
        stack = [criterion_id]
        while stack:
            current = stack.pop(0)
            for f in a.findings:
                if f.is_gap and f.blocked_by and f.blocked_by[0] == current \
                        and f.criterion.id not in {x.criterion.id for x in out}:
                    out.append(by_id[f.criterion.id])
                    stack.append(f.criterion.id)
        return out

    ws = workspace.load()
    folded = 0
    for profile in ws.profiles.values():
        a = assess(ws.catalogue(profile.catalogue), profile, profile.as_of)
        for criterion in a.catalogue.criteria:
            assert a.folded_under(criterion.id) == plain(a, criterion.id)
            folded += len(plain(a, criterion.id))
    assert folded > 0


@pytest.mark.usefixtures("fresh_cache")
def test_a_remembered_file_hash_is_used_only_while_the_file_is_unchanged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache key takes a settled file's content hash from its stat: such a file is not
    read on a hit, and an edit of the same size, as soon as it is made, gives a fresh load."""
    import shutil
    import time

    from conftest import MINI
    from npmcheck.load import workspace

    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    later = time.time_ns() + 10 * workspace.SETTLED_NS  # every file counts as settled
    monkeypatch.setattr(workspace, "now_ns", lambda: later)
    first = workspace.load([data])
    read: list[Path] = []
    real = Path.read_bytes

    def counted(path: Path) -> bytes:
        read.append(path)
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", counted)
    assert workspace.load([data]) == first
    assert not [p for p in read if data in p.parents]  # the key came from the stats alone
    profile = data / "profiles" / "operating.yaml"
    text = profile.read_text("utf-8")
    assert "2014-03" in text
    time.sleep(0.05)  # past the clock tick of the copy
    profile.write_text(text.replace("2014-03", "2014-04"), "utf-8")
    edited = workspace.load([data])
    assert edited != first
    body = edited.profiles["operating"].npm.history[0]
    assert body.operational is not None and body.operational.month == 4


@pytest.mark.usefixtures("fresh_cache")
def test_a_file_written_just_now_is_always_read(tmp_path: Path) -> None:
    """No hash is remembered for a file written in the last two seconds: an edit in the same
    clock tick could keep its size and times."""
    import shutil

    from conftest import MINI
    from npmcheck.load import workspace

    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    first = workspace.load([data])
    profile = data / "profiles" / "operating.yaml"
    stat = profile.stat()
    profile.write_text(profile.read_text("utf-8").replace("2014-03", "2014-04"), "utf-8")
    os.utime(profile, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the old modification time
    edited = workspace.load([data])
    assert edited != first
    assert edited.profiles["operating"].npm.history[0].operational.month == 4  # type: ignore[union-attr]


def test_the_code_stamp_lists_the_package_as_os_walk_does() -> None:
    from npmcheck.load import cache

    parts = []
    for folder, dirs, files in os.walk(cache._PACKAGE):
        dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "data"))
        for name in sorted(files):
            if name.endswith((".py", ".json", ".po", ".j2", ".html", ".css")):
                st = (Path(folder) / name).stat()
                parts.append(f"{folder}/{name}:{st.st_size}:{st.st_mtime_ns}")
    assert cache.code_stamp() == "\n".join(parts)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=60).map(lambda t: f"key: {t!r}\nother: [1, {t!r}]\n") | st.text(),
       bom=st.booleans())
def test_reading_bytes_is_reading_their_text(text: str, bom: bool) -> None:
    """load_bytes hashes the file's bytes as they are (no second encoding of the text): the
    document, its hash and any problem are those of load_text on the decoded text."""
    from npmcheck.load.yamlio import load_bytes, load_text

    raw = ("\ufeff" if bom else "").encode("utf-8") + text.encode("utf-8", "surrogatepass")
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return
    assert load_bytes(raw, "f.yaml") == load_text(decoded, "f.yaml")
    doc, _ = load_bytes(raw, "f.yaml")
    if doc is not None:
        assert doc.digest == load_text(decoded, "f.yaml")[0].digest  # type: ignore[union-attr]


def test_a_view_class_is_a_plain_dict_at_run_time() -> None:
    """The views declare TypedDicts for the type checker (mypy checks their keys); at run time
    their classes cost nothing to build and, called, give a plain dict, as typing's do."""
    import importlib
    import pkgutil

    import npmcheck.views
    from npmcheck.views.assessment import StageView

    view = StageView(id="party-no-npm", label="x", explanation="y")
    assert type(view) is dict and view == {"id": "party-no-npm", "label": "x", "explanation": "y"}
    classes = 0
    for module in pkgutil.iter_modules(npmcheck.views.__path__):
        loaded = importlib.import_module(f"npmcheck.views.{module.name}")
        for value in vars(loaded).values():
            if isinstance(value, type) and issubclass(value, dict) and \
                    value.__module__ == loaded.__name__:
                classes += 1
                assert issubclass(value, npmcheck.views.TypedDict)
                assert not hasattr(value, "__required_keys__")  # not typing's TypedDict
    assert classes > 30
