"""The roadmap engine: which steps, in which order, by when, and how peers did it.

Order: phase, then dependencies (never a step before the steps it waits for), then weight
(heaviest first), then catalogue order.
"""

from __future__ import annotations

import datetime as dt
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
    party,
    profile,
    treaty,
)
from npmcheck.domain.model import PHASES, Catalogue, Criterion, Profile, ProfileFinding
from npmcheck.domain.roadmap import Roadmap, build_roadmap, peers_for, roadmap_for
from npmcheck.domain.scoring import assess
from npmcheck.render.wording import groups
from npmcheck.values import Text
from npmcheck.views.roadmap import roadmap_view

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
GAPS = {"not_met", "partial", "unknown"}
D = dt.date


# ---------------------------------------------------------------- order (properties)


@st.composite
def plans(draw: st.DrawFn, phase_consistent: bool = False) -> tuple[Catalogue, Profile]:
    """A random catalogue (a DAG of prerequisites, random phases and weights, shuffled) and a
    profile with a random status (or none) for each criterion."""
    size = draw(st.integers(1, 12))
    items: list[Criterion] = []
    for i in range(size):
        phase = draw(st.sampled_from(PHASES))
        earlier = [j for j in draw(st.lists(st.integers(0, i - 1), max_size=3, unique=True))
                   if not phase_consistent
                   or PHASES.index(items[j].phase) <= PHASES.index(phase)] if i else []
        items.append(criterion(f"area.c{i}", weight=draw(st.integers(1, 3)), phase=phase,
                               requires=[items[j].id for j in earlier]))
    order = draw(st.permutations(range(size)))
    cat = catalogue([items[k] for k in order], ["area"])
    statuses = {c.id: draw(st.sampled_from(
        ["met", "partial", "not_met", "unknown", "not_applicable", None]))
        for c in cat.criteria}
    return cat, profile(findings={k: v for k, v in statuses.items() if v})


def key(c: Criterion, cat: Catalogue, unblocks: dict[str, list[str]] | None = None
        ) -> tuple[int, int, int, int]:
    opened = len((unblocks or {}).get(c.id, ()))
    return PHASES.index(c.phase), -opened, -c.weight, list(cat.by_id).index(c.id)


@SETTINGS
@given(plans())
def test_steps_are_exactly_the_open_criteria(case: tuple[Catalogue, Profile]) -> None:
    cat, p = case
    a = assess(cat, p)
    r = build_roadmap(a)
    ids = [s.criterion.id for s in r.steps]
    assert len(ids) == len(set(ids))
    assert set(ids) == {f.criterion.id for f in a.findings if f.status in GAPS}
    for s in r.steps:
        assert s.finding == a.finding(s.criterion.id)


@SETTINGS
@given(plans())
def test_no_step_before_its_prerequisites(case: tuple[Catalogue, Profile]) -> None:
    cat, p = case
    r = build_roadmap(assess(cat, p))
    position = {s.criterion.id: i for i, s in enumerate(r.steps)}
    for i, s in enumerate(r.steps):
        open_requires = tuple(x for x in s.criterion.requires if x in position)
        assert s.waits_for == open_requires
        assert all(position[x] < i for x in open_requires), (s.criterion.id, open_requires)


@SETTINGS
@given(plans())
def test_each_step_is_the_first_by_phase_then_weight_among_those_ready(
        case: tuple[Catalogue, Profile]) -> None:
    """Among the steps whose prerequisites are all done, the next one is the earliest phase,
    then the one that opens the way to most blocked steps, then the heaviest, then the first
    in the catalogue."""
    cat, p = case
    a = assess(cat, p)
    unblocks = a.unblocks()
    steps = [s.criterion for s in build_roadmap(a).steps]
    open_ids = {c.id for c in steps}
    for i, chosen in enumerate(steps):
        done = {c.id for c in steps[:i]}
        ready = [c for c in steps[i:] if all(r in done or r not in open_ids
                                             for r in c.requires)]
        assert chosen in ready
        assert key(chosen, cat, unblocks) == min(key(c, cat, unblocks) for c in ready)


@SETTINGS
@given(plans(phase_consistent=True))
def test_phases_in_order_when_prerequisites_come_no_later(case: tuple[Catalogue, Profile]
                                                          ) -> None:
    cat, p = case
    phases = [PHASES.index(s.criterion.phase) for s in build_roadmap(assess(cat, p)).steps]
    assert phases == sorted(phases)


