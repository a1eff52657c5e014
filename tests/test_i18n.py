"""The catalogues (gettext .po and compiled .mo, plural forms, contexts) and the numbers and
dates of each language."""

from __future__ import annotations

import datetime as dt
import gettext
import importlib.util
import io
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import PO, ROOT
from npmcheck import i18n
from npmcheck.values import PartialDate

MO = PO.with_suffix(".mo")
CRITERIA = ("{n} criterion; weight 3 = core, 2 = important, 1 = supporting.",
            "{n} criteria; weight 3 = core, 2 = important, 1 = supporting.")


@pytest.mark.parametrize(("n", "word"), [
    (1, "критерий"), (2, "критерия"), (5, "критериев"), (11, "критериев"), (21, "критерий"),
    (22, "критерия"), (25, "критериев"), (0, "критериев"), (12, "критериев"),
    (14, "критериев"), (101, "критерий"), (111, "критериев"),
])
def test_russian_plural_forms(n: int, word: str) -> None:
    assert i18n.trn("ru", *CRITERIA, n).startswith(f"{n} {word};")


@pytest.mark.parametrize(("n", "word"), [(1, "criterion"), (2, "criteria"), (0, "criteria"),
                                         (21, "criteria")])
def test_english_plural_forms(n: int, word: str) -> None:
    assert i18n.trn("en", *CRITERIA, n).startswith(f"{n} {word};")


def test_a_count_through_the_cli(cli, bundled) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("criteria", "--lang", "ru")
    assert code == 0
    count = sum(1 for line in out.splitlines() if line.startswith(" ") and "." in line.split()[0])
    assert count > 20
    last = out.rstrip().splitlines()[-1]
    word = {0: "критерий", 1: "критерия", 2: "критериев"}[
        0 if count % 10 == 1 and count % 100 != 11 else
        1 if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14 else 2]
    assert last.startswith(f"{count} {word};"), last


def test_po_and_mo_agree() -> None:
    """Every translated message of the .po reads back from the .mo with the gettext module,
    in every plural form and context, and the .mo has no message the .po lacks."""
    with PO.open("rb") as file:
        catalog = read_po(file)
    with MO.open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    assert compiled.info()["plural-forms"] == catalog.plural_forms
    seen = 0
    for m in catalog:
        if not m.id or m.fuzzy:
            continue
        seen += 1
        if isinstance(m.id, tuple):
            for n, form in ((1, 0), (2, 1), (5, 2)):
                got = compiled.npgettext(m.context, m.id[0], m.id[1], n) if m.context else \
                    compiled.ngettext(m.id[0], m.id[1], n)
                assert got == m.string[form], (m.id, n)
        else:
            got = compiled.pgettext(m.context, m.id) if m.context else compiled.gettext(m.id)
            assert got == m.string, m.id
    assert seen == len(compiled._catalog) - 1 - sum(  # type: ignore[attr-defined]
        len(m.string) - 1 for m in catalog if m.id and isinstance(m.id, tuple))


def _copy_tree(tmp_path: Path) -> Path:
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "update_po.py", tmp_path / "scripts")
    shutil.copytree(ROOT / "src", tmp_path / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return tmp_path / "src" / "npmcheck" / "i18n" / "locale" / "ru" / "LC_MESSAGES"


def _check(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(tree / "scripts" / "update_po.py"), "--check"],
                          capture_output=True, text=True, check=False)


def test_check_fails_when_po_and_mo_disagree(tmp_path: Path) -> None:
    folder = _copy_tree(tmp_path)
    assert _check(tmp_path).returncode == 0
    po = folder / "npmcheck.po"
    text = po.read_text("utf-8")
    old = 'msgstr "Резюме"'
    assert old in text
    po.write_text(text.replace(old, 'msgstr "Сводка"'), "utf-8")
    result = _check(tmp_path)
    assert result.returncode == 1
    assert "npmcheck.mo: differs: 'Summary'; run scripts/update_po.py" in result.stdout
    (folder / "npmcheck.mo").unlink()
    result = _check(tmp_path)
    assert result.returncode == 1 and "no compiled catalogue" in result.stdout


