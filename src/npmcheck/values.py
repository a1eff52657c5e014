"""Values every layer shares: texts in several languages, dates as precise as their sources."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from functools import cache
from typing import Any, Literal

from npmcheck.records import Record

Lang = Literal["en", "ru"]
LANGS: tuple[Lang, ...] = ("en", "ru")


@cache
def days_in_month(year: int, month: int) -> int:
    """calendar.monthrange(year, month)[1], remembered: a thousand profiles ask it some forty
    thousand times (a seventh of a warm compare --all)."""
    return calendar.monthrange(year, month)[1]


class Text(Record):
    """A text people read, in English and optionally Russian (English is the fallback)."""

    en: str
    ru: str | None = None

    def __call__(self, lang: str) -> str:
        return self.ru if lang == "ru" and self.ru else self.en

    def has(self, lang: str) -> bool:
        return lang == "en" or (lang == "ru" and bool(self.ru))

    @classmethod
    def of(cls, raw: Any) -> Text:
        if isinstance(raw, Mapping):
            return cls(str(raw["en"]), raw.get("ru"))
        return cls(str(raw))

    @classmethod
    def maybe(cls, raw: Any) -> Text | None:
        return None if raw is None else cls.of(raw)


class PartialDate(Record, order=True):
    """A date as precise as its source: a year, a month, or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, raw: Any) -> PartialDate:
        """Parse 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; ValueError for a date that cannot exist."""
        parts = [int(p) for p in str(raw).split("-")]
        if not 1 <= len(parts) <= 3:
            raise ValueError(f"'{raw}' is not a date")
        date = cls(*parts)
        if date.month is not None and not 1 <= date.month <= 12:
            raise ValueError(f"'{raw}' has no month {date.month}")
        dt.date(date.year, date.month or 1, date.day or 1)  # raises for 2023-02-30 and year 0
        return date

    @classmethod
    def maybe(cls, raw: Any) -> PartialDate | None:
        return None if raw is None else cls.parse(raw)

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @property
    def is_exact(self) -> bool:
        return self.day is not None

    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or days_in_month(self.year, month))

    def iso(self) -> str:
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        return out

    def __str__(self) -> str:
        return self.iso()
