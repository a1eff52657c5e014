"""`npmcheck assess`, `compare` and `roadmap` through the command line, on the mini fixture data.

Every output format of each command, the JSON result against its published schema, exit codes
(--fail-under), --as-of, Russian output, colour and width rules of the terminal view.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
import sys
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from conftest import MINI, ROOT

Cli = Callable[..., tuple[int, str, str]]  # the `cli` fixture: cli(*args) -> (code, out, err)
ANSI = re.compile(r"\x1b\[")
SCHEMA_PATHS = [ROOT / "docs" / "schemas" / "assessment.schema.json",
                ROOT / "src" / "npmcheck" / "load" / "schemas" / "assessment.schema.json"]
CRITERIA = [
    "ratification.cat-party", "ratification.domestic-approval",
    "ratification.instrument-deposited", "ratification.no-reservations",
    "designation.body-designated", "designation.deadline-met", "mandate.all-places",
    "mandate.pre-mapping",
]
POINTS = {"met": Fraction(1), "partial": Fraction(1, 2), "not_met": Fraction(0),
          "unknown": Fraction(0)}
HAS_HTML = importlib.util.find_spec("npmcheck.render.html") is not None

# A profile with long texts, to see that the terminal view wraps them at 80 columns.
WORDY = """\
country: {id: wordyland, code: XW, name: {en: Wordyland, ru: Многословия}, region: test}
as_of: 2026-01-01
treaties:
  cat: {status: party, joined: 1999-06, how: accession, sources: [s1]}
  opcat:
    status: party
    deposited: 2008-12-29
    how: accession
    sources: [s1]
npm:
  designated: true
  history:
    - body: {en: "The Office of the Commissioner for Human Rights of the Republic of Wordyland \
(the national human rights institution, accredited with A status)", ru: Уполномоченный}
      model: ombudsman
      designated: 2009-06-01
      sources: [s1]
findings:
  mandate.all-places:
    status: partial
    note:
      en: "The law covers prisons and police custody, but psychiatric hospitals, social care \
homes for older people and people with disabilities, migration detention centres and military \
guardhouses are still outside the mandate; see https://example.org/a-very-long-address-that-\
cannot-be-broken-at-a-space/and-goes-on-and-on"
      ru: "Закон охватывает тюрьмы и полицию, но психиатрические больницы, дома-интернаты для \
пожилых людей и людей с инвалидностью, центры содержания мигрантов и гауптвахты пока вне мандата."
    sources: [s1]
  mandate.pre-mapping: {status: unknown, sources: [s1]}
sources:
  - {id: s1, publisher: Test Office, title: A test source, date: 2025-01-02}
"""


def load(out: str) -> Any:
    return json.loads(out)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder with one more profile (the wordy one), used beside the mini fixtures."""
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "wordyland.yaml").write_text(WORDY, "utf-8")
    return tmp_path


def assess_json(cli: Cli, *args: str | Path) -> dict[str, Any]:
    code, out, err = cli("assess", *args, "--data", MINI, "--format", "json")
    assert code == 0, err
    result: dict[str, Any] = load(out)
    return result


# ---------------------------------------------------------------- assess: JSON


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    path = next((p for p in SCHEMA_PATHS if p.is_file()), None)
    assert path is not None, "no assessment.schema.json in the docs or the package"
    schema = json.loads(path.read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("country", ["nonparty", "operating", "wordyland"])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_json_matches_the_schema_and_lists_every_criterion_once(
        cli: Cli, validator: Draft202012Validator, data: Path, country: str, lang: str) -> None:
    result = assess_json(cli, country, "--data", data, "--lang", lang)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in validator.iter_errors(result)]
    assert errors == []
    assert [f["criterion"] for f in result["findings"]] == CRITERIA
    _, out, _ = cli("criteria", "--data", MINI, "--format", "json")
    assert [c["id"] for c in load(out)["criteria"]] == CRITERIA
    assert result["country"]["id"] == country
    assert result["catalogue"] == {**result["catalogue"], "id": "opcat", "version": "2026.1"}


def test_schema_rejects_a_result_missing_a_field(validator: Draft202012Validator) -> None:
    """The schema is not a rubber stamp."""
    assert not validator.is_valid({"country": {"id": "x", "code": "XX", "name": "X"}})


