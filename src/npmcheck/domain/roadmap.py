"""From gaps to a plan: ordered steps with actors, deadlines and examples from peer countries.

Order: phase (ratification -> designation -> establishment -> operation -> follow-up), never
a step before the steps it waits for, then weight (heaviest first), then catalogue order.

Deadlines: criteria that carry a legal deadline (OPCAT Art. 17) get it; the other designation
and establishment steps get the same date because the law that designates the NPM is where
they are best settled (our convention, marked as such); ratification steps get the deposit
date of a --deposit-date scenario. Operation and follow-up steps have no legal date.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from npmcheck.domain.model import PHASES, Catalogue, Commitment, Criterion, Profile
from npmcheck.domain.scoring import Assessment, Finding, assess
from npmcheck.domain.timeline import Span, Timeline, build_timeline
from npmcheck.i18n import both
from npmcheck.values import Text


@dataclass(frozen=True)
class Peer:
    profile: Profile
    finding: Finding

    @property
    def note(self) -> Text | None:
        return self.finding.note or self.finding.reason


@dataclass(frozen=True)
class Step:
    finding: Finding
    waits_for: tuple[str, ...]
    deadline: Span | None
    deadline_basis: Text | None
    deadline_legal: bool
    peers: tuple[Peer, ...]

    @property
    def criterion(self) -> Criterion:
        return self.finding.criterion

    def overdue(self, on: dt.date) -> bool:
        return self.deadline is not None and self.deadline.latest < on


@dataclass(frozen=True)
class CommitmentStatus:
    commitment: Commitment
    overdue: bool


@dataclass(frozen=True)
class Milestone:
    id: str
    label: Text
    date: Span
    legal: bool


@dataclass(frozen=True)
class Roadmap:
    assessment: Assessment
    timeline: Timeline
    steps: tuple[Step, ...]
    commitments: tuple[CommitmentStatus, ...]
    milestones: tuple[Milestone, ...]

    @property
    def as_of(self) -> dt.date:
        return self.assessment.as_of

    def next_deadline(self) -> Milestone | None:
        upcoming = [m for m in self.milestones if m.date.latest >= self.as_of]
        return min(upcoming, key=lambda m: m.date.earliest) if upcoming else None


def order_steps(findings: Sequence[Finding], criteria_order: Mapping[str, int]) -> list[Finding]:
    """Kahn's algorithm with (phase, -weight, catalogue order) as the priority."""
    open_ids = {f.criterion.id for f in findings}
    by_id = {f.criterion.id: f for f in findings}
    waiting = {f.criterion.id: {r for r in f.criterion.requires if r in open_ids}
               for f in findings}
    needed_by: dict[str, list[str]] = {}
    for cid, reqs in waiting.items():
        for r in reqs:
            needed_by.setdefault(r, []).append(cid)

    def key(cid: str) -> tuple[int, int, int, str]:
        c = by_id[cid].criterion
        return (PHASES.index(c.phase), -c.weight, criteria_order.get(cid, 0), cid)

    ready = [key(cid) for cid, reqs in waiting.items() if not reqs]
    heapq.heapify(ready)
    out: list[Finding] = []
    while ready:
        cid = heapq.heappop(ready)[3]
        out.append(by_id[cid])
        for later in needed_by.get(cid, []):
            waiting[later].discard(cid)
            if not waiting[later]:
                heapq.heappush(ready, key(later))
    done = {f.criterion.id for f in out}
    out += sorted((f for f in findings if f.criterion.id not in done),
                  key=lambda f: key(f.criterion.id))  # only reached with a cycle
    return out


