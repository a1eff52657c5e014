"""Shell completion: the script installs, and country and criterion ids complete without delay.

Completion runs on every Tab press, so it must not read YAML or import the heavy libraries:
a fresh process is checked for what it imported, which catches a slowdown deterministically
(timings on a shared CI machine would not).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINI, ROOT, run_cli

HEAVY = ("yaml", "jsonschema", "pydantic", "rich", "jinja2", "docx", "openpyxl", "matplotlib",
         "weasyprint")


def complete(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
             words: str) -> list[str]:
    """What bash completion offers for the last word of `words` (click's protocol)."""
    monkeypatch.setenv("_NPMCHECK_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", words)
    monkeypatch.setenv("COMP_CWORD", str(len(words.split()) - (0 if words.endswith(" ") else 1)))
    code, out, _ = run_cli(capsys)
    monkeypatch.delenv("_NPMCHECK_COMPLETE")
    assert code == 0
    return out.split()


def test_bash_completion_script(cli: Callable[..., tuple[int, str, str]]) -> None:
    code, out, _ = cli("--show-completion", "bash")
    assert code == 0
    assert "_NPMCHECK_COMPLETE=complete_bash" in out
    assert "complete -o default -F _npmcheck_completion npmcheck" in out


def test_commands_complete(capsys: pytest.CaptureFixture[str],
                           monkeypatch: pytest.MonkeyPatch) -> None:
    assert complete(capsys, monkeypatch, "npmcheck as") == ["assess"]
    assert complete(capsys, monkeypatch, "npmcheck c") == ["criteria", "countries", "compare"]


def test_country_ids_complete(capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NPMCHECK_PATH", str(MINI))
    assert complete(capsys, monkeypatch, "npmcheck assess no") == ["nonparty"]
    assert complete(capsys, monkeypatch, "npmcheck roadmap ") == ["nonparty", "operating"]
    assert complete(capsys, monkeypatch, "npmcheck compare nonparty op") == ["operating"]
    assert complete(capsys, monkeypatch, "npmcheck report zz") == []


@pytest.mark.usefixtures("bundled")
def test_bundled_country_completes(capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    if not (ROOT / "profiles" / "turkmenistan.yaml").exists():
        pytest.skip("the bundled Turkmenistan profile is not in this checkout")
    assert "turkmenistan" in complete(capsys, monkeypatch, "npmcheck assess tu")


def test_criterion_ids_complete(capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NPMCHECK_PATH", str(MINI))
    found = complete(capsys, monkeypatch, "npmcheck criteria ratification.")
    assert "ratification.cat-party" in found
    assert all(c.startswith("ratification.") for c in found)
    assert complete(capsys, monkeypatch, "npmcheck criteria mandate.all") == ["mandate.all-places"]


PROBE = """
import json, sys
from npmcheck.cli import main
try:
    main(sys.argv[1:])
except SystemExit as e:
    code = e.code
sys.stdout.flush()
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def imported(tmp_path: Path, args: list[str], env: dict[str, str]) -> tuple[str, set[str]]:
    """(stdout, top-level modules imported) of `npmcheck ARGS` in a fresh process."""
    full = {**os.environ, "NPMCHECK_BUNDLED": "0", "NPMCHECK_PATH": str(MINI), **env}
    done = subprocess.run([sys.executable, "-c", PROBE, *args], env=full, cwd=tmp_path,
                          capture_output=True, text=True, timeout=60, check=False)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["code"] in (0, None), done.stderr
    return done.stdout, {m.split(".")[0] for m in report["modules"]}


def test_completion_reads_no_yaml_and_imports_nothing_heavy(tmp_path: Path) -> None:
    out, modules = imported(tmp_path, [], {"_NPMCHECK_COMPLETE": "complete_bash",
                                           "COMP_WORDS": "npmcheck assess no",
                                           "COMP_CWORD": "2"})
    assert out.split() == ["nonparty"]
    assert not modules & set(HEAVY), modules & set(HEAVY)


def test_everyday_commands_import_nothing_heavy_once_cached(tmp_path: Path) -> None:
    """With the validation cache filled, assess and compare neither parse YAML nor load
    jsonschema or pydantic: start-up is then little more than Python and Typer."""
    env = {"NPMCHECK_CACHE": str(tmp_path / "cache")}
    first, modules = imported(tmp_path, ["countries", "--format", "json"], env)
    assert "yaml" in modules  # the first run reads the files and fills the cache
    again, modules = imported(tmp_path, ["countries", "--format", "json"], env)
    assert again == first and json.loads(again)
    assert not modules & set(HEAVY), modules & set(HEAVY)
    for args in (["assess", "nonparty", "--format", "json"],
                 ["compare", "--all", "--format", "json"]):
        out, modules = imported(tmp_path, args, env)
        assert json.loads(out)
        assert not modules & set(HEAVY), modules & set(HEAVY)
