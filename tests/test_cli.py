"""The public CLI: data discovery, country resolution, languages, errors and exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINI, ROOT


def test_help_lists_every_command(cli) -> None:
    code, out, _ = cli("--help")
    assert code == 0
    for command in ("validate", "criteria", "countries", "assess", "compare", "roadmap", "report"):
        assert command in out


def test_version_names_tool_and_catalogue(cli) -> None:
    code, out, _ = cli("--version")
    assert code == 0
    assert out.startswith("npmcheck ")
    assert "criteria catalogue" in out


@pytest.mark.parametrize("query", ["nonparty", "XA", "xa", "Nonparty", "НЕУЧАСТНИЦА",
                                   "  nonparty  "])
def test_country_resolution(cli, query: str) -> None:
    code, out, _ = cli("assess", query, "--data", MINI, "--format", "json")
    assert code == 0
    assert json.loads(out)["country"]["id"] == "nonparty"


def test_unknown_country_suggests(cli) -> None:
    code, out, err = cli("assess", "nonprty", "--data", MINI)
    assert code == 2
    assert out == ""
    assert err.strip() == "npmcheck: E201 no profile 'nonprty'; did you mean 'nonparty'?"


def test_country_is_never_a_path(cli, tmp_path: Path) -> None:
    target = tmp_path / "nonparty.yaml"
    shutil.copy(MINI / "profiles" / "nonparty.yaml", target)
    code, _, err = cli("assess", str(target), "--data", MINI)
    assert code == 2 and "E201" in err
    code, _, err = cli("assess", "../../etc/passwd", "--data", MINI)
    assert code == 2 and "E201" in err


def test_profile_option_loads_a_file(cli, tmp_path: Path) -> None:
    target = tmp_path / "draft.yaml"
    text = (MINI / "profiles" / "nonparty.yaml").read_text()
    target.write_text(text.replace("id: nonparty", "id: draftland"))
    code, out, _ = cli("assess", "--profile", target, "--data", MINI, "--format", "json")
    assert code == 0
    assert json.loads(out)["country"]["id"] == "draftland"


def test_profile_option_reports_errors_of_that_file(cli, tmp_path: Path) -> None:
    target = tmp_path / "broken.yaml"
    target.write_text("country: [\n")
    code, _, err = cli("assess", "--profile", target, "--data", MINI)
    assert code == 2
    assert "broken.yaml:" in err and "Y004" in err
    assert "Traceback" not in err


def test_broken_named_profile_shows_its_errors(cli, tmp_path: Path) -> None:
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "brokenland.yaml").write_text("country: {id: brokenland}\n")
    code, _, err = cli("assess", "brokenland", "--data", MINI, "--data", tmp_path)
    assert code == 2
    assert "brokenland.yaml:1:" in err


def test_user_profile_replaces_bundled_one(cli, tmp_path: Path) -> None:
    (tmp_path / "profiles").mkdir()
    text = (MINI / "profiles" / "nonparty.yaml").read_text()
    (tmp_path / "profiles" / "mine.yaml").write_text(
        text.replace("status: partial", "status: met"))
    _, before, _ = cli("assess", "nonparty", "--data", MINI, "--format", "json")
    _, after, _ = cli("assess", "nonparty", "--data", MINI, "--data", tmp_path,
                      "--format", "json")
    assert json.loads(after)["score"] > json.loads(before)["score"]


def test_npmcheck_path_variable(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NPMCHECK_PATH", str(MINI))
    code, out, _ = cli("countries", "--format", "json")
    assert code == 0
    assert [c["id"] for c in json.loads(out)] == ["nonparty", "operating"]


def test_missing_data_folder(cli) -> None:
    code, _, err = cli("countries", "--data", "no/such/folder")
    assert code == 2
    assert "E205" in err


def test_a_data_folder_named_twice_counts_once(cli) -> None:
    """Read twice, the folder's criteria clashed with themselves (R103) and nothing loaded."""
    code, out, err = cli("assess", "operating", "--data", MINI, "--data", f"{MINI}/")
    assert code == 0 and out.startswith("Operating (XB)"), err
    code, out, _ = cli("validate", "--data", MINI, "--data", MINI)
    assert code == 0 and "files checked: 3;" in out