def _deadline(criterion: Criterion, timeline: Timeline) -> tuple[Span | None, Text | None, bool]:
    npm_deadline = timeline.effective_npm_deadline
    if criterion.deadline is not None:
        months = criterion.deadline.months
        if npm_deadline is not None:
            basis = both("OPCAT Art. 17: at the latest {months} months after entry into force",
                         months=months)
            if timeline.npm_deadline_postponed is not None:
                basis = both("OPCAT Art. 17, postponed under Art. 24")
            return npm_deadline, basis, True
        return None, both("{months} months after entry into force (OPCAT Art. 17)",
                          months=months), True
    if criterion.phase in ("designation", "establishment"):
        if npm_deadline is not None:
            return npm_deadline, both("with the designation of the NPM (our convention: best "
                                      "settled in the law that designates it)"), False
        return None, both("with the designation of the NPM, 12 months after entry into force "
                          "at the latest"), False
    if criterion.phase == "ratification" and timeline.scenario and timeline.deposit is not None:
        return timeline.deposit, both("before the deposit of the instrument (scenario)"), False
    return None, None, False


def peers_for(criterion_id: str, profile: Profile, others: Sequence[Assessment],
              limit: int = 3) -> tuple[Peer, ...]:
    """Other countries where the criterion is met, same region and same NPM model first."""
    model = profile.npm.current.model if profile.npm.current else None
    found = []
    for other in others:
        if other.profile.country.id == profile.country.id:
            continue
        finding = other.finding(criterion_id)
        if finding.status != "met":
            continue
        other_model = other.profile.npm.current.model if other.profile.npm.current else None
        rank = (other.profile.country.region != profile.country.region,
                model is None or other_model != model,
                finding.derived,  # a note written by a person says more than a derived reason
                other.profile.country.id)
        found.append((rank, Peer(other.profile, finding)))
    found.sort(key=lambda pair: pair[0])
    return tuple(peer for _, peer in found[:limit])


def milestones(timeline: Timeline, profile: Profile) -> list[Milestone]:
    out = []
    if timeline.deposit is not None:
        label = both("Deposit of the instrument (scenario)") if timeline.scenario else \
            both("Deposit of the instrument")
        out.append(Milestone("deposit", label, timeline.deposit, True))
    if timeline.entry_into_force is not None:
        out.append(Milestone("entry-into-force",
                             both("OPCAT enters into force for the State (Art. 28(2))"),
                             timeline.entry_into_force, True))
    if timeline.npm_deadline is not None:
        out.append(Milestone("npm-deadline", both("Deadline to designate the NPM (Art. 17)"),
                             timeline.npm_deadline, True))
    if timeline.postponed_until is not None:
        label = both("End of the Art. 24 postponement of Part {part}",
                     part=timeline.postponed_part or "")
        out.append(Milestone("postponed-until", label, timeline.postponed_until, True))
    for c in profile.commitments:
        if c.due is not None:
            out.append(Milestone(f"commitment:{c.id}", c.title, Span.of(c.due), False))
    return sorted(out, key=lambda m: (m.date.earliest, m.id))


def build_roadmap(assessment: Assessment, others: Sequence[Assessment] = (),
                  deposit_date: dt.date | None = None) -> Roadmap:
    profile = assessment.profile
    timeline = build_timeline(profile, deposit_date) if deposit_date else assessment.timeline
    order = {c.id: i for i, c in enumerate(assessment.catalogue.criteria)}
    gaps = [f for f in assessment.findings if f.is_gap]
    open_ids = {f.criterion.id for f in gaps}
    steps = []
    for finding in order_steps(gaps, order):
        deadline, basis, legal = _deadline(finding.criterion, timeline)
        steps.append(Step(
            finding,
            tuple(r for r in finding.criterion.requires if r in open_ids),
            deadline, basis, legal,
            peers_for(finding.criterion.id, profile, others),
        ))
    commitments = tuple(
        CommitmentStatus(c, c.due is not None and c.due.latest() < assessment.as_of)
        for c in profile.commitments
    )
    return Roadmap(assessment, timeline, tuple(steps), commitments,
                   tuple(milestones(timeline, profile)))


def roadmap_for(catalogue: Catalogue, target: Profile, profiles: Sequence[Profile],
                as_of: dt.date | None = None, deposit_date: dt.date | None = None) -> Roadmap:
    """Assess the target and its peers, then build the roadmap."""
    main = assess(catalogue, target, as_of)
    others = [assess(catalogue, p) for p in profiles if p.country.id != target.country.id]
    return build_roadmap(main, others, deposit_date)
