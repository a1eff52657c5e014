"""Languages: gettext catalogues for the interface, and dates written the way each language does.

The English text is the message id; `locale/<lang>/LC_MESSAGES/npmcheck.po` holds the
translations, with plural forms and contexts, and `npmcheck.mo` beside it is the catalogue the
standard `gettext` module reads. scripts/update_po.py collects the msgids, updates the .po and
compiles the .mo with Babel; both are committed, so a fresh clone, an editable install and the
wheel all have the .mo without a build step, and `update_po.py --check` (run by the tests) fails
when the two disagree. `gettext` is imported by Click anyway, and reading the .mo is done once,
on the first translated text of a language.
"""

from __future__ import annotations

import datetime as dt
import gettext as gettext_module
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from npmcheck.values import LANGS, Lang, PartialDate, Text

DOMAIN = "npmcheck"

_MONTHS = {
    "en": [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ],
    # genitive for "25 июня 1999 г.", nominative for "июнь 1999 г."
    "ru": [
        "января", "февраля", "марта", "апреля", "мая", "июня",
        "июля", "августа", "сентября", "октября", "ноября", "декабря",
    ],
    "ru-nom": [
        "январь", "февраль", "март", "апрель", "май", "июнь",
        "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
    ],
    # prepositional, for "в июле 2009 г."
    "ru-prep": [
        "январе", "феврале", "марте", "апреле", "мае", "июне",
        "июле", "августе", "сентябре", "октябре", "ноябре", "декабре",
    ],
}


@dataclass(frozen=True)
class On:
    """A date with the preposition it takes in a sentence: "on 5 May 2010", "in 2009"."""

    date: PartialDate


@dataclass(frozen=True)
class Since:
    """A date after "since": "since June 1999" / "с июня 1999 г."."""

    date: PartialDate


def _code(value: str) -> str:
    """'ru' for ru, RU, ru_RU.UTF-8 or ru-RU."""
    return value.strip().lower().split("_")[0].split(".")[0].split("-")[0]


def unknown_env_lang() -> str | None:
    """NPMCHECK_LANG when it names a language npmcheck does not have (a typo such as 'rus')."""
    value = os.environ.get("NPMCHECK_LANG", "").strip()
    return value if value and _code(value) not in LANGS else None


def default_lang() -> Lang:
    """NPMCHECK_LANG, then the locale (LC_ALL, LC_MESSAGES, LANG), then English."""
    for name in ("NPMCHECK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").strip().lower()
        if not value:
            continue
        code = _code(value)
        if code in LANGS:
            return "ru" if code == "ru" else "en"
        if name == "NPMCHECK_LANG" or value not in ("c", "posix"):
            return "en"
    return "en"


@cache
def translations(lang: str) -> gettext_module.NullTranslations:
    """The compiled catalogue of `lang` (English, the msgids themselves: no catalogue)."""
    if lang == "en":
        return gettext_module.NullTranslations()
    name = f"locale/{lang}/LC_MESSAGES/{DOMAIN}.mo"
    # Straight from the package folder; importlib.resources (and the tempfile and zipfile modules
    # it imports, several milliseconds) only for a package that is not a plain folder.
    path = Path(__file__).parent / name
    try:
        if path.is_file():
            with path.open("rb") as file:
                return gettext_module.GNUTranslations(file)
        from importlib import resources

        with resources.files("npmcheck.i18n").joinpath(name).open("rb") as file:
            return gettext_module.GNUTranslations(file)
    except FileNotFoundError:
        return gettext_module.NullTranslations()


def gettext(message: str, lang: str) -> str:
    return translations(lang).gettext(message)


def ngettext(singular: str, plural: str, n: int, lang: str) -> str:
    """The form of a message for the count `n`: Russian has three ("1 критерий", "2 критерия",
    "5 критериев"), chosen by the catalogue's Plural-Forms."""
    return translations(lang).ngettext(singular, plural, n)


def pgettext(context: str, message: str, lang: str) -> str:
    """`message` as meant in `context`, for an English word that needs two Russian ones."""
    return translations(lang).pgettext(context, message)