def test_criteria_table_json_md(cli) -> None:
    code, out, _ = cli("criteria", "--data", MINI)
    assert code == 0 and "mandate.all-places" in out and "8 criteria" in out
    code, out, _ = cli("criteria", "--data", MINI, "--format", "json")
    data = json.loads(out)
    assert {"id", "area", "weight"} <= set(data["criteria"][0])
    assert len(data["criteria"]) == 8
    code, out, _ = cli("criteria", "--data", MINI, "--format", "md")
    assert out.startswith("# Mini test catalogue")
    assert "| `mandate.all-places`" not in out and "### `mandate.all-places`" in out


def test_one_criterion_in_full_in_russian(cli) -> None:
    code, out, _ = cli("criteria", "mandate.all-places", "--data", MINI, "--lang", "ru")
    assert code == 0
    assert "Все места" in out and "Охватывает ли закон все места?" in out
    assert "ФП КПП" in out


def test_unknown_criterion_suggests(cli) -> None:
    code, _, err = cli("criteria", "mandate.all-place", "--data", MINI)
    assert code == 2
    assert "did you mean 'mandate.all-places'?" in err


def test_countries_table_and_json(cli) -> None:
    code, out, _ = cli("countries", "--data", MINI)
    assert code == 0 and "NPM operating" in out
    code, out, _ = cli("countries", "--data", MINI, "--format", "json")
    rows = json.loads(out)
    assert rows[0]["id"] == "nonparty" and rows[0]["stage"] == "not-party"


def test_language_from_environment(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NPMCHECK_LANG", "ru")
    _, out, _ = cli("countries", "--data", MINI)
    assert "Не является участником" in out and "НПМ работает" in out
    monkeypatch.delenv("NPMCHECK_LANG")
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    _, out, _ = cli("countries", "--data", MINI)
    assert "Не является участником" in out and "НПМ работает" in out
    _, out, _ = cli("countries", "--data", MINI, "--lang", "en")
    assert "Not a party to OPCAT" in out


def test_bad_option_value_is_usage_error(cli) -> None:
    code, _, err = cli("assess", "nonparty", "--data", MINI, "--format", "pdf")
    assert code == 2 and "pdf" in err
    code, _, err = cli("assess", "nonparty", "--data", MINI, "--as-of", "2020-13-01")
    assert code == 2 and "YYYY-MM-DD" in err


def test_internal_error_exit_3_without_traceback(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from npmcheck import commands

    def boom(*args: object) -> int:
        raise RuntimeError("simulated bug")

    # raising=False: the module is not imported yet in a test process that ran no countries
    monkeypatch.setattr(commands, "countries", boom, raising=False)
    code, _, err = cli("countries", "--data", MINI)
    assert code == 3
    assert "internal error" in err and "--traceback" in err
    assert "Traceback" not in err


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NPMCHECK")}
    env["NPMCHECK_BUNDLED"] = "0"
    return env


def test_python_dash_m_runs(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "npmcheck", "assess", "operating", "--data",
                             str(MINI), "--format", "json"], capture_output=True, text=True,
                            cwd=tmp_path, env=_env(), timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["stage"]["id"] == "npm-operating"


def test_installed_entry_point_from_another_folder(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("npmcheck")
    assert exe.exists(), "the npmcheck entry point is not installed beside this Python"
    result = subprocess.run([str(exe), "assess", "nosuchland", "--data", str(MINI)],
                            capture_output=True, text=True, cwd=tmp_path, env=_env(), timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().startswith("npmcheck: E201 no profile 'nosuchland'")
    assert "Traceback" not in result.stderr


def test_readme_commands_are_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "pip install . && .venv/bin/npmcheck assess turkmenistan" in readme
    assert "<!-- test-command -->" in readme
    assert "test-command" in (ROOT / ".ci" / "run").read_text()


def test_format_choices_come_from_the_renderer_registry(capsys: pytest.CaptureFixture[str]) -> None:
    """Every --format a command offers is one the registry can render, and nothing else."""
    from npmcheck import cli
    from npmcheck.render import registry

    for command in registry.FORMATS:
        with pytest.raises(SystemExit):
            cli.main([registry.OPTION_OF.get(command, command), "--help"])
        shown = capsys.readouterr().out
        for fmt in registry.formats(command):
            assert fmt in shown, (command, fmt)
            registry.renderer(command, fmt)  # importable, with a function for the command