def test_update_compiles_what_the_program_reads(tmp_path: Path) -> None:
    folder = _copy_tree(tmp_path)
    po = folder / "npmcheck.po"
    po.write_text(po.read_text("utf-8").replace('msgstr "Резюме"', 'msgstr "Сводка"'), "utf-8")
    subprocess.run([sys.executable, str(tmp_path / "scripts" / "update_po.py")], check=True,
                   capture_output=True)
    assert _check(tmp_path).returncode == 0
    with (folder / "npmcheck.mo").open("rb") as file:
        assert gettext.GNUTranslations(file).gettext("Summary") == "Сводка"


@cache  # loaded once, not again for each of the 150 examples below
def _update_po() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_po", ROOT / "scripts" / "update_po.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["update_po"] = module
    spec.loader.exec_module(module)
    return module


# any text but the NUL that separates the forms of a plural message inside a .mo
TEXTS = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                min_size=1)


@settings(max_examples=150, deadline=None)
@given(msgid=TEXTS, msgstr=TEXTS, context=st.one_of(st.none(), TEXTS))
def test_any_text_survives_po_and_mo(msgid: str, msgstr: str, context: str | None) -> None:
    """What update_po.py writes to the .po reads back unchanged, and its .mo gives the program
    the same text: quotes, backslashes, newlines, tabs and any script."""
    update_po = _update_po()
    catalog = Catalog(locale="ru", domain="npmcheck", fuzzy=False)
    catalog.add(msgid, msgstr, context=context)
    again = read_po(io.BytesIO(update_po.po_bytes(catalog)))
    compiled = gettext.GNUTranslations(io.BytesIO(update_po.mo_bytes(again)))
    if context is None:
        assert compiled.gettext(msgid) == msgstr
    else:
        assert compiled.pgettext(context, msgid) == msgstr


# ---------------------------------------------------------------- numbers and dates (CLDR)


def test_cldr_table_is_what_babel_gives(tmp_path: Path) -> None:
    folder = _copy_tree(tmp_path)
    table = folder.parents[2] / "cldr.py"
    table.write_text(table.read_text("utf-8").replace("decimal=','", "decimal='.'"), "utf-8")
    result = _check(tmp_path)
    assert result.returncode == 1
    assert "i18n/cldr.py: not what Babel's CLDR data gives" in result.stdout


BABEL_LOCALE = {"en": "en_GB", "ru": "ru"}


@settings(max_examples=200, deadline=None)
@given(value=st.floats(min_value=0, max_value=10**7, allow_nan=False),
       lang=st.sampled_from(["en", "ru"]))
def test_numbers_and_percentages_are_babels(value: float, lang: str) -> None:
    from babel.numbers import format_decimal, format_percent

    value = round(value, 1)
    locale = BABEL_LOCALE[lang]
    assert i18n.number(value, lang) == format_decimal(value, "#,##0.0", locale=locale)
    pattern = format_percent(0, locale=locale).replace("0", "#,##0.0")
    assert i18n.percent(value, lang) == format_percent(value / 100, pattern, locale=locale)


def test_numbers_as_each_language_writes_them() -> None:
    assert (i18n.number(14.8, "en"), i18n.percent(98.5, "en")) == ("14.8", "98.5%")
    assert (i18n.number(14.8, "ru"), i18n.percent(98.5, "ru")) == ("14,8", "98,5\u00a0%")
    assert i18n.number(1200000.5, "ru", 2) == "1\u00a0200\u00a0000,50"


@settings(max_examples=200, deadline=None)
@given(date=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
       lang=st.sampled_from(["en", "ru"]))
def test_dates_are_babels(date: dt.date, lang: str) -> None:
    from babel.dates import format_skeleton

    locale = BABEL_LOCALE[lang]

    def babel(skeleton: str) -> str:
        return format_skeleton(skeleton, date, locale=locale).replace("\u202f", "\u00a0")

    assert i18n.format_date(PartialDate(date.year, date.month, date.day), lang) == babel("yMMMMd")
    assert i18n.format_date(PartialDate(date.year, date.month), lang) == babel("yMMMM")
    year = i18n.format_date(PartialDate(date.year), lang)
    assert year == (f"{date.year}\u00a0г." if lang == "ru" else str(date.year))


