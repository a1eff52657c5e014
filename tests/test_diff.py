"""`npmcheck diff`: a profile between two dates (the bundled Kyrgyzstan profile, whose NPM
changed in 2025) and two versions of a profile file; `report --since` and its section."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINI

Cli = Callable[..., tuple[int, str, str]]


@pytest.mark.usefixtures("bundled")
def test_kyrgyzstan_since_2024(cli: Cli):
    code, out, err = cli("diff", "kyrgyzstan", "--from", "2024-01-01", "--format", "json")
    assert (code, err) == (0, "")
    view = json.loads(out)
    before, after = view["before"], view["after"]
    assert (before["as_of"], after["as_of"]) == ("2024-01-01", "2026-12-03")
    assert before["stage"]["id"] == after["stage"]["id"] == "npm-operating"
    assert before["npm"].startswith("National Centre for the Prevention of Torture")
    assert after["npm"] == "Akyikatchy (Ombudsman) of the Kyrgyz Republic"
    assert view["npm_changed"] and not view["stage_changed"]
    assert view["score_change"] == pytest.approx(after["score"] - before["score"], abs=0.05)
    changes = {c["criterion"]: c for c in view["changes"]}
    legal = changes["designation.legal-basis"]
    assert (legal["before"], legal["after"]) == ("unknown", "partial")
    assert legal["direction"] == "better" and legal["note"].startswith("From 2012 to 2025")
    assert any("24.kg" in s for s in legal["sources"])
    assert changes["designation.inclusive-process"]["direction"] == "other"  # unknown -> not met
    events = [e["iso"] for e in view["events"]]
    assert "2025-10-03" in events and all("2024-01-01" < e <= "2026-12-03" for e in events)
    # the same in the other formats
    code, table, _ = cli("diff", "kyrgyzstan", "--from", "2024-01-01")
    assert code == 0 and "Kyrgyzstan: 1 January 2024 → 3 December 2026" in table
    assert "↑ designation.legal-basis" in table and max(map(len, table.splitlines())) <= 80
    code, md, _ = cli("diff", "kyrgyzstan", "--from", "2024-01-01", "--format", "md",
                      "--lang", "ru")
    assert code == 0 and md.startswith("# Кыргызстан: 1 января 2024")
    assert "| ↑ | designation.legal-basis:" in md


@pytest.mark.usefixtures("bundled")
def test_to_date_and_no_change(cli: Cli):
    code, out, _ = cli("diff", "kyrgyzstan", "--from", "2024-01-01", "--to", "2024-06-01",
                       "--format", "json")
    view = json.loads(out)
    assert code == 0 and view["changes"] == [] and view["events"] == []
    assert view["summary"] == "No criterion changed its status."


@pytest.mark.parametrize(("args", "message"), [
    (["operating", "--from", "2025-01-01", "--to", "2024-01-01"],
     "--from 2025-01-01 is after --to 2024-01-01"),
    (["operating", "--from", "2027-01-01"], "--from 2027-01-01 is after the profile's as_of"),
    (["operating", "--to", "2024-01-01"], "--to needs --from"),
    (["operating"], "give two profile files"),
    (["operating", "nonparty", "--from", "2024-01-01"], "with --from, name one country"),
    (["operating", "--from", "1999-01-01"], "before OPCAT was adopted"),
])
def test_bad_usage(cli: Cli, args: list[str], message: str):
    code, out, err = cli("diff", *args, "--data", MINI)
    assert code == 2 and out == "" and message in err and len(err.splitlines()) == 1


def test_two_files(cli: Cli, tmp_path: Path):
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    shutil.copy(MINI / "profiles" / "operating.yaml", old)
    text = old.read_text("utf-8").replace("{status: met, since: 2012-07-12,",
                                          "{status: partial, since: 2012-07-12,")
    new.write_text(text + "events:\n  - {date: 2025-11, kind: workshop, title: Workshop, "
                          "sources: [s1]}\n", "utf-8")
    code, out, err = cli("diff", old, new, "--data", MINI, "--format", "json")
    assert code == 0, err
    view = json.loads(out)
    assert view["mode"] == "files" and view["before"]["label"].endswith("old.yaml")
    assert [(c["criterion"], c["before"], c["after"], c["direction"])
            for c in view["changes"]] == [("mandate.all-places", "met", "partial", "worse")]
    assert [e["title"] for e in view["events"]] == ["Workshop"]
    code, out, _ = cli("diff", old, new, "--data", MINI)
    assert code == 0 and "↓ mandate.all-places All places: met → partly met" in out


def test_two_files_of_different_countries(cli: Cli):
    code, _, err = cli("diff", MINI / "profiles" / "operating.yaml",
                       MINI / "profiles" / "nonparty.yaml", "--data", MINI)
    assert code == 2 and "compare two versions of one country" in err


@pytest.mark.usefixtures("bundled")
@pytest.mark.parametrize("suffix", ["html", "md", "docx"])
def test_report_since_adds_the_progress_section(cli: Cli, tmp_path: Path, suffix: str):
    target = tmp_path / f"kg.{suffix}"
    code, _, err = cli("report", "kyrgyzstan", "--since", "2024-01-01", "-o", target)
    assert code == 0, err
    if suffix == "docx":
        with zipfile.ZipFile(target) as archive:
            text = archive.read("word/document.xml").decode()
    else:
        text = target.read_text("utf-8")
    assert "Progress since the last workshop" in text
    assert "From 1 January 2024 to 3 December 2026." in text
    assert "Akyikatchy (Ombudsman) of the Kyrgyz Republic" in text
    if suffix != "docx":  # (a Word report takes seconds; one is enough)
        plain = tmp_path / f"plain.{suffix}"
        assert cli("report", "kyrgyzstan", "-o", plain)[0] == 0
        assert "Progress since the last workshop" not in plain.read_text("utf-8")


@pytest.mark.usefixtures("bundled")
def test_report_since_in_russian_cites_sources_by_number(cli: Cli, tmp_path: Path):
    target = tmp_path / "kg.md"
    assert cli("report", "kyrgyzstan", "--since", "2024-01-01", "--lang", "ru", "-o",
               target)[0] == 0
    text = target.read_text("utf-8")
    section = text[text.index("## Изменения после прошлого семинара"):]
    assert "designation.legal-basis" in section and "\\[" in section.split("\n## ")[0]


def test_report_since_after_the_report_date(cli: Cli, tmp_path: Path):
    code, _, err = cli("report", "operating", "--data", MINI, "--since", "2027-01-01", "-o",
                       tmp_path / "r.md")
    assert code == 2 and "after the profile's as_of" in err and not (tmp_path / "r.md").exists()