@pytest.mark.parametrize("country", ["nonparty", "operating", "wordyland"])
def test_every_figure_can_be_recomputed_from_the_json(cli: Cli, data: Path,
                                                      country: str) -> None:
    result = assess_json(cli, country, "--data", data)

    def recompute(findings: list[dict[str, Any]]) -> tuple[float | None, ...]:
        applicable = [f for f in findings if f["status"] != "not_applicable"]
        weight = sum(f["weight"] for f in applicable)
        if not weight:
            return None, None, None
        points = sum(f["weight"] * POINTS[f["status"]] for f in applicable)
        # a status inferred from an unmet prerequisite is not knowledge: counted apart
        known = sum(f["weight"] for f in applicable
                    if f["status"] != "unknown" and not f["inferred"])
        inferred = sum(f["weight"] for f in applicable if f["inferred"])

        def pct(x: Fraction | int) -> float:
            tenths = Fraction(1000) * x / weight  # half up to one decimal
            return float(int(tenths + Fraction(1, 2))) / 10

        return pct(points), pct(known), pct(inferred)

    for f in result["findings"]:
        assert f["points"] == (float(POINTS[f["status"]]) if f["status"] in POINTS else None)
        assert f["inferred"] == (f["status"] == "not_met" and bool(f["blocked_by"])
                                 and f["reason"] is not None and f["reason"].startswith("Requires"))
    assert (result["score"], result["coverage"], result["coverage_inferred"]) == \
        recompute(result["findings"])
    for area in result["areas"]:
        members = [f for f in result["findings"] if f["area"] == area["id"]]
        assert (area["score"], area["coverage"]) == recompute(members)[:2]


def test_json_findings_carry_status_reason_note_sources(cli: Cli) -> None:
    result = assess_json(cli, "nonparty")
    by_id = {f["criterion"]: f for f in result["findings"]}
    mapping = by_id["mandate.pre-mapping"]
    assert (mapping["status"], mapping["derived"], mapping["points"]) == ("partial", False, 0.5)
    assert mapping["note"] == "Workshops mapped some places."
    assert mapping["sources"] == ["s1"]
    places = by_id["mandate.all-places"]
    assert (places["status"], places["derived"], places["inferred"]) == ("not_met", True, True)
    assert places["blocked_by"] == ["designation.body-designated"]
    assert places["reason"] == "Requires \u201cNPM designated\u201d first."  # no id in prose
    assert result["stage"]["id"] == "not-party"
    assert all(not by_id[g]["blocked_by"] for g in result["top_gaps"])
    assert "mandate.all-places" not in result["top_gaps"]


# ---------------------------------------------------------------- assess: other formats


def test_table(cli: Cli) -> None:
    code, out, _ = cli("assess", "nonparty", "--data", MINI)
    assert code == 0
    assert out.startswith("Nonparty (XA)")
    result = assess_json(cli, "nonparty")
    score, coverage = result["score"], result["coverage"]
    for text in ("Not a party to OPCAT", f"Score {score:.1f} of 100",
                 f"coverage {coverage:.1f}%", "Ratification", "Designation", "Mandate",
                 "mandate.all-places", "Workshops mapped some places.",
                 f"A further {result['coverage_inferred']:.1f}% of the criteria"):
        assert text in out
    # gaps by weight, heaviest first; met criteria are not gaps; a blocked gap is listed
    # under the prerequisite it waits for, not as a gap of its own
    assert out.index("W2 ratification.domestic-approval") < out.index("W1 mandate.pre-mapping")
    assert "W3 ratification.instrument-deposited" not in out
    assert "W3 designation.body-designated" not in out
    follows = out[out.index("W2 ratification.domestic-approval"):
                  out.index("W1 mandate.pre-mapping")]
    assert "Once this is met, 5 more criteria can follow" in follows
    assert "ratification.instrument-deposited" in follows and "mandate.all-places" in follows
    assert "ratification.cat-party" not in out


