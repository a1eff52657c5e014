"""The bad-input corpus: every class of broken file gives its code, line and column, and exit 2."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import MINI, ROOT
from npmcheck.load.yamlio import MAX_BYTES, MAX_DEPTH, load_bytes

CASES = ROOT / "tests" / "cases"
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]\d{3}) (?P<msg>.+)$")

PROFILE_CASES = {
    "bad-date-format": {(4, 32, "S105")},
    "bad-enum": {(8, 33, "S104")},
    "contradicts-derived": {(8, 47, "R109")},
    "date-after-as-of": {(10, 66, "R108")},
    "dates-out-of-order": {(5, 57, "R115")},
    "duplicate-source": {(11, 10, "R103")},
    "finding-without-source": {(8, 24, "S101")},
    "future-as-of": {(2, 8, "R108")},
    "impossible-date": {(5, 38, "R107")},
    "javascript-url": {(10, 83, "S105")},
    "missing-required": {(1, 1, "S101")},
    "unknown-checklist-item": {(8, 53, "R112")},
    "unknown-criterion": {(8, 3, "R101")},
    "unknown-field": {(1, 1, "S101"), (1, 1, "S102")},
    "unknown-source": {(8, 84, "R102")},
    "wrong-type": {(2, 8, "S103")},
}
CRITERIA_CASES = {
    "duplicate-criterion": {(21, 9, "R103")},
    "missing-action": {(21, 5, "S101")},
    "missing-metadata": {(1, 12, "R113")},
    "reference-without-place": {(31, 18, "S106")},
    "requirement-cycle": {(16, 15, "R105")},
    "unknown-actor": {(27, 26, "R110")},
    "unknown-area": {(22, 11, "R106")},
    "unknown-document": {(31, 29, "R111")},
    "unknown-requirement": {(26, 16, "R104")},
    "weight-out-of-range": {(23, 13, "S104")},
}


def problems(out: str) -> set[tuple[int, int, str]]:
    found = set()
    for line in out.splitlines():
        match = LINE.match(line)
        if match:
            found.add((int(match["line"]), int(match["col"]), match["code"]))
    return found


def expected_from_header(path: Path) -> set[tuple[int, int, str]]:
    header = path.read_text("utf-8").splitlines()[0]
    line, col, code = re.fullmatch(r"# expect: (\d+):(\d+) (\w+)", header).groups()  # type: ignore[union-attr]
    return {(int(line), int(col), code)}


@pytest.mark.parametrize("path", sorted((CASES / "yaml").glob("*.yaml")), ids=lambda p: p.stem)
def test_yaml_case(cli, path: Path) -> None:
    code, out, err = cli("validate", path)
    assert code == 2
    assert problems(out) == expected_from_header(path)
    assert "Traceback" not in out + err


@pytest.mark.parametrize("name", sorted(PROFILE_CASES))
def test_profile_case(cli, name: str) -> None:
    code, out, err = cli("validate", "--data", MINI, CASES / "profiles" / f"{name}.yaml")
    assert code == 2
    assert problems(out) == PROFILE_CASES[name]
    assert "Traceback" not in out + err


@pytest.mark.parametrize("name", sorted(CRITERIA_CASES))
def test_criteria_case(cli, name: str) -> None:
    code, out, _ = cli("validate", CASES / "criteria" / f"{name}.yaml")
    assert code == 2
    assert problems(out) == CRITERIA_CASES[name]


def test_every_case_file_is_covered() -> None:
    assert {p.stem for p in (CASES / "profiles").glob("*.yaml")} == set(PROFILE_CASES) | {
        "unused-source"}
    assert {p.stem for p in (CASES / "criteria").glob("*.yaml")} == set(CRITERIA_CASES)


def test_warning_alone_passes_unless_strict(cli) -> None:
    case = CASES / "profiles" / "unused-source.yaml"
    code, out, _ = cli("validate", "--data", MINI, case)
    assert code == 0
    assert problems(out) == {(10, 10, "W201")}
    assert out.rstrip().splitlines()[-1].startswith("OK:")
    code, _, _ = cli("validate", "--strict", "--data", MINI, case)
    assert code == 2


def test_messages_name_the_fix(cli) -> None:
    _, out, _ = cli("validate", "--data", MINI, CASES / "profiles" / "bad-enum.yaml")
    assert "did you mean 'partial'?" in out
    _, out, _ = cli("validate", "--data", MINI, CASES / "profiles" / "unknown-criterion.yaml")
    assert "did you mean 'mandate.pre-mapping'?" in out


def test_all_problems_of_a_folder_at_once_sorted(cli) -> None:
    code, out, _ = cli("validate", "--data", MINI, CASES / "profiles")
    assert code == 2
    lines = [line for line in out.splitlines() if LINE.match(line)]
    assert len(lines) >= len(PROFILE_CASES)
    keys = [(m["path"], int(m["line"]), int(m["col"])) for m in map(LINE.match, lines) if m]
    assert keys == sorted(keys)
    assert out.splitlines()[-1].startswith("Failed:")


def test_json_format(cli) -> None:
    import json

    code, out, _ = cli("validate", "--format", "json", "--data", MINI,
                       CASES / "profiles" / "bad-enum.yaml")
    assert code == 2
    data = json.loads(out)
    assert data["errors"] == 1
    assert data["problems"][0]["code"] == "S104"
    assert data["problems"][0]["name"] == "value-not-allowed"


def test_github_format(cli) -> None:
    _, out, _ = cli("validate", "--format", "github", "--data", MINI,
                    CASES / "profiles" / "bad-enum.yaml")
    assert out.startswith("::error file=")


def test_fixture_data_is_valid(cli) -> None:
    code, out, _ = cli("validate", MINI)
    assert code == 0, out
    assert out.startswith("OK:")


def test_default_checks_all_loaded_data(cli) -> None:
    code, out, _ = cli("validate", "--data", MINI)
    assert code == 0
    assert "files checked: 3" in out


def test_missing_path(cli) -> None:
    code, _, err = cli("validate", "no/such/file.yaml")
    assert code == 2
    assert "E205" in err and "does not exist" in err


# ---------------------------------------------------------------- generated inputs


def codes(raw: bytes) -> list[tuple[int, int, str]]:
    doc, found = load_bytes(raw, "x.yaml")
    assert doc is None
    return [p.check_tuple() for p in found]


def test_not_utf8_is_located() -> None:
    assert codes(b"a: 1\nb: caf\xe9\n") == [(2, 7, "Y003")]


def test_file_over_limit() -> None:
    assert codes(b"a: " + b"x" * MAX_BYTES) == [(1, 1, "Y002")]


def test_file_over_limit_through_cli(cli, tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * MAX_BYTES)
    code, out, _ = cli("validate", big)
    assert code == 2 and "Y002" in out


def test_alias_bomb_is_stopped() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    found = codes("\n".join(lines).encode())
    assert found[0][2] == "Y011"


def test_deep_nesting_is_stopped() -> None:
    depth = MAX_DEPTH + 5
    assert codes(b"a: " + b"[" * depth + b"]" * depth)[0][2] == "Y010"
    deeper = b"a: " + b"[" * 20000 + b"]" * 20000  # no RecursionError, no hang
    assert codes(deeper)[0][2] in {"Y010", "Y004"}


def test_huge_number_is_an_error_not_a_crash() -> None:
    assert codes(b"a: " + b"9" * 6000)[0][2] == "Y004"


def test_python_tag_is_never_run(cli, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.yaml"
    evil.write_text(f'x: !!python/object/apply:os.system ["touch {marker}"]\n')
    code, out, _ = cli("validate", evil)
    assert code == 2 and "Y007" in out
    assert not marker.exists()


def test_bom_is_accepted() -> None:
    doc, found = load_bytes("\ufeffa: 1\n".encode(), "x.yaml")
    assert found == [] and doc is not None and doc.data == {"a": 1}


def test_positions_are_kept() -> None:
    doc, _ = load_bytes(b"a:\n  b: [1, {c: 2}]\n", "x.yaml")
    assert doc is not None
    assert doc.locate(("a", "b", 1, "c")) == (2, 14)
    assert doc.locate(("a", "b", 1, "c"), key=True) == (2, 11)
    assert doc.locate(("a", "missing")) == (2, 3)


def test_dates_stay_text_and_aliases_resolve() -> None:
    doc, _ = load_bytes(b"d: 2023-12-06\ny: 1999\nbase: &b {k: v}\ncopy: *b\n", "x.yaml")
    assert doc is not None
    assert doc.data == {"d": "2023-12-06", "y": 1999, "base": {"k": "v"}, "copy": {"k": "v"}}


def test_a_text_in_one_language_only_is_a_located_warning(cli, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 15: a workshop in the other language would show nothing there."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    target = data / "profiles" / "nonparty.yaml"
    text = target.read_text("utf-8")
    target.write_text(text.replace("name: {en: Nonparty, ru: Неучастница}", "name: {en: Nonparty}"),
                      "utf-8")
    column = text.index("{en: Nonparty") + 1
    monkeypatch.setenv("NPMCHECK_NO_CACHE", "1")  # each run reads and checks the files anew
    for lang, expected, code in (
            ("en", "W202 warning: this text has English only; add its Russian version", 0),
            ("ru", "W202 предупреждение: текст есть только на одном языке (английский); добавьте "
                   "версию на другом языке (русский)", 0)):
        done, out, err = cli("validate", "--data", data, "--lang", lang)
        assert done == code, out + err
        assert f"nonparty.yaml:1:{column}: {expected}" in out
    strict, _, _ = cli("validate", "--strict", "--data", data)
    assert strict != 0


def test_two_profiles_of_one_country_in_one_folder_stop_with_r116(cli, tmp_path: Path) -> None:
    """Which of two files of one folder would describe the country depended on their names;
    now the second is a located error and every command on that folder stops. A profile in a
    later folder still replaces an earlier one without a word."""
    text = (MINI / "profiles" / "operating.yaml").read_text("utf-8")
    later = tmp_path / "later" / "profiles"
    later.mkdir(parents=True)
    (later / "operating.yaml").write_text(text, "utf-8")
    data = ("--data", str(MINI), "--data", str(tmp_path / "later"))
    assert cli("assess", "operating", *data)[0] == 0  # replaces MINI's: no problem

    (later / "operating-copy.yaml").write_text(text, "utf-8")
    code, out, err = cli("validate", *data)
    assert code == 2
    found = [m.groupdict() for m in map(LINE.match, (out + err).splitlines()) if m]
    assert [(f["path"].endswith("operating.yaml"), f["line"], f["col"], f["code"])
            for f in found] == [(True, "1", "15", "R116")]  # the second by name, at its id
    assert "later/profiles/operating-copy.yaml; keep one file per country" in out + err
    code, out, err = cli("assess", "operating", *data)
    assert code == 2 and out == "" and "R116" in err
    code, out, err = cli("validate", "--lang", "ru", *data)
    assert code == 2 and "в той же папке есть другой профиль" in out + err


def test_one_file_reached_twice_is_not_two_profiles(cli, tmp_path: Path) -> None:
    """R116 is about two files: `validate FILE FILE`, or a file also reached through its
    folder or a link to that folder, is one profile, not a duplicate of itself."""
    profile = MINI / "profiles" / "operating.yaml"
    assert cli("validate", "--data", MINI, profile, profile)[0] == 0
    assert cli("validate", "--data", MINI, MINI / "profiles", profile)[0] == 0
    assert cli("validate", "--data", MINI, profile, Path(os.path.relpath(profile)))[0] == 0
    link = tmp_path / "profiles"
    link.symlink_to(MINI / "profiles", target_is_directory=True)
    assert cli("validate", "--data", MINI, profile, link / "operating.yaml")[0] == 0
    # the same country in two files of one folder, named by two spellings of it, still is
    (tmp_path / "data" / "profiles").mkdir(parents=True)
    copy = tmp_path / "data" / "profiles" / "copy.yaml"
    copy.write_text(profile.read_text("utf-8"), "utf-8")
    (copy.parent / "operating.yaml").write_text(profile.read_text("utf-8"), "utf-8")
    code, out, err = cli("validate", "--data", MINI, copy.parent / "operating.yaml",
                         Path(os.path.relpath(copy)))
    assert code == 2 and "R116" in out + err
