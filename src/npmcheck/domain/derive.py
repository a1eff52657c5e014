"""Statuses that follow from a profile's facts rather than from an assessor's judgement.

Each rule reads the treaty and NPM facts as they stood on a given day and returns the status
with its reason, or None where the facts do not settle it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from npmcheck.domain.model import Profile, Treaty
from npmcheck.domain.timeline import build_timeline
from npmcheck.i18n import On, Since, both
from npmcheck.records import Record
from npmcheck.values import PartialDate, Text


class Derived(Record):
    """A status that follows from the facts, with the reason in every language."""

    status: str
    reason: Text


Rule = Callable[[Profile, dt.date], Derived | None]


def _joined_by(treaty: Treaty, on: dt.date) -> bool | None:
    """Whether the State was a party on `on`: None when the party date is not precise enough."""
    if treaty.status != "party":
        return False if treaty.status in ("not-party", "signatory") else None
    when = treaty.deposit
    if when is None or when.latest() <= on:
        return True
    return False if when.earliest() > on else None


def cat_party(profile: Profile, on: dt.date) -> Derived | None:
    party = _joined_by(profile.cat, on)
    if party is None:
        return None
    if party:
        when = profile.cat.deposit
        if when:
            return Derived("met", both("Party to the Convention against Torture {since}.",
                                       since=Since(when)))
        return Derived("met", both("Party to the Convention against Torture."))
    return Derived("not_met", both("Not a party to the Convention against Torture."))


def opcat_approved(profile: Profile, on: dt.date) -> Derived | None:
    opcat = profile.opcat
    if _joined_by(opcat, on):  # read aloud as a peer example: say what was decided and when
        if opcat.deposit:
            return Derived("met", both("The State decided to join OPCAT and deposited its "
                                       "instrument {on}.", on=On(opcat.deposit)))
        return Derived("met", both("The State decided to join OPCAT and has deposited its "
                                   "instrument."))
    if opcat.approved is not None and opcat.approved.latest() <= on:
        return Derived("met", both("Approved domestically {on}.", on=On(opcat.approved)))
    if opcat.approved is not None and opcat.approved.earliest() <= on:
        return None  # approved in a month or year that `on` falls in: maybe not yet
    if opcat.status in ("not-party", "signatory"):
        return Derived("not_met", both("No domestic decision to join OPCAT is on record."))
    return None


def opcat_deposited(profile: Profile, on: dt.date) -> Derived | None:
    party = _joined_by(profile.opcat, on)
    if party is None:
        return None
    if party:
        when = profile.opcat.deposit
        if when:
            return Derived("met", both("Instrument deposited {on}.", on=On(when)))
        return Derived("met", both("Party to OPCAT."))
    if profile.opcat.status == "signatory":
        return Derived("not_met", both("OPCAT signed but not yet ratified."))
    return Derived("not_met", both("Not a party to OPCAT."))


def no_reservations(profile: Profile, on: dt.date) -> Derived | None:
    if not _joined_by(profile.opcat, on):
        return None
    if profile.opcat.reservations:
        return Derived("not_met", both("The instrument carries a reservation (OPCAT Art. 30)."))
    return Derived("met", both("No reservation is recorded."))


def _first_designation(profile: Profile, on: dt.date) -> PartialDate | None:
    """When the first NPM was designated; None if not by `on`, or if the history starts with
    a body whose designation date is unknown (a later, dated body is then not the first)."""
    history = profile.npm.history
    if history and history[0].designated is None:
        return None
    dates = [b.designated for b in history if b.designated is not None]
    dates = [d for d in dates if d.earliest() <= on]
    return min(dates) if dates else None


def npm_designated(profile: Profile, on: dt.date) -> Derived | None:
    npm = profile.npm
    if npm.designated is None:
        return None
    if not npm.designated:
        return Derived("not_met", both("No NPM has been designated."))
    bodies = [b for b in npm.history if b.designated is None or b.designated.earliest() <= on]
    if npm.history and not bodies:
        return Derived("not_met", both("No NPM had been designated by this date."))
    current = [b for b in bodies if b.until is None or b.until.earliest() > on]
    if current:
        return Derived("met", both("Designated NPM: {body}.", body=current[-1].body))
    return Derived("met", both("An NPM is designated."))


def npm_designated_in_time(profile: Profile, on: dt.date) -> Derived | None:
    deadline = build_timeline(profile).npm_deadline
    if deadline is None:
        return None
    first = _first_designation(profile, on)
    if first is None:
        if profile.npm.designated is False and on > deadline.latest:
            return Derived(
                "not_met", both("The deadline of {date} passed with no NPM designated.",
                                date=deadline.latest)
            )
        return None
    if first.latest() <= deadline.earliest:
        return Derived(
            "met", both("Designated {on}, within the deadline of {deadline}.", on=On(first),
                        deadline=deadline.earliest)
        )
    if first.earliest() > deadline.latest:
        return Derived(
            "not_met", both("Designated {on}, after the deadline of {deadline}.", on=On(first),
                            deadline=deadline.latest)
        )
    return None


def facts_sources(rule: str, profile: Profile) -> tuple[str, ...]:
    """The sources of the facts a rule reads: they prove a derived status (a peer example
    cites them), as the sources of a finding prove an assessor's judgement."""
    if rule == "cat-party":
        found = profile.cat.sources
    elif rule.startswith("npm-"):
        bodies = tuple(s for b in profile.npm.history for s in b.sources)
        found = profile.npm.sources + bodies
        if rule == "npm-designated-in-time":
            found = profile.opcat.sources + found
    else:
        found = profile.opcat.sources
    return tuple(dict.fromkeys(found))


RULES: dict[str, Rule] = {
    "cat-party": cat_party,
    "opcat-approved": opcat_approved,
    "opcat-deposited": opcat_deposited,
    "no-reservations": no_reservations,
    "npm-designated": npm_designated,
    "npm-designated-in-time": npm_designated_in_time,
}
