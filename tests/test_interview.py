"""`npmcheck interview`, driven by scripted input: answers saved one by one, bad answers asked
again, Ctrl-C and end of input mid-way, resuming, a new country, and no write into bundled data."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import MINI, ROOT, bounded
from npmcheck.load.yamlio import load_file

Cli = Callable[..., tuple[int, str, str]]


class Script(io.StringIO):
    """Standard input that gives these lines, then ends (or raises Ctrl-C when `interrupt`)."""

    def __init__(self, lines: list[str], interrupt: bool = False) -> None:
        super().__init__("".join(f"{line}\n" for line in lines))
        self.interrupt = interrupt

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        line = super().readline()
        if not line and self.interrupt:
            raise KeyboardInterrupt
        return line


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A writable copy of the mini data (catalogue and profiles)."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target


def ask(cli: Cli, monkeypatch: pytest.MonkeyPatch, lines: list[str], *args: str | Path,
        interrupt: bool = False) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", Script(lines, interrupt))
    return cli("interview", *args)


def read(path: Path) -> dict[str, Any]:
    """A profile as npmcheck reads it (dates stay text)."""
    doc, problems = load_file(path)
    assert doc is not None, problems
    return doc.data


def findings(path: Path) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = read(path)["findings"]
    return found


# mandate.all-places (kept with Enter), then mandate.pre-mapping answered in full
ANSWER = ["", "p", "Some places are mapped.", "1", "2025-06", ""]


def test_answers_are_saved_and_the_rest_of_the_file_is_kept(cli: Cli, monkeypatch, data):
    path = data / "profiles" / "operating.yaml"
    before = path.read_text("utf-8")
    code, out, err = ask(cli, monkeypatch, ANSWER, "operating", "--data", data)
    assert (code, err) == (0, "")
    assert "Follows from the facts: met." in out  # derived criteria are shown, not asked
    assert "Saved: partly met." in out
    assert findings(path)["mandate.pre-mapping"] == {
        "status": "partial", "since": "2025-06", "note": "Some places are mapped.",
        "sources": ["s1"]}
    block = ("  mandate.pre-mapping:\n    status: partial\n    since: 2025-06\n"
             "    note: Some places are mapped.\n    sources: [s1]\n")
    # the new finding goes after the one before it; not a byte of the rest changes
    assert path.read_text("utf-8") == before.replace("\nsources:\n", f"\n{block}sources:\n")
    assert cli("validate", path, "--data", data)[0] == 0


def test_new_finding_goes_in_catalogue_order_before_sources(cli: Cli, monkeypatch, data):
    path = data / "profiles" / "operating.yaml"
    ask(cli, monkeypatch, ANSWER, "operating", "--data", data)
    text = path.read_text("utf-8")
    assert text.index("mandate.all-places") < text.index("mandate.pre-mapping") \
        < text.index("\nsources:")
    assert "  - {id: s1, publisher: Test Office, title: A test source}" in text  # untouched


def test_bad_answers_are_asked_again(cli: Cli, monkeypatch, data):
    lines = ["", "maybe", "partly", "Mapped in part.", "9", "x", "1", "2025-13", "3000",
             "2025", "June 2025", "2025-06-30"]
    code, out, _ = ask(cli, monkeypatch, lines, "operating", "--data", data)
    assert code == 0
    assert "'maybe' is not an answer here" in out
    assert "No source 9" in out and "No source x" in out
    assert "'2025-13' is not a date" in out
    assert "3000 is after the profile's as_of date 2026-01-01" in out
    assert "'June 2025' is not a date" in out
    assert findings(data / "profiles" / "operating.yaml")["mandate.pre-mapping"] == {
        "status": "partial", "since": 2025, "evidence_date": "2025-06-30",
        "note": "Mapped in part.", "sources": ["s1"]}


def test_an_answer_that_would_not_validate_is_not_written(cli: Cli, monkeypatch, data):
    path = data / "profiles" / "operating.yaml"
    before = path.read_bytes()
    lines = ["", "met", "Red \x1b[31mtext", "1", "", "", "", "q"]
    code, out, _ = ask(cli, monkeypatch, lines, "operating", "--data", data)
    assert code == 0
    refused = [line for line in out.splitlines() if line.startswith("Not saved:")]
    assert len(refused) == 1 and "control character" in refused[0]
    assert path.read_bytes() == before


def test_a_sourced_status_needs_a_source(cli: Cli, monkeypatch, data):
    code, out, _ = ask(cli, monkeypatch, ["", "met", "", "", "1", "", ""], "operating",
                       "--data", data, "--area", "mandate")
    assert code == 0
    assert "This answer needs at least one source." in out
    assert findings(data / "profiles" / "operating.yaml")["mandate.pre-mapping"] == {
        "status": "met", "sources": ["s1"]}


def test_ctrl_c_keeps_every_answer_and_says_how_to_go_on(cli: Cli, monkeypatch, data):
    path = data / "profiles" / "operating.yaml"
    code, out, err = ask(cli, monkeypatch, ["met", "All places.", "1", ""], "operating",
                         "--data", data, interrupt=True)
    assert code == 130 and "Traceback" not in err
    assert findings(path)["mandate.all-places"]["note"] == "All places."
    assert findings(path)["mandate.all-places"]["checklist"] == {"police-custody": "met",
                                                                 "prisons": "met"}
    assert "Your answers so far are saved in" in out
    assert f"npmcheck interview operating --data {data} --start mandate.pre-mapping" in out
    # resume where it stopped: only the next question is asked
    code, out, _ = ask(cli, monkeypatch, ["n", "", "1", "", ""], "operating", "--data", data,
                       "--start", "mandate.pre-mapping")
    assert code == 0 and "mandate.all-places" not in out
    assert findings(path)["mandate.pre-mapping"]["status"] == "not_met"
    assert findings(path)["mandate.all-places"]["note"] == "All places."


def test_end_of_input_mid_answer_keeps_the_earlier_answers(cli: Cli, monkeypatch, data):
    path = data / "profiles" / "operating.yaml"
    code, out, _ = ask(cli, monkeypatch, ["met", "All places.", "1", "", "p", "Half"],
                       "operating", "--data", data)
    assert code == 0
    assert findings(path)["mandate.all-places"]["note"] == "All places."
    assert "mandate.pre-mapping" not in findings(path)  # its answer was not finished
    assert "Stopped." in out


def test_only_unknown_skips_what_is_answered(cli: Cli, monkeypatch, data):
    code, out, _ = ask(cli, monkeypatch, ["u", "Not clear yet.", "", ""], "operating",
                       "--data", data, "--only", "unknown")
    assert code == 0
    assert "mandate.all-places" not in out and "ratification.cat-party" not in out
    assert "[8/8] mandate.pre-mapping" in out
    assert findings(data / "profiles" / "operating.yaml")["mandate.pre-mapping"] == {
        "status": "unknown", "note": "Not clear yet."}


def test_russian_interview_takes_russian_words(cli: Cli, monkeypatch, data):
    path = data / "profiles" / "operating.yaml"
    code, out, _ = ask(cli, monkeypatch, ["", "частично", "Часть мест учтена.", "1", "", ""],
                       "operating", "--data", data, "--lang", "ru")
    assert code == 0
    assert "Статус:" in out and "Сохранено: выполнено частично." in out
    assert findings(path)["mandate.pre-mapping"]["note"] == {"en": "Часть мест учтена.",
                                                            "ru": "Часть мест учтена."}


def test_changing_one_language_asks_about_the_other(cli: Cli, monkeypatch, data):
    path = data / "profiles" / "nonparty.yaml"
    lines = ["", "p", "Workshops mapped half of the places.", "", "", ""]
    code, out, _ = ask(cli, monkeypatch, lines, "nonparty", "--data", data, "--area", "mandate")
    assert code == 0
    assert "На семинарах учли часть мест." in out  # shown, and kept (Enter)
    assert findings(path)["mandate.pre-mapping"]["note"] == {
        "en": "Workshops mapped half of the places.", "ru": "На семинарах учли часть мест."}


def test_a_new_source_is_added_and_cited(cli: Cli, monkeypatch, data):
    path = data / "profiles" / "operating.yaml"
    lines = ["", "met", "All places are mapped.", "+", "List of places", "Ministry (MoJ)",
             "2025-11", "not a url", "https://example.org/list", "", "", ""]
    code, out, _ = ask(cli, monkeypatch, lines, "operating", "--data", data)
    assert code == 0
    assert "'not a url' is not a web address" in out
    loaded = read(path)
    assert loaded["sources"][-1] == {"id": "moj-2025-11", "publisher": "Ministry (MoJ)",
                                     "title": "List of places", "date": "2025-11",
                                     "url": "https://example.org/list"}
    assert loaded["findings"]["mandate.pre-mapping"]["sources"] == ["moj-2025-11"]
    assert loaded["findings"]["mandate.pre-mapping"]["evidence_date"] == "2025-11"


def test_a_new_country_from_nothing(cli: Cli, monkeypatch, data, tmp_path: Path):
    mine = tmp_path / "mine"
    mine.mkdir()
    lines = ["y", "", "Страна Н", "XN", "test", "Status of treaties", "United Nations",
             "2025-12", "", "", "1", "1999", "3", "3", "", "", "q"]
    code, out, _ = ask(cli, monkeypatch, lines, "Newland", "--data", data, "--data", mine,
                       "--area", "mandate")
    assert code == 0, out
    path = mine / "profiles" / "newland.yaml"
    assert cli("validate", path, "--data", data)[0] == 0
    loaded = read(path)
    assert loaded["country"] == {"id": "newland", "code": "XN",
                                 "name": {"en": "Newland", "ru": "Страна Н"}, "region": "test"}
    assert loaded["treaties"]["opcat"] == {"status": "not-party",
                                           "sources": ["united-nations-2025-12"]}
    assert loaded["npm"] == {"designated": "unknown", "sources": ["united-nations-2025-12"]}
    code, out, _ = cli("assess", "newland", "--data", data, "--data", mine)
    assert code == 0 and "Not a party to OPCAT" in out


def test_a_new_country_is_not_started_without_a_yes(cli: Cli, monkeypatch, data):
    code, out, _ = ask(cli, monkeypatch, ["n"], "Newland", "--data", data)
    assert code == 0 and "Nothing was written." in out
    assert not (data / "profiles" / "newland.yaml").exists()


def test_a_new_country_needs_a_name_that_makes_an_id(cli: Cli, monkeypatch, data):
    code, out, err = ask(cli, monkeypatch, ["y"], "State 2", "--data", data)
    assert code == 2 and out == ""
    assert err.strip() == ("npmcheck: E201 no profile 'State 2'; name a new country by its "
                           "English name")


def test_a_near_miss_is_not_taken_for_a_new_country(cli: Cli, monkeypatch, data):
    code, _, err = ask(cli, monkeypatch, [], "operatin", "--data", data)
    assert code == 2 and "did you mean 'operating'?" in err


@pytest.mark.usefixtures("bundled")
def test_bundled_profiles_are_never_written(cli: Cli, monkeypatch, tmp_path: Path):
    bundled = ROOT / "profiles" / "kyrgyzstan.yaml"
    original = bundled.read_bytes()
    code, out, err = ask(cli, monkeypatch, ["met"], "kyrgyzstan")
    assert code == 2 and out == ""
    assert err.strip() == ("npmcheck: E207 the profile of 'kyrgyzstan' is bundled with npmcheck "
                           "and is never changed; give --data DIR to keep your version in "
                           "DIR/profiles/kyrgyzstan.yaml, or -o FILE")
    # with --data, the first answer makes a copy there; the rest of the copy is byte for byte
    code, out, _ = ask(cli, monkeypatch, ["q"], "kyrgyzstan", "--data", tmp_path,
                       "--start", "designation.spt-notified")
    assert code == 0 and not (tmp_path / "profiles").exists()  # nothing answered, no copy
    code, out, _ = ask(cli, monkeypatch, [""] * 60, "kyrgyzstan", "--data", tmp_path,
                       "--area", "reporting")
    assert code == 0 and "nothing was written" in out and not (tmp_path / "profiles").exists()
    code, out, _ = ask(cli, monkeypatch, ["n", "", "", "", ""], "kyrgyzstan", "--data", tmp_path,
                       "--start", "designation.spt-notified")
    copy = tmp_path / "profiles" / "kyrgyzstan.yaml"
    assert code == 0 and "It starts as a copy of" in out
    assert bundled.read_bytes() == original
    old, new = original.decode().splitlines(), copy.read_text("utf-8").splitlines()
    changed = [i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b]
    assert len(old) == len(new) and len(changed) == 1 and "status: not_met" in new[changed[0]]


@pytest.mark.usefixtures("bundled")
def test_output_inside_the_installed_package_is_refused(cli: Cli, monkeypatch):
    target = ROOT / "src" / "npmcheck" / "kyrgyzstan.yaml"
    code, _, err = ask(cli, monkeypatch, ["met"], "kyrgyzstan", "-o", target)
    assert code == 2 and "E207" in err and not target.exists()


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--area", "mandat", "--area: no area 'mandat'; did you mean 'mandate'?"),
    ("--only", "sometimes", "--only: 'sometimes' is not a status"),
    ("--start", "mandate.nothing", "--start: no criterion 'mandate.nothing'"),
    ("--as-of", "2999-01-01", "--as-of 2999-01-01 is in the future"),
])
def test_bad_options(cli: Cli, monkeypatch, data, option: str, value: str, message: str):
    code, out, err = ask(cli, monkeypatch, [], "operating", "--data", data, option, value)
    assert code == 2 and out == "" and message in err and len(err.splitlines()) == 1


def test_as_of_moves_the_profile_date(cli: Cli, monkeypatch, data):
    path = data / "profiles" / "operating.yaml"
    code, _, _ = ask(cli, monkeypatch, ["", "met", "", "1", "", "2026-03"], "operating",
                     "--data", data, "--as-of", "2026-04-01")
    assert code == 0
    loaded = read(path)
    assert str(loaded["as_of"]) == "2026-04-01"
    assert loaded["findings"]["mandate.pre-mapping"]["evidence_date"] == "2026-03"


def test_output_file_is_written_and_resumed(cli: Cli, monkeypatch, data, tmp_path: Path):
    target = tmp_path / "draft.yaml"
    code, _, _ = ask(cli, monkeypatch, ["met", "", "", "", ""], "operating", "--data", data,
                     "-o", target)
    assert code == 0 and findings(target)["mandate.all-places"]["status"] == "met"
    assert (data / "profiles" / "operating.yaml").read_text("utf-8") == \
        (MINI / "profiles" / "operating.yaml").read_text("utf-8")
    code, _, _ = ask(cli, monkeypatch, ["", "n", "", "1", "", ""], "operating", "--data", data,
                     "-o", target)
    assert code == 0 and findings(target)["mandate.pre-mapping"]["status"] == "not_met"
    other = tmp_path / "other.yaml"
    other.write_text("just: text\n", "utf-8")
    code, _, err = ask(cli, monkeypatch, [], "operating", "--data", data, "-o", other)
    assert code == 2 and "E203" in err and other.read_text("utf-8") == "just: text\n"


def test_a_real_ctrl_c(data: Path, tmp_path: Path):
    """The interview in its own process, stopped with SIGINT after one saved answer."""
    env = {**os.environ, "NPMCHECK_BUNDLED": "0", "NPMCHECK_CACHE": str(tmp_path / "cache"),
           "LANG": "C.UTF-8", "PYTHONUNBUFFERED": "1"}
    env.pop("NPMCHECK_LANG", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "npmcheck", "interview", "operating", "--data", str(data)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        cwd=tmp_path)
    assert process.stdin is not None and process.stdout is not None
    for line in ["met", "All places.", "1", ""]:
        process.stdin.write(f"{line}\n".encode())
    process.stdin.flush()
    seen = b""
    with bounded(60):
        while b"Saved: met." not in seen:
            chunk = process.stdout.read1(4096)
            assert chunk, seen.decode()
            seen += chunk
        time.sleep(0.2)
        process.send_signal(signal.SIGINT)
        # stdin stays open until the process has ended: communicate() would close it at once,
        # and on a loaded machine the end of input could then be read before the interrupt is
        # handled (the interview stops quietly at the end of input, exit 0); a person at a
        # terminal presses Ctrl-C with the input still open
        process.wait(timeout=30)
        out, err = process.communicate(timeout=30)  # the rest, and the pipes closed
        out = seen + out
    assert process.returncode == 130, err.decode()
    assert b"Traceback" not in err and b"Stopped." in out
    assert findings(data / "profiles" / "operating.yaml")["mandate.all-places"]["note"] == \
        "All places."
