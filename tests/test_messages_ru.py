"""Error and problem messages in Russian: the same problem (file, line, column, code) as in
English, only the words translated; every message template is in the Russian catalogue."""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import string
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import MINI, ROOT, po_messages
from npmcheck import i18n
from npmcheck.diagnostics import Problem
from npmcheck.load import workspace
from npmcheck.load.yamlio import load_file
from npmcheck.values import Text

Cli = Callable[..., tuple[int, str, str]]
CASES = ROOT / "tests" / "cases"
PACKAGE = ROOT / "src" / "npmcheck"
LINE = re.compile(r"^(?P<where>.+?)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<code>[A-Z]\d{3}) "
                  r"(?P<msg>.+)$")
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
# values from the file or the command line, paths and ids
QUOTED = re.compile(r"'[^']*'|«[^»]*»|\"[^\"]*\"|\S+[./]\S+")
WORD = re.compile(r"[A-Za-z]{3,}")
VERBATIM = {"YAML", "force", "profile"}  # names kept as they are: --force, --profile

# (arguments, the codes expected); each run once in English and once with --lang ru
BAD_INPUTS: dict[str, tuple[tuple[str | Path, ...], set[str]]] = {
    "yaml-syntax": (("validate", CASES / "yaml" / "syntax-error.yaml"), {"Y004"}),
    "duplicate-key": (("validate", CASES / "yaml" / "duplicate-key.yaml"), {"Y006"}),
    "schema-type": (("validate", "--data", MINI, CASES / "profiles" / "wrong-type.yaml"),
                    {"S103"}),
    "unknown-field": (("validate", "--data", MINI, CASES / "profiles" / "unknown-field.yaml"),
                      {"S101", "S102"}),
    "unknown-criterion": (("validate", "--data", MINI,
                           CASES / "profiles" / "unknown-criterion.yaml"), {"R101"}),
    "unknown-source": (("validate", "--data", MINI, CASES / "profiles" / "unknown-source.yaml"),
                       {"R102"}),
    "future-as-of": (("validate", "--data", MINI, CASES / "profiles" / "future-as-of.yaml"),
                     {"R108"}),
    "unknown-country": (("assess", "nonparti", "--data", MINI), {"E201"}),
    "unknown-criterion-id": (("criteria", "mandate.al", "--data", MINI), {"E202"}),
    "output-exists": (("report", "nonparty", "--data", MINI, "-o", "{existing}"), {"E203"}),
    "output-exists-assess": (("assess", "nonparty", "--data", MINI, "-o", "{existing}"),
                             {"E203"}),
    "catalogue-checks": (("validate", CASES / "criteria"),
                         {"R103", "R104", "R105", "R106", "R110", "R111", "R113", "S101",
                          "S104", "S106"}),
}


def parsed(output: str) -> list[tuple[str, int, int, str, str]]:
    found = []
    for line in output.splitlines():
        match = LINE.match(line)
        if match:
            found.append((match["where"], int(match["line"] or 0), int(match["col"] or 0),
                          match["code"], match["msg"]))
    return found


def words(message: str) -> set[str]:
    return set(WORD.findall(QUOTED.sub("", message)))


def run(cli: Cli, tmp_path: Path, args: tuple[str | Path, ...], *lang: str) -> tuple[int, str]:
    existing = tmp_path / "existing.html"
    existing.write_text("keep me", "utf-8")
    code, out, err = cli(*(str(existing) if a == "{existing}" else a for a in args), *lang)
    return code, out + err


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_same_problem_in_russian_words(cli: Cli, tmp_path: Path, name: str) -> None:
    args, codes = BAD_INPUTS[name]
    code_en, out_en = run(cli, tmp_path, args)
    code_ru, out_ru = run(cli, tmp_path, args, "--lang", "ru")
    english, russian = parsed(out_en), parsed(out_ru)
    assert code_en == code_ru == 2
    assert {p[3] for p in english} == codes
    assert [p[:4] for p in russian] == [p[:4] for p in english]
    for (*_, en), (*_, ru) in zip(english, russian, strict=True):
        assert CYRILLIC.search(ru), ru
        leftover = words(ru) & words(en) - VERBATIM
        assert not leftover, (ru, leftover)
        assert ru.isprintable()


