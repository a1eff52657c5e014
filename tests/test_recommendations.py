"""What the State was told (issue 12): recommendations in the profile format, checked and
located; shown under the gaps they concern; counted in the report's summary; listed and
filtered by `npmcheck recommendations` as a table, Markdown, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURES, MINI

RECS = FIXTURES / "recs"
DATA = ("--data", MINI, "--data", RECS)
PROFILE = RECS / "profiles" / "recland.yaml"


def draft(tmp_path: Path, change: Any) -> Path:
    """A copy of recland.yaml with one change made to its data."""
    data = yaml.safe_load(PROFILE.read_text("utf-8"))
    change(data)
    path = tmp_path / "profiles" / "recland.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1)
                if text in line)


# ---------------------------------------------------------------- the profile format


def test_unknown_criterion_id_is_located(cli: Any, tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["recommendations"][0]["criteria"] = ["ratification.instrument-deposit"]
    path = draft(tmp_path, change)
    code, out, _ = cli("validate", path, "--data", MINI)
    assert code == 2
    expected = f"{line_of(path, 'ratification.instrument-deposit')}:"
    assert f"recland.yaml:{expected}" in out and "R101" in out
    assert "did you mean 'ratification.instrument-deposited'" in out


def test_bad_response_value_is_located(cli: Any, tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["recommendations"][1]["response"] = "accepted"  # a commitment's word, not a UPR one
    path = draft(tmp_path, change)
    code, out, _ = cli("validate", path, "--data", MINI)
    lines = path.read_text("utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if "id: upr4-1" in line)
    row = next(i for i, line in enumerate(lines) if i > start and "response: accepted" in line)
    assert code == 2 and "S104" in out and f"recland.yaml:{row + 1}:" in out
    assert "supported" in out  # the message lists what is allowed


def test_missing_source_is_an_error(cli: Any, tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        del d["recommendations"][2]["sources"]
    code, out, _ = cli("validate", draft(tmp_path, change), "--data", MINI)
    assert code == 2 and "sources" in out


def test_unlisted_source_and_duplicate_id_are_errors(cli: Any, tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["recommendations"][0]["sources"] = ["nowhere"]
        d["recommendations"][2]["id"] = d["recommendations"][1]["id"]
    code, out, _ = cli("validate", draft(tmp_path, change), "--data", MINI)
    assert code == 2 and "R102" in out and "R103" in out
    assert "recommendation 'upr4-1' is defined twice" in out


# ---------------------------------------------------------------- the command


def test_recommendations_as_json_with_filters(cli: Any) -> None:
    code, out, _ = cli("recommendations", "recland", *DATA, "--format", "json")
    assert code == 0
    view = json.loads(out)
    assert [r["id"] for r in view["recommendations"]] == ["upr3-1", "cat-2020", "upr4-1"]
    assert view["totals"]["total"] == 3 and view["totals"]["supported"] == 1
    assert view["totals"]["counted_elsewhere"][0]["listed"] == 1
    first = view["recommendations"][0]
    assert (first["symbol"], first["paragraph"], first["recommended_by"]) == (
        "A/HRC/39/99", "114.1", ["Norway", "Chile"])
    for args, ids in ((("--mechanism", "upr"), ["upr3-1", "upr4-1"]),
                      (("--response", "noted"), ["upr4-1"]),
                      (("--criterion", "designation.body-designated"), ["upr4-1"]),
                      (("--mechanism", "cat", "--response", "supported"), [])):
        code, out, _ = cli("recommendations", "recland", *DATA, "--format", "json", *args)
        assert code == 0 and [r["id"] for r in json.loads(out)["recommendations"]] == ids


def test_recommendations_csv_has_the_tracker_columns(cli: Any) -> None:
    code, out, _ = cli("recommendations", "recland", *DATA, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["country", "id", "mechanism", "cycle", "session", "year", "symbol",
                             "paragraph", "recommended_by", "response", "criteria", "text",
                             "sources"]
    by_id = {r["id"]: r for r in rows}
    assert by_id["upr3-1"]["recommended_by"] == "Norway; Chile"
    assert by_id["upr4-1"]["criteria"] == \
        "ratification.instrument-deposited; designation.body-designated"
    assert by_id["cat-2020"]["session"] == "70th session" and by_id["cat-2020"]["cycle"] == ""


def test_recommendations_table_and_markdown_in_russian(cli: Any) -> None:
    code, out, _ = cli("recommendations", "recland", *DATA, "--lang", "ru")
    assert code == 0 and "Рекомендации: Рекомендация (XR)" in out
    assert "Норвегия, Чили" in out and "Поддержана." in out
    code, out, _ = cli("recommendations", "recland", *DATA, "--format", "md")
    assert code == 0 and "| 2018 | UPR | A/HRC/39/99 para. 114.1 | Norway, Chile |" in out


def test_unknown_criterion_filter_is_a_usage_error(cli: Any) -> None:
    code, out, err = cli("recommendations", "recland", *DATA, "--criterion", "mandate.all")
    assert code == 2 and out == "" and "E202" in err and "mandate.all-places" in err


# ---------------------------------------------------------------- shown under the gaps


def test_assess_shows_recommendations_under_each_gap(cli: Any) -> None:
    code, out, _ = cli("assess", "recland", *DATA, "--format", "json")
    assert code == 0
    result = json.loads(out)
    by_id = {f["criterion"]: f for f in result["findings"]}
    deposit = by_id["ratification.instrument-deposited"]["recommendations"]
    assert deposit["count"] == 2 and deposit["years"] == [2018, 2023]
    assert deposit["responses"] == {"supported": 1, "noted": 1}
    assert result["recommendations"]["total"] == 3
    # the deposit waits for the domestic decision: its recommendations show under that gap
    approval = by_id["ratification.domestic-approval"]
    assert approval["recommendations"]["count"] == 0
    folded = approval["recommendations_with_folded"]  # all three wait for this decision
    assert folded["count"] == 3 and folded["ids"] == ["upr3-1", "upr4-1", "cat-2020"]
    code, table, _ = cli("assess", "recland", *DATA)
    assert "Recommendations to the State: 3 (UPR, Committee against Torture; 2018–2023); " \
           "supported: 1, noted: 1, no response expected: 1" in " ".join(table.split())


def test_roadmap_step_says_what_was_recommended(cli: Any) -> None:
    code, out, _ = cli("roadmap", "recland", *DATA, "--format", "json")
    steps = {s["criterion"]: s for s in json.loads(out)["steps"]}
    assert steps["ratification.domestic-approval"]["recommendations"]["count"] == 3
    code, out, _ = cli("roadmap", "recland", *DATA)
    assert code == 0 and "Recommendations to the State: 3" in out


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "The records hold 3 OPCAT-related recommendations made to Recland (UPR 2; Committee "
           "against Torture 1); supported: 1."),
    ("ru", "поддержано: 1."),
])
def test_report_summary_counts_recommendations(cli: Any, tmp_path: Path, lang: str,
                                               sentence: str) -> None:
    out = tmp_path / "report.md"
    code, _, _ = cli("report", "recland", *DATA, "--lang", lang, "-o", out)
    assert code == 0
    text = out.read_text("utf-8")
    summary = text[:text.index("## ", text.index("## ") + 3)]
    assert sentence in summary
    assert "A/HRC/39/99 para. 114.1" in text or "A/HRC/39/99 п. 114.1" in text


def test_report_lists_recommendations_under_the_gap_in_html_and_word(cli: Any,
                                                                     tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    assert cli("report", "recland", *DATA, "-o", html)[0] == 0
    page = html.read_text("utf-8")
    gap = page[page.index("Domestic approval</h4>"):]
    gap = gap[:gap.index("</article>")]
    assert "UPR 2018 (cycle 3), A/HRC/39/99 para. 114.1, Norway, Chile: Ratify OPCAT." in gap
    assert 'id="recommendations"' in page
    docx = tmp_path / "report.docx"
    assert cli("report", "recland", *DATA, "-o", docx)[0] == 0
    from docx import Document

    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "Recommendations received" in text and "Ratify OPCAT and set up an NPM." in text
