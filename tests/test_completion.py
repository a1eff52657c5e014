"""Shell completion: the script installs, and country and criterion ids complete without delay.

Completion runs on every Tab press, so it must not read YAML or import the heavy libraries:
a fresh process is checked for what it imported, which catches a slowdown deterministically
(timings on a shared CI machine would not).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MINI, ROOT, imported_by, run_cli
from npmcheck import fastcomplete
from npmcheck.cli import main

HEAVY = ("yaml", "jsonschema", "pydantic", "rich", "jinja2", "docx", "openpyxl", "babel",
         "matplotlib", "weasyprint")


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


def imported(tmp_path: Path, args: list[str], env: dict[str, str]) -> tuple[str, set[str]]:
    """(stdout, top-level modules imported) of `npmcheck ARGS` in a fresh process."""
    return imported_by(tmp_path, args,
                       {"NPMCHECK_BUNDLED": "0", "NPMCHECK_PATH": str(MINI), **env})


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


def test_russian_numbers_and_dates_load_no_babel(tmp_path: Path) -> None:
    """Russian numbers and month names come from CLDR through i18n/cldr.py, which update_po.py
    writes with Babel: the program never loads Babel's locale data (50-100 ms)."""
    env = {"NPMCHECK_CACHE": str(tmp_path / "cache")}
    out, modules = imported(tmp_path, ["assess", "nonparty", "--lang", "ru"], env)
    assert "из 100" in out
    assert "babel" not in modules


# ---------------------------------------------------------------- the fast path (entry.py)

def full_answer(env: dict[str, str]) -> str:
    """What the whole CLI (Typer and Click) prints for this completion request."""
    out = io.StringIO()
    with mock.patch.dict(os.environ, env), contextlib.redirect_stdout(out), \
            pytest.raises(SystemExit) as done:
        main([])
    assert done.value.code in (0, None)
    return out.getvalue()


def fast_answer(env: dict[str, str]) -> str | None:
    """What the fast path of entry.py prints, or None where it leaves the answer to Click."""
    with mock.patch.dict(os.environ, env):
        return fastcomplete.answer(os.environ)


def bash_env(line: str, cword: int | None = None) -> dict[str, str]:
    words = line.split()
    return {"_NPMCHECK_COMPLETE": "complete_bash", "COMP_WORDS": line, "NPMCHECK_PATH": str(MINI),
            "COMP_CWORD": str(cword if cword is not None else
                              len(words) - (0 if line.endswith(" ") else 1))}


def test_fast_path_knows_the_commands_as_the_cli_declares_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """fastcomplete.COMMANDS lists, for every command, the options that take a value, the
    flags, and what completes the argument and each option, exactly as the Typer app has
    them: a new option or command in cli.py fails here until the table follows."""
    import typer.main

    from npmcheck import cli
    from npmcheck.load import roots

    monkeypatch.setenv("NPMCHECK_PATH", str(MINI))
    countries, criteria = roots.country_ids(""), roots.criterion_ids("")
    assert countries and criteria

    def kind(command: Any, param: Any) -> str | None:
        """What completes the parameter, found by asking it (Click's public shell_complete)."""
        with command.make_context(command.name, [], resilient_parsing=True) as ctx:
            offered = [item.value for item in param.shell_complete(ctx, "")]
        return {tuple(countries): fastcomplete.COUNTRY,
                tuple(criteria): fastcomplete.CRITERION}.get(tuple(offered))

    seen: dict[tuple[str, ...], fastcomplete.Shape] = {}
    groups: set[tuple[str, ...]] = set()

    def walk(group: Any, path: tuple[str, ...]) -> None:
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                groups.add((*path, name))
                walk(command, (*path, name))
                continue
            arguments = [p for p in command.params if p.param_type_name == "argument"]
            options = [p for p in command.params if p.param_type_name == "option"]
            assert len(arguments) <= 1
            flags = {o for p in options if p.is_flag or p.count
                     for o in (*p.opts, *p.secondary_opts)}
            values = {o for p in options if not (p.is_flag or p.count) for o in p.opts}
            assert all(p.nargs == 1 for p in options)
            completes = {o: k for p in options if (k := kind(command, p)) for o in p.opts}
            argument = arguments[0] if arguments else None
            seen[(*path, name)] = fastcomplete.Shape(
                argument.nargs if argument else 0,
                kind(command, argument) if argument else None,
                frozenset(values), frozenset(flags - {"-h", "--help"}), completes)

    walk(typer.main.get_command(cli.app), ())
    assert groups == fastcomplete.GROUPS
    assert set(seen) == set(fastcomplete.COMMANDS)
    for path, shape in seen.items():
        table = fastcomplete.COMMANDS[path]
        assert (table.nargs, table.argument, table.takes_value, table.flags,
                dict(table.completes)) == (shape.nargs, shape.argument, shape.takes_value,
                                           shape.flags, dict(shape.completes)), path


