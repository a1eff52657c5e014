"""From gaps to a plan: ordered steps with actors, deadlines and examples from peer countries.

Order: phase (ratification -> designation -> establishment -> operation -> follow-up), never
a step before the steps it waits for, then what a step unblocks (most first), then weight
(heaviest first), then catalogue order. A step whose prerequisite is not met is *blocked*: the
outputs show it folded under that prerequisite rather than as a step of its own. A gap whose
window has closed (`closes` in the catalogue: a mapping before ratification for a party, a
timely designation once the NPM exists) is a settled past, no step at all.

Dates (docs/methodology.md): criteria that carry a legal deadline (OPCAT Art. 17) get it; the
other designation and establishment steps get the same date because the law that designates
the NPM is where they are best settled (our convention, marked as such). While that deadline
is still ahead (or played through with --deposit-date), operation steps are scheduled 6 months
after it and follow-up steps 18 months after it (our convention too); ratification steps come
before the deposit. Once an NPM exists, the conventions have nothing left to plan from. A step
is *overdue* only when it is not met or partly met and its legal deadline has passed; an
unknown step past its date is *to verify*, never overdue.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from npmcheck.domain.model import PHASES, Catalogue, Commitment, Criterion, Profile
from npmcheck.domain.scoring import STALE_AFTER_MONTHS, Assessment, Finding, assess
from npmcheck.domain.timeline import Span, Timeline, build_timeline
from npmcheck.i18n import both, bothn
from npmcheck.values import Text


@dataclass(frozen=True)
class Peer:
    profile: Profile
    finding: Finding

    @property
    def note(self) -> Text | None:
        return self.finding.note or self.finding.reason

    @property
    def partly(self) -> bool:
        """Only partly met: shown when no peer meets the criterion in full."""
        return self.finding.status == "partial"


OPERATION_MONTHS = 6  # operation steps: this long after the designation deadline (convention)
FOLLOW_UP_MONTHS = 18  # follow-up steps: after the first annual report (convention)


@dataclass(frozen=True)
class Step:
    finding: Finding
    waits_for: tuple[str, ...]  # open gaps it comes after
    deadline: Span | None
    deadline_basis: Text | None
    deadline_legal: bool
    peers: tuple[Peer, ...]
    unblocks: tuple[str, ...] = ()  # blocked gaps that wait for it, directly or not

    @property
    def criterion(self) -> Criterion:
        return self.finding.criterion

    @property
    def blocked_by(self) -> tuple[str, ...]:
        return self.finding.blocked_by

    def _passed(self, on: dt.date) -> bool:
        return self.deadline is not None and self.deadline.latest < on

    def overdue(self, on: dt.date) -> bool:
        """A breach on record: not met (or partly) after a legal deadline."""
        return self.deadline_legal and self._passed(on) and \
            self.finding.status in ("not_met", "partial")

    def to_verify(self, on: dt.date) -> bool:
        """Past its date with a status nobody has established: check before saying more."""
        return self._passed(on) and self.finding.status == "unknown"

    def date_passed(self, on: dt.date) -> bool:
        """Not met (or partly) after the date our convention planned, which is no legal one."""
        return not self.deadline_legal and self._passed(on) and \
            self.finding.status in ("not_met", "partial")


@dataclass(frozen=True)
class CommitmentStatus:
    commitment: Commitment
    ended: bool  # the date the commitment runs to (a plan's period) has passed


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
    # for a State not yet bound: the dates that would follow a deposit, from --deposit-date or,
    # as an illustration, from a deposit one year after the profile's date (`illustrative`)
    readiness: Timeline | None = None
    illustrative: bool = False

    @property
    def as_of(self) -> dt.date:
        return self.assessment.as_of

    def next_deadline(self) -> Milestone | None:
        upcoming = [m for m in self.milestones if m.date.latest >= self.as_of]
        return min(upcoming, key=lambda m: m.date.earliest) if upcoming else None


def order_steps(findings: Sequence[Finding], criteria_order: Mapping[str, int],
                unblocks: Mapping[str, Sequence[str]] | None = None) -> list[Finding]:
    """Kahn's algorithm with (phase, -what it unblocks, -weight, catalogue order) as the
    priority."""
    unblocks = unblocks or {}
    open_ids = {f.criterion.id for f in findings}
    by_id = {f.criterion.id: f for f in findings}
    waiting = {f.criterion.id: {r for r in f.criterion.requires if r in open_ids}
               for f in findings}
    needed_by: dict[str, list[str]] = {}
    for cid, reqs in waiting.items():
        for r in reqs:
            needed_by.setdefault(r, []).append(cid)

    def key(cid: str) -> tuple[int, int, int, int, str]:
        c = by_id[cid].criterion
        return (PHASES.index(c.phase), -len(unblocks.get(cid, ())), -c.weight,
                criteria_order.get(cid, 0), cid)

    ready = [key(cid) for cid, reqs in waiting.items() if not reqs]
    heapq.heapify(ready)
    out: list[Finding] = []
    while ready:
        cid = heapq.heappop(ready)[-1]
        out.append(by_id[cid])
        for later in needed_by.get(cid, []):
            waiting[later].discard(cid)
            if not waiting[later]:
                heapq.heappush(ready, key(later))
    done = {f.criterion.id for f in out}
    out += sorted((f for f in findings if f.criterion.id not in done),
                  key=lambda f: key(f.criterion.id))  # only reached with a cycle
    return out


def _deadline(criterion: Criterion, timeline: Timeline, on: dt.date, designated: bool
              ) -> tuple[Span | None, Text | None, bool]:
    """(date, basis, legal) of a step; no date where the schedule has nothing to go on. Once
    an NPM exists, the designating law is behind us: what it left open has no planned date."""
    deadline = timeline.npm_deadline
    if criterion.deadline is not None:
        months = criterion.deadline.months
        if deadline is None:
            return None, bothn("{n} month after entry into force (OPCAT Art. 17)",
                               "{n} months after entry into force (OPCAT Art. 17)", months), True
        if timeline.npm_deadline_before_postponement is not None:
            return deadline, both("OPCAT Art. 17, postponed under Art. 24"), True
        return deadline, bothn("OPCAT Art. 17: at the latest {n} month after entry into force",
                               "OPCAT Art. 17: at the latest {n} months after entry into force",
                               months), True
    if criterion.phase in ("designation", "establishment"):
        if designated:
            return None, None, False
        if deadline is not None:
            return deadline, both("with the designation of the NPM (our convention: best "
                                  "settled in the law that designates it)"), False
        return None, both("with the designation of the NPM, 12 months after entry into force "
                          "at the latest"), False
    if criterion.phase in ("operation", "follow-up"):
        months = OPERATION_MONTHS if criterion.phase == "operation" else FOLLOW_UP_MONTHS
        ahead = deadline is not None and (timeline.scenario or deadline.latest >= on)
        if designated or (deadline is not None and not ahead):  # its first months are past
            return None, None, False
        basis = bothn("within {n} month after the designation of the NPM (our convention)",
                      "within {n} months after the designation of the NPM (our convention)",
                      months)
        return (deadline.shift_months(months) if deadline else None), basis, False
    if criterion.phase == "ratification":
        if timeline.scenario and timeline.deposit is not None:
            return timeline.deposit, both("before the deposit of the instrument (scenario)"), \
                False
        if timeline.deposit is None:
            return None, both("before the deposit of the instrument"), False
    return None, None, False


def peers_for(criterion_id: str, profile: Profile, others: Sequence[Assessment],
              limit: int = 3) -> tuple[Peer, ...]:
    """Other countries where the criterion is met, same region and same NPM model first.

    Where no peer meets it in full (an adequate budget, say: docs/peers.md), those that partly
    meet it are shown instead, marked as such: a workshop learns from how far they got."""
    model = profile.npm.current.model if profile.npm.current else None
    found: dict[str, list[tuple[tuple[bool, bool, bool, str], Peer]]] = {"met": [], "partial": []}
    for other in others:
        if other.profile.country.id == profile.country.id:
            continue
        finding = other.finding(criterion_id)
        if finding.status not in found:
            continue
        other_model = other.profile.npm.current.model if other.profile.npm.current else None
        rank = (other.profile.country.region != profile.country.region,
                model is None or other_model != model,
                finding.derived,  # a note written by a person says more than a derived reason
                other.profile.country.id)
        found[finding.status].append((rank, Peer(other.profile, finding)))
    chosen = found["met"] or found["partial"]
    chosen.sort(key=lambda pair: pair[0])
    return tuple(peer for _, peer in chosen[:limit])


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
    original = timeline.npm_deadline_before_postponement
    if timeline.npm_deadline is not None:
        label = both("Deadline to designate the NPM (Art. 17, postponed under Art. 24)") \
            if original is not None else both("Deadline to designate the NPM (Art. 17)")
        out.append(Milestone("npm-deadline", label, timeline.npm_deadline, True))
    if original is not None:  # the date the postponement replaced, for the record only
        out.append(Milestone("npm-deadline-before-postponement",
                             both("Art. 17 date before the Art. 24 postponement (no longer the "
                                  "deadline)"), original, False))
    if timeline.postponed_until is not None and timeline.postponed_part == "III":
        out.append(Milestone("postponed-until",
                             both("End of the Art. 24 postponement of Part III (SPT visits)"),
                             timeline.postponed_until, True))
    for c in profile.commitments:
        if c.due is not None:
            out.append(Milestone(f"commitment:{c.id}", c.title, Span.of(c.due), False))
    return sorted(out, key=lambda m: (m.date.earliest, m.id))


def build_roadmap(assessment: Assessment, others: Sequence[Assessment] = (),
                  deposit_date: dt.date | None = None) -> Roadmap:
    profile = assessment.profile
    timeline = build_timeline(profile, deposit_date) if deposit_date else assessment.timeline
    order = {c.id: i for i, c in enumerate(assessment.catalogue.criteria)}
    gaps = [f for f in assessment.findings if f.is_gap and not f.settled]
    open_ids = {f.criterion.id for f in gaps}
    unblocks = assessment.unblocks()
    steps = []
    body = next((f for f in assessment.findings if f.criterion.derive == "npm-designated"), None)
    designated = body is not None and body.status == "met"
    for finding in order_steps(gaps, order, unblocks):
        deadline, basis, legal = _deadline(finding.criterion, timeline, assessment.as_of,
                                           designated)
        steps.append(Step(
            finding,
            tuple(r for r in finding.criterion.requires if r in open_ids),
            deadline, basis, legal,
            peers_for(finding.criterion.id, profile, others),
            tuple(unblocks[finding.criterion.id]),
        ))
    commitments = tuple(
        CommitmentStatus(c, c.due is not None and c.due.latest() < assessment.as_of)
        for c in profile.commitments
    )
    readiness, illustrative = None, False
    if profile.opcat.status != "party":
        readiness = timeline if timeline.scenario else \
            build_timeline(profile, illustrative_deposit(assessment.as_of))
        illustrative = not timeline.scenario
    return Roadmap(assessment, timeline, tuple(steps), commitments,
                   tuple(milestones(timeline, profile)), readiness, illustrative)


def illustrative_deposit(on: dt.date) -> dt.date:
    """The deposit a readiness view assumes when none is given: one year after `on` (29
    February gives 28 February). An illustration of the clocks, not a forecast."""
    try:
        return on.replace(year=on.year + 1)
    except ValueError:
        return on.replace(year=on.year + 1, day=28)


def roadmap_for(catalogue: Catalogue, target: Profile, profiles: Sequence[Profile],
                as_of: dt.date | None = None, deposit_date: dt.date | None = None,
                stale_after: int = STALE_AFTER_MONTHS) -> Roadmap:
    """Assess the target and its peers, then build the roadmap."""
    main = assess(catalogue, target, as_of, stale_after)
    others = [assess(catalogue, p) for p in profiles if p.country.id != target.country.id]
    return build_roadmap(main, others, deposit_date)
