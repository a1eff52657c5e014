"""Staleness and score ranges through the CLI (issue 11, items 4 and 5): every format says how
high the score could go and which findings rest on old evidence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.usefixtures("bundled")


def as_json(cli: Any, *args: str | Path) -> dict[str, Any]:
    code, out, err = cli(*args, "--format", "json")
    assert code == 0, err
    result: dict[str, Any] = json.loads(out)
    return result


def test_assess_gives_the_range_in_every_format(cli: Any) -> None:
    result = as_json(cli, "assess", "kazakhstan")
    assert result["score_min"] == result["score"] < result["score_max"] <= 100
    for area in result["areas"]:
        assert area["score_max"] is None or area["score"] <= area["score_max"]
    up_to = f"{result['score_max']:.1f}"
    code, table, _ = cli("assess", "kazakhstan")
    assert code == 0 and f"could be up to {up_to}" in " ".join(table.split())
    code, md, _ = cli("assess", "kazakhstan", "--format", "md")
    assert code == 0 and f"could be up to {up_to}" in md


def test_compare_shows_how_high_each_score_could_go(cli: Any) -> None:
    view = as_json(cli, "compare", "georgia", "mongolia")
    for country in view["countries"]:
        assert country["score"] <= country["score_max"]
    code, csv_out, _ = cli("compare", "georgia", "mongolia", "--format", "csv")
    assert code == 0 and csv_out.splitlines()[3].startswith("score_max,")
    code, table, _ = cli("compare", "georgia", "mongolia")
    assert code == 0 and "Up to" in table


def test_stale_findings_depend_on_the_threshold(cli: Any) -> None:
    default = as_json(cli, "assess", "kazakhstan")
    longer = as_json(cli, "assess", "kazakhstan", "--stale-after", "120")
    shorter = as_json(cli, "assess", "kazakhstan", "--stale-after", "6")
    assert default["stale_after"] == 24
    assert set(longer["stale"]) < set(default["stale"]) < set(shorter["stale"])
    by_id = {f["criterion"]: f for f in default["findings"]}
    for cid in default["stale"]:
        assert by_id[cid]["stale"] and by_id[cid]["evidence_date"] < "2024-12-02"
        assert not by_id[cid]["derived"] and by_id[cid]["status"] != "unknown"
    code, table, _ = cli("assess", "kazakhstan")
    assert code == 0 and "Findings whose evidence is older than 24 months" in table


def test_roadmap_marks_steps_resting_on_old_evidence(cli: Any) -> None:
    steps = as_json(cli, "roadmap", "kazakhstan")["steps"]
    stale = [s for s in steps if s["stale"]]
    assert stale and all(s["evidence_date"] for s in stale)
    code, out, _ = cli("roadmap", "kazakhstan")
    assert code == 0 and "re-check: evidence of" in out


@pytest.mark.parametrize(("lang", "heading"), [
    ("en", "To re-check before the next workshop"),
    ("ru", "Перепроверить до следующего семинара"),
])
def test_report_lists_what_to_re_check(cli: Any, tmp_path: Path, lang: str,
                                       heading: str) -> None:
    result = as_json(cli, "assess", "kazakhstan")
    titles = {f["criterion"]: f["title"] for f in as_json(cli, "assess", "kazakhstan", "--lang",
                                                           lang)["findings"]}
    out = tmp_path / "kz.md"
    assert cli("report", "kazakhstan", "--lang", lang, "-o", out)[0] == 0
    text = out.read_text("utf-8")
    section = text[text.index(heading):]
    section = section[:section.index("\n## ")]
    for cid in result["stale"]:
        assert titles[cid] in section, cid


def test_validate_strict_lists_stale_findings_located(cli: Any) -> None:
    code, out, _ = cli("validate", "profiles/kazakhstan.yaml")
    assert code == 0 and "W203" not in out
    code, out, _ = cli("validate", "profiles/kazakhstan.yaml", "--strict")
    assert code == 2
    lines = [line for line in out.splitlines() if "W203" in line]
    assert lines and all(line.startswith("profiles/kazakhstan.yaml:") for line in lines)
    assert len(lines) == len(as_json(cli, "assess", "kazakhstan")["stale"])
    code, out, _ = cli("validate", "profiles/kazakhstan.yaml", "--strict", "--stale-after", "600")
    assert "W203" not in out