ANSWERED = ["npmcheck assess no", "npmcheck assess ", "npmcheck roadmap -f json op",
            "npmcheck compare nonparty op", "npmcheck compare --all --lang ru ",
            "npmcheck diff x --from 2020-01-01 ", "npmcheck report --force no",
            "npmcheck criteria ratification.", "npmcheck criteria MAN",
            "npmcheck interview x --start mandate.", "npmcheck interview --start ",
            "npmcheck recommendations --criterion rat", "npmcheck recommendations zz",
            "npmcheck sheet export o", "npmcheck assess -d /tmp -l en --as-of 2024-01-01 "]
LEFT_TO_CLICK = ["npmcheck as", "npmcheck ", "npmcheck assess --", "npmcheck assess -f ",
                 "npmcheck assess nonparty ", "npmcheck assess --format=json no",
                 "npmcheck assess -- no", "npmcheck assess --help no", "npmcheck sheet ",
                 "npmcheck assess 'no", "npmcheck sheet import ", "npmcheck countries ",
                 "npmcheck assess --format --force no", "npmcheck --traceback assess no",
                 "npmcheck validate ", "npmcheck interview --area "]


@pytest.mark.parametrize("line", ANSWERED)
def test_fast_path_answers_ids_as_the_cli_does(line: str) -> None:
    env = bash_env(line)
    fast = fast_answer(env)
    assert fast is not None
    assert fast == full_answer(env)
    assert fast.strip() or line.endswith(("zz", "MAN"))


@pytest.mark.parametrize("line", LEFT_TO_CLICK)
def test_fast_path_leaves_everything_else_to_click(line: str) -> None:
    assert fast_answer(bash_env(line)) is None


WORDS = st.sampled_from(["assess", "compare", "criteria", "roadmap", "diff", "interview",
                         "recommendations", "sheet", "export", "import", "report", "validate",
                         "countries", "no", "op", "nonparty", "ratification.", "mandate.", "",
                         "-f", "json", "--format", "--lang", "-l", "ru", "--force", "--all",
                         "--start", "--criterion", "--as-of", "--", "-", "--help", "-fjson",
                         "--format=json", "-o", "x.html", "--data", "-d", "--bogus"])


@settings(max_examples=300, deadline=None)
@given(words=st.lists(WORDS, max_size=6), cword=st.integers(0, 8), trailing=st.booleans())
def test_fast_path_agrees_with_the_cli_on_random_lines(words: list[str], cword: int,
                                                       trailing: bool) -> None:
    """Wherever the fast path answers, the full CLI gives the very same text."""
    line = " ".join(["npmcheck", *words]) + (" " if trailing else "")
    env = bash_env(line, cword)
    fast = fast_answer(env)
    if fast is not None:
        assert fast == full_answer(env), line


def test_bundled_fast_path_agrees(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NPMCHECK_BUNDLED")
    for line in ("npmcheck assess tu", "npmcheck criteria ind", "npmcheck compare "):
        env = {**bash_env(line), "NPMCHECK_PATH": ""}
        fast = fast_answer(env)
        assert fast is not None and fast.strip()
        assert fast == full_answer(env)


def test_tab_on_an_id_imports_neither_typer_nor_click(tmp_path: Path) -> None:
    """What bash runs on Tab, through the installed entry point: the ids come out, and the
    process imported no Typer, Click, dataclasses or YAML (`-X importtime` lists them)."""
    env = {**os.environ, "NPMCHECK_BUNDLED": "0", **bash_env("npmcheck assess no")}
    done = subprocess.run([sys.executable, "-X", "importtime", "-c",
                           "import sys; sys.argv = ['npmcheck']; "
                           "from npmcheck.entry import main; main()"],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "nonparty\n"
    modules = {line.split("|")[-1].strip().split(".")[0]
               for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "npmcheck" in modules
    assert not modules & {"typer", "click", "rich", "yaml", "dataclasses", "typing"}, modules