def test_order_example() -> None:
    cat = catalogue([
        criterion("area.light", weight=1, phase="designation"),
        criterion("area.heavy-waits", weight=3, phase="designation", requires=["area.middle"]),
        criterion("area.middle", weight=2, phase="designation"),
        criterion("area.later-phase", weight=3, phase="operation"),
        criterion("area.first-phase", weight=1, phase="ratification"),
        criterion("area.done", weight=3, phase="ratification"),
        criterion("area.tie", weight=1, phase="designation"),
    ], ["area"])
    r = build_roadmap(assess(cat, profile(findings={"area.done": "met",
                                                    "area.middle": "partial"})))
    assert [s.criterion.id for s in r.steps] == [
        "area.first-phase",  # ratification before designation
        "area.middle",  # heaviest of the designation steps that are ready
        "area.heavy-waits",  # the heaviest step, but only once its prerequisite is done
        "area.light",  # equal weights: catalogue order
        "area.tie",
        "area.later-phase",
    ]
    assert r.steps[2].waits_for == ("area.middle",)


def test_prerequisite_in_a_later_phase_still_comes_first() -> None:
    cat = catalogue([
        criterion("area.early", phase="ratification", requires=["area.late"]),
        criterion("area.late", phase="follow-up"),
    ], ["area"])
    r = build_roadmap(assess(cat, profile()))
    assert [s.criterion.id for s in r.steps] == ["area.late", "area.early"]


# ---------------------------------------------------------------- deadlines

PLAN = catalogue([
    criterion("ratification.deposit", phase="ratification", weight=3,
              derive="opcat-deposited", actors=["foreign-affairs"]),
    criterion("designation.body", phase="designation", weight=3, derive="npm-designated",
              deadline_months=12, actors=["parliament"]),
    criterion("mandate.places", phase="establishment", weight=2, actors=["parliament", "npm"]),
    criterion("practice.visits", phase="operation", weight=2, actors=["npm"]),
    criterion("practice.follow", phase="follow-up", weight=1, actors=["government"]),
])
NONPARTY = profile("nonparty", region="central-asia", opcat=treaty("not-party"),
                   as_of=D(2026, 1, 1))


def deadlines(r: Roadmap) -> dict[str, tuple[dt.date | None, bool]]:
    return {s.criterion.id: (s.deadline.earliest if s.deadline else None, s.deadline_legal)
            for s in r.steps}


def test_deposit_date_scenario_dates_the_steps() -> None:
    r = build_roadmap(assess(PLAN, NONPARTY), deposit_date=D(2027, 6, 26))
    assert r.timeline.scenario
    assert deadlines(r) == {
        "ratification.deposit": (D(2027, 6, 26), False),  # before the deposit itself
        "designation.body": (D(2028, 7, 26), True),  # Art. 17: the legal deadline
        "mandate.places": (D(2028, 7, 26), False),  # with the designating law (convention)
        # no legal date: our schedule, 6 and 18 months after the designation deadline
        "practice.visits": (D(2029, 1, 26), False),
        "practice.follow": (D(2030, 1, 26), False),
    }
    assert all(s.deadline is None or s.deadline.exact for s in r.steps)
    assert [(m.id, m.date.earliest) for m in r.milestones] == [
        ("deposit", D(2027, 6, 26)), ("entry-into-force", D(2027, 7, 26)),
        ("npm-deadline", D(2028, 7, 26))]
    assert not any(s.overdue(r.as_of) for s in r.steps)


def test_without_a_deposit_date_deadlines_are_relative() -> None:
    r = build_roadmap(assess(PLAN, NONPARTY))
    assert not r.timeline.scenario
    assert all(s.deadline is None for s in r.steps)
    body_step = next(s for s in r.steps if s.criterion.id == "designation.body")
    assert body_step.deadline_legal
    assert body_step.deadline_basis is not None
    assert "12 months after entry into force" in body_step.deadline_basis.en
    assert body_step.deadline_basis.ru and "12" in body_step.deadline_basis.ru
    places = next(s for s in r.steps if s.criterion.id == "mandate.places")
    assert places.deadline_basis is not None and "entry into force" in places.deadline_basis.en
    assert r.milestones == ()
    view = roadmap_view(r, "en")
    assert view["timeline"]["entry_into_force"] is None
    assert all(s["deadline"] is None for s in view["steps"])
    assert "12 months after entry into force" in next(
        s["deadline_basis"] for s in view["steps"] if s["criterion"] == "designation.body")


def test_party_deadline_from_the_profile_and_overdue() -> None:
    late = profile("lateland", opcat=party("2008-12-29"), designated=False, as_of=D(2026, 1, 1))
    r = build_roadmap(assess(PLAN, late))
    body_step = next(s for s in r.steps if s.criterion.id == "designation.body")
    assert body_step.deadline is not None and body_step.deadline.earliest == D(2010, 1, 28)
    assert body_step.overdue(r.as_of)
    # looking back to a day before the deadline: not overdue yet
    r = build_roadmap(assess(PLAN, late, D(2010, 1, 27)))
    assert not next(s for s in r.steps if s.criterion.id == "designation.body").overdue(r.as_of)
    assert not next(s for s in r.steps if s.criterion.id == "designation.body").overdue(
        D(2010, 1, 28))  # due that very day: not yet overdue