def test_summary_and_hint_in_russian(cli: Cli) -> None:
    _, out, _ = cli("validate", "--data", MINI, CASES / "profiles" / "bad-enum.yaml", "--lang",
                    "ru")
    assert "(возможно, вы имели в виду «partial»?)" in out
    assert out.splitlines()[-1] == "Есть ошибки: проверено файлов: 1; ошибок: 1; предупреждений: 0."
    _, _, err = cli("assess", "nonparti", "--data", MINI, "--lang", "ru")
    assert err == "npmcheck: E201 нет профиля «nonparti»; возможно, вы имели в виду «nonparty»?\n"


def test_warning_prefix_in_russian(cli: Cli) -> None:
    _, out, _ = cli("validate", "--data", MINI, CASES / "profiles" / "unused-source.yaml", "-l",
                    "ru")
    assert ":10:10: W201 предупреждение: источник «s9» " in out


def test_values_stay_as_written(cli: Cli, tmp_path: Path) -> None:
    """A quoted value is the file's own, in any language, and still kept to one line."""
    target = tmp_path / "draft.yaml"
    text = (CASES / "profiles" / "unknown-criterion.yaml").read_text("utf-8")
    target.write_text(text.replace("mandate.pre-maping", "Mandate.Pre-Mapíng {x}"), "utf-8")
    _, out, _ = cli("validate", "--data", MINI, target, "--lang", "ru")
    assert "«Mandate.Pre-Mapíng {x}»" in out
    target.write_text(text.replace("mandate.pre-maping", '"mandate\\tx"'), "utf-8")
    _, out, _ = cli("validate", "--data", MINI, target, "--lang", "ru")
    assert "«mandate\\tx»" in out


def test_json_and_github_follow_the_language(cli: Cli) -> None:
    case = CASES / "profiles" / "wrong-type.yaml"
    _, out_en, _ = cli("validate", "--format", "json", "--data", MINI, case)
    _, out_ru, _ = cli("validate", "--format", "json", "--data", MINI, case, "--lang", "ru")
    en, ru = json.loads(out_en)["problems"][0], json.loads(out_ru)["problems"][0]
    assert {k: v for k, v in ru.items() if k != "message"} == \
        {k: v for k, v in en.items() if k != "message"}
    assert en["message"] == "'as_of' should be text, not the number 20260101"
    assert ru["message"] == "«as_of»: ожидается текст, а не число 20260101"
    _, out, _ = cli("validate", "--format", "github", "--data", MINI, case, "--lang", "ru")
    first = out.splitlines()[0]
    assert first.startswith("::error file=") and first.endswith(
        "wrong-type.yaml,line=2,col=8,title=S103::«as_of»: ожидается текст, а не число 20260101")


@pytest.mark.parametrize("lang_args", [("--lang", "ru"), ("--lang=ru",), ("-l", "ru"), ("-lru",)])
def test_language_of_errors_from_the_command_line(cli: Cli, lang_args: tuple[str, ...]) -> None:
    """Also an error Click raises, before the command has its --lang, is in Russian."""
    _, _, err = cli("assess", "--data", MINI, *lang_args)
    assert err == "npmcheck: E201 укажите страну (например, «turkmenistan») или задайте " \
                  "--profile\n"
    _, _, err = cli("assess", "nonparty", "--as-of", "2024-13-01", *lang_args)
    assert "ожидается дата в виде ГГГГ-ММ-ДД (см. «npmcheck assess --help»)" in err


