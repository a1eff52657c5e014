"""The assessment: a status for every criterion, area and overall scores, coverage and stage.

Rules (docs/methodology.md explains them with a worked example):
- points: met 1, partial 0.5, not_met 0, unknown 0; not_applicable leaves the criterion out;
- score = 100 x sum(weight x points) / sum(weight), over applicable criteria, one decimal,
  rounded half up;
- a status that follows from facts is derived; a criterion whose prerequisite is not_met is
  not_met too ("requires ...") unless the profile gives it a status of its own: it is
  *blocked*, and its status is *inferred* from the missing prerequisite;
- coverage = 100 x sum(weight of statuses the profile or a rule establishes) / sum(weight):
  an inferred status is not knowledge about the criterion, so it counts apart
  (`coverage_inferred`), never as covered;
- the score could be higher than it is only where the status is unknown: `score_max` counts
  every unknown as met (the score itself already counts it as not met);
- a finding of the profile whose evidence is older than `stale_after` months (its
  `evidence_date`, else its newest dated source) is stale: to re-check before it is quoted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cache, cached_property

from npmcheck.domain.derive import RULES, facts_sources
from npmcheck.domain.model import Area, Catalogue, Criterion, Profile, Treaty
from npmcheck.domain.timeline import MAX_POSTPONEMENT_YEARS, Timeline, add_months, build_timeline
from npmcheck.i18n import On, Since, both
from npmcheck.records import Record, replace
from npmcheck.values import PartialDate, Text

POINTS: Mapping[str, Fraction] = {
    "met": Fraction(1),
    "partial": Fraction(1, 2),
    "not_met": Fraction(0),
    "unknown": Fraction(0),
}
GAP_ORDER = {"not_met": 0, "partial": 1, "unknown": 2}
STALE_AFTER_MONTHS = 24  # evidence older than this is to be re-checked (--stale-after)
_COUNTED = ("met", "partial", "not_met", "unknown", "not_applicable")  # an area's counts, in order
STAGES = ("not-party", "signatory", "party-no-npm", "npm-designated", "npm-operating")


class Finding(Record):
    """The status of one criterion for one profile, and why."""

    criterion: Criterion
    status: str
    derived: bool
    reason: Text | None = None
    note: Text | None = None
    sources: tuple[str, ...] = ()
    checklist: Mapping[str, str] = field(default_factory=dict)
    binding: bool = False  # a treaty duty already in force for the State
    blocked_by: tuple[str, ...] = ()  # prerequisites that are not met
    inferred: bool = False  # not_met only because a prerequisite is (no finding of its own)
    evidence: PartialDate | None = None  # when the profile's evidence for it dates from
    stale: bool = False  # that evidence is older than the assessment's threshold
    settled: bool = False  # a gap no step can change now: its window has closed (`closes`)

    @property
    def points(self) -> float | None:
        value = POINTS.get(self.status)
        return None if value is None else float(value)

    @property
    def is_gap(self) -> bool:
        return self.status in GAP_ORDER


class AreaScore(Record):
    """Score, coverage, weight and status counts of one area."""

    area: Area
    score: float | None
    coverage: float | None
    weight: int
    counts: Mapping[str, int]
    score_max: float | None = None  # if every unknown turned out met


class Stage(Record):
    """Where a State stands on the way to an operating NPM."""

    id: str
    label: Text
    explanation: Text

    @property
    def rank(self) -> int:
        return STAGES.index(self.id)


class Assessment(Record):
    """Everything `assess` works out for one profile on one date."""

    profile: Profile
    catalogue: Catalogue
    as_of: dt.date
    stage: Stage
    score: float | None
    coverage: float | None
    areas: tuple[AreaScore, ...]
    findings: tuple[Finding, ...]
    timeline: Timeline
    coverage_inferred: float | None = None  # share whose status follows from a prerequisite
    score_max: float | None = None  # the score if every unknown turned out met
    stale_after: int = 24  # months after which evidence is stale

    @property
    def score_min(self) -> float | None:
        """The score if every unknown turned out not met: the score itself."""
        return self.score

    def stale(self) -> list[Finding]:
        return [f for f in self.findings if f.stale]

    @property
    def bound(self) -> bool:
        """Whether OPCAT was in force for the State on the assessment date."""
        eif = self.timeline.entry_into_force
        return eif is not None and eif.latest <= self.as_of

    def finding(self, criterion_id: str) -> Finding:
        return next(f for f in self.findings if f.criterion.id == criterion_id)

    def gaps(self) -> list[Finding]:
        """Every gap, most important first: weight, then what it unblocks, then status."""
        order = {c.id: i for i, c in enumerate(self.catalogue.criteria)}
        unblocks = self.unblocks()
        gaps = [f for f in self.findings if f.is_gap]
        return sorted(gaps, key=lambda f: (-f.criterion.weight, -len(unblocks[f.criterion.id]),
                                           GAP_ORDER[f.status], order[f.criterion.id]))

    def top_gaps(self, limit: int = 5) -> list[Finding]:
        """The gaps to act on first: none waits for another gap, none is a settled past."""
        return [f for f in self.gaps() if not f.blocked_by and not f.settled][:limit]

    def unblocks(self) -> dict[str, list[str]]:
        """For each criterion, the blocked gaps that wait for it, directly or through others,
        in catalogue order: what meeting it would open up."""
        return self._unblocks

    @cached_property
    def _unblocks(self) -> dict[str, list[str]]:
        waiting: dict[str, list[str]] = {c.id: [] for c in self.catalogue.criteria}
        for f in self.findings:
            for prerequisite in f.blocked_by:
                waiting[prerequisite].append(f.criterion.id)
        order = {c.id: i for i, c in enumerate(self.catalogue.criteria)}
        result: dict[str, list[str]] = {}
        for cid in waiting:
            seen: set[str] = set()
            stack = list(waiting[cid])
            while stack:
                later = stack.pop()
                if later not in seen:
                    seen.add(later)
                    stack.extend(waiting[later])
            result[cid] = sorted(seen, key=order.__getitem__)
        return result

    @cached_property
    def _gaps_by_first_prerequisite(self) -> dict[str, list[Finding]]:
        """The blocked gaps by their first unmet prerequisite, in catalogue order."""
        under: dict[str, list[Finding]] = {}
        for f in self.findings:
            if f.is_gap and f.blocked_by:
                under.setdefault(f.blocked_by[0], []).append(f)
        return under

    def folded_under(self, criterion_id: str) -> list[Finding]:
        """The blocked gaps shown under this one: those whose first unmet prerequisite it is,
        and theirs in turn."""
        under = self._gaps_by_first_prerequisite
        out: list[Finding] = []
        shown: set[str] = set()
        queue = [criterion_id]
        while queue:
            current = queue.pop(0)
            for f in under.get(current, ()):
                if f.criterion.id not in shown:
                    out.append(f)
                    shown.add(f.criterion.id)
                    queue.append(f.criterion.id)
        return out


def percent(numerator: Fraction, denominator: Fraction) -> float | None:
    if denominator == 0:
        return None
    value = Decimal(numerator.numerator * denominator.denominator * 100) / Decimal(
        numerator.denominator * denominator.numerator)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


# POINTS in halves, so that sums stay whole numbers (Fraction arithmetic per finding is slow)
_HALF_POINTS = {status: int(points * 2) for status, points in POINTS.items()}
assert all(Fraction(v, 2) == POINTS[k] for k, v in _HALF_POINTS.items())


class Scores(Record):
    """Score, coverage, inferred share and highest possible score of a set of findings."""

    score: float | None
    coverage: float | None
    inferred: float | None
    score_max: float | None


def score_of(findings: list[Finding]) -> Scores:
    """The figures of a set of findings, each 0-100 with one decimal."""
    weight = halves = known = inferred = unknown = 0
    for f in findings:
        if f.status == "not_applicable":
            continue
        w = f.criterion.weight
        weight += w
        halves += w * _HALF_POINTS[f.status]
        if f.inferred:
            inferred += w
        elif f.status == "unknown":
            unknown += w
        else:
            known += w
    return Scores(_share(halves, 2 * weight), _share(known, weight), _share(inferred, weight),
                  _share(halves + 2 * unknown, 2 * weight))


@cache
def _share(part: int, whole: int) -> float | None:
    """`percent` of two whole numbers, remembered: the same few sums of weights come back for
    every area of every profile (a thousand profiles ask some 50,000 times)."""
    return percent(Fraction(part), Fraction(whole))


def topological(catalogue: Catalogue) -> list[Criterion]:
    """Criteria with every prerequisite before the criteria that need it (catalogue order kept).

    Worked out once per catalogue and kept on it, as functools.cached_property would: a catalogue
    never changes, and `compare --all` assesses every profile against the same one."""
    order = catalogue.__dict__.get("_topological_order")
    if order is None:
        order = tuple(_topological(catalogue))
        catalogue.__dict__["_topological_order"] = order
    return list(order)


def _topological(catalogue: Catalogue) -> list[Criterion]:
    done: set[str] = set()
    out: list[Criterion] = []
    pending = list(catalogue.criteria)
    while pending:
        waiting = {c.id for c in pending
                   if not all(r in done or r not in catalogue.by_id for r in c.requires)}
        # split by id: comparing Criterion objects field by field made this 3,000 comparisons
        ready = [c for c in pending if c.id not in waiting]
        rest = [c for c in pending if c.id in waiting]
        if not ready:  # a cycle; validation reports it, here we just stop looping
            ready, rest = rest, []
        out += ready
        done.update(c.id for c in ready)
        pending = rest
    return out


def _treaty_on(treaty: Treaty, on: dt.date) -> Treaty:
    """The treaty facts as they stood on `on`."""
    def known(date: PartialDate | None) -> PartialDate | None:
        return date if date is not None and date.earliest() <= on else None

    status = treaty.status
    if status == "party" and treaty.deposit is not None and treaty.deposit.earliest() > on:
        status = "signatory" if known(treaty.signed) else "not-party"
    return replace(
        treaty, status=status, signed=known(treaty.signed), approved=known(treaty.approved),
        joined=known(treaty.joined), deposited=known(treaty.deposited),
        entry_into_force=known(treaty.entry_into_force),
        declaration=treaty.declaration if status == "party" else None,
    )


def as_it_stood(profile: Profile, on: dt.date) -> Profile:
    """The profile without the facts, events and findings dated after `on`."""
    if on >= profile.as_of:
        return profile
    history = []
    for body in profile.npm.history:
        if body.designated is not None and body.designated.earliest() > on:
            continue
        if body.until is not None and body.until.earliest() > on:
            body = replace(body, until=None)
        if body.operational is not None and body.operational.earliest() > on:
            body = replace(body, operational=None)
        history.append(body)
    designated = profile.npm.designated
    if profile.npm.history and not history:
        designated = False
    return replace(
        profile,
        as_of=on,
        cat=_treaty_on(profile.cat, on),
        opcat=_treaty_on(profile.opcat, on),
        npm=replace(profile.npm, history=tuple(history), designated=designated,
                                activity=tuple(y for y in profile.npm.activity
                                               if y.year <= on.year)),
        events=tuple(e for e in profile.events if e.date.earliest() <= on),
        recommendations=tuple(r for r in profile.recommendations if r.year <= on.year),
        commitments=tuple(c for c in profile.commitments
                          if c.made is None or c.made.earliest() <= on),
        findings={cid: f for cid, f in profile.findings.items()
                  if f.since is None or f.since.earliest() <= on},
    )


def stage_of(profile: Profile, timeline: Timeline, on: dt.date) -> Stage:
    opcat = profile.opcat
    if opcat.status != "party":
        if opcat.status == "signatory":
            return Stage("signatory", both("Signed OPCAT, not yet a party"),
                         both("The State has signed OPCAT but has not ratified it, so its "
                              "obligations are not yet binding."))
        return Stage("not-party", both("Not a party to OPCAT"),
                     both("The State has not joined OPCAT. Its obligations are not binding yet: "
                          "gaps show how ready the State is to join."))
    if not profile.npm.designated:
        deadline = timeline.npm_deadline
        if deadline is not None:
            return Stage("party-no-npm", both("Party to OPCAT, no NPM yet"),
                         both("The State is a party to OPCAT but has not designated its National "
                              "Preventive Mechanism; the deadline is {date}.",
                              date=deadline.latest))
        return Stage("party-no-npm", both("Party to OPCAT, no NPM yet"),
                     both("The State is a party to OPCAT but has not designated its National "
                          "Preventive Mechanism."))
    current = profile.npm.current
    if current is None:  # designated, but the profile does not say (or no longer says) by whom
        return Stage("npm-designated", both("NPM designated"),
                     both("An NPM has been designated, but the profile does not name the body; "
                          "visits and reports are not yet on record."))
    if current.operational is not None and current.operational.earliest() <= on:
        if current.designated is None:
            explanation = both("{body} works as the NPM, visiting places of detention "
                               "{since}.", body=current.body, since=Since(current.operational))
        else:
            explanation = both("{body} works as the NPM: designated {on}, visiting places of "
                               "detention {since}.", body=current.body,
                               on=On(current.designated), since=Since(current.operational))
        return Stage("npm-operating", both("NPM operating"), explanation)
    return Stage("npm-designated", both("NPM designated"),
                 both("{body} has been designated as the NPM; visits and reports are not yet on "
                      "record.", body=current.body))


def assess(catalogue: Catalogue, profile: Profile, as_of: dt.date | None = None,
           stale_after: int = STALE_AFTER_MONTHS) -> Assessment:
    on = as_of or profile.as_of
    profile = as_it_stood(profile, on)
    timeline = build_timeline(profile)
    eif = timeline.entry_into_force
    in_force = eif is not None and eif.latest <= on
    results: dict[str, Finding] = {}
    horizon = add_months(on, -stale_after)
    for criterion in topological(catalogue):
        results[criterion.id] = _finding(criterion, profile, on, results, in_force, catalogue,
                                         timeline, horizon)
    findings = tuple(results[c.id] for c in catalogue.criteria)
    by_area: dict[str, list[Finding]] = {area.id: [] for area in catalogue.areas}
    for f in findings:
        if f.criterion.area in by_area:
            by_area[f.criterion.area].append(f)
    areas = []
    for area in catalogue.areas:
        members = by_area[area.id]
        part = score_of(members)
        counts = dict.fromkeys(_COUNTED, 0)
        for f in members:
            if f.status in counts:
                counts[f.status] += 1
        areas.append(AreaScore(area, part.score, part.coverage,
                               sum(f.criterion.weight for f in members), counts, part.score_max))
    whole = score_of(list(findings))
    return Assessment(profile, catalogue, on, stage_of(profile, timeline, on), whole.score,
                      whole.coverage, tuple(areas), findings, timeline, whole.inferred,
                      whole.score_max, stale_after)


def _finding(criterion: Criterion, profile: Profile, on: dt.date, done: Mapping[str, Finding],
             in_force: bool, catalogue: Catalogue, timeline: Timeline,
             horizon: dt.date) -> Finding:
    given = profile.findings.get(criterion.id)
    binding = criterion.binding and in_force
    blocked = tuple(r for r in criterion.requires if r in done and done[r].status == "not_met")
    evidence = evidence_date(profile, criterion.id)

    def make(status: str, derived: bool, reason: Text | None = None,
             inferred: bool = False, settled: bool = False,
             facts: tuple[str, ...] = ()) -> Finding:
        # only what the profile itself asserts can go out of date; a rule reads today's facts
        stale = not derived and status != "unknown" and evidence is not None \
            and evidence.latest() < horizon
        return Finding(criterion, status, derived, reason,
                       note=given.note if given else None,
                       sources=tuple(dict.fromkeys(facts + (given.sources if given else ()))),
                       checklist=given.checklist if given else {},
                       binding=binding, blocked_by=blocked, inferred=inferred, settled=settled,
                       evidence=evidence, stale=stale)

    closed = _closed(criterion, profile, timeline, on, done)
    if criterion.derive:
        derived = RULES[criterion.derive](profile, on)
        if derived is not None:
            return make(derived.status, True, derived.reason,
                        settled=closed and derived.status in GAP_ORDER,
                        facts=facts_sources(criterion.derive, profile))
    if given is not None and given.status != "unknown":
        return make(given.status, False, settled=closed and given.status in GAP_ORDER)
    if blocked:
        first = catalogue.by_id[blocked[0]]
        return make("not_met", True, both("Requires \u201c{title}\u201d first.",
                                          title=first.title), inferred=True, settled=closed)
    return make("unknown", False, settled=closed)


def evidence_date(profile: Profile, criterion_id: str) -> PartialDate | None:
    """When the profile's evidence for a criterion dates from: its `evidence_date`, else the
    newest date among its sources; None when neither is known."""
    given = profile.findings.get(criterion_id)
    if given is None:
        return None
    if given.evidence_date is not None:
        return given.evidence_date
    dates = [profile.source_by_id[s].date for s in given.sources if s in profile.source_by_id]
    known = [d for d in dates if d is not None]
    return max(known, key=lambda d: d.latest()) if known else None


def stale_findings(profile: Profile, months: int = STALE_AFTER_MONTHS
                   ) -> list[tuple[str, PartialDate]]:
    """(criterion, evidence date) of each finding the profile asserts on evidence older than
    `months` before its as_of date."""
    horizon = add_months(profile.as_of, -months)
    out = []
    for cid, given in profile.findings.items():
        evidence = evidence_date(profile, cid)
        if given.status != "unknown" and evidence is not None and evidence.latest() < horizon:
            out.append((cid, evidence))
    return out


def _closed(criterion: Criterion, profile: Profile, timeline: Timeline, on: dt.date,
            done: Mapping[str, Finding]) -> bool:
    """Whether the chance to act on the criterion is over (`closes` in the catalogue): a
    mapping before ratification once the State has deposited, a timely designation once an
    NPM exists, the tracking of a postponement once it has ended."""
    if criterion.closes == "deposit":
        return timeline.deposit is not None and timeline.deposit.latest <= on
    if criterion.closes == "designation":
        body = done.get("designation.body-designated")
        return body is not None and body.status == "met"
    if criterion.closes == "postponement-end":
        if timeline.postponed_until is not None:
            return timeline.postponed_until.latest < on
        # none recorded: any declaration (made on ratification) would have run out by now
        eif = timeline.entry_into_force
        return eif is not None and eif.shift_months(12 * MAX_POSTPONEMENT_YEARS).latest < on
    return False