def test_article_24_gives_one_deadline_the_postponed_one() -> None:
    p = profile("later", opcat=party("2008-12-29", declaration=declaration("IV", 3, 2)),
                designated=False, as_of=D(2012, 1, 1))
    r = build_roadmap(assess(PLAN, p))
    body_step = next(s for s in r.steps if s.criterion.id == "designation.body")
    assert body_step.deadline is not None and body_step.deadline.earliest == D(2014, 1, 28)
    assert body_step.deadline_basis is not None and "24" in body_step.deadline_basis.en
    milestones = {m.id: m for m in r.milestones}
    # the deadline is the postponed date; the original is shown only as what it was
    assert milestones["npm-deadline"].date.earliest == D(2014, 1, 28)
    assert "postponed" in milestones["npm-deadline"].label.en
    original = milestones["npm-deadline-before-postponement"]
    assert original.date.earliest == D(2010, 1, 28) and not original.legal
    assert "no longer the deadline" in original.label.en
    assert "postponed-until" not in milestones  # the same day as the deadline: said once
    view = roadmap_view(r, "en")["timeline"]
    assert (view["npm_deadline"], view["postponed_until"],
            view["npm_deadline_before_postponement"]) == ("2014-01-28", "2014-01-28",
                                                          "2010-01-28")
    assert not body_step.overdue(r.as_of)


def test_partial_deposit_gives_ranges_not_invented_dates() -> None:
    p = profile("vague", opcat=party("2008"), designated=False)
    view = roadmap_view(build_roadmap(assess(PLAN, p)), "en")
    assert view["timeline"]["npm_deadline"] is None
    assert view["timeline"]["approximate"]["npm_deadline"] == {
        "earliest": "2009-01-31", "latest": "2010-01-30", "exact": False}
    step = next(s for s in view["steps"] if s["criterion"] == "designation.body")
    assert step["deadline"] is None
    assert "2009" in step["deadline_label"] and "2010" in step["deadline_label"]


# ---------------------------------------------------------------- commitments


@pytest.mark.parametrize(("due", "as_of", "ended"), [
    ("2025-12-31", D(2026, 1, 1), True),
    ("2025-12-31", D(2025, 12, 31), False),  # due today: not yet ended
    ("2026-06-30", D(2026, 1, 1), False),
    ("2025", D(2025, 6, 1), False),  # some time in 2025: not ended before the year ends
    ("2025", D(2026, 1, 1), True),
    ("2025-12", D(2025, 12, 31), False),
    (None, D(2026, 1, 1), False),
])
def test_commitment_period_ends_when_due_before_as_of(due: str | None, as_of: dt.date,
                                                     ended: bool) -> None:
    p = profile("planner", as_of=as_of, commitments=[commitment("plan", due=due)])
    r = build_roadmap(assess(PLAN, p))
    assert [(c.commitment.id, c.ended) for c in r.commitments] == [("plan", ended)]
    item = roadmap_view(r, "en")["commitments"][0]
    assert item["ended"] is ended
    assert item["due"] == due


def test_commitments_follow_as_of() -> None:
    p = profile("planner", as_of=D(2026, 1, 1), commitments=[
        commitment("old-plan", due="2021-12-31", made="2016-01-01"),
        commitment("new-plan", due="2025-12-31", made="2021-01-01")])
    r = build_roadmap(assess(PLAN, p, D(2019, 1, 1)))
    assert [(c.commitment.id, c.ended) for c in r.commitments] == [("old-plan", False)]
    r = build_roadmap(assess(PLAN, p))
    assert [(c.commitment.id, c.ended) for c in r.commitments] == [
        ("old-plan", True), ("new-plan", True)]
    assert [m.id for m in r.milestones] == ["commitment:old-plan", "commitment:new-plan"]


# ---------------------------------------------------------------- peers

PEER_CAT = catalogue([criterion("mandate.places", weight=3), criterion("mandate.other")])


def peer(cid: str, region: str, model: str | None, status: str = "met",
         note: str | None = "How it was done.") -> Profile:
    finding = ProfileFinding(status, ("s1",), Text(f"{cid}: {note}") if note else None)
    bodies = [body(f"{cid} body", model, designated="2010")] if model else []
    return profile(cid, region=region, opcat=party("2008-12-29"), designated=bool(model),
                   bodies=bodies, findings={"mandate.places": finding})


def peer_ids(target: Profile, others: list[Profile]) -> list[str]:
    assessed = [assess(PEER_CAT, o) for o in others]
    return [p.profile.country.id for p in peers_for("mandate.places", target, assessed)]