def test_csv(cli: Cli) -> None:
    code, out, _ = cli("assess", "nonparty", "--data", MINI, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["criterion"] for r in rows] == CRITERIA
    assert {r["country"] for r in rows} == {"nonparty"}
    by_id = {r["criterion"]: r for r in rows}
    assert (by_id["mandate.pre-mapping"]["status"], by_id["mandate.pre-mapping"]["points"]) == (
        "partial", "0.5")
    assert by_id["ratification.cat-party"]["status"] == "met"


def test_markdown(cli: Cli) -> None:
    code, out, _ = cli("assess", "nonparty", "--data", MINI, "--format", "md")
    assert code == 0
    assert out.startswith("# Nonparty (XA)\n")
    tables = [line for line in out.splitlines() if line.startswith("|")]
    assert tables and all(line.endswith("|") for line in tables)
    ratification = next(a for a in assess_json(cli, "nonparty")["areas"]
                        if a["id"] == "ratification")
    assert ratification["coverage"] < 100  # no-reservations only follows from the deposit
    assert any(line.startswith(f"| Ratification | 33.3 | {ratification['coverage']:.1f}% |")
               for line in tables)
    assert "mandate.all-places" in out and "## Gaps, most important first (7)" in out


# ---------------------------------------------------------------- assess: options


def test_fail_under(cli: Cli) -> None:
    score = assess_json(cli, "nonparty")["score"]  # 19.4
    code, out, err = cli("assess", "nonparty", "--data", MINI, "--fail-under", str(score))
    assert code == 0 and err == ""  # equal is not below
    code, out, err = cli("assess", "nonparty", "--data", MINI, "--fail-under",
                         str(score + 0.1), "--format", "json")
    assert code == 1
    assert load(out)["score"] == score  # the result is still printed
    assert f"{score}" in err and "fail-under" in err
    assert cli("assess", "nonparty", "--data", MINI, "--fail-under", "0")[0] == 0
    assert cli("assess", "operating", "--data", MINI, "--fail-under", "80")[0] == 0
    assert cli("assess", "operating", "--data", MINI, "--fail-under", "100")[0] == 1
    code, _, err = cli("assess", "nonparty", "--data", MINI, "--fail-under", "101")
    assert code == 2


def test_as_of(cli: Cli) -> None:
    now = assess_json(cli, "operating")
    then = assess_json(cli, "operating", "--as-of", "2010-01-01")
    assert then["as_of"] == "2010-01-01" and now["as_of"] == "2026-01-01"
    assert (now["stage"]["id"], then["stage"]["id"]) == ("npm-operating", "party-no-npm")
    assert then["score"] < now["score"]
    statuses = {f["criterion"]: f["status"] for f in then["findings"]}
    assert statuses["designation.body-designated"] == "not_met"  # designated in 2012
    assert statuses["mandate.all-places"] == "not_met"  # its finding is "since 2012-07-12"
    before = assess_json(cli, "operating", "--as-of", "2004-12-31")
    assert before["stage"]["id"] == "not-party" and before["bound"] is False
    code, out, err = cli("assess", "operating", "--data", MINI, "--as-of", "2027-01-01")
    assert code == 2 and out == "" and "E204" in err


def test_russian(cli: Cli) -> None:
    code, out, _ = cli("assess", "nonparty", "--data", MINI, "--lang", "ru")
    assert code == 0
    assert "Неучастница (XA)" in out
    assert "Не является участником" in out
    assert "Ратификация" in out and "Мандат" in out
    assert "На семинарах учли часть мест." in out
    assert "Not a party" not in out and "Score" not in out and "Gaps" not in out
    result = assess_json(cli, "nonparty", "--lang", "ru")
    assert result["lang"] == "ru" and result["country"]["name"] == "Неучастница"
    assert re.search("[а-я]", result["stage"]["explanation"])
    code, out, _ = cli("assess", "nonparty", "--data", MINI, "--lang", "ru", "--format", "md")
    assert out.startswith("# Неучастница (XA)") and "Ратификация" in out


