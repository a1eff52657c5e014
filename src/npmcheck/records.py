"""Frozen records: small immutable classes declared as dataclasses are, without generated code.

`@dataclass(frozen=True)` writes the source of six methods for each class (`__init__`,
`__repr__`, `__eq__`, `__hash__`, `__setattr__`, `__delattr__`) and compiles it when the
module is imported: on Python 3.11 about 0.7 ms a class, some 25 ms of every start for the
classes of the model, the scores and the texts. A `Record` subclass is declared the same way
(annotated fields, defaults, `field(default_factory=...)`) and gets the same behaviour from
methods written once, here: the same constructor (positional or by name, defaults, errors
for a missing or unknown field), `repr`, equality and hash over the fields in order, ordering
with `order=True`, identity equality with `eq=False`, and assignment refused with
`dataclasses.FrozenInstanceError`. Pickles are those of a dataclass (the instance's `__dict__`),
`functools.cached_property` works, and `replace` stands for `dataclasses.replace`. Type checkers
read a record as a frozen dataclass (PEP 681, `dataclass_transform`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, Field, FrozenInstanceError, field
from operator import attrgetter
from typing import Any, ClassVar, TypeVar, dataclass_transform

R = TypeVar("R", bound="Record")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
class Record:
    """The base of a frozen record; `class Point(Record): x: int; y: int = 0`."""

    __fields__: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}
    _factories: ClassVar[dict[str, Callable[[], Any]]] = {}
    # for each count of leading fields given in order, the plain defaults of the rest (none
    # where a factory must run)
    _tails: ClassVar[dict[int, tuple[Any, ...]]] = {0: ()}

    @staticmethod
    def _values(record: Any) -> tuple[Any, ...]:
        """The values of the fields of `record`, in order (set for each class)."""
        return ()

    def __init_subclass__(cls, *, order: bool = False, eq: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names = list(cls.__fields__)
        defaults, factories = dict(cls._defaults), dict(cls._factories)
        # not inspect.get_annotations: importing inspect costs more than all records together
        for name, annotation in cls.__dict__.get("__annotations__", {}).items():  # noqa: RUF063
            if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
                continue
            if name not in names:
                names.append(name)
            default = cls.__dict__.get(name, MISSING)
            if isinstance(default, Field):
                if default.default_factory is not MISSING:
                    factories[name] = default.default_factory
                    delattr(cls, name)
                elif default.default is not MISSING:
                    defaults[name] = default.default
                    setattr(cls, name, default.default)
                else:
                    delattr(cls, name)
            elif default is not MISSING:
                defaults[name] = default
        cls.__fields__ = tuple(names)
        cls._defaults, cls._factories = defaults, factories
        required = [n for n in names if n not in defaults and n not in factories]
        first = names.index(required[-1]) + 1 if required else 0
        cls._tails = {count: tuple(defaults[n] for n in names[count:])
                      for count in range(first, len(names) + 1)
                      if all(n in defaults for n in names[count:])}
        getter = attrgetter(*names) if names else (lambda _: ())
        methods: dict[str, Any] = {
            "__match_args__": cls.__fields__,
            "_values": staticmethod(getter if len(names) != 1 else
                                    lambda record: (getter(record),)),
        }
        if not eq:
            methods.update(__eq__=object.__eq__, __hash__=object.__hash__)
        if order:
            methods.update(__lt__=_compare(tuple.__lt__), __le__=_compare(tuple.__le__),
                           __gt__=_compare(tuple.__gt__), __ge__=_compare(tuple.__ge__))
        for name, method in methods.items():
            setattr(cls, name, method)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        names = cls.__fields__
        if not kwargs:
            tail = cls._tails.get(len(args))
            if tail is not None:  # leading fields in order, plain defaults: most records built
                self.__dict__.update(zip(names, args + tail, strict=True))
                return
        if len(args) > len(names):
            raise TypeError(f"{cls.__qualname__}() takes {len(names)} arguments but "
                            f"{len(args)} were given")
        values = dict(zip(names, args, strict=False))
        for name, value in kwargs.items():
            if name in values:
                raise TypeError(f"{cls.__qualname__}() got multiple values for argument "
                                f"'{name}'")
            if name not in names:
                raise TypeError(f"{cls.__qualname__}() got an unexpected keyword argument "
                                f"'{name}'")
            values[name] = value
        if kwargs or len(values) < len(names):
            ordered = {}
            for name in names:
                if name in values:
                    ordered[name] = values[name]
                elif name in cls._defaults:
                    ordered[name] = cls._defaults[name]
                elif name in cls._factories:
                    ordered[name] = cls._factories[name]()
                else:
                    raise TypeError(f"{cls.__qualname__}() missing required argument: "
                                    f"'{name}'")
            values = ordered
        self.__dict__.update(values)

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}"
                           for name, value in zip(self.__fields__, self._values(self),
                                                  strict=True))
        return f"{type(self).__qualname__}({fields})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values(self) == self._values(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values(self))

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field '{name}'")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field '{name}'")


def _compare(test: Callable[[tuple[Any, ...], tuple[Any, ...]], bool]
             ) -> Callable[[Record, object], bool]:
    def compare(self: Record, other: object) -> bool:
        if other.__class__ is self.__class__:
            return test(self._values(self), self._values(other))
        return NotImplemented  # type: ignore[no-any-return]

    return compare


def replace(record: R, /, **changes: Any) -> R:
    """A copy of `record` with the fields named in `changes` changed (dataclasses.replace)."""
    unknown = set(changes) - set(record.__fields__)
    if unknown:
        raise TypeError(f"{type(record).__qualname__} has no field '{min(unknown)}'")
    return type(record)(**{name: changes[name] if name in changes else getattr(record, name)
                           for name in record.__fields__})
