"""npmcheck.records.Record behaves as the frozen dataclass it stands for: the same constructor,
repr, equality, hash, ordering, pickles and errors, checked against a real dataclass of the same
fields on random values; and the domain's classes are records, not generated dataclasses."""

from __future__ import annotations

import dataclasses
import pickle
from functools import cached_property
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from npmcheck.records import Record, replace


class Point(Record, order=True):
    """A record with a default and a factory."""

    x: int
    y: int | None = None
    tags: dict[str, int] = dataclasses.field(default_factory=dict)

    @cached_property
    def total(self) -> int:
        return self.x + (self.y or 0)


@dataclasses.dataclass(frozen=True, order=True)
class DataPoint:
    """The same as a dataclass."""

    x: int
    y: int | None = None
    tags: dict[str, int] = dataclasses.field(default_factory=dict)


class Single(Record):
    """One field."""

    value: str


class Plain(Record, eq=False):
    """Identity equality."""

    value: str


@dataclasses.dataclass(frozen=True)
class DataSingle:
    """The same as a dataclass."""

    value: str


def outcome(compare: Any, one: object, other: object) -> object:
    """What comparing gives: a truth value, or the error (None and a number do not compare)."""
    try:
        return compare(one, other)
    except TypeError:
        return TypeError


values = st.tuples(st.integers(-5, 5), st.none() | st.integers(-5, 5))


@given(a=values, b=values)
def test_a_record_compares_sorts_and_hashes_as_the_dataclass(a: tuple[int, int | None],
                                                             b: tuple[int, int | None]) -> None:
    ra, rb, da, db = Point(*a), Point(*b), DataPoint(*a), DataPoint(*b)
    assert (ra == rb) == (da == db) and (ra != rb) == (da != db)
    assert repr(ra) == repr(da).replace("DataPoint", "Point")
    for compare in (lambda p, q: p < q, lambda p, q: p <= q, lambda p, q: p > q,
                    lambda p, q: p >= q):
        assert outcome(compare, ra, rb) == outcome(compare, da, db)
    assert Point(a[0], a[1], (1, 2)) == Point(a[0], a[1], (1, 2))  # type: ignore[arg-type]
    assert hash(Point(a[0], a[1], (1, 2))) == hash(DataPoint(a[0], a[1], (1, 2)))  # type: ignore[arg-type]


def test_the_constructor_takes_what_the_dataclass_takes() -> None:
    assert Point(1) == Point(x=1) == Point(1, None, {}) == Point(tags={}, x=1)
    assert list(vars(Point(tags={}, y=2, x=1))) == ["x", "y", "tags"]
    assert Point(1).tags is not Point(1).tags  # a fresh dict for each
    assert Point(1) != DataPoint(1) and Point(1) != (1, None, {})
    assert repr(Single("a")) == "Single(value='a')" and hash(Single("a")) == hash(DataSingle("a"))
    assert Single("a") == Single("a")
    make: Any = Point  # the wrong calls below, which a type checker would refuse
    for args, kwargs in (((), {}), ((1, 2, {}, 4), {}), ((1,), {"x": 2}), ((1,), {"z": 3})):
        with pytest.raises(TypeError):
            make(*args, **kwargs)


def test_a_record_is_frozen_and_pickles_as_the_dataclass_does() -> None:
    point = Point(1, 2, {"a": 1})
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 3  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del point.x
    assert point.total == 3 and vars(point)["total"] == 3  # cached_property still works
    again = pickle.loads(pickle.dumps(point))
    assert again == point and again.total == 3
    assert replace(point, y=5) == Point(1, 5, {"a": 1})
    with pytest.raises(TypeError):
        replace(point, z=1)


def test_eq_false_is_identity() -> None:
    one, other = Plain("a"), Plain("a")
    assert one == one and one != other and len({one, other}) == 2


def test_the_domain_classes_are_records() -> None:
    """A dataclass on the start-up path would compile its methods at every start again."""
    from npmcheck.domain import derive, model, scoring, timeline
    from npmcheck.i18n import Msg
    from npmcheck.values import PartialDate, Text

    classes: list[Any] = [Msg, PartialDate, Text]
    for module in (model, scoring, timeline, derive):
        classes += [c for c in vars(module).values()
                    if isinstance(c, type) and c.__module__ == module.__name__]
    assert len(classes) > 30
    assert not [c for c in classes if dataclasses.is_dataclass(c)]
    assert all(issubclass(c, Record) for c in classes if c.__doc__ and c.__annotations__)
