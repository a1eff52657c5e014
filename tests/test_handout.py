"""`npmcheck report COUNTRY --handout`: two A4 pages (stage, score with coverage, the timeline,
the top gaps with who acts, the next dated steps, where the full report is), in HTML and Word;
and the full report, which begins with the same pages.

    NPMCHECK_UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/test_handout.py   # after a wanted change
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, MINI
from test_reports import EPOCH, snapshot

DATA = ("--data", MINI, "--data", FIXTURES / "report")


@pytest.fixture(autouse=True)
def _fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def handout(cli: Any, tmp_path: Path, name: str, *args: str) -> tuple[int, str, Path]:
    target = tmp_path / name
    code, _, err = cli("report", "reportland", "--handout", *DATA, *args, "-o", target)
    return code, err, target


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_handout_snapshot(cli, tmp_path: Path, lang: str) -> None:
    code, err, target = handout(cli, tmp_path, "h.html", "--lang", lang)
    assert code == 0, err
    snapshot(f"handout-reportland.{lang}.html", target.read_bytes())


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_handout_holds_what_a_workshop_needs(cli, tmp_path: Path, lang: str) -> None:
    code, err, target = handout(cli, tmp_path, "h.html", "--lang", lang)
    assert code == 0, err
    html = target.read_text("utf-8")
    words = {"en": ("Stage", "Score", "Coverage", "Timeline", "Who acts",
                    "The next three dated steps", "npmcheck report reportland"),
             "ru": ("Этап", "Балл", "Полнота", "Сроки", "Кто действует",
                    "Ближайшие три шага со сроками", "npmcheck report reportland")}[lang]
    for word in words:
        assert word in html, word
    assert html.count("<svg") == 1  # the timeline
    assert 'id="gaps"' not in html  # the full gap list stays in the full report
    assert len(re.findall(r"<tr><td class=\"c\"", html)) >= 1  # the top gaps


def test_full_report_begins_with_the_handout(cli, tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    code, _, err = cli("report", "reportland", *DATA, "-o", target)
    assert code == 0, err
    html = target.read_text("utf-8")
    assert html.index('id="handout"') < html.index('id="summary"') < html.index('id="gaps"')
    assert "The full report follows" in html
    assert '<section id="summary" class="page">' in html  # on a page of its own


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_word_handout_has_the_timeline_and_the_gaps(cli, tmp_path: Path, lang: str) -> None:
    code, err, target = handout(cli, tmp_path, "h.docx", "--lang", lang)
    assert code == 0, err
    with zipfile.ZipFile(target) as package:
        media = [n for n in package.namelist() if n.startswith("word/media/")]
        document = package.read("word/document.xml").decode("utf-8")
        assert package.testzip() is None
    assert len(media) == 1
    assert ("Who acts" if lang == "en" else "Кто действует") in document
    assert "w:pageBreakBefore" not in document  # one piece: no forced page break


@pytest.mark.parametrize("name", ["h.md", "h.csv"])
def test_handout_refuses_other_formats(cli, tmp_path: Path, name: str) -> None:
    code, err, target = handout(cli, tmp_path, name)
    assert code == 2 and not target.exists()
    assert len(err.strip().splitlines()) == 1 and "handout" in err
