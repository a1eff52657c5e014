"""The examples in the documentation, run through the engine.

- docs/methodology.md and docs/methodology.ru.md: the worked example (each table row, the totals
  and the "Result of example N" / "Итог примера N" lines), the rounding line and the dates;
- docs/profiles.md and docs/profiles.ru.md: the complete example profile passes `npmcheck validate`.

If one of these tests fails, the documentation and the engine disagree: fix whichever is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import MINI, ROOT
from npmcheck.domain.model import Catalogue, Declaration, Profile
from npmcheck.domain.scoring import POINTS, Assessment, assess, percent
from npmcheck.domain.timeline import build_timeline
from npmcheck.i18n import format_date
from npmcheck.load import workspace
from npmcheck.records import replace
from npmcheck.values import PartialDate

DOCS = ROOT / "docs"
METHODOLOGY = {"en": DOCS / "methodology.md", "ru": DOCS / "methodology.ru.md"}
PROFILES_DOC = {"en": DOCS / "profiles.md", "ru": DOCS / "profiles.ru.md"}
RESULT = {
    "en": re.compile(r"Result of example (\d): score (\d+\.\d), coverage (\d+\.\d)"),
    "ru": re.compile(r"Итог примера (\d): балл (\d+,\d); полнота данных (\d+,\d)"),
}
TOTAL = {"en": "**total**", "ru": "**итого**"}
ROUNDING = re.compile(r"100 × (\d+) / (\d+) = (\d+[.,]\d+) → (\d+[.,]\d)")
LOOK_BACK = "--as-of 2025-06-01"

# The designation area of the worked example: (id, weight, requires, derive rule).
DESIGNATION = [
    ("designation.body-designated", 3, [], "npm-designated"),
    ("designation.deadline-met", 3, ["ratification.instrument-deposited",
                                     "designation.body-designated"], "npm-designated-in-time"),
    ("designation.legal-basis", 3, [], None),
    ("designation.inclusive-process", 2, [], None),
    ("designation.promulgated", 1, ["designation.body-designated"], None),
    ("designation.spt-notified", 2, ["designation.body-designated"], None),
    ("designation.multi-body-coherence", 2, ["designation.body-designated"], None),
]
# Its prerequisites, as in the bundled catalogue.
RATIFICATION = [
    ("ratification.cat-party", 3, [], "cat-party"),
    ("ratification.domestic-approval", 2, ["ratification.cat-party"], "opcat-approved"),
    ("ratification.instrument-deposited", 3, ["ratification.domestic-approval"],
     "opcat-deposited"),
]

SOURCE = {"id": "s1", "publisher": "Example publisher", "title": "Example source"}
STATE_A = {
    "country": {"id": "state-a", "code": "XA", "name": "State A"},
    "as_of": "2026-03-01",
    "treaties": {
        "cat": {"status": "party", "joined": "1999-06", "sources": ["s1"]},
        "opcat": {"status": "party", "deposited": "2010-03-15", "sources": ["s1"]},
    },
    "npm": {"designated": True, "history": [
        {"body": "National Preventive Mechanism", "model": "specialised",
         "designated": "2012-05-10", "sources": ["s1"]},
    ]},
    "findings": {
        "designation.legal-basis": {"status": "partial", "sources": ["s1"]},
        "designation.promulgated": {"status": "met", "sources": ["s1"]},
        "designation.spt-notified": {"status": "met", "sources": ["s1"]},
        "designation.multi-body-coherence": {"status": "not_applicable", "sources": ["s1"]},
    },
    "sources": [SOURCE],
}
STATE_B = {
    "country": {"id": "state-b", "code": "XB", "name": "State B"},
    "as_of": "2026-03-01",
    "treaties": {
        "cat": {"status": "party", "joined": "1999-06", "sources": ["s1"]},
        "opcat": {"status": "party", "deposited": "2024-09-10", "sources": ["s1"]},
    },
    "npm": {"designated": False, "sources": ["s1"]},
    "findings": {
        "designation.legal-basis": {"status": "not_met", "sources": ["s1"]},
        "designation.inclusive-process": {"status": "partial", "sources": ["s1"]},
        "designation.promulgated": {"status": "unknown"},
        "designation.multi-body-coherence": {"status": "not_applicable", "sources": ["s1"]},
    },
    "sources": [SOURCE],
}


def _criterion(cid: str, weight: int, requires: list[str], derive: str | None) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "id": cid, "area": cid.split(".")[0], "weight": weight, "obligation": "treaty",
        "phase": cid.split(".")[0], "actors": ["parliament"], "title": cid,
        "requirement": f"The requirement of {cid}.", "action": f"Act on {cid}.",
        "references": [{"document": "opcat", "article": "17"}],
    }
    if requires:
        raw["requires"] = requires
    if derive:
        raw["derive"] = derive
    return raw


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalogue, dict[str, Profile]]:
    """The worked example's catalogue and the profiles of States A and B, loaded and checked
    like any user data."""
    folder = tmp_path_factory.mktemp("worked-example")
    catalogue = {
        "catalogue": "opcat", "version": "2026.11", "title": "Worked example",
        "documents": [{"id": "opcat", "title": "OPCAT"}],
        "areas": [{"id": "ratification", "title": "Ratification"},
                  {"id": "designation", "title": "Designation"}],
        "actors": [{"id": "parliament", "label": "Parliament"}],
        "criteria": [_criterion(*row) for row in RATIFICATION + DESIGNATION],
    }
    files = {"criteria/example.yaml": catalogue, "profiles/state-a.yaml": STATE_A,
             "profiles/state-b.yaml": STATE_B}
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    ws = workspace.load_files([folder / "criteria/example.yaml"],
                              [folder / "profiles/state-a.yaml", folder / "profiles/state-b.yaml"])
    assert [str(p) for p in ws.all_problems()] == []
    return ws.catalogue(), {"A": ws.profiles["state-a"], "B": ws.profiles["state-b"]}


def _number(cell: str) -> Fraction | None:
    """'7.5', '7,5', '**14**' -> a Fraction; a dash -> None."""
    cell = cell.strip().strip("*").strip()
    if cell in ("—", "-", ""):
        return None
    return Fraction(cell.replace(",", "."))


def _rows(text: str) -> list[list[str]]:
    return [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in text.splitlines() if line.startswith("|")]


def _examples(lang: str) -> dict[str, tuple[list[list[str]], list[str], tuple[str, str]]]:
    """Per example: its table rows (criterion rows), its total row, and the printed result."""
    text = METHODOLOGY[lang].read_text(encoding="utf-8")
    text = text[text.index("`designation.body-designated` | 3 |"):]  # from the first table
    out = {}
    start = 0
    for match in RESULT[lang].finditer(text):
        rows = _rows(text[start:match.start()])
        criteria = [r for r in rows if re.fullmatch(r"`[a-z-]+\.[a-z-]+`", r[0])
                    and len(r) == 7]
        totals = [r for r in rows if r[0].lower() == TOTAL[lang]]
        assert len(totals) == 1, f"{lang}: example {match.group(1)} needs one total row"
        out[match.group(1)] = (criteria, totals[0], (match.group(2), match.group(3)))
        start = match.end()
    assert sorted(out) == ["1", "2"], f"{lang}: expected the results of examples 1 and 2"
    return out


def _area(assessment: Assessment, area: str) -> tuple[float | None, float | None]:
    found = next(a for a in assessment.areas if a.area.id == area)
    return found.score, found.coverage


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("example", ["1", "2"])
def test_worked_example_matches_the_engine(
    engine: tuple[Catalogue, dict[str, Profile]], lang: str, example: str
) -> None:
    catalogue, profiles = engine
    assessment = assess(catalogue, profiles["AB"[int(example) - 1]])
    rows, total, (score, coverage) = _examples(lang)[example]
    assert [r[0].strip("`") for r in rows] == [cid for cid, *_ in DESIGNATION]
    weights = sums = known = Fraction(0)
    for cells in rows:
        cid = cells[0].strip("`")
        finding = assessment.finding(cid)
        printed = re.search(r"`([a-z_]+)`", cells[2])
        assert printed is not None, f"{lang} example {example}: no status for {cid}"
        assert printed.group(1) == finding.status, (lang, example, cid)
        weight = Fraction(cells[1])
        assert weight == finding.criterion.weight, (lang, example, cid)
        points, product, weight_known = (_number(c) for c in cells[4:7])
        if finding.status == "not_applicable":
            assert (points, product, weight_known) == (None, None, None), (lang, example, cid)
            continue
        assert points == POINTS[finding.status], (lang, example, cid)
        assert product == weight * points, (lang, example, cid)
        # known: a status the profile or a rule establishes, not one inferred from a prerequisite
        assert weight_known == (0 if finding.status == "unknown" or finding.inferred
                                else weight), (lang, cid)
        weights, sums, known = weights + weight, sums + product, known + weight_known
        if finding.derived and cid == "designation.deadline-met":
            reason = finding.reason(lang) if finding.reason else ""
            reason = reason.replace("\u00a0", " ")  # "2012 г." keeps its "г." on the line
            assert reason.rstrip(".").lower() in cells[3].lower(), (lang, example, reason)
    assert [_number(total[1]), _number(total[5]), _number(total[6])] == [weights, sums, known]
    engine_score, engine_coverage = _area(assessment, "designation")
    assert (engine_score, engine_coverage) == (percent(sums, weights), percent(known, weights))
    assert (float(score.replace(",", ".")), float(coverage.replace(",", "."))) == (
        engine_score, engine_coverage)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_look_back_changes_the_reason_and_the_coverage_not_the_score(
    engine: tuple[Catalogue, dict[str, Profile]], lang: str
) -> None:
    assert LOOK_BACK in METHODOLOGY[lang].read_text(encoding="utf-8")
    catalogue, profiles = engine
    now = assess(catalogue, profiles["B"])
    before = assess(catalogue, profiles["B"], dt.date.fromisoformat(LOOK_BACK.split()[-1]))
    earlier, later = before.finding("designation.deadline-met"), now.finding(
        "designation.deadline-met")
    assert earlier.status == later.status == "not_met"
    # before the deadline the rule has no answer: the status only follows from the missing NPM
    assert earlier.inferred and earlier.reason is not None  # "Requires “<the NPM>” first"
    assert "designation.body-designated" in earlier.reason.en  # its title in this catalogue
    assert not later.inferred and later.reason is not None and "deadline" in later.reason.en
    (score_before, coverage_before), (score_now, coverage_now) = (
        _area(before, "designation"), _area(now, "designation"))
    assert score_before == score_now
    assert coverage_before is not None and coverage_now is not None
    assert coverage_before < coverage_now  # inferred then, a fact of its own now


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_dates_in_the_methodology_match_the_timeline(
    engine: tuple[Catalogue, dict[str, Profile]], lang: str
) -> None:
    text = METHODOLOGY[lang].read_text(encoding="utf-8")
    _, profiles = engine

    def shown(date: dt.date) -> str:  # the docs write "2026 г." with a plain space
        return format_date(PartialDate.from_date(date), lang).replace("\u00a0", " ")

    for key in "AB":
        timeline = build_timeline(profiles[key])
        for span in (timeline.entry_into_force, timeline.npm_deadline):
            assert span is not None and span.exact
            assert shown(span.earliest) in text, (lang, key, span)

    def deposit(profile: Profile, date: str, declaration: Declaration | None = None) -> Profile:
        opcat = replace(profile.opcat, deposited=PartialDate.parse(date),
                                    declaration=declaration)
        return replace(profile, opcat=opcat)

    base = profiles["A"]
    plain = build_timeline(deposit(base, "2026-03-02"))
    postponed = build_timeline(deposit(base, "2026-03-02", Declaration("IV", 3)))
    extended = build_timeline(deposit(base, "2026-03-02", Declaration("IV", 3, 2)))
    partial = build_timeline(deposit(base, "2008-10"))
    expected = [plain.entry_into_force, plain.npm_deadline, postponed.npm_deadline,
                extended.npm_deadline]
    for span in expected:
        assert span is not None and span.exact
        assert shown(span.earliest) in text, (lang, span)
    for span in (partial.entry_into_force, partial.npm_deadline):
        assert span is not None and not span.exact
        assert shown(span.earliest) in text and shown(span.latest) in text, (lang, span)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_rounding_line(lang: str) -> None:
    match = ROUNDING.search(METHODOLOGY[lang].read_text(encoding="utf-8"))
    assert match is not None, f"{lang}: no rounding line"
    numerator, denominator = Fraction(match.group(1)), Fraction(match.group(2))
    exact, rounded = (Fraction(g.replace(",", ".")) for g in match.group(3, 4))
    assert exact == 100 * numerator / denominator
    assert float(rounded) == percent(numerator, denominator)
    assert round(float(exact), 1) != float(rounded)  # the line shows why "half up" matters


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_both_languages_print_the_same_results(lang: str) -> None:
    ours = {k: v[2] for k, v in _examples(lang).items()}
    english = {k: v[2] for k, v in _examples("en").items()}
    assert {k: tuple(n.replace(",", ".") for n in v) for k, v in ours.items()} == english


def _example_profile(lang: str) -> tuple[str, str]:
    """The one ```yaml block of the profiles guide that is a complete profile: (id, text)."""
    text = PROFILES_DOC[lang].read_text(encoding="utf-8")
    blocks = re.findall(r"^```yaml\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)
    complete = [b for b in blocks if re.search(r"^country:", b, flags=re.MULTILINE)]
    assert len(complete) == 1, f"{lang}: expected one complete example profile"
    data = yaml.safe_load(complete[0])
    return data["country"]["id"], complete[0]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_example_profile_validates(tmp_path: Path, cli, lang: str) -> None:  # type: ignore[no-untyped-def]
    country, text = _example_profile(lang)
    path = tmp_path / "profiles" / f"{country}.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    code, out, err = cli("validate", "--data", MINI, path)
    assert (code, err) == (0, ""), out
    assert "errors: 0; warnings: 0." in out, out