def test_russian_dates_in_sentences() -> None:
    months = ["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе",
              "сентябре", "октябре", "ноябре", "декабре"]
    for month, word in enumerate(months, 1):
        assert i18n.fmt(i18n.On(PartialDate(2009, month)), "ru") == f"в {word} 2009\u00a0г."
    assert i18n.fmt(i18n.On(PartialDate(2009)), "ru") == "в 2009\u00a0г."
    assert i18n.fmt(i18n.On(PartialDate(2010, 5, 5)), "ru") == "5 мая 2010\u00a0г."
    assert i18n.fmt(i18n.Since(PartialDate(1999, 6)), "ru") == "с июня 1999\u00a0г."
    assert i18n.fmt(i18n.Since(PartialDate(1999, 6, 25)), "en") == "since 25 June 1999"
    assert i18n.fmt(i18n.On(PartialDate(2009, 7)), "en") == "in July 2009"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_assess_writes_numbers_as_the_language_does(cli, bundled, lang: str) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("assess", "turkmenistan", "--lang", lang)
    assert code == 0
    if lang == "ru":
        assert re.search(r"Балл \d+,\d из 100 · полнота данных \d+,\d\u00a0%", out), out[:400]
        assert not re.search(r"\b\d+\.\d%", out)
    else:
        assert re.search(r"Score \d+\.\d of 100 · coverage \d+\.\d%", out), out[:400]


# ---------------------------------------------------------------- counts in the outputs


@pytest.mark.parametrize(("n", "en", "ru"), [
    (1, "The most important gap", "Главный пробел"),
    (2, "The 2 most important gaps", "2 главных пробела"),
    (5, "The 5 most important gaps", "5 главных пробелов"),
    (21, "The 21 most important gaps", "21 главный пробел"),
])
def test_the_top_gaps_heading_agrees_with_the_count(n: int, en: str, ru: str) -> None:
    from npmcheck.render.wording import top_heading

    assert (top_heading(n, "en"), top_heading(n, "ru")) == (en, ru)


@pytest.mark.parametrize(("n", "criteria", "steps"), [
    (1, "ещё к 1 критерию", "ещё к 1 шагу"), (2, "ещё к 2 критериям", "ещё к 2 шагам"),
    (5, "ещё к 5 критериям", "ещё к 5 шагам"), (11, "ещё к 11 критериям", "ещё к 11 шагам"),
    (21, "ещё к 21 критерию", "ещё к 21 шагу"), (22, "ещё к 22 критериям", "ещё к 22 шагам"),
])
def test_what_follows_agrees_with_the_count(n: int, criteria: str, steps: str) -> None:
    from npmcheck.render.wording import follow_line, ntr_steps

    assert follow_line(n, "ru").endswith(criteria) and ntr_steps(n, "ru").endswith(steps)
    assert follow_line(1, "en") == "Once this is met, 1 more criterion can follow"
    assert ntr_steps(n, "en").endswith(f"{n} more {'step' if n == 1 else 'steps'} can follow")


