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

import contextlib
import datetime as dt
import gettext as gettext_module
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import field
from functools import cache
from pathlib import Path
from typing import Any

from npmcheck.i18n.cldr import CONVENTIONS, Conventions
from npmcheck.records import Record
from npmcheck.values import LANGS, Lang, PartialDate, Text

DOMAIN = "npmcheck"

class On(Record):
    """A date with the preposition it takes in a sentence: "on 5 May 2010", "in 2009"."""

    date: PartialDate


class Since(Record):
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


class Msg(Record, eq=False):
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
    memo = _remembered
    if memo is not None:
        key = (message, tuple(params.items()))
        try:
            found = memo.get(key)
        except TypeError:  # a parameter that cannot be a key (a list): put into words each time
            return Text(tr("en", message, **params), tr("ru", message, **params))
        if found is None:
            found = memo[key] = Text(tr("en", message, **params), tr("ru", message, **params))
        return found
    return Text(tr("en", message, **params), tr("ru", message, **params))


_remembered: dict[tuple[str, tuple[tuple[str, Any], ...]], Text] | None = None


@contextlib.contextmanager
def remembering() -> Iterator[None]:
    """While it lasts, `both` gives the Text it wrote before for the same message and values: a
    Text never changes, and assessing many profiles writes the same reasons (with the same
    bodies, dates and titles) over and over. It is forgotten at the end, so that nothing
    written under one catalogue outlives the command that wrote it."""
    global _remembered
    outer = _remembered
    if outer is None:
        _remembered = {}
    try:
        yield
    finally:
        _remembered = outer


def bothn(singular: str, plural: str, n: int, **params: Any) -> Text:
    """`both` of the form for the count `n` (the placeholder {n})."""
    return Text(trn("en", singular, plural, n, **params), trn("ru", singular, plural, n, **params))


def quoted(title: str, lang: str) -> str:
    """A title in the quotation marks of the language: “Title” in English; «Заголовок» in
    Russian, where quotes inside become „ “ (Закон «Об акыйкатчи» → «Закон „Об акыйкатчи“»)."""
    if lang == "ru":
        return "\u00ab" + title.replace("\u00ab", "\u201e").replace("\u00bb", "\u201c") + "\u00bb"
    return f"\u201c{title}\u201d"


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


# CLDR puts a narrow no-break space (U+202F) between the year and "г."; the plain no-break
# space (U+00A0) keeps them together as well and is in every terminal and Word font, where
# U+202F is missing from many
_NARROW_NBSP, _NBSP = "\u202f", "\u00a0"
_FIELD = re.compile(r"'([^']*)'|d+|M+|L+|y+|.", re.S)


def _conventions(lang: str) -> Conventions:
    return CONVENTIONS.get(lang, CONVENTIONS["en"])


def number(value: float, lang: str, digits: int = 1) -> str:
    """`value` with `digits` decimals as the language writes it: "14.8", "14,8", "1 234,5"."""
    c = _conventions(lang)
    text = f"{value:,.{digits}f}"
    if c.decimal == "." and c.group == ",":
        return text
    return text.replace(",", "\0").replace(".", c.decimal).replace("\0", c.group)


def percent(value: float, lang: str, digits: int = 1) -> str:
    """`value` per cent (0-100) as the language writes it: "98.5%", "98,5 %" (CLDR's pattern
    puts the sign before or after, with or without a space)."""
    pattern = _conventions(lang).percent
    start = next(i for i, ch in enumerate(pattern) if ch in "#0,.")
    end = len(pattern.rstrip("%\u00a0 \u202f"))
    return pattern[:start] + number(value, lang, digits) + pattern[end:]


def _pattern(pattern: str, date: PartialDate, c: Conventions) -> str:
    """A CLDR date pattern with the fields npmcheck uses: d, MMMM (the format form of the month),
    LLLL (its stand-alone form), y, and quoted text."""
    out = []
    for match in _FIELD.finditer(pattern):
        token = match[0]
        if match[1] is not None:
            out.append(match[1])
        elif token[0] == "d":
            out.append(str(date.day))
        elif token[0] in "ML" and date.month is not None:
            out.append((c.months if token[0] == "M" else c.months_alone)[date.month - 1])
        elif token[0] == "y":
            out.append(str(date.year))
        else:
            out.append(token)
    return "".join(out).replace(_NARROW_NBSP, _NBSP)


def format_date(date: PartialDate, lang: str) -> str:
    """"5 May 2010", "May 2010", "2010"; "5 мая 2010 г.", "май 2010 г.", "2010 г."."""
    c = _conventions(lang)
    pattern = c.year if date.month is None else c.month if date.day is None else c.day
    return _pattern(pattern, date, c)


def _prepositional(nominative: str) -> str:
    """The month after "в": "в июле", "в марте" (CLDR has the nominative and genitive only; all
    twelve Russian month names form it the same way, -ь/-й to -е, else -е added)."""
    return nominative[:-1] + "е" if nominative[-1] in "ьй" else nominative + "е"


def _on(date: PartialDate, lang: str) -> str:
    if lang == "ru":
        if date.day is not None:
            return format_date(date, lang)
        if date.month is None:
            return "в " + format_date(date, lang)
        c = _conventions(lang)
        year = _pattern(c.year, date, c)
        return f"в {_prepositional(c.months_alone[date.month - 1])} {year}"
    return ("on " if date.day is not None else "in ") + format_date(date, lang)


def _since(date: PartialDate, lang: str) -> str:
    if lang == "ru":
        if date.month is None or date.day is not None:
            return "с " + format_date(date, lang)
        c = _conventions(lang)
        return f"с {c.months[date.month - 1]} {_pattern(c.year, date, c)}"
    return "since " + format_date(date, lang)
