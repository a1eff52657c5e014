"""OPCAT's legal dates (timeline.py), on their own.

- entry into force for a State: the 30th day after its deposit (Art. 28(2)), never before the
  Protocol's own entry into force on 22 June 2006 (Art. 28(1));
- NPM deadline: one year after entry into force (Art. 17); the module's documented rule for a
  date that does not exist a year later (29 February) is the last day of the month;
- Art. 24: Part III or Part IV postponed for up to 3 years, plus up to 2 more, counted from
  entry into force (the module's convention); both the original and the postponed dates kept.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import declaration, party, profile, treaty
from npmcheck.domain.timeline import OPCAT_IN_FORCE, Span, Timeline, add_months, build_timeline
from npmcheck.values import PartialDate

SETTINGS = settings(max_examples=200, deadline=None, derandomize=True, database=None)
D = dt.date


def scenario(deposit: dt.date) -> Timeline:
    """The dates for a State that is not a party, played through with --deposit-date."""
    return build_timeline(profile(opcat=treaty("not-party")), deposit)


def of_party(deposited: str, **extra: object) -> Timeline:
    return build_timeline(profile(opcat=party(deposited, **extra)))


def exact(span: Span | None) -> dt.date:
    assert span is not None and span.exact, span
    return span.earliest


# ---------------------------------------------------------------- entry into force & deadline


def test_deposit_to_entry_into_force_to_npm_deadline() -> None:
    t = scenario(D(2027, 6, 26))
    assert t.scenario
    assert exact(t.deposit) == D(2027, 6, 26)
    assert exact(t.entry_into_force) == D(2027, 7, 26)
    assert exact(t.npm_deadline) == D(2028, 7, 26)
    assert t.postponed_until is None and t.npm_deadline_before_postponement is None


def test_same_dates_for_a_party_from_its_profile() -> None:
    t = of_party("2027-06-26")
    assert not t.scenario
    assert (exact(t.entry_into_force), exact(t.npm_deadline)) == (D(2027, 7, 26), D(2028, 7, 26))
    # accession: the joined date stands for the deposit
    t = build_timeline(profile(opcat=treaty("party", joined="2027-06-26")))
    assert (exact(t.entry_into_force), exact(t.npm_deadline)) == (D(2027, 7, 26), D(2028, 7, 26))


def test_deposit_before_the_protocol_was_in_force() -> None:
    t = scenario(D(2005, 1, 1))
    assert exact(t.entry_into_force) == D(2006, 6, 22)
    assert exact(t.npm_deadline) == D(2007, 6, 22)


@pytest.mark.parametrize(("deposit", "in_force"), [
    (D(2006, 5, 22), D(2006, 6, 22)),  # the 30th day (21 June) is before 22 June 2006
    (D(2006, 5, 23), D(2006, 6, 22)),  # the 30th day is 22 June 2006 itself
    (D(2006, 5, 24), D(2006, 6, 23)),  # the first deposit whose 30th day is later
    (D(2006, 6, 22), D(2006, 7, 22)),
])
def test_around_the_protocols_own_entry_into_force(deposit: dt.date, in_force: dt.date) -> None:
    assert exact(scenario(deposit).entry_into_force) == in_force
    assert D(2006, 6, 22) == OPCAT_IN_FORCE


def test_leap_day() -> None:
    t = scenario(D(2028, 1, 30))
    assert exact(t.entry_into_force) == D(2028, 2, 29)
    # documented in add_months: a day that does not exist a year later falls back to the
    # month's last day
    assert exact(t.npm_deadline) == D(2029, 2, 28)
    t = scenario(D(2028, 1, 31))
    assert (exact(t.entry_into_force), exact(t.npm_deadline)) == (D(2028, 3, 1), D(2029, 3, 1))
    t = scenario(D(2027, 12, 31))  # across the year end
    assert exact(t.entry_into_force) == D(2028, 1, 30)


@pytest.mark.parametrize(("start", "months", "end"), [
    (D(2028, 2, 29), 12, D(2029, 2, 28)),
    (D(2029, 1, 31), 1, D(2029, 2, 28)),
    (D(2028, 1, 31), 1, D(2028, 2, 29)),
    (D(2027, 8, 31), 1, D(2027, 9, 30)),
    (D(2027, 12, 15), 1, D(2028, 1, 15)),
    (D(2009, 1, 28), 60, D(2014, 1, 28)),
])
def test_add_months(start: dt.date, months: int, end: dt.date) -> None:
    assert add_months(start, months) == end


@SETTINGS
@given(st.dates(D(1990, 1, 1), D(2060, 12, 31)))
def test_every_deposit(deposit: dt.date) -> None:
    t = scenario(deposit)
    in_force = exact(t.entry_into_force)
    assert in_force == max(deposit + dt.timedelta(days=30), D(2006, 6, 22))
    deadline = exact(t.npm_deadline)
    assert deadline.year == in_force.year + 1
    assert deadline.month == in_force.month
    assert deadline.day == in_force.day or (in_force.month, in_force.day) == (2, 29)
    assert 365 <= (deadline - in_force).days <= 366


# ---------------------------------------------------------------- partial dates


def test_year_only_gives_ranges() -> None:
    t = of_party("2027")
    assert t.deposit == Span(D(2027, 1, 1), D(2027, 12, 31))
    assert t.entry_into_force == Span(D(2027, 1, 31), D(2028, 1, 30))
    assert t.npm_deadline == Span(D(2028, 1, 31), D(2029, 1, 30))
    assert t.npm_deadline is not None and not t.npm_deadline.exact
    assert t.npm_deadline.iso() is None  # never a made-up exact date
    assert str(t.npm_deadline) == "2028-01-31..2029-01-30"


def test_year_and_month_give_ranges() -> None:
    t = of_party("2027-06")
    assert t.deposit == Span(D(2027, 6, 1), D(2027, 6, 30))
    assert t.entry_into_force == Span(D(2027, 7, 1), D(2027, 7, 30))
    assert t.npm_deadline == Span(D(2028, 7, 1), D(2028, 7, 30))
    t = of_party("2028-01")  # the range crosses a leap day
    assert t.entry_into_force == Span(D(2028, 1, 31), D(2028, 3, 1))
    assert t.npm_deadline == Span(D(2029, 1, 31), D(2029, 3, 1))


def test_partial_date_around_2006() -> None:
    t = of_party("2006")
    assert t.entry_into_force == Span(D(2006, 6, 22), D(2007, 1, 30))


@SETTINGS
@given(st.dates(D(2000, 1, 1), D(2050, 12, 31)), st.sampled_from([1, 2, 3]))
def test_a_partial_date_spans_every_day_it_may_be(day: dt.date, precision: int) -> None:
    raw = day.isoformat()[: {1: 4, 2: 7, 3: 10}[precision]]
    t = of_party(raw)
    date = PartialDate.parse(raw)
    first, last = scenario(date.earliest()), scenario(date.latest())
    assert t.entry_into_force == Span(exact(first.entry_into_force), exact(last.entry_into_force))
    assert t.npm_deadline == Span(exact(first.npm_deadline), exact(last.npm_deadline))
    assert t.npm_deadline is not None
    assert t.npm_deadline.exact == (precision == 3) or t.npm_deadline.earliest == D(2007, 6, 22)


def test_entry_into_force_from_the_profile_wins() -> None:
    t = build_timeline(profile(opcat=party("2008-12-29", entry_into_force="2009-01-28")))
    assert exact(t.entry_into_force) == D(2009, 1, 28)
    t = build_timeline(profile(opcat=party("2008-12", entry_into_force="2009-01-28")))
    assert exact(t.entry_into_force) == D(2009, 1, 28)  # more precise than the deposit
    assert exact(t.npm_deadline) == D(2010, 1, 28)


@pytest.mark.parametrize("opcat", [treaty("not-party"), treaty("signatory", signed="2005"),
                                   treaty("party"), treaty("unknown")])
def test_no_dates_without_a_deposit(opcat: object) -> None:
    t = build_timeline(profile(opcat=opcat))  # type: ignore[arg-type]
    assert (t.deposit, t.entry_into_force, t.npm_deadline, t.postponed_until) == (None,) * 4
    assert not t.scenario


# ---------------------------------------------------------------- Article 24


@pytest.mark.parametrize(("years", "extension", "until"), [
    (3, 0, D(2012, 1, 28)),
    (3, 2, D(2014, 1, 28)),
    (2, 0, D(2011, 1, 28)),
    (1, 2, D(2012, 1, 28)),
])
def test_part_iv_declaration_postpones_the_npm_deadline(years: int, extension: int,
                                                        until: dt.date) -> None:
    t = of_party("2008-12-29", declaration=declaration("IV", years, extension))
    assert exact(t.entry_into_force) == D(2009, 1, 28)
    assert exact(t.npm_deadline) == until  # one deadline: the end of the postponement
    assert exact(t.npm_deadline_before_postponement) == D(2010, 1, 28)  # shown as such only
    assert t.postponed_part == "IV"
    assert exact(t.postponed_until) == until
    assert exact(t.spt_visits_from) == D(2009, 1, 28)  # Part III is not postponed


def test_extension_adds_two_years() -> None:
    plain = of_party("2008-12-29", declaration=declaration("IV", 3, 0))
    extended = of_party("2008-12-29", declaration=declaration("IV", 3, 2))
    assert exact(extended.postponed_until) == add_months(exact(plain.postponed_until), 24)


def test_part_iii_declaration_postpones_spt_visits_not_the_npm() -> None:
    t = of_party("2008-12-29", declaration=declaration("III", 3, 2))
    assert t.postponed_part == "III"
    assert exact(t.postponed_until) == D(2014, 1, 28)
    assert exact(t.spt_visits_from) == D(2014, 1, 28)
    assert t.npm_deadline_before_postponement is None
    assert exact(t.npm_deadline) == D(2010, 1, 28)


def test_postponement_with_a_partial_deposit_is_a_range() -> None:
    t = of_party("2008-12", declaration=declaration("IV", 3, 0))
    assert t.entry_into_force == Span(D(2008, 12, 31), D(2009, 1, 30))
    assert t.npm_deadline_before_postponement == Span(D(2009, 12, 31), D(2010, 1, 30))
    assert t.npm_deadline == t.postponed_until == Span(D(2011, 12, 31), D(2012, 1, 30))


def test_no_declaration_no_postponement() -> None:
    t = of_party("2008-12-29")
    assert (t.postponed_part, t.postponed_until, t.npm_deadline_before_postponement) == (None,) * 3
    assert t.spt_visits_from == t.entry_into_force
