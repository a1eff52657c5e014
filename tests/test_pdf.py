"""`report -o FILE.pdf` and `report --handout -o FILE.pdf`: the HTML laid out for print by
WeasyPrint (an optional extra). Page counts are read with poppler's pdfinfo; a test that needs
WeasyPrint or pdfinfo is skipped, with its reason printed (-rs), where they are missing."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, MINI
from test_reports import EPOCH

DATA = ("--data", MINI, "--data", FIXTURES / "report")


@pytest.fixture(autouse=True)
def _fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def needs_weasyprint() -> None:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as e:
        pytest.skip(f"WeasyPrint cannot be imported here ({e}); pip install 'npmcheck[pdf]'")


def pdf_text(path: Path, first: int, last: int) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(["pdftotext", "-f", str(first), "-l", str(last), str(path), "-"],
                          capture_output=True, text=True, check=True, timeout=60)
    return done.stdout


def pages(path: Path) -> int:
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed: cannot count the pages")
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True,
                          timeout=60)
    (line,) = [x for x in done.stdout.splitlines() if x.startswith("Pages:")]
    return int(line.split()[1])


def write(cli: Any, target: Path, *args: str) -> None:
    code, _, err = cli("report", "reportland", *DATA, *args, "-o", target)
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_handout_pdf_is_at_most_two_a4_pages(cli, tmp_path: Path, lang: str) -> None:
    needs_weasyprint()
    target = tmp_path / "h.pdf"
    write(cli, target, "--handout", "--lang", lang)
    assert 1 <= pages(target) <= 2
    done = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True)
    assert "595.276 x 841.89 pts (A4)" in done.stdout  # every page: pdfinfo gives the first
    text = pdf_text(target, 1, 2)
    assert ("Who acts" if lang == "en" else "Кто действует") in text
    assert re.search(r"\b1 ?/ ?2\b", text)  # page numbers


def test_report_pdf_begins_with_the_handout(cli, tmp_path: Path) -> None:
    needs_weasyprint()
    target = tmp_path / "r.pdf"
    write(cli, target)
    assert pages(target) > 2
    assert "The full report follows" in pdf_text(target, 1, 2)
    assert "Gaps by area" in pdf_text(target, 3, pages(target))


def test_pdf_without_weasyprint_says_how_to_install_it(cli, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint -> ImportError
    for args in ((), ("--handout",)):
        target = tmp_path / "r.pdf"
        code, _, err = cli("report", "reportland", *DATA, *args, "-o", target)
        assert code == 2 and not target.exists() and not list(tmp_path.iterdir())
        assert len(err.strip().splitlines()) == 1, err
        assert "pip install 'npmcheck[pdf]'" in err and "E208" in err
