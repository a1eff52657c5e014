"""Hostile and careless inputs found by hand: each gives a located or a one-line error and
exit 2 (never an internal error, a traceback or a hang), or output that cannot be subverted.

Each test failed before the fix it describes, except the few that guard what a fix must keep
(plain text marks, the help without arguments). The last two were fixed in render/.
"""

from __future__ import annotations

import json
import locale
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import MINI, bounded

Cli = Callable[..., tuple[int, str, str]]
LOCATED = re.compile(r"^.+:[1-9]\d*:[1-9]\d*: [A-Z]\d{3} \S")
ONE_LINE = re.compile(r"^\S+: E2\d\d \S[^\n]*$")


def profile(name: str = "nonparty", **changes: Any) -> dict[str, Any]:
    """A fixture profile as plain data (dates as text), with top-level fields replaced."""
    data: dict[str, Any] = json.loads(json.dumps(
        yaml.safe_load((MINI / "profiles" / f"{name}.yaml").read_text("utf-8")), default=str))
    data.update(changes)
    return data


def write(path: Path, data: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def with_name(text: str) -> dict[str, Any]:
    data = profile()
    data["country"]["name"]["en"] = text
    return data


def one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]




# ---------------------------------------------------------------- option values


@pytest.mark.parametrize("args", [
    ("assess", "nonparty", "--format", "xml"),
    ("assess", "nonparty", "--as-of", "2024-13-01"),
    ("assess", "nonparty", "--fail-under", "abc"),
    ("assess", "nonparty", "operating"),
    ("assess", "nonparty", "--by", "actor"),
    ("roadmap", "nonparty", "--lang", "xx"),
    ("nosuchcommand",),
])
def test_usage_errors_are_one_line(cli: Cli, args: tuple[str, ...]) -> None:
    """Click printed the usage, a hint, a blank line and the message: four lines."""
    code, out, err = cli(*args, "--data", MINI) if args[0] != "nosuchcommand" else cli(*args)
    assert code == 2 and out == ""
    line = one_error_line(err)
    assert line.startswith("npmcheck: E204 ") and "--help" in line
    assert "Value error," not in line  # Pydantic's wording, not ours


