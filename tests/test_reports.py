"""Workshop reports (HTML, Markdown, Word), the roadmap and comparison as HTML.

Snapshots: tests/snapshots/ holds the exact Markdown and HTML of the report for the fixture
profile tests/fixtures/report/profiles/reportland.yaml (with the mini catalogue). After an
intended change to a report, rewrite them and review the diff:

    NPMCHECK_UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/test_reports.py
"""

from __future__ import annotations

import copy
import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, MINI, ROOT, po_messages

REPORT = FIXTURES / "report"
SNAPSHOTS = ROOT / "tests" / "snapshots"
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
DATA = ("--data", MINI, "--data", REPORT)
HOSTILE_URLS = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>",
                "vbscript:x", "//evil.example/x", "https://ok.example/a b", "ftp://x.example/"]


@pytest.fixture(autouse=True)
def _fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def report(cli: Any, tmp_path: Path, *args: str, name: str = "out.html") -> tuple[int, str, Path]:
    target = tmp_path / name
    code, _, err = cli("report", *args, *DATA, "-o", target)
    return code, err, target


def snapshot(name: str, data: bytes) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("NPMCHECK_UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    assert path.exists(), f"no snapshot {name}; run with NPMCHECK_UPDATE_SNAPSHOTS=1"
    assert data.decode("utf-8") == path.read_text("utf-8"), \
        f"{name} changed; if intended, run with NPMCHECK_UPDATE_SNAPSHOTS=1 and review the diff"


def view(lang: str = "en") -> dict[str, Any]:
    from npmcheck.commands.common import Common
    from npmcheck.commands.roadmap import build_plan
    from npmcheck.views.report import report_view

    plan = build_plan(Common(lang, [MINI, REPORT]), "reportland", None, None, None)
    return report_view(plan, lang, "2026-01-01T00:00:00+00:00")


# ---------------------------------------------------------------- snapshots


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_snapshot(cli, tmp_path: Path, fmt: str, lang: str) -> None:
    code, err, target = report(cli, tmp_path, "reportland", "--lang", lang, name=f"r.{fmt}")
    assert code == 0, err
    snapshot(f"report-reportland.{lang}.{fmt}", target.read_bytes())


def test_same_input_same_bytes(cli, tmp_path: Path) -> None:
    for fmt in ("md", "html", "docx"):
        first = report(cli, tmp_path, "reportland", "--lang", "ru", name=f"a.{fmt}")[2]
        second = report(cli, tmp_path, "reportland", "--lang", "ru", name=f"b.{fmt}")[2]
        assert first.read_bytes() == second.read_bytes(), fmt


# ---------------------------------------------------------------- HTML


def html_outputs(cli: Any, tmp_path: Path) -> dict[str, str]:
    outputs = {}
    for lang in ("en", "ru"):
        _, _, target = report(cli, tmp_path, "reportland", "--lang", lang, name=f"{lang}.html")
        outputs[f"report-{lang}"] = target.read_text("utf-8")
    for by in ("phase", "actor"):
        code, out, _ = cli("roadmap", "reportland", *DATA, "--format", "html", "--by", by)
        assert code == 0
        outputs[f"roadmap-{by}"] = out
    code, out, _ = cli("compare", "--all", "--criteria", *DATA, "--format", "html")
    assert code == 0
    outputs["compare"] = out
    return outputs


def test_html_is_one_self_contained_file(cli, tmp_path: Path) -> None:
    for name, html in html_outputs(cli, tmp_path).items():
        lowered = html.lower()
        for banned in ("<script", "src=", "@import", "<link", "<img", "<iframe",
                       "javascript:", "@font-face"):
            assert banned not in lowered, (name, banned)
        # the pictures refer to their own patterns and clip paths (url(#...)), never outside
        assert not re.search(r"url\((?!#)", lowered), name
        assert not re.search(r'xlink:href="(?!#)', lowered), name
        assert lowered.startswith("<!doctype html>"), name
        assert '<meta charset="utf-8">' in html, name
        assert 'name="viewport"' in html, name
        assert "@page { size: A4" in html, name
        assert "overflow-x: auto" in html, name


def test_html_language_and_print_breaks(cli, tmp_path: Path) -> None:
    outputs = html_outputs(cli, tmp_path)
    assert '<html lang="en">' in outputs["report-en"]
    assert '<html lang="ru">' in outputs["report-ru"]
    report_html = outputs["report-en"]
    assert ".page { break-before: page; }" in report_html
    assert "tr { break-inside: avoid; }" in report_html
    assert report_html.count('class="page"') >= 3
    assert report_html.count("<svg") == 2  # the scores by area and the timeline
    for symbol in ("✓", "◐", "✗", "?", "–"):
        assert symbol in report_html


def test_roadmap_html_groups_by_phase_or_actor(cli, tmp_path: Path) -> None:
    outputs = html_outputs(cli, tmp_path)
    assert "<h3>Designation</h3>" in outputs["roadmap-phase"]
    assert "<h3>Parliament</h3>" in outputs["roadmap-actor"]
    assert "<h3>Designation</h3>" not in outputs["roadmap-actor"]


def test_compare_html_matrix_only_with_criteria(cli) -> None:
    code, full, _ = cli("compare", "--all", "--criteria", *DATA, "--format", "html")
    assert code == 0 and "Criteria by country" in full and "mandate.pre-mapping" in full
    code, short, _ = cli("compare", "--all", *DATA, "--format", "html")
    assert code == 0 and "Criteria by country" not in short
    assert "Reportland" in short and "XR" in short


def test_hostile_profile_text_is_escaped_in_html(cli, tmp_path: Path) -> None:
    html = html_outputs(cli, tmp_path)["report-en"]
    assert "<script>" not in html and "<b>in part" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;in part&lt;/b&gt;" in html
    assert 'href="https://example.org/status?a=1&amp;b=2"' in html


# ---------------------------------------------------------------- Markdown


def unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_markdown_escapes_profile_text(cli, tmp_path: Path) -> None:
    _, _, target = report(cli, tmp_path, "reportland", name="r.md")
    md = target.read_text("utf-8")
    assert "<script>" not in md and "\\<script\\>alert(1)\\</script\\>" in md
    assert "\\<b\\>in part\\</b\\>: \\| police \\| prisons \\| second line" in md
    # every row of a table has as many cell separators as its header
    block: list[str] = []
    for line in [*md.splitlines(), ""]:
        if line.startswith("|"):
            block.append(line)
        elif block:
            assert len({unescaped_pipes(row) for row in block}) == 1, block
            block = []
    # the title's own "[1]" stays text; "[2]" after it is the event's source in the list
    assert "| Workshop on the NPM law \\| \\*draft\\* \\[1\\] \\[2\\] | workshop |" in md
    assert "Adopt the NPM law (national action plan, item 12)" in md  # newline folded
    assert "<https://example.org/status?a=1&b=2>" in md


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_only_http_urls_become_links(url: str) -> None:
    from npmcheck.render.registry import Options, render

    v = copy.deepcopy(view())
    v["sources"][0]["url"] = url
    html = render("report", "html", v, Options("en"))
    assert isinstance(html, str)
    assert "href=\"#source-" in html  # internal links to the list of sources remain
    hrefs = re.findall(r'(?<![:\w])href="([^"]*)"', html)  # not the pictures' xlink:href
    assert all(h.startswith("#source-") for h in hrefs), hrefs
    assert "<script" not in html.lower() and "<b>x" not in html
    md = render("report", "md", v, Options("en"))
    assert isinstance(md, str)
    assert f"<{url}>" not in md and "](" not in md
    docx = render("report", "docx", v, Options("en"))
    assert isinstance(docx, bytes)
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        rels = package.read("word/_rels/document.xml.rels").decode("utf-8")
    assert "hyperlink" not in rels


def test_http_url_becomes_a_link_everywhere() -> None:
    from npmcheck.render.registry import Options, render

    v = view()
    html = render("report", "html", v, Options("en"))
    assert isinstance(html, str)
    assert '<a href="https://example.org/status?a=1&amp;b=2">' in html
    docx = render("report", "docx", v, Options("en"))
    assert isinstance(docx, bytes)
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        rels = package.read("word/_rels/document.xml.rels").decode("utf-8")
    assert 'Target="https://example.org/status?a=1&amp;b=2" TargetMode="External"' in rels


# ---------------------------------------------------------------- Word


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_docx_is_a_real_word_document(cli, tmp_path: Path, lang: str) -> None:
    import docx
    from docx.shared import Mm

    code, err, target = report(cli, tmp_path, "reportland", "--lang", lang, name="r.docx")
    assert code == 0, err
    document = docx.Document(str(target))
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    h1 = [text for style, text in styles if style == "Heading 1"]
    h2 = [text for style, text in styles if style == "Heading 2"]
    assert len(h1) >= 6 and len(h2) >= 5
    assert any(style == "Title" for style, _ in styles)
    assert any(style == "List Bullet" for style, _ in styles)
    assert any(style == "List Number" for style, _ in styles)
    assert len(document.tables) >= 5
    for table in document.tables:
        header = table.rows[0]
        assert header._tr.trPr is not None
        assert header._tr.trPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
        assert all(run.bold for cell in header.cells for p in cell.paragraphs for run in p.runs)
    text = "\n".join(t for _, t in styles) + "\n".join(
        c.text for t in document.tables for r in t.rows for c in r.cells)
    before_summary = "\n".join(t for _, t in styles[:[t for _, t in styles].index(h1[0])])
    assert ("Факультативный протокол к Конвенции ООН против пыток" if lang == "ru" else
            "Optional Protocol to the UN Convention against Torture") in before_summary
    if lang == "ru":
        assert h1[0] == "Резюме"
        for expected in ("Отчётия", "Дорожная карта", "Пробелы по разделам", "Источники",
                         "НПМ назначен", "откроется путь ещё к 2 критериям"):
            assert expected in text, expected
        for english in ("Summary", "Roadmap", "Gaps by area", "How to read this report",
                        "not met", "weight"):
            assert english not in text, english
        assert document.core_properties.language == "ru-RU"
    else:
        assert h1[0] == "Summary" and "Reportland" in text
    assert "<script>alert(1)</script>" in text  # shown as text, as written


def test_docx_drops_characters_xml_cannot_hold() -> None:
    from npmcheck.render.registry import Options, render

    v = copy.deepcopy(view())
    v["country"]["name"] = "Name\x00\x01\x0b end"
    data = render("report", "docx", v, Options("en"))
    assert isinstance(data, bytes) and data[:2] == b"PK"


# ---------------------------------------------------------------- Russian


def test_russian_report_has_no_english_interface_text(cli, tmp_path: Path) -> None:
    po = po_messages()
    _, _, html_file = report(cli, tmp_path, "reportland", "--lang", "ru", name="r.html")
    _, _, md_file = report(cli, tmp_path, "reportland", "--lang", "ru", name="r.md")
    for text in (re.sub(r"<[^>]+>", " ", html_file.read_text("utf-8")),
                 md_file.read_text("utf-8")):
        for msgid, msgstr in po.items():
            if msgid != msgstr and "{" not in msgid and len(msgid) >= 8 and " " in msgid:
                assert msgid not in text, msgid
        assert "Отчётия" in text and "ФП КПП" in text
        # every abbreviation is spelled out before the summary that first uses it
        head = text[:text.index("Резюме")]
        for short, long in (("ФП КПП", "Факультативный протокол"),
                            ("НПМ", "национальный превентивный механизм"),
                            ("ППП", "Подкомитет ООН по предупреждению пыток"),
                            ("УПО", "универсальный периодический обзор")):
            assert f"{short} — {long}" in head, short


# ---------------------------------------------------------------- the command


@pytest.mark.parametrize(("name", "fmt", "start"), [
    ("r.md", None, b"# "), ("r.markdown", None, b"# "), ("r.HTML", None, b"<!DOCTYPE html>"),
    ("r.htm", None, b"<!DOCTYPE html>"), ("r.docx", None, b"PK"), ("r.txt", "md", b"# "),
    ("r.md", "html", b"<!DOCTYPE html>"), ("r.html", "docx", b"PK"),
])
def test_format_from_extension_or_option(cli, tmp_path: Path, name: str, fmt: str | None,
                                         start: bytes) -> None:
    args = ["reportland"] + (["--format", fmt] if fmt else [])
    code, err, target = report(cli, tmp_path, *args, name=name)
    assert code == 0, err
    assert target.read_bytes().startswith(start)
    assert err.strip() == f"Wrote {target}"


def test_unknown_extension_is_a_usage_error(cli, tmp_path: Path) -> None:
    code, err, target = report(cli, tmp_path, "reportland", name="r.odt")
    assert code == 2
    assert err.count("\n") == 1 and "E204" in err and "r.odt" in err
    assert not target.exists()


def test_existing_file_needs_force(cli, tmp_path: Path) -> None:
    target = tmp_path / "r.md"
    target.write_text("keep\n")
    code, err, _ = report(cli, tmp_path, "reportland", name="r.md")
    assert code == 2 and "E203" in err and err.count("\n") == 1
    assert target.read_text() == "keep\n"
    code, _, _ = cli("report", "reportland", *DATA, "-o", target, "--force")
    assert code == 0 and target.read_text().startswith("# Reportland")


@pytest.mark.parametrize("fmt", ["html", "md", "docx"])
def test_failing_render_leaves_no_file(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       fmt: str) -> None:
    import npmcheck.render.docx as docx_module
    import npmcheck.render.templating as templating

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(templating, "render", broken)
    monkeypatch.setattr(docx_module.Writer, "save", broken)
    monkeypatch.setattr("npmcheck.render.html.render", broken)
    fresh = tmp_path / f"new.{fmt}"
    code, _, err = cli("report", "reportland", *DATA, "-o", fresh)
    assert code == 3 and "boom" in err
    old = tmp_path / f"old.{fmt}"
    old.write_bytes(b"old")
    code, _, _ = cli("report", "reportland", *DATA, "-o", old, "--force")
    assert code == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"old.{fmt}"]
    assert old.read_bytes() == b"old"