def _fill(text: str, lang: str, params: Mapping[str, Any]) -> str:
    if not params:
        return text
    values = {k: fmt(v, lang) for k, v in params.items()}
    for key, value in values.items():
        if value.endswith("."):  # "в 2009 г." closing a sentence takes no second full stop
            text = text.replace(f"{{{key}}}.", f"{{{key}}}")
    return text.format(**values)


def tr(lang: str, message: str, **params: Any) -> str:
    """Translate `message` and fill in its {placeholders}, each formatted for `lang`."""
    return _fill(gettext(message, lang), lang, params)


def trn(lang: str, singular: str, plural: str, n: int, **params: Any) -> str:
    """`tr` of the form for the count `n`, which is also the placeholder {n}:
    `trn(lang, "{n} criterion", "{n} criteria", 5)` is "5 критериев" in Russian."""
    return _fill(ngettext(singular, plural, n, lang), lang, {"n": n, **params})


def trp(lang: str, context: str, message: str, **params: Any) -> str:
    """`tr` of `message` as meant in `context`."""
    return _fill(pgettext(context, message, lang), lang, params)


@dataclass(frozen=True, eq=False)
class Msg:
    """A message kept as its English template (the msgid) and its parameters, and put into
    words only when it is shown: `Msg("no profile '{query}'", {"query": "tm"})("ru")`.

    Unlike `tr`, parameters are not formatted for the language: values quoted from a file or
    the command line stay exactly as written, and a template may use format specs (`{size:,}`)
    that its translation is free to drop. A parameter that is a `Msg` or a `Text` is shown in
    the same language. A translation whose placeholders do not fit falls back to English."""

    template: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __call__(self, lang: str) -> str:
        text = gettext(self.template, lang)
        if not self.params:
            return text
        values = {k: v(lang) if isinstance(v, Msg | Text) else v for k, v in self.params.items()}
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):
            return self.template.format(**values)


def N_(message: str) -> str:
    """`message` unchanged: marks a msgid that is kept now and translated later."""
    return message


def msg(template: str, **params: Any) -> Msg:
    """A part of a message (a hint, a kind of value) that is translated with the whole."""
    return Msg(template, params)


def both(message: str, **params: Any) -> Text:
    """The message in every language, for results that are rendered later."""
    return Text(tr("en", message, **params), tr("ru", message, **params))


def fmt(value: Any, lang: str) -> str:
    if isinstance(value, Text):
        return value(lang)
    if isinstance(value, PartialDate):
        return format_date(value, lang)
    if isinstance(value, On):
        return _on(value.date, lang)
    if isinstance(value, Since):
        return _since(value.date, lang)
    if isinstance(value, dt.date):
        return format_date(PartialDate.from_date(value), lang)
    return str(value)


# "2026 г." with a no-break space, so that a line is never broken before the "г." (in Word, in a
# browser, in the terminal), as Russian typography requires
_YEAR = "\u00a0г."


def format_date(date: PartialDate, lang: str) -> str:
    if lang == "ru":
        if date.month is None:
            return f"{date.year}{_YEAR}"
        if date.day is None:
            return f"{_MONTHS['ru-nom'][date.month - 1]} {date.year}{_YEAR}"
        return f"{date.day} {_MONTHS['ru'][date.month - 1]} {date.year}{_YEAR}"
    if date.month is None:
        return str(date.year)
    if date.day is None:
        return f"{_MONTHS['en'][date.month - 1]} {date.year}"
    return f"{date.day} {_MONTHS['en'][date.month - 1]} {date.year}"


def _on(date: PartialDate, lang: str) -> str:
    if lang == "ru":
        if date.day is not None:
            return format_date(date, lang)
        if date.month is None:
            return f"в {date.year}{_YEAR}"
        return f"в {_MONTHS['ru-prep'][date.month - 1]} {date.year}{_YEAR}"
    return ("on " if date.day is not None else "in ") + format_date(date, lang)


def _since(date: PartialDate, lang: str) -> str:
    if lang == "ru":
        if date.month is None:
            return f"с {date.year}{_YEAR}"
        day = f"{date.day} " if date.day is not None else ""
        return f"с {day}{_MONTHS['ru'][date.month - 1]} {date.year}{_YEAR}"
    return "since " + format_date(date, lang)
