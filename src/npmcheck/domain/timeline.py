"""OPCAT's legal dates, computed from a State's deposit date.

- Entry into force for a State: the 30th day after it deposits its instrument (Art. 28(2)),
  and never before the Protocol itself entered into force on 22 June 2006 (Art. 28(1)).
- The NPM must exist at the latest one year after entry into force (Art. 17).
- An Art. 24 declaration postpones Part III (SPT visits) or Part IV (the NPM) for up to three
  years, which the Committee against Torture may extend by up to two. Counting the postponement
  from entry into force is our convention: the treaty does not say. A State that postponed Part
  IV has one deadline, the end of the postponement (the stricter reading: APT's toolkit allows a
  further year); the Art. 17 date it replaces is kept only to be shown as "before the
  postponement".

Source dates may be partial (a month, a year), so every computed date is a `Span`: the earliest
and latest day it can fall on. A span of one day is exact.
"""

from __future__ import annotations

import datetime as dt

from npmcheck.domain.model import Profile
from npmcheck.records import Record
from npmcheck.values import PartialDate, days_in_month

OPCAT_ADOPTED = dt.date(2002, 12, 18)  # by the UN General Assembly (resolution 57/199)
OPCAT_IN_FORCE = dt.date(2006, 6, 22)
LATEST_SCENARIO_DEPOSIT = dt.date(2100, 12, 31)  # the profile schema's years end with 2100 too
DAYS_TO_ENTRY_INTO_FORCE = 30
NPM_DEADLINE_MONTHS = 12
MAX_POSTPONEMENT_YEARS = 5  # Art. 24: three years, and two more if the Committee agrees


class Span(Record):
    """A computed date: the earliest and latest day it can fall on (one day when exact)."""

    earliest: dt.date
    latest: dt.date

    @classmethod
    def of(cls, date: PartialDate | dt.date) -> Span:
        if isinstance(date, dt.date):
            return cls(date, date)
        return cls(date.earliest(), date.latest())

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest

    def shift_days(self, days: int) -> Span:
        delta = dt.timedelta(days=days)
        return Span(self.earliest + delta, self.latest + delta)

    def shift_months(self, months: int) -> Span:
        return Span(add_months(self.earliest, months), add_months(self.latest, months))

    def not_before(self, floor: dt.date) -> Span:
        return Span(max(self.earliest, floor), max(self.latest, floor))

    def iso(self) -> str | None:
        """The ISO date when exact; None when the sources leave a range."""
        return self.earliest.isoformat() if self.exact else None

    def __str__(self) -> str:
        if self.exact:
            return self.earliest.isoformat()
        return f"{self.earliest.isoformat()}..{self.latest.isoformat()}"


def add_months(date: dt.date, months: int) -> dt.date:
    """Same day `months` later; the 29-31st fall back to the month's last day."""
    index = date.month - 1 + months
    year, month = date.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(date.day, days_in_month(year, month)))


class Timeline(Record):
    """The OPCAT dates for one State; None where not established (or not a party yet)."""

    deposit: Span | None
    entry_into_force: Span | None
    npm_deadline: Span | None  # the deadline to designate the NPM, any postponement counted
    postponed_part: str | None
    postponed_until: Span | None  # end of the Art. 24 postponement, extension included
    npm_deadline_before_postponement: Span | None  # the Art. 17 date a Part IV declaration moved
    scenario: bool = False  # True when the deposit date is an assumption (--deposit-date)

    @property
    def spt_visits_from(self) -> Span | None:
        if self.postponed_part == "III":
            return self.postponed_until
        return self.entry_into_force


def entry_into_force(deposit: Span) -> Span:
    return deposit.shift_days(DAYS_TO_ENTRY_INTO_FORCE).not_before(OPCAT_IN_FORCE)


def build_timeline(profile: Profile, deposit_date: dt.date | None = None) -> Timeline:
    """Legal dates for `profile`; `deposit_date` plays through a deposit that has not happened."""
    opcat = profile.opcat
    scenario = False
    deposit: Span | None = None
    if deposit_date is not None:
        deposit, scenario = Span.of(deposit_date), True
    elif opcat.status == "party" and opcat.deposit is not None:
        deposit = Span.of(opcat.deposit)
    if scenario or opcat.entry_into_force is None:
        eif = entry_into_force(deposit) if deposit else None
    else:
        eif = Span.of(opcat.entry_into_force)
    if eif is None:
        return Timeline(deposit, None, None, None, None, None, scenario)
    deadline = eif.shift_months(NPM_DEADLINE_MONTHS)
    declaration = opcat.declaration if not scenario else None
    postponed_until = original = None
    part = None
    if declaration is not None:
        part = declaration.part
        postponed_until = eif.shift_months(12 * (declaration.years + declaration.extension_years))
        if part == "IV":
            deadline, original = postponed_until, deadline
    return Timeline(deposit, eif, deadline, part, postponed_until, original, scenario)