def test_report_heading_counts_the_gaps_it_lists(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from conftest import FIXTURES, MINI

    target = tmp_path / "r.md"
    code, _, err = cli("report", "reportland", "--data", MINI, "--data", FIXTURES / "report",
                       "--lang", "ru", "-o", target)
    assert code == 0, err
    text = target.read_text("utf-8")
    heading = text.index("### 2 главных пробела")
    listed = text[heading:].split("\n\n### ")[0]
    assert len(re.findall(r"^\d+\. ", listed, re.M)) == 2


def test_russian_weight_is_abbreviated_as_its_legend_says(cli, bundled) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("assess", "turkmenistan", "--lang", "ru")
    assert code == 0
    assert "В — вес" in out and re.search(r"^✗ В3 ", out, re.M) and "W3" not in out
    code, out, _ = cli("assess", "turkmenistan", "--lang", "en")
    assert "W = weight" in out and re.search(r"^✗ W3 ", out, re.M)


def test_months_agree_with_their_count() -> None:
    from npmcheck.i18n import bothn

    months = ("{n} month after entry into force", "{n} months after entry into force")
    assert [bothn(*months, n).ru for n in (1, 2, 5, 12, 21)] == [
        "1 месяц после вступления в силу", "2 месяца после вступления в силу",
        "5 месяцев после вступления в силу", "12 месяцев после вступления в силу",
        "21 месяц после вступления в силу"]
    assert bothn(*months, 1).en == "1 month after entry into force"


# ---------------------------------------------------------------- wording (issue 14 item 5)

CRITERION_ID = re.compile(r"\b(ratification|designation|independence|personnel|resources|"
                          r"mandate|powers|protection|reporting|spt|transparency)\.[a-z][a-z-]+")


def _running_text(kind: str, text: str) -> list[str]:
    """The report's sentences and headings: no tables, no styles, no tags (HTML), and not the
    closing footer that says what made the file."""
    if kind == "html":
        text = re.sub(r"(?s)<table.*?</table>|<style.*?</style>|<footer.*?</footer>", "", text)
        lines = re.sub(r"<[^>]+>", " ", text).splitlines()
    else:
        lines = [line for line in text.splitlines() if not line.startswith("|")][:-1]
    return [line for line in lines if line.strip()]


@pytest.mark.parametrize("kind", ["md", "html"])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_reports_keep_ids_and_the_tool_out_of_their_sentences(
        cli, bundled, tmp_path: Path, kind: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / f"tm.{kind}"
    assert cli("report", "turkmenistan", "--lang", lang, "-o", out)[0] == 0
    text = out.read_text("utf-8")
    lines = _running_text(kind, text)
    assert len(lines) > 100
    assert not [line for line in lines if CRITERION_ID.search(line)]
    assert not [line for line in lines if "npmcheck" in line]
    assert CRITERION_ID.search(text)  # the tables keep them


@pytest.mark.parametrize(("lang", "adopted", "made", "ended"), [
    ("en", "adopted on 24 January 2019", "UPR recommendation", "period ended"),
    ("ru", "принят 24 января 2019\u00a0г.", "рекомендация УПО", "срок истёк"),
])
def test_a_plan_is_adopted_and_its_period_ends(cli, bundled, tmp_path: Path, lang: str,  # type: ignore[no-untyped-def]
                                               adopted: str, made: str, ended: str) -> None:
    out = tmp_path / "tj.md"
    assert cli("report", "tajikistan", "--lang", lang, "-o", out)[0] == 0
    rows = [line for line in out.read_text("utf-8").splitlines()
            if line.startswith("| Национальный план действий" if lang == "ru" else
                               "| National Action Plan")]
    assert rows and adopted in rows[0] and ended in rows[0]
    assert "passed" not in rows[0] and "прош" not in rows[0]


def test_each_kind_of_commitment_comes_about_in_its_own_words() -> None:
    from npmcheck.views.report import made_label

    day, year = PartialDate(2019, 1, 24), PartialDate(2019)
    assert made_label("action-plan", day, "en") == "adopted on 24 January 2019"
    assert made_label("action-plan", day, "ru") == "принят 24 января 2019\u00a0г."
    assert made_label("upr", year, "en") == "made in 2019"
    assert made_label("upr", year, "ru") == "вынесена в 2019\u00a0г."
    assert made_label("cat", year, "ru") == "вынесена в 2019\u00a0г."
    assert made_label("other", year, "ru") == "взято в 2019\u00a0г."
    assert made_label("other", None, "ru") == ""
    # one English text, two Russian ones: the context tells them apart
    assert i18n.pgettext("recommendation", "made {date}", "ru") == "вынесена {date}"
    assert i18n.pgettext("commitment", "made {date}", "ru") == "взято {date}"
    assert i18n.pgettext("commitment", "made {date}", "en") == "made {date}"


def test_titles_take_the_quotation_marks_of_the_language() -> None:
    from npmcheck.i18n import quoted

    assert quoted("Annual report 2024", "en") == "\u201cAnnual report 2024\u201d"
    assert quoted("Ежегодный доклад", "ru") == "«Ежегодный доклад»"
    assert quoted("Закон «Об акыйкатчи»", "ru") == "«Закон „Об акыйкатчи“»"
