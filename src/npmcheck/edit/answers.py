"""What a person types (at the interview's prompts, in a spreadsheet cell) read as profile values:
statuses in English or Russian, full or short, dates as precise as the source, web addresses."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from npmcheck.values import PartialDate

# every word accepted for each status, in both languages, whatever the language of the interview
# (lower case, 'ё' as 'е', '_' and '-' as spaces); the labels of views/labels.py are among them
STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "met": ("met", "m", "yes", "y", "выполнено", "выполнен", "в", "да"),
    "partial": ("partial", "partly", "partly met", "partially met", "p", "part",
                "частично", "выполнено частично", "частично выполнено", "ч"),
    "not_met": ("not met", "notmet", "nm", "n", "no", "не выполнено", "не выполнен",
                "невыполнено", "н", "нет"),
    "unknown": ("unknown", "u", "not known", "неизвестно", "не известно", "нет данных", "нд",
                "нз"),
    "not_applicable": ("not applicable", "n/a", "na", "не применимо", "неприменимо", "н/п",
                       "нп"),
}
_BY_WORD = {word: status for status, words in STATUS_WORDS.items() for word in words}


def _words(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    return " ".join(text.replace("_", " ").replace("-", " ").split())


def status(text: str) -> str | None:
    """The status code a word stands for (`partly` -> `partial`), or None."""
    return _BY_WORD.get(_words(text))


_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def date(text: str) -> PartialDate:
    """A date written YYYY, YYYY-MM or YYYY-MM-DD; ValueError for any other or one that cannot
    exist."""
    text = text.strip()
    if not _DATE.fullmatch(text):
        raise ValueError(text)
    return PartialDate.parse(text)


def date_value(value: PartialDate) -> str | int:
    """A date as the bundled profiles write it: a year alone as a number, else the ISO text."""
    return value.year if value.month is None else value.iso()


_URL = re.compile(r"https?://[^\s]+")


def url(text: str) -> str | None:
    text = text.strip()
    return text if _URL.fullmatch(text) else None


_SPACES = re.compile(r"[ \t\r\n]+")


def clean(text: str) -> str:
    """A one-line answer: spaces at both ends dropped, each run of spaces, tabs and line breaks
    made one space (a no-break space, as in "2025 г.", stays as it is)."""
    return _SPACES.sub(" ", text).strip(" ")


def later_than(value: PartialDate, limit: dt.date) -> bool:
    return value.earliest() > limit
