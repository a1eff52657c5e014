"""The assessment engine: scores and coverage (properties), derived statuses, stages, --as-of.

Catalogues and profiles are built in memory (tests/builders.py), so that these tests do not
depend on the bundled data.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import (
    body,
    catalogue,
    commitment,
    criterion,
    declaration,
    event,
    party,
    profile,
    treaty,
)
from npmcheck.domain.model import Catalogue, Criterion, Profile, ProfileFinding
from npmcheck.domain.scoring import Assessment, as_it_stood, assess
from npmcheck.values import Text

SETTINGS = settings(max_examples=120, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
POINTS = {"met": Fraction(1), "partial": Fraction(1, 2), "not_met": Fraction(0),
          "unknown": Fraction(0)}
# A status "raised" by one step: not_met -> partial -> met, and unknown (or no finding) -> any.
RAISES: dict[str | None, tuple[str, ...]] = {
    "not_met": ("partial", "met"),
    "partial": ("met",),
    "unknown": ("met", "partial", "not_met", "not_applicable"),
    None: ("met", "partial", "not_met", "not_applicable", "unknown"),
}
GIVEN = ("met", "partial", "not_met", "unknown", "not_applicable", None)  # None: no finding


# ---------------------------------------------------------------- strategies


@st.composite
def catalogues(draw: st.DrawFn, max_size: int = 10) -> Catalogue:
    """Random catalogues: 1-3 areas, weights 1-3, a random prerequisite DAG, shuffled order."""
    size = draw(st.integers(1, max_size))
    areas = [f"area{i}" for i in range(draw(st.integers(1, 3)))]
    items: list[Criterion] = []
    for i in range(size):
        area = draw(st.sampled_from(areas))
        earlier = draw(st.lists(st.integers(0, i - 1), max_size=2, unique=True)) if i else []
        items.append(criterion(f"{area}.c{i}", weight=draw(st.integers(1, 3)),
                               requires=[items[j].id for j in earlier]))
    order = draw(st.permutations(range(size)))
    return catalogue([items[k] for k in order], areas)


@st.composite
def cases(draw: st.DrawFn, max_size: int = 10) -> tuple[Catalogue, dict[str, str | None]]:
    """A catalogue and a status (or no finding) for each of its criteria."""
    cat = draw(catalogues(max_size))
    statuses = {c.id: draw(st.sampled_from(GIVEN)) for c in cat.criteria}
    return cat, statuses


def run(cat: Catalogue, statuses: dict[str, str | None]) -> Assessment:
    return assess(cat, profile(findings={k: v for k, v in statuses.items() if v is not None}))


def expected_percent(numerator: Fraction, denominator: Fraction) -> float:
    """100 x numerator / denominator, one decimal, rounded half up (computed independently)."""
    exact = Fraction(100) * numerator / denominator
    value = Decimal(exact.numerator) / Decimal(exact.denominator)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def expected(findings: list[Any]) -> tuple[float | None, float | None]:
    applicable = [f for f in findings if f.status != "not_applicable"]
    weight = sum((Fraction(f.criterion.weight) for f in applicable), Fraction(0))
    if not weight:
        return None, None
    points = sum((f.criterion.weight * POINTS[f.status] for f in applicable), Fraction(0))
    # a status inferred from an unmet prerequisite is not knowledge about the criterion
    known = sum((Fraction(f.criterion.weight) for f in applicable
                 if f.status != "unknown" and not f.inferred), Fraction(0))
    return expected_percent(points, weight), expected_percent(known, weight)


def scores(a: Assessment) -> dict[str, float | None]:
    out: dict[str, float | None] = {s.area.id: s.score for s in a.areas}
    out["overall"] = a.score
    return out


# ---------------------------------------------------------------- score properties


@SETTINGS
@given(catalogues())
def test_all_met_scores_100(cat: Catalogue) -> None:
    a = run(cat, dict.fromkeys(cat.by_id, "met"))
    assert a.score == 100.0 and a.coverage == 100.0
    for area in a.areas:
        if area.weight:
            assert area.score == 100.0 and area.coverage == 100.0
        else:  # an area without criteria has nothing to score
            assert area.score is None and area.coverage is None


@SETTINGS
@given(catalogues())
def test_all_not_met_scores_0_with_full_coverage(cat: Catalogue) -> None:
    a = run(cat, dict.fromkeys(cat.by_id, "not_met"))
    assert a.score == 0.0 and a.coverage == 100.0
    assert all(area.score == 0.0 for area in a.areas if area.weight)


@SETTINGS
@given(st.data())
def test_raising_one_status_never_lowers_a_score(data: st.DataObject) -> None:
    cat, statuses = data.draw(cases())
    cid = data.draw(st.sampled_from(sorted(statuses)))
    if statuses[cid] not in RAISES:
        return  # met and not_applicable cannot be raised
    raised = dict(statuses)
    raised[cid] = data.draw(st.sampled_from(RAISES[statuses[cid]]))
    before, after = scores(run(cat, statuses)), scores(run(cat, raised))
    for key, old in before.items():
        new = after[key]
        if new is None:  # an empty area, or its last applicable criterion left it
            assert old is None or raised[cid] == "not_applicable"
            continue
        assert old is not None and new >= old, (key, cid, statuses[cid], raised[cid])


@SETTINGS
@given(st.data())
def test_not_applicable_criteria_change_nothing_else(data: st.DataObject) -> None:
    cat, statuses = data.draw(cases(max_size=8))
    ids = list(cat.by_id)
    extra: list[Criterion] = []
    for i in range(data.draw(st.integers(1, 4))):
        area = data.draw(st.sampled_from([a.id for a in cat.areas] + ["extra"]))
        requires = data.draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))
        extra.append(criterion(f"{area}.na{i}", weight=data.draw(st.integers(1, 3)),
                               requires=requires))
    merged = list(cat.criteria)
    for item in extra:
        merged.insert(data.draw(st.integers(0, len(merged))), item)
    bigger = catalogue(merged, [a.id for a in cat.areas] + ["extra"])
    before = run(cat, statuses)
    after = run(bigger, {**statuses, **dict.fromkeys((c.id for c in extra), "not_applicable")})
    assert (after.score, after.coverage) == (before.score, before.coverage)
    for old in before.areas:
        new = next(s for s in after.areas if s.area.id == old.area.id)
        assert (new.score, new.coverage) == (old.score, old.coverage)
    for f in before.findings:
        g = after.finding(f.criterion.id)
        assert (g.status, g.derived, g.reason) == (f.status, f.derived, f.reason)
    assert all(after.finding(c.id).status == "not_applicable" for c in extra)
    assert all(after.finding(c.id).points is None for c in extra)


@SETTINGS
@given(cases())
def test_score_and_coverage_follow_the_formula(case: tuple[Catalogue, dict[str, str | None]]
                                               ) -> None:
    """Weighted means over applicable criteria, 0-100, one decimal rounded half up; coverage is
    the share of applicable weight whose status is known and not only inferred from an unmet
    prerequisite."""
    a = run(*case)
    groups = [(a.score, a.coverage, list(a.findings))]
    groups += [(s.score, s.coverage, [f for f in a.findings if f.criterion.area == s.area.id])
               for s in a.areas]
    for score, coverage, members in groups:
        assert (score, coverage) == expected(members)
        for value in (score, coverage):
            if value is not None:
                assert 0.0 <= value <= 100.0
                assert round(value, 1) == value
    assert len(a.findings) == len(a.catalogue.criteria)


@SETTINGS
@given(cases())
def test_unmet_prerequisite_makes_unanswered_criteria_not_met(
        case: tuple[Catalogue, dict[str, str | None]]) -> None:
    cat, statuses = case
    a = run(cat, statuses)
    for f in a.findings:
        own = statuses[f.criterion.id]
        blocked = [r for r in f.criterion.requires if a.finding(r).status == "not_met"]
        if own not in (None, "unknown"):
            assert (f.status, f.derived) == (own, False)
        elif blocked:
            assert (f.status, f.derived) == ("not_met", True)
            assert f.reason is not None
            assert "requires" in f.reason.en.lower()
            assert any(r in f.reason.en for r in blocked)
        else:
            assert (f.status, f.derived) == ("unknown", False)


def test_rounding_is_half_up_not_to_even() -> None:
    # 100 x 0.5 / 8 = 6.25 -> 6.3 (round() in Python would give 6.2)
    cat = catalogue([criterion("a.half", weight=1), criterion("a.rest", weight=3),
                     criterion("a.more", weight=3), criterion("a.last", weight=1)])
    a = run(cat, {"a.half": "partial", "a.rest": "not_met", "a.more": "not_met",
                  "a.last": "not_met"})
    assert a.score == 6.3
    # coverage 100 x 1 / 16 = 6.25 -> 6.3
    cat = catalogue([criterion("a.known", weight=1)]
                    + [criterion(f"a.u{i}", weight=3) for i in range(5)])
    a = run(cat, {"a.known": "met"})
    assert (a.score, a.coverage) == (6.3, 6.3)


def test_points_per_status() -> None:
    cat = catalogue([criterion(f"a.{s.replace('_', '-')}") for s in
                     ("met", "partial", "not_met", "unknown", "not_applicable")])
    a = run(cat, {f"a.{s.replace('_', '-')}": s for s in
                  ("met", "partial", "not_met", "unknown", "not_applicable")})
    assert [f.points for f in a.findings] == [1.0, 0.5, 0.0, 0.0, None]
    assert (a.score, a.coverage) == (37.5, 75.0)  # 1.5 of 4; 3 of 4 known


# ---------------------------------------------------------------- derived statuses

RULE_IDS = {
    "cat-party": "ratification.cat-party",
    "opcat-approved": "ratification.domestic-approval",
    "opcat-deposited": "ratification.instrument-deposited",
    "no-reservations": "ratification.no-reservations",
    "npm-designated": "designation.body-designated",
    "npm-designated-in-time": "designation.deadline-met",
}
# Every derive rule on its own (no prerequisites, so that only the rule decides).
DERIVED = catalogue([criterion(cid, derive=rule, weight=2) for rule, cid in RULE_IDS.items()])
# OPCAT deposit 2008-12-29 -> entry into force 2009-01-28 -> NPM deadline 2010-01-28.
DEPOSITED = party("2008-12-29")


def derived(rule: str, p: Profile, as_of: dt.date | None = None) -> tuple[str, bool, str]:
    """(status, derived?, English reason) of the criterion that uses `rule`."""
    f = assess(DERIVED, p, as_of).finding(RULE_IDS[rule])
    return f.status, f.derived, f.reason.en if f.reason else ""


def test_every_rule_is_covered() -> None:
    from npmcheck.domain.derive import RULES

    assert set(RULES) == set(RULE_IDS)


@pytest.mark.parametrize(("cat", "as_of", "status", "says"), [
    (treaty("party", joined="1999-06-25"), None, "met", "25 June 1999"),
    (treaty("party", deposited="1999-06"), None, "met", "June 1999"),
    (treaty("party"), None, "met", "Convention against Torture"),
    (treaty("not-party"), None, "not_met", "Not a party"),
    (treaty("signatory", signed="2000-01-01"), None, "not_met", "Not a party"),
    (treaty("unknown"), None, "unknown", ""),
    # joined some time in 2025: on 1 June 2025 it may or may not have happened yet
    (treaty("party", joined="2025"), dt.date(2025, 6, 1), "unknown", ""),
    # looking back before the deposit
    (treaty("party", joined="1999-06-25"), dt.date(1999, 6, 24), "not_met", "Not a party"),
])
def test_cat_party(cat: Any, as_of: dt.date | None, status: str, says: str) -> None:
    got = derived("cat-party", profile(cat=cat), as_of)
    assert got[:2] == (status, status != "unknown")
    assert says in got[2]


@pytest.mark.parametrize(("opcat", "as_of", "status", "says"), [
    (DEPOSITED, None, "met", "deposited"),
    (treaty("signatory", signed="2020-01-01", approved="2024-05-10"), None, "met", "10 May 2024"),
    (treaty("not-party", approved="2024-05"), None, "met", "May 2024"),
    (treaty("not-party"), None, "not_met", "No domestic decision"),
    (treaty("signatory", signed="2020-01-01"), None, "not_met", "No domestic decision"),
    (treaty("unknown"), None, "unknown", ""),
    # approved some time in 2025: on 1 June 2025 the decision may not have been taken yet
    (treaty("not-party", approved="2025"), dt.date(2025, 6, 1), "unknown", ""),
    # looking back before the approval
    (treaty("not-party", approved="2024-05-10"), dt.date(2024, 1, 1), "not_met", ""),
])
def test_opcat_approved(opcat: Any, as_of: dt.date | None, status: str, says: str) -> None:
    got = derived("opcat-approved", profile(opcat=opcat), as_of)
    assert got[:2] == (status, status != "unknown")
    assert says in got[2]


@pytest.mark.parametrize(("opcat", "as_of", "status", "says"), [
    (DEPOSITED, None, "met", "29 December 2008"),
    (treaty("party", joined="2009-07"), None, "met", "July 2009"),
    (treaty("signatory", signed="2005-01-01"), None, "not_met", "signed"),
    (treaty("not-party"), None, "not_met", "Not a party"),
    (treaty("unknown"), None, "unknown", ""),
    (treaty("party", deposited="2025"), dt.date(2025, 6, 1), "unknown", ""),
    (DEPOSITED, dt.date(2008, 12, 28), "not_met", ""),
])
def test_opcat_deposited(opcat: Any, as_of: dt.date | None, status: str, says: str) -> None:
    got = derived("opcat-deposited", profile(opcat=opcat), as_of)
    assert got[:2] == (status, status != "unknown")
    assert says in got[2]


@pytest.mark.parametrize(("opcat", "status"), [
    (DEPOSITED, "met"),
    (party("2008-12-29", reservations=True), "not_met"),
    (treaty("not-party"), "unknown"),  # nothing to judge before the State joins
    (treaty("signatory", signed="2005-01-01"), "unknown"),
    (treaty("party", deposited="2025"), "unknown"),  # maybe not a party yet on 1 June 2025
])
def test_no_reservations(opcat: Any, status: str) -> None:
    got = derived("no-reservations", profile(opcat=opcat), dt.date(2025, 6, 1))
    assert got[:2] == (status, status != "unknown")
    if status == "not_met":
        assert "reservation" in got[2]


@pytest.mark.parametrize(("designated", "bodies", "status", "says"), [
    (True, [body("Ombudsman", designated="2009-06-01")], "met", "Ombudsman"),
    (True, [body("Ombudsman", designated=None)], "met", "Ombudsman"),  # date unknown
    (True, [body("Old Centre", designated="2009-06", until="2015"),
            body("Ombudsman", designated="2015")], "met", "Ombudsman"),
    (True, [], "met", "designated"),
    (False, [], "not_met", "No NPM"),
    (None, [], "unknown", ""),
])
def test_npm_designated(designated: bool | None, bodies: list[Any], status: str,
                        says: str) -> None:
    got = derived("npm-designated", profile(opcat=DEPOSITED, designated=designated,
                                            bodies=bodies))
    assert got[:2] == (status, status != "unknown")
    assert says in got[2]


def test_npm_designated_looking_back_before_the_designation() -> None:
    p = profile(opcat=DEPOSITED, designated=True, bodies=[body(designated="2012-07-12")])
    assert derived("npm-designated", p, dt.date(2012, 7, 11))[:2] == ("not_met", True)
    assert derived("npm-designated", p, dt.date(2012, 7, 12))[:2] == ("met", True)


@pytest.mark.parametrize(("opcat", "designated", "bodies", "as_of", "status", "says"), [
    # deadline 28 January 2010
    (DEPOSITED, True, [body(designated="2009-06-01")], None, "met", "28 January 2010"),
    (DEPOSITED, True, [body(designated="2010-01-28")], None, "met", "28 January 2010"),
    (DEPOSITED, True, [body(designated="2009")], None, "met", "2009"),
    (DEPOSITED, True, [body(designated="2010-01-29")], None, "not_met", "28 January 2010"),
    (DEPOSITED, True, [body(designated="2012-07-12")], None, "not_met", "12 July 2012"),
    (DEPOSITED, False, [], None, "not_met", "28 January 2010"),
    # not yet due: nothing to judge
    (DEPOSITED, False, [], dt.date(2009, 6, 1), "unknown", ""),
    # 2010 straddles the deadline: cannot tell
    (DEPOSITED, True, [body(designated="2010")], None, "unknown", ""),
    # a body whose designation date is unknown
    (DEPOSITED, True, [body(designated=None)], None, "unknown", ""),
    (DEPOSITED, True, [body("First", designated=None, until="2012"),
                       body("Second", designated="2012")], None, "unknown", ""),
    (DEPOSITED, None, [], None, "unknown", ""),
    # not a party: no deadline runs
    (treaty("not-party"), False, [], None, "unknown", ""),
    # Part IV postponed 3 + 2 years: deadline 28 January 2014
    (party("2008-12-29", declaration=declaration("IV", 3, 2)), True,
     [body(designated="2013-06-01")], None, "met", "28 January 2014"),
])
def test_npm_designated_in_time(opcat: Any, designated: bool | None, bodies: list[Any],
                                as_of: dt.date | None, status: str, says: str) -> None:
    p = profile(opcat=opcat, designated=designated, bodies=bodies)
    got = derived("npm-designated-in-time", p, as_of)
    assert got[:2] == (status, status != "unknown")
    assert says in got[2]


def test_derived_status_wins_over_the_profile_and_keeps_its_note() -> None:
    note = ProfileFinding("met", ("s1",), Text("Joined in 1999."))
    p = profile(cat=treaty("not-party"), findings={"ratification.cat-party": note})
    f = assess(DERIVED, p).finding("ratification.cat-party")
    assert (f.status, f.derived) == ("not_met", True)
    assert f.note == Text("Joined in 1999.")


def test_profile_answers_when_the_facts_do_not() -> None:
    p = profile(cat=treaty("unknown"), findings={"ratification.cat-party": "met"})
    f = assess(DERIVED, p).finding("ratification.cat-party")
    assert (f.status, f.derived) == ("met", False)


# ---------------------------------------------------------------- prerequisites

CHAIN = catalogue([
    criterion("designation.body", derive="npm-designated", weight=3, phase="designation"),
    criterion("mandate.places", requires=["designation.body"], weight=3),
    criterion("mandate.staff", requires=["mandate.places"], weight=2),
    criterion("mandate.free", weight=1),
])


def test_unmet_prerequisite_gives_not_met_requires() -> None:
    a = assess(CHAIN, profile(designated=False))
    places = a.finding("mandate.places")
    assert (places.status, places.derived) == ("not_met", True)
    assert places.reason is not None
    assert "requires" in places.reason.en.lower() and "designation.body" in places.reason.en
    assert places.reason.ru and "designation.body" in places.reason.ru
    staff = a.finding("mandate.staff")  # and so on down the chain
    assert staff.status == "not_met" and staff.reason and "mandate.places" in staff.reason.en
    assert a.finding("mandate.free").status == "unknown"


def test_profile_answer_beats_unmet_prerequisite() -> None:
    a = assess(CHAIN, profile(designated=False, findings={"mandate.places": "partial"}))
    places = a.finding("mandate.places")
    assert (places.status, places.derived, places.reason) == ("partial", False, None)
    # its own dependant is no longer blocked: partial is not "not met"
    assert a.finding("mandate.staff").status == "unknown"


def test_met_or_unknown_prerequisite_blocks_nothing() -> None:
    a = assess(CHAIN, profile(designated=True, bodies=[body(designated="2020")]))
    assert a.finding("mandate.places").status == "unknown"
    a = assess(CHAIN, profile(designated=None))
    assert a.finding("mandate.places").status == "unknown"


# ---------------------------------------------------------------- stages


@pytest.mark.parametrize(("opcat", "designated", "bodies", "stage", "explains"), [
    (treaty("not-party"), False, [], "not-party", "not joined OPCAT"),
    (treaty("signatory", signed="2005-01-01"), False, [], "signatory", "signed"),
    (DEPOSITED, False, [], "party-no-npm", "28 January 2010"),
    (DEPOSITED, True, [body("Human Rights Centre", designated="2009-06-01")], "npm-designated",
     "Human Rights Centre"),
    (DEPOSITED, True, [body("Ombudsman", designated="2009-06-01", operational="2010-03")],
     "npm-operating", "Ombudsman"),
    (DEPOSITED, True, [body("Ombudsman", designated=None, operational="2010-03")],
     "npm-operating", "March 2010"),
    # an NPM is on record as designated, though the profile does not name the body
    (DEPOSITED, True, [], "npm-designated", "designated"),
])
def test_stage(opcat: Any, designated: bool | None, bodies: list[Any], stage: str,
               explains: str) -> None:
    a = assess(DERIVED, profile(opcat=opcat, designated=designated, bodies=bodies))
    assert a.stage.id == stage
    assert explains in a.stage.explanation.en
    assert a.stage.label.en and a.stage.label.ru and a.stage.label.ru != a.stage.label.en
    assert a.stage.explanation.ru and a.stage.explanation.ru != a.stage.explanation.en


def test_stage_agrees_with_the_designation_finding() -> None:
    """Whatever the NPM facts, "designated" in the findings and in the stage never disagree."""
    for designated, bodies in [(True, []), (True, [body(designated="2009")]), (False, []),
                               (True, [body(designated="2009", until="2012")])]:
        a = assess(DERIVED, profile(opcat=DEPOSITED, designated=designated, bodies=bodies))
        finding = a.finding(RULE_IDS["npm-designated"]).status
        assert (finding == "met") == (a.stage.id in ("npm-designated", "npm-operating")), \
            (designated, bodies, finding, a.stage.id)


# ---------------------------------------------------------------- as of an earlier date

CHAIN_AND_RULES = catalogue(list(CHAIN.criteria) + list(DERIVED.criteria))


def _history() -> Profile:
    from npmcheck.values import PartialDate

    return profile(
        "historia",
        opcat=treaty("party", signed="2005-01-01", deposited="2008-12-29"),
        designated=True,
        bodies=[body("National Centre", "specialised", designated="2012-07-12",
                     operational="2014-03", until="2025-09"),
                body("Ombudsman", "ombudsman", designated="2025-09", operational="2025-10")],
        findings={"mandate.places": ProfileFinding("met", ("s1",), since=PartialDate(2014, 3)),
                  "mandate.free": "partial"},
        events=[event("2007-05-01", "Early workshop"), event("2013-02-01", "Study visit")],
        commitments=[commitment("plan-2010", due="2012-12-31", made="2010-01-01"),
                     commitment("plan-2020", due="2025-12-31", made="2020-01-01")],
    )


@pytest.mark.parametrize(("on", "stage", "deposited", "body_status", "places"), [
    (dt.date(2026, 1, 1), "npm-operating", "met", "met", "met"),
    (dt.date(2020, 1, 1), "npm-operating", "met", "met", "met"),
    (dt.date(2013, 1, 1), "npm-designated", "met", "met", "unknown"),
    (dt.date(2011, 1, 1), "party-no-npm", "met", "not_met", "not_met"),
    (dt.date(2006, 1, 1), "signatory", "not_met", "not_met", "not_met"),
    (dt.date(2004, 1, 1), "not-party", "not_met", "not_met", "not_met"),
])
def test_as_of_assesses_the_profile_as_it_stood(on: dt.date, stage: str, deposited: str,
                                                body_status: str, places: str) -> None:
    a = assess(CHAIN_AND_RULES, _history(), on)
    assert a.as_of == on
    assert a.stage.id == stage
    assert a.finding(RULE_IDS["opcat-deposited"]).status == deposited
    assert a.finding("designation.body").status == body_status
    assert a.finding("mandate.places").status == places



def test_as_of_drops_later_events_findings_commitments_and_bodies() -> None:
    full = _history()
    then = as_it_stood(full, dt.date(2011, 1, 1))
    assert then.as_of == dt.date(2011, 1, 1)
    assert [e.title.en for e in then.events] == ["Early workshop"]
    assert [c.id for c in then.commitments] == ["plan-2010"]
    assert set(then.findings) == {"mandate.free"}  # mandate.places is only "since 2014-03"
    assert then.npm.history == () and then.npm.designated is False
    # in 2020 the first body was still the NPM: its later end is not yet known
    in_2020 = as_it_stood(full, dt.date(2020, 1, 1))
    assert [b.body.en for b in in_2020.npm.history] == ["National Centre"]
    assert in_2020.npm.current is not None and in_2020.npm.current.until is None
    assert "National Centre" in assess(CHAIN, full, dt.date(2020, 1, 1)).stage.explanation.en
    # the assessment date itself, or later, changes nothing
    assert as_it_stood(full, full.as_of) is full


def test_as_of_gives_what_a_profile_written_then_would_give() -> None:
    then = assess(CHAIN_AND_RULES, _history(), dt.date(2011, 1, 1))
    written_then = profile(
        "historia", as_of=dt.date(2011, 1, 1),
        opcat=treaty("party", signed="2005-01-01", deposited="2008-12-29"),
        designated=False, findings={"mandate.free": "partial"})
    again = assess(CHAIN_AND_RULES, written_then)
    assert (again.score, again.coverage, again.stage) == (then.score, then.coverage, then.stage)
    assert [(f.status, f.derived) for f in again.findings] == \
        [(f.status, f.derived) for f in then.findings]
    now = assess(CHAIN_AND_RULES, _history())
    assert then.score is not None and now.score is not None and then.score < now.score