def test_a_folder_given_as_a_file_is_one_line(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("assess", "--profile", tmp_path, "--data", MINI)
    assert code == 2 and "is a directory" in one_error_line(err)
    code, _, err = cli("report", "nonparty", "--data", MINI, "-o", tmp_path)
    assert code == 2 and "is a directory" in one_error_line(err)


def test_no_arguments_still_show_the_help(cli: Cli) -> None:
    code, out, err = cli()
    assert code == 2 and "Commands:" in out + err


@pytest.mark.parametrize("value", ["20240101", "2024-W01-1", "2024-001"])
def test_dates_must_be_written_yyyy_mm_dd(cli: Cli, value: str) -> None:
    """Python 3.11's fromisoformat takes these too; the option says YYYY-MM-DD."""
    code, _, err = cli("assess", "operating", "--data", MINI, "--as-of", value)
    assert code == 2 and "YYYY-MM-DD" in one_error_line(err)


def test_as_of_before_opcat_existed_is_refused(cli: Cli) -> None:
    code, out, err = cli("assess", "operating", "--data", MINI, "--as-of", "0001-01-01")
    assert code == 2 and out == ""
    assert ONE_LINE.match(one_error_line(err)) and "E204" in err and "adopted" in err


@pytest.mark.parametrize("fmt", ["table", "ics", "json"])
@pytest.mark.parametrize("date", ["9999-12-31", "9998-12-31", "2101-01-01"])
def test_deposit_date_far_ahead_is_refused(cli: Cli, fmt: str, date: str) -> None:
    """Was an internal error: the deadlines after it fall beyond year 9999."""
    code, out, err = cli("roadmap", "nonparty", "--data", MINI, "--deposit-date", date,
                         "--format", fmt)
    assert code == 2 and out == ""
    assert "E204" in one_error_line(err) and "2100-12-31" in err


def test_deposit_date_in_the_past_is_refused(cli: Cli) -> None:
    """Was accepted: 'deposited on 1 January 1000', every deadline 'passed'."""
    code, out, err = cli("roadmap", "nonparty", "--data", MINI, "--deposit-date", "1000-01-01")
    assert code == 2 and out == ""
    assert "E204" in one_error_line(err) and "2026-01-01" in err
    code, out, _ = cli("roadmap", "nonparty", "--data", MINI, "--deposit-date", "2026-01-01")
    assert code == 0 and "1 January 2026" in out


def test_unknown_npmcheck_lang_is_an_error(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """Was silently English, so a typo such as 'rus' gave an English report."""
    monkeypatch.setenv("NPMCHECK_LANG", "xx")
    code, out, err = cli("countries", "--data", MINI)
    assert code == 2 and out == "" and "NPMCHECK_LANG" in one_error_line(err)
    code, out, _ = cli("countries", "--data", MINI, "--lang", "ru")
    assert code == 0 and "Неучастница" in out


# ---------------------------------------------------------------- values in files


@pytest.mark.parametrize("date", ["0000", "0000-12"])
def test_year_zero_is_an_impossible_date(cli: Cli, tmp_path: Path, date: str) -> None:
    """Was an internal error (ValueError: year 0 is out of range) in every command."""
    data = profile(events=[{"date": date, "kind": "other", "title": {"en": "x"},
                            "sources": ["s1"]}])
    target = write(tmp_path / "year0.yaml", data)
    code, out, _ = cli("validate", target, "--data", MINI)
    assert code == 2 and any(LOCATED.match(line) and "R107" in line
                             for line in out.splitlines())
    code, _, err = cli("assess", "--profile", target, "--data", MINI)
    assert code == 2 and "R107" in err and "internal error" not in err


@pytest.mark.parametrize("number", ["0x" + "f" * 5000, "9" * 5000])
def test_a_very_long_number_is_a_plain_error(cli: Cli, tmp_path: Path, number: str) -> None:
    """A long hex number was an internal error (int-to-text limit); a long decimal one gave
    Python's advice to call sys.set_int_max_str_digits()."""
    target = tmp_path / "number.yaml"
    target.write_text(f"{(MINI / 'profiles' / 'nonparty.yaml').read_text()}count: {number}\n")
    code, out, _ = cli("validate", target, "--data", MINI)
    assert code == 2
    line = next(line for line in out.splitlines() if "Y004" in line)
    assert LOCATED.match(line) and "too long" in line and "sys." not in line


@pytest.mark.parametrize("text", [
    "\x1b[2J\x1b[31mred\x1b[0m", "bell\x07", "nul\x00byte", "csi\x9b31m", "del\x7f",
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
])
def test_control_characters_in_text_are_refused(cli: Cli, tmp_path: Path, text: str) -> None:
    """YAML refuses these characters in a file but lets them in as escapes ("\\e", "\\0");
    they reached the terminal, Markdown, HTML and calendar output as they were."""
    target = write(tmp_path / "ansi.yaml", with_name(f"Name {text}"))
    code, out, _ = cli("validate", target, "--data", MINI)
    assert code == 2
    line = next(line for line in out.splitlines() if "S105" in line)
    assert LOCATED.match(line) and line.isprintable() and "country.name.en" in line
    for fmt in ("table", "md"):
        code, out, err = cli("assess", "--profile", target, "--data", MINI, "--format", fmt)
        assert code == 2 and out == "" and "S105" in err


@pytest.mark.parametrize("char", ["\u202e", "\u202b", "\u2066", "\u2069"])
def test_direction_controls_in_text_are_refused(cli: Cli, tmp_path: Path, char: str) -> None:
    """An invisible right-to-left override showed the rest of a line, or a paragraph of a
    report, in reverse order."""
    data = with_name("Nonparty")
    data["findings"]["mandate.pre-mapping"]["note"] = {"en": f"met{char} not", "ru": "x"}
    target = write(tmp_path / "bidi.yaml", data)
    code, out, _ = cli("validate", target, "--data", MINI)
    assert code == 2
    line = next(line for line in out.splitlines() if "S105" in line)
    assert LOCATED.match(line) and line.isprintable() and "direction control" in line
    code, _, err = cli("report", "--profile", target, "--data", MINI, "-o", tmp_path / "r.md")
    assert code == 2 and "S105" in err and not (tmp_path / "r.md").exists()


def test_plain_text_marks_are_still_accepted(cli: Cli, tmp_path: Path) -> None:
    """Line breaks, tabs, right-to-left marks and zero-width spaces are ordinary text."""
    data = with_name("Name\u200f\u200b")
    data["findings"]["mandate.pre-mapping"]["note"] = {"en": "a\tb\nc\r\nd", "ru": "x"}
    code, _, err = cli("assess", "--profile", write(tmp_path / "ok.yaml", data), "--data", MINI)
    assert code == 0, err


@pytest.mark.parametrize(("field", "value"), [
    (("country", "code"), "XA\n"), (("country", "id"), "nonparty\n"),
    (("sources", 0, "url"), "https://example.org/s1\n"),
])
def test_a_final_line_break_does_not_pass_a_pattern(cli: Cli, tmp_path: Path,
                                                    field: tuple[Any, ...], value: str) -> None:
    """Python's '$' also matches before a final line break: "XA\\n" passed '^[A-Z]{2}$' and
    the country code printed on two lines."""
    data = profile()
    parent: Any = data
    for part in field[:-1]:
        parent = parent[part]
    parent[field[-1]] = value
    code, out, _ = cli("validate", write(tmp_path / "newline.yaml", data), "--data", MINI)
    assert code == 2 and any(LOCATED.match(line) and "S105" in line
                             for line in out.splitlines()), out


# ---------------------------------------------------------------- files that are not files


def test_a_pipe_is_not_read(cli: Cli, tmp_path: Path) -> None:
    """`validate PIPE` waited for ever for a writer; `--profile PIPE` said it did not exist."""
    pipe = tmp_path / "profile.yaml"
    os.mkfifo(pipe)
    with bounded(10):
        code, _, err = cli("validate", pipe, "--data", MINI)
        assert code == 2 and "not a file or a folder" in one_error_line(err)
        code, _, err = cli("assess", "--profile", pipe, "--data", MINI)
        assert code == 2 and "not a regular file" in one_error_line(err)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_not_read(cli: Cli) -> None:
    """`validate /dev/zero` read without end (its size is 0, so the size limit let it in)."""
    from npmcheck.load.yamlio import load_file

    with bounded(10):
        code, _, err = cli("validate", "/dev/zero", "--data", MINI)
        assert code == 2 and "E205" in one_error_line(err)
        doc, problems = load_file(Path("/dev/zero"))
    assert doc is None and [p.code for p in problems] == ["Y001"]


def test_force_never_replaces_a_pipe_or_a_device(cli: Cli, tmp_path: Path) -> None:
    """--force renamed the new file over a pipe; run as root, `-o /dev/null --force` would have
    replaced the device itself."""
    pipe = tmp_path / "out.json"
    os.mkfifo(pipe)
    with bounded(10):
        code, out, err = cli("assess", "nonparty", "--data", MINI, "--format", "json", "-o", pipe,
                             "--force")
    assert code == 2 and out == "" and "E206" in one_error_line(err)
    assert pipe.is_fifo() and [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_output_name_too_long(cli: Cli, tmp_path: Path) -> None:
    """Was an internal error (OSError: File name too long)."""
    target = tmp_path / ("x" * 300 + ".json")
    code, out, err = cli("assess", "nonparty", "--data", MINI, "--format", "json", "-o", target)
    assert code == 2 and out == ""
    assert "E206" in one_error_line(err) and "too long" in err
    assert list(tmp_path.iterdir()) == []


def test_data_path_junk(cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NPMCHECK_PATH", "x" * 5000)  # was an internal error
    code, _, err = cli("countries", "--data", MINI)
    assert code == 2 and "E206" in one_error_line(err)
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    monkeypatch.setenv("NPMCHECK_PATH", str(a_file))  # said "does not exist"
    code, _, err = cli("countries", "--data", MINI)
    assert code == 2 and "is not a folder" in one_error_line(err)


# ---------------------------------------------------------------- which profile is meant


def test_an_id_wins_over_another_profiles_name(cli: Cli, tmp_path: Path) -> None:
    """A second profile named "Nonparty" took the id 'nonparty' for itself."""
    other = profile("operating")
    other["country"]["name"]["en"] = "Nonparty"
    write(tmp_path / "profiles" / "operating.yaml", other)
    code, out, _ = cli("assess", "nonparty", "--data", MINI, "--data", tmp_path,
                       "--format", "json")
    assert code == 0 and json.loads(out)["country"]["id"] == "nonparty"


def test_a_code_two_profiles_share_is_ambiguous(cli: Cli, tmp_path: Path) -> None:
    other = profile("operating")
    other["country"]["code"] = "XA"  # the code of 'nonparty'
    write(tmp_path / "profiles" / "operating.yaml", other)
    code, out, err = cli("assess", "XA", "--data", MINI, "--data", tmp_path)
    assert code == 2 and out == ""
    line = one_error_line(err)
    assert "E201" in line and "nonparty" in line and "operating" in line


def test_a_broken_replacement_is_not_silently_replaced_by_the_original(
        cli: Cli, tmp_path: Path) -> None:
    """A user's profile with an error was skipped, and the profile it was meant to replace was
    assessed instead, with exit 0 and no word about it."""
    mine = profile()
    mine["as_of"] = "2026-01-02"
    mine["findings"]["mandate.pre-mapping"]["status"] = "kinda"
    write(tmp_path / "profiles" / "nonparty.yaml", mine)
    code, out, err = cli("assess", "nonparty", "--data", MINI, "--data", tmp_path)
    assert code == 2 and out == "" and "S104" in err and "nonparty.yaml" in err
    code, out, err = cli("compare", "--all", "--data", MINI, "--data", tmp_path,
                         "--format", "json")
    assert (code, out) == (2, "") and "S104" in err  # --all without a country: not an answer
    code, out, err = cli("assess", "operating", "--data", MINI, "--data", tmp_path)
    assert (code, out) == (2, "") and "S104" in err  # a broken peer stops the command too


def _unreadable_entries(folder: Path) -> dict[str, str]:
    """Entries under names the loader reads that are no file it can read."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dangling.yaml").symlink_to(folder / "gone.yaml")
    (folder / "device.yaml").symlink_to("/dev/zero")
    (folder / "folder.yaml").mkdir()
    os.mkfifo(folder / "pipe.yaml")
    return {"dangling.yaml": "No such file or directory", "device.yaml": "not a regular file",
            "folder.yaml": "not a regular file", "pipe.yaml": "not a regular file"}


def test_unreadable_entries_of_a_data_folder_are_never_skipped_silently(
        cli: Cli, tmp_path: Path) -> None:
    data = tmp_path / "data"
    expected = _unreadable_entries(data / "profiles")
    with bounded(60):  # a pipe must not hang the loader
        code, out, _ = cli("validate", "--data", MINI, "--data", data)
        assert code == 2
        for name, reason in expected.items():
            assert f"{data / 'profiles' / name}: Y001 cannot read file: {reason}" in out
        for command in (["compare", "--all"], ["countries"], ["assess", "operating"],
                        ["roadmap", "operating"], ["report", "operating"],
                        ["recommendations", "operating"], ["criteria"]):
            code, out, err = cli(*command, "--data", MINI, "--data", data)
            assert (code, out) == (2, ""), command
            assert all(f"profiles/{name}: Y001" in err for name in expected), command


# ---------------------------------------------------------------- the terminal and the shell


def test_a_terminal_that_cannot_show_cyrillic(tmp_path: Path) -> None:
    """Was an internal error (UnicodeEncodeError) on an ASCII or 8-bit terminal."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NPMCHECK")}
    env.update(NPMCHECK_BUNDLED="0", NPMCHECK_NO_CACHE="1", PYTHONIOENCODING="ascii")
    done = subprocess.run([sys.executable, "-m", "npmcheck", "assess", "operating", "--lang",
                           "ru", "--data", str(MINI)], capture_output=True, cwd=tmp_path,
                          env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert b"(XB)" in done.stdout


@pytest.fixture
def home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A home folder of our own, and bash as the shell that completion is installed for."""
    import typer._completion_shared as shared

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(shared, "_get_shell_name", lambda: "bash")
    return tmp_path


def test_install_completion_with_a_file_in_the_way(cli: Cli, home: Path) -> None:
    """Was an internal error (FileExistsError) when ~/.bash_completions is a file."""
    (home / ".bash_completions").write_text("not a folder\n")
    code, _, err = cli("--install-completion")
    assert code == 2 and "E206" in one_error_line(err) and ".bash_completions" in err


@pytest.mark.skipif(locale.getpreferredencoding(False).lower().replace("-", "") != "utf8",
                    reason="Typer reads ~/.bashrc in the locale's encoding")
def test_install_completion_with_a_bashrc_not_in_utf8(cli: Cli, home: Path) -> None:
    """Was an internal error (UnicodeDecodeError) for a ~/.bashrc in Latin-1."""
    (home / ".bashrc").write_bytes(b"# caf\xe9\n")
    code, _, err = cli("--install-completion")
    assert code == 2 and "E206" in one_error_line(err)
    assert (home / ".bashrc").read_bytes() == b"# caf\xe9\n"


# ---------------------------------------------------------------- fixed in render/


def test_calendar_with_a_commitment_due_at_the_end_of_time(cli: Cli, tmp_path: Path) -> None:
    """Was an internal error: DTEND, the day after 9999-12-31, does not exist (render/plan.py)."""
    data = profile(commitments=[{"id": "c1", "kind": "action-plan", "title": {"en": "Plan"},
                                 "due": "9999-12-31", "sources": ["s1"]}])
    target = write(tmp_path / "due.yaml", data)
    code, out, err = cli("roadmap", "--profile", target, "--data", MINI, "--format", "ics")
    assert code == 0, err
    assert "BEGIN:VCALENDAR" in out


def test_word_report_for_a_very_long_name(cli: Cli, tmp_path: Path) -> None:
    """Was an internal error: python-docx refuses a document title (a core property) longer
    than 255 characters (render/docx.py)."""
    pytest.importorskip("docx")
    target = write(tmp_path / "long.yaml", with_name("W" * 300))
    code, _, err = cli("report", "--profile", target, "--data", MINI, "-o", tmp_path / "r.docx")
    assert code == 0, err


@pytest.mark.parametrize(("args", "option"), [(["-o", ""], "-o"), (["--output="], "--output"),
                                              (["--output", ""], "--output")])
def test_an_empty_output_name_gets_its_own_message(cli, bundled: None, args: list[str],
                                                   option: str) -> None:
    code, out, err = cli("assess", "turkmenistan", *args)
    assert (code, out) == (2, "")
    assert err.strip() == (f"npmcheck: E206 {option} was given an empty file name; give a file "
                           f"name, or leave {option} out to print to the terminal")
    code, _, err = cli("assess", "turkmenistan", "--lang", "ru", *args)
    assert code == 2 and "пустое имя файла" in err


# Ctrl-C while the CLI's modules load: a finder that raises KeyboardInterrupt when the given
# module is imported stands for the user's key at exactly that moment, every time.
INTERRUPT_ON_IMPORT = """
import sys
MODULE = sys.argv[1]
class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == MODULE:
            raise KeyboardInterrupt
        return None
sys.meta_path.insert(0, Interrupt())
sys.argv = ["npmcheck", *sys.argv[2:]]
from npmcheck.entry import main
main()
"""


@pytest.mark.parametrize("module", ["typer", "rich", "npmcheck.cli", "npmcheck.render.registry",
                                    "npmcheck.commands.assess", "npmcheck.load.workspace",
                                    "npmcheck.domain.scoring"])
def test_ctrl_c_during_start_up_exits_130_without_a_traceback(module: str, tmp_path: Path):
    env = {**os.environ, "NPMCHECK_CACHE": str(tmp_path / "cache"), "NPMCHECK_LANG": "en"}
    for name in list(env):
        if name.startswith("NPMCHECK_") and name not in ("NPMCHECK_CACHE", "NPMCHECK_LANG"):
            del env[name]
    result = subprocess.run([sys.executable, "-c", INTERRUPT_ON_IMPORT, module, "assess",
                             "turkmenistan"], capture_output=True, text=True, env=env,
                            timeout=60)
    assert (result.returncode, result.stdout) == (130, "")
    assert result.stderr in ("", "npmcheck: interrupted\n")  # Typer itself ends quietly


@pytest.mark.parametrize(("written", "read_as"), [("051", "the number 41"),
                                                  ("1:30", "the number 90"),
                                                  ("0x1A", "the number 26"),
                                                  ("yes", "true (a yes/no value)"),
                                                  ("off", "false (a yes/no value)")])
def test_numbers_yaml_reinterprets_are_quoted_as_written(cli, tmp_path: Path, written: str,
                                                         read_as: str) -> None:
    text = (MINI / "profiles" / "nonparty.yaml").read_text("utf-8")
    assert text.startswith("country: {id: nonparty, code: XA,")
    target = tmp_path / "reread.yaml"
    target.write_text(text.replace("code: XA,", f"code: {written},", 1), "utf-8")
    line, column = 1, text.index("XA") + 1
    code, out, _ = cli("validate", str(target))
    assert code == 2
    assert f"reread.yaml:{line}:{column}: S103 'country.code' should be text: YAML reads " \
           f"'{written}' as {read_as}; put it in quotes: \"{written}\"" in out
    code, out, _ = cli("validate", "--lang", "ru", str(target))
    assert f"YAML читает «{written}» как" in out


def test_a_merge_key_is_named_as_such_not_as_a_tag(cli, tmp_path: Path) -> None:
    text = (MINI / "profiles" / "nonparty.yaml").read_text("utf-8")
    target = tmp_path / "merge.yaml"
    target.write_text(text + "base: &base {a: 1}\nextra:\n  <<: *base\n", "utf-8")
    line = len(text.splitlines()) + 3
    code, out, _ = cli("validate", str(target))
    assert code == 2
    assert f"merge.yaml:{line}:3: Y014 merge keys ('<<') are not supported; write the values " \
           "out in full" in out
    assert "!!merge" not in out


@pytest.mark.parametrize("name", ["profiles", "criteria"])
def test_a_data_folder_whose_profiles_or_criteria_is_a_file_is_an_error(
        cli: Cli, tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text("not a folder\n", "utf-8")
    for command in (["validate"], ["assess", "operating"], ["compare", "--all"]):
        code, out, err = cli(*command, "--data", MINI, "--data", tmp_path)
        assert code == 2, command
        assert f"E205 '{tmp_path / name}' should be a folder of YAML files" in out + err