@pytest.fixture
def tty(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Like `cli`, with a standard output that claims to be a terminal 80 columns wide."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "24")

    def run(*args: str | Path) -> tuple[int, str, str]:
        # patched here, at call time: the captured stream is the one the command writes to
        with monkeypatch.context() as patch:
            patch.setattr(sys.stdout, "isatty", lambda: True)
            return cli(*args)

    return run


def test_colour_only_on_a_terminal_without_no_color(tty: Cli,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = tty("assess", "nonparty", "--data", MINI)
    assert code == 0 and ANSI.search(out)  # a terminal gets colour...
    monkeypatch.setenv("NO_COLOR", "1")
    code, out, _ = tty("assess", "nonparty", "--data", MINI)
    assert code == 0 and "Nonparty (XA)" in out
    assert not ANSI.search(out) and "\x1b" not in out  # ...unless NO_COLOR is set


@pytest.mark.parametrize("command", [
    ["assess", "nonparty"], ["compare", "--all", "--criteria"], ["roadmap", "nonparty"]])
def test_no_colour_when_not_a_terminal(cli: Cli, command: list[str]) -> None:
    code, out, _ = cli(*command, "--data", MINI)
    assert code == 0 and out.strip()
    assert "\x1b" not in out


@pytest.mark.parametrize("command", [
    ["assess", "wordyland"], ["assess", "wordyland", "--lang", "ru"],
    ["assess", "operating"], ["compare", "--all", "--criteria"],
    ["roadmap", "wordyland"], ["roadmap", "nonparty", "--deposit-date", "2027-06-26"]])
def test_readable_at_80_columns(tty: Cli, monkeypatch: pytest.MonkeyPatch, data: Path,
                                command: list[str]) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    code, out, _ = tty(*command, "--data", MINI, "--data", data)
    assert code == 0
    long = [line for line in out.splitlines() if len(line) > 80]
    assert long == []
    assert [line for line in out.splitlines() if line != line.rstrip()] == []  # no padding
    # nothing is cut off: every word of the long note is still there, wrapped
    if command[:2] == ["assess", "wordyland"] and "ru" not in command:
        flat = " ".join(out.split())
        assert "military guardhouses are still outside the mandate" in flat
        unfolded = re.sub(r"\n +", "", out)  # a long address is folded onto indented lines
        assert "https://example.org/a-very-long-address-that-cannot-be-broken-at-a-space/" \
               "and-goes-on-and-on" in unfolded


def test_not_a_terminal_is_80_columns_too(cli: Cli, data: Path) -> None:
    code, out, _ = cli("assess", "wordyland", "--data", MINI, "--data", data)
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.mark.usefixtures("bundled")
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_regional_table_fits_80_columns(cli: Cli, lang: str) -> None:
    """Eleven countries do not fit beside the area titles: they go into several tables, with
    nothing cut to an ellipsis and no title folded onto one-word lines."""
    code, out, _ = cli("compare", "--all", "--criteria", "--lang", lang)
    assert code == 0
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "…" not in out
    codes = [c["code"] for c in load(cli("countries", "--format", "json")[1])]
    headers = [line.split()[1:] for line in lines
               if line.split()[:1] in (["Area"], ["Criterion"], ["Раздел"], ["Критерий"])]
    assert len(headers) >= 4  # areas and criteria, each split in two or more
    assert sorted(c for h in headers for c in h) == sorted(codes * 2)
    for title in ("Designation and legal basis", "Transparency and civil society") \
            if lang == "en" else ("Назначение и правовая основа",
                                  "Открытость и гражданское общество"):
        assert title in out


# ---------------------------------------------------------------- compare


def compare(cli: Cli, *args: str, fmt: str = "json") -> str:
    code, out, err = cli("compare", *args, "--data", MINI, "--format", fmt)
    assert code == 0, err
    return out


def test_compare_two_json(cli: Cli) -> None:
    view = load(compare(cli, "nonparty", "operating"))
    assert [c["id"] for c in view["countries"]] == ["nonparty", "operating"]
    assert "criteria" not in view
    for i, country in enumerate(("nonparty", "operating")):
        one = assess_json(cli, country)
        row = view["countries"][i]
        assert (row["score"], row["coverage"], row["stage"]["id"]) == (
            one["score"], one["coverage"], one["stage"]["id"])
        assert [a["scores"][i] for a in view["areas"]] == [a["score"] for a in one["areas"]]


def test_compare_all_with_criteria_matrix(cli: Cli) -> None:
    view = load(compare(cli, "--all", "--criteria"))
    ids = [c["id"] for c in view["countries"]]
    assert ids == ["nonparty", "operating"]
    assert [r["id"] for r in view["criteria"]] == CRITERIA
    for i, country in enumerate(ids):
        statuses = [f["status"] for f in assess_json(cli, country)["findings"]]
        assert [r["statuses"][i] for r in view["criteria"]] == statuses


def test_compare_leaves_the_collector_and_the_texts_as_it_found_them(
        cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """compare and countries pause the garbage collector and remember the texts they write
    while they run (a thousand profiles repeat the same reasons); both come back after, also
    when the command fails, and a text is put into words anew once the command is over."""
    import gc

    from npmcheck import i18n

    for args in (("compare", "--all", "--format", "json"), ("countries", "--format", "json"),
                 ("compare", "nowhere", "operating")):
        cli(*args)
        assert gc.isenabled(), args
    assert i18n.both("Requires \u201c{title}\u201d first.", title="X") is not i18n.both(
        "Requires \u201c{title}\u201d first.", title="X")
    with i18n.remembering():
        first = i18n.both("Requires \u201c{title}\u201d first.", title="X")
        assert i18n.both("Requires \u201c{title}\u201d first.", title="X") is first
        listed = "1 of ['a']"  # a list cannot be a key: written each time, the same
        assert i18n.both("{n} of {items}", n=1, items=["a"]) == i18n.Text(listed, listed)
    monkeypatch.setattr(i18n, "gettext", lambda message, lang: f"{lang}: {message}")
    assert i18n.both("Requires \u201c{title}\u201d first.", title="X") == i18n.Text(
        "en: Requires \u201cX\u201d first.", "ru: Requires \u201cX\u201d first.")


def test_compare_order_follows_the_arguments(cli: Cli) -> None:
    view = load(compare(cli, "XB", "nonparty"))
    assert [c["id"] for c in view["countries"]] == ["operating", "nonparty"]


def test_compare_table_and_matrix_symbols(cli: Cli) -> None:
    out = compare(cli, "--all", "--criteria", fmt="table")
    for text in ("Nonparty", "Operating", "Not a party to OPCAT", "NPM operating", "XA", "XB",
                 "Scores by area", "Criteria by country"):
        assert text in out
    line = next(x for x in out.splitlines() if "mandate.pre-mapping" in x)
    assert line.split()[1:] == ["◐", "?"]  # distinct symbols: readable in black and white
    line = next(x for x in out.splitlines() if "designation.body-designated" in x)
    assert line.split()[1:] == ["✗", "✓"]
    assert "✓ met" in out and "✗ not met" in out
    assert "mandate.pre-mapping" not in compare(cli, "--all", fmt="table")


def test_compare_markdown(cli: Cli) -> None:
    out = compare(cli, "nonparty", "operating", "--criteria", fmt="md")
    assert out.startswith("# Comparison")
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    result = assess_json(cli, "nonparty")
    coverage, top = result["coverage"], result["score_max"]
    assert any(r.startswith(f"| Nonparty | Not a party to OPCAT | 19.4 | {top:.1f} | "
                            f"{coverage:.1f}% |") for r in rows)
    assert any(r.startswith("| ratification.instrument-deposited | ✗ | ✓ |") for r in rows)
    assert "ratification.cat-party" not in compare(cli, "nonparty", "operating", fmt="md")


def test_compare_csv(cli: Cli) -> None:
    out = compare(cli, "--all", "--criteria", fmt="csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["row", "nonparty", "operating"]
    table = {r[0]: r[1:] for r in rows[1:]}
    assert table["stage"] == ["not-party", "npm-operating"]
    assert table["score"][0] == "19.4"
    assert table["area:ratification"] == ["33.3", "100.0"]
    assert table["mandate.pre-mapping"] == ["partial", "unknown"]
    assert set(CRITERIA) <= set(table)


@pytest.mark.skipif(not HAS_HTML, reason="render/html.py is being written by another helper")
def test_compare_html(cli: Cli) -> None:
    out = compare(cli, "--all", "--criteria", fmt="html")
    assert out.lstrip().lower().startswith("<!doctype html")
    assert "Nonparty" in out and "Operating" in out
    assert "ratification.instrument-deposited" in out
    assert "<script" not in out.lower()


def test_compare_needs_countries(cli: Cli) -> None:
    code, out, err = cli("compare", "--data", MINI)
    assert code == 2 and out == "" and "E201" in err


# ---------------------------------------------------------------- roadmap


def roadmap(cli: Cli, *args: str, fmt: str = "json") -> str:
    code, out, err = cli("roadmap", *args, "--data", MINI, "--format", fmt)
    assert code == 0, err
    return out


def test_roadmap_json_with_deposit_date(cli: Cli) -> None:
    view = load(roadmap(cli, "nonparty", "--deposit-date", "2027-06-26"))
    t = view["timeline"]
    assert t["scenario"] is True
    assert (t["deposit"], t["entry_into_force"], t["npm_deadline"]) == (
        "2027-06-26", "2027-07-26", "2028-07-26")
    assert t["postponed_until"] is None
    steps = {s["criterion"]: s for s in view["steps"]}
    gaps = [f["criterion"] for f in assess_json(cli, "nonparty")["findings"]
            if f["status"] in ("not_met", "partial", "unknown")]
    assert sorted(steps) == sorted(gaps)
    for s in view["steps"]:
        assert {"criterion", "phase", "action", "actors", "requires", "deadline",
                "peers"} <= set(s)
    assert steps["designation.body-designated"]["deadline"] == "2028-07-26"
    assert steps["designation.body-designated"]["deadline_legal"] is True
    assert steps["ratification.instrument-deposited"]["deadline"] == "2027-06-26"
    assert steps["designation.body-designated"]["actors"] == ["parliament"]
    peers = steps["designation.body-designated"]["peers"]
    assert [p["country"] for p in peers] == ["operating"]
    assert len(peers) <= 3


def test_roadmap_without_deposit_date_is_relative(cli: Cli) -> None:
    view = load(roadmap(cli, "nonparty"))
    assert view["timeline"]["entry_into_force"] is None
    assert all(s["deadline"] is None for s in view["steps"])
    step = next(s for s in view["steps"] if s["criterion"] == "designation.body-designated")
    assert "12 months after entry into force" in step["deadline_basis"]
    out = roadmap(cli, "nonparty", fmt="table")
    assert "12 months after entry into force" in out


def test_roadmap_deposit_date_is_for_non_parties(cli: Cli) -> None:
    code, out, err = cli("roadmap", "operating", "--data", MINI, "--deposit-date", "2027-06-26")
    assert code == 2 and out == "" and "E204" in err


def test_roadmap_markdown_by_actor(cli: Cli) -> None:
    out = roadmap(cli, "nonparty", "--deposit-date", "2027-06-26", "--by", "actor", fmt="md")
    assert out.startswith("# Roadmap: Nonparty")
    sections = re.split(r"^## ", out, flags=re.MULTILINE)
    by_heading = {s.splitlines()[0]: s for s in sections[1:]}
    assert "Parliament" in by_heading and "Ministry of Foreign Affairs" in by_heading
    steps = {s["criterion"]: s for s in load(roadmap(cli, "nonparty", "--deposit-date",
                                                     "2027-06-26"))["steps"]}
    deposit, body = steps["ratification.instrument-deposited"], steps["designation.body-designated"]
    # each actor's own list, numbered for the actor, naming the step of the full list
    assert f"| 1 | {deposit['action']} | step {deposit['number']}, after step " in \
        by_heading["Ministry of Foreign Affairs"]
    assert deposit["action"] not in by_heading["Parliament"]
    assert f"{body['action']} | step {body['number']}" in by_heading["Parliament"]
    assert "26 July 2028" not in by_heading["Parliament"]  # the details stay in the phase view
    by_phase = roadmap(cli, "nonparty", "--deposit-date", "2027-06-26", fmt="md")
    assert "## Ratification" in by_phase and "## Parliament" not in by_phase


def unfold(text: str) -> list[str]:
    """The content lines of an iCalendar file (RFC 5545: CRLF, continuation lines folded)."""
    return text.replace("\r\n ", "").split("\r\n")


def test_roadmap_ics(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    out = roadmap(cli, "nonparty", "--deposit-date", "2027-06-26", fmt="ics")
    assert out.endswith("\r\n")
    assert "\n" not in out.replace("\r\n", "")  # CRLF line endings only
    assert all(len(line.encode()) <= 75 for line in out.split("\r\n"))
    lines = unfold(out)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "VERSION:2.0" in lines and any(x.startswith("PRODID:") for x in lines)
    events: list[dict[str, str]] = []
    for line in lines:
        if line == "BEGIN:VEVENT":
            events.append({})
        elif events and line != "END:VEVENT" and ":" in line and line != "END:VCALENDAR":
            name, value = line.split(":", 1)
            events[-1][name] = value
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == len(events)
    assert all(e["DTSTAMP"] == "20260101T000000Z" for e in events)
    assert len({e["UID"] for e in events}) == len(events)
    on = {e["DTSTART;VALUE=DATE"]: e for e in events}
    assert len(on) == len(events)  # one event per date
    assert {"20270626", "20270726", "20280726"} <= set(on)
    # every dated step is on its deadline's event, exactly once
    view = load(roadmap(cli, "nonparty", "--deposit-date", "2027-06-26"))
    dated = [s for s in view["steps"] if s["deadline"]]
    assert dated
    for s in dated:
        entry = f"{s['number']}. {s['action']}".replace(",", "\\,")
        holders = [e for e in events if entry in e.get("DESCRIPTION", "").split("\\n")]
        assert [h["DTSTART;VALUE=DATE"] for h in holders] == [s["deadline"].replace("-", "")]
    undated = [s for s in view["steps"] if not s["deadline"]]
    for s in undated:
        assert not any(f"{s['number']}. " in e.get("DESCRIPTION", "") for e in events)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_roadmap_ics_reads_back_through_an_independent_parser(cli: Cli, lang: str) -> None:
    """The hand-written writer (folding, escaping) read by the icalendar library: every event
    comes back with its date and the exact text of the steps due on it, commas and Cyrillic
    included."""
    import icalendar

    out = roadmap(cli, "nonparty", "--deposit-date", "2027-06-26", "--lang", lang, fmt="ics")
    calendar = icalendar.Calendar.from_ical(out)
    events = calendar.walk("VEVENT")
    assert events and len({str(e["UID"]) for e in events}) == len(events)
    view = load(roadmap(cli, "nonparty", "--deposit-date", "2027-06-26", "--lang", lang))
    by_day = {e.decoded("DTSTART").isoformat(): str(e.get("DESCRIPTION", "")) for e in events}
    for step in (s for s in view["steps"] if s["deadline"]):
        assert f"{step['number']}. {step['action']}" in by_day[step["deadline"]].split("\n")
    assert all(str(e["SUMMARY"]).strip() for e in events)


def test_roadmap_ics_without_dates_is_still_a_calendar(cli: Cli) -> None:
    out = roadmap(cli, "nonparty", fmt="ics")
    lines = unfold(out)
    assert lines[0] == "BEGIN:VCALENDAR" and "END:VCALENDAR" in lines
    assert "BEGIN:VEVENT" not in lines


def test_roadmap_russian_markdown(cli: Cli) -> None:
    out = roadmap(cli, "nonparty", "--deposit-date", "2027-06-26", "--lang", "ru", fmt="md")
    assert "Неучастница" in out and "26 июля 2028\u00a0г." in out  # "г." stays with the year
    assert "1 января 2026\u00a0г." in out  # the profile's date, as Russian writes it
    assert "Roadmap" not in out


@pytest.mark.usefixtures("bundled")
@pytest.mark.parametrize("fmt", ["table", "md"])
def test_compare_marks_an_area_of_which_nothing_is_known(cli: Cli, fmt: str) -> None:
    """Uzbekistan's resources: every criterion unknown, so '?' and not a score of 0;
    Turkmenistan's: not met, since there is no NPM to fund, so a real 0."""
    code, out, err = cli("compare", "turkmenistan", "uzbekistan", "--format", fmt)
    assert code == 0, err
    resources = next(line for line in out.splitlines() if "Resources" in line)
    assert re.findall(r"\?|\d+\.\d", resources) == ["0.0", "?"]
    code, out, _ = cli("compare", "turkmenistan", "uzbekistan", "--format", "json")
    area = next(a for a in json.loads(out)["areas"] if a["id"] == "resources")
    assert area["unknown"] == [False, True] and area["scores"][1] == 0.0