def test_language_from_the_environment(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NPMCHECK_LANG", "ru")
    _, _, err = cli("assess", "nonparti", "--data", MINI)
    assert "нет профиля «nonparti»" in err
    _, _, err = cli("assess", "nonparti", "--data", MINI, "--lang", "en")
    assert "no profile 'nonparti'" in err
    monkeypatch.setenv("NPMCHECK_LANG", "rus")  # not a language: English, and it says so
    _, _, err = cli("assess", "nonparty", "--data", MINI)
    assert "NPMCHECK_LANG is 'rus'" in err


# Click's own sentences, each form of i18n/clickwords.py provoked for real: (arguments, the
# Russian line expected after "npmcheck: E204 "); in English each stays Click's sentence
CLICK_FORMS: dict[str, tuple[tuple[str, ...], str]] = {
    "choice": (("assess", "...", "nonparty", "--format", "xx"),
               "Недопустимое значение для '--format' / '-f': 'xx' — такого варианта нет; "
               "возможны: 'table', 'json', 'csv', 'md'."),
    "whole-number": (("assess", "...", "nonparty", "--stale-after", "abc"),
                     "Недопустимое значение для '--stale-after': 'abc' — не целое число."),
    "range": (("assess", "...", "nonparty", "--stale-after", "0"),
              "Недопустимое значение для '--stale-after': 0 — вне допустимого диапазона "
              "1<=x<=600."),
    "option-with-hint": (("assess", "...", "nonparty", "--formt", "md"),
                         "Неизвестный параметр --formt (похожие: --force, --format)"),
    "option": (("assess", "...", "nonparty", "--bogus"), "Неизвестный параметр --bogus"),
    "command-with-hint": (("asses", "nonparty", "..."),
                          "Неизвестная команда 'asses'. Возможно, имелась в виду 'assess'?"),
    "command": (("xyzzy", "..."), "Неизвестная команда 'xyzzy'."),
    "needs-value": (("assess", "...", "nonparty", "--stale-after"),
                    "Для параметра '--stale-after' нужно значение."),
    "takes-no-value": (("report", "...", "nonparty", "--force=1"),
                       "Параметр '--force' не принимает значения."),
    "extra-words": (("assess", "...", "nonparty", "extra"), "Лишние слова в команде: extra"),
    "missing-argument": (("sheet", "import", "..."), "Не указан аргумент 'workbook'."),
    "folder-for-a-file": (("sheet", "import", "...", str(MINI)),
                          f"Недопустимое значение для 'workbook': {str(MINI)!r} — папка, "
                          "а не файл."),
    "file-for-a-folder": (("assess", "...", "nonparty", "-d", str(MINI / "criteria" / "mini.yaml")),
                          "Недопустимое значение для '--data' / '-d': "
                          f"{str(MINI / 'criteria' / 'mini.yaml')!r} — файл, а не папка."),
}


@pytest.mark.parametrize("name", sorted(CLICK_FORMS))
def test_click_usage_errors_in_russian(cli: Cli, name: str) -> None:
    """Typer's copy of Click words its usage errors in English f-strings; each known form is
    said again in Russian, and a rewording in a Typer upgrade fails here."""
    args, expected = CLICK_FORMS[name]

    def run(lang: str) -> tuple[int, str, str]:
        at = args.index("...")
        return cli(*args[:at], "--data", str(MINI), "--lang", lang, *args[at + 1:])

    code, out, err = run("ru")
    assert code == 2 and out == ""
    assert re.fullmatch(rf"npmcheck: E204 {re.escape(expected)}( \(см\. «npmcheck( [a-z]+)* "
                        r"--help»\))?\n", err), err
    code, _, english = run("en")
    assert code == 2 and english.startswith("npmcheck: E204 ") and not CYRILLIC.search(english)


def test_a_click_sentence_of_unknown_form_stays_as_written() -> None:
    from npmcheck.i18n.clickwords import click_message

    assert click_message("Something Click says anew.", "ru") == "Something Click says anew."
    assert click_message("Invalid value for '-x': odd.", "ru") == \
        "Недопустимое значение для '-x': odd."


# ---------------------------------------------------------------- the catalogue


def templates(value: object) -> Iterator[str]:
    """The msgids of a problem's message and of every message part inside it."""
    if isinstance(value, Problem):
        yield value.template
        value = i18n.Msg("", value.params)
    if isinstance(value, i18n.Msg):
        if value.template:
            yield value.template
        for param in value.params.values():
            yield from templates(param)


def corpus_problems() -> list[Problem]:
    found = [p for path in sorted((CASES / "yaml").glob("*.yaml")) for p in load_file(path)[1]]
    criteria = sorted((CASES / "criteria").glob("*.yaml"))
    profiles = sorted((CASES / "profiles").glob("*.yaml"))
    for ws in (workspace.load_files(criteria, []),
               workspace.load_files(sorted((MINI / "criteria").rglob("*.yaml")), profiles)):
        found += ws.all_problems()
    return found


def test_every_problem_of_the_corpus_is_translated() -> None:
    catalogue = po_messages()
    problems = corpus_problems()
    assert len({p.code for p in problems}) >= 25
    missing = {t for p in problems for t in templates(p) if t not in catalogue}
    assert not missing, missing
    for p in problems:
        assert CYRILLIC.search(p.text("ru")), p.text("ru")


def _fields(text: str) -> set[str] | None:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:  # braces that are text, not placeholders (a parser's own words)
        return None


def test_translations_keep_the_placeholders() -> None:
    """A translation may leave a placeholder out, never bring in one the text does not have."""
    for msgid, msgstr in po_messages().items():
        theirs = _fields(msgid)
        if theirs is not None:  # else a text with braces, shown as it is
            ours = _fields(msgstr)
            assert ours is not None and ours <= theirs, (msgid, msgstr)


def test_translation_that_does_not_fit_falls_back_to_english(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "gettext", lambda message, lang: "нет {country}")
    assert i18n.msg("no profile '{query}'{hint}", query="x", hint="")("ru") == "no profile 'x'"


def test_nested_parts_and_texts_follow_the_language() -> None:
    text = i18n.msg("unknown criterion '{id}'{hint}", id="a.b",
                    hint=i18n.msg("; did you mean '{name}'?", name="a.c"))
    assert text("en") == "unknown criterion 'a.b'; did you mean 'a.c'?"
    assert text("ru") == "неизвестный критерий «a.b»; возможно, вы имели в виду «a.c»?"
    assert i18n.msg("{name}: {reason}", name="x", reason=Text("en", "ру"))("ru") == "x: ру"


def test_templates_are_literals_never_built_strings() -> None:
    """An f-string or a sum as a template would be missing from the catalogue (and put the
    user's values into the msgid); they go in as parameters. The calls are those whose texts
    scripts/update_po.py collects."""
    spec = importlib.util.spec_from_file_location("update_po", ROOT / "scripts" / "update_po.py")
    assert spec is not None and spec.loader is not None
    update_po = importlib.util.module_from_spec(spec)
    sys.modules["update_po"] = update_po
    spec.loader.exec_module(update_po)
    built = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            spec_ = update_po.CALLS.get(name or "")
            if spec_ is None:
                continue
            index = max(i for i in spec_ if i is not None)
            if len(node.args) <= index:
                continue
            head = node.args[:index + 1]
            if any(isinstance(head[i], ast.JoinedStr | ast.BinOp) for i in spec_ if i is not None) \
                    or any(isinstance(a, ast.Starred) for a in head):
                built.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not built, built


# ---------------------------------------------------------------- help pages


def _help(*args: str, env: dict[str, str] | None = None) -> str:
    """A help page as the program prints it: help texts are set when the CLI is imported, so
    this runs a fresh process (in-process runs share the first import)."""
    import os
    import subprocess

    result = subprocess.run([sys.executable, "-m", "npmcheck", *args], capture_output=True,
                            text=True, encoding="utf-8", timeout=60,
                            env={**os.environ, "NPMCHECK_LANG": "en", **(env or {})})
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_help_pages_in_russian_from_the_command_line_or_the_environment() -> None:
    page = _help("assess", "--help", "--lang", "ru")
    assert page.startswith("Использование: npmcheck assess [OPTIONS] [country]\n")
    for words in ("Оценить страну по каталогу", "Аргументы:", "Параметры:",
                  "[по умолчанию: table]", "Показать эту справку и выйти."):
        assert words in page
    # no English sentence is left: what stays is syntax (option names, metavars, choices)
    assert not re.search(r"\b[A-Z][a-z]+ [a-z]+ [a-z]+", page), page
    whole = _help("--help", env={"NPMCHECK_LANG": "ru"})
    assert "Команды:" in whole and "Установить автодополнение" in whole
    listed = whole.split("Команды:")[1].strip().splitlines()
    assert len(listed) == 12 and all(CYRILLIC.search(line) for line in listed)


def test_help_pages_in_english_are_what_typer_writes() -> None:
    page = _help("assess", "--help", "--lang", "en")
    assert page.startswith("Usage: npmcheck assess [OPTIONS] [country]\n")
    assert "Score a country against the catalogue" in page
    assert "Show this message and exit." in page and not CYRILLIC.search(page)