def _bundled_catalogue_files() -> list[Path]:
    return workspace.yaml_files(ROOT / "criteria")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_example_profile_validates_against_the_bundled_catalogue(
    tmp_path: Path, cli, bundled: None, lang: str  # type: ignore[no-untyped-def]
) -> None:
    if not _bundled_catalogue_files():
        pytest.skip("no bundled catalogue in criteria/")
    country, text = _example_profile(lang)
    path = tmp_path / "profiles" / f"{country}.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    code, out, err = cli("validate", path)
    assert (code, err) == (0, ""), out


def test_worked_example_uses_the_bundled_weights() -> None:
    """The worked example names real criteria: their weights, prerequisites and rules must be
    those of the bundled catalogue."""
    files = _bundled_catalogue_files()
    if not files:
        pytest.skip("no bundled catalogue in criteria/")
    ws = workspace.load_files(files, [])
    catalogue = ws.catalogue()
    for cid, weight, requires, derive in DESIGNATION + RATIFICATION:
        criterion = catalogue.by_id[cid]
        assert (criterion.weight, list(criterion.requires), criterion.derive) == (
            weight, requires, derive), cid


@pytest.mark.parametrize(("lang", "shown"), [("en", "67.9"), ("ru", "67,9")])
def test_score_range_example_matches_the_engine(
    engine: tuple[Catalogue, dict[str, Profile]], lang: str, shown: str
) -> None:
    catalogue, profiles = engine
    area = next(a for a in assess(catalogue, profiles["A"]).areas if a.area.id == "designation")
    assert area.score_max == 67.9
    assert f"rounds to {shown}" in METHODOLOGY[lang].read_text("utf-8") or \
        f"после округления {shown}" in METHODOLOGY[lang].read_text("utf-8")