def test_peers_where_met_and_never_the_country_itself() -> None:
    target = peer("target", "central-asia", None, status="not_met")
    others = [target, peer("partly", "central-asia", None, "partial"),
              peer("failing", "central-asia", None, "not_met"),
              peer("unsure", "central-asia", None, "unknown"),
              peer("moot", "central-asia", None, "not_applicable"),
              peer("good", "europe", None)]
    assert peer_ids(target, others) == ["good"]  # a full example outranks a partial one nearby


def test_partly_met_peers_only_when_no_peer_meets_it() -> None:
    target = peer("target", "central-asia", None, status="not_met")
    others = [target, peer("partly", "europe", None, "partial"),
              peer("failing", "central-asia", None, "not_met"),
              peer("unsure", "central-asia", None, "unknown"),
              peer("moot", "central-asia", None, "not_applicable")]
    found = peers_for("mandate.places", target, [assess(PEER_CAT, o) for o in others])
    assert [(p.profile.country.id, p.partly) for p in found] == [("partly", True)]
    assert peer_ids(target, others[2:]) == []
    view = roadmap_view(build_roadmap(assess(PEER_CAT, target),
                                      [assess(PEER_CAT, o) for o in others]), "ru")
    (shown,) = [s["peers"] for s in view["steps"] if s["criterion"] == "mandate.places"]
    assert [(p["partly"], p["label"]) for p in shown] == [(True, "Partly (выполнено частично)")]


def test_at_most_three_peers_same_region_first() -> None:
    target = peer("target", "central-asia", None, status="not_met")
    others = [peer(c, r, None) for c, r in [("alpha", "europe"), ("bravo", "central-asia"),
                                            ("charlie", "caucasus"), ("delta", "central-asia"),
                                            ("echo", "europe")]]
    assert peer_ids(target, others) == ["bravo", "delta", "alpha"]


def test_same_region_then_same_npm_model() -> None:
    target = peer("target", "caucasus", "ombudsman", status="partial")
    others = [
        peer("far-other", "europe", "specialised"),
        peer("far-same", "europe", "ombudsman"),
        peer("near-other", "caucasus", "specialised"),
        peer("near-same", "caucasus", "ombudsman"),
    ]
    assert peer_ids(target, others) == ["near-same", "near-other", "far-same"]
    assert peer_ids(target, others[:2]) == ["far-same", "far-other"]


def test_peers_carry_their_note_and_appear_in_the_roadmap() -> None:
    target = peer("target", "central-asia", None, status="not_met")
    others = [target, peer("georgia", "caucasus", "ombudsman", note="Designated by law."),
              peer("kazakhstan", "central-asia", "ombudsman+", note="Ombudsman plus.")]
    r = roadmap_for(PEER_CAT, target, others)
    step = next(s for s in r.steps if s.criterion.id == "mandate.places")
    assert [p.profile.country.id for p in step.peers] == ["kazakhstan", "georgia"]
    assert step.peers[0].note == Text("kazakhstan: Ombudsman plus.")
    view = roadmap_view(r, "en")["steps"][0]
    assert view["peers"][0]["name"] == "Kazakhstan"
    assert view["peers"][0]["note"] == "kazakhstan: Ombudsman plus."
    assert view["peers"][0]["sources"] and "Test Office" in view["peers"][0]["sources"][0]
    other_step = next(s for s in r.steps if s.criterion.id == "mandate.other")
    assert other_step.peers == ()  # nobody has met it


# ---------------------------------------------------------------- grouping by actor


def _view(**kwargs: Any) -> dict[str, Any]:
    return roadmap_view(build_roadmap(assess(PLAN, NONPARTY), **kwargs), "en")


def test_by_actor_lists_each_step_under_each_of_its_actors() -> None:
    view = _view(deposit_date=D(2027, 6, 26))
    grouped = groups(view, "actor")
    labels = [name for name, _ in grouped]
    assert labels == ["Foreign Affairs", "Parliament", "Npm", "Government"]
    by_label = {name: [s["criterion"] for s in steps] for name, steps in grouped}
    assert by_label == {
        "Foreign Affairs": ["ratification.deposit"],
        "Parliament": ["designation.body", "mandate.places"],
        "Npm": ["mandate.places", "practice.visits"],
        "Government": ["practice.follow"],
    }
    # every step under every one of its actors, in roadmap order
    for s in view["steps"]:
        for label in s["actor_labels"]:
            assert s in dict(grouped)[label]


def test_by_phase_keeps_the_roadmap_order() -> None:
    view = _view()
    grouped = groups(view, "phase")
    assert [name for name, _ in grouped] == ["Ratification", "Designation", "Establishment",
                                             "Operation", "Follow-up"]
    assert [s for _, steps in grouped for s in steps] == view["steps"]