def test_renderers_load_lazily() -> None:
    """The CLI starts without Jinja or python-docx; the report path imports only what it uses."""
    code = ("import sys, npmcheck.cli, npmcheck.commands, npmcheck.views;"
            "assert 'jinja2' not in sys.modules and 'docx' not in sys.modules;"
            "import npmcheck.render.wording, npmcheck.render.registry;"
            "assert 'jinja2' not in sys.modules and 'docx' not in sys.modules;"
            "import npmcheck.render.docx;"
            "assert 'jinja2' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_templates_ship_inside_the_package() -> None:
    from importlib import resources

    folder = resources.files("npmcheck.render").joinpath("templates")
    names = {p.name for p in folder.iterdir()}
    assert {"report.html.j2", "report.md.j2", "roadmap.html.j2", "compare.html.j2"} <= names


def test_summary_brief_keeps_whole_sentences() -> None:
    from npmcheck.render.wording import brief

    assert brief("Short.") == "Short."
    long = "First sentence is here and it is long enough to count. " * 3 + "Filler " * 100
    assert brief(long) == ("First sentence is here and it is long enough to count. " * 3).strip()
    words = "word " * 100
    assert brief(words).endswith("word\u2026") and len(brief(words)) <= 221
    # an abbreviation, an initial or a following number or small letter ends no sentence
    decree = ("The national preventive mechanism was designated by Presidential Decree No. 58 "
              + "of the President of the Republic and its regulation " * 5 + "ends here.")
    assert brief(decree).endswith("\u2026") and "No. 58 of the" in brief(decree)
    russian = ("Мандат национального превентивного механизма закреплён в ст. 17 закона и в п. 3 "
               "положения, утверждённого А. Ивановым в 2014 г. и с тех пор не менявшегося "
               + "ни по существу, ни по форме " * 6 + "до сих пор.")
    assert brief(russian).endswith("\u2026") and "п. 3 положения, утверждённого А. Ивановым в" \
        in brief(russian)


@pytest.mark.usefixtures("bundled")
@pytest.mark.parametrize("country", ["turkmenistan", "kyrgyzstan"])
def test_bundled_report_in_russian(cli, tmp_path: Path, country: str) -> None:
    """The workshop hand-out of issue 6: the bundled data, in Russian, as Word and HTML."""
    import docx

    target = tmp_path / f"{country}.docx"
    code, _, err = cli("report", country, "--lang", "ru", "-o", target)
    assert code == 0, err
    document = docx.Document(str(target))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["Резюме", "Баллы по разделам"]
    if country == "kyrgyzstan":  # a peer with a record by year: each row cites its sources
        table = next(t for t in document.tables if t.rows[0].cells[0].text == "Год")
        assert table.rows[0].cells[-1].text == "Источники"
        assert all(re.fullmatch(r"\[\d+(, \d+)*\]", row.cells[-1].text)
                   for row in table.rows[1:])
    html = tmp_path / f"{country}.html"
    code, _, err = cli("report", country, "--lang", "ru", "-o", html)
    assert code == 0, err
    assert "<script" not in html.read_text("utf-8")


@pytest.mark.usefixtures("bundled")
def test_russian_word_report_keeps_ids_and_the_tool_out_of_its_sentences(cli,
                                                                        tmp_path: Path) -> None:
    """Issue 14: criterion ids only in tables (the appendix of ids among them), never in the
    running text; the tool's name nowhere in what the report says about the law."""
    from docx import Document

    out = tmp_path / "tm.docx"
    assert cli("report", "turkmenistan", "--lang", "ru", "-o", out)[0] == 0
    document = Document(str(out))
    ids = re.compile(r"\b(ratification|designation|independence|personnel|resources|mandate|"
                     r"powers|protection|reporting|spt|transparency)\.[a-z][a-z-]+")
    paragraphs = [p.text for p in document.paragraphs]
    assert not [p for p in paragraphs if ids.search(p)]
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert any(ids.fullmatch(c) for c in cells)  # the appendix
    assert not [p for p in paragraphs[:-1] if "npmcheck" in p]  # the footer may name it


@pytest.mark.parametrize(("fmt", "name"), [("md", "report.md"), ("docx", "report.docx"),
                                           ("html", "report.html")])
def test_the_default_report_file_is_named_after_the_format(cli, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           fmt: str, name: str) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("report", "operating", "--data", str(MINI), "--format", fmt)
    assert code == 0, err
    assert [p.name for p in tmp_path.iterdir()] == [name]



# ---------------------------------------------------------------- every figure with its source


@pytest.mark.usefixtures("bundled")
def test_each_year_of_npm_activity_cites_its_sources(cli, tmp_path: Path) -> None:
    """A peer's visit counts are handed out at workshops: each year's row names its sources by
    their numbers in the report's list, and the notes sit below the table."""
    from npmcheck.commands.common import Common
    from npmcheck.commands.roadmap import build_plan
    from npmcheck.views.report import report_view

    plan = build_plan(Common("en", []), "georgia", None, None, None)
    v = report_view(plan, "en", "2026-01-01T00:00:00+00:00")
    by_number = {s["number"]: s["id"] for s in v["sources"]}
    years = {y.year: y for y in plan.assessment.profile.npm.activity}
    assert len(v["activity"]) == len(years) > 2
    for row in v["activity"]:
        assert {by_number[n] for n in row["refs"]} == set(years[row["year"]].sources)
    first = v["activity"][0]

    md = tmp_path / "ge.md"
    assert cli("report", "georgia", "-o", md)[0] == 0
    text = md.read_text("utf-8")
    section = text.split("### What the NPM did, year by year")[1].split("\n### ")[0]
    cited = ", ".join(str(n) for n in first["refs"])
    assert re.search(rf"^\| {first['year']} \|.*\| \\\[{cited}\\\] \|$", section, re.M)
    assert f"- **{first['year']}**: " in section  # its note, out of the table
    table, notes = section.split("\n\n- ", 1)
    reported = next(y for y in v["activity"] if y["report_url"])
    assert reported["report_url"] not in table and f"<{reported['report_url']}>" in notes

    # the HTML page is checked in test_site.py, the Word table in test_bundled_report_in_russian


def test_nhri_events_and_commitments_cite_their_sources() -> None:
    v = view()
    numbers = {s["id"]: s["number"] for s in v["sources"]}
    assert v["nhri"] is not None and v["nhri"]["refs"] == [numbers["s2"]]
    assert all(e["refs"] for e in v["events"])
    assert all(c["refs"] for c in v["commitments"])


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_a_years_notes_and_report_are_text_whatever_they_hold(url: str) -> None:
    """The notes below the activity table carry profile text and an annual report's title and
    address: escaped in Markdown and HTML, and only an http(s) address becomes a link."""
    from markupsafe import escape

    from npmcheck.render.registry import Options, render

    v = copy.deepcopy(view())
    hostile = "line\n- <script>x</script> | *y* [1]: https://e.example"
    v["activity"] = [
        {"year": 2023, "visits": 3, "places": [], "staff": None, "budget": "", "report": "",
         "report_url": url, "report_title": "<b>T</b> | *z*", "report_cell": "yes",
         "note": hostile, "refs": [1]},
        {"year": 2022, "visits": None, "places": [], "staff": None, "budget": "", "report": "",
         "report_url": "https://ok.example/r", "report_title": None, "report_cell": "yes",
         "note": None, "refs": []}]
    md = render("report", "md", v, Options("en"))
    assert isinstance(md, str)
    notes = md.split("### What the NPM did, year by year")[1].split("\n### ")[0]
    assert "- **2023**: line - \\<script\\>x\\</script\\> \\| \\*y\\* \\[1\\]: https://e.example " \
           "Annual report: \u201c\\<b\\>T\\</b\\> \\| \\*z\\*\u201d" in notes
    assert f"<{url}>" not in notes and "- **2022**: Annual report: <https://ok.example/r>" in notes
    html = render("report", "html", v, Options("en"))
    assert isinstance(html, str)
    assert "<script" not in html.lower() and "<b>T" not in html
    hrefs = re.findall(r'(?<![:\w])href="([^"]*)"', html)
    assert "https://ok.example/r" in hrefs and str(escape(url)) not in hrefs, hrefs
